"""The Events page's correction form: an analyst fixes an event's place, type, date or figures.

Corrections go through ``Store.correct``, which keeps each one beside the extracted value with its
time and author and applies it again whenever the event is re-merged or re-extracted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import streamlit as st

from newsmap.errors import InputError, NewsmapError
from newsmap.filters import event_day
from newsmap.geocoder import to_location
from newsmap.labels import CORRECTION_LABELS, corrected_text, region_text, type_label
from newsmap.records import EVENT_TYPES, Location
from pages.app import common

FIGURES = ("killed", "wounded", "children_killed", "children_wounded")
PLACE_CANDIDATES = 10
_DONE = "nm_fix_done"


def place_candidates(query: str, near_country: str | None) -> list[Location]:
    """Gazetteer entries for ``query`` ("Town" or "Town, Region"), those in ``near_country`` first."""
    if not query.strip():
        return []
    answers = common.geocoder().geocode(query, exactly_one=False, limit=PLACE_CANDIDATES) or []
    found = [to_location(answer) for answer in answers]
    return sorted(found, key=lambda location: location.country != near_country)


def place_label(location: Location) -> str:
    population = f", pop. {location.population:,}" if location.population else ""
    region = region_text(location.admin1, location.country)
    return f"{location.name} — {region} ({location.feature_class}{population})"


def place_changes(location: Location) -> dict[str, Any]:
    """The event fields a newly picked place sets (all from the gazetteer entry)."""
    return {
        "location": location.name,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "admin1": location.admin1,
        "country": location.country,
        "geonameid": location.geonameid or None,  # an online geocoder's answer has no GeoNames id
        # ACLED geo-precision: a town is 1; a whole region or country is placed at its centre (3).
        "geo_precision": 3 if location.feature_class in ("admin1", "country") else 1,
    }


def form_changes(event: Mapping[str, Any], values: Mapping[str, Any], place: Location | None) -> dict[str, Any]:
    """The fields whose form value differs from the event's current one."""
    changes: dict[str, Any] = {}
    if values["event_type"] != event.get("event_type"):
        changes["event_type"] = values["event_type"]
    picked_day = values.get("event_date")
    if picked_day is not None and picked_day != event_day(event):
        changes["event_date"] = picked_day
    for field in FIGURES:
        if values.get(field) != event.get(field):
            changes[field] = values.get(field)
    if place is not None and (place.geonameid != event.get("geonameid") or place.name != event.get("location")):
        # Only what the new place changes: its country may well be the old one's.
        changes.update({field: value for field, value in place_changes(place).items() if value != event.get(field)})
        if ("latitude" in changes) != ("longitude" in changes):
            changes.update(latitude=place.latitude, longitude=place.longitude)
    return changes


def version(event: Mapping[str, Any]) -> str:
    """Changes whenever the event's correctable values do, so the form shows them afresh."""
    values = {field: event.get(field) for field in ("event_type", "event_date", "location", "geonameid", *FIGURES)}
    return hashlib.sha1(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:10]


def _figure_input(label: str, field: str, event: Mapping[str, Any], key: str) -> int | None:
    # No min_value: Streamlit would silently reset a negative entry; the store's check says what's wrong.
    value = st.number_input(
        label, step=1, value=event.get(field), key=f"{key}_{field}", placeholder="unknown",
        help="People (0 or more); leave empty if the sources give no figure.",
    )
    return None if value is None else int(value)


def show_messages() -> None:
    """The outcome of the last correction or review. It stays until the analyst picks another event or
    acts again: a rerun that merely follows (a name typed just before saving) must not wipe it."""
    done = st.session_state.get(_DONE)
    if done:
        st.success(common.md(done))


def say_done(message: str) -> None:
    st.session_state[_DONE] = message


def forget_message() -> None:
    st.session_state.pop(_DONE, None)


AUTHOR = "nm_fix_author"
_NAME = "nm_analyst_name"


def remember_name(name: str | None) -> str | None:
    """The analyst's name as last given in a form; confirmations and restorations are signed with it.
    (Each name field sits inside its form: a field outside would rerun the page as the analyst leaves
    it, and a click on Save made at that moment is lost.)"""
    name = (name or "").strip() or None
    st.session_state[_NAME] = name
    return name


def analyst() -> str | None:
    return st.session_state.get(_NAME)


def name_field(label: str, key: str) -> str:
    """A name field (inside a form) showing the name last given."""
    if key not in st.session_state and analyst():
        st.session_state[key] = analyst()
    return st.text_input(label, key=key)


