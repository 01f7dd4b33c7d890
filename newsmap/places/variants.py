"""Transliteration variants: names the gazetteer spells differently ("Deir al-Balah" for "Dayr al
Balah", "Nabatiyeh" for "An Nabatiyah", "Kfarshuba" for "Kfar Shouba", "Pétion-Ville" for
"Pétionville").

Only for capitalised names that matched nothing exactly, only among places of the countries the
article is about, and only where the name stands in a place slot or has several words; an exact
name always wins because exact matches are found first and never re-read here."""

from __future__ import annotations

import re
from functools import lru_cache

from newsmap.gazetteer import ADMIN_SUFFIX, ADMIN1, CITY, COUNTRY, OTHER, Gazetteer, fold, skeleton

_PARTICLE = r"(?:al|el|ad|aj|ash|as|at|ar|an|az|ed|es|de|du|la|le|ul)"
_NAME = re.compile(
    rf"(?<![\w’'-])(?:{_PARTICLE}[- ])?[A-Z][\w’'-]*[a-z][\w’'-]*"
    rf"(?:[ -](?:{_PARTICLE}[- ])?[A-Z][\w’'-]*[a-z][\w’'-]*){{0,2}}"
)
_SLOT_BEFORE = re.compile(
    r"\b(?:in|near|at|from|to|outside|around|into|of|town|city|village|camp|district|area|towns|villages)\s+(?:the\s+)?$",
    re.I,
)
_SLOT_AFTER = re.compile(
    r"^\s+(?:camp|refugee camp|district|region|governorate|province|area|neighbo(?:u)?rhood|village|town|"
    r"municipality|commune|township|state|county)\b",
    re.I,
)
# Where a misspelt name must stand to be read as a settlement: right after a locative word, no article.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around|(?:village|town|city|camp) of)\s+$", re.I)
_ARTICLE = re.compile(rf"^{_PARTICLE}[- ]", re.I)
_COMMON_OPENER = re.compile(r"^([A-Z][a-z]*) (?=[A-Z])")
MIN_RATIO = 80
_POSSESSIVE = re.compile(r"^.*[’']s ")
# Words that open a region's name ("Lower Shabelle", "Upper Nile") though common in English.
_POSITION_WORDS = frozenset(
    "north south east west northern southern eastern western central middle upper lower".split())
REGION_SKELETON_LETTERS = 5


# Arabic words that open place names ("Um Rawaba", "Abu Hamad", "Tel Rifaat") and look common to an
# English word list ("um", "tel").
_ARABIC_NAME_HEADS = frozenset("um umm abu ain tel".split())


def _comparable(name: str) -> str:
    return "".join(fold(_ARTICLE.sub("", name)).split())


def variant_candidates(surface: str, gazetteer: Gazetteer, countries: set[str],
                       in_slot: bool = False) -> list[tuple[int, bool]]:
    """Entries of ``countries`` whose name has the same skeleton as ``surface`` and a close spelling
    (for a region named in a place slot, the same long skeleton is enough)."""
    from rapidfuzz import fuzz

    wanted = _comparable(surface)
    found = []
    for entry in gazetteer.by_skeleton(surface):
        if gazetteer.country_code(entry) not in countries or gazetteer.kind[entry] == COUNTRY:
            continue
        name = gazetteer.names[entry]
        ratio = max(fuzz.ratio(wanted, _comparable(name)), fuzz.ratio(wanted, _comparable(ADMIN_SUFFIX.sub("", name))))
        if ratio >= MIN_RATIO or len(skeleton(surface)) >= 6 and ratio >= 70:
            found.append((entry, False))
        elif (in_slot and gazetteer.kind[entry] == ADMIN1 and len(skeleton(surface)) >= REGION_SKELETON_LETTERS
              and len(surface.split()) > 1):
            # A region's display name is often its local form ("Shabeele Dhexe Region") while the English
            # alias ("Middle Shabeelle") gave the skeleton: the regions of a country are few, so a long
            # shared skeleton of a name of several words is enough ("Middle Shabelle"; one word may be a
            # demonym, "Dagestani").
            found.append((entry, False))
    return found


