"""Events page: the filtered events as a table, downloads, and one event's sources and corrections."""

import streamlit as st

from newsmap import formats
from newsmap.errors import NewsmapError
from newsmap.mapview import LOW_CONFIDENCE
from newsmap.labels import casualty_text, place_name, sources_text, type_label
from newsmap.table import events_table
from pages.app import common, correct

filters = common.sidebar_filters()
shown = common.filtered_events(common.database_url(), filters)

st.title("Events")
st.markdown(common.summary_line(shown, common.overview(common.database_url()).n_events))
if note := common.capped_note(common.database_url(), filters, len(shown)):
    st.info(note)

rows = events_table(shown)
table = st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    height=min(560, 40 + 35 * max(len(shown), 1)),
    on_select="rerun",
    selection_mode="single-row",
    key="nm_events_table",
    column_config={
        "date": st.column_config.TextColumn("Date"),
        "type": st.column_config.TextColumn("Type"),
        "place": st.column_config.TextColumn("Place"),
        "admin1": st.column_config.TextColumn("Region"),
        "country": st.column_config.TextColumn("Country"),
        "killed": st.column_config.NumberColumn("Killed", format="%d"),
        "wounded": st.column_config.NumberColumn("Wounded", format="%d"),
        "sources": st.column_config.NumberColumn("Sources", format="%d"),
        "figures_by_source": st.column_config.TextColumn(
            "Figures by source", help="For events reported by several sources: whether their figures agree"
        ),
        "corrected": st.column_config.TextColumn(
            "Corrected", help="Fields an analyst corrected (the table shows the corrected values)"
        ),
        "excerpt": st.column_config.TextColumn("Sentence", width="large"),
        "event_id": st.column_config.TextColumn("Event ID"),
        "article_id": st.column_config.TextColumn("Article"),
    },
)
st.caption("Select a row to see its sources and correct it below.")

st.subheader("Download the events shown")
downloads = [
    ("CSV (ACLED columns)", lambda: formats.render_events(shown, "csv"), "newsmap-events.csv", "text/csv"),
    ("GeoJSON", lambda: formats.render_events(shown, "geojson"), "newsmap-events.geojson", "application/geo+json"),
    ("Map (standalone HTML, works offline)", lambda: common.standalone_map_html(common.database_url(), filters),
     "newsmap-map.html", "text/html"),
]
for column, (label, render, file_name, mime) in zip(st.columns(len(downloads)), downloads):
    with column:
        st.download_button(label, render(), file_name=file_name, mime=mime, width="stretch", disabled=not shown)


def _event_label(event) -> str:
    return (
        f"{event.get('event_date') or '?'} · {place_name(event)} · "
        f"{type_label(event['event_type'])} · {casualty_text(event)}"
    )


def _picked_in_box(widget_key: str) -> None:
    st.session_state[PICKED] = st.session_state[widget_key]
    correct.forget_message()


PICKED = "nm_event_id"


def _review(event_id: str, action: str, message: str) -> None:
    correct.forget_message()
    try:
        common.review_event(event_id, action, correct.analyst())
    except NewsmapError as error:
        st.error(common.md(f"Not saved: {error}"))
        return
    correct.say_done(message)
    st.rerun()


correct.show_messages()