def correction_form(event: Mapping[str, Any]) -> None:
    event_id = event["event_id"]
    key = f"nm_fix_{event_id}_{version(event)}"
    st.markdown("**Correct this event**")

    query = st.text_input(
        "New place (looked up in the offline gazetteer; leave empty to keep the current one)",
        key=f"{key}_place_query",
        placeholder="Town, or Town, Region",
    )
    candidates = place_candidates(query, event.get("country"))
    picked_index = None
    if query.strip() and not candidates:
        st.warning(common.md(f"No place called “{query.strip()}” in the offline gazetteer."))
    elif candidates:
        picked_index = st.selectbox(
            "Place found", range(len(candidates)), format_func=lambda i: place_label(candidates[i]),
            key=f"{key}_place_pick",
        )

    with st.form(key=f"{key}_form"):
        type_column, date_column = st.columns(2)
        current_type = event.get("event_type")
        with type_column:
            event_type = st.selectbox(
                "Event type", EVENT_TYPES, index=EVENT_TYPES.index(current_type) if current_type in EVENT_TYPES else 0,
                format_func=type_label, key=f"{key}_type",
            )
        with date_column:
            event_date: date | None = st.date_input(
                "Date", value=event_day(event), format="YYYY-MM-DD", key=f"{key}_date",
            )
        columns = st.columns(4)
        values: dict[str, Any] = {"event_type": event_type, "event_date": event_date}
        for column, field, label in zip(columns, FIGURES, ("Killed", "Wounded", "Children killed", "Children wounded")):
            with column:
                values[field] = _figure_input(label, field, event, key)
        author = name_field("Your name (optional, kept with the correction)", AUTHOR)
        submitted = st.form_submit_button("Save correction", type="primary")
    if not submitted:
        return
    forget_message()
    if query.strip() and not candidates:
        st.error(common.md(f"Place: no place called “{query.strip()}” in the offline gazetteer; nothing was saved."))
        return
    place = candidates[picked_index] if candidates and picked_index is not None else None
    changes = form_changes(event, values, place)
    if not changes:
        st.info("Nothing to save: the form holds the event's current values.")
        return
    try:
        common.correct_event(event_id, changes, remember_name(author))
    except InputError as error:
        st.error(common.md(f"Not saved: {error}"))
        return
    except NewsmapError as error:
        st.error(common.md(f"Not saved: the store failed: {error}"))
        return
    labels = corrected_text({"corrected": list(changes)})
    say_done(f"Correction saved ({labels}). It will survive re-processing and goes into the exports.")
    st.rerun()


def _place_text(values: Mapping[str, Any]) -> str:
    name = values.get("location")
    region = region_text(values.get("admin1"), values.get("country"))
    if values.get("latitude") is not None and values.get("longitude") is not None:
        region = f"{region} ({values['latitude']:.4f}, {values['longitude']:.4f})".strip()
    return ", ".join(part for part in (name, region) if part) or "—"


def history_rows(history: list[Mapping[str, Any]]) -> list[dict[str, str]]:
    """One row per thing an analyst changed, newest first: a new place is one change (not its name,
    coordinates, region and id apart), shown as the place it was and the place it became."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for entry in history:
        label = CORRECTION_LABELS.get(entry["field"], entry["field"])
        groups.setdefault((entry["created_at"], label), []).append(entry)
    rows = []
    for (created_at, label), entries in groups.items():
        if label == "place":
            before = _place_text({e["field"]: e["extracted_value"] for e in entries})
            after = _place_text({e["field"]: e["value"] for e in entries})
        else:
            before, after = plain(entries[-1]["extracted_value"]), plain(entries[-1]["value"])
        rows.append({
            "when": created_at[:19].replace("T", " ") + " UTC",
            "what": label,
            "extracted": before,
            "corrected to": after,
            "by": entries[-1]["author"] or "",
        })
    return rows[::-1]


def correction_history(event_id: str) -> None:
    history = common.store().corrections(event_id)
    if not history:
        st.caption("No corrections yet: every value is as extracted from the articles.")
        return
    rows = history_rows(history)
    st.markdown(f"**Correction history** ({len(rows)} change{'s' if len(rows) != 1 else ''})")
    st.dataframe(rows, hide_index=True, width="stretch")


def plain(value: Any) -> str:
    return "—" if value is None else str(value)
