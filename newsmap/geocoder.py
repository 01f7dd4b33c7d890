"""geopy-compatible geocoders: the offline gazetteer by default, Nominatim only when asked for.

``OfflineGeocoder`` is a ``geopy.geocoders.base.Geocoder`` over the bundled GeoNames gazetteer, so
code written against geopy can swap in ``geopy.geocoders.Nominatim`` in one line, and back.

``geocoder_from_env()`` returns the offline geocoder unless ``NEWSMAP_GEOCODER=nominatim``. Then it
returns a ``FallbackGeocoder``: Nominatim (user agent from ``NEWSMAP_USER_AGENT``, optional server from
``NEWSMAP_NOMINATIM_URL``) throttled to 1 request/s by geopy's ``RateLimiter``, answers cached on disk
under the cache directory for ``CACHE_SECONDS``, and any failure — timeout, HTTP 429, refused
connection, a malformed answer — answered by the offline gazetteer within ``FALLBACK_SECONDS``. Remote
answers are validated (``valid_answer``) before they are used or cached. After a failure the remote
service is left alone for ``COOLDOWN_SECONDS``, doubling with each failure in a row up to
``MAX_COOLDOWN_SECONDS``, so an offline laptop doesn't pay the timeout on every query.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location as GeopyLocation

from newsmap.gazetteer import Gazetteer, _cache_dir
from newsmap.records import Location

FALLBACK_SECONDS = 2.0
REQUEST_TIMEOUT = 1.5  # leaves room inside FALLBACK_SECONDS for the offline answer
COOLDOWN_SECONDS = 60.0
MAX_COOLDOWN_SECONDS = 15 * 60.0
CACHE_SECONDS = 30 * 24 * 3600.0  # places rarely move, but a cached answer should not outlive a correction upstream
DEFAULT_USER_AGENT = "newsmap (offline-first conflict news geoparser)"


def _to_geopy(location: Location) -> GeopyLocation:
    parts = [location.name]
    if location.admin1 and location.admin1 != location.name:
        parts.append(location.admin1)
    if location.country and location.feature_class != "country":
        parts.append(location.country)
    raw = asdict(location)
    raw["source"] = "offline"
    return GeopyLocation(", ".join(parts), (location.latitude, location.longitude), raw)


def to_location(found: GeopyLocation) -> Location:
    """A geopy answer as a newsmap ``Location``.

    Offline answers carry every gazetteer field; an online answer (Nominatim) keeps its name,
    coordinates, country code and state where given, with no GeoNames id (0).
    """
    raw = dict(found.raw) if isinstance(found.raw, dict) else {}
    if raw.pop("source", None) == "offline":
        return Location(**raw)
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    name = raw.get("name") if isinstance(raw.get("name"), str) and raw.get("name").strip() else None
    state = address.get("state")
    return Location(
        geonameid=0,
        name=(name or str(found.address or "").split(",")[0]).strip()[:200],
        country=str(address.get("country_code") or "").upper()[:2],
        latitude=float(found.latitude),
        longitude=float(found.longitude),
        feature_class="other",
        admin1=state.strip()[:200] if isinstance(state, str) else None,
    )


def valid_answer(found: Any) -> GeopyLocation | None:
    """``found`` if it is a usable Nominatim answer, else None.

    A remote answer is untrusted data: a list of numbers, a string where a mapping belongs, a
    missing or non-numeric coordinate must not reach the page, the store or the cache.
    """
    if not isinstance(found, GeopyLocation):
        return None
    try:
        latitude, longitude = float(found.latitude), float(found.longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude) and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    raw = found.raw
    if not isinstance(raw, dict) or not isinstance(found.address, str) or not found.address.strip():
        return None
    try:  # geopy reads a missing coordinate as 0: the answer itself must give both
        if (float(raw["lat"]), float(raw["lon"])) != (latitude, longitude):
            return None
    except (KeyError, TypeError, ValueError):
        return None
    if "address" in raw and not isinstance(raw["address"], dict):
        return None
    if any(key in raw and not isinstance(raw[key], str) for key in ("name", "display_name")):
        return None
    address = raw.get("address") or {}
    if any(not isinstance(value, str) for value in address.values()):
        return None
    try:
        json.dumps(raw)
    except (TypeError, ValueError):
        return None
    return found


def _valid_answers(answer: Any, exactly_one: bool) -> list[GeopyLocation] | None:
    """The answer's locations, or None if any part of it is malformed (a bad answer is not used at all)."""
    if answer is None:
        return []
    if exactly_one:
        answer = [answer]
    if not isinstance(answer, (list, tuple)):
        return None
    found = [valid_answer(item) for item in answer]
    return None if any(item is None for item in found) else found


def _query_text(query: Any) -> str:
    if isinstance(query, dict):
        order = ("street", "city", "county", "state", "country", "postalcode")
        return ", ".join(str(query[k]) for k in order if query.get(k))
    return str(query or "")


def _codes(country_codes: str | Iterable[str] | None) -> list[str] | None:
    if country_codes is None:
        return None
    if isinstance(country_codes, str):
        country_codes = [country_codes]
    return [c.upper() for c in country_codes]


