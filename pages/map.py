"""Map page: the filtered events on a map, with the casualty timeline beside it."""

import streamlit as st

from newsmap import mapview
from pages import common

all_events = common.events()
filters = common.sidebar_filters(all_events)
shown = common.filtered_events(common.database_url(), filters)

st.title("Conflict events")
st.markdown(common.summary_line(shown, len(all_events)))

map_column, timeline_column = st.columns([3, 2], gap="medium")
with map_column:
    st.iframe(common.map_page_html(common.database_url(), filters), height=640)
    st.caption(
        "Hover a marker for the place, date, figures and the sentence they come from; click it for "
        "its sources and a link to the article. Tiles © OpenStreetMap contributors when online; "
        "country outlines (Natural Earth) when offline."
    )
with timeline_column:
    if any(e.get("event_date") for e in shown):
        st.altair_chart(mapview.timeline_chart(shown, height=560), width="stretch")
    else:
        st.info("No dated events match the filters.")

if not shown:
    st.info("No events match these filters. Clear some filters in the sidebar.")
