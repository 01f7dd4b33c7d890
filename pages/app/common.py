"""What the dashboard's pages share: the store and pipeline, cached queries, filters, ingest.

Not a page itself (the app lists its pages with st.navigation in dashboard.py).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import streamlit as st

from newsmap import mapview
from newsmap.errors import InputError, NewsmapError
from newsmap.filters import (Filters, date_bounds, read_link, region_label, region_of_places, region_options,
                             view_limits)
from newsmap.labels import TYPE_COLOURS, type_label
from newsmap.records import Extraction
from newsmap.timeline import timeline_rows


_MARKDOWN_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def md(value: Any) -> str:
    """Untrusted text (article titles, sources, messages quoting them) for Streamlit widgets that render
    markdown: every markup character is backslash-escaped, so no link, image or emphasis can form."""
    return _MARKDOWN_MARKUP.sub(r"\\\1", str(value))

APP_DIR = Path(__file__).resolve().parents[2]
SEEDS_DIR = APP_DIR / "seeds"
READER_URL = "/articles"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SEEDED = "seeds_ingested"  # store_meta key: the seeds were ingested (or the user emptied the store)


def article_link(article_id: str, label: str) -> None:
    """A link to the article reader; ``label`` is untrusted (titles, sources) and shown as plain text."""
    st.page_link("pages/app/articles.py", label=md(label), query_params={"article": article_id},
                 icon=":material/article:")


def database_url() -> str | None:
    return os.environ.get("NEWSMAP_DATABASE_URL") or None


@st.cache_resource(show_spinner=False)
def _store(url: str | None):
    from newsmap.store import Store

    return Store(url)


def store():
    return _store(database_url())


@st.cache_resource(show_spinner=False)
def geocoder():
    """Place search for corrections: the offline gazetteer, or Nominatim first when NEWSMAP_GEOCODER=nominatim."""
    from newsmap.geocoder import geocoder_from_env

    return geocoder_from_env(pipeline().gazetteer)


@st.cache_resource(show_spinner="Loading the gazetteer…")
def pipeline():
    from newsmap.pipeline import default_pipeline

    pipe = default_pipeline()
    pipe.gazetteer  # load now, once per server, not during the first ingest
    return pipe


@st.cache_resource(show_spinner=False)
def publish_assets() -> Path:
    from newsmap import offline_assets

    return offline_assets.publish(APP_DIR)


@st.cache_data(show_spinner=False)
def load_events(url: str | None) -> list[dict[str, Any]]:
    return _store(url).event_dicts()


@st.cache_data(show_spinner=False)
def load_articles(url: str | None) -> list[dict[str, Any]]:
    return _store(url).articles()


def articles() -> list[dict[str, Any]]:
    return load_articles(database_url())


@dataclass(frozen=True)
class Overview:
    """What the filter widgets need to know about all events (small, unlike the events)."""

    n_events: int
    regions: list[str]
    bounds: tuple[date, date] | None
    places: dict[str, str]
    """{place name: region key}, to suggest a region for a link naming a town."""
    queried: bool = False
    """Too many events to hold: each view asks the store for its own (``filters.VIEW_EVENTS`` at most)."""


@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_events(url: str | None) -> tuple[Mapping[str, Any], ...]:
    """The query's result held once per server, read-only, for the views derived from it.

    ``st.cache_data`` hands out a fresh copy on every call (unpickling 10,000 events takes
    longer than filtering them); the views only read, so they share this one instead.
    """
    return tuple(MappingProxyType(event) for event in load_events(url))


def overview(url: str | None) -> Overview:
    return _overview(url, view_limits()[0])


@st.cache_data(show_spinner=False)
def _overview(url: str | None, in_memory: int) -> Overview:
    stored = _store(url).event_overview()
    if stored["n_events"] <= in_memory:
        events = _shared_events(url)
        return Overview(len(events), region_options(events), date_bounds(events), region_of_places(events))
    pairs = [{"country": country, "admin1": admin1} for country, admin1 in stored["regions"]]
    places = [{"location": name, "country": country, "admin1": admin1} for name, country, admin1 in stored["places"]]
    bounds = (date.fromisoformat(stored["first_day"]), date.fromisoformat(stored["last_day"])) if stored["first_day"] else None
    return Overview(stored["n_events"], region_options(pairs), bounds, region_of_places(places), queried=True)


@st.cache_resource(show_spinner=False, max_entries=8)
def _queried_events(url: str | None, key: tuple[Filters, int]) -> tuple[Mapping[str, Any], ...]:
    """A large store's events for one view: the newest ones (at most the key's number) that match
    the key's filters."""
    filters, newest = key
    events = _store(url).event_dicts(newest=newest, **filters.store_arguments())
    return tuple(MappingProxyType(event) for event in events)


