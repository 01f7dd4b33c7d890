"""Casualty figures given to drafts: a place's own count, follow-up sentences, a second strike, tolls
told before their place, drones downed."""

from __future__ import annotations

import re

from newsmap.casualties import Casualties, numbers_as_digits
from newsmap.events.dating import _sentence_date
from newsmap.events.drafts import _Draft
from newsmap.events.kinds import ATTACK_TYPES
from newsmap.events.reading import _Analysis
from newsmap.gazetteer import Gazetteer
from newsmap.records import Place
from newsmap.text import Sentence


_BACK_REFERENCE = re.compile(
    r"\b(?:the|that|this|these|those) (?:[\w-]+ )?(?:attack|strike|airstrike|blast|explosion|bombing|shelling|incident|raid|massacre|ambush)s?"
    r"(?: (?:on|against|at|in|near) [^.;,]{1,60}?)?"  # "the attack on the post at X"
    r"(?: (?:late |early )?(?:on|last) \w+(?: night| morning| evening)?)?"  # "The strikes late on Thursday hit"
    r" (?:happened|occurred|took place|was carried out|hit|struck|began|started|targeted|ripped through|went off)\b|\b(?:it|the (?:ship|vessel|building|convoy|bus|car))"
    r" (?:was|had been) (?:hit|struck|attacked|targeted)\b"
    # "JNIM claimed the attack on the base in X": the group names the attack already told
    r"|\b(?:claimed|claiming|carried out|was behind) (?:responsibility for )?(?:the|that|this) (?:[\w-]+ )?"
    r"(?:attack|strike|bombing|raid|massacre|ambush|assault)s?\b",
    re.I,
)
# "A second strike hit ...", "struck again": another attack, not "the subsequent rescue efforts".
_NEW_STRIKE = re.compile(
    r"\b(?:(?:second|another|third|fourth|repeated|follow-up|subsequent|double-tap|new|later) (?:[\w-]+ ){0,2}?"
    r"(?:strikes?|attacks?|missiles?|drones?|shell(?:s|ing)?|bombs?|bombing|explosions?|blasts?|waves?|raids?|salvos?|barrages?|rounds?)"
    r"|(?:struck|hit|attacked|shelled|bombed|targeted) (?:\w+ ){0,3}?again|again (?:struck|hit|attacked|shelled|bombed|targeted)"
    r"|later (?:struck|hit|attacked|shelled|bombed|targeted)|repeatedly|double-tap)\b",
    re.I,
)
# "Its air force then struck the retreating fighters": the attacked side's answer, a strike of its own.
_STRIKE_ON_ATTACKERS = re.compile(
    r"\b(?:on|at|against|targeting|hit|struck|pursued|chased)\s+the\s+(?:retreating|fleeing|withdrawing)\s+"
    r"(?:\w+\s+)?(?:fighters|attackers|assailants|militants|jihadists|gunmen|insurgents|rebels|terrorists|bandits)\b",
    re.I,
)
# "Five other people were wounded", "two more died" — not "more than five months of war".
_ADDITIONAL = re.compile(
    r"\b(?:other|more|another|additional|further)\b(?= (?:\w+ )?(?:people|persons|civilians|residents|soldiers|"
    r"servicemen|children|men|women|victims|others|were|was|have|had|has|died|injured|wounded|killed|bodies)\b)",
    re.I,
)


def _downed_count(text: str, place: Place, article_text: str, sentence: Sentence) -> tuple[int | None, int | None]:
    """Drones downed over this place, and in all ("35 drones ..., including three over the X region")."""
    before = numbers_as_digits(article_text[max(sentence.start, place.start - 40) : place.start])
    local = re.search(r"(\d+)\s+(?:\w+\s+){0,2}(?:over|above|in|near)\s+(?:the\s+)?$", before)
    total = re.search(r"(\d+)\s+(?:\w+[- ]){0,3}(?:drones?|UAVs?|missiles?)", numbers_as_digits(text))
    return (int(local.group(1)) if local else None, int(total.group(1)) if total else None)


