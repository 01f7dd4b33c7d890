"""Settlements the gazetteer does not list, drawn near the place the article ties them to.

Most frontline villages, camps and urban districts have fewer than 500 people and are missing from the
packaged GeoNames data. When the text names one by its kind ("the village of Zhytni", "Abu Kabir camp",
"the Sabra neighbourhood"), it is kept as a place with its own name, drawn at the nearest place of the
same story that the gazetteer does know (ACLED's convention for a location known only as "near X",
geo_precision 2). The location says so in its name ("Zhytni (near Chernihiv)") and carries a negative id, so
it is never mistaken for a GeoNames entry.
"""

from __future__ import annotations

import re
import zlib

from newsmap.gazetteer import Gazetteer
from newsmap.gazetteer.geometry import distance_km
from newsmap.records import Location, Place

_NAME = r"[A-Z][\w’'-]+(?:(?: |-)(?:(?!IDPs?\b)[A-Z][\w’'-]+|(?:al|el|ad|ash|as|an|de|du|la|le|des|of)(?![\w’']))){0,3}"
_KIND = (r"village|town|hamlet|settlement|camp|community|commune|locality|township|neighbou?rhood|suburb|"
         r"district|quarter|area")
_KIND_THEN_NAME = re.compile(rf"\b(?:{_KIND}) of (?:the )?({_NAME})")
_NAME_THEN_KIND = re.compile(
    rf"\b({_NAME}) (?:(?:refugee|displacement|displaced persons|IDP) )?(?:camp|village|neighbou?rhood|township|commune|district|"
    rf"territory)\b"
)
# "the Farchana and Metche camps": two names sharing a plural kind word.
_NAMES_THEN_KINDS = re.compile(
    rf"\b({_NAME}),? and ({_NAME}) (?:(?:refugee|displacement|displaced persons|IDP) )?"
    rf"(?:camps|villages|neighbou?rhoods|townships|communes|districts)\b"
)
# "Soba, the southern suburb of Khartoum": an appositive says what X is and which place it belongs to.
_NAME_THEN_APPOSITIVE = re.compile(
    rf"\b({_NAME}),\s+(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}?(?:suburb|district|neighbou?rhood|quarter|(?:refugee\s+)?camp|"
    rf"village|settlement)\s+(?:of|in|near|outside)\s+(?:the\s+)?(?:(?:capital|city|town)\s+(?:of\s+)?)?(?=[A-Z])"
)
# "in al-Mawasi, west of Khan Younis", "in Sheikh Radwan, in northern Gaza City": after a locative word, a name
# followed by where it lies from a place the story knows is a place there.
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)"
_NAME_THEN_BEARING = re.compile(
    rf"\b(?:in|at|near|into|on)\s+((?:(?:al|el|ad|ash|as|an)-)?{_NAME}),\s+"
    rf"(?:(?:about\s+|some\s+)?\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:just\s+)?"
    rf"(?:{_COMPASS}(?:ern)?\s+of|in\s+(?:the\s+)?{_COMPASS}(?:ern)?|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?"
    rf"(?:(?:capital|city|town)\s+(?:of\s+)?)?(?=[A-Z])"
)
# How near its owner a gazetteer reading of the name (or of a part of it) must be to be the place itself.
PART_REACH_KM = 50.0
# Words that open a phrase rather than name a place ("The village of", "Another camp").
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "one", "another",
    "every", "each", "nearby", "northern", "southern", "eastern", "western", "central", "north", "south",
    "east", "west", "border", "frontline", "front-line", "same", "small", "large", "old", "new", "local",
    "remote", "main", "refugee", "displacement", "in", "on", "at", "near", "from", "to", "and", "or",
}
# A name so common as an English word ("Saw", "Many") is more likely a word than a village.
COMMON_WORD_ZIPF = 4.5
# How far around the mention the anchor may be (characters): the same passage of the story.
ANCHOR_BEFORE = 600
# What may stand between the name and the place that says where it is ("X near Y", "X, in the Y region").
_TIES = re.compile(
    r"\s*,?\s*(?:(?:in|near|outside|of|close to|just|some|about|\d+\s*(?:km|kilometres|kilometers|miles)|"
    r"(?:and|or)\s+(?:[A-Z][\w’'-]+\s+){1,2}(?=villages|towns|settlements)|"
    r"(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest)(?:ern)?(?: of)?|"
    r"the|a|an|town|city|village|villages|towns|settlements|province|region|district|state|governorate|oblast|county|"
    r"(?:refugee |displacement |displaced persons |IDP )?camp|neighbou?rhood|township|commune)\s*,?\s*){0,6}",
    re.I,
)


