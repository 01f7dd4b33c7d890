"""The geopy-compatible geocoders: offline by default, Nominatim with a bounded fallback."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location as GeopyLocation

from newsmap.geocoder import FALLBACK_SECONDS, FallbackGeocoder, OfflineGeocoder, geocoder_from_env


@pytest.fixture(scope="module")
def offline(gazetteer):
    return OfflineGeocoder(gazetteer)


def test_offline_geocoder_is_a_geopy_geocoder(offline):
    assert isinstance(offline, Geocoder)
    result = offline.geocode("Kharkiv")
    assert isinstance(result, GeopyLocation)
    assert result.raw["country"] == "UA" and result.raw["feature_class"] == "city"
    assert 49 < result.latitude < 51 and 35 < result.longitude < 38
    assert result.raw["source"] == "offline"


def test_offline_geocoder_spelling_variants_agree(offline):
    assert offline.geocode("Kiev").raw["geonameid"] == offline.geocode("Kyiv").raw["geonameid"]
    assert offline.geocode("Odessa", country_codes="ua").raw["geonameid"] == offline.geocode("Odesa").raw["geonameid"]


def test_offline_geocoder_country_codes_and_hierarchy(offline):
    assert offline.geocode("Paris").raw["country"] == "FR"
    assert offline.geocode("Paris", country_codes=["US"]).raw["country"] == "US"
    texas = offline.geocode("Paris, Texas")
    assert texas.raw["country"] == "US" and texas.raw["admin1"] == "Texas"
    many = offline.geocode("Paris", exactly_one=False, limit=5)
    assert isinstance(many, list) and 1 < len(many) <= 5
    assert offline.geocode("Qwxzzyv") is None
    assert offline.geocode("   ") is None


def test_geocoder_from_env_defaults_to_offline(monkeypatch, gazetteer):
    monkeypatch.delenv("NEWSMAP_GEOCODER", raising=False)
    assert isinstance(geocoder_from_env(gazetteer), OfflineGeocoder)
    monkeypatch.setenv("NEWSMAP_GEOCODER", "bogus")
    from newsmap.errors import NewsmapError

    with pytest.raises(NewsmapError):
        geocoder_from_env(gazetteer)


class _FakeNominatim(BaseHTTPRequestHandler):
    mode = "429"
    hits = 0

    def do_GET(self):  # noqa: N802 (http.server API)
        type(self).hits += 1
        if self.mode == "429":
            self.send_response(429)
            self.end_headers()
            self.wfile.write(b"Too Many Requests")
        elif self.mode == "hang":
            time.sleep(5)  # bounded: longer than the client's timeout, short enough to end the test
            self.send_response(200)
            self.end_headers()
        else:
            body = json.dumps([{"lat": "50.0", "lon": "36.25", "display_name": "Remote Kharkiv, Ukraine",
                                "place_id": 1}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    handler = type("Handler", (_FakeNominatim,), {"hits": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, handler
    server.shutdown()
    server.server_close()


def _nominatim_env(monkeypatch, tmp_path, url):
    monkeypatch.setenv("NEWSMAP_GEOCODER", "nominatim")
    monkeypatch.setenv("NEWSMAP_NOMINATIM_URL", url)
    monkeypatch.setenv("NEWSMAP_USER_AGENT", "newsmap-tests")
    monkeypatch.setenv("NEWSMAP_CACHE_DIR", str(tmp_path))


@pytest.mark.parametrize("mode", ["429", "hang"])
def test_nominatim_failure_falls_back_offline_in_time(monkeypatch, tmp_path, gazetteer, fake_server, mode):
    server, handler = fake_server
    handler.mode = mode
    _nominatim_env(monkeypatch, tmp_path, f"http://127.0.0.1:{server.server_address[1]}")
    geocoder = geocoder_from_env(gazetteer)
    assert isinstance(geocoder, FallbackGeocoder)
    started = time.monotonic()
    result = geocoder.geocode("Kharkiv")
    elapsed = time.monotonic() - started
    assert handler.hits == 1
    assert elapsed < FALLBACK_SECONDS + 0.5
    assert geocoder.last_source == "offline"
    assert result.raw["source"] == "offline" and result.raw["country"] == "UA"
    # During the cool-down the remote is not asked again.
    geocoder.geocode("Lviv")
    assert handler.hits == 1
    assert not list(tmp_path.glob("nominatim/*.json")), "failures must not be cached"


def test_nominatim_unreachable_falls_back(monkeypatch, tmp_path, gazetteer):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _nominatim_env(monkeypatch, tmp_path, f"http://127.0.0.1:{port}")
    geocoder = geocoder_from_env(gazetteer)
    started = time.monotonic()
    result = geocoder.geocode("Odesa")
    assert time.monotonic() - started < FALLBACK_SECONDS + 0.5
    assert result.raw["geonameid"] == OfflineGeocoder(gazetteer).geocode("Odesa").raw["geonameid"]


def test_nominatim_answers_are_used_and_cached_on_disk(monkeypatch, tmp_path, gazetteer, fake_server):
    server, handler = fake_server
    handler.mode = "ok"
    _nominatim_env(monkeypatch, tmp_path, f"http://127.0.0.1:{server.server_address[1]}")
    geocoder = geocoder_from_env(gazetteer)
    first = geocoder.geocode("Kharkiv")
    assert geocoder.last_source == "remote"
    assert first.address == "Remote Kharkiv, Ukraine" and first.latitude == 50.0
    assert list(tmp_path.glob("nominatim/*.json"))
    again = geocoder_from_env(gazetteer).geocode("Kharkiv")  # a new process-like instance: disk cache
    assert again.address == first.address and handler.hits == 1


def test_answers_convert_to_newsmap_locations(monkeypatch, tmp_path, gazetteer, fake_server, offline):
    from newsmap.geocoder import to_location

    offline_answer = offline.geocode("Kharkiv")
    assert to_location(offline_answer) == gazetteer.location(gazetteer.search("Kharkiv", limit=1)[0])
    server, handler = fake_server
    handler.mode = "ok"
    _nominatim_env(monkeypatch, tmp_path, f"http://127.0.0.1:{server.server_address[1]}")
    remote = to_location(geocoder_from_env(gazetteer).geocode("Kharkiv"))
    assert (remote.name, remote.geonameid, remote.latitude) == ("Remote Kharkiv", 0, 50.0)
