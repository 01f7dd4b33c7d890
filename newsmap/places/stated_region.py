"""Settlements in a region the text states, where the packaged gazetteer has no settlement of that name.

Frontline villages are mostly missing from the packaged GeoNames data, and their names recur all over
Russia and Ukraine. When the text says where they are, the region it states is what they can honestly
be resolved to (an admin-1 place: its events get ``geo_precision`` 3):

* "N villages in the X border region. ... announced the recapture of A, B and C": the members of a list
  in the sentence stating the region or in the next one;
* "had taken A, in the southeast corner of the X region": the name right before the stated region.

A name that has a settlement inside the stated region keeps it; one whose only readings lie elsewhere
falls back to the region; a name the gazetteer lacks altogether becomes a mention of the region.
"""

from __future__ import annotations

import re
from typing import Callable

from newsmap.gazetteer import ADMIN1, COUNTRY, Gazetteer, fold
from newsmap.text import split_sentences

_COMPASS = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|central|border|frontline|front-line)(?:ern)?"
_OWNER = r"(?:[A-Z][\w’'-]+['’]s\s+)?"
# What stands between a place and the region that holds it: "in the southern", "in Russia's border",
# "in the southeast corner of the", "in the western part of Ukraine's".
IN_STATED_REGION = re.compile(
    rf",?\s+in\s+(?:the\s+)?{_OWNER}(?:{_COMPASS}\s+)*"
    rf"(?:(?:corner|part|parts|edge|tip|end|reaches|outskirts)\s+of\s+(?:the\s+)?{_OWNER}(?:{_COMPASS}\s+)*)?"
)
REGION_WORD_AFTER = re.compile(
    r"\s+(?:(?:border|frontline|front-line)\s+)?"
    r"(?:region|province|oblast|state|governorate|krai|department|prefecture)\b",
    re.I,
)
_REGION_WORD_INSIDE = re.compile(r"\b(?:region|province|oblast|state|governorate|krai|department|prefecture)$", re.I)
_STATEMENT_BEFORE = re.compile(rf"\bin\s+(?:the\s+)?{_OWNER}(?:{_COMPASS}\s+)*$")
# The sentence must be about settlements for its list to be read as settlements of the region.
_SETTLEMENT_NOUNS = re.compile(r"\b(?:villages?|towns?|settlements?|hamlets?|localities|locality)\b", re.I)
_NAME = r"[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+){0,2}"
_LIST = re.compile(rf"(?<![\w’'-]){_NAME}(?:, {_NAME})*,? (?:and|or) {_NAME}(?![\w’'-])")
_ITEM = re.compile(_NAME)
# A word this common in English is not the name of a village nobody lists.
COMMON_WORD_ZIPF = 3.5


def region_entries(text: str, mention, gazetteer: Gazetteer) -> list[int]:
    """The admin-1 readings of a mention written as a region ("the Kursk border region", "Kursk Oblast")."""
    if not (REGION_WORD_AFTER.match(text, mention.end) or _REGION_WORD_INSIDE.search(mention.text)):
        return []
    return [c for c, _ in mention.candidates if gazetteer.kind[c] == ADMIN1]


