"""``python -m newsmap bench events CORPUS.jsonl``: places and events against hand-annotated gold.

The corpus is JSON Lines, one article a line, with ``text``, ``dateline_date``, ``events`` and
``toponyms`` as the news-events development set defines them. Each text is extracted exactly as
``python -m newsmap extract --date DATELINE`` would, and scored with the seven measures of that
set's README:

- toponym recall: gold ``location`` toponyms overlapped by a predicted place within 161 km
  (cities) or 400 km (regions, countries, other), or of the same country for a gold country;
- toponym precision: predicted places that overlap some gold toponym of any role;
- event recall and precision: gold events in file order take the first unused predicted event
  of the same type class within 25 km (150 km for an admin-1 gold, same country for a country
  gold); caption and historical gold events may absorb a prediction but are not counted;
- type exact, casualty exact and date exact over the matched, counted gold events.

The corpus path comes from the command line; nothing from it is kept in the project.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsmap.errors import InputError

EARTH_RADIUS_KM = 6371.0
ATTACK_TYPES = frozenset({"air_strike", "drone_strike", "missile_strike", "glide_bomb", "shelling", "other"})


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def type_class(event_type: str | None) -> str | None:
    return "attack" if event_type in ATTACK_TYPES else event_type


def _has_point(item: dict[str, Any]) -> bool:
    return item.get("latitude") is not None and item.get("longitude") is not None


@dataclass
class Tally:
    """Numerators and denominators of the seven scores, summed over articles."""

    toponyms_gold: int = 0
    toponyms_found: int = 0
    places_predicted: int = 0
    places_false: int = 0
    events_gold: int = 0
    events_matched: int = 0
    events_predicted: int = 0
    events_unused: int = 0
    type_hits: int = 0
    casualty_counted: int = 0
    casualty_hits: int = 0
    dates_counted: int = 0
    date_hits: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _share(hits: int, total: int) -> float | None:
        return round(hits / total, 4) if total else None

    def scores(self) -> dict[str, float | None]:
        return {
            "toponym_recall": self._share(self.toponyms_found, self.toponyms_gold),
            "toponym_precision": self._share(self.places_predicted - self.places_false, self.places_predicted),
            "event_recall": self._share(self.events_matched, self.events_gold),
            "event_precision": self._share(self.events_predicted - self.events_unused, self.events_predicted),
            "type_exact": self._share(self.type_hits, self.events_matched),
            "casualty_exact": self._share(self.casualty_hits, self.casualty_counted),
            "date_exact": self._share(self.date_hits, self.dates_counted),
        }


def score_toponyms(gold: dict[str, Any], predicted: list[dict[str, Any]], tally: Tally) -> None:
    places = [p for p in predicted if p.get("start") is not None]
    for toponym in gold["toponyms"]:
        if toponym.get("role") != "location":
            continue
        tally.toponyms_gold += 1
        radius = 161.0 if toponym.get("kind") == "city" else 400.0
        found = False
        for place in places:
            if not (place["start"] < toponym["end"] and place["end"] > toponym["start"]):
                continue
            if not _has_point(place):
                continue
            if toponym.get("kind") == "country" and place.get("country") and place["country"] == toponym.get("country"):
                found = True
                break
            if toponym.get("lat") is not None and haversine_km(
                toponym["lat"], toponym["lon"], place["latitude"], place["longitude"]
            ) <= radius:
                found = True
                break
        if found:
            tally.toponyms_found += 1
        else:
            tally.problems.append({"article": gold["id"], "kind": "toponym missed", "surface": toponym.get("surface"),
                                   "start": toponym["start"]})
    for place in places:
        tally.places_predicted += 1
        if not any(place["start"] < t["end"] and place["end"] > t["start"] for t in gold["toponyms"]):
            tally.places_false += 1
            tally.problems.append({"article": gold["id"], "kind": "false place", "surface": place.get("text"),
                                   "start": place["start"], "resolved": place.get("name"), "country": place.get("country")})


def _within(gold_event: dict[str, Any], predicted: dict[str, Any]) -> bool:
    precision = gold_event.get("precision")
    if precision == "country":
        return not gold_event.get("country") or predicted.get("country") == gold_event.get("country")
    limit = 150.0 if precision == "admin1" else 25.0
    return haversine_km(gold_event["lat"], gold_event["lon"], predicted["latitude"], predicted["longitude"]) <= limit


def score_events(gold: dict[str, Any], predicted: list[dict[str, Any]], tally: Tally) -> None:
    used: set[int] = set()
    tally.events_predicted += len(predicted)
    for gold_event in gold["events"]:
        if gold_event.get("lat") is None or gold_event.get("lon") is None:
            continue
        optional = bool(gold_event.get("from_caption") or gold_event.get("historical"))
        if not optional:
            tally.events_gold += 1
        wanted = type_class(gold_event.get("event_type"))
        match = None
        for index, event in enumerate(predicted):
            if index in used or not _has_point(event) or type_class(event.get("event_type")) != wanted:
                continue
            if _within(gold_event, event):
                match = index
                break
        if match is None:
            if not optional:
                tally.problems.append({"article": gold["id"], "kind": "event missed", "place": gold_event.get("place"),
                                       "type": gold_event.get("event_type"), "killed": gold_event.get("killed"),
                                       "wounded": gold_event.get("wounded"), "date": gold_event.get("event_date")})
            continue
        used.add(match)
        if optional:
            continue
        event = predicted[match]
        tally.events_matched += 1
        wrong: dict[str, Any] = {}
        if event.get("event_type") == gold_event.get("event_type"):
            tally.type_hits += 1
        else:
            wrong["type"] = (gold_event.get("event_type"), event.get("event_type"))
        for figure in ("killed", "wounded"):
            if gold_event.get(figure) is None:
                continue
            tally.casualty_counted += 1
            if event.get(figure) == gold_event[figure]:
                tally.casualty_hits += 1
            else:
                wrong[figure] = (gold_event[figure], event.get(figure))
        if gold_event.get("event_date") is not None:
            tally.dates_counted += 1
            accepted = {gold_event["event_date"], *(gold_event.get("event_date_alternatives") or [])}
            if event.get("event_date") in accepted:
                tally.date_hits += 1
            else:
                wrong["date"] = (gold_event["event_date"], event.get("event_date"))
        if wrong:
            tally.problems.append({"article": gold["id"], "kind": "event wrong", "place": gold_event.get("place"),
                                   "predicted_place": event.get("place_text"), **wrong})
    for index, event in enumerate(predicted):
        if index not in used:
            tally.events_unused += 1
            tally.problems.append({"article": gold["id"], "kind": "false event", "place": event.get("place_text"),
                                   "location": event.get("location"), "type": event.get("event_type"),
                                   "killed": event.get("killed"), "wounded": event.get("wounded"),
                                   "date": event.get("event_date")})


def read_corpus(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    records = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(f"{path}: line {number} is not JSON ({error.msg})") from None
                missing = {"id", "text", "dateline_date", "events", "toponyms"} - set(record)
                if missing:
                    raise InputError(f"{path}: line {number} lacks {', '.join(sorted(missing))}")
                records.append(record)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    return records


def run(args: argparse.Namespace) -> int:
    from newsmap.ingest import article_from_text
    from newsmap.pipeline import default_pipeline

    records = read_corpus(Path(args.corpus))
    pipeline = default_pipeline()
    tally = Tally()
    for record in records:
        if args.only and not any(record["id"].startswith(prefix) for prefix in args.only):
            continue
        published = date.fromisoformat(record["dateline_date"]) if record.get("dateline_date") else None
        article = article_from_text(record["text"], source=record["id"], published=published)
        result = pipeline.extract(article).to_dict()
        score_toponyms(record, result["places"], tally)
        score_events(record, result["events"], tally)
    scores = tally.scores()
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as handle:
            for problem in tally.problems:
                handle.write(json.dumps(problem, ensure_ascii=False) + "\n")
    print(f"articles: {len(records)}")
    for name, value in scores.items():
        print(f"{name}: {value}")
    sys.stdout.write(json.dumps(scores) + "\n")
    return 0
