"""Map page: the filtered events on a map with their list beside it, and the casualty timeline below.

Dragging across the timeline (a brush) sets the date filter; the map's own time slider animates
the shown events within it.
"""

from datetime import datetime, timezone

import streamlit as st

from newsmap.timeline import BRUSH, timeline_chart_from_rows
from pages.app import common

_TIMELINE = "nm_timeline"


def _brushed_dates() -> None:
    """The timeline's brush, once released, becomes the date filter."""
    chosen = st.session_state[_TIMELINE].selection.get(BRUSH) or {}
    span = next(iter(chosen.values()), None)
    if not span or len(span) != 2:
        return
    start, end = sorted(datetime.fromtimestamp(value / 1000, timezone.utc).date() for value in span)
    common.set_date_filter(start, end)


filters = common.sidebar_filters()
view = common.map_view(common.database_url(), filters)

st.title("Conflict events")
st.markdown(view.summary)
if note := common.capped_note(common.database_url(), filters, view.n_shown):
    st.info(note)
st.iframe(view.html, height=600, alt="Map of the filtered events")
st.caption(
    "Hover a marker for the place, date, figures and the sentence they come from; click it (or its row "
    "in the list) for its sources. Numbered circles hold several events: click to zoom in or spread them "
    "out. The slider at the bottom left steps through the days or weeks. Tiles © OpenStreetMap "
    "contributors (packaged, zoom 0–6; online tiles in the layer menu)."
)
if view.bars or view.diplomatic:
    st.altair_chart(
        timeline_chart_from_rows(view.bars, view.diplomatic, height=220),
        width="stretch",
        key=_TIMELINE,
        on_select=_brushed_dates,
        selection_mode=BRUSH,
    )
    st.caption("Drag across the timeline to set the date filter to that span.")
else:
    st.info("No dated events with casualty figures or diplomatic events match the filters.")
