"""``python -m newsmap bench acled CSV [--errors OUT.jsonl]``: event extraction on ACLED notes.

Each row's ``notes`` is treated as an article published on the row's ``event_date``. We pick the
row's main event (the most precise place, first in the text) and measure:

- location: great-circle distance to the gold latitude/longitude within 25 km, on rows ACLED
  locates to a town (``geo_precision`` 1);
- event class: our type mapped to ACLED's ``event_type`` equals the gold one;
- fatalities exact: our killed figure (none stated counts as 0, ACLED's convention) equals the
  gold ``fatalities``, on all rows and on the rows whose note states a death toll as fact (it
  speaks of deaths and has no belligerent-claim or "split across N events" coding remark, the
  cases where ACLED deliberately codes another number).

The corpus path comes from the command line; nothing from it is kept.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path

from newsmap.errors import InputError
from newsmap.records import Event, Extraction

WITHIN_KM = 25.0
_REQUIRED = {"notes", "event_date", "latitude", "longitude", "geo_precision", "event_type", "fatalities"}
# ACLED discounts belligerents' claims and splits some tolls across events; a note states "the
# figure" only when it reports deaths as fact, without such a coding remark.
_UNCODED_FIGURE = re.compile(
    r"according to (?:\w+ ){0,2}(?:sources|MoD|ministry|claims?)|\bclaim(?:ed|s)?\b|\breported \d+ (?:\w+ )?fatalities|"
    r"split (?:across|among|between|over)|coded as|unspecified locations?",
    re.I,
)
_DEATH_WORDS = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|died|dead|death|deaths|fatalit(?:y|ies)|perished|lost (?:their|his|her) li(?:fe|ves)|"
    r"bod(?:y|ies))\b",
    re.I,
)


def _row_date(value: str) -> date | None:
    value = value.strip()
    for fmt, length in (("%d/%m/%Y", 10), ("%Y-%m-%d", 10), ("%d %B %Y", None)):
        try:
            return datetime.strptime(value[:length] if length else value, fmt).date()
        except ValueError:
            continue
    return None


def main_event(extraction: Extraction) -> Event | None:
    """The event a one-paragraph note is about: the most precise located one, first in the text."""
    located = [e for e in extraction.events if e.place is not None and e.place.location is not None]
    if not located:
        return extraction.events[0] if extraction.events else None
    return min(located, key=lambda e: (e.geo_precision or 9, e.excerpt_start, e.place.start))


def predicted_fatalities(extraction: Extraction, event: Event | None) -> int:
    if event is not None and event.killed is not None:
        return event.killed
    killed = [e.killed for e in extraction.events if e.killed is not None]
    if killed:
        return sum(killed)
    summary = [s.killed for s in extraction.summaries if s.killed is not None]
    return max(summary) if summary else 0


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geopy.distance import great_circle

    return great_circle(a, b).km


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = _REQUIRED - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"{path}: not an ACLED export (missing columns: {', '.join(sorted(missing))})")
            return list(reader)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def run(args: argparse.Namespace) -> int:
    from newsmap.ingest import article_from_text
    from newsmap.pipeline import default_pipeline

    rows = _read_rows(Path(args.csv))
    pipeline = default_pipeline()
    started = time.perf_counter()
    _ = pipeline.gazetteer
    load_seconds = time.perf_counter() - started

    counts = {"rows": 0, "location_rows": 0, "location_hits": 0, "class_hits": 0, "fatal_hits": 0,
              "stated_rows": 0, "stated_hits": 0, "no_event": 0}
    errors_out = open(args.errors, "w", encoding="utf-8") if getattr(args, "errors", None) else None
    extract_started = time.perf_counter()
    try:
        for row in rows:
            notes = (row.get("notes") or "").strip()
            if not notes:
                continue
            counts["rows"] += 1
            published = _row_date(row.get("event_date", ""))
            article = article_from_text(notes, source=f"acled:{row.get('event_id_cnty') or counts['rows']}", published=published)
            extraction = pipeline.extract(article)
            event = main_event(extraction)
            if event is None:
                counts["no_event"] += 1
            problems: list[str] = []

            distance = None
            if (row.get("geo_precision") or "").strip() == "1":
                counts["location_rows"] += 1
                loc = event.place.location if event and event.place else None
                if loc is not None:
                    distance = _distance_km((float(row["latitude"]), float(row["longitude"])), (loc.latitude, loc.longitude))
                if distance is not None and distance <= WITHIN_KM:
                    counts["location_hits"] += 1
                else:
                    problems.append("location")

            predicted_class = event.acled_event_type if event else None
            if predicted_class == row["event_type"]:
                counts["class_hits"] += 1
            else:
                problems.append("class")

            gold_fatalities = int(float(row["fatalities"] or 0))
            fatalities = predicted_fatalities(extraction, event)
            if fatalities == gold_fatalities:
                counts["fatal_hits"] += 1
            else:
                problems.append("fatalities")
            if _DEATH_WORDS.search(notes) and not _UNCODED_FIGURE.search(notes):
                counts["stated_rows"] += 1
                if fatalities == gold_fatalities:
                    counts["stated_hits"] += 1

            if errors_out and problems:
                errors_out.write(json.dumps({
                    "row": row.get("event_id_cnty"),
                    "problems": problems,
                    "notes": notes,
                    "gold": {"location": row.get("location"), "geo_precision": row.get("geo_precision"),
                             "event_type": row["event_type"], "sub_event_type": row.get("sub_event_type"),
                             "fatalities": gold_fatalities},
                    "predicted": {
                        "location": event.place.location.name if event and event.place and event.place.location else None,
                        "place_text": event.place.text if event and event.place else None,
                        "distance_km": round(distance, 1) if distance is not None else None,
                        "event_type": event.event_type if event else None,
                        "acled_event_type": predicted_class,
                        "fatalities": fatalities,
                    },
                }, ensure_ascii=False) + "\n")
    finally:
        if errors_out:
            errors_out.close()
    seconds = time.perf_counter() - extract_started

    result = {
        "rows": counts["rows"],
        "location_within_25km": _share(counts["location_hits"], counts["location_rows"]),
        "location_rows": counts["location_rows"],
        "event_class_agreement": _share(counts["class_hits"], counts["rows"]),
        "fatalities_exact_all": _share(counts["fatal_hits"], counts["rows"]),
        "fatalities_exact_stated": _share(counts["stated_hits"], counts["stated_rows"]),
        "stated_rows": counts["stated_rows"],
        "rows_without_event": counts["no_event"],
        "gazetteer_load_seconds": round(load_seconds, 2),
        "notes_per_second": round(counts["rows"] / seconds, 1) if seconds else None,
    }
    print(f"ACLED notes: {result['rows']} rows ({result['rows_without_event']} without an event)")
    print(f"location within {WITHIN_KM:g} km (geo_precision 1): {result['location_within_25km']} of {result['location_rows']}")
    print(f"event class agreement: {result['event_class_agreement']}")
    print(f"fatalities exact, all rows: {result['fatalities_exact_all']}")
    print(f"fatalities exact, notes stating the toll as fact: {result['fatalities_exact_stated']} of {result['stated_rows']}")
    print(f"speed: {result['notes_per_second']} notes/s (gazetteer load {result['gazetteer_load_seconds']} s)")
    sys.stdout.write(json.dumps(result) + "\n")
    return 0