if shown:
    st.subheader("One event: sources and corrections")
    by_id = {e["event_id"]: e for e in shown}
    selected_rows = list(table.selection.rows)
    # Follow the table only when its selection changes, so the select box below stays usable (and a
    # correction that moves the selected event to another row doesn't switch to that row's new event).
    if selected_rows != st.session_state.get("nm_table_rows"):
        if "nm_table_rows" in st.session_state:
            correct.forget_message()
        st.session_state["nm_table_rows"] = selected_rows
        if selected_rows and selected_rows[0] < len(rows):
            st.session_state[PICKED] = rows[selected_rows[0]]["event_id"]
    ids = list(by_id)
    chosen = st.session_state.get(PICKED)
    if chosen not in by_id:
        chosen = ids[0]
    # A new box whenever the chosen event's values change: the browser would keep showing its old label.
    box_key = f"nm_event_{chosen}_{correct.version(by_id[chosen])}"
    chosen = st.selectbox(
        "Event", ids, index=ids.index(chosen), key=box_key, format_func=lambda event_id: _event_label(by_id[event_id]),
        on_change=_picked_in_box, args=(box_key,),
    )
    event = by_id[chosen]
    with st.form(f"nm_dismiss_{chosen}", border=False):
        name_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
        with name_column:
            who = correct.name_field("Dismissed by (optional)", "nm_dismiss_by")
        with button_column:
            dismiss = st.form_submit_button(
                "Dismiss this event", width="stretch",
                help="Hide it from the map, lists and exports; it stays stored and can be restored below.")
    if dismiss:
        correct.remember_name(who)
        _review(chosen, "dismissed", f"Dismissed: {_event_label(event)}. Restore it under “Dismissed events”.")
    reported = sources_text(event)
    st.markdown(common.md(f"{reported[0].upper()}{reported[1:]}."))
    for source in event.get("sources") or []:
        common.article_link(
            source["article_id"],
            f"{source.get('title') or 'Untitled article'} ({source.get('source') or 'unknown source'})"
            f" · {casualty_text(source)}",
        )
    if event.get("corrected"):
        extracted = event.get("extracted_values") or {}
        st.caption(common.md(
            "Corrected by an analyst: "
            + "; ".join(f"{field} (extracted: {correct.plain(extracted.get(field))})" for field in event["corrected"])
        ))
    correct.correction_form(event)
    correct.correction_history(chosen)


REVIEW_ROWS = 20
url = common.database_url()

queue = common.review_queue(url)
st.subheader(f"Review queue ({len(queue)})")
st.caption(f"Events not yet confirmed or dismissed whose confidence is under {LOW_CONFIDENCE:.1f}, least sure "
           "first. Confirm what the sources support; dismiss what they don't.")
_signed = correct.analyst()
st.caption(common.md(f"Confirmations and restorations are signed {_signed}." if _signed else
                     "Confirmations and restorations are unsigned until you give your name with a correction "
                     "or a dismissal."))
if not queue:
    st.info("Nothing to review: every low-confidence event has been confirmed or dismissed.")
for event in queue[:REVIEW_ROWS]:
    text, confirm, dismiss = st.columns([6, 1, 1], vertical_alignment="center")
    with text:
        st.markdown(common.md(
            f"{_event_label(event)} — confidence {event['confidence']:.2f}: {event.get('confidence_reasons') or 'no reason given'}"
        ))
        st.caption(common.md(f"“{event.get('excerpt') or ''}”"))
    with confirm:
        if st.button("Confirm", key=f"nm_confirm_{event['event_id']}", width="stretch"):
            _review(event["event_id"], "confirmed", f"Confirmed: {_event_label(event)}.")
    with dismiss:
        if st.button("Dismiss", key=f"nm_queue_dismiss_{event['event_id']}", width="stretch"):
            _review(event["event_id"], "dismissed", f"Dismissed: {_event_label(event)}.")
if len(queue) > REVIEW_ROWS:
    st.caption(f"… and {len(queue) - REVIEW_ROWS} more after these.")

dismissed = common.dismissed_events(url)
st.subheader(f"Dismissed events ({len(dismissed)})")
if not dismissed:
    st.caption("None: an event dismissed above is listed here, kept, and can be restored.")
for event in dismissed:
    text, restore = st.columns([7, 1], vertical_alignment="center")
    with text:
        who = event.get("reviewed_by") or "an analyst"
        when = (event.get("reviewed_at") or "")[:16].replace("T", " ")
        st.markdown(common.md(f"{_event_label(event)} — dismissed by {who} on {when} UTC"))
    with restore:
        if st.button("Restore", key=f"nm_restore_{event['event_id']}", width="stretch"):
            _review(event["event_id"], "restored", f"Restored: {_event_label(event)}. It is back on the map.")
