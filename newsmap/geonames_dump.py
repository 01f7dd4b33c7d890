"""GeoNames country dumps (``UA.zip``, ``SD.zip``, ``allCountries.zip``) that a user downloaded.

The packaged gazetteer (``cities500``) lacks most villages, camps and hamlets under 500 people,
where much of the fighting is. ``python -m newsmap gazetteer import XX.zip`` checks a dump, keeps a
copy in the cache folder and rebuilds the gazetteer with its settlements (feature class P) and
camps (S.CMP, S.CMPRF). Nothing is downloaded: the user brings the file.

Format (https://download.geonames.org/export/dump/readme.txt): tab-separated, 19 columns —
geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code,
country code, cc2, admin1 code, admin2, admin3, admin4, population, elevation, dem, timezone,
modification date.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from newsmap.errors import InputError

COLUMNS = 19
KEPT_CODES = frozenset({"CMP", "CMPRF", "CMPQ"})


@dataclass(frozen=True)
class DumpPlace:
    geonameid: int
    name: str
    alternatenames: tuple[str, ...]
    latitude: float
    longitude: float
    country: str
    admin1: str
    population: int


def _lines(path: Path) -> Iterator[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            if not members:
                raise InputError(f"{path.name}: the zip holds no GeoNames .txt dump")
            for member in members:
                with archive.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def read_dump(path: str | Path) -> Iterator[DumpPlace]:
    """Settlements and camps of a GeoNames dump; a malformed file is an InputError naming it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        for number, line in enumerate(_lines(path), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != COLUMNS:
                raise InputError(f"{path.name}: line {number} has {len(cols)} columns, not a GeoNames dump ({COLUMNS})")
            if cols[6] != "P" and cols[7] not in KEPT_CODES:
                continue
            try:
                place = DumpPlace(int(cols[0]), cols[1], tuple(a for a in cols[3].split(",") if a),
                                  float(cols[4]), float(cols[5]), cols[8], cols[10], int(cols[14] or 0))
            except ValueError:
                raise InputError(f"{path.name}: line {number} is not a GeoNames row (bad number)") from None
            if not (-90 <= place.latitude <= 90 and -180 <= place.longitude <= 180):
                raise InputError(f"{path.name}: line {number} has coordinates out of range")
            yield place
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text") from None
    except zipfile.BadZipFile:
        raise InputError(f"{path.name}: a damaged zip file") from None


def dumps_folder(cache_dir: Path) -> Path:
    return cache_dir / "geonames"


def imported_dumps(cache_dir: Path) -> list[Path]:
    folder = dumps_folder(cache_dir)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def dumps_key(cache_dir: Path) -> str:
    """A short digest of the imported dumps (names and sizes): part of the gazetteer cache's name."""
    dumps = imported_dumps(cache_dir)
    if not dumps:
        return ""
    digest = hashlib.sha1("|".join(f"{p.name}:{p.stat().st_size}" for p in dumps).encode()).hexdigest()[:10]
    return f"-dumps{digest}"


def import_dump(path: str | Path, cache_dir: Path) -> tuple[Path, int]:
    """Check ``path`` whole, then keep a copy among the imported dumps. Returns the copy and its
    number of settlements and camps."""
    path = Path(path)
    count = sum(1 for _ in read_dump(path))
    if count == 0:
        raise InputError(f"{path.name}: no settlements (feature class P) or camps in this dump")
    folder = dumps_folder(cache_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / path.name
        shutil.copyfile(path, target)
    except OSError as error:
        raise InputError(f"cannot keep {path.name} in {folder}: {error.strerror or error}") from None
    return target, count
