"""Events page: the filtered events as a sortable table, and downloads."""

import streamlit as st

from newsmap import formats, mapview
from pages.app import common

filters = common.sidebar_filters()
shown = common.filtered_events(common.database_url(), filters)

st.title("Events")
st.markdown(common.summary_line(shown, common.overview(common.database_url()).n_events))

st.dataframe(
    mapview.events_table(shown),
    hide_index=True,
    width="stretch",
    height=min(560, 40 + 35 * max(len(shown), 1)),
    column_config={
        "date": st.column_config.TextColumn("Date"),
        "type": st.column_config.TextColumn("Type"),
        "place": st.column_config.TextColumn("Place"),
        "admin1": st.column_config.TextColumn("Region"),
        "country": st.column_config.TextColumn("Country"),
        "killed": st.column_config.NumberColumn("Killed", format="%d"),
        "wounded": st.column_config.NumberColumn("Wounded", format="%d"),
        "sources": st.column_config.NumberColumn("Sources", format="%d"),
        "excerpt": st.column_config.TextColumn("Sentence", width="large"),
        "event_id": st.column_config.TextColumn("Event ID"),
        "article_id": st.column_config.TextColumn("Article"),
    },
)

st.subheader("Download the events shown")
csv_column, geojson_column, html_column = st.columns(3)
with csv_column:
    st.download_button(
        "CSV (ACLED columns)",
        formats.render_events(shown, "csv"),
        file_name="newsmap-events.csv",
        mime="text/csv",
        width="stretch",
        disabled=not shown,
    )
with geojson_column:
    st.download_button(
        "GeoJSON",
        formats.render_events(shown, "geojson"),
        file_name="newsmap-events.geojson",
        mime="application/geo+json",
        width="stretch",
        disabled=not shown,
    )
with html_column:
    st.download_button(
        "Map (standalone HTML, works offline)",
        common.standalone_map_html(common.database_url(), filters),
        file_name="newsmap-map.html",
        mime="text/html",
        width="stretch",
        disabled=not shown,
    )

if shown:
    st.subheader("Open an article")
    by_id = {e["event_id"]: e for e in shown}
    chosen = st.selectbox(
        "Event",
        list(by_id),
        format_func=lambda event_id: (
            f"{by_id[event_id].get('event_date') or '?'} · {mapview.place_name(by_id[event_id])} · "
            f"{mapview.type_label(by_id[event_id]['event_type'])} · {mapview.casualty_text(by_id[event_id])}"
        ),
    )
    for source in by_id[chosen].get("sources") or []:
        st.page_link(
            "pages/app/articles.py",
            label=f"{source.get('title') or 'Untitled article'} ({source.get('source') or 'unknown source'})",
            query_params={"article": source["article_id"]},
            icon=":material/article:",
        )
