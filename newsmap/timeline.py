"""The casualty timeline: killed and wounded per day (Altair), with diplomatic events marked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from newsmap.filters import event_day
from newsmap.labels import TYPE_COLOURS, casualty_text, place_name, type_label


def _event_line(event: Mapping[str, Any]) -> str:
    return f"{place_name(event)}: {type_label(event['event_type'])} ({casualty_text(event)})"


def _list_lines(lines: list[str], limit: int = 8) -> str:
    shown = "; ".join(lines[:limit])
    return shown + (f"; and {len(lines) - limit} more" if len(lines) > limit else "")


def timeline_rows(events: Iterable[Mapping[str, Any]]) -> tuple[list[dict], list[dict]]:
    """(casualty bars, diplomatic marks): killed and wounded summed per day, with the day's events."""
    bars: dict[tuple[str, str], dict] = {}
    lines: dict[tuple[str, str], list[str]] = defaultdict(list)
    talks: dict[str, list[str]] = defaultdict(list)
    for event in events:
        day = event_day(event)
        if day is None:
            continue
        iso = day.isoformat()
        if event.get("event_type") == "diplomatic":
            talks[iso].append(place_name(event))
        for measure in ("killed", "wounded"):
            count = event.get(measure) or 0
            if not count:
                continue
            key = (iso, measure)
            row = bars.setdefault(key, {"date": iso, "measure": measure, "people": 0, "n_events": 0})
            row["people"] += count
            row["n_events"] += 1
            lines[key].append(_event_line(event))
    bar_rows = []
    for key, row in sorted(bars.items()):
        row["events"] = _list_lines(lines[key])
        bar_rows.append(row)
    talk_rows = [
        {"date": iso, "what": "Diplomatic", "events": _list_lines(places)} for iso, places in sorted(talks.items())
    ]
    return bar_rows, talk_rows


def timeline_chart(events: Iterable[Mapping[str, Any]], height: int = 420):
    """Altair: stacked killed/wounded bars per day; diplomatic events as dashed rules on the same axis."""
    return timeline_chart_from_rows(*timeline_rows(events), height=height)


def _bar_width(bar_rows: list[dict], talk_rows: list[dict], chart_px: int = 320) -> float:
    """A day's bar width in pixels: a day's share of the axis, but never too thin to see or hover
    (month-long spans, such as earlier rounds of talks dated by month, would leave a hairline)."""
    days = [date.fromisoformat(row["date"]) for row in (*bar_rows, *talk_rows)]
    span = (max(days) - min(days)).days + 1 if days else 1
    return max(5.0, min(28.0, 0.8 * chart_px / span))


def timeline_chart_from_rows(bar_rows: list[dict], talk_rows: list[dict], height: int = 420):
    """The timeline chart from ``timeline_rows`` output."""
    import altair as alt
    import pandas as pd

    # Padding keeps a diplomatic mark on the first or last day off the chart's edge.
    x = alt.X("yearmonthdate(date):T", title="Date", scale=alt.Scale(padding=24))
    bars = (
        alt.Chart(pd.DataFrame(bar_rows, columns=["date", "measure", "people", "n_events", "events"]))
        .mark_bar(size=_bar_width(bar_rows, talk_rows))
        .encode(
            x=x,
            y=alt.Y("sum(people):Q", title="People killed / wounded", stack="zero"),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=["killed", "wounded"], range=["#b2182b", "#f4a582"]),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("measure:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("yearmonthdate(date):T", title="Date"),
                alt.Tooltip("measure:N", title="Figure"),
                alt.Tooltip("sum(people):Q", title="People"),
                alt.Tooltip("events:N", title="Events"),
            ],
        )
    )
    layers = [bars]
    if talk_rows:
        talks = alt.Chart(pd.DataFrame(talk_rows)).encode(
            x=x,
            tooltip=[
                alt.Tooltip("yearmonthdate(date):T", title="Date"),
                alt.Tooltip("what:N", title="Event"),
                alt.Tooltip("events:N", title="Where"),
            ],
        )
        colour = TYPE_COLOURS["diplomatic"]
        layers.append(talks.mark_rule(color=colour, strokeDash=[4, 3], strokeWidth=1.5, opacity=0.7))
        layers.append(
            talks.mark_text(color=colour, angle=270, align="right", baseline="bottom", dx=-4, dy=-2, fontSize=11)
            .encode(text="events:N", y=alt.value(0))
        )
    return alt.layer(*layers).properties(height=height, title="Casualties per day (dashed: diplomatic events)")

