"""End to end on short articles written for the tests (tests/articles/*.txt, expectations in *.json).

Each article is in a different style; its JSON lists the events that must be found (matched by
gazetteer name or admin-1 region and country, then every listed field must agree), places that must
not be event locations, and the article-level summaries.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
FIELDS = ("event_type", "killed", "wounded", "children_killed", "children_wounded", "event_date",
          "geo_precision", "actor", "acled_event_type")


def _names(event: dict) -> set[str]:
    return {str(v).lower() for v in (event["location"], event["place_text"]) if v}


def _matches_place(event: dict, spec: dict) -> bool:
    if spec.get("country") and event["country"] != spec["country"]:
        return False
    if "location" in spec:
        return spec["location"].lower() in _names(event)
    if "admin1_place" in spec:
        wanted = spec["admin1_place"].lower()
        return any(wanted in name for name in _names(event)) and event["geo_precision"] == 3
    return False


def _mismatches(event: dict, spec: dict) -> list[str]:
    problems = [f"{key}: {event[key]!r} != {spec[key]!r}" for key in FIELDS if key in spec and event[key] != spec[key]]
    if "weapon_contains" in spec and spec["weapon_contains"] not in (event["weapon"] or ""):
        problems.append(f"weapon {event['weapon']!r} lacks {spec['weapon_contains']!r}")
    if "admin1_contains" in spec and spec["admin1_contains"].lower() not in (event["admin1"] or "").lower():
        problems.append(f"admin1 {event['admin1']!r} lacks {spec['admin1_contains']!r}")
    return problems


def test_there_are_enough_articles():
    assert len(ARTICLES) >= 8
    for path in ARTICLES:
        assert path.with_suffix(".json").exists(), f"{path.name} has no expectations"


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article(pipeline, path):
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    extraction = pipeline.extract_file(path)
    result = extraction.to_dict()
    text = extraction.article.text
    events = result["events"]
    for item in result["places"]:
        assert text[item["start"] : item["end"]] == item["text"]
    for event in events:
        assert text[event["excerpt_start"] : event["excerpt_end"]] == event["excerpt"]

    if "dateline" in spec:
        assert result["dateline"] and result["dateline"]["text"] == spec["dateline"]
    assert result["published"] == spec["published"]
    if "title" in spec:
        assert result["title"] == spec["title"]

    failures = []
    for wanted in spec["events"]:
        candidates = [e for e in events if _matches_place(e, wanted)]
        if not candidates:
            failures.append(f"no event at {wanted}")
            continue
        problems = [_mismatches(e, wanted) for e in candidates]
        if all(problems):
            failures.append(f"{wanted}: {min(problems, key=len)}")
    assert not failures, "\n".join(failures) + "\nfound: " + json.dumps(
        [{k: e[k] for k in ("location", "place_text", "event_type", "killed", "wounded", "event_date", "weapon")} for e in events],
        indent=1,
    )

    for name in spec.get("not_event_locations", []):
        assert not any(name.lower() in _names(e) for e in events), f"{name} is not where anything happened"
    if "n_events" in spec:
        assert len(events) == spec["n_events"]
    if spec.get("no_violent_events"):
        assert all(e["event_type"] == "diplomatic" for e in events)
    for day in spec.get("no_events_on", []):
        assert not any(e["event_date"] == day for e in events)
    def figures(s):  # None sorts before any number, so mixed summaries compare instead of crashing
        return tuple((-1 if v is None else v) for v in (s["killed"], s["wounded"]))

    assert sorted(map(figures, result["summaries"])) == sorted(
        map(figures, spec["summaries"])
    )
    if "per_place_totals" in spec:
        totals = {key: sum(e[key] or 0 for e in events) for key in ("killed", "wounded")}
        assert totals == spec["per_place_totals"]
    for event in events:
        if event["event_date"]:
            date.fromisoformat(event["event_date"])
