"""The casualty timeline: killed and wounded per day (Altair), with diplomatic events marked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from newsmap.filters import event_day
from newsmap.labels import TYPE_COLOURS, casualty_text, place_name, type_label


def _event_line(event: Mapping[str, Any]) -> str:
    return f"{place_name(event)}: {type_label(event['event_type'])} ({casualty_text(event)})"


def _list_lines(lines: list[str], limit: int = 8) -> str:
    shown = "; ".join(lines[:limit])
    return shown + (f"; and {len(lines) - limit} more" if len(lines) > limit else "")


def timeline_rows(events: Iterable[Mapping[str, Any]]) -> tuple[list[dict], list[dict]]:
    """(casualty bars, diplomatic marks): killed and wounded summed per day, with the day's events.

    An event known only by its month (time precision 3) is summed on the month's first day with
    ``month`` true, and drawn across the whole month.
    """
    bars: dict[tuple[str, str, bool], dict] = {}
    lines: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    talks: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for event in events:
        day = event_day(event)
        if day is None:
            continue
        month = (event.get("time_precision") or 1) >= 3
        iso = (day.replace(day=1) if month else day).isoformat()
        if event.get("event_type") == "diplomatic":
            talks[(iso, month)].append(place_name(event))
        for measure in ("killed", "wounded"):
            count = event.get(measure) or 0
            if not count:
                continue
            key = (iso, measure, month)
            row = bars.setdefault(
                key, {"date": iso, "measure": measure, "people": 0, "n_events": 0, "month": month}
            )
            row["people"] += count
            row["n_events"] += 1
            lines[key].append(_event_line(event))
    bar_rows = []
    for key, row in sorted(bars.items()):
        row["events"] = _list_lines(lines[key])
        bar_rows.append(row)
    talk_rows = [
        {"date": iso, "what": "Diplomatic", "events": _list_lines(places), "month": month}
        for (iso, month), places in sorted(talks.items())
    ]
    return bar_rows, talk_rows


def timeline_chart(events: Iterable[Mapping[str, Any]], height: int = 420):
    """Altair: stacked killed/wounded bars; diplomatic events as dashed rules on the same axis."""
    return timeline_chart_from_rows(*timeline_rows(events), height=height)


BRUSH = "dates"
"""The name of the chart's interval selection (a brush over dates): the Map page reads it."""

_MAX_BARS = 120  # beyond this many days, bars are weeks; beyond this many weeks, months


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def bin_unit(first: date, last: date) -> str:
    """"day", "week" or "month": the finest step that keeps the bars few enough to see."""
    span = (last - first).days + 1
    if span <= _MAX_BARS:
        return "day"
    if span <= 7 * _MAX_BARS:
        return "week"
    return "month"


def bin_range(day: date, unit: str) -> tuple[date, date]:
    """The bin holding ``day``: (first day, the day after the last)."""
    if unit == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=7)
    if unit == "month":
        first = day.replace(day=1)
        return first, _month_after(first)
    return day, day + timedelta(days=1)


def binned_rows(bar_rows: list[dict], unit: str) -> list[dict]:
    """The bars summed per bin; month-only rows keep their month. Each row gets ``start``/``end``."""
    merged: dict[tuple[str, str, bool], dict] = {}
    for row in bar_rows:
        day = date.fromisoformat(row["date"])
        month = bool(row.get("month"))
        first, after = (day.replace(day=1), _month_after(day)) if month else bin_range(day, unit)
        key = (first.isoformat(), row["measure"], month)
        target = merged.setdefault(key, {
            "start": first.isoformat(), "end": after.isoformat(), "measure": row["measure"], "people": 0,
            "n_events": 0, "events": [], "month": month,
        })
        target["people"] += row["people"]
        target["n_events"] += row["n_events"]
        target["events"].append(row["events"])
    rows = []
    for key in sorted(merged):
        row = merged[key]
        row["events"] = _list_lines(row["events"], limit=4)
        rows.append(row)
    return rows


def y_cap(rows: list[dict]) -> int | None:
    """A cap for the y axis when one bin dwarfs the rest (one outlier would flatten every other
    bar): 1.25 x the second-highest bin, when the highest is over 3 x it; else None."""
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["start"]] += row["people"]
    ranked = sorted(totals.values(), reverse=True)
    if len(ranked) < 2 or ranked[1] == 0 or ranked[0] <= 3 * ranked[1]:
        return None
    return int(ranked[1] * 1.25) + 1


