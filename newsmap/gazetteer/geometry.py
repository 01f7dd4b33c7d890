"""Distances and centres: great-circle distance, the middle of a set of settlements, a country's
outline centroid."""

from __future__ import annotations

import math
from typing import Iterable


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
