"""Merging: the same incident reported by several articles becomes one merged event.

Two extracted events are the same incident when they happened on the same day, belong to the same
*merge class* and took place within ``MERGE_DISTANCE_KM`` of each other (or at the same gazetteer
entry). Different outlets often name one attack differently ("glide bombs" in one report, "an air
strike" in another, "shelling" in a third), so every kind of bombardment shares the class
``strike``; the other event types are each their own class.

Clusters grow in ingestion order and are anchored on their first member: a new event joins the first
cluster whose anchor is close enough, never chaining through other members, so storing more articles
never reshuffles clusters that already exist. A cluster takes at most one event per article — two
events one article keeps apart (the same town hit twice that day) stay apart.

A merged event's id is derived from what identifies the incident — merge class, date and the
anchor's place (GeoNames id, else coordinates rounded to 0.01°) — not from database row ids, so it
stays the same when articles are re-extracted and corrections keyed by it keep applying.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Sequence

from newsmap.gazetteer import distance_km

MERGE_DISTANCE_KM = 10.0
# A degree of latitude is at least 110.5 km: points further apart in latitude can't be close.
_MAX_LATITUDE_GAP = MERGE_DISTANCE_KM / 110.5
# Bump when the rule changes: stores merged under another version are re-merged when opened.
MERGE_VERSION = "1"

STRIKE_TYPES = frozenset({"air_strike", "drone_strike", "missile_strike", "glide_bomb", "shelling"})
# A region or a country is an area, not a point: its centroid says nothing about distances.
AREA_FEATURE_CLASSES = frozenset({"admin1", "country"})

FIGURES = ("killed", "wounded", "children_killed", "children_wounded")


def merge_class(event_type: str) -> str:
    return "strike" if event_type in STRIKE_TYPES else event_type


@dataclass
class Member:
    """One extracted event as the merge sees it; ``key`` is the caller's handle on it."""

    key: Any
    article_id: str
    event_type: str
    event_date: date | None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature_class: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    """Every other field of the event (figures, excerpt, place...), copied into the merged event."""

    @property
    def mergeable(self) -> bool:
        return self.event_date is not None and (
            self.geonameid is not None or (self.latitude is not None and self.longitude is not None)
        )

    def place_key(self) -> str:
        if self.geonameid is not None:
            return f"g{self.geonameid}"
        if self.latitude is not None and self.longitude is not None:
            return f"{self.latitude:.2f},{self.longitude:.2f}"
        return "-"


@dataclass
class Cluster:
    event_id: str
    anchor: Member
    members: list[Member] = field(default_factory=list)
    article_ids: set[str] = field(default_factory=set)


def same_incident_place(anchor: Member, other: Member) -> bool:
    if anchor.geonameid is not None and anchor.geonameid == other.geonameid:
        return True
    if anchor.feature_class in AREA_FEATURE_CLASSES or other.feature_class in AREA_FEATURE_CLASSES:
        return False
    if None in (anchor.latitude, anchor.longitude, other.latitude, other.longitude):
        return False
    if abs(anchor.latitude - other.latitude) > _MAX_LATITUDE_GAP:
        return False
    return distance_km(anchor.latitude, anchor.longitude, other.latitude, other.longitude) <= MERGE_DISTANCE_KM


def _identity_basis(anchor: Member) -> str:
    day = anchor.event_date.isoformat() if anchor.event_date else "-"
    basis = f"{merge_class(anchor.event_type)}|{day}|{anchor.place_key()}"
    return basis if anchor.mergeable else f"{basis}|{anchor.article_id}"


class Clustering:
    """Clusters in the order they were created; members must arrive in ingestion order.

    ``resume`` re-enters clusters built earlier (oldest first), so adding a new article's events
    gives exactly the clusters and ids that clustering everything from scratch would.
    """

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self._open: dict[tuple[str, date], list[Cluster]] = defaultdict(list)
        self._bases: Counter[str] = Counter()

    def _register(self, anchor: Member) -> str:
        basis = _identity_basis(anchor)
        self._bases[basis] += 1
        if self._bases[basis] > 1:
            basis += f"#{self._bases[basis]}"
        return "ev-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    def _append(self, cluster: Cluster) -> Cluster:
        self.clusters.append(cluster)
        if cluster.anchor.mergeable:
            self._open[(merge_class(cluster.anchor.event_type), cluster.anchor.event_date)].append(cluster)
        return cluster

    def resume(self, anchor: Member, article_ids: Iterable[str]) -> Cluster:
        """An existing cluster (its members are not needed to place new ones)."""
        return self._append(Cluster(self._register(anchor), anchor, [], set(article_ids)))

    def add(self, member: Member) -> Cluster:
        if member.mergeable:
            for candidate in self._open[(merge_class(member.event_type), member.event_date)]:
                if member.article_id not in candidate.article_ids and same_incident_place(candidate.anchor, member):
                    candidate.members.append(member)
                    candidate.article_ids.add(member.article_id)
                    return candidate
        return self._append(Cluster(self._register(member), member, [member], {member.article_id}))


def cluster(members: Sequence[Member]) -> list[Cluster]:
    """Group ``members`` (in ingestion order) into incidents; ids are unique within the result."""
    clustering = Clustering()
    for member in members:
        clustering.add(member)
    return clustering.clusters


def merged_values(members: Sequence[Member]) -> dict[str, Any]:
    """The merged event's fields: the anchor's place and excerpt, the type most sources give, and
    for each figure the highest any source states (None only when no source states it)."""
    anchor = members[0]
    type_counts = Counter(m.event_type for m in members)
    top = max(type_counts.values())
    event_type = next(m.event_type for m in members if type_counts[m.event_type] == top)
    typed = next(m for m in members if m.event_type == event_type)
    merged = dict(anchor.values)
    merged.update(
        article_id=anchor.article_id,
        event_type=event_type,
        event_date=anchor.event_date,
        geonameid=anchor.geonameid,
        latitude=anchor.latitude,
        longitude=anchor.longitude,
        acled_event_type=typed.values.get("acled_event_type"),
        acled_sub_event_type=typed.values.get("acled_sub_event_type"),
        n_sources=len(members),
    )
    for name in ("weapon", "actor"):
        merged[name] = next((m.values.get(name) for m in members if m.values.get(name)), None)
    for name in FIGURES:
        stated = [m.values[name] for m in members if m.values.get(name) is not None]
        merged[name] = max(stated) if stated else None
    return merged
