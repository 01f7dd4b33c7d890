"""City districts: "Russian drones struck Kharkiv, hitting a building in the Kyivskyi district" names a
district of Kharkiv, not the village of Kyivskyi 150 km away that the gazetteer lists. A district
the gazetteer does not hold inside the city is read as the city itself. A district named in the adjective
form Ukrainian and Russian cities name theirs by ("the Shevchenkivskyi district", "Leninsky district") is
read so in the next sentences of the paragraph too: many cities have one of that name."""

from __future__ import annotations

import re

from newsmap.gazetteer import CITY, Gazetteer
from newsmap.places.mention import Mention

CITY_POPULATION = 100_000  # towns this big are divided into districts that news names
WITHIN_KM = 30.0
_DISTRICT_AFTER = re.compile(r"^[ \u00a0]+(?:district|raion|rayon|neighbou?rhood|quarter)\b", re.I)
_DISTRICT_WORD = re.compile(r"[ \u00a0](?:district|raion|rayon|neighbou?rhood|quarter)$", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s")
_ADJECTIVE_FORM = re.compile(r"(?:sk|ts?k|n)(?:yi|yy|iy|ij|y|oy|oi|ii)(?:[ \u00a0](?:district|raion|rayon))?$", re.I)
PARAGRAPH_REACH = 600  # characters back to the city an adjective-form district belongs to


def read_districts_as_their_city(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> None:
    for index, m in enumerate(mentions):
        if not (_DISTRICT_AFTER.match(text, m.end) or _DISTRICT_WORD.search(m.text)):
            continue
        adjective = bool(_ADJECTIVE_FORM.search(m.text))
        city = next((p for p in reversed(mentions[:index]) if p.choice is not None
                     and gazetteer.kind[p.choice] == CITY and gazetteer.population[p.choice] >= CITY_POPULATION
                     and p.end <= m.start and _same_passage(text, p.end, m.start, adjective)), None)
        if city is None or city.choice == m.choice:
            continue
        # a raion the gazetteer lists ("Kharkiv's Kupianskyi district") is a district of a region, not of a city
        if m.choice is None or gazetteer.kind[m.choice] == CITY and gazetteer.distance(m.choice, city.choice) > WITHIN_KM:
            m.choice = city.choice


def _same_passage(text: str, start: int, end: int, adjective: bool) -> bool:
    if adjective:
        return end - start < PARAGRAPH_REACH and "\n\n" not in text[start:end]
    return end - start < 300 and not _SENTENCE_END.search(text, start, end)