_FIGURE_REACH = 100
_FIGURE_BEFORE_PLACE = re.compile(
    r"(?:^|[\s,(])(\d+(?:,\d{3})*)\s+(?:(?:more|other|others|people|persons?|civilians?|residents?|soldiers?|children|"
    r"man|woman|men|women)\s+)?(?:(?:were|was|had been|have been|has been)\s+(?:\w+\s+){1,2})?"
    # "eight were killed in a strike on a residential building in X"
    r"(?:(?:in|during|by)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?(?:strike|airstrike|attack|raid|shelling|bombing)\s+"
    r"(?:on\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){1,3})?)?"
    # "20 in a school sheltering displaced families in Gaza City's X neighbourhood"
    r"(?:(?:in|at)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,2}(?:school|hospital|house|home|building|tent|shelter|market|"
    r"mosque|church|clinic)s?\s+(?:[a-z]+\s+){0,4})?"
    r"(?:(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4})?"  # "12 at the Rambam Health Campus in the city of"
    r"(?:in|at)\s+(?:the\s+)?(?:(?:capital|city|town|village|region|province|district|of)\s+){0,2}(?:of\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}['’]s\s+)?$",
    re.I,
)


def _figures_per_place(targets: list[Place], casualties: Casualties, text: str, sentence: Sentence) -> dict[int, Casualties]:
    """"42 killed, including 16 in Kyiv" / "30 hospitalised in the capital, 11 in Lviv and
    four in Rivne": a count written right before a place is that place's own figure. Only when the
    sentence speaks of one kind of casualty, so the count's meaning is not in doubt."""
    only = "killed" if casualties.wounded is None else "wounded" if casualties.killed is None else None
    found: dict[int, Casualties] = {}
    for place in targets:
        bracketed = _bracketed_toll(text, place.end, sentence.end)
        if bracketed is not None:
            found[id(place)] = bracketed
            continue
        if _listed_with_next(place, targets, text):
            continue  # "killed three people in A and B": the count is the two places' joint toll
        before = numbers_as_digits(text[max(sentence.start, place.start - _FIGURE_REACH):place.start])
        hit = _FIGURE_BEFORE_PLACE.search(before)
        if not hit:
            continue
        value = int(hit.group(1).replace(",", ""))
        if 1900 <= value <= 2100:
            continue
        # Which figure: the sentence's only kind, else the casualty word nearest before the count
        # ("413 killed nationwide, including 132 in Khartoum, and 3,500 injured").
        lead = text[max(sentence.start, place.start - 160):place.start - len(before) + hit.start(1)]
        own_verb = _CASUALTY_VERB.findall(hit.group(0))  # "one was injured in X": its own word decides
        verbs = own_verb or _CASUALTY_VERB.findall(lead)
        category = only or (("wounded" if _WOUND_WORD.match(verbs[-1]) else "killed") if verbs else None)
        if category is None:
            continue
        found[id(place)] = Casualties(killed=value) if category == "killed" else Casualties(wounded=value)
    return found


# "Nikopol (2 injured), Marhanets (1 killed, 3 wounded)": a roundup's toll of each town, in brackets after it.
_BRACKETED_TOLL = re.compile(
    r"\s*\(\s*(?P<first>\d+)\s+(?:(?:people|persons?|civilians?|men|women|children)\s+)?(?P<first_kind>\w+)"
    r"(?:\s*(?:,|;|and)\s*(?P<second>\d+)\s+(?:(?:people|persons?|civilians?|men|women|children)\s+)?(?P<second_kind>\w+))?\s*\)")


def _bracketed_toll(text: str, end: int, limit: int) -> Casualties | None:
    """The toll in brackets right after a place, when each count there has its casualty word."""
    written = text[end:min(limit, end + 60)]
    if not written.lstrip().startswith("("):
        return None
    hit = _BRACKETED_TOLL.match(numbers_as_digits(written))
    if not hit:
        return None
    killed = wounded = None
    for count, word in ((hit.group("first"), hit.group("first_kind")), (hit.group("second"), hit.group("second_kind"))):
        if count is None:
            continue
        if _WOUND_WORD.match(word):
            wounded = int(count)
        elif re.fullmatch(r"(?i)killed|dead|died|deaths?|fatalit(?:y|ies)", word):
            killed = int(count)
        else:
            return None
    return Casualties(killed=killed, wounded=wounded)


_PLACE_JOINER = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)\s+(?:the\s+)?(?:(?:town|city|village)s?\s+of\s+)?$"
                           r"|\s*,\s*$", re.I)