def unlisted_places(text: str, places: list[Place], gazetteer: Gazetteer, start: int = 0,
                    excluded: list[tuple[int, int]] = ()) -> list[Place]:
    """Places for settlements named by their kind that no found place covers, anchored nearby."""
    taken = [(p.start, p.end) for p in places] + list(excluded)
    anchors = [p for p in sorted(places, key=lambda p: p.start) if p.role == "location" and p.location is not None
               and p.location.feature_class != "country" and p.location.geonameid > 0]
    found: list[Place] = []
    named = [(m, 1) for pattern in (_KIND_THEN_NAME, _NAME_THEN_KIND) for m in pattern.finditer(text, start)]
    named += [(m, group) for m in _NAMES_THEN_KINDS.finditer(text, start) for group in (1, 2)]
    for match, group in named:
        name_start, name_end = _trim_name(text, match.start(group), match.end(group), gazetteer)
        if name_start >= name_end:
            continue
        if any(s < name_end and name_start < e for s, e in taken):
            continue
        name = text[name_start:name_end]
        pair = _between(text, name_end, anchors)
        if pair is not None:
            location = _midway(name, *pair)
        else:
            anchor = _anchor(text, name_start, name_end, anchors)
            if anchor is None:
                continue
            location = _near(name, anchor.location)
        found.append(Place(name, name_start, name_end, "location", location))
        taken.append((name_start, name_end))
    for match in (m for pattern in (_NAME_THEN_APPOSITIVE, _NAME_THEN_BEARING) for m in pattern.finditer(text, start)):
        name_start, name_end = _trim_name(text, match.start(1), match.end(1), gazetteer)
        owner = next((p for p in anchors if p.start == match.end()), None)
        if name_start >= name_end or owner is None:
            continue
        # "in Tal as-Sultan, west of Rafah": a part of the name that the gazetteer reads as a town far away
        # ("Sultan" in Libya) is no reading of this name; the whole name is the place near its owner
        parts = [p for p in places if name_start <= p.start and p.end <= name_end]
        if any(p.location is not None and distance_km(p.location.latitude, p.location.longitude,
                                                      owner.location.latitude, owner.location.longitude) <= PART_REACH_KM
               for p in parts):
            continue
        inside = {(p.start, p.end) for p in parts}
        if any(s < name_end and name_start < e and (s, e) not in inside for s, e in taken):
            continue
        name = text[name_start:name_end]
        found.append(Place(name, name_start, name_end, "location", _near(name, owner.location)))
        taken.append((name_start, name_end))
    for name_start, name_end, anchor in _listed_with_a_town(text, anchors, taken, gazetteer, start):
        name = text[name_start:name_end]
        found.append(Place(name, name_start, name_end, "location", _near(name, anchor.location)))
        taken.append((name_start, name_end))
    # Once the text has said what X is ("the village of X"), every other mention of X is that village.
    for place in list(found):
        for match in re.finditer(rf"(?<![\w’'-]){re.escape(place.text)}(?![\w’'-])", text[start:]):
            s, e = start + match.start(), start + match.end()
            if not any(a < e and s < b for a, b in taken):
                found.append(Place(place.text, s, e, "location", place.location))
                taken.append((s, e))
    return found


# "strikes hit Aitaroun and Bint Jbeil", "near Kfar Kila and Houla,": a rare capitalised name listed with a
# known town after a locative word, and ending the list, is a place near that town.
_LIST_OPENER = re.compile(r"\b(?:in|near|around|outside|at|towards?|into|from|hit|struck|shelled|targeted|(?:villages|towns) of)\s+$")
_LIST_END = re.compile(r"(?:[,.;:]|\s+(?:on|near|overnight|during|after|before|since|as|while|where|"
                       r"which|villages?|towns?|areas?)\b|\s*$)")
# One word, hyphens and Arabic articles included ("Houla", "al-Qusour", "Khirbet-Selm"): two capitalised
# words in a list are as often a person ("... and Jane Doe in London").
_LISTED_NAME = re.compile(r"(?:(?:al|el|ad|ash|as|an)-)?[A-Z][a-z’'-]+")
RARE_NAME_ZIPF = 3.0


def _listed_with_a_town(text: str, anchors: list[Place], taken: list[tuple[int, int]], gazetteer: Gazetteer,
                        start: int) -> list[tuple[int, int, Place]]:
    from newsmap.places.context import _CALENDAR_WORDS

    found = []
    for anchor in anchors:
        if anchor.location.feature_class != "city" or anchor.start < start:
            continue
        after = re.match(r" (?:and|or) ", text[anchor.end:anchor.end + 5])
        before = re.search(r"(?<![\w’'-])(" + _LISTED_NAME.pattern + r") (?:and|or) $",
                           text[max(start, anchor.start - 40):anchor.start])
        spans = []
        if after:
            hit = _LISTED_NAME.match(text, anchor.end + after.end())
            if hit and _LIST_END.match(text, hit.end()) and _LIST_OPENER.search(text[max(0, anchor.start - 40):anchor.start]):
                spans.append(hit.span())
        if before:
            s = max(start, anchor.start - 40) + before.start(1)
            if _LIST_OPENER.search(text[max(0, s - 40):s]):
                spans.append((s, s + len(before.group(1))))
        for s, e in spans:
            name = text[s:e]
            words = re.split(r"[ -]", name)
            if any(a < e and s < b for a, b in taken) or gazetteer.lookup(name):
                continue
            if words[0].lower() in _NOT_NAMES or _is_adjective(words[0], gazetteer):
                continue
            if any(w.lower() in _CALENDAR_WORDS or gazetteer.word_zipf(w.lower()) >= RARE_NAME_ZIPF
                   for w in words if w[:1].isupper()):
                continue
            found.append((s, e, anchor))
    return found


