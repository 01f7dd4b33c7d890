"""Talks and their venues: where a meeting is held, earlier rounds dated by month, a summit narrowed
to the one town the article names."""

from __future__ import annotations

import re

from newsmap.events.drafts import _Draft
from newsmap.events.kinds import _DIPLOMATIC
from newsmap.events.reading import _Analysis
from newsmap.events.sites import _in_region, _precision
from newsmap.records import Place
from newsmap.text import Sentence


_BACKGROUND_TALKS = re.compile(
    r"\b(?:previous|earlier|prior|past|last|first|second) (?:\w+ )?(?:rounds?|talks|meetings?)\b|"
    r"\b(?:months|years|weeks|rounds) of (?:\w+ )?(?:talks|negotiations|mediation)|\b(?:have|has|had) (?:so far )?failed\b|"
    r"\bfailed to (?:produce|reach|secure|yield)|\bwithout (?:securing|reaching|producing)\b",
    re.I,
)

_DIPLOMATIC_NOUN = r"(?:(?:peace |direct |bilateral |trilateral )?(?:talks|negotiations|summit|meeting|conference|round of \w+ talks))"
_SITE_BEFORE = re.compile(
    rf"(?:{_DIPLOMATIC_NOUN}|(?:was|were|be|being|been|are|is) held|held (?:talks|a meeting|meetings|negotiations|a summit)|"
    rf"hosted|host|take place|took place|meet|met|meeting|gather(?:ed)?|convene[sd]?|arrived|visit(?:ed)?)"
    rf"(?:\s+[\w.’'-]+){{0,6}}?\s+(?:in|at|to)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:(?:resort|city|town|port|capital)\s+of\s+)?$"
    r"|\bvisit(?:ed|s|ing)?\s+$",
    re.I,
)
_SITE_AFTER = re.compile(rf"^(?:'s?)?\s+{_DIPLOMATIC_NOUN}\b|^\s+(?:will |would |to )?(?:host(?:ed|s)?)\b", re.I)


_POSSESSIVE = re.compile(r"^['’]s?\b")


def _is_diplomatic_site(place: Place, sentence: Sentence, text: str) -> bool:
    """Talks "in Doha", "the Doha talks", "Geneva hosted the meeting": the place of a meeting."""
    if not _DIPLOMATIC.search(sentence.text):
        return False
    before = text[max(sentence.start, place.start - 80) : place.start]
    after = text[place.end : min(sentence.end, place.end + 40)]
    if _SITE_AFTER.search(after):
        return True
    if _POSSESSIVE.match(after):
        return False  # "a meeting to end Europe's biggest conflict": the place owns a noun, it hosts nothing
    return bool(_SITE_BEFORE.search(before))


def _monthly_rounds(place: Place, first: Sentence, sentence: Sentence, analysis: _Analysis, text: str) -> list[_Draft]:
    """Earlier rounds of talks at ``place`` dated only by month ("in May and June"): one event a month."""
    if not _DIPLOMATIC.search(sentence.text):
        return []
    months = sorted({m.value.replace(day=1) for m in analysis.dates if m.granularity == "month" and not m.reporting})
    return [
        _Draft("diplomatic", place, first.start, sentence.end, first.index, sentence.index, first.paragraph,
               month, True, None, None, _precision(place, text, first), time_precision=3)
        for month in months
    ]


def _narrow_venue(draft: _Draft, places: list[Place]) -> None:
    """"A summit in Alaska ... the tarmac at a base in Anchorage": talks placed in a region or a country
    are held in the one town of it the article names."""
    region = draft.place.location if draft.place is not None else None
    if region is None or region.feature_class not in ("admin1", "country"):
        return
    towns = {
        p.location.geonameid: p for p in places
        if p.role == "location" and p.location is not None and p.location.feature_class == "city"
        and p.location.geonameid > 0 and p.location.country == region.country
        and (region.feature_class == "country" or _in_region(p.location, region))
    }
    if len(towns) == 1:
        (town,) = towns.values()
        draft.place = town
        draft.precision = 1
