"""The analyst's controls end to end in headless Debian Chromium, network cut off: dismiss and restore an
event, delete an article, uploads refused with the file's name and reason, a bad link's notice, and
Back from Events to the Map in one press.

Skips without Chromium like tests/test_browser.py; fails instead when NEWSMAP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from newsmap.bench import dashboard as harness
from newsmap.labels import place_name
from newsmap.store import Store

from .test_analyst_dashboard import TWO_CITIES
from .test_browser import chromium  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

GAZA = """date 2024-02-12
Strike on a house in Rafah
RAFAH: An Israeli air strike hit a house in Rafah on Monday, killing four people, health officials said.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium, pipeline):  # noqa: F811
    url = f"sqlite:///{tmp_path_factory.mktemp('analyst-browser') / 'store.db'}"
    with Store(url) as store:
        store.add(pipeline.extract_text(TWO_CITIES, source="/srv/inbox/tmp81/sudan.txt"))
        store.add(pipeline.extract_text(GAZA, source="/srv/inbox/tmp81/rafah.txt"))
    with harness.dashboard_server(url) as base:
        # A new server's first visit shows Streamlit's one-time "Page not found" notice over the page
        # unless it opens the map: open the map first, whichever test runs first.
        page = harness.offline_page(chromium)
        page.goto(base + "/")
        harness.map_frame(page, timeout_ms=120_000)
        page.context.close()
        yield {"base": base, "db": url, "browser": chromium}


def _located(db: str) -> list[dict]:
    with Store(db) as store:
        return [e for e in store.event_dicts() if e.get("latitude") is not None]


def _alert(page, kind: str, text: str):
    """The open (visible) alert of ``kind`` ("Success", "Error", "Warning") holding ``text``."""
    alert = page.locator(f"[data-testid='stAlertContent{kind}']").filter(has_text=text)
    try:
        alert.first.wait_for(state="visible", timeout=60_000)
    except Exception:
        print("ALERTS", page.locator("[data-testid^=stAlertContent]").all_inner_texts(), page.url)
        page.screenshot(path="/tmp/analyst/fail.png")
        raise
    return alert


def _sidebar_link(page, name: str):
    return page.locator("[data-testid='stSidebar'] a").filter(has_text=name).first


def test_back_from_events_returns_to_the_map_in_one_press(app):
    page = harness.offline_page(app["browser"])
    page.goto(app["base"] + "/?casualties=1")
    harness.map_frame(page, timeout_ms=120_000)
    _sidebar_link(page, "Events").click()
    page.get_by_role("heading", name="Events", exact=True).wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('casualties=1')", timeout=30_000)
    page.wait_for_timeout(1_000)  # (let any second history entry arrive, as it did)
    page.go_back()
    page.wait_for_function("() => location.pathname === '/'", timeout=10_000)
    assert parse_qs(urlparse(page.url).query) == {"casualties": ["1"]}
    harness.map_frame(page, timeout_ms=60_000)
    page.context.close()


def test_a_bad_date_in_a_link_gives_a_notice(app):
    located = _located(app["db"])
    page = harness.offline_page(app["browser"])
    page.goto(app["base"] + "/?from=2099-01-01&region=Fasher")
    _alert(page, "Warning", "No stored event is dated on or after 2099-01-01")
    region = next(e for e in located if e["location"] == "El Fasher")["admin1"]
    _alert(page, "Warning", f"No region called “Fasher” among the stored events; did you mean {region}")
    # The bad parts were left out: every event is on the map.
    harness.wait_for_marker_count(page, lambda n: n == len(located), timeout_ms=60_000)
    assert "from=" not in page.url and "region=" not in page.url
    page.context.close()


def test_empty_and_binary_uploads_show_their_reasons_with_the_file_name(app):
    before = Store(app["db"]).articles()
    page = harness.offline_page(app["browser"])
    page.goto(app["base"] + "/articles")
    page.get_by_role("tab", name=re.compile("^Upload")).click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([
        {"name": "field-report.txt", "mimeType": "text/plain", "buffer": b"\n  \n"},
        {"name": "scan-0042.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 8},
    ])
    page.get_by_role("button", name="Process and store 2 files").click()
    empty = _alert(page, "Error", "field-report.txt")
    binary = _alert(page, "Error", "scan-0042.txt")
    assert "the file is empty" in empty.inner_text()
    assert "binary" in binary.inner_text()
    for alert in (empty, binary):  # shown open, not folded into a box
        assert alert.is_visible()
        assert "/tmp" not in alert.inner_text() and "upload." not in alert.inner_text()
    page.get_by_text("Done: 0 of 2 stored").wait_for(timeout=10_000)
    assert Store(app["db"]).articles() == before
    page.context.close()


def test_dismiss_and_restore_an_event(app):
    located = _located(app["db"])
    page = harness.offline_page(app["browser"])
    page.goto(app["base"] + "/events")
    page.get_by_role("combobox", name="Event", exact=True).wait_for(timeout=60_000)
    chosen = page.evaluate("() => document.querySelector(\"input[aria-label='Event']\").value")
    target = next(e for e in located if place_name(e) in chosen)
    page.get_by_label("Dismissed by", exact=False).fill("Night desk")
    page.get_by_role("button", name="Dismiss this event").click()
    _alert(page, "Success", "Dismissed")
    page.get_by_text("dismissed by Night desk").wait_for(timeout=30_000)
    with Store(app["db"]) as store:
        assert [e["event_id"] for e in store.event_dicts(dismissed=True)] == [target["event_id"]]

    _sidebar_link(page, "Map").click()  # (in the app, not a new visit: the session keeps the name)
    frame, _ = harness.wait_for_marker_count(page, lambda n: n == len(located) - 1, timeout_ms=60_000)
    shown = set(frame.evaluate("() => window.newsmapEvents.getLayers().map(l => l.feature.properties.p)"))
    assert place_name(target) not in shown

    _sidebar_link(page, "Events").click()
    page.get_by_role("button", name="Restore").click()
    _alert(page, "Success", "Restored")
    _sidebar_link(page, "Map").click()
    harness.wait_for_marker_count(page, lambda n: n == len(located), timeout_ms=60_000)
    with Store(app["db"]) as store:
        assert store.event_dicts(dismissed=True) == []
        assert [(r["action"], r["author"]) for r in store.reviews(target["event_id"])] == [
            ("dismissed", "Night desk"), ("restored", "Night desk")]
    page.context.close()


def test_delete_an_article(app):
    located = _located(app["db"])
    with Store(app["db"]) as store:
        rafah = next(a for a in store.articles() if a["origin"] == "rafah.txt")
        gone = {e["event_id"] for e in store.event_dicts(article_ids=[rafah["article_id"]]) if e.get("latitude")}
    assert gone
    page = harness.offline_page(app["browser"])
    page.goto(f"{app['base']}/articles?article={rafah['article_id']}")
    page.get_by_role("button", name="Delete this article…").click()
    _alert(page, "Warning", "cannot be undone")
    page.get_by_role("button", name="Yes, delete it").click()
    _alert(page, "Success", "Deleted “Strike on a house in Rafah”")
    assert "article=" not in page.url
    page.get_by_role("heading", name="Stored articles (1)").wait_for(timeout=30_000)
    assert page.get_by_text("Strike on a house in Rafah —").count() == 0
    with Store(app["db"]) as store:
        assert rafah["article_id"] not in {a["article_id"] for a in store.articles()}
    page.goto(app["base"] + "/")
    harness.wait_for_marker_count(page, lambda n: n == len(located) - len(gone), timeout_ms=60_000)
    page.context.close()
