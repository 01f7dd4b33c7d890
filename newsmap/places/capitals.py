""""The Syrian capital", "the Ukrainian capital": a country's capital named by the country's adjective,
read as that capital (the gazetteer marks each country's capital)."""

from __future__ import annotations

import re

from newsmap.gazetteer import Gazetteer
from newsmap.places.adjectives import national_adjective_country
from newsmap.places.context import _CALENDAR_WORDS

_CAPITAL_OF = re.compile(r"\bthe (?P<adjective>[A-Z][a-z]+) capital(?:['’]s)?\b(?! (?:region|province|district|city of))")


def adjective_capitals(text: str, found, gazetteer: Gazetteer, start: int, end: int, make_mention) -> list:
    taken = [(m.start, m.end) for m in found  # not a dateline, nor a weekday a gazetteer also lists
             if m.role != "dateline" and not m.text.isupper() and m.text.lower() not in _CALENDAR_WORDS]
    extra = []
    for hit in _CAPITAL_OF.finditer(text, start, end):
        sentence = _sentence_around(text, hit.start(), hit.end())
        if any(sentence[0] <= s and e <= sentence[1] and not (s < hit.end() and hit.start() < e) for s, e in taken):
            continue  # the sentence names a place itself: the capital is only a way of repeating it
        iso = national_adjective_country(hit.group("adjective"), gazetteer)
        capital = _capital(gazetteer, iso) if iso else None
        if capital is not None:
            s, e = hit.start("adjective"), hit.end()
            extra.append(make_mention(s, e, text[s:e], [(capital, True)]))
    return extra


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    after = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return before + 1, min(after) if after else len(text)


def _capital(gazetteer: Gazetteer, iso: str) -> int | None:
    capitals = getattr(gazetteer, "_capitals", None)
    if capitals is None:
        capitals = gazetteer._capitals = {}  # type: ignore[attr-defined]
    if iso not in capitals:
        found = [i for i in gazetteer.cities_by_country.get(iso, ()) if gazetteer.capital[i]]
        capitals[iso] = max(found, key=lambda i: gazetteer.population[i]) if found else None
    return capitals[iso]
