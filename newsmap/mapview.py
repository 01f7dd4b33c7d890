"""The dashboard's Leaflet map (Folium) of event dicts, and the standalone map page.

Event dicts are ``Store.event_dicts()`` rows: ``Event.to_dict()`` fields plus ``sources`` and
``n_sources``. Everything taken from an article is untrusted and is HTML-escaped here, before it
reaches a tooltip, a popup or the standalone page.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from datetime import date, timedelta
from typing import Any

from newsmap.filters import event_day

from newsmap.labels import (
    TYPE_COLOURS,
    casualty_text,
    corrected_text,
    escape_html,
    n_sources,
    place_name,
    region_text,
    shorten,
    sources_text,
    type_label,
)

TOOLTIP_EXCERPT_CHARS = 280


def marker_radius(event: Mapping[str, Any]) -> float:
    """Area grows with the toll: a death weighs like three injuries."""
    weight = 3 * (event.get("killed") or 0) + (event.get("wounded") or 0)
    return round(min(5 + 2.5 * math.sqrt(weight), 24), 1)


@lru_cache(maxsize=65536)
def _reader_link(reader_url: str, article_id: str) -> str:
    return escape_html(f"{reader_url}?article={article_id}")


@lru_cache(maxsize=65536)
def _origin_text(outlet: str | None, published: str | None) -> str:
    return escape_html(" · ".join(str(v) for v in (outlet, published) if v))


@lru_cache(maxsize=65536)
def _escape_repeated(value: str) -> str:
    """Escape for values that recur across events (places, dates, figures)."""
    return escape_html(value)


# The fields of one marker, in the order ``event_rows`` sends them (keys of feature.properties).
MARKER_FIELDS = ("id", "t", "r", "p", "a", "d", "c", "x", "q", "s", "n", "f", "k")


LOW_CONFIDENCE = 0.7


def _figures_and_doubts(event: Mapping[str, Any]) -> str:
    """The figures, marked when they come from a vague count, and why a weak event is weak."""
    text = casualty_text(event)
    if event.get("approximate") and (event.get("killed") or event.get("wounded")):
        text += " (approximate)"
    confidence = event.get("confidence")
    if confidence is not None and confidence < LOW_CONFIDENCE:
        text += f" · low confidence {confidence:.2f}: {event.get('confidence_reasons') or 'unknown'}"
    return text


_EPOCH = date(1970, 1, 1)


def day_span(event: Mapping[str, Any]) -> tuple[int, int] | None:
    """The days (counted from 1970-01-01) the event may fall on: its day, its week (time precision
    2) or its whole month (time precision 3, "in March"); None when undated."""
    day = event_day(event)
    if day is None:
        return None
    precision = event.get("time_precision") or 1
    if precision >= 3:
        first = day.replace(day=1)
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
    elif precision == 2:
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=6)
    else:
        first = last = day
    return (first - _EPOCH).days, (last - _EPOCH).days


def date_text(event: Mapping[str, Any]) -> str:
    """The event's date as precise as it is known: "2025-03-04", "week of 2025-03-03", "March 2025"."""
    day = event_day(event)
    if day is None:
        return "date unknown"
    precision = event.get("time_precision") or 1
    if precision >= 3:
        return day.strftime("%B %Y")
    if precision == 2:
        return f"week of {(day - timedelta(days=day.weekday())).isoformat()}"
    return day.isoformat()


def event_row(event: Mapping[str, Any], reader_url: str | None) -> list[Any]:
    """One marker's properties as a list (``MARKER_FIELDS`` order); every string is HTML-escaped.

    id: event id; t: type index; r: radius; p: place; a: region; d: date; c: figures; x: the
    sentence; q: shortened sentence for the tooltip (or null); s: sources as [reader link, title,
    outlet · date, own sentence or null when it is x, own figures when there are several];
    n: number of sources; f: who reports it and whether their figures agree (null for one
    source: the page says "reported by n source(s)"); k: corrected fields, or null.
    The browser assembles tooltip and popup from these pieces (see ``_EVENT_LAYER``), so a
    sentence quoted by both is sent once.
    """
    excerpt = event.get("excerpt") or ""
    short = shorten(excerpt, TOOLTIP_EXCERPT_CHARS)
    sources = []
    several = len(event.get("sources") or ()) > 1
    for source in event.get("sources") or ():
        article_id = source.get("article_id")
        source_excerpt = source.get("excerpt") or ""
        sources.append(
            [
                _reader_link(reader_url, article_id) if reader_url and article_id else "",
                _escape_repeated(source.get("title") or "Untitled article"),
                _origin_text(source.get("source"), source.get("published")),
                None if source_excerpt == excerpt else escape_html(source_excerpt),
                _escape_repeated(casualty_text(source)) if several else "",
            ]
        )
    if not sources and reader_url and event.get("article_id"):
        sources.append([_reader_link(reader_url, event["article_id"]), "Read the article", "", None, ""])
    return [
        _escape_repeated(event.get("event_id") or ""),
        _TYPE_INDEX.get(event.get("event_type"), _OTHER_INDEX),
        marker_radius(event),
        _escape_repeated(place_name(event)),
        _escape_repeated(region_text(event.get("admin1"), event.get("country"))),
        _escape_repeated(date_text(event)),
        _escape_repeated(_figures_and_doubts(event)),
        escape_html(excerpt),
        None if short == excerpt else escape_html(short),
        sources,
        n_sources(event),
        escape_html(sources_text(event)) if several else None,
        escape_html(corrected_text(event)) or None,
    ]


