"""A place name found in an article, with its candidates and what the resolver decided about it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field



@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[int, bool]]
    role: str = "location"
    prefer: int | None = None  # CITY or ADMIN1 when the wording says so
    context_entries: list[int] = field(default_factory=list)  # "Paris, Texas": the Texas candidates
    choice: int | None = None
    forced: bool = False  # the wording names a generated admin-1 form ("Poltava region")
    votes: Counter = field(default_factory=Counter)  # this mention's own country votes
    ranking: list = field(default_factory=list)  # with --explain: (entry, score, evidence), best first
