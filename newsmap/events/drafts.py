"""A draft event (a place, a passage, a date and figures) and the Event record it becomes, with its
confidence and the reasons for doubt."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from newsmap.casualties import Casualties
from newsmap.events.kinds import _acled_class, _event_type
from newsmap.figure_spans import locate_figures
from newsmap.records import Article, Event, Place


@dataclass
class _Draft:
    kind: str
    place: Place | None
    start: int
    end: int
    first_sentence: int
    last_sentence: int
    paragraph: int
    event_date: date | None
    own_date: bool
    weapon: str | None
    actor: str | None
    precision: int | None
    casualties: Casualties = field(default_factory=Casualties)
    time_precision: int = 1
    separate: bool = False  # the text says this is another strike ("a second strike", "again")
    answer: bool = False  # the attacked side's strike on the attackers ("struck the retreating fighters")
    # The figures are of several unnamed places inside this region ("attacked two villages in X state,
    # killing 40"): the region holds them only until the text names the place they were in.
    joint: bool = False
    handed_on: bool = False  # its figures went to the one place the next sentence narrows it to


def _event_id(article_id: str, event_type: str, place: Place | None, excerpt_start: int, when: date | None = None) -> str:
    if place is not None and place.location is not None:
        where = str(place.location.geonameid)
    elif place is not None:
        where = f"{place.start}-{place.end}"
    else:
        where = "-"
    key = f"{article_id}|{event_type}|{where}|{excerpt_start}"
    if when is not None:  # one passage can date several events ("talks in May and June")
        key += f"|{when.isoformat()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|alleged(?:ly)?|reportedly|unconfirmed|could not (?:be )?(?:independently )?verif\w*)\b", re.I)


def _confidence(article: Article, draft: _Draft) -> tuple[float, list[str]]:
    """How sure the event is, from 1.0 down, with a reason for each doubt: the dashboard flags weak
    events for review and the reasons say what to check."""
    score, reasons = 1.0, []

    def doubt(amount: float, reason: str) -> None:
        nonlocal score
        score -= amount
        reasons.append(reason)

    loc = draft.place.location if draft.place else None
    if loc is None:
        doubt(0.5, "no place on the map")
    elif (draft.precision or 1) >= 3:
        doubt(0.15, "placed only at region level")
    elif draft.precision == 2:
        doubt(0.05, "placed near the named place")
    if draft.place is not None and draft.place.role != "location":
        doubt(0.2, f"the place is named as {draft.place.role}")
    if not draft.own_date:
        doubt(0.1, "date carried from an earlier sentence or the publication date")
    elif draft.event_date and article.published and (article.published - draft.event_date).days > 31:
        doubt(0.2, "dated over a month before publication: background or history?")
    if draft.time_precision > 1:
        doubt(0.1, "only the month is known")
    if draft.kind == "attack":
        doubt(0.1, "weapon not stated")
    if draft.casualties.approximate:
        doubt(0.05, "figures are approximate (vague count)")
    if _CLAIM.search(article.text[draft.start:draft.end]):
        doubt(0.1, "a claim not independently confirmed")
    return round(max(0.05, score), 2), reasons


def _to_event(article: Article, draft: _Draft) -> Event:
    event_type = _event_type(draft.kind)
    acled_type, acled_sub = _acled_class(draft.kind)
    excerpt = article.text[draft.start : draft.end]
    casualties = draft.casualties
    confidence, reasons = _confidence(article, draft)
    return Event(
        event_id=_event_id(article.article_id, event_type, draft.place, draft.start,
                           draft.event_date if draft.time_precision > 1 else None),
        article_id=article.article_id,
        event_date=draft.event_date,
        event_type=event_type,  # type: ignore[arg-type]
        excerpt=excerpt,
        excerpt_start=draft.start,
        excerpt_end=draft.end,
        place=draft.place,
        geo_precision=draft.precision,
        weapon=draft.weapon,
        actor=draft.actor,
        killed=casualties.killed,
        wounded=casualties.wounded,
        children_killed=casualties.children_killed,
        children_wounded=casualties.children_wounded,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        time_precision=draft.time_precision,
        approximate=casualties.approximate,
        confidence=confidence,
        confidence_reasons="; ".join(reasons) or None,
        figure_spans=locate_figures(article.text, draft.start, draft.end,
                                    {"killed": casualties.killed, "wounded": casualties.wounded}),
    )
