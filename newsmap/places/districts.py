"""City districts: "Russian drones struck Kharkiv, hitting a building in the Kyivskyi district" names a
district of Kharkiv, not the village of Kyivskyi 150 km away that the gazetteer lists; "the Dniprovskyi
district of Kherson" is a district of Kherson, not Kyiv's district of that name. A district the gazetteer
does not hold inside the city is read as the city itself. A district named in the adjective form
Ukrainian and Russian cities name theirs by ("the Shevchenkivskyi district", "Leninsky district") is read
so in the next sentences of the paragraph too: many cities have one of that name."""

from __future__ import annotations

import re

from newsmap.gazetteer import CITY, Gazetteer
from newsmap.places.mention import Mention

CITY_POPULATION = 100_000  # towns this big are divided into districts that news names
WITHIN_KM = 30.0
SENTENCE_REACH = 300  # characters back to the city a district belongs to, in its sentence or the one before
PARAGRAPH_REACH = 600  # ... and for an adjective-form district, anywhere in its paragraph
_DISTRICT_AFTER = re.compile(r"^[ \u00a0]+(?:district|raion|rayon|neighbou?rhood|quarter)\b", re.I)
_DISTRICT_WORD = re.compile(r"[ \u00a0](?:district|raion|rayon|neighbou?rhood|quarter)$", re.I)
_OF_CITY = re.compile(r"(?:[ \u00a0]+(?:district|raion|rayon|neighbou?rhood|quarter))?[ \u00a0]+of[ \u00a0]+"
                      r"(?:the[ \u00a0]+(?:city|town)[ \u00a0]+of[ \u00a0]+)?", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s")
_ADJECTIVE_FORM = re.compile(r"(?:sk|ts?k|n)(?:yi|yy|iy|ij|y|oy|oi|ii)(?:[ \u00a0](?:district|raion|rayon))?$", re.I)


def read_districts_as_their_city(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> None:
    for index, m in enumerate(mentions):
        if not (_DISTRICT_AFTER.match(text, m.end) or _DISTRICT_WORD.search(m.text)):
            continue
        city = _city_named_after(mentions, index, text, gazetteer) or _city_owning(mentions, index, text, gazetteer)
        if city is not None:
            if m.choice is None or not _within_city(m.choice, city.choice, gazetteer):
                m.choice = city.choice  # the text says whose district it is
            continue
        city = _city_named_before(mentions, index, text, gazetteer)
        if city is None or city.choice == m.choice:
            continue
        # a raion the gazetteer lists ("Kharkiv's Kupianskyi district") is a district of a region, not of a city
        if m.choice is None or gazetteer.kind[m.choice] == CITY and gazetteer.distance(m.choice, city.choice) > WITHIN_KM:
            m.choice = city.choice


def _city_named_after(mentions: list[Mention], index: int, text: str, gazetteer: Gazetteer) -> Mention | None:
    """"the Dniprovskyi district of Kherson": the city the district is said to be of."""
    if index + 1 >= len(mentions):
        return None
    m, city = mentions[index], mentions[index + 1]
    joint = _OF_CITY.match(text, m.end)
    if not joint or joint.end() != city.start or city.choice is None or gazetteer.kind[city.choice] != CITY:
        return None
    return city


def _city_owning(mentions: list[Mention], index: int, text: str, gazetteer: Gazetteer) -> Mention | None:
    """"Kherson's Dniprovskyi district": the city whose district it is, said with a possessive."""
    if index == 0:
        return None
    city, m = mentions[index - 1], mentions[index]
    if city.choice is None or gazetteer.kind[city.choice] != CITY or not _POSSESSIVE_GAP.fullmatch(text, city.end, m.start):
        return None
    return city


_POSSESSIVE_GAP = re.compile(r"['’]s[ \u00a0]+(?:the[ \u00a0]+)?")


def _within_city(district: int, city: int, gazetteer: Gazetteer) -> bool:
    """A raion of the city's own region ("the Kupiansk district of Kharkiv") or a place within its reach
    may be what the text means; a namesake in another region is not."""
    if gazetteer.kind[district] == CITY:
        return gazetteer.distance(district, city) <= WITHIN_KM
    return gazetteer.admin1_of[district] == gazetteer.admin1_of[city]


def _city_named_before(mentions: list[Mention], index: int, text: str, gazetteer: Gazetteer) -> Mention | None:
    """The big city last named before the district, in its sentence or, with no place named between, in the
    sentence or paragraph just before ("Drones attacked Kharkiv overnight. ... The strikes hit the Kyivskyi
    district"); for an adjective-form district, anywhere earlier in its paragraph."""
    m = mentions[index]
    adjective = bool(_ADJECTIVE_FORM.search(m.text))
    reach = PARAGRAPH_REACH if adjective else SENTENCE_REACH
    for p in reversed(mentions[:index]):
        if p.choice is None or p.end > m.start or m.start - p.end >= reach:
            if p.choice is not None and p.end <= m.start:
                return None
            continue
        if gazetteer.kind[p.choice] == CITY and gazetteer.population[p.choice] >= CITY_POPULATION:
            return p
        if (_SENTENCE_END.search(text, p.end, m.start) if not adjective else "\n\n" in text[p.end:m.start]):
            return None  # another place told since: the district may be of that one
    return None
