"""The gazetteer at run time: loads (or builds) the cached index and answers lookups by name, token
stream, skeleton and free-text query."""

from __future__ import annotations

import bisect
import math
import os
import pickle
import tempfile
from array import array
from pathlib import Path
from typing import Iterable

from newsmap.errors import NewsmapError
from newsmap.gazetteer.cache import FORMAT_VERSION, cache_path
from newsmap.gazetteer.entries import ADMIN1, CITY, COUNTRY, KIND_NAMES, OTHER
from newsmap.gazetteer.geometry import distance_km
from newsmap.gazetteer.index import _compile
from newsmap.gazetteer.names import _DIGITS_PER_WORD, TextToken, encode_ids, fold_tokens, skeleton
from newsmap.gazetteer.sources import _collect_entries
from newsmap.records import Location


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
        self._folded_text: str = data["folded_names"]
        self._folded_names: list[str] | None = None
        self._fuzzy_text: dict[str, str] = data["fuzzy_names"]
        self._fuzzy_names: dict[str, list[str]] = {}
        self.cities_by_country: dict[str, array] = data["cities_by_country"]
        self.cities_by_region: dict[int, array] = data["cities_by_region"]
        self.major_entries: array = data["major_entries"]
        self.region_and_country_entries: array = data["region_and_country_entries"]
        self.continent_entries: array = data["continent_entries"]

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

    def common_english_words(self, count: int) -> frozenset[str]:
        """The ``count`` commonest English words (wordfreq's list, stored when the cache was built)."""
        return frozenset(self._english_words.split("\n", count)[:count])

    # -- entries

    def __len__(self) -> int:
        return len(self.geonameid)

    def folded_name(self, index: int) -> str:
        """The entry's main name folded (``fold``), as every spelling comparison wants it."""
        if self._folded_names is None:
            self._folded_names = self._folded_text.split("\n")
        return self._folded_names[index]

    def fuzzy_names(self, initial: str) -> list[str]:
        """Folded names starting with ``initial``, sorted: every entry's but hamlets' (under 1,000 people)."""
        names = self._fuzzy_names.get(initial)
        if names is None:
            text = self._fuzzy_text.get(initial)
            names = self._fuzzy_names[initial] = text.split("\n") if text else []
        return names

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
