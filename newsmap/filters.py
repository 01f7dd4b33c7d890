"""Event filters (region, type, dates, casualties) and their URL query parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsmap.labels import TYPE_COLOURS, country_name

REGION_SEPARATOR = "/"


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


def date_bounds(events: Iterable[Mapping[str, Any]]) -> tuple[date, date] | None:
    days = [day for day in map(event_day, events) if day]
    return (min(days), max(days)) if days else None
