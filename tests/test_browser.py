"""End to end in headless Debian Chromium, with the network cut off: `streamlit run dashboard.py`.

The app starts on an empty temporary store and ingests seeds/ itself; the test reads the seed
result from the store to know what to look for. Skips locally without Chromium (saying how to
enable it); fails instead when NEWSMAP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from newsmap import mapview
from newsmap.bench import dashboard as harness
from newsmap.filters import admin1_key, region_label
from newsmap.labels import casualty_text, place_name, sources_text
from newsmap.store import Store

from .conftest import ROOT

pytestmark = pytest.mark.browser


def _browser_problem() -> str | None:
    if not Path(harness.CHROMIUM).exists():
        return f"{harness.CHROMIUM} is missing"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing"
    return None


@pytest.fixture(scope="module")
def chromium():
    problem = _browser_problem()
    if problem:
        if os.environ.get("NEWSMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required (NEWSMAP_REQUIRE_BROWSER=1) but {problem}")
        pytest.skip(f"{problem}: apt-get install -y chromium to enable")
    with harness.offline_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium):
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}"
    with harness.dashboard_server(url) as base:
        yield {"base": base, "db": url, "browser": chromium}


@pytest.fixture(scope="module")
def seed_events(app):
    # The first page view triggers the seed ingest; wait for the map once, then read the store.
    page = harness.offline_page(app["browser"])
    page.goto(app["base"] + "/")
    harness.map_frame(page, timeout_ms=180_000)
    page.context.close()
    with Store(app["db"]) as store:
        events = store.event_dicts()
    assert events, "the first start did not ingest seeds/"
    return events


def _marker_position(page, frame, place: str) -> tuple[float, float]:
    """Page coordinates of the marker of ``place`` (canvas markers have no DOM element)."""
    point = frame.evaluate(
        """(place) => {
            const layer = window.newsmapEvents.getLayers().find(l => l.feature.properties.p === place);
            if (!layer) return null;
            const p = layer._map.latLngToContainerPoint(layer.getLatLng());
            const box = document.querySelector('.leaflet-container').getBoundingClientRect();
            return [p.x + box.left, p.y + box.top];
        }""",
        place,
    )
    assert point, f"no marker for {place}"
    frame_box = page.locator(harness.MAP_FRAME).bounding_box()
    return frame_box["x"] + point[0], frame_box["y"] + point[1]


def _hover_tooltip(page, frame, place: str) -> str:
    """Move the mouse onto the marker of ``place`` and return its tooltip's text."""
    tooltip = frame.locator(".leaflet-tooltip")
    for attempt in range(3):
        x, y = _marker_position(page, frame, place)
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=5)
        # Leaflet's canvas ignores moves within 32 ms of the last one it handled: move again, later.
        page.wait_for_timeout(60)
        page.mouse.move(x + 1, y)
        try:
            tooltip.wait_for(timeout=3_000)
            return tooltip.inner_text()
        except Exception:
            page.wait_for_timeout(500)
    raise AssertionError(f"no tooltip when hovering {place}")


def _places_on_map(frame) -> set[str]:
    return set(frame.evaluate("() => window.newsmapEvents.getLayers().map(l => l.feature.properties.p)"))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_map_renders_offline_with_tooltip_filter_and_timeline(app, seed_events, tmp_path):
    blocked: list[str] = []
    page = harness.offline_page(app["browser"], blocked)
    page.goto(app["base"] + "/")
    located = [e for e in seed_events if e.get("latitude") is not None]
    frame, count = harness.wait_for_marker_count(page, lambda n: n == len(located), timeout_ms=60_000)
    assert frame.locator(".leaflet-container").count() == 1
    assert frame.evaluate("() => typeof L === 'object' && L.version") == "1.9.3"
    # The offline outlines are drawn (tiles can't load: the network is cut off).
    # (They arrive by an asynchronous fetch after the markers, so wait for them.)
    frame.wait_for_function(
        "() => document.querySelectorAll('.leaflet-nm-basemap-pane path, .leaflet-nm-basemap-pane canvas').length > 0",
        timeout=30_000,
    )

    # The timeline is drawn (Vega renders into a canvas or an SVG).
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg.marks\")]"
        ".some(e => e.getBoundingClientRect().height > 100)",
        timeout=30_000,
    )

    kramatorsk = next(e for e in seed_events if e.get("location") == "Kramatorsk")
    shown = _words(_hover_tooltip(page, frame, "Kramatorsk"))
    assert "Kramatorsk" in shown
    assert _words(kramatorsk["excerpt"])[:60] in shown
    assert casualty_text(kramatorsk) in shown
    assert sources_text(kramatorsk) in shown

    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot))
    if os.environ.get("NEWSMAP_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")

    sumy_region = next(admin1_key(e) for e in seed_events if e.get("location") == "Sumy")
    harness.region_option(page, region_label(sumy_region)).click()
    expected = [e for e in located if admin1_key(e) == sumy_region]
    frame, _ = harness.wait_for_marker_count(page, lambda n: n == len(expected), timeout_ms=30_000)
    assert _places_on_map(frame) == {"Sumy", "Putyvl"}
    assert "region=" in page.url
    # Nothing but map tiles (optional, online only) was requested from outside.
    assert blocked and all(urlparse(url).hostname == "tile.openstreetmap.org" for url in blocked), blocked
    page.context.close()


