"""``python -m newsmap bench dashboard``: map build time in Python, page load and filter redraw in Chromium.

Two scenarios, each in its own temporary database (never the project's data/):

* ``seed``: the articles in seeds/ run through the pipeline;
* ``synthetic-N``: for each N of ``--events``, N events at real gazetteer places (random towns), with random dates,
  types and figures, for load testing only.

The browser runs with the network cut off (every request not to 127.0.0.1 is aborted), as on an
offline laptop. Chromium comes from Debian (``apt-get install -y chromium``), never from
``playwright install``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlparse
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from newsmap.records import EVENT_TYPES, Article, Event, Extraction, Place

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_FRAME = 'iframe[title="Map of the filtered events"]'  # the alt text pages/map.py gives st.iframe


# ------------------------------------------------------------------------ synthetic load data


def synthetic_extractions(n_events: int, seed: int = 7, per_article: int = 10) -> list[Extraction]:
    """``n_events`` events at random real towns of the gazetteer, ``per_article`` to an article.

    Figures, dates and types are random; the text is plainly labelled synthetic.
    """
    from newsmap.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    rng = random.Random(seed)
    towns = [i for i in range(len(gazetteer)) if gazetteer.location(i).feature_class == "city"]
    if not towns:
        raise RuntimeError("the gazetteer has no towns")
    start = date(2025, 1, 1)
    violent = [t for t in EVENT_TYPES if t not in ("diplomatic", "prisoner_exchange", "other")]
    extractions = []
    for article_number in range(0, n_events, per_article):
        events, places = [], []
        text = f"Synthetic benchmark article {article_number // per_article}.\n\n"
        for offset in range(min(per_article, n_events - article_number)):
            location = gazetteer.location(rng.choice(towns))
            event_type = rng.choice(violent) if rng.random() < 0.9 else rng.choice(["diplomatic", "other"])
            killed = rng.choice([None, None, 0, 1, 2, 3, 5, 8]) if event_type != "diplomatic" else None
            wounded = rng.choice([None, 0, 1, 2, 4, 7, 12, 20]) if event_type != "diplomatic" else None
            sentence = (
                f"Synthetic event {article_number + offset} in {location.name}: "
                f"{killed or 0} people were killed and {wounded or 0} wounded."
            )
            sentence_start = len(text)
            text += sentence + " "
            name_start = sentence_start + sentence.index(location.name)
            place = Place(location.name, name_start, name_start + len(location.name), "location", location)
            places.append(place)
            events.append(
                Event(
                    event_id=f"synthetic-{article_number + offset}",
                    article_id="",
                    event_date=start + timedelta(days=rng.randrange(365)),
                    event_type=event_type,
                    excerpt=sentence,
                    excerpt_start=sentence_start,
                    excerpt_end=sentence_start + len(sentence),
                    place=place,
                    geo_precision=1,
                    killed=killed,
                    wounded=wounded,
                )
            )
        article_id = f"synthetic{article_number // per_article:06d}"
        article = Article(article_id=article_id, text=text, source="synthetic benchmark", title=f"Synthetic {article_id}")
        events = [Event(**{**e.__dict__, "article_id": article_id}) for e in events]
        extractions.append(Extraction(article=article, places=places, events=events))
    return extractions


def seed_extractions() -> list[Extraction]:
    from newsmap.pipeline import default_pipeline

    pipeline = default_pipeline()
    return [pipeline.extract_file(path) for path in sorted((ROOT / "seeds").glob("*.txt"))]


# ------------------------------------------------------------------------ the app under test


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def dashboard_server(database_url: str, timeout: float = 90.0) -> Iterator[str]:
    """``streamlit run dashboard.py`` on 127.0.0.1 with its own database; yields the base URL."""
    port = free_port()
    env = {**os.environ, "NEWSMAP_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    log = tempfile.NamedTemporaryFile("w+", prefix="newsmap-streamlit-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
            "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        os.unlink(log.name)


# Offline at the DNS level: every host but 127.0.0.1 fails to resolve. Unlike request routing
# (which turns the HTTP cache off), this lets a repeat visit use the browser cache, as a real one does.
NO_DNS_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


@contextlib.contextmanager
def offline_browser(extra_args: list[str] | None = None) -> Iterator[object]:
    """Headless Debian Chromium via Playwright; pages get the network cut off with ``offline_page``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS + (extra_args or []), headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


# Everything but the app itself (and local documents) is "outside". A regular expression is matched
# by the browser driver, so local requests never wait for a Python round trip.
_OUTSIDE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])(?!(?:data|blob|about|file):)")


def offline_page(browser, blocked: list[str] | None = None, width: int = 1500, height: int = 950):
    """A page whose requests anywhere but 127.0.0.1 are aborted (and listed in ``blocked``).

    Routed requests are only handled while Playwright has control: wait with
    ``page.wait_for_timeout``, never ``time.sleep``.
    """
    context = browser.new_context(viewport={"width": width, "height": height})

    def abort(request_route):
        if blocked is not None:
            blocked.append(request_route.request.url)
        request_route.abort()

    context.route(_OUTSIDE, abort)
    return context.new_page()


