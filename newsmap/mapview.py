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
from typing import Any

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
        _escape_repeated(event.get("event_date") or "date unknown"),
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
        f"<div><i style='background:{TYPE_COLOURS[t]}'></i>{escape_html(type_label(t))}</div>" for t in event_types
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


__all__ = ["MARKER_FIELDS", "build_map", "event_rows", "map_html", "standalone_html"]
