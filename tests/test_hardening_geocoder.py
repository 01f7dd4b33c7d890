"""Remote geocoder answers are untrusted: malformed ones fall back offline, are never cached, and back off."""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from geopy.geocoders import Nominatim
from geopy.location import Location as GeopyLocation

from newsmap.geocoder import FallbackGeocoder, OfflineGeocoder, to_location

GOOD = [{"lat": "49.84", "lon": "24.03", "display_name": "Remote Lviv, Ukraine", "place_id": 7,
         "address": {"city": "Lviv", "state": "Lviv Oblast", "country_code": "ua"}}]
MALFORMED = {
    "a list of numbers": [1, 2, 3],
    "a string address": [{"lat": "49.84", "lon": "24.03", "display_name": "Lviv", "address": "Lviv, Ukraine"}],
    "no coordinates": [{"display_name": "Lviv", "place_id": 1}],
    "words for coordinates": [{"lat": "north", "lon": "east", "display_name": "Lviv"}],
    "coordinates off the globe": [{"lat": "95.0", "lon": "24.03", "display_name": "Lviv"}],
    "a number for a name": [{"lat": "49.84", "lon": "24.03", "display_name": 12345}],
    "a bare string": "Lviv",
    "not JSON": b"<html>rate limited</html>",
}


class Remote(BaseHTTPRequestHandler):
    body: bytes = b"[]"
    hits = 0

    def do_GET(self):  # noqa: N802 (http.server API)
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def remote():
    handler = type("Handler", (Remote,), {"hits": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def answer(payload):
        handler.body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()

    answer(GOOD)
    yield server, handler, answer
    server.shutdown()
    server.server_close()


def fallback(server, gazetteer, cache_dir, cooldown=60.0) -> FallbackGeocoder:
    remote = Nominatim(user_agent="newsmap-tests", domain=f"127.0.0.1:{server.server_address[1]}", scheme="http",
                       timeout=1.5)
    return FallbackGeocoder(remote, OfflineGeocoder(gazetteer), cache_dir=cache_dir, min_delay_seconds=0,
                            cooldown_seconds=cooldown)


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_answer_falls_back_offline_and_is_not_cached(kind, remote, gazetteer, tmp_path):
    server, handler, answer = remote
    answer(MALFORMED[kind])
    geocoder = fallback(server, gazetteer, tmp_path)
    for exactly_one in (True, False):
        geocoder._down_until = 0.0
        found = geocoder.geocode("Lviv", exactly_one=exactly_one)
        assert geocoder.last_source == "offline"
        first = found if exactly_one else found[0]
        assert first.raw["source"] == "offline" and to_location(first).country == "UA"
    assert handler.hits == 2
    assert not list(tmp_path.glob("*.json")), "a bad answer was cached"


def test_a_good_answer_is_used_and_converts_to_a_location(remote, gazetteer, tmp_path):
    server, handler, _ = remote
    geocoder = fallback(server, gazetteer, tmp_path)
    found = geocoder.geocode("Lviv", exactly_one=False)
    assert geocoder.last_source == "remote"
    location = to_location(found[0])
    assert (location.name, location.country, location.admin1, location.latitude) == ("Remote Lviv", "UA", "Lviv Oblast", 49.84)
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_to_location_survives_a_string_address():
    odd = GeopyLocation("Lviv, Ukraine", (49.84, 24.03), {"address": "Lviv, Ukraine", "name": 5})
    location = to_location(odd)
    assert (location.name, location.country, location.admin1) == ("Lviv", "", None)


def test_a_tampered_or_stale_cache_entry_is_asked_for_again(remote, gazetteer, tmp_path):
    server, handler, _ = remote
    geocoder = fallback(server, gazetteer, tmp_path)
    geocoder.geocode("Lviv")
    (cached,) = tmp_path.glob("*.json")
    assert handler.hits == 1
    geocoder.geocode("Lviv")
    assert handler.hits == 1 and geocoder.last_source == "cache"

    cached.write_text(json.dumps([{"address": "Lviv", "latitude": "north", "longitude": 24.0, "raw": {}}]))
    geocoder.geocode("Lviv")
    assert handler.hits == 2 and geocoder.last_source == "remote"

    month_ago = time.time() - 31 * 24 * 3600
    os.utime(cached, (month_ago, month_ago))
    geocoder.geocode("Lviv")
    assert handler.hits == 3 and geocoder.last_source == "remote"


def test_failures_in_a_row_back_off_longer_each_time(remote, gazetteer, tmp_path):
    server, handler, answer = remote
    answer(MALFORMED["a list of numbers"])
    geocoder = fallback(server, gazetteer, tmp_path, cooldown=0.5)
    geocoder.geocode("Lviv")
    assert handler.hits == 1
    geocoder.geocode("Lviv")
    assert handler.hits == 1  # within the first pause (0.5 s)
    time.sleep(0.6)
    geocoder.geocode("Lviv")
    assert handler.hits == 2  # the second failure doubles the pause to 1 s
    time.sleep(0.6)
    geocoder.geocode("Lviv")
    assert handler.hits == 2
    time.sleep(0.6)
    answer(GOOD)
    geocoder.geocode("Lviv")
    assert handler.hits == 3 and geocoder.last_source == "remote"


def test_the_events_page_correction_form_survives_a_malformed_answer(remote, gazetteer, tmp_path, monkeypatch, pipeline):
    from streamlit.testing.v1 import AppTest

    from newsmap.store import Store
    from pages.app import common
    from tests.conftest import ROOT

    server, handler, answer = remote
    answer(MALFORMED["a string address"])
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", url)
    monkeypatch.setenv("NEWSMAP_GEOCODER", "nominatim")
    monkeypatch.setenv("NEWSMAP_NOMINATIM_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("NEWSMAP_CACHE_DIR", str(tmp_path / "cache"))
    with Store(url) as store:
        store.add(pipeline.extract_text(
            "date 2024-03-02\nMOSUL: A car bomb killed three people in Mosul on Friday, police said.\n", source="desk"))
    common.geocoder.clear()
    try:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        app.switch_page("pages/app/events.py").run()
        assert not app.exception, [e.message for e in app.exception]
        query = next(widget for widget in app.text_input if widget.label.startswith("New place"))
        query.input("Lviv").run()
        assert not app.exception, [e.message for e in app.exception]
        assert handler.hits == 1
        assert any(box.label == "Place found" for box in app.selectbox)
        assert any(button.label == "Save correction" for button in app.button)
        assert not list((tmp_path / "cache").rglob("*.json"))
    finally:
        common.geocoder.clear()
