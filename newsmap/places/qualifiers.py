"""A region named to say where a town lies: "Djibo (Soum province)", "Ghazni, Andar district". When the
gazetteer lacks that region and finds only a town abroad of that name (a village in Senegal called Soum),
the name is left unresolved: the text says it is a region of the town's own country."""

from __future__ import annotations

import re

from newsmap.gazetteer import CITY, Gazetteer
from newsmap.places.mention import Mention

_QUALIFIER_BEFORE = re.compile(r"^\s*(?:\(|,)\s*(?:the\s+)?$")
_REGION_WORD_AFTER = re.compile(r"^\s+(?:province|region|state|district|department|governorate|prefecture)\b", re.I)


def unresolve_foreign_qualifiers(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> None:
    for town, m in zip(mentions, mentions[1:]):
        if town.choice is None or m.choice is None or gazetteer.kind[m.choice] != CITY:
            continue
        if not (_QUALIFIER_BEFORE.match(text[town.end:m.start]) and _REGION_WORD_AFTER.match(text[m.end:m.end + 20])):
            continue
        if gazetteer.country_code(m.choice) != gazetteer.country_code(town.choice):
            m.choice = None