def _listed_with_next(place: Place, targets: list[Place], text: str) -> bool:
    """Whether the place is followed by another target joined to it by a mere "and", "or" or comma."""
    following = [p for p in targets if p.start >= place.end]
    if not following:
        return False
    nearest = min(following, key=lambda p: p.start)
    gap = text[place.end:nearest.start]
    if not _PLACE_JOINER.fullmatch(gap):
        return False
    return not gap.strip().startswith(",") or "and" in gap or "or" in gap.split() or _listed_with_next(nearest, targets, text)


_CASUALTY_VERB = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wound\w*|injur\w*|hurt|hospitali[sz]ed)\b", re.I)
_WOUND_WORD = re.compile(r"(?i)wound|injur|hurt|hospital")


def _continue_draft(draft: _Draft, analysis: _Analysis, sentence: Sentence, extend: bool = True) -> None:
    """Fold a follow-up sentence ("Five other people were wounded.") into the event before it."""
    figures = analysis.casualties
    current = draft.casualties
    additional = bool(_ADDITIONAL.search(sentence.text))
    killed, wounded = current.killed, current.wounded
    children_killed, children_wounded = current.children_killed, current.children_wounded
    # Without "other"/"more" a later figure restates the toll (often updated): keep the highest.
    if figures.killed is not None:
        killed = figures.killed if killed is None else (killed + figures.killed if additional else max(killed, figures.killed))
        if figures.children_killed is not None:
            children_killed = (children_killed or 0) + figures.children_killed
    if figures.wounded is not None:
        wounded = figures.wounded if wounded is None else (wounded + figures.wounded if additional else max(wounded, figures.wounded))
        if figures.children_wounded is not None:
            children_wounded = (children_wounded or 0) + figures.children_wounded
    draft.casualties = Casualties(killed, wounded, children_killed, children_wounded,
                                  current.approximate or (figures.approximate and figures.stated))
    if not draft.own_date and draft.kind != "diplomatic":
        # "The death toll has risen to 35. ... after Saturday's strike": the follow-up dates the event.
        dated = _sentence_date(analysis, None)
        if dated is not None and dated.granularity == "day" and (draft.event_date is None or dated.value <= draft.event_date):
            draft.event_date, draft.own_date = dated.value, True
    if draft.kind == "attack" and analysis.kind in ATTACK_TYPES:
        draft.kind = analysis.kind
    draft.weapon = draft.weapon or analysis.weapon
    draft.actor = draft.actor or analysis.actor
    if extend:  # the excerpt stays one contiguous passage, so only a nearby follow-up extends it
        draft.end = max(draft.end, sentence.end)
        draft.last_sentence = sentence.index


# "... struck positions near Bulo Burde, killing nine": a site named after a preposition.
# "attacked the village of Solle": a settlement's kind and name need no preposition.
_SITE_PHRASE = re.compile(
    r"(?:\b(?:near|in|at|outside|around)\s+(?:the\s+(?:(?:\w+\s+)?(?:town|village|city|district|area|outskirts)\s+of\s+)?)?"
    r"|\b(?:town|village|hamlet|locality|commune|settlement)\s+of\s+)"
    r"(?P<name>[A-Z][\w'’-]+)(?P<after>[ \u00a0]\w+)?"
)
_FACILITY_NOUN = re.compile(
    r"(?i)^[ \u00a0](?:hospital|clinic|school|university|mosque|church|market|camp|base|airport|port|prison|"
    r"street|road|bridge|square|stadium|hotel|building|tower|district|region|province|state|county|governorate)"
)


def names_unknown_site(sentence: Sentence, places: list[Place], gazetteer: Gazetteer | None) -> bool:
    """Whether the sentence puts what it tells at a site the gazetteer does not know: a rare
    capitalised name after "near", "in", "at"…, which is none of the places found, nor a facility's
    or a region's name (whose town the last event may already give)."""
    if gazetteer is None:
        return False
    for match in _SITE_PHRASE.finditer(sentence.text):
        start = sentence.start + match.start("name")
        if any(place.start <= start < place.end for place in places):
            continue
        if _FACILITY_NOUN.match(match.group("after") or "") or gazetteer.word_zipf(match.group("name").lower()) >= 3.0:
            continue  # "near Al-Shifa hospital", "in March", "at Dawn"
        return True
    return False