def _view_events(url: str | None, filters: Filters) -> tuple[tuple | None, tuple[Mapping[str, Any], ...], list]:
    """A view's events: (the key its base is cached under, the base, the events matching ``filters``).
    The base is every event (key None), filtered here; or, for a large store, the store's answer."""
    if overview(url).queried:
        key = (filters, view_limits()[1])
        base = _queried_events(url, key)
        return key, base, list(base)
    base = _shared_events(url)
    return None, base, filters.apply(base)


@st.cache_data(show_spinner=False, max_entries=32)
def matching_count(url: str | None, filters: Filters) -> int:
    """How many events match ``filters``, beyond the newest a large store's view shows."""
    return _store(url).count_events(**filters.store_arguments())


def capped_note(url: str | None, filters: Filters, shown: int) -> str | None:
    """For a large store's view that holds only the newest matching events, say so."""
    newest = view_limits()[1]
    if not overview(url).queried or shown < newest:
        return None
    return (f"Showing the newest {newest:,} of {matching_count(url, filters):,} matching events: "
            "narrow the region, type or dates to see the others.")


def filtered_events(url: str | None, filters: Filters) -> list[dict[str, Any]]:
    return _filtered_events(url, filters, view_limits())


# The views below are cached with the limits too: a store that grows past them is asked instead.
@st.cache_data(show_spinner=False, max_entries=32)
def _filtered_events(url: str | None, filters: Filters, limits: tuple[int, int]) -> list[dict[str, Any]]:
    return [dict(event) for event in _view_events(url, filters)[2]]


@dataclass(frozen=True)
class MapView:
    html: str
    bars: list[dict]
    diplomatic: list[dict]
    summary: str
    n_shown: int = 0


# Beyond this many events on the map, the page gets compact columns from a static file and each
# event's sentence and sources only when hovered (``mapview.compact_rows``).
INLINE_EVENTS = 3000
DETAIL_CHUNK = 500


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=4)
def _detail_urls(url: str | None, key: tuple | None) -> list[str]:
    """Every event's tooltip and popup data of a view's base (``_view_events``), published once."""
    from newsmap import offline_assets

    events = _shared_events(url) if key is None else _queried_events(url, key)
    chunks = mapview.detail_chunks(events, READER_URL, DETAIL_CHUNK)
    return [offline_assets.publish_data(APP_DIR, _json_bytes(chunk)) for chunk in chunks]


def map_view(url: str | None, filters: Filters) -> MapView:
    return _map_view(url, filters, view_limits())


@st.cache_data(show_spinner=False, max_entries=16)
def _map_view(url: str | None, filters: Filters, limits: tuple[int, int]) -> MapView:
    """The Map page's content for ``filters``; cached whole, so a filter change already seen is instant."""
    from newsmap import offline_assets

    key, events, shown = _view_events(url, filters)
    bars, diplomatic = timeline_rows(shown)
    located = sum(1 for e in shown if e.get("latitude") is not None and e.get("longitude") is not None)
    if located > INLINE_EVENTS:
        position = {id(event): index for index, event in enumerate(events)}
        rows = mapview.compact_rows(shown, [position[id(e)] for e in shown], _detail_urls(url, key), DETAIL_CHUNK)
        data_url = offline_assets.publish_data(APP_DIR, _json_bytes(rows))
        html = mapview.map_html(shown, reader_url=READER_URL, data_url=data_url)
    else:
        html = mapview.map_html(shown, reader_url=READER_URL)
    return MapView(html, bars, diplomatic, summary_line(shown, overview(url).n_events), len(shown))


def standalone_map_html(url: str | None, filters: Filters) -> str:
    return _standalone_map_html(url, filters, view_limits())


@st.cache_data(show_spinner=False, max_entries=16)
def _standalone_map_html(url: str | None, filters: Filters, limits: tuple[int, int]) -> str:
    return mapview.standalone_html(filtered_events(url, filters))


def clear_queries() -> None:
    """After any write: every cached query and view is stale."""
    st.cache_data.clear()
    _shared_events.clear()
    _queried_events.clear()