def _ticks(first: date, last: date) -> tuple[dict, str]:
    """A tick interval and label format with no two ticks sharing a label, ~8 ticks at most."""
    span = (last - first).days + 1
    if span <= 120:
        return {"interval": "day", "step": max(1, -(-span // 8))}, "%b %d"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= 48:
        return {"interval": "month", "step": max(1, -(-months // 8))}, "%b %Y"
    return {"interval": "year", "step": max(1, -(-months // 96))}, "%Y"


def timeline_chart_from_rows(bar_rows: list[dict], talk_rows: list[dict], height: int = 420):
    """The timeline chart from ``timeline_rows`` output, with a brush (``BRUSH``) over dates."""
    import altair as alt
    import pandas as pd

    days = [date.fromisoformat(row["date"]) for row in (*bar_rows, *talk_rows)]
    ends = [_month_after(d) - timedelta(days=1) if row.get("month") else d
            for d, row in zip(days, (*bar_rows, *talk_rows))]
    first, last = (min(days), max(ends)) if days else (date.today(), date.today())
    unit = bin_unit(first, last)
    rows = binned_rows(bar_rows, unit)
    # The domain runs a bin beyond the data on both sides: a lone day is a bar, not a line.
    low, _ = bin_range(first - timedelta(days=1), unit)
    _, high = bin_range(last + timedelta(days=1), unit)
    tick_count, tick_format = _ticks(low, high)
    x_scale = alt.Scale(domain=[low.isoformat(), high.isoformat()])
    x = alt.X(
        "start:T", title=None,
        scale=x_scale,
        axis=alt.Axis(format=tick_format, tickCount=tick_count, labelOverlap=True, labelAngle=0, grid=False),
    )
    cap = y_cap(rows)
    y_scale = alt.Scale(domain=[0, cap], clamp=True) if cap else alt.Scale()
    columns = ["start", "end", "measure", "people", "n_events", "events", "month"]
    frame = pd.DataFrame(rows, columns=columns)
    colour = alt.Color(
        "measure:N", title=None,
        scale=alt.Scale(domain=["killed", "wounded"], range=["#b2182b", "#f4a582"]),
        legend=alt.Legend(orient="top"),
    )
    tooltip = [
        alt.Tooltip("start:T", title="From", format="%Y-%m-%d"),
        alt.Tooltip("end:T", title="Until (not incl.)", format="%Y-%m-%d"),
        alt.Tooltip("measure:N", title="Figure"),
        alt.Tooltip("people:Q", title="People"),
        alt.Tooltip("events:N", title="Events"),
    ]
    brush = alt.selection_interval(encodings=["x"], name=BRUSH)
    base = alt.Chart(frame)
    bars = (
        base.transform_filter(alt.datum.month == False)  # noqa: E712 (a Vega expression)
        .mark_bar(clip=True)
        .encode(
            x=x, x2="end:T",
            y=alt.Y("people:Q", title="People killed / wounded", stack="zero", scale=y_scale),
            color=colour, order=alt.Order("measure:N", sort="ascending"), tooltip=tooltip,
        )
        .add_params(brush)
    )
    layers = [bars]
    if any(row["month"] for row in rows):
        layers.append(
            base.transform_filter(alt.datum.month == True)  # noqa: E712
            .mark_bar(clip=True, opacity=0.35, strokeDash=[3, 2], strokeWidth=1, stroke="#555")
            .encode(x=x, x2="end:T", y=alt.Y("people:Q", stack="zero", scale=y_scale), color=colour,
                    order=alt.Order("measure:N", sort="ascending"), tooltip=tooltip)
        )
    if cap:
        totals: dict[str, int] = defaultdict(int)
        for row in rows:
            totals[row["start"]] += row["people"]
        over = [{"start": key, "label": f"\u25b2 {total:,}"} for key, total in totals.items() if total > cap]
        layers.append(
            alt.Chart(pd.DataFrame(over)).mark_text(dy=-6, fontSize=11, color="#b2182b", align="left")
            .encode(x=x, y=alt.value(6), text="label:N")
        )
    if talk_rows:
        talk_frame = pd.DataFrame(
            [{**row, "end": (_month_after(date.fromisoformat(row["date"])) if row.get("month")
                             else date.fromisoformat(row["date"])).isoformat()} for row in talk_rows]
        )
        talks = alt.Chart(talk_frame).encode(
            x=alt.X("date:T", scale=x_scale, axis=None),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%Y-%m-%d"),
                alt.Tooltip("what:N", title="Event"),
                alt.Tooltip("events:N", title="Where"),
            ],
        )
        colour_talks = TYPE_COLOURS["diplomatic"]
        layers.append(talks.mark_rule(color=colour_talks, strokeDash=[4, 3], strokeWidth=1.5, opacity=0.7))
        layers.append(
            talks.mark_text(color=colour_talks, angle=270, align="right", baseline="bottom", dx=-4, dy=-2, fontSize=11)
            .encode(text="events:N", y=alt.value(0))
        )
    title = {
        "day": "Casualties per day", "week": "Casualties per week", "month": "Casualties per month"
    }[unit] + " (dashed: diplomatic events; shaded: known only by month)"
    if cap:
        title += f"; axis cut at {cap:,}, ▲ marks the true total"
    return alt.layer(*layers).properties(height=height, title=title)
