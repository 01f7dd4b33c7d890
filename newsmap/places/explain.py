"""Why this place: every mention's candidates, the evidence for each, and the winner
(``python -m newsmap extract --explain FILE``); names that look like places but are not, and why."""

from __future__ import annotations

from typing import Any

from newsmap.gazetteer import KIND_NAMES, Gazetteer
from newsmap.places.context import _use_frequencies
from newsmap.places.recognise import _recognise
from newsmap.places.resolve import _drop_foreign_namesakes, _resolve
from newsmap.places.not_places import group_spans
from newsmap.records import Article

MAX_CANDIDATES = 5


def explain_places(article: Article, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """One row per mention (and per gazetteer name the article uses for something else), in text order."""
    _use_frequencies(gazetteer)
    mentions = _recognise(article, gazetteer)
    _resolve(mentions, article.text, (article.body_start, len(article.text)), gazetteer, explain=True)
    resolved = {id(m): m.choice for m in mentions}
    kept = {id(m) for m in _drop_foreign_namesakes(mentions, article.text, gazetteer)}
    for m in mentions:
        if id(m) not in kept:
            m.role = "dropped: a small place abroad, no locative word"
        elif resolved[id(m)] is not None and m.choice is None:
            m.role += " (left unresolved: a small place abroad)"
    rows: list[dict[str, Any]] = []
    for m in mentions:
        candidates = [
            {"name": gazetteer.names[entry], "country": gazetteer.country_code(entry),
             "kind": KIND_NAMES[gazetteer.kind[entry]], "population": gazetteer.population[entry],
             "score": score, "evidence": why, "chosen": entry == m.choice}
            for entry, score, why in m.ranking[:MAX_CANDIDATES]
        ]
        if not m.ranking and m.choice is not None:
            candidates = [{"name": gazetteer.names[m.choice], "country": gazetteer.country_code(m.choice),
                           "kind": KIND_NAMES[gazetteer.kind[m.choice]], "population": gazetteer.population[m.choice],
                           "score": None, "evidence": [("the only candidate", 0.0)], "chosen": True}]
        rows.append({"text": m.text, "start": m.start, "end": m.end, "role": m.role, "candidates": candidates,
                     "more_candidates": max(0, len(m.ranking) - MAX_CANDIDATES)})
    for start, end, group in group_spans(article.text):
        name = article.text[start:end]
        if gazetteer.lookup(name) or any(gazetteer.lookup(word) for word in name.split()):
            reason = f"{group.kind}: {group.name}" if group else "a holiday or weapon name"
            rows.append({"text": name, "start": start, "end": end, "role": "not a place", "reason": reason,
                         "candidates": []})
    return sorted(rows, key=lambda r: r["start"])


def render_explanation(source: str, rows: list[dict[str, Any]]) -> str:
    lines = [f"# {source}"]
    for row in rows:
        if row.get("reason"):
            lines.append(f"{row['text']} [{row['start']}:{row['end']}]: not a place ({row['reason']})")
            continue
        head = f"{row['text']} [{row['start']}:{row['end']}] {row['role']}"
        chosen = next((c for c in row["candidates"] if c["chosen"]), None)
        lines.append(f"{head} -> {chosen['name']} ({chosen['country']}, {chosen['kind']})" if chosen else f"{head} -> unresolved")
        for c in row["candidates"]:
            evidence = ", ".join(f"{label} {value:+.2f}" for label, value in c["evidence"]) or "no evidence"
            score = "" if c["score"] is None else f"{c['score']:6.2f}  "
            mark = "*" if c["chosen"] else " "
            lines.append(f"   {mark} {score}{c['name']} ({c['country'] or '-'}, {c['kind']}, pop {c['population']:,}): {evidence}")
        if row.get("more_candidates"):
            lines.append(f"     … {row['more_candidates']} more candidates")
    return "\n".join(lines) + "\n"
