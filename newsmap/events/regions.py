"""Region-level events: dropped when a town of the region carries the same attack, else placed at the
region's administrative centre."""

from __future__ import annotations

import re
from dataclasses import replace

from newsmap.casualties import Casualties
from newsmap.events.drafts import _Draft
from newsmap.events.figures import _BACK_REFERENCE
from newsmap.events.kinds import ATTACK_TYPES, _broad
from newsmap.events.sites import _NAME_THEN_REGION, _in_region
from newsmap.gazetteer import Gazetteer, distance_km, fold


_UNNAMED_SUBPLACE = re.compile(
    r"\b(?:an?|one|another) (?:\w+ ){0,2}(?:district|village|town|city|settlement|community|port|suburb|neighbo(?:u)?rhood|"
    r"camp|market)\b",
    re.I,
)
# "attacked two villages in X state", "raided several communities in the X region"
UNNAMED_SUBPLACES = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|a few|a number of|multiple) "
    r"(?:\w+ ){0,2}(?:districts|villages|towns|settlements|communities|hamlets|suburbs|neighbo(?:u)?rhoods)\b",
    re.I,
)


def _drop_covered_regions(drafts: list[_Draft], text: str = "") -> list[_Draft]:
    """A region-level mention adds nothing when the same attack is placed in one of its towns."""
    result = []
    for draft in drafts:
        loc = draft.place.location if draft.place else None
        if loc is None or loc.feature_class != "admin1":
            result.append(draft)
            continue
        towns = _same_attack_in_region(draft, drafts, loc)
        if draft.casualties.stated:
            # "A woman was killed in shelling of a border community in the Chernihiv region. The shells hit
            # the village of Semenivka", "30 killed at a bus station in the X region. The strike hit the
            # station in the town of Y": the figures belong to the place the next sentence narrows it to.
            unnamed = draft.joint or bool(_UNNAMED_SUBPLACE.search(text[draft.start:draft.end]))
            narrower = [other for other in towns if 0 < other.first_sentence - draft.last_sentence <= 1
                        and (_complementary(draft.casualties, other.casualties) or _more_of_it(text[other.start:other.end]))
                        and (unnamed or _BACK_REFERENCE.search(text[other.start:other.end])
                             or _ANAPHOR.search(text[other.start:other.end]))]
            named_next = [other for other in drafts if other is not draft and other.place is not None
                          and other.first_sentence == draft.last_sentence + 1 and _broad(other.kind) == _broad(draft.kind)]
            if len(narrower) == 1 and not (draft.joint and len(named_next) > 1):  # several places: the toll is joint
                if _complementary(draft.casualties, narrower[0].casualties):
                    narrower[0].casualties = _combined(draft.casualties, narrower[0].casualties)
                else:  # "30 fighters killed in the X region. Four soldiers also died in the battle near Y"
                    narrower[0].casualties = draft.casualties + narrower[0].casualties
                draft.handed_on = True
                if narrower[0].kind == "attack" and draft.kind in ATTACK_TYPES:
                    narrower[0].kind, narrower[0].weapon = draft.kind, narrower[0].weapon or draft.weapon
                narrower[0].start = min(narrower[0].start, draft.start)
                continue
        if draft.joint and towns:
            continue  # the several places are named, each with its own event; the joint toll stays a summary
        if draft.casualties.stated:
            counted = [other for other in towns if other.casualties.stated]
            if counted and all(_covers(draft.casualties, town.casualties) for town in counted):
                # "One killed and four wounded in the region" over "three wounded in the village of X":
                # the region's toll is the sum of its towns', not another attack; the towns keep their own.
                continue
            if len(counted) == 1 and _repeats(draft.casualties, counted[0].casualties):
                # "30 killed in a strike in the Amhara region" then "the strike hit the market in the
                # town of X ... 30 bodies, 42 wounded": the town tells the same attack more fully.
                continue
        elif any(other.place.location.feature_class == "city" for other in towns):
            continue
        result.append(draft)
    return result


# "died in the battle near X", "wounded in the attack": the same incident told again, now placed.
_ANAPHOR = re.compile(
    r"\b(?:in|during) the (?:same )?(?:attack|battle|fighting|clashes|strike|raid|ambush|assault|bombing|shelling)\b", re.I)
_ALSO = re.compile(r"\b(?:also|other|more|another|additional|further)\b", re.I)