def settlements_in_stated_regions(text: str, mentions: list, gazetteer: Gazetteer, start: int, end: int,
                                  zipf: Callable[[str], float], is_other_thing: Callable[[int, int], bool],
                                  make_mention) -> list:
    """Tie list members and names right before a stated region to that region. Existing mentions get the
    region as context (and fall back to it when they have no reading inside); names the gazetteer lacks
    are returned as new mentions of the region."""
    ordered = sorted(mentions, key=lambda m: m.start)
    taken = [(m.start, m.end) for m in ordered]
    new: list = []

    def unknown_name(s: int, e: int) -> bool:
        name = text[s:e]
        words = re.split(r"[ -]", name)
        return (not any(a < e and s < b for a, b in taken)
                and not gazetteer.lookup(name)
                and all(zipf(w.lower().strip("’'")) < COMMON_WORD_ZIPF and not w.isupper() for w in words)
                and not re.search(r"\b(?:the|The)\s+$", text[max(0, s - 5):s])
                and not is_other_thing(s, e))

    def tie(s: int, e: int, regions: list[int], known_too: bool = True) -> None:
        same = next((m for m in ordered if m.start == s and m.end == e), None)
        if same is not None:
            if known_too and not same.context_entries:
                same.context_entries = list(regions)
                fall_back_to_region(same, gazetteer)
            return
        if unknown_name(s, e):
            mention = make_mention(s, e, text[s:e], [(r, False) for r in regions])
            mention.context_entries = list(regions)
            new.append(mention)
            taken.append((s, e))

    sentences: list = []
    for m in ordered:
        regions = region_entries(text, m, gazetteer)
        if not regions:
            continue
        # "had taken A, in the southeast corner of the X region"
        _tie_name_before(text, m, regions, start, tie)
        # "N villages in the X region. ... the recapture of A, B and C"
        if not _STATEMENT_BEFORE.search(text, max(start, m.start - 60), m.start):
            continue
        sentences = sentences or split_sentences(text, start, end)
        index = next((i for i, s in enumerate(sentences) if s.start <= m.start < s.end), None)
        if index is None:
            continue
        sentence = sentences[index]
        if not _SETTLEMENT_NOUNS.search(text, sentence.start, m.start):
            continue
        scopes = [(sentence.start, sentence.end)]
        if index + 1 < len(sentences) and sentences[index + 1].paragraph - sentence.paragraph <= 1:
            following = sentences[index + 1]
            if not any(following.start <= o.start < following.end and region_entries(text, o, gazetteer)
                       for o in ordered):
                scopes.append((following.start, following.end))
        for scope_start, scope_end in scopes:
            for listed in _LIST.finditer(text, scope_start, scope_end):
                if not _lower_word_before(text, listed.start()):
                    continue
                for item in _ITEM.finditer(text, listed.start(), listed.end()):
                    if item.start() <= m.start < item.end():
                        continue
                    tie(item.start(), item.end(), regions)
    return new


def _tie_name_before(text: str, region, regions: list[int], start: int, tie) -> None:
    """"had taken A, in the southeast corner of the X region": the name right before the statement."""
    window = text[max(start, region.start - 160):region.start]
    offset = region.start - len(window)
    for found in re.finditer(rf"(?<![\w’'-])({_NAME})(?={IN_STATED_REGION.pattern}$)", window):
        s, e = offset + found.start(1), offset + found.end(1)
        if _lower_word_before(text, s):
            tie(s, e, regions, known_too=False)  # a known name there is settled by the resolver's own rule
        return


def _lower_word_before(text: str, position: int) -> bool:
    """Whether the word before ``position`` is a lower-case word of the sentence (not a first name, title
    or the start of a sentence)."""
    before = re.search(r"([\w’'-]+)[ ]$", text[max(0, position - 40):position])
    return before is not None and before.group(1)[:1].islower()


TOWN_KEEPS_ITS_NAME = 60_000


def fall_back_to_region(m, gazetteer: Gazetteer) -> None:
    """"Mykilske, Kherson" when no Mykilske lies in Kherson region: the region, not a namesake far away."""
    regions = [c for c in m.context_entries if gazetteer.kind[c] == ADMIN1]
    countries = {gazetteer.country_of[r] for r in regions}
    if any(gazetteer.kind[c] in (ADMIN1, COUNTRY) and c not in regions and gazetteer.country_of[c] in countries
           for c, _ in m.candidates):
        return  # "in Lower Shabelle, in the Hiraan region": a region is listed beside another, not inside it
    inside = any(gazetteer.admin1_of[c] == gazetteer.admin1_of[r] for c, _ in m.candidates for r in regions)
    key = fold(m.text)
    # Only a town that bears the name itself ("Oleksandrivka" is also an old name of a city), and big
    # enough that a village namesake is unlikely ("near Fada N'Gourma" after a clause about another region).
    big = any(gazetteer.population[c] >= TOWN_KEEPS_ITS_NAME and fold(gazetteer.names[c]) == key for c, _ in m.candidates)
    if regions and not inside and not big:
        m.candidates = [(r, False) for r in regions]