def map_frame(page, timeout_ms: float = 30_000):
    """The Frame holding the Leaflet map, once its event layer exists."""
    page.wait_for_selector(MAP_FRAME, timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!window.newsmap && !!document.querySelector('.leaflet-container')"):
                    return frame
            except Exception:  # frames come and go while Streamlit redraws
                continue
        page.wait_for_timeout(50)
    raise TimeoutError("no map frame with an event layer")


def markers_on_map(frame) -> int:
    return frame.evaluate("() => window.newsmap.visibleCount()")


def wait_for_marker_count(page, predicate, timeout_ms: float = 30_000) -> tuple[object, int]:
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                count = frame.evaluate("() => window.newsmap ? window.newsmap.visibleCount() : -1")
            except Exception:
                continue
            if count >= 0 and predicate(count):
                return frame, count
        page.wait_for_timeout(20)
    raise TimeoutError("the map did not redraw")


def wait_for_timeline(page, timeout_ms: float = 60_000) -> None:
    """Until the casualty timeline is drawn (Vega renders into a canvas or an SVG)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stVegaLiteChart'] canvas, "
        "[data-testid='stVegaLiteChart'] svg.marks\")].some(e => e.getBoundingClientRect().height > 50)",
        timeout=timeout_ms,
    )


def region_option(page, label: str):
    """Open the sidebar's Region multiselect and type ``label``; returns its option (not yet clicked)."""
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    page.keyboard.type(label)
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for(timeout=10_000)
    return option


# ------------------------------------------------------------------------ measuring


def _median_time(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _page_like_the_dashboard(events: list[dict]) -> tuple[str, int]:
    """The Map page's HTML and data bytes as ``pages/app/common.map_view`` makes them (without
    writing files): inline up to INLINE_EVENTS located events, compact columns beyond."""
    from newsmap import mapview

    inline_limit, chunk = 3000, 500  # pages/app/common.py: INLINE_EVENTS, DETAIL_CHUNK
    located = sum(1 for e in events if e.get("latitude") is not None)
    if located <= inline_limit:
        page = mapview.map_html(events)
        return page, len(page)
    rows = mapview.compact_rows(events, range(len(events)), [], chunk)
    data = json.dumps(rows, separators=(",", ":"))
    return mapview.map_html(events, data_url="/data.json"), len(data)


def measure_python(events: list[dict]) -> dict[str, float]:
    from newsmap import mapview
    from newsmap.filters import Filters, region_options
    from newsmap.timeline import timeline_chart

    mapview.map_html(events[:10])  # imports and caches warm
    region = next((key for key in region_options(events) if "/" in key), None)
    filters = Filters(regions=(region,) if region else ())
    return {
        "map_build_s": _median_time(lambda: _page_like_the_dashboard(events)),
        "map_bytes": _page_like_the_dashboard(events)[1],
        "timeline_build_s": _median_time(lambda: timeline_chart(events).to_dict()),
        "filter_and_build_s": _median_time(lambda: _page_like_the_dashboard(filters.apply(events))),
    }


def measure_browser(database_url: str, n_located: int, regions: list[tuple[str, int]]) -> dict:
    """Page loads (fresh tab each) and region-filter redraws, each repeated; medians reported.

    ``regions``: (option label, markers expected) per filter change; each is a region not chosen
    before, so the server computes it afresh. The machine may be shared: the spread is reported too.
    """
    loads, layer_ms, redraws, with_timeline = [], [], [], []
    blocked: list[str] = []
    with dashboard_server(database_url) as base, offline_browser() as browser:
        # A first visit warms the server's caches (gazetteer, queries), as any running app has.
        warm = offline_page(browser)
        warm.goto(base + "/")
        map_frame(warm, timeout_ms=120_000)
        warm.context.close()

        for label, expected in regions:
            page = offline_page(browser, blocked)
            started = time.perf_counter()
            page.goto(base + "/")
            frame, _ = wait_for_marker_count(page, lambda count: count == n_located, timeout_ms=60_000)
            loads.append(time.perf_counter() - started)
            wait_for_timeline(page)
            with_timeline.append(time.perf_counter() - started)
            layer_ms.append(frame.evaluate("() => window.newsmapReadyAt - window.newsmapStartAt"))

            option = region_option(page, label)
            started = time.perf_counter()
            option.click()
            wait_for_marker_count(page, lambda count, expected=expected: count == expected, timeout_ms=30_000)
            redraws.append(time.perf_counter() - started)
            page.context.close()

    # Repeat visits: one browser profile (warm cache), offline by DNS; the first visit only warms.
    cached_loads, cached_redraws, failed_hosts = [], [], set()
    with dashboard_server(database_url) as base, offline_browser(NO_DNS_ARGS) as browser:
        context = browser.new_context(viewport={"width": 1500, "height": 950})
        for attempt, (label, expected) in enumerate([regions[0], *regions]):
            page = context.new_page()
            page.on("requestfailed", lambda request: failed_hosts.add(urlparse(request.url).hostname))
            started = time.perf_counter()
            page.goto(base + "/")
            wait_for_marker_count(page, lambda count: count == n_located, timeout_ms=60_000)
            loaded = time.perf_counter() - started
            option = region_option(page, label)
            started = time.perf_counter()
            option.click()
            wait_for_marker_count(page, lambda count, expected=expected: count == expected, timeout_ms=30_000)
            if attempt:
                cached_loads.append(loaded)
                cached_redraws.append(time.perf_counter() - started)
            page.close()
        context.close()
    return {
        "repeat_visit_load_s": statistics.median(cached_loads),
        "repeat_visit_load_all_s": [round(v, 2) for v in cached_loads],
        "repeat_visit_filter_redraw_s": statistics.median(cached_redraws),
        "repeat_visit_failed_hosts": sorted(h for h in failed_hosts if h),
        "page_load_s": statistics.median(loads),
        "page_load_all_s": [round(v, 2) for v in loads],
        "map_and_timeline_s": statistics.median(with_timeline),
        "event_layer_ms": statistics.median(layer_ms),
        "filter_redraw_s": statistics.median(redraws),
        "filter_redraw_all_s": [round(v, 2) for v in redraws],
        "blocked_requests": len(blocked),
        "blocked_hosts": sorted({urlparse(url).hostname or url[:20] for url in blocked}),
    }


def _scenario(name: str, extractions: list[Extraction], browser: bool) -> dict:
    from newsmap.filters import Filters, region_label, region_options, view_limits
    from newsmap.store import Store

    folder = Path(tempfile.mkdtemp(prefix=f"newsmap-bench-{name}-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    store = Store(url)
    try:
        started = time.perf_counter()
        for extraction in extractions:
            store.add(extraction)
        ingest_s = time.perf_counter() - started
        events = store.event_dicts()
        in_memory, newest = view_limits()

        def on_map(filters: Filters) -> int:
            """Markers the Map page draws for ``filters``: of every event, or for a store too large to
            hold, of the newest the store gives the view (``pages/app/common.py``)."""
            shown = filters.apply(events) if len(events) <= in_memory else store.event_dicts(
                newest=newest, **filters.store_arguments())
            return sum(1 for e in shown if e.get("latitude") is not None)

        result: dict = {"scenario": name, "events": len(events), "store_ingest_s": round(ingest_s, 2),
                        "asked_of_the_store": len(events) > in_memory}
        result.update(measure_python(events if len(events) <= in_memory else store.event_dicts(newest=newest)))
        if browser:
            located = on_map(Filters())
            sizes = {key: on_map(Filters(regions=(key,))) for key in region_options(events) if "/" in key}
            store.close()
            biggest = sorted(sizes, key=lambda key: -sizes[key])[:3]
            result["filter_regions"] = biggest
            result.update(measure_browser(url, located, [(region_label(k), sizes[k]) for k in biggest]))
        return result
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    browser = not args.no_browser
    if browser and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium (or use --no-browser)", file=sys.stderr)
        return 2
    results = []
    scenarios = [("seed", seed_extractions)]
    scenarios += [(f"synthetic-{size}", lambda size=size: synthetic_extractions(size)) for size in args.events]
    for name, make in scenarios:
        print(f"[{name}] preparing…", file=sys.stderr)
        result = _scenario(name, make(), browser)
        results.append(result)
        print(
            f"{name}: {result['events']} events; map built in {result['map_build_s']:.3f} s "
            f"({result['map_bytes'] / 1e6:.2f} MB), timeline {result['timeline_build_s']:.3f} s, "
            f"filter+build {result['filter_and_build_s']:.3f} s"
        )
        if browser:
            print(
                f"{name}: repeat visits (browser cache warm, offline by DNS): map with all markers in "
                f"{result['repeat_visit_load_s']:.2f} s (median of {result['repeat_visit_load_all_s']}); "
                f"region filter redrawn in {result['repeat_visit_filter_redraw_s']:.2f} s"
            )
            print(
                f"{name}: first visits (fresh profile, requests routed offline): map with all markers in {result['page_load_s']:.2f} s "
                f"(median of {result['page_load_all_s']}; with the timeline {result['map_and_timeline_s']:.2f} s; "
                f"event layer built in {result['event_layer_ms']:.0f} ms); "
                f"region filter redrawn in {result['filter_redraw_s']:.2f} s (median of {result['filter_redraw_all_s']}); "
                f"outside requests blocked: {result['blocked_requests']} ({', '.join(result['blocked_hosts'])})"
            )
    print(json.dumps({"bench": "dashboard", "results": results}))
    return 0