# A one-word name in a place slot that spells a settlement of the article's countries with one letter
# dropped, doubled or swapped ("Tessali" for Tessalit): the skeleton differs, the spelling barely does.
MISSPELT_RATIO = 88
MISSPELT_MIN_LETTERS = 6


def misspelt_settlement(surface: str, gazetteer: Gazetteer, countries: set[str]) -> list[tuple[int, bool]]:
    """The settlement of ``countries`` whose main name is closest in spelling to ``surface``, if close."""
    from rapidfuzz import fuzz, process

    key = fold(surface)
    if len(key) < MISSPELT_MIN_LETTERS:
        return []
    choices = [item for iso in sorted(countries) for item in _settlements_by_initial(gazetteer, iso).get(key[0], ())]
    best = process.extractOne(key, [name for name, _ in choices], scorer=fuzz.ratio, score_cutoff=MISSPELT_RATIO)
    if best is None or key.rstrip("s") == best[0].rstrip("s"):
        return []  # a plural or possessive of a name ("the Smiths'") is not a misspelling of it
    return [(choices[best[2]][1], False)]


def _settlements_by_initial(gazetteer: Gazetteer, iso: str) -> dict[str, list[tuple[str, int]]]:
    """A country's settlements by the first letter of their folded main name, built for the countries
    articles ask about only (all of them at once would hold every settlement name in memory)."""
    names = getattr(gazetteer, "_settlement_names", None)
    if names is None:
        names = gazetteer._settlement_names = {}  # type: ignore[attr-defined]
    if iso not in names:
        table: dict[str, list[tuple[str, int]]] = {}
        for index in gazetteer.cities_by_country.get(iso, ()):
            name = gazetteer.folded_name(index)
            if name:
                table.setdefault(name[0], []).append((name, index))
        names[iso] = table
    return names[iso]