def test_standalone_html_map_works_offline(app, seed_events, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(mapview.standalone_html(seed_events), encoding="utf-8")
    blocked: list[str] = []
    page = harness.offline_page(app["browser"], blocked)
    page.goto(path.as_uri())
    located = [e for e in seed_events if e.get("latitude") is not None]
    page.wait_for_function("n => window.newsmapEvents && window.newsmapEvents.getLayers().length === n", arg=len(located))
    assert page.evaluate("() => document.querySelectorAll('.leaflet-nm-basemap-pane canvas, .leaflet-nm-basemap-pane path').length") > 0
    assert all(urlparse(url).hostname == "tile.openstreetmap.org" for url in blocked), blocked
    page.context.close()


HOSTILE_ARTICLE = """date 2024-10-14
KHARKIV: A Russian drone struck a market in Chuhuiv on Monday, wounding three people <script>window.__pwned = 'script'; document.title = 'pwned'</script> <img src=x onerror="window.__pwned = 'img'; document.title = 'pwned'"> <a href="javascript:window.__pwned = 'link'">details</a> <svg onload="window.__pwned = 'svg'; document.title = 'pwned'"></svg>, the regional governor said.
"""


def _assert_not_run(page, frame=None) -> None:
    for context in filter(None, (page, frame)):
        assert context.evaluate("() => window.__pwned === undefined"), "article markup ran"
        assert context.evaluate("() => document.title") != "pwned"


def test_hostile_article_is_shown_as_text_and_never_runs(app, seed_events):
    page = harness.offline_page(app["browser"])
    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    page.goto(app["base"] + "/articles")
    page.get_by_label("Article text").fill(HOSTILE_ARTICLE)
    page.get_by_role("button", name="Process and store").first.click()
    # (Not just the text "Stored": the page's "Stored articles" heading has it before processing ends.)
    page.locator("[data-testid='stAlertContentSuccess']").get_by_text("Stored").wait_for(timeout=60_000)
    _assert_not_run(page)

    with Store(app["db"]) as store:
        article_id = next(a["article_id"] for a in store.articles() if a["source"] == "pasted text")
        hostile = [e for e in store.event_dicts() if e["sources"][0]["article_id"] == article_id]
    assert hostile, "the hostile article gave no event"

    page.goto(f"{app['base']}/articles?article={article_id}")
    page.locator(".nm-article").wait_for(timeout=30_000)
    article_text = page.locator(".nm-article").inner_text()
    assert "<script>window.__pwned = 'script'" in article_text
    assert '<img src=x onerror="window.__pwned' in article_text
    assert "<svg onload=" in article_text
    assert page.locator(".nm-article script, .nm-article img, .nm-article svg").count() == 0
    _assert_not_run(page)

    target = next(e for e in hostile if e.get("latitude") is not None)
    page.goto(app["base"] + "/")
    frame = harness.map_frame(page)
    shown = _hover_tooltip(page, frame, target["location"])
    assert "<script>" in shown or "<img src=x" in shown
    x, y = _marker_position(page, frame, target["location"])
    page.mouse.click(x, y)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert popup.locator("script, img, svg").count() == 0
    assert popup.locator("a[href^='javascript']").count() == 0
    reader_link = popup.locator(f"a[href='/articles?article={article_id}']")
    assert reader_link.count() == 1 and "<b>" not in reader_link.inner_text()
    page.wait_for_timeout(500)
    _assert_not_run(page, frame)

    page.goto(app["base"] + "/events")
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    _assert_not_run(page)
    page.context.close()


def test_opening_a_page_first_keeps_the_app_navigation(chromium, tmp_path):
    """A new server whose first visitor lands on /events still runs dashboard.py and its navigation.

    (That first run goes through Streamlit's pages-folder mode, which finds no page script at the
    top of pages/ and runs dashboard.py; Streamlit also shows a one-time "Page not found" notice.)
    """
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with harness.dashboard_server(url) as base:
        page = harness.offline_page(chromium)
        page.goto(base + "/events")
        nav = page.locator("[data-testid='stSidebar'] a[data-testid='stPageLink-NavLink']")  # (dashboard.py's links)
        nav.first.wait_for(timeout=120_000)
        page.get_by_role("heading", name="Events", exact=True).wait_for(timeout=120_000)
        # (Each link also holds its icon's ligature name, e.g. "map Map".)
        assert [text.split()[-1] for text in nav.all_inner_texts()] == ["Map", "Events", "Articles", "About"]
        assert urlparse(page.url).path == "/events"
        page.get_by_role("button", name="Reload stored data").wait_for(timeout=30_000)  # the shared sidebar
        page.context.close()
    with Store(url) as store:
        assert not store.is_empty(), "dashboard.py did not run: the seeds were not ingested"


TWO_EVENTS = """date 2024-11-05
KHARKIV: A Russian missile struck a warehouse in Chuhuiv on Tuesday, wounding four people, the regional governor said. Russian shelling also hit Kupiansk on Tuesday, killing two residents.
"""


def test_a_table_row_picked_in_the_browser_is_the_one_corrected(chromium, tmp_path, pipeline):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        store.add(pipeline.extract_text(TWO_EVENTS, source="desk"))
        events = store.event_dicts()
    assert len(events) == 2
    target = events[1]
    with harness.dashboard_server(url) as base:
        page = harness.offline_page(chromium)
        page.goto(base + "/events")
        grid = page.locator("[data-testid='stDataFrame']").first
        grid.wait_for(timeout=120_000)
        page.get_by_role("combobox", name="Event", exact=True).wait_for(timeout=60_000)
        chosen = "(wanted) => (document.querySelector(\"input[aria-label='Event']\") || {value: ''}).value.includes(wanted)"
        assert not page.evaluate(chosen, place_name(target)), "the second event is picked already"
        box = grid.bounding_box()
        for attempt in range(3):  # (a click while the grid is still being laid out can be lost)
            # The grid is a canvas: click the selection box of the second row (rows are 35 px high).
            page.mouse.click(box["x"] + 15, box["y"] + 35 * 2 + 18)
            try:
                page.wait_for_function(chosen, arg=place_name(target), timeout=5_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        # The previous event's form lingers while Streamlit swaps in the new one: wait for one form, the
        # picked event's (its figures, not the other event's, in the fields).
        page.wait_for_function(
            "(wounded) => { const found = document.querySelectorAll(\"input[aria-label='Wounded']\");"
            " return found.length === 1 && found[0].value === wounded; }",
            arg=str(target["wounded"]), timeout=30_000)
        page.get_by_label("Wounded", exact=True).fill("3")
        page.get_by_label("Your name", exact=False).fill("Night desk")
        page.get_by_role("button", name="Save correction").click()
        page.locator("[data-testid='stAlertContentSuccess']").get_by_text("Correction saved").wait_for(timeout=30_000)
        page.wait_for_function(chosen, arg="3 wounded", timeout=30_000)
        page.context.close()
    with Store(url) as store:
        after = {e["event_id"]: e for e in store.event_dicts()}
        assert after[target["event_id"]]["wounded"] == 3
        assert after[events[0]["event_id"]]["wounded"] == events[0]["wounded"]
        assert [(c["field"], c["author"]) for c in store.corrections()] == [("wounded", "Night desk")]