def _trim_name(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """Drop leading words that open a phrase; nothing is left when no word is a name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    # "Omdurman's Umbadda district": everything up to the possessive names the city the district is in
    owner = max((i for i, w in enumerate(words) if re.search(r"['’]s$", w.group())), default=-1)
    words = words[owner + 1:]
    while words and (words[0].group().lower() in _NOT_NAMES or _is_adjective(words[0].group(), gazetteer)):
        words.pop(0)
    if not words:
        return start, start
    name = " ".join(w.group() for w in words)
    if len(words) == 1 and gazetteer.word_zipf(name.lower()) >= COMMON_WORD_ZIPF:
        return start, start
    return start + words[0].start(), start + words[-1].end()


def _is_adjective(word: str, gazetteer: Gazetteer) -> bool:
    from newsmap.places.adjectives import national_adjective_country

    return national_adjective_country(word, gazetteer) is not None


def _anchor(text: str, start: int, end: int, anchors: list[Place]) -> Place | None:
    """The known place the mention is tied to: one right after it ("X near Y", "X, in Y region"),
    else the nearest before it in the same paragraph, a town before a region."""
    after = next((p for p in anchors if p.start >= end), None)
    if after is not None and _TIES.fullmatch(text[end:after.start]):
        return after
    before = [p for p in anchors if start - ANCHOR_BEFORE <= p.start < start and "\n\n" not in text[p.end:start]]
    towns = [p for p in before if p.location.feature_class == "city"]
    pool = towns or before
    return pool[-1] if pool else None


_BETWEEN = re.compile(
    r",?\s*(?:which|that|a (?:village|town|settlement))?\s*(?:lies|lying|located|situated|is|sits)?\s*(?:roughly |about |midway |halfway )?"
    r"between (?:the (?:cities|towns|villages|settlements) of )?$"
)


def _between(text: str, end: int, anchors: list[Place]) -> tuple[Location, Location] | None:
    """"X, which lies between the cities of A and B": the two places X lies between."""
    after = [p for p in anchors if end <= p.start <= end + 120]
    if len(after) < 2:
        return None
    first, second = after[0], after[1]
    if not _BETWEEN.fullmatch(text, end, first.start) or not re.fullmatch(r"\s+and\s+", text[first.end:second.start]):
        return None
    return first.location, second.location


def _midway(name: str, a: Location, b: Location) -> Location:
    same_region = a.admin1_code == b.admin1_code
    return Location(
        geonameid=-(zlib.crc32(f"{name}|{a.geonameid}|{b.geonameid}".encode("utf-8")) + 1),
        name=f"{name} (between {a.name} and {b.name})",
        country=a.country if a.country == b.country else a.country,
        latitude=round((a.latitude + b.latitude) / 2, 5),
        longitude=round((a.longitude + b.longitude) / 2, 5),
        feature_class="city",
        admin1=a.admin1 if same_region else None,
        admin1_code=a.admin1_code if same_region else None,
        population=0,
    )


def _near(name: str, anchor: Location) -> Location:
    return Location(
        geonameid=-(zlib.crc32(f"{name}|{anchor.geonameid}".encode("utf-8")) + 1),
        name=f"{name} (near {anchor.name})",
        country=anchor.country,
        latitude=anchor.latitude,
        longitude=anchor.longitude,
        feature_class="city",
        admin1=anchor.admin1,
        admin1_code=anchor.admin1_code,
        population=0,
    )


def drop_parts_of_unlisted(places: list[Place]) -> list[Place]:
    """Places found inside the name of a place the gazetteer lacks ("Sultan" in "Tal as-Sultan") are no places."""
    wholes = [(p.start, p.end) for p in places if is_unlisted(p.location)]
    return [p for p in places if is_unlisted(p.location) or not any(
        s <= p.start and p.end <= e and (s, e) != (p.start, p.end) for s, e in wholes)]


def is_unlisted(location: Location | None) -> bool:
    """Whether a location was drawn near another place rather than taken from the gazetteer."""
    return location is not None and location.geonameid < 0
