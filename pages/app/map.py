"""Map page: the filtered events on a map, with the casualty timeline beside it."""

import streamlit as st

from newsmap.timeline import timeline_chart_from_rows
from pages.app import common

filters = common.sidebar_filters()
view = common.map_view(common.database_url(), filters)

st.title("Conflict events")
st.markdown(view.summary)

map_column, timeline_column = st.columns([3, 2], gap="medium")
with map_column:
    st.iframe(view.html, height=640, alt="Map of the filtered events")
    st.caption(
        "Hover a marker for the place, date, figures and the sentence they come from; click it for "
        "its sources and a link to the article. Tiles © OpenStreetMap contributors when online; "
        "country outlines (Natural Earth) when offline."
    )
with timeline_column:
    if view.bars or view.diplomatic:
        st.altair_chart(timeline_chart_from_rows(view.bars, view.diplomatic, height=560), width="stretch")
    else:
        st.info("No dated events with casualty figures or diplomatic events match the filters.")