# ------------------------------------------------------------------------------------- ingest


def store_extraction(extraction: Extraction):
    result = store().add(extraction)
    clear_queries()
    return result


def correct_event(event_id: str, changes: dict[str, Any], author: str | None) -> dict[str, Any]:
    corrected = store().correct(event_id, changes, author=author)
    clear_queries()
    return corrected


def review_event(event_id: str, action: str, author: str | None) -> dict[str, Any]:
    """Confirm, dismiss or restore an event (``Store.review``)."""
    reviewed = store().review(event_id, action, author=author)
    clear_queries()
    return reviewed


def delete_article(article_id: str) -> bool:
    current = store()
    deleted = current.delete_article(article_id)
    # A store the user emptied stays empty: the seed articles are for a first start only.
    current.set_meta(SEEDED, "emptied by the user")
    clear_queries()
    return deleted


@st.cache_data(show_spinner=False)
def dismissed_events(url: str | None) -> list[dict[str, Any]]:
    return _store(url).event_dicts(dismissed=True)


@st.cache_data(show_spinner=False)
def review_queue(url: str | None) -> list[dict[str, Any]]:
    return _store(url).review_queue(mapview.LOW_CONFIDENCE)


@st.cache_data(show_spinner=False)
def article_events(url: str | None, article_id: str) -> list[dict[str, Any]]:
    """The merged (corrected) events an article reports, dismissed ones included."""
    return _store(url).event_dicts(article_ids=[article_id], dismissed=None)


def ingest_seeds_if_empty() -> None:
    """First start on an empty store: ingest the articles in seeds/ so there is something to see."""
    current = store()
    if not current.is_empty() or current.meta(SEEDED):
        return
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    if not paths:
        return
    from newsmap.ingest import article_from_bytes

    with st.status(f"First start: ingesting {len(paths)} seed article(s)…", expanded=False) as status:
        pipe = pipeline()
        for path in paths:
            try:
                # Known by its file name: the folder it sits in on the server is nobody's business.
                current.add(pipe.extract(article_from_bytes(path.read_bytes(), path.name)))
            except NewsmapError as error:
                st.warning(md(f"Seed {path.name} skipped: {error}"))
        status.update(label="Seed articles ingested", state="complete")
    current.set_meta(SEEDED, "seeds/ ingested on the first start")
    clear_queries()


def extraction_watcher(show, every_seconds: float = 0.5):
    """An ``on_check`` for Pipeline.extract: calls ``show(seconds spent)`` now and then; sending the
    browser an update lets Streamlit stop the run when the visitor presses Stop or closes the tab."""
    import time

    started = last = time.monotonic()

    def watch() -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= every_seconds:
            last = now
            show(now - started)

    return watch


def article_from_upload(name: str, data: bytes, published: date | None, *, title: str | None = None,
                        publisher: str | None = None, url: str | None = None):
    """An uploaded text or HTML file as an Article; InputError naming the file and the reason if unusable."""
    from newsmap.ingest import article_from_bytes

    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(f"{name}: {len(data):,} bytes is over the {MAX_UPLOAD_BYTES:,}-byte upload limit")
    return article_from_bytes(data, name, published, title=title, publisher=publisher, url=url)


def article_from_url(url: str, published: date | None, *, title: str | None = None, publisher: str | None = None):
    """Fetch a page (only works online) and extract its article; InputError if that fails
    (internal addresses, a bad certificate and a slow server included: see newsmap.fetch)."""
    from newsmap.fetch import fetch_page
    from newsmap.ingest import article_from_html

    page = fetch_page(url, max_bytes=MAX_UPLOAD_BYTES)
    return article_from_html(page.html, source=url.strip(), published=published, title=title, publisher=publisher,
                             url=url.strip())


# ------------------------------------------------------------------------------------ filters

_WIDGETS = {"regions": "nm_w_regions", "types": "nm_w_types", "dates": "nm_w_dates", "casualties": "nm_w_cas"}
_SAVED = "nm_filters"


def _query_filters(known: Overview) -> Filters:
    """The link's filters; each part left out (no such region, not a date…) is said on the page."""
    filters, notices = read_link(st.query_params.get_all, known.regions, known.bounds, known.places)
    for notice in notices:
        st.warning(md(notice))
    return filters


