"""Event filters (region, type, dates, casualties) and their URL query parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsmap.labels import TYPE_COLOURS, country_name
from newsmap.settings import env_whole_number

REGION_SEPARATOR = "/"

# Up to this many events the dashboard holds them all and a filter change redraws from memory; a
# larger store (a team's shared PostgreSQL) is asked for each view's events instead: the newest
# VIEW_EVENTS of those matching, with the store's indexes on date, region and place doing the work.
IN_MEMORY_EVENTS = 50_000
VIEW_EVENTS = 5_000


def view_limits() -> tuple[int, int]:
    """(IN_MEMORY_EVENTS, VIEW_EVENTS), as the environment may set them."""
    return (env_whole_number("NEWSMAP_DASHBOARD_IN_MEMORY_EVENTS", IN_MEMORY_EVENTS),
            env_whole_number("NEWSMAP_DASHBOARD_VIEW_EVENTS", VIEW_EVENTS))


def country_key(event: Mapping[str, Any]) -> str | None:
    return event.get("country") or None


def admin1_key(event: Mapping[str, Any]) -> str | None:
    if not event.get("country") or not event.get("admin1"):
        return None
    return f"{event['country']}{REGION_SEPARATOR}{event['admin1']}"


def region_label(key: str) -> str:
    """"UA" → "Ukraine (all)"; "UA/Lviv Oblast" → "Lviv Oblast, Ukraine"."""
    country, _, admin1 = key.partition(REGION_SEPARATOR)
    if admin1:
        return f"{admin1}, {country_name(country)}"
    return f"{country_name(country)} (all)"


def region_options(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """Region keys present in the events: countries first, then their admin-1 regions, by label."""
    countries: set[str] = set()
    admin1s: set[str] = set()
    for event in events:
        if key := country_key(event):
            countries.add(key)
        if key := admin1_key(event):
            admin1s.add(key)
    return sorted(countries, key=region_label) + sorted(admin1s, key=region_label)


def has_casualties(event: Mapping[str, Any]) -> bool:
    return bool(event.get("killed") or event.get("wounded"))


def event_day(event: Mapping[str, Any]) -> date | None:
    value = event.get("event_date")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    """Region keys: a country code ("UA") or country/admin-1 ("UA/Lviv Oblast"); any may match."""
    event_types: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    casualties_only: bool = False

    def matches(self, event: Mapping[str, Any]) -> bool:
        if self.regions:
            keys = {country_key(event), admin1_key(event)} - {None}
            if not keys.intersection(self.regions):
                return False
        if self.event_types and event.get("event_type") not in self.event_types:
            return False
        if self.start or self.end:
            day = event_day(event)
            if day is None or (self.start and day < self.start) or (self.end and day > self.end):
                return False
        if self.casualties_only and not has_casualties(event):
            return False
        return True

    def apply(self, events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return [event for event in events if self.matches(event)]

    def store_arguments(self) -> dict[str, Any]:
        """The same filters as ``Store.event_dicts`` arguments, to ask the store instead."""
        return {"regions": list(self.regions) or None, "event_types": list(self.event_types) or None,
                "date_from": self.start, "date_to": self.end, "with_casualties": self.casualties_only}

    # Query parameters: region (repeated), type (repeated), from, to, casualties=1.
    def to_query_params(self) -> dict[str, str | list[str]]:
        params: dict[str, str | list[str]] = {}
        if self.regions:
            params["region"] = list(self.regions)
        if self.event_types:
            params["type"] = list(self.event_types)
        if self.start:
            params["from"] = self.start.isoformat()
        if self.end:
            params["to"] = self.end.isoformat()
        if self.casualties_only:
            params["casualties"] = "1"
        return params

    @classmethod
    def from_query_params(cls, get_all: Callable[[str], Sequence[str]]) -> Filters:
        """Read filters back from ``get_all(name) -> values`` (``st.query_params.get_all``).

        Unknown event types and malformed dates are ignored rather than failing the page.
        """

        def one_date(name: str) -> date | None:
            for value in get_all(name):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    return None
            return None

        return cls(
            regions=tuple(dict.fromkeys(v for v in get_all("region") if v)),
            event_types=tuple(dict.fromkeys(v for v in get_all("type") if v in TYPE_COLOURS)),
            start=one_date("from"),
            end=one_date("to"),
            casualties_only=any(v in ("1", "true", "yes") for v in get_all("casualties")),
        )


def region_of_places(events: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """{place name: the key of the region it lies in (its admin-1, else its country)}."""
    found = {}
    for event in events:
        key = admin1_key(event) or country_key(event)
        if event.get("location") and key:
            found.setdefault(event["location"], key)
    return found


def date_bounds(events: Iterable[Mapping[str, Any]]) -> tuple[date, date] | None:
    days = [day for day in map(event_day, events) if day]
    return (min(days), max(days)) if days else None


SUGGESTIONS = 3


def region_suggestions(value: str, known: Iterable[str], places: Mapping[str, str] | None = None) -> list[str]:
    """Region keys a mistyped ``?region=`` value may have meant: names it begins (or a word of them
    begins), else names spelt alike. "Kherson" → the key of Kherson Oblast. ``places`` ({place name:
    region key}) lets a town name the region it lies in ("Fasher" → El Fasher's state)."""
    import difflib

    wanted = value.strip().lower()
    names: dict[str, list[str]] = {}
    for key in known:
        country, _, admin1 = key.partition(REGION_SEPARATOR)
        for name in (admin1,) if admin1 else (country_name(country), country):
            names.setdefault(name.lower(), []).append(key)
    for place, key in (places or {}).items():
        names.setdefault(place.lower(), []).append(key)
    begun = [name for name in names if name.startswith(wanted) or any(
        word.startswith(wanted) for word in name.split())] if wanted else []
    alike = begun or difflib.get_close_matches(wanted, list(names), n=SUGGESTIONS, cutoff=0.6)
    if not alike and wanted:  # "Kharkov" → "Kharkiv Oblast": a word of the name spelt alike
        words = {word: name for name in names for word in name.split()}
        alike = [words[w] for w in difflib.get_close_matches(wanted, list(words), n=SUGGESTIONS, cutoff=0.7)]
    return list(dict.fromkeys(key for name in alike for key in names[name]))[:SUGGESTIONS]


def _or_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def read_link(
    get_all: Callable[[str], Sequence[str]], known_regions: Iterable[str], bounds: tuple[date, date] | None,
    places: Mapping[str, str] | None = None,
) -> tuple[Filters, list[str]]:
    """Filters from a link's query parameters, and a notice (plain text) for each part that was left
    out: a region or event type that doesn't exist (with what it may have meant), a date that is not
    one, a start after the end, or dates outside the stored events' span."""
    notices: list[str] = []
    known = list(known_regions)
    regions = []
    for value in dict.fromkeys(v for v in get_all("region") if v):
        if value in known:
            regions.append(value)
            continue
        guesses = [region_label(key) for key in region_suggestions(value, known, places)]
        hint = f"; did you mean {_or_list(guesses)}?" if guesses else "."
        notices.append(f"No region called “{value}” among the stored events{hint} It was left out of the filters.")
    types = []
    for value in dict.fromkeys(v for v in get_all("type") if v):
        if value in TYPE_COLOURS:
            types.append(value)
        else:
            notices.append(f"No event type called “{value}” (a link can name {', '.join(TYPE_COLOURS)}); "
                           "it was left out of the filters.")

    def one_date(name: str, label: str) -> date | None:
        values = get_all(name)
        if not values:
            return None
        try:
            return date.fromisoformat(values[0])
        except ValueError:
            notices.append(f"The {label} date “{values[0]}” is not a date as YYYY-MM-DD; it was left out.")
            return None

    start, end = one_date("from", "start"), one_date("to", "end")
    if start and end and start > end:
        notices.append(f"The start date {start} is after the end date {end}; the date filter was left out.")
        start = end = None
    if bounds is None and (start or end):
        notices.append("No stored event has a date yet, so the link's dates were left out.")
        start = end = None
    if bounds:
        first, last = bounds
        if start and start > last:
            notices.append(f"No stored event is dated on or after {start}: the events run from {first} to "
                           f"{last}. The start date was left out.")
            start = None
        if end and end < first:
            notices.append(f"No stored event is dated on or before {end}: the events run from {first} to "
                           f"{last}. The end date was left out.")
            end = None
    casualties = get_all("casualties")
    if casualties and casualties[0] not in ("1", "true", "yes", "0", "false", "no"):
        notices.append(f"casualties=“{casualties[0]}” is not understood (casualties=1 shows only events with "
                       "casualties); it was left out.")
    filters = Filters(
        regions=tuple(regions), event_types=tuple(types), start=start, end=end,
        casualties_only=any(v in ("1", "true", "yes") for v in casualties),
    )
    return filters, notices
