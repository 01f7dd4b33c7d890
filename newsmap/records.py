"""Typed records that flow through the pipeline.

Every annotation carries ``start``/``end`` character offsets into ``Article.text`` (the decoded
file text, header included), so ``article.text[start:end]`` is always the annotated span.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

EventType = Literal[
    "air_strike",
    "drone_strike",
    "missile_strike",
    "glide_bomb",
    "shelling",
    "drones_downed",
    "ground_fighting",
    "diplomatic",
    "prisoner_exchange",
    "other",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

FeatureClass = Literal["city", "admin1", "country", "other"]
PlaceRole = Literal["location", "metonymy", "organization", "dateline"]


@dataclass(frozen=True)
class Span:
    """A piece of the article: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    article_id: str
    text: str
    source: str
    title: str | None = None
    published: date | None = None
    dateline: Span | None = None
    body_start: int = 0
    """Offset where the article body begins (after any ``date`` header and the dateline)."""
    publisher: str | None = None
    """Who published it ("Kyiv Independent"), as the user or the page's metadata says."""
    url: str | None = None
    """Where it was published, if known."""


@dataclass(frozen=True)
class Location:
    """A gazetteer entry: where a toponym resolves to."""

    geonameid: int
    name: str
    country: str
    latitude: float
    longitude: float
    feature_class: FeatureClass
    admin1: str | None = None
    admin1_code: str | None = None
    population: int = 0


@dataclass(frozen=True)
class Place:
    """A toponym mention in the text and what it resolves to (``location`` is None if unresolved)."""

    text: str
    start: int
    end: int
    role: PlaceRole
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": loc.name if loc else None,
            "country": loc.country if loc else None,
            "admin1": loc.admin1 if loc else None,
            "latitude": loc.latitude if loc else None,
            "longitude": loc.longitude if loc else None,
            "feature_class": loc.feature_class if loc else None,
            "geonameid": loc.geonameid if loc else None,
            "role": self.role,
        }


@dataclass(frozen=True)
class Event:
    event_id: str
    article_id: str
    event_date: date | None
    event_type: EventType
    excerpt: str
    excerpt_start: int
    excerpt_end: int
    place: Place | None = None
    geo_precision: int | None = None
    weapon: str | None = None
    actor: str | None = None
    killed: int | None = None
    wounded: int | None = None
    children_killed: int | None = None
    children_wounded: int | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    time_precision: int = 1
    """ACLED's time precision of ``event_date``: 1 the day, 2 the week, 3 only the month."""
    approximate: bool = False
    """The figures come from a vague count ("dozens" 12, "hundreds" 100, ACLED's conventions)."""
    confidence: float | None = None
    """From 1.0 down: how sure the extraction is; ``confidence_reasons`` says why it is lower."""
    confidence_reasons: str | None = None

    def to_dict(self) -> dict[str, Any]:
        loc = self.place.location if self.place else None
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "event_type": self.event_type,
            "weapon": self.weapon,
            "actor": self.actor,
            "location": loc.name if loc else None,
            "admin1": loc.admin1 if loc else None,
            "country": loc.country if loc else None,
            "latitude": loc.latitude if loc else None,
            "longitude": loc.longitude if loc else None,
            "geonameid": loc.geonameid if loc else None,
            "place_text": self.place.text if self.place else None,
            "place_start": self.place.start if self.place else None,
            "place_end": self.place.end if self.place else None,
            "geo_precision": self.geo_precision,
            "killed": self.killed,
            "wounded": self.wounded,
            "children_killed": self.children_killed,
            "children_wounded": self.children_wounded,
            "excerpt": self.excerpt,
            "excerpt_start": self.excerpt_start,
            "excerpt_end": self.excerpt_end,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "time_precision": self.time_precision,
            "approximate": self.approximate,
            "confidence": self.confidence,
            "confidence_reasons": self.confidence_reasons,
        }


@dataclass(frozen=True)
class Summary:
    """An article-level total ("killing two and wounding at least 17 across the region").

    Kept apart from per-place figures and never added on top of them.
    """

    text: str
    start: int
    end: int
    killed: int | None = None
    wounded: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything the pipeline found in one article."""

    article: Article
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        art = self.article
        return {
            "article_id": art.article_id,
            "source": art.source,
            "title": art.title,
            "publisher": art.publisher,
            "url": art.url,
            "published": art.published.isoformat() if art.published else None,
            "dateline": asdict(art.dateline) if art.dateline else None,
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
            "summaries": [s.to_dict() for s in self.summaries],
        }