class OfflineGeocoder(Geocoder):
    """Geocode place names against the offline GeoNames gazetteer (no network, no key)."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int | None = None,
                country_codes: str | Iterable[str] | None = None, **kwargs: Any):
        """Like ``Nominatim.geocode``: a geopy Location (or a list), None when nothing matches.

        ``raw`` holds the newsmap ``Location`` fields (geonameid, country, admin1, feature_class, ...).
        """
        text = _query_text(query).strip()
        if not text:
            return None
        entries = self.gazetteer.search(text, country_codes=_codes(country_codes), limit=1 if exactly_one else (limit or 10))
        found = [_to_geopy(self.gazetteer.location(e)) for e in entries]
        if not found:
            return None
        return found[0] if exactly_one else found

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, **kwargs: Any):
        raise NotImplementedError("reverse geocoding is not offered offline")


class FallbackGeocoder(Geocoder):
    """Nominatim first (rate-limited, disk-cached), the offline gazetteer whenever that fails."""

    def __init__(self, remote: Geocoder, offline: OfflineGeocoder, cache_dir: Path | None = None,
                 min_delay_seconds: float = 1.0, cooldown_seconds: float = COOLDOWN_SECONDS,
                 cache_seconds: float = CACHE_SECONDS):
        super().__init__()
        from geopy.extra.rate_limiter import RateLimiter

        self.remote = remote
        self.offline = offline
        self.cache_dir = cache_dir or (_cache_dir() / "nominatim")
        self.cooldown_seconds = cooldown_seconds
        self.cache_seconds = cache_seconds
        self._failures = 0
        self._limited = RateLimiter(remote.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                    swallow_exceptions=False)
        self._down_until = 0.0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsmap-geocoder")
        self.last_source: str | None = None

    def _cache_file(self, key: dict) -> Path:
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()[:32]
        return self.cache_dir / f"{digest}.json"

    def _read_cache(self, path: Path) -> list[GeopyLocation] | None:
        """The cached answer if it is fresh and well formed (anything else is asked for again)."""
        try:
            if time.time() - path.stat().st_mtime > self.cache_seconds:
                return None
            with open(path, encoding="utf-8") as handle:
                cached = json.load(handle)
            locations = [GeopyLocation(c["address"], (c["latitude"], c["longitude"]), c["raw"]) for c in cached]
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        return _valid_answers(locations, exactly_one=False)

    def _write_cache(self, path: Path, payload: list[dict]) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache we can't write only costs a repeat request

    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int | None = None,
                country_codes: str | Iterable[str] | None = None, **kwargs: Any):
        codes = _codes(country_codes)
        key = {"query": _query_text(query), "exactly_one": exactly_one, "limit": limit, "country_codes": codes}
        path = self._cache_file(key)
        locations = self._read_cache(path)
        if locations is not None:
            self.last_source = "cache"
        elif time.monotonic() >= self._down_until:
            locations = self._ask_remote(query, exactly_one, limit, codes)
            if locations is not None:
                self._failures = 0
                self.last_source = "remote"
                self._write_cache(path, [
                    {"address": loc.address, "latitude": loc.latitude, "longitude": loc.longitude, "raw": loc.raw}
                    for loc in locations
                ])
            else:
                # Back off: each failure in a row doubles the quiet time, up to MAX_COOLDOWN_SECONDS.
                self._failures += 1
                pause = min(self.cooldown_seconds * 2 ** (self._failures - 1), max(self.cooldown_seconds, MAX_COOLDOWN_SECONDS))
                self._down_until = time.monotonic() + pause
        if locations is not None:
            return (locations[0] if locations else None) if exactly_one else (locations or None)
        self.last_source = "offline"
        return self.offline.geocode(query, exactly_one=exactly_one, limit=limit, country_codes=codes)

    def _ask_remote(self, query, exactly_one: bool, limit: int | None, codes: list[str] | None) -> list[GeopyLocation] | None:
        """The remote service's valid answer, or None on any failure or malformed answer."""
        call = self._pool.submit(self._limited, query, exactly_one=exactly_one, timeout=REQUEST_TIMEOUT,
                                 addressdetails=True,
                                 limit=limit, country_codes=[c.lower() for c in codes] if codes else None)
        try:
            # A hard deadline on top of the socket timeout: slow-drip answers and the rate
            # limiter's wait must not hold the caller past the budget either.
            answer = call.result(timeout=REQUEST_TIMEOUT + 0.2)
        except Exception:  # noqa: BLE001 - timeouts, HTTP errors, and answers geopy can't parse (AttributeError...)
            return None
        return _valid_answers(answer, exactly_one)

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, **kwargs: Any):
        raise NotImplementedError("reverse geocoding is not offered")


def geocoder_from_env(gazetteer: Gazetteer | None = None) -> Geocoder:
    """The offline geocoder, or Nominatim-with-fallback when ``NEWSMAP_GEOCODER=nominatim``."""
    offline = OfflineGeocoder(gazetteer)
    choice = os.environ.get("NEWSMAP_GEOCODER", "offline").strip().lower()
    if choice in ("", "offline", "gazetteer"):
        return offline
    if choice != "nominatim":
        from newsmap.errors import NewsmapError

        raise NewsmapError(f"NEWSMAP_GEOCODER={choice!r}: use 'offline' (default) or 'nominatim'")
    from geopy.adapters import RequestsAdapter, URLLibAdapter
    from geopy.geocoders import Nominatim

    def no_retries(proxies, ssl_context):
        # requests would otherwise retry a timed-out request twice, tripling the wait.
        try:
            return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
        except ImportError:
            return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)

    options: dict[str, Any] = {
        "user_agent": os.environ.get("NEWSMAP_USER_AGENT") or DEFAULT_USER_AGENT,
        "timeout": REQUEST_TIMEOUT,
        "adapter_factory": no_retries,
    }
    url = os.environ.get("NEWSMAP_NOMINATIM_URL")
    if url:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        options["domain"] = parts.netloc + parts.path.rstrip("/")
        options["scheme"] = parts.scheme
    return FallbackGeocoder(Nominatim(**options), offline)
