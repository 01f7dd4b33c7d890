"""Words that stand for a place without being its name: national adjectives and demonyms
("Ukrainian", "Lebanese" -> the country, "European" -> the continent), abbreviations ("Ky.", "W.Va.",
"BC"), and whether a country is written the way the text writes it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsmap.gazetteer import ADMIN1, COUNTRY, Gazetteer, fold, fold_tokens
from newsmap.places.not_places import DATA, _rows


def national_adjective_country(word: str, gazetteer: Gazetteer) -> str | None:
    """ISO code of the country a national adjective or demonym points to ("Ukrainian", "Lebanese",
    "Russians" -> UA, LB, RU), else None."""
    entry = adjective_entry(word, gazetteer)
    if entry is None or gazetteer.kind[entry] != COUNTRY:
        return None
    return gazetteer.country_code(entry)


def adjective_entry(word: str, gazetteer: Gazetteer) -> int | None:
    """The country or continent a demonym/adjective names ("Ukrainian", "European"), else None.

    Derived from the names themselves: the word must share the name's stem (all but at most its last
    two letters) and add a short ending."""
    cache = gazetteer.__dict__.setdefault("_adjective_cache", {})
    if word not in cache:
        if len(cache) > 50_000:
            cache.clear()
        key = fold(word).replace(" ", "")
        cache[word] = next(
            (hit for index in _adjective_index(gazetteer) if (hit := _adjective_lookup(index, key)) is not None), None
        )
        if cache[word] is None and word[:1].isupper():
            iso = gazetteer.language_adjectives.get(key) or (
                gazetteer.language_adjectives.get(key[:-1]) if key.endswith("s") and len(key) > 4 else None)
            cache[word] = gazetteer.country_entry(iso) if iso else None  # "French", "Greeks"
    return cache[word]


@lru_cache(maxsize=1)
def ethnonyms() -> frozenset[str]:
    """Names of peoples and faiths that gazetteers also list as places (``newsmap/data/ethnonyms.tsv``)."""
    return frozenset(row["word"] for row in _rows(DATA / "ethnonyms.tsv"))


# "Arab militias", "Hausa farmers", "Arab-led forces": the word qualifies the lower-case noun after it.
_QUALIFIED_NOUN = re.compile(r"(?:[ \u00a0]|-)(?P<noun>[a-z]+)\b")
# "the Afar region": the people's name then names their region.
_OWN_REGION_NOUNS = frozenset("region province state governorate district zone oblast".split())


def qualifies_a_noun(text: str, m, others, gazetteer: Gazetteer) -> bool:
    """Whether a lone match that is also the name of a people or faith ("Arab", "Christian", "Hausa")
    only describes the noun after it ("Arab states", "Christian villages", "Hausa farmers") rather than
    naming a place. A match that names a first-level region or country ("Kachin fighters", "Shan
    State") stays, and so does the town when the text names its region or another place that can only
    lie there ("Arab police" beside "Alabama" or "Guntersville")."""
    if m.text not in ethnonyms():
        return False
    after = _QUALIFIED_NOUN.match(text, m.end)
    if after is None or after.group("noun") in _OWN_REGION_NOUNS:
        return False
    if any(gazetteer.kind[c] in (COUNTRY, ADMIN1) and primary for c, primary in m.candidates):
        return False
    regions = {r for c, _ in m.candidates if (r := gazetteer.admin1_entry_of(c)) is not None}
    for o in others:
        if o.text == m.text or not o.candidates:
            continue
        if any(c in regions for c, _ in o.candidates):
            return False  # the region itself
        if all(gazetteer.admin1_entry_of(c) in regions for c, _ in o.candidates):
            return False  # a place that can only lie in that region
    return True


_DEMONYM_ENDINGS = frozenset("n an ian ean ese ish i ic iot ot ite er".split())


def _adjective_lookup(index: dict[str, tuple[int, int]], key: str) -> int | None:
    for candidate in (key, key[:-1] if key.endswith("s") else None):
        if not candidate or len(candidate) < 4:
            continue
        for k in range(len(candidate), 3, -1):
            hit = index.get(candidate[:k])
            if hit is None:
                continue
            entry, name_length = hit
            rest = candidate[k:]
            if rest in _DEMONYM_ENDINGS and k >= name_length - (3 if rest in ("ish", "ese", "ian") else 2):
                return entry  # "Ukrain|ian", "Leban|ese", "Brit|ish", "Israel|i"
            if not rest and k >= max(5, name_length - 2):
                return entry  # "Czech" (Czechia)
    return None


def _adjective_index(gazetteer: Gazetteer) -> tuple[dict[str, tuple[int, int]], ...]:
    cached = getattr(gazetteer, "_adjective_index", None)
    if cached is not None:
        return cached
    single: dict[str, set[int]] = {}
    continents: dict[str, set[int]] = {}
    edge_words: dict[str, set[int]] = {}
    for iso, names in gazetteer.country_names.items():
        entry = gazetteer.country_entry(iso)
        if entry is None:
            continue
        for name in names:
            if any(ch in name for ch in "(),"):
                continue  # "Samoa (American)", "Korea, Republic of": not a name as written in text
            words = fold(name).split()
            if len(words) == 1:
                single.setdefault(words[0], set()).add(entry)
            elif len(words) > 1:
                edge_words.setdefault(words[-1], set()).add(entry)
    for entry in gazetteer.continent_entries:
        words = fold(gazetteer.names[entry]).split()
        if len(words) == 1:
            continents.setdefault(words[0], set()).add(entry)
    indexes: list[dict[str, tuple[int, int]]] = []
    for table in (single, continents, edge_words):
        index: dict[str, tuple[int, int]] = {}
        indexes.append(index)
        for word, entries in table.items():
            if len(entries) != 1 or len(word) < 4:
                continue  # "Guinea", "Islands", "Republic": shared by several countries
            entry = next(iter(entries))
            for k in range(max(4, len(word) - 3), len(word) + 1):
                index.setdefault(word[:k], (entry, len(word)))
    result = tuple(indexes)
    gazetteer._adjective_index = result  # type: ignore[attr-defined]
    return result


def abbreviation_candidates(surface: str, gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    """Regions an abbreviation can stand for ("Ky." Kentucky, "W.Va." West Virginia, "BC" British
    Columbia, "SA" South Africa, "EU" Europe): admin-1 regions, countries and continents."""
    tokens = fold_tokens(surface)
    if not tokens or len("".join(tokens)) > 5 or not ("." in surface or "&" in surface or surface.isupper()):
        return []
    table = getattr(gazetteer, "_abbreviable", None)
    if table is None:
        table = []
        for index in sorted((*gazetteer.region_and_country_entries, *gazetteer.continent_entries)):
            words = [w for w in gazetteer.folded_name(index).split() if w not in ("of", "the", "state", "and")]
            table.append((index, words))
        gazetteer._abbreviable = table  # type: ignore[attr-defined]

    def abbreviates(token: str, word: str) -> bool:
        if not word.startswith(token[0]):
            return False
        rest = iter(word[1:])
        return all(ch in rest for ch in token[1:])

    dotted = "." in surface and not surface.replace(".", "").replace(" ", "").isupper()
    by_initial = getattr(gazetteer, "_abbreviable_by_initial", None)
    if by_initial is None:
        by_initial = {}
        for entry, words in table:
            if words:
                by_initial.setdefault(words[0][0], []).append((entry, words))
        gazetteer._abbreviable_by_initial = by_initial  # type: ignore[attr-defined]
    found = []
    for entry, words in by_initial.get(tokens[0][0], ()):
        if dotted and gazetteer.kind[entry] == COUNTRY:
            continue  # "Ind.", "Kan.": news style abbreviates states and provinces, not countries
        if len(tokens) == len(words) and all(abbreviates(t, w) for t, w in zip(tokens, words)):
            if len(tokens) == 1 and "." not in surface and not words[0].startswith(tokens[0][:2]):
                continue  # bare capitals ("EU") begin the name they stand for: not Ecuador's "E…u"
            if len(tokens) > 1 or len(tokens[0]) >= 2:
                found.append((entry, False))
        elif len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) == len(words) > 1 and surface.isupper():
            if all(w.startswith(ch) for ch, w in zip(tokens[0], words)):
                found.append((entry, False))  # initials: "BC", "SA"
    return found


def _country_written_as(gazetteer: Gazetteer, entry: int, surface: str) -> bool:
    key = fold(surface)
    return any(fold(name) == key for name in gazetteer.country_names.get(gazetteer.country_code(entry), ())
               if not name.replace(".", "").replace(" ", "").isupper())