def _more_of_it(passage: str) -> bool:
    """"Four soldiers also died in the battle near X": more victims of the same incident, to be added."""
    return bool(_ALSO.search(passage) and (_ANAPHOR.search(passage) or _BACK_REFERENCE.search(passage)))


def _complementary(region: Casualties, town: Casualties) -> bool:
    """Whether the town states no figure that the region states otherwise ("40 killed" in the region,
    "six wounded" in the village it narrows to)."""
    return all(t is None or r is None or t == r for r, t in ((region.killed, town.killed), (region.wounded, town.wounded)))


def _combined(region: Casualties, town: Casualties) -> Casualties:
    return Casualties(
        region.killed if region.killed is not None else town.killed,
        region.wounded if region.wounded is not None else town.wounded,
        region.children_killed if region.children_killed is not None else town.children_killed,
        region.children_wounded if region.children_wounded is not None else town.children_wounded,
        region.approximate or town.approximate,
    )


def _same_attack_in_region(draft: _Draft, drafts: list[_Draft], region) -> list[_Draft]:
    """The other drafts of the same kind and day placed at a town or site inside ``region``."""
    return [
        other for other in drafts
        if other is not draft and other.place is not None and other.place.location is not None
        and other.place.location.feature_class in ("city", "other")
        and _broad(other.kind) == _broad(draft.kind) and _same_day(draft, other)
        and _in_region(other.place.location, region)
    ]


def _same_day(region: _Draft, town: _Draft) -> bool:
    """Same date, or the region's is only the day it was reported and the town's the day before it
    that the next sentence gives ("... the army said on Friday. The attack on the base at X took place on
    Wednesday")."""
    if town.event_date == region.event_date:
        return True
    return (not region.own_date and 0 < town.first_sentence - region.last_sentence <= 3
            and region.event_date is not None and town.event_date is not None
            and 0 < (region.event_date - town.event_date).days <= 7)


def _covers(total: Casualties, part: Casualties) -> bool:
    """Whether ``total`` states every figure ``part`` states, at least as high."""
    pairs = [(total.killed, part.killed), (total.wounded, part.wounded)]
    if not any(p is not None for _, p in pairs):
        return False
    return all(p is None or (t is not None and t >= p) for t, p in pairs)


CENTRE_WITHIN_KM = 100.0


def _to_admin_centre(draft: _Draft, gazetteer: Gazetteer, drafts: list[_Draft], text: str) -> None:
    """A region-level event goes to the region's administrative centre (ACLED's convention; still
    precision 3): "the Kherson region" maps the event at Kherson. Where the centre lies far from
    the middle of a vast region (Balochistan), the middle is kept: there a point at
    the capital would claim more than the text says."""
    place = draft.place
    region = place.location if place is not None else None
    if region is None or region.feature_class != "admin1":
        return
    stem = fold(re.sub(r"(?i)\s+(?:oblast|region|province|state|governorate|krai|kray)$", "", region.name))
    if stem not in fold(place.text) and fold(place.text) not in fold(region.name):
        return  # "Zarichne, Donetsk region" fell back to the region: the village is somewhere in it
    if _NAME_THEN_REGION.search(text[max(0, place.start - 60):place.start]):
        # "Zarichnivka-Druha, Chernihiv": the site is a village the gazetteer lacks somewhere in the region; the
        # region's middle is a better guess for it than the regional capital.
        return
    centre = gazetteer.admin_centre(region)
    if centre is None or distance_km(region.latitude, region.longitude, centre.latitude, centre.longitude) > CENTRE_WITHIN_KM:
        return
    if any(other.place is not None and other.place.location is not None and other is not draft
           and distance_km(other.place.location.latitude, other.place.location.longitude,
                           centre.latitude, centre.longitude) <= 25.0 for other in drafts):
        return  # the article reports the centre itself: the region's event stays apart from it
    draft.place = replace(place, location=replace(centre, admin1=region.name, admin1_code=region.admin1_code))
    draft.precision = 3


def _repeats(region: Casualties, town: Casualties) -> bool:
    """Whether every figure the region states is the town's own figure for it."""
    pairs = [(region.killed, town.killed), (region.wounded, town.wounded)]
    return any(r is not None for r, _ in pairs) and all(r is None or r == t for r, t in pairs)