def event_rows(events: Iterable[Mapping[str, Any]], reader_url: str | None) -> dict[str, list]:
    """The located events, column-wise: {"lat": [...], "lon": [...], "props": [event_row...]}.

    d0/d1: the first and last day the event may have happened on (``day_span``), for the time slider.
    """
    lats, lons, props, first_days, last_days = [], [], [], [], []
    for event in events:
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            continue
        lats.append(round(lat, 5))
        lons.append(round(lon, 5))
        props.append(event_row(event, reader_url))
        span = day_span(event)
        first_days.append(span[0] if span else None)
        last_days.append(span[1] if span else None)
    return {"lat": lats, "lon": lons, "props": props, "d0": first_days, "d1": last_days}


def compact_rows(
    events: Iterable[Mapping[str, Any]], positions: Sequence[int], chunk_urls: Sequence[str], chunk_size: int
) -> dict[str, Any]:
    """The located events without their sentences and sources, for big views.

    Like ``event_rows`` (lat, lon, d0, d1) but the marker fields are columns of small integers
    into one table of (escaped) strings: t type, r radius, p place, a region, d date, c figures;
    g is each event's position among all events (``positions``), whose ``event_row`` is in
    chunk file ``g // chunk_size`` of ``chunk_urls`` (``detail_chunks``), fetched when hovered.
    """
    strings: dict[str, int] = {}
    columns: dict[str, list] = {key: [] for key in ("lat", "lon", "d0", "d1", "t", "r", "p", "a", "d", "c", "g")}

    def text(value: str) -> int:
        return strings.setdefault(value, len(strings))

    for event, position in zip(events, positions):
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            continue
        span = day_span(event)
        columns["lat"].append(round(lat, 5))
        columns["lon"].append(round(lon, 5))
        columns["d0"].append(span[0] if span else None)
        columns["d1"].append(span[1] if span else None)
        columns["t"].append(_TYPE_INDEX.get(event.get("event_type"), _OTHER_INDEX))
        columns["r"].append(marker_radius(event))
        columns["p"].append(text(_escape_repeated(place_name(event))))
        columns["a"].append(text(_escape_repeated(region_text(event.get("admin1"), event.get("country")))))
        columns["d"].append(text(_escape_repeated(date_text(event))))
        columns["c"].append(text(_escape_repeated(_figures_and_doubts(event))))
        columns["g"].append(position)
    return {**columns, "strings": list(strings), "chunks": list(chunk_urls), "chunk": chunk_size}


def detail_chunks(events: Sequence[Mapping[str, Any]], reader_url: str | None, chunk_size: int) -> list[list]:
    """Every event's ``event_row`` (null when it has no place), ``chunk_size`` to a list."""
    rows = [
        event_row(event, reader_url) if event.get("latitude") is not None and event.get("longitude") is not None
        else None
        for event in events
    ]
    return [rows[start:start + chunk_size] for start in range(0, len(rows), chunk_size)]


_TYPE_INDEX = {event_type: index for index, event_type in enumerate(TYPE_COLOURS)}
_OTHER_INDEX = _TYPE_INDEX["other"]

# The page's behaviour lives in web/newsmap-map.js (published or inlined with Leaflet); this macro
# only hands it the map, its settings and the data token.
_EVENT_LAYER = """{% macro script(this, kwargs) %}
(function() {
    var rows = {{ this.token }};
    newsmapMap({{ this._parent.get_name() }}, {{ this.config|tojson }}, rows);
})();
{% endmacro %}"""


def _macro(template: str, **attributes):
    from branca.element import MacroElement
    from jinja2 import Template

    element = MacroElement()
    element._template = Template(template)
    for name, value in attributes.items():
        setattr(element, name, value)
    return element


def _legend_html(event_types: Sequence[str]) -> str:
    rows = "".join(
        f"<div><i style='background:{TYPE_COLOURS[t]}'></i>{escape_html(type_label(t))}</div>" for t in event_types
    )
    return f"<div class='nm-legend-rows'><small>size: casualties · numbered circles: several events</small>{rows}</div>"


