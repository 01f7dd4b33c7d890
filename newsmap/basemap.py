"""Offline basemap: country outlines that keep the map legible when no tile server is reachable.

The outlines are Natural Earth's low-resolution admin-0 polygons (public domain) as shipped inside
the ``pyogrio`` wheel. They are converted once to a compact GeoJSON file in the cache directory
(``data/cache`` or ``$NEWSMAP_CACHE_DIR``), next to the compiled gazetteer.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from newsmap.errors import NewsmapError

_CACHE_NAME = "countries-110m.geojson"
_COORDINATE_DECIMALS = 2  # ~1 km: plenty for outlines at country zoom, and a third of the size


def _source_path() -> Path:
    import pyogrio

    path = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.exists():
        raise NewsmapError(f"the Natural Earth outlines are missing from the pyogrio package ({path})")
    return path


def cache_dir() -> Path:
    configured = os.environ.get("NEWSMAP_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "data" / "cache"


def countries_path(force: bool = False) -> Path:
    """The outlines as a GeoJSON FeatureCollection file (name and ISO3 code per country)."""
    target = cache_dir() / _CACHE_NAME
    source = _source_path()
    if target.exists() and not force and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    from pyogrio.raw import read, write

    meta, _fids, geometry, fields = read(source, columns=["name", "iso_a3"])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp.geojson")
    if partial.exists():
        partial.unlink()
    write(
        partial,
        geometry,
        fields,
        meta["fields"],
        driver="GeoJSON",
        crs=meta["crs"],
        geometry_type="MultiPolygon",
        promote_to_multi=True,
        layer_options={"COORDINATE_PRECISION": _COORDINATE_DECIMALS, "RFC7946": "YES"},
    )
    partial.replace(target)
    return target


@lru_cache(maxsize=1)
def countries_geojson() -> dict:
    """The outlines, parsed (cached per process)."""
    with countries_path().open(encoding="utf-8") as handle:
        return json.load(handle)


# English place names over the packaged tiles (whose own labels are in each country's script):
# (minimum zoom, kind, minimum population) — countries, admin-1 regions, big cities.
_LABEL_RULES = ((3, "country", 0), (5, "admin1", 0), (4, "city", 1_000_000), (6, "city", 250_000))


def labels_path() -> Path:
    """Place labels from the gazetteer (GeoNames names) as JSON rows [lat, lon, name, kind, min zoom],
    compiled once next to the gazetteer cache and rebuilt when that changes."""
    from newsmap.gazetteer import Gazetteer, cache_path

    source = cache_path()
    target = cache_dir() / f"labels-{source.stem}.json"
    if target.exists():
        return target
    gazetteer = Gazetteer.load()
    rows = []
    for index in range(len(gazetteer)):
        location = gazetteer.location(index)
        zooms = [
            zoom for zoom, kind, population in _LABEL_RULES
            if location.feature_class == kind and location.population >= population
        ]
        if zooms:
            rows.append([location.latitude, location.longitude, location.name, location.feature_class, min(zooms)])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    partial.replace(target)
    return target