def _write_query(filters: Filters) -> None:
    wanted = filters.to_query_params()
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    normalised = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if current != normalised:
        keep = {key: st.query_params.get_all(key) for key in st.query_params if key not in {"region", "type", "from", "to", "casualties"}}
        st.query_params.from_dict({**keep, **wanted})


def _filters_from_widgets(bounds: tuple[date, date] | None) -> Filters:
    state = st.session_state
    start = end = None
    chosen = state.get(_WIDGETS["dates"])
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2 and bounds:
        # The whole span of the data means "no date filter", so newer events are not cut off later.
        if tuple(chosen) != tuple(bounds):
            start, end = chosen
    return Filters(
        regions=tuple(state.get(_WIDGETS["regions"]) or ()),
        event_types=tuple(state.get(_WIDGETS["types"]) or ()),
        start=start,
        end=end,
        casualties_only=bool(state.get(_WIDGETS["casualties"])),
    )


def sidebar_filters() -> Filters:
    """Region, type, date range and casualties filters, kept in the URL's query parameters.

    The URL wins when it carries filters (a shared link); otherwise the session's last filters
    are restored (coming back from another page) and written to the URL.
    """
    known = overview(database_url())
    bounds = known.bounds
    from_url = _query_filters(known)
    current = from_url if from_url != Filters() else st.session_state.get(_SAVED, Filters())
    st.session_state[_SAVED] = current

    region_choices = list(dict.fromkeys([*known.regions, *current.regions]))
    st.session_state[_WIDGETS["regions"]] = list(current.regions)
    st.session_state[_WIDGETS["types"]] = list(current.event_types)
    st.session_state[_WIDGETS["casualties"]] = current.casualties_only
    picking = st.session_state.get(_WIDGETS["dates"])
    if bounds and not (isinstance(picking, (tuple, list)) and len(picking) == 1):
        # (A one-date value is a range being picked: leave it alone until its end is chosen.)
        st.session_state[_WIDGETS["dates"]] = (current.start or bounds[0], current.end or bounds[1])

    def changed() -> None:
        picking = st.session_state.get(_WIDGETS["dates"])
        if isinstance(picking, (tuple, list)) and len(picking) == 1:
            return
        chosen = _filters_from_widgets(bounds)
        st.session_state[_SAVED] = chosen
        _write_query(chosen)

    with st.sidebar:
        st.header("Filters")
        st.multiselect(
            "Region",
            region_choices,
            key=_WIDGETS["regions"],
            format_func=region_label,
            on_change=changed,
            placeholder="All regions",
            help="A country or an admin-1 region (oblast, province, state…). Any selected one matches.",
        )
        st.multiselect(
            "Event type",
            list(TYPE_COLOURS),
            key=_WIDGETS["types"],
            format_func=type_label,
            on_change=changed,
            placeholder="All types",
        )
        if bounds:
            st.date_input("Dates", key=_WIDGETS["dates"], on_change=changed, format="YYYY-MM-DD")
        st.checkbox("With casualties only", key=_WIDGETS["casualties"], on_change=changed)
        if current != Filters() and st.button("Clear filters", width="stretch"):
            st.session_state[_SAVED] = Filters()
            _write_query(Filters())
            st.rerun()
        st.caption("The filters are in the page address: copy it to share this view.")
        if st.button("Reload stored data", key="nm_reload", help="Pick up articles ingested elsewhere (e.g. `python -m newsmap ingest`)."):
            clear_queries()
            st.rerun()
    _write_query(current)
    return current


def filter_params() -> dict[str, str | list[str]]:
    """The filters in force, as query parameters for links to the pages that read them."""
    return st.session_state.get(_SAVED, Filters()).to_query_params()


def set_date_filter(start: date, end: date) -> None:
    """Keep the current filters but these dates (the Map page's timeline brush)."""
    chosen = replace(st.session_state.get(_SAVED, Filters()), start=start, end=end)
    st.session_state[_SAVED] = chosen
    _write_query(chosen)


def summary_line(shown: list[Mapping[str, Any]], total: int) -> str:
    killed = sum(e.get("killed") or 0 for e in shown)
    wounded = sum(e.get("wounded") or 0 for e in shown)
    located = sum(1 for e in shown if e.get("latitude") is not None)
    return (
        f"**{len(shown)}** of {total} events ({located} on the map) · "
        f"**{killed}** killed · **{wounded}** wounded (per-place figures, summed)"
    )
