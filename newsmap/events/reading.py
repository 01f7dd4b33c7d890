"""One sentence read for events: its kind, weapon, dates, figures, event sites and actor."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmap.casualties import NONE, Casualties, find_casualties, mentions_casualties
from newsmap.dates import DateMention, find_dates
from newsmap.events.actors import _actor
from newsmap.events.kinds import _classify
from newsmap.events.sites import _eligible_places
from newsmap.gazetteer import Gazetteer
from newsmap.records import Article, Place
from newsmap.text import Sentence


_MULTI_TARGET = re.compile(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|various|dozens of|a number of|"
    r"Ukrainian|Russian) (?:\w+ )?(?:cities|towns|regions|villages|settlements|communities|districts|oblasts|provinces|areas)|"
    r"across (?:the (?:country|enclave|territory|strip)|Ukraine|Russia|\w+ regions)|nationwide|in total|overall|altogether|combined)\b",
    re.I,
)
# "killed 27 across the Gaza Strip, including five in X": a country's or region's toll, of which the
# sentence's town is one part (unless that region is itself the event's site).
_ACROSS = re.compile(r"\b(?:across|throughout|all over)\s+(?:the\s+)?$", re.I)


def _across_wider_area(article: Article, sentence: Sentence, places: list[Place], sites: list[Place]) -> bool:
    return any(
        p.location is not None and (p.location.feature_class in {"country", "admin1"} and p not in sites
                                    or _told_as_area(article.text, sentence, p))
        and sentence.start <= p.start < sentence.end
        and _ACROSS.search(article.text, max(sentence.start, p.start - 20), p.start)
        for p in places)


def _told_as_area(text: str, sentence: Sentence, place: Place) -> bool:
    """"strikes killed 104 people across Gaza": a toll spread over the place is no attack at its centre."""
    return bool(_ACROSS.search(text, max(sentence.start, place.start - 20), place.start))


@dataclass
class _Analysis:
    sentence: Sentence
    kind: str | None  # an event type, or a finer class kept for ACLED: "attack" (no weapon named), "mine", "grenade", "protest", "defusal", "civilian_violence"
    weapon: str | None
    dates: list[DateMention]
    casualties: Casualties
    places: list[Place]
    actor: str | None
    multi_target: bool


def _analyse(article: Article, sentence: Sentence, places: list[Place], gazetteer: Gazetteer | None) -> _Analysis:
    text = sentence.text
    kind, weapon = _classify(text)
    reference = article.published
    dates = find_dates(article.text, reference, sentence.start, sentence.end) if reference else find_dates(
        article.text, None, sentence.start, sentence.end
    )
    casualties = find_casualties(text) if mentions_casualties(text) else NONE
    sites = _eligible_places(sentence, places, article.text, kind)
    spread = [p for p in sites if _told_as_area(article.text, sentence, p)]
    if spread and mentions_casualties(text) and casualties.stated:
        sites = [p for p in sites if p not in spread]
    return _Analysis(
        sentence=sentence,
        kind=kind,
        weapon=weapon,
        dates=dates,
        casualties=casualties,
        places=sites,
        actor=_actor(text, kind, gazetteer),
        multi_target=bool(_MULTI_TARGET.search(text)) or (
            casualties.stated and _across_wider_area(article, sentence, places, sites)),
    )