# "called by its Soviet-era name, A", "its former name, A": the names that follow are old names.
OLD_NAMES_CUE = re.compile(
    r"\b(?:Soviet-era|Soviet|former|old|older|earlier|previous|pre-war|colonial|imperial|historic(?:al)?)\s+"
    r"names?\s*,?\s+(?:of\s+)?",
    re.I,
)
_OLD_NAME_LIST = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?(?:(?:,? and |,? or |, )[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)*")
_OLD_NAME_ITEM = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?")


def old_name_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the names the text calls old names of places ("its former name, A")."""
    spans = []
    for cue in OLD_NAMES_CUE.finditer(text, start, end):
        listed = _OLD_NAME_LIST.match(text, cue.end(), end)
        if listed:
            spans += [item.span() for item in _OLD_NAME_ITEM.finditer(text, listed.start(), listed.end())]
    return spans


def old_name_candidates(surface: str, gazetteer: Gazetteer, countries: set[str]) -> list[tuple[int, bool]]:
    """Settlements of ``countries`` that have borne ``surface`` (an alternate name spelt alike) and are now
    called otherwise: an old name is not the name of a place that still bears it."""
    own = skeleton(surface)
    return [(entry, False) for entry in gazetteer.by_skeleton(surface)
            if gazetteer.kind[entry] == CITY and gazetteer.country_code(entry) in countries
            and skeleton(gazetteer.names[entry]) != own]


def article_countries(mentions, gazetteer: Gazetteer, adjectives: set[str]) -> set[str]:
    """Countries the article is about: named countries, regions, big cities and national adjectives."""
    countries = set(adjectives)
    for m in mentions:
        if m.role == "dateline" and m.candidates:
            # "GAZA CITY (AP) —": a story is filed from a city of its country, read by the biggest place of the name
            countries.add(gazetteer.country_code(max(m.candidates, key=lambda c: gazetteer.population[c[0]])[0]))
        for entry, primary in m.candidates:
            kind = gazetteer.kind[entry]
            if kind == COUNTRY or (primary and (kind in (ADMIN1, OTHER) or gazetteer.population[entry] >= 200_000)):
                code = gazetteer.country_code(entry)
                if code:
                    countries.add(code)
    return countries


def _named_only_by_abbreviation(found, gazetteer: Gazetteer) -> set[str]:
    """Countries the article names only as "U.S." or "UK": in foreign news that is an actor ("U.S.
    forces"), not where the story is set, so its villages are no reading of a misspelt name."""
    abbreviated, otherwise = set(), set()
    for m in found:
        short = len(m.text.replace(".", "")) <= 3 and m.text.replace(".", "").isupper()
        for entry, primary in m.candidates:
            if gazetteer.kind[entry] == COUNTRY and short:
                abbreviated.add(gazetteer.country_code(entry))
            elif gazetteer.kind[entry] == COUNTRY or primary and (
                    gazetteer.kind[entry] in (ADMIN1, OTHER) or gazetteer.population[entry] >= 200_000):
                otherwise.add(gazetteer.country_code(entry))
    return abbreviated - otherwise


def variant_mentions(text: str, found, gazetteer: Gazetteer, start: int, end: int, countries: set[str],
                     zipf, make_mention) -> list:
    """Mentions for unmatched capitalised names that spell a place of ``countries`` differently."""
    if not countries:
        return []
    covered = bytearray(end - start + 1)
    for m in found:
        covered[m.start - start:m.end - start] = b"\x01" * (m.end - m.start)
    settled = countries - _named_only_by_abbreviation(found, gazetteer)
    extra = []
    for hit in _NAME.finditer(text, start, end):
        s, e = hit.span()
        surface = hit.group()
        opener = _COMMON_OPENER.match(surface)
        if (opener and zipf(opener.group(1).lower()) >= 3.5 and not _ARTICLE.match(opener.group())
                and opener.group(1).lower() not in _POSITION_WORDS | _ARABIC_NAME_HEADS):
            # "In Deir al-Balah, ...": a sentence's capitalised first word is no part of the name after it
            s, surface = s + opener.end(), surface[opener.end():]
        possessive = _POSSESSIVE.search(surface)
        if possessive:  # "Somalia's Middle Shabelle": the name is what the possessive qualifies
            s, surface = s + possessive.end(), surface[possessive.end():]
        words = re.split(r"[ -]", surface)
        proper = [w for w in words if w[:1].isupper() and not _ARTICLE.match(w + " ")]
        if any(covered[s - start:e - start]) and not (len(proper) >= 2 and _only_parts_covered(found, s, e)):
            continue
        if any(zipf(w.lower().strip("’'")) >= 3.5 for w in proper
               if not (w.lower() in _POSITION_WORDS | _ARABIC_NAME_HEADS and len(proper) > 1)):
            continue
        # A common position word let through ("Lower Shabelle") may only open a region's name.
        regions_only = any(zipf(w.lower()) >= 3.5 for w in proper if w.lower() in _POSITION_WORDS)
        slot = bool(_SLOT_BEFORE.search(text[max(start, s - 30):s]) or _SLOT_AFTER.match(text[e:e + 30]))
        if not slot and len(proper) < 2:
            continue
        candidates = variant_candidates(surface, gazetteer, settled, slot)
        if regions_only:
            candidates = [(c, p) for c, p in candidates if gazetteer.kind[c] in (ADMIN1, OTHER)]
        if not candidates and len(words) == 1 and _LOCATIVE_BEFORE.search(text[max(start, s - 30):s]):
            candidates = misspelt_settlement(surface, gazetteer, settled)
        if candidates and all(gazetteer.kind[c] in (CITY, ADMIN1, OTHER) for c, _ in candidates):
            extra.append(make_mention(s, e, surface, candidates))
    return extra


def _only_parts_covered(found, s: int, e: int) -> bool:
    """"Debre Markos" where only its words matched names ("Debre", "Markos"): the found names lie inside
    the longer one and none is all of it, so the longer name may still be a place spelt otherwise."""
    inside = [m for m in found if m.start < e and s < m.end]
    return all(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for m in inside)


_HYPHENATED = re.compile(r"(?<![\w’'-])[A-Z][^\W\d_]+(?:-[A-Za-z][^\W\d_]*)+(?![\w-])")


def hyphenated_names(text: str, found, gazetteer: Gazetteer, start: int, end: int, make_mention) -> tuple[list, list]:
    """"Pétion-Ville" written for "Pétionville": a hyphenated capitalised word whose joined spelling
    is a place is that one place, and the matches of its parts ("Ville") go.

    Returns the new mentions and the mentions they replace."""
    extra, replaced = [], []
    for hit in _HYPHENATED.finditer(text, start, end):
        s, e = hit.span()
        inside = [m for m in found if s <= m.start and m.end <= e]
        if any(m.start == s and m.end == e for m in inside):
            continue
        candidates = gazetteer.lookup(hit.group().replace("-", ""))
        if candidates:
            extra.append(make_mention(s, e, hit.group(), candidates))
            replaced += inside
    return extra, replaced


@lru_cache(maxsize=1)
def _compass_names() -> dict[str, str]:
    from newsmap.places.not_places import DATA, _rows

    return {english.lower(): row["french"] for row in _rows(DATA / "compass_names.tsv")
            for english in row["english"].split("|")}


@lru_cache(maxsize=1)
def _compass_region() -> re.Pattern[str]:
    words = sorted(_compass_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w’'-])(" + "|".join(re.escape(w) for w in words) + r")[ -](region|department|province)\b",
                      re.I)


def compass_regions(text: str, found, gazetteer: Gazetteer, start: int, end: int, countries: set[str],
                    make_mention) -> tuple[list, list]:
    """"Burkina Faso's East region", "Haiti's North department": regions officially named in French
    ("Est", "Nord") that English copy names by the English compass word. Read as the French-named
    region of the article's countries when one exists; the English namesakes abroad (Cameroon's
    "East Region") are no reading then.

    Returns the new mentions and the mentions they replace."""
    if not countries:
        return [], []
    extra, replaced = [], []
    for hit in _compass_region().finditer(text, start, end):
        english = hit.group(1)
        if not english[:1].isupper():
            continue
        french = _compass_names().get(english.lower())
        candidates = [(c, p) for c, p in gazetteer.lookup(f"{french} {hit.group(2)}")
                      if gazetteer.kind[c] == ADMIN1 and gazetteer.country_code(c) in countries]
        if not candidates:
            continue
        s, e = hit.span()
        inside = [m for m in found if m.start < e and s < m.end]
        if any(m.start < s or m.end > e for m in inside):
            continue  # part of a longer name
        extra.append(make_mention(s, e, hit.group(), candidates))
        replaced += inside
    return extra, replaced


@lru_cache(maxsize=1)
def _exonyms() -> tuple[tuple[str, str, str], ...]:
    from newsmap.places.not_places import DATA, _rows

    return tuple((row["exonym"], row["country"], row["admin1"]) for row in _rows(DATA / "region_exonyms.tsv"))


@lru_cache(maxsize=1)
def _exonym_pattern() -> re.Pattern[str]:
    names = sorted({exonym for exonym, _, _ in _exonyms()}, key=len, reverse=True)
    # "Karen State" is also written "Karen state".
    alternatives = "|".join(re.escape(n[:-len(n.split()[-1])]) + f"(?i:{re.escape(n.split()[-1])})" if " " in n
                            else re.escape(n) for n in names)
    return re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'-])")


def region_exonyms(text: str, found, gazetteer: Gazetteer, start: int, end: int, make_mention) -> tuple[list, list]:
    """Regions named by an English name the gazetteer lacks ("Karen State", "South Lebanon";
    ``newsmap/data/region_exonyms.tsv``). Returns the new mentions and the mentions they replace."""
    extra, replaced = [], []
    by_name = {fold(exonym): (country, admin1) for exonym, country, admin1 in _exonyms()}
    for hit in _exonym_pattern().finditer(text, start, end):
        country, admin1 = by_name[fold(hit.group())]
        candidates = [(c, True) for c, _ in gazetteer.lookup(admin1)
                      if gazetteer.kind[c] == ADMIN1 and gazetteer.country_code(c) == country]
        s, e = hit.span()
        inside = [m for m in found if m.start < e and s < m.end]
        if not candidates or any(m.start < s or m.end > e for m in inside):
            continue
        extra.append(make_mention(s, e, hit.group(), candidates))
        replaced += inside
    return extra, replaced
