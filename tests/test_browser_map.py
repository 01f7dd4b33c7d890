"""The Map page in headless Debian Chromium with the network cut off: reaching co-located events,
the time slider, the timeline brush, the linked event list, the offline basemap.

The store holds events written for these tests (several wars), at real gazetteer places; three of
them share one place. Skips locally without Chromium; fails when NEWSMAP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from newsmap.bench import dashboard as harness
from newsmap.records import Article, Event, Extraction, Place
from newsmap.store import Store

from .conftest import ROOT
from .test_browser import chromium  # noqa: F401 (the shared browser fixture)

pytestmark = pytest.mark.browser

# (place, country, day, type, killed, wounded, sentence); the first three share one place.
EVENTS = [
    ("Khartoum", "SD", "2025-04-02", "shelling", 4, 9, "Artillery shells fell on a Khartoum market, killing four."),
    ("Khartoum", "SD", "2025-04-09", "drone_strike", 2, 0, "A drone hit a Khartoum power station, killing two guards."),
    ("Khartoum", "SD", "2025-04-20", "air_strike", 0, 6, "Warplanes bombed a Khartoum bridge, wounding six people."),
    ("Kharkiv", "UA", "2025-04-03", "missile_strike", 3, 12, "A missile struck a Kharkiv depot, killing three."),
    ("Aleppo", "SY", "2025-04-15", "air_strike", 5, 0, "An air raid on an Aleppo suburb killed five civilians."),
    ("Goma", "CD", "2025-05-06", "ground_fighting", 7, 3, "Fighting on the edge of Goma left seven fighters dead."),
]


def _location(gazetteer, name, country):
    for index in gazetteer.search(name, country_codes=[country]):
        location = gazetteer.location(index)
        if location.feature_class == "city":
            return location
    raise AssertionError(f"{name} ({country}) is not in the gazetteer")


def _extraction(gazetteer, number, name, country, day, event_type, killed, wounded, sentence):
    location = _location(gazetteer, name, country)
    start = sentence.index(name)
    place = Place(name, start, start + len(name), "location", location)
    article_id = f"maptest{number}"
    event = Event(
        event_id=f"{article_id}-e", article_id=article_id, event_date=date.fromisoformat(day),
        event_type=event_type, excerpt=sentence, excerpt_start=0, excerpt_end=len(sentence), place=place,
        geo_precision=1, killed=killed, wounded=wounded,
    )
    article = Article(article_id=article_id, text=sentence, source="test desk", title=f"Report {number}")
    return Extraction(article=article, places=[place], events=[event])


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium, gazetteer):
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-map') / 'store.db'}"
    with Store(url) as store:
        for number, row in enumerate(EVENTS):
            store.add(_extraction(gazetteer, number, *row))
        events = store.event_dicts()
    assert len(events) == len(EVENTS)
    with harness.dashboard_server(url) as base:
        yield {"base": base, "browser": chromium, "events": events}


def _open_map(app, width=1500, height=950, blocked=None):
    page = harness.offline_page(app["browser"], blocked, width=width, height=height)
    page.goto(app["base"] + "/")
    harness.wait_for_marker_count(page, lambda n: n == len(EVENTS), timeout_ms=120_000)
    page.wait_for_timeout(1_000)  # Streamlit may still swap the page's elements once
    frame, _ = harness.wait_for_marker_count(page, lambda n: n == len(EVENTS), timeout_ms=30_000)
    return page, frame


def _on_page(page, frame, point):
    box = page.locator(harness.MAP_FRAME).bounding_box()
    return box["x"] + point[0], box["y"] + point[1]


def _marker_point(frame, sentence_start):
    """Frame coordinates of the (visible) marker whose sentence starts with ``sentence_start``."""
    return frame.evaluate(
        """(start) => {
            const m = window.newsmap.markers.find(m => m.feature.properties.x.startsWith(start));
            const p = m._map.latLngToContainerPoint(m.getLatLng());
            const box = document.querySelector('.leaflet-container').getBoundingClientRect();
            return [p.x + box.left, p.y + box.top];
        }""",
        sentence_start,
    )


def _hover(page, point):
    x, y = point
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    # Leaflet's canvas ignores moves within 32 ms of the last one it handled: move again, later.
    page.wait_for_timeout(80)
    page.mouse.move(x + 1, y)


def _tooltip_text(page, frame, point) -> str:
    tooltip = frame.locator(".leaflet-tooltip.nm-tip")
    for _ in range(4):
        _hover(page, point)
        try:
            tooltip.wait_for(state="visible", timeout=2_000)
            return " ".join(tooltip.inner_text().split())
        except Exception:
            page.wait_for_timeout(300)
    raise AssertionError("no tooltip")


def _cluster_point(frame, size):
    """Frame coordinates of the first cluster icon holding ``size`` events."""
    return frame.evaluate(
        """(size) => {
            const icon = [...document.querySelectorAll('.marker-cluster')]
                .find(e => e.textContent.trim() === String(size));
            if (!icon) return null;
            const r = icon.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2];
        }""",
        size,
    )


def test_three_events_at_one_place_are_each_reachable_by_hover_and_click(app):
    page, frame = _open_map(app)
    frame.wait_for_function("() => document.querySelectorAll('.marker-cluster').length > 0", timeout=10_000)
    cluster = _cluster_point(frame, 3)
    assert cluster, "the three Khartoum events are not one cluster"
    shown = _tooltip_text(page, frame, _on_page(page, frame, cluster))
    assert shown.startswith("3 events here")
    for _, _, day, *_ in EVENTS[:3]:
        assert day in shown

    page.mouse.click(*_on_page(page, frame, cluster))
    frame.wait_for_function("() => window.newsmap.cluster._spiderfied !== null", timeout=5_000)
    page.wait_for_timeout(400)  # the spread-out animation
    assert " ".join(frame.locator(".nm-list-title").inner_text().split()) == "3 events here"

    for place, _, day, _, _, _, sentence in EVENTS[:3]:
        point = _on_page(page, frame, _marker_point(frame, sentence[:30]))
        assert sentence in _tooltip_text(page, frame, point)
        page.mouse.click(*point)
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5_000)
        assert sentence in " ".join(popup.inner_text().split()) and day in popup.inner_text()
        # The popup replaces the tooltip.
        frame.locator(".leaflet-tooltip.nm-tip").wait_for(state="detached", timeout=2_000)
        # The clicked marker's row is highlighted in the list.
        assert place in frame.locator(".nm-rows li.nm-on").inner_text()
        assert day in frame.locator(".nm-rows li.nm-on").inner_text()
        page.keyboard.press("Escape")
        frame.locator(".leaflet-popup").wait_for(state="detached", timeout=5_000)
    page.context.close()


def test_a_narrow_map_keeps_tooltips_inside_and_folds_its_legend(app):
    page, frame = _open_map(app, width=400, height=800)
    assert frame.evaluate("() => document.querySelector('details.nm-legend').open") is False
    # The marker nearest the map's right edge: its tooltip must still fit.
    right = frame.evaluate(
        """() => {
            const map = window.newsmap.cluster._map, box = map.getContainer().getBoundingClientRect();
            const layers = window.newsmap.cluster._featureGroup.getLayers().filter(l => l.nm !== undefined);
            const m = layers.reduce((a, b) => map.latLngToContainerPoint(a.getLatLng()).x
                                             > map.latLngToContainerPoint(b.getLatLng()).x ? a : b);
            const p = map.latLngToContainerPoint(m.getLatLng());
            return [p.x + box.left, p.y + box.top];
        }"""
    )
    _tooltip_text(page, frame, _on_page(page, frame, right))
    inside = frame.evaluate(
        """() => {
            const t = document.querySelector('.leaflet-tooltip.nm-tip').getBoundingClientRect();
            const c = document.querySelector('.leaflet-container').getBoundingClientRect();
            return t.left >= c.left && t.right <= c.right && t.top >= c.top && t.bottom <= c.bottom;
        }"""
    )
    assert inside, "the tooltip sticks out of the map"
    page.context.close()


def _visible_sentences(frame) -> set[str]:
    return set(frame.evaluate(
        "() => window.newsmapEvents.getLayers().map(m => m.feature.properties.x)"
    ))


def test_the_time_slider_moves_the_map(app):
    page, frame = _open_map(app)
    slider = frame.locator("input.nm-slider")
    assert frame.locator(".nm-step").input_value() == "1"  # five weeks of events: step by day
    slider.focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")  # the second day: Kharkiv's missile strike
    frame.wait_for_function("() => window.newsmap.time.current && window.newsmap.time.current.index === 1")
    assert frame.locator(".nm-when").inner_text() == "2025-04-03"
    assert _visible_sentences(frame) == {EVENTS[3][6]}
    assert frame.locator(".nm-list-title").inner_text().startswith("1 event")

    frame.locator(".nm-step").select_option("7")  # weeks: 2025-03-31 to 2025-04-06
    assert frame.locator(".nm-when").inner_text() == "2025-03-31 \u2013 2025-04-06"
    assert _visible_sentences(frame) == {EVENTS[0][6], EVENTS[3][6]}

    frame.locator("button.nm-play").click()  # plays on, week by week
    frame.wait_for_function("() => window.newsmap.time.current.index >= 2", timeout=10_000)
    frame.locator("button.nm-play").click()  # pause
    week = frame.evaluate("() => window.newsmap.time.current")
    expected = {row[6] for row in EVENTS if week["start"] <= row[2] <= week["end"]}
    assert _visible_sentences(frame) == expected

    frame.locator("button.nm-all-dates").click()
    assert len(_visible_sentences(frame)) == len(EVENTS)
    page.context.close()


def test_a_brush_on_the_timeline_sets_the_dates(app):
    page, frame = _open_map(app)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for(timeout=30_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)
    # The drag runs across the plot's middle, from about mid-April to about late April.
    box = chart.bounding_box()
    plot = (box["x"], box["y"], box["width"], box["height"])
    left, top, width, height = plot
    y = top + height * 0.7
    page.mouse.move(left + width * 0.45, y)
    page.mouse.down()
    page.mouse.move(left + width * 0.75, y, steps=10)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('from=') && location.search.includes('to=')",
                           timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    start, end = date.fromisoformat(query["from"][0]), date.fromisoformat(query["to"][0])
    assert date(2025, 4, 2) < start < end < date(2025, 5, 6)
    expected = {row[6] for row in EVENTS if start.isoformat() <= row[2] <= end.isoformat()}
    assert expected and len(expected) < len(EVENTS)
    frame, _ = harness.wait_for_marker_count(page, lambda n: n == len(expected), timeout_ms=30_000)
    assert _visible_sentences(frame) == expected
    shown = " ".join(page.locator("[data-testid='stSidebar'] [data-testid='stDateInput'] input").evaluate_all(
        "inputs => inputs.map(i => i.value)"))
    assert start.isoformat() in shown.replace("/", "-") and end.isoformat() in shown.replace("/", "-"), shown
    page.context.close()


def test_a_row_flies_to_its_marker_and_a_marker_lights_its_row(app):
    page, frame = _open_map(app)
    zoom_before = frame.evaluate("() => window.newsmap.cluster._map.getZoom()")
    target = EVENTS[1]  # inside the Khartoum cluster at the fitted zoom
    row = frame.locator(".nm-rows li", has_text=target[2])
    row.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert target[6] in " ".join(popup.inner_text().split())
    state = frame.evaluate(
        """(start) => {
            const m = window.newsmap.markers.find(m => m.feature.properties.x.startsWith(start));
            const map = m._map;
            return {zoom: map.getZoom(), shown: !!m._map,
                    inView: map.getBounds().contains(m.getLatLng())};
        }""",
        target[6][:30],
    )
    assert state["zoom"] > zoom_before and state["shown"] and state["inView"], state
    assert target[2] in frame.locator(".nm-rows li.nm-on").inner_text()

    # A click on another (single) marker lights its row instead.
    page.keyboard.press("Escape")
    frame.evaluate("() => window.newsmap.cluster._map.setZoom(3, {animate: false})")
    page.wait_for_timeout(500)
    goma = _on_page(page, frame, _marker_point(frame, EVENTS[5][6][:30]))
    page.mouse.click(*goma)
    frame.locator(".leaflet-popup-content").wait_for(timeout=5_000)
    assert "Goma" in frame.locator(".nm-rows li.nm-on").inner_text()
    page.context.close()


def test_offline_basemap_has_names_and_regions_from_packaged_tiles(app, tmp_path):
    blocked: list[str] = []
    page, frame = _open_map(app, blocked=blocked)
    frame.evaluate("() => window.newsmap.cluster._map.setView([48.5, 33.5], 5, {animate: false})")
    frame.wait_for_function(
        """() => { const tiles = [...document.querySelectorAll('img.leaflet-tile[src*="/tiles/5/"]')];
                   return tiles.length > 4 && tiles.every(t => t.complete && t.naturalWidth === 256); }""",
        timeout=30_000,
    )
    sources = frame.evaluate("() => [...document.querySelectorAll('img.leaflet-tile')].map(t => t.src)")
    assert all(urlparse(src).path.startswith("/app/static/newsmap/tiles/") for src in sources), sources
    # English names from the gazetteer over the tiles' local-script ones: the country and its regions.
    frame.wait_for_function("() => document.querySelectorAll('.nm-label-admin1').length > 5", timeout=15_000)
    assert "Ukraine" in frame.locator(".nm-label-country").all_inner_texts()
    assert any(name.endswith("Oblast") for name in frame.locator(".nm-label-admin1").all_inner_texts())
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap contributors" in attribution
    assert not blocked, blocked  # no tile server was asked
    shot = tmp_path / "offline-ukraine.png"
    page.screenshot(path=str(shot))
    frame.evaluate("() => window.newsmap.cluster._map.setView([33.5, 38.5], 5, {animate: false})")
    frame.wait_for_function(
        "() => [...document.querySelectorAll('img.leaflet-tile')].every(t => t.complete && t.naturalWidth === 256)"
        " && window.newsmap.cluster._map.getZoom() === 5",
        timeout=30_000,
    )
    if os.environ.get("NEWSMAP_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "offline-ukraine.png")
        page.screenshot(path=str(ROOT / "docs" / "offline-middle-east.png"))

    # Online tiles are a choice; offline they fail, and their credit is withdrawn.
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("OpenStreetMap (online)").click()
    frame.wait_for_function(
        "() => document.querySelector('.leaflet-control-attribution').textContent.includes('online tiles unreachable')",
        timeout=15_000,
    )
    page.context.close()


def test_a_big_view_loads_compact_data_and_each_sentence_when_hovered(chromium, tmp_path):
    """Over INLINE_EVENTS events: the page carries no sentence, sums the view in grid cells, and
    fetches an event's sentence and sources when its marker is hovered."""
    from pages.app import common

    n_events = common.INLINE_EVENTS + 1500
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        for extraction in harness.synthetic_extractions(n_events, per_article=50):
            store.add(extraction)
        located = sum(1 for e in store.event_dicts() if e.get("latitude") is not None)
    assert located > common.INLINE_EVENTS
    with harness.dashboard_server(url) as base:
        page = harness.offline_page(chromium)
        page.goto(base + "/")
        frame, _ = harness.wait_for_marker_count(page, lambda n: n == located, timeout_ms=120_000)
        page.wait_for_timeout(1_000)
        frame, _ = harness.wait_for_marker_count(page, lambda n: n == located, timeout_ms=30_000)
        srcdoc = page.locator(harness.MAP_FRAME).get_attribute("srcdoc")
        assert "Synthetic event" not in srcdoc and "/app/static/newsmap/data/" in srcdoc
        # The world view holds more events than markercluster is given: they are summed in cells.
        assert frame.evaluate("() => window.newsmap.cluster.getLayers().length") == 0
        assert frame.locator(".marker-cluster").count() > 0
        # Go close to one event: markercluster takes over, and hovering it fetches its sentence.
        i = frame.evaluate(
            """() => new Promise(done => {
                const i = 7;
                window.newsmap.reveal(i, () => done(i));
            })"""
        )
        assert frame.evaluate("(i) => window.newsmap.cluster.hasLayer(window.newsmap.markers[i])", i)
        point = frame.evaluate(
            """(i) => {
                const m = window.newsmap.markers[i], p = m._map.latLngToContainerPoint(m.getLatLng());
                const box = document.querySelector('.leaflet-container').getBoundingClientRect();
                return [p.x + box.left, p.y + box.top];
            }""",
            i,
        )
        tooltip = frame.locator(".leaflet-tooltip.nm-tip")
        for _ in range(4):
            _hover(page, _on_page(page, frame, point))
            try:
                frame.wait_for_function(
                    "() => (document.querySelector('.leaflet-tooltip.nm-tip') || {textContent: ''})"
                    ".textContent.includes('Synthetic event')", timeout=3_000)
                break
            except Exception:
                page.wait_for_timeout(300)
        text = " ".join(tooltip.inner_text().split())
        place = frame.evaluate("(i) => window.newsmap.markers[i].feature.properties.p", i)
        assert f"in {place}:" in text.replace("&amp;", "&")
        page.mouse.click(*_on_page(page, frame, point))
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=10_000)
        assert "Synthetic event" in popup.inner_text() and popup.locator("a[href^='/articles?article=']").count() == 1
        page.context.close()