# Data is spliced into the page after folium renders it. Folium turns every rendered script back
# into a Jinja template, so article text passed through folium would be evaluated as a template
# ("{{ ... }}" in an article would run on the server). It is also much faster for big layers.
_EVENTS_TOKEN = "__NEWSMAP_EVENTS_DATA__"
_BASEMAP_TOKEN = "__NEWSMAP_BASEMAP_DATA__"
_OUTLINE_STYLE = {"color": "#8c8c8c", "weight": 0.7, "fillColor": "#f3f1ea", "fillOpacity": 1}
_ONLINE_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
}


def _script_json(value: Any) -> str:
    # Escaped strings hold no "<", but a <script> element must never see "</", whatever the data.
    return json.dumps(value, separators=(",", ":")).replace("</", "<\\/")


def _splice(page: str, token: str, payload: str) -> str:
    # Only the first occurrence is ours: tokens are placed before any spliced data.
    head, found, tail = page.partition(token)
    if not found:
        raise ValueError(f"{token} missing from the rendered map")
    return head + payload + tail


def build_map(
    events: Sequence[Mapping[str, Any]],
    *,
    standalone: bool = False,
    height: str | int = "100%",
):
    """The folium map of ``events`` (data not yet spliced in: use ``map_html``).

    Basemap: the packaged OpenStreetMap tiles (zoom 0-6, served by the dashboard) when published,
    else Natural Earth country outlines (a standalone file carries those inline); online
    OpenStreetMap tiles are a choice in the layer control.
    """
    import folium

    from newsmap import offline_assets

    fmap = folium.Map(
        location=[30, 20],
        zoom_start=2,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        height=height,
    )
    offline_assets.use_published_assets(fmap)
    zooms = None if standalone else offline_assets.tiles_zoom_range()
    config: dict[str, Any] = {
        "colours": list(TYPE_COLOURS.values()),
        "labels": [type_label(t) for t in TYPE_COLOURS],
        "fields": list(MARKER_FIELDS),
        "online": _ONLINE_TILES,
        "tiles": None,
        "outlines": None,
        "legend": None,
        "bounds": None,
    }
    if zooms:
        config["tiles"] = {
            "url": offline_assets.TILE_URL,
            "maxZoom": zooms[1],
            "attribution": offline_assets.TILE_ATTRIBUTION,
            "labels": f"{offline_assets.URL_PREFIX}/{offline_assets.LABELS_FILE}",
        }
    else:
        data = _BASEMAP_TOKEN if standalone else f"{offline_assets.URL_PREFIX}/{offline_assets.BASEMAP_FILE}"
        config["outlines"] = {"style": _OUTLINE_STYLE, "data": data}
    present = [t for t in TYPE_COLOURS if any(e.get("event_type") == t for e in events)]
    if present:
        config["legend"] = _legend_html(present)
    located = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    if located:
        lats = [e["latitude"] for e in located]
        lons = [e["longitude"] for e in located]
        # Fitted by the page script without animation, before the markers are clustered.
        config["bounds"] = [[min(lats), min(lons)], [max(lats), max(lons)]]
    _macro(_EVENT_LAYER, config=config, token=_EVENTS_TOKEN).add_to(fmap)
    return fmap


def map_html(
    events: Sequence[Mapping[str, Any]],
    *,
    reader_url: str | None = "/articles",
    standalone: bool = False,
    title: str = "newsmap events",
    data_url: str | None = None,
) -> str:
    """The map as an HTML page: the events as clustered circle markers, fitted to them, with an
    event list beside the map and a time slider.

    With ``data_url``, the page fetches its events from there (``compact_rows`` or ``event_rows``
    JSON published by the dashboard) instead of carrying them: big views stay small pages.

    The dashboard's page loads Leaflet and the country outlines from the published static files
    (``offline_assets.publish``); a ``standalone`` page carries them inline and needs no server.
    ``reader_url`` is the article reader's address that popups link to (None: no links).
    """
    from newsmap import basemap, offline_assets

    fmap = build_map(events, standalone=standalone)
    fmap.get_root().title = title
    page = fmap.get_root().render()
    if standalone:
        page = offline_assets.inline_assets(page)
        # (The token is a JSON string inside the config: replace it with the quotes.)
        page = _splice(page, f'"{_BASEMAP_TOKEN}"', _script_json(basemap.countries_geojson()))
    if data_url is not None:
        return _splice(page, _EVENTS_TOKEN, _script_json(data_url))
    return _splice(page, _EVENTS_TOKEN, _script_json(event_rows(events, reader_url)))


def standalone_html(events: Sequence[Mapping[str, Any]], title: str = "newsmap events") -> str:
    """A single HTML file that shows the map with no server and no internet."""
    return map_html(events, reader_url=None, standalone=True, title=title)


__all__ = [
    "MARKER_FIELDS", "build_map", "compact_rows", "detail_chunks", "event_rows", "map_html", "standalone_html",
]
