"""The build's entry (one place with all its names) and the packaged data files it is read from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from newsmap.errors import NewsmapError
from newsmap.records import FeatureClass


CITY, ADMIN1, COUNTRY, OTHER = 0, 1, 2, 3
KIND_NAMES: tuple[FeatureClass, ...] = ("city", "admin1", "country", "other")


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
