"""The compiled index pickled in the cache: a token-sequence automaton over every name, compact
per-entry arrays, skeletons, English word frequencies and national adjectives."""

from __future__ import annotations

from array import array
from collections import defaultdict

from newsmap.gazetteer.cache import FORMAT_VERSION
from newsmap.gazetteer.entries import ADMIN1, COUNTRY, _Entry
from newsmap.gazetteer.names import ADMIN_SUFFIX, encode_ids, fold, fold_tokens, skeleton, usable_name
from newsmap.gazetteer.regions import _admin1_centres
from newsmap.gazetteer.selections import selections


ATTRIBUTION = "Place data: GeoNames (https://www.geonames.org/), CC BY 4.0"

ENGLISH_WORDS = 60_000


def _english_frequencies() -> tuple[list[str], list[int]]:
    """The commonest English words with their Zipf frequency (x10, one byte each), from wordfreq.

    Stored in the cache so that recognising places needs no wordfreq import at run time (start-up);
    a word outside the list is rarer than Zipf ~2.4, below every threshold the recogniser uses."""
    from wordfreq import top_n_list, zipf_frequency

    words = [w for w in top_n_list("en", ENGLISH_WORDS) if "\n" not in w]
    return words, [min(255, round(zipf_frequency(w, "en") * 10)) for w in words]


def _language_adjectives(country_names: dict[str, list[str]]) -> dict[str, str]:
    """National adjectives that are language names ("French", "Irish", "Greek", "Korean") -> ISO2.

    From Unicode CLDR via Babel: a language's English name maps to the territory CLDR deems most
    likely for it, when that country's own name starts like the adjective ("Fr-ench"/"Fr-ance") —
    so "English" (likely US), "Kurdish" (TR) or "Portuguese" (BR) stay out rather than mislead."""
    try:
        from babel import Locale
        from babel.core import get_global
    except ImportError:  # optional source: without it only names' own derivations apply
        return {}
    likely = get_global("likely_subtags")
    table: dict[str, str] = {}
    for code, name in Locale("en").languages.items():
        if "_" in code or " " in name or not name.isalpha() or len(name) < 4:
            continue
        territory = (likely.get(code) or "").split("_")[-1]
        names = country_names.get(territory, ())
        if any(fold(n)[:2] == fold(name)[:2] for n in names):
            table[fold(name)] = territory
    return table


def _compile(entries: list[_Entry]) -> dict:
    import ahocorasick

    admin1_names = {e.admin1_code: e.name for e in entries if e.kind == ADMIN1}
    countries = sorted({e.country for e in entries})
    country_index = {c: i for i, c in enumerate(countries)}
    admin1_codes = sorted({e.admin1_code for e in entries if e.admin1_code})
    admin1_index = {c: i for i, c in enumerate(admin1_codes)}

    country_names: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.kind == COUNTRY:
            for name, _ in entry.names:
                if usable_name(name) and name not in country_names[entry.country]:
                    country_names[entry.country].append(name)

    # folded key -> entry codes (entry index * 2 + primary); compact, since this is the build's peak
    keyed: dict[str, list[int]] = defaultdict(list)
    not_acronym: set[str] = set()
    skeletons: dict[str, set[int]] = defaultdict(set)
    for index, entry in enumerate(entries):
        if entry.kind != COUNTRY:
            for name, _ in entry.names:
                if usable_name(name) and len(name) >= 5:
                    key = skeleton(name)
                    if len(key) >= 3:
                        skeletons[key].add(index)
                    stem = ADMIN_SUFFIX.sub("", name) if entry.kind == ADMIN1 else name
                    if stem != name and len(skeleton(stem)) >= 3:
                        skeletons[skeleton(stem)].add(index)  # "As Sharqiyah state" spells "Ash Sharqiyah State"
        for name, primary in entry.names:
            is_acronym = entry.kind == COUNTRY and name.replace(".", "").isupper()
            if not usable_name(name, acronym_ok=is_acronym):
                continue
            key = " ".join(fold_tokens(name))
            if not key:
                continue
            keyed[key].append(index * 2 + (1 if primary else 0))
            if not is_acronym:
                not_acronym.add(key)
        entry.names = []  # no longer needed: free them as we go

    vocab: dict[str, int] = {}
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS, ahocorasick.KEY_SEQUENCE)
    key_list = sorted(keyed)
    name_offsets = array("I", [0])
    name_entries = array("I")
    name_primary = array("B")
    name_lengths = array("B")
    name_acronym = array("B")
    for key_index, key in enumerate(key_list):
        tokens = key.split(" ")
        ids = [vocab.setdefault(token, len(vocab) + 1) for token in tokens]
        automaton.add_word(encode_ids(ids), key_index)
        best: dict[int, int] = {}
        for code in keyed.pop(key):
            best[code >> 1] = max(best.get(code >> 1, 0), code & 1)
        for entry_index in sorted(best):
            name_entries.append(entry_index)
            name_primary.append(best[entry_index])
        name_offsets.append(len(name_entries))
        name_lengths.append(min(len(tokens), 255))
        name_acronym.append(0 if key in not_acronym else 1)
    automaton.make_automaton()

    country_entries: dict[str, int] = {}
    admin1_entries: dict[int, int] = {}
    for index, entry in enumerate(entries):
        if entry.kind == COUNTRY:
            country_entries[entry.country] = index
        elif entry.kind == ADMIN1 and entry.admin1_code:
            admin1_entries[admin1_index[entry.admin1_code]] = index
    words, zipfs = _english_frequencies()
    admin1_centres = _admin1_centres(entries)
    return {
        **selections(entries, admin1_index),
        "admin1_centres": admin1_centres,
        "format": FORMAT_VERSION,
        "english_words": "\n".join(words),
        "english_zipf": bytes(zipfs),
        "country_names": dict(country_names),
        "language_adjectives": _language_adjectives(country_names),
        "country_entries": country_entries,
        "admin1_entries": admin1_entries,
        "attribution": ATTRIBUTION,
        "geonameid": array("q", (e.geonameid for e in entries)),
        "lat": array("d", (e.lat for e in entries)),
        "lon": array("d", (e.lon for e in entries)),
        "population": array("q", (e.population for e in entries)),
        "kind": array("B", (e.kind for e in entries)),
        "capital": bytes(1 if e.capital else 0 for e in entries),
        "country": array("H", (country_index[e.country] for e in entries)),
        "admin1": array("i", (admin1_index[e.admin1_code] if e.admin1_code else -1 for e in entries)),
        "names": "\n".join(e.name.replace("\n", " ") for e in entries),
        "countries": "\n".join(countries),
        "admin1_codes": "\n".join(admin1_codes),
        "admin1_names": "\n".join(admin1_names.get(c, "") for c in admin1_codes),
        "vocab": "\n".join(vocab),
        "name_offsets": name_offsets,
        "name_entries": name_entries,
        "name_primary": name_primary,
        "name_lengths": name_lengths,
        "name_acronym": name_acronym,
        "automaton": automaton,
        "skeletons": "\n".join(f"{key}\t{','.join(map(str, sorted(found)))}" for key, found in sorted(skeletons.items())),
    }
