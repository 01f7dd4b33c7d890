"""Names the gazetteer spells differently, found by edit ratio: rare capitalised words in a place slot
that spell a region, country or big city otherwise ("Kharkov"), and names qualified by a region
matched against that region's settlements only.
"""

from __future__ import annotations

import re

from newsmap.gazetteer import ADMIN1, CITY, Gazetteer, fold
from newsmap.places.adjectives import adjective_entry
from newsmap.places.context import (
    REGION_WORDS, _CALENDAR_WORDS, _continues_list, _words_after, _words_before, _zipf,
)
from newsmap.places.mention import Mention


_UNKNOWN_WORD = re.compile(r"[A-Z][a-z’'-]{5,}")


def _variant_spellings(text: str, found: list[Mention], gazetteer: Gazetteer, start: int, end: int,
                       countries: set[str] = frozenset()) -> list[Mention]:
    """Rare capitalised words in a place slot that spell a major place differently ("Zaporizhia" for
    Zaporizhzhia, "Kharkov"): matched by edit ratio against regions, countries and big cities only.

    A place slot: right after "<Capitalised name>, ", or before "region"/"oblast", or after "in"/"near"/"at".
    A big city abroad is no reading of a misspelt name when the article's ``countries`` are known and
    exclude it: a village of those countries spelt alike is likelier (searched later, by country)."""
    covered = bytearray(end - start + 1)
    for m in found:
        covered[m.start - start:m.end - start] = b"\x01" * (m.end - m.start)
    extra: list[Mention] = []
    for hit in _UNKNOWN_WORD.finditer(text, start, end):
        s, e = hit.span()
        if covered[s - start] or (e < len(text) and (text[e].isalnum() or text[e] == "-")):
            continue
        word = hit.group()
        if gazetteer.lookup(word) or _zipf(word.lower()) >= 3.0 or adjective_entry(word, gazetteer) is not None:
            continue
        prev = _words_before(text, s, 1)
        after = _words_after(text, e, 1)
        after_comma = text[s - 2:s] == ", " and re.search(r"[A-Z][\w’'-]*$", text[max(0, s - 40):s - 2]) is not None
        slot = after_comma or (after and after[0].lower() in REGION_WORDS) or (
            prev and prev[0].lower() in ("in", "near", "at", "outside", "around")
        )
        if not slot:
            continue
        candidates = _fuzzy_candidates(word, gazetteer, major_only=True)
        if countries:
            candidates = [(c, p) for c, p in candidates
                          if gazetteer.kind[c] != CITY or gazetteer.country_code(c) in countries]
        if candidates:
            extra.append(Mention(s, e, word, candidates))
    return extra


_BEFORE_COMMA = re.compile(r"(?:^|[^\w’'-])([A-Z][\w’'-]{3,}(?:[ -][A-Z][\w’'-]+)?), $")


def _variants_inside_region(text: str, found: list[Mention], gazetteer: Gazetteer, start: int) -> list[Mention]:
    """"Scherbynivka, Donetsk": a name the gazetteer lacks, qualified by a region, is matched by
    spelling (edit ratio) against the settlements of that region only — transliterations of small
    places vary ("Shch"/"Sch", "-ne"/"-na") and the region keeps the search small and safe."""
    extra: list[Mention] = []
    covered = {(m.start, m.end) for m in found}
    ends = {m.end for m in found}
    for m in found:
        regions = {gazetteer.admin1_of[c] for c, _ in m.candidates if gazetteer.kind[c] == ADMIN1}
        if not regions or _continues_list(text, m):
            continue
        hit = _BEFORE_COMMA.search(text, max(start, m.start - 60), m.start)
        if not hit or hit.end(1) in ends:
            continue
        word = hit.group(1)
        if gazetteer.lookup(word) or _zipf(word.lower()) >= 3.0 or word.lower() in _CALENDAR_WORDS:
            continue
        candidates = _settlement_by_spelling(word, regions, gazetteer)
        if candidates and (hit.start(1), hit.end(1)) not in covered:
            extra.append(Mention(hit.start(1), hit.end(1), word, candidates))
    return extra


def _settlement_by_spelling(word: str, regions: set[int], gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    from rapidfuzz import fuzz, process

    key = fold(word)
    entries = [e for r in regions for e in gazetteer.cities_by_region.get(r, ())]
    names = [gazetteer.folded_name(e) for e in entries]
    best = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=SPELLING_RATIO)
    return [(entries[best[2]], True)] if best else []


SPELLING_RATIO = 88


def _fuzzy_candidates(surface: str, gazetteer: Gazetteer, major_only: bool = False) -> list[tuple[int, bool]]:
    """Spelling and transliteration variants ("Kharkov"/"Kharkiv"): nearest names by edit ratio."""
    from rapidfuzz import fuzz, process

    key = fold(surface)
    if len(key) < 4:
        return []
    if major_only:
        choices = _major_names(gazetteer).get(key[0], [])
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=90)
    else:
        choices = _fuzzy_choices(gazetteer, key[0])
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=88)
    return gazetteer.lookup(best[0]) if best else []


def _major_names(gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Folded names of admin-1 regions (and their short forms), countries and cities over 50,000."""
    table = getattr(gazetteer, "_major_names", None)
    if table is None:
        names: dict[str, set[str]] = {}
        for index in gazetteer.major_entries:
            forms = {gazetteer.folded_name(index)}
            words = gazetteer.names[index].split()
            if gazetteer.kind[index] == ADMIN1 and len(words) > 1 and fold(words[-1]) in REGION_WORDS | {"oblast", "krai", "kray"}:
                forms.add(fold(" ".join(words[:-1])))
            for folded in forms:
                if folded:
                    names.setdefault(folded[0], set()).add(folded)
        table = {k: sorted(v) for k, v in names.items()}
        gazetteer._major_names = table  # type: ignore[attr-defined]
    return table


def _fuzzy_choices(gazetteer: Gazetteer, initial: str) -> list[str]:
    return gazetteer.fuzzy_names(initial)
