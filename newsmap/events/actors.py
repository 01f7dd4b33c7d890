"""Who acts in a sentence: a listed armed group or the country behind a national adjective ("Malian troops")."""

from __future__ import annotations

import re

from newsmap.gazetteer import Gazetteer, fold
from newsmap.places import national_adjective_country
from newsmap.places.not_places import group_spans


# "<Who> forces/troops/drones…": who is any capitalised name or national adjective ("Malian army",
# "Russia's forces", "Israeli strikes"); the gazetteer says which country, if any, it names.
_ACTOR = re.compile(
    r"\b(?P<who>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z'’-]+)?)(?:['’]s)?\s+"
    r"(?i:(?:military|armed|air|ground|occupying|occupation|invading|special|naval|army|defen[cs]e|long-range|"
    r"powerful|attack|kamikaze|guided|heavy|ballistic|cruise|hypersonic|massive|deadly|overnight)\s+){0,3}"
    r"(?P<noun>(?i:forces|troops|military|army|servicemen|soldiers|units|occupiers|invaders|aviation|air force|"
    r"navy|artillery|drones?|missiles?|glide bombs?|bombs?|strikes?|attacks?|shelling|fire|struck|attacked|jets|warplanes|aircraft|"
    r"shelled|launched|pounded|hit|fired|bombed|targeted|defen[cs]es)|Defen[cs]e Ministry|General Staff)\b"
)
_WEAPON_NOUNS = re.compile(r"^(?:drones?|missiles?|glide bombs?|bombs?)$", re.I)

_TARGET_BEFORE = re.compile(r"\b(?:against|on|at|targeting|targeted|hit|struck|with|between|and|by)\s+(?:the\s+|an?\s+)?$", re.I)
# "said a member of the local People's Defence Force": the speaker's side, not who struck
_SPEAKER_OF_BEFORE = re.compile(
    r"\b(?:said|says|told|according to)\s+(?:\w+\s+){0,3}(?:member|spokes(?:man|woman|person)|commander|official|"
    r"fighter|leader|officer|source)s?\s+(?:of|for|from|with)\s+(?:the\s+|a\s+)?(?:\w+\s+)?$", re.I)
_OWNED_AFTER = re.compile(r"^(?:-held|-controlled|-run|-linked|-affiliated|\s+positions|\s+targets|\s+sites)", re.I)


def _group_actor(text: str, kind: str | None, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """The armed group or force the sentence names as the one acting ("RSF shelling", "M23 rebels
    seized", "the IDF said its jets struck"), from the armed-group list; state forces are named as
    ACLED names them ("Military Forces of Israel")."""
    for start, end, group in group_spans(text):
        if group is None or group.kind == "organisation" or group.kind == "party":
            continue
        if kind == "air_strike" and group.kind in {"rebel", "militia"}:
            continue  # "jets bombed the village, a member of the local PDF said": rebels fly no warplanes
        if (kind == "drones_downed" or _TARGET_BEFORE.search(text[max(0, start - 20):start])
                or _OWNED_AFTER.match(text[end:end + 12])):
            continue  # "an attack on Hamas positions", "an RSF-held district": the target, not the actor
        if _SPEAKER_OF_BEFORE.search(text[max(0, start - 80):start]):
            continue
        if group.kind == "state" and group.country:
            entry = gazetteer.country_entry(group.country)
            if entry is not None:
                return f"Military Forces of {gazetteer.location(entry).name}", start
        return group.name, start
    return None


def named_as_target(text: str, actor: str) -> bool:
    """Whether the sentence names ``actor`` (a listed group) as what was hit ("struck Houthi positions")."""
    return any(group is not None and group.name == actor
               and (_TARGET_BEFORE.search(text[max(0, start - 20):start]) or _OWNED_AFTER.match(text[end:end + 12]))
               for start, end, group in group_spans(text))


def _actor(text: str, kind: str | None, gazetteer: Gazetteer | None) -> str | None:
    if gazetteer is None:
        return None
    named = _group_actor(text, kind, gazetteer)
    national = _national_actor(text, kind, gazetteer)
    if named and national:
        return min((named, national), key=lambda found: found[1])[0]  # who is named first acts
    return (named or national or (None,))[0]


def _national_actor(text: str, kind: str | None, gazetteer: Gazetteer) -> tuple[str, int] | None:
    for match in _ACTOR.finditer(text):
        if kind == "drones_downed" and _WEAPON_NOUNS.match(match.group("noun")):
            continue  # the downed drones' side is the target of an interception, not its actor
        who = re.sub(r"['’]s$", "", match.group("who"))  # "Mali's army"
        # "North Korean troops", or "A Russian missile" whose first word only starts the sentence
        country = _country_named(who, gazetteer) or (" " in who and _country_named(who.split()[-1], gazetteer))
        if country:
            return f"Military Forces of {country}", match.start()
    return None


def _country_named(who: str, gazetteer: Gazetteer) -> str | None:
    """The country a national adjective or a country's own name stands for ("Ukrainian", "Russia")."""
    iso = national_adjective_country(who, gazetteer)
    if iso is None:
        found = gazetteer.search(who, limit=1)
        # Its own name or one of its names ("U.S.", "UK", "Britain"), not any word it merely resembles.
        if found and gazetteer.location(found[0]).feature_class == "country" and (
                fold(gazetteer.location(found[0]).name) == fold(who)
                or any(entry == found[0] for entry, _ in gazetteer.lookup(who))):
            iso = gazetteer.location(found[0]).country
    entry = gazetteer.country_entry(iso) if iso else None
    return gazetteer.location(entry).name if entry is not None else None
