"""``python -m newsmap bench geoparse CORPUS.xml``: toponym resolution on LGL / GeoWebNews corpora.

Two settings. Resolution (default): the gold spans are given and ``places.resolve_spans`` picks the
coordinates in the article's context. End-to-end (``--end-to-end``): our own recognition
(``places.find_places``); precision/recall/F1 of predicted spans overlapping gold spans, and the
distance metrics over the gold toponyms we found.

Metrics as the field computes them (Gritta et al.): per gold toponym the great-circle error in km
(unresolved = 20039 km); acc@161; AUC of sorted ln(error + 1) normalised by ln(20039)·(n − 1);
mean and median error. The last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from newsmap.errors import InputError
from newsmap.gazetteer import Gazetteer, distance_km
from newsmap.records import Article, Span

UNRESOLVED_KM = 20039.0
SNAP_WINDOW = 10


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class GoldArticle:
    doc: str
    text: str
    toponyms: list[GoldToponym]


def _child_text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    value = child.text.strip()
    return value or None


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        result = float(value)
    except ValueError:
        return None
    return result if math.isfinite(result) else None


def snap(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """Move a drifting gold span onto the nearest exact occurrence of its name within ±10 chars."""
    if not name or text[start:end] == name:
        return start, end
    best: int | None = None
    lo = max(0, start - SNAP_WINDOW)
    hi = min(len(text), start + SNAP_WINDOW + len(name))
    pos = text.find(name, lo, hi)
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(name, pos + 1, hi)
    if best is None:
        return start, end
    return best, best + len(name)


def parse_corpus(path: str | Path) -> list[GoldArticle]:
    """Read an LGL-dialect (``docid``, ``<gaztag>``) or GWN-dialect (``file``, ``<latitude>``) corpus."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (ET.ParseError, OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable geoparsing XML corpus ({error})") from None
    articles: list[GoldArticle] = []
    for index, element in enumerate(root.iter("article")):
        text_element = element.find("text")
        text = text_element.text if text_element is not None and text_element.text else ""
        doc = element.get("docid") or element.get("file") or str(index)
        toponyms: list[GoldToponym] = []
        container = element.find("toponyms")
        for toponym in container.iter("toponym") if container is not None else ():
            start = _child_text(toponym, "start")
            end = _child_text(toponym, "end")
            if start is None or end is None or not start.isdigit() or not end.isdigit():
                continue
            gaztag = toponym.find("gaztag")
            if gaztag is not None or toponym.find("phrase") is not None:  # LGL dialect
                name = _child_text(toponym, "phrase") or ""
                lat = _float(_child_text(gaztag, "lat")) if gaztag is not None else None
                lon = _float(_child_text(gaztag, "lon")) if gaztag is not None else None
            else:  # GWN dialect
                name = _child_text(toponym, "extractedName") or ""
                lat = _float(_child_text(toponym, "latitude"))
                lon = _float(_child_text(toponym, "longitude"))
            s, e = snap(text, int(start), int(end), name)
            if not (0 <= s < e <= len(text)):
                continue
            toponyms.append(GoldToponym(s, e, text[s:e], lat, lon))
        articles.append(GoldArticle(doc, text, toponyms))
    if not articles:
        raise InputError(f"{path}: no <article> elements: not an LGL or GeoWebNews corpus")
    return articles


def metrics(errors: list[float]) -> dict[str, float | int | None]:
    n = len(errors)
    if n == 0:
        return {"n": 0, "acc161": None, "auc": None, "mean_km": None, "median_km": None}
    logs = sorted(math.log(e + 1) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    auc = area / (math.log(UNRESOLVED_KM) * (n - 1)) if n > 1 else logs[0] / math.log(UNRESOLVED_KM)
    return {
        "n": n,
        "acc161": round(sum(e < 161 for e in errors) / n, 4),
        "auc": round(auc, 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
    }


def _error(gold: GoldToponym, latitude: float | None, longitude: float | None) -> float:
    if latitude is None or longitude is None:
        return UNRESOLVED_KM
    return distance_km(gold.latitude, gold.longitude, latitude, longitude)  # type: ignore[arg-type]


def evaluate(articles: list[GoldArticle], end_to_end: bool, predictions_out=None) -> dict:
    from newsmap.places import find_places, resolve_spans

    gazetteer = Gazetteer.load()
    errors: list[float] = []
    n_predicted = n_predicted_correct = n_gold = n_gold_found = 0
    started = time.perf_counter()
    for gold_article in articles:
        article = Article(article_id=gold_article.doc, text=gold_article.text, source=gold_article.doc)
        with_coordinates = [t for t in gold_article.toponyms if t.has_coordinates]
        if end_to_end:
            places = find_places(article, gazetteer)
            n_predicted += len(places)
            n_predicted_correct += sum(
                any(p.start < t.end and t.start < p.end for t in gold_article.toponyms) for p in places
            )
            results = []
            for t in with_coordinates:
                hit = next((p for p in places if p.start < t.end and t.start < p.end), None)
                n_gold += 1
                if hit is None:
                    results.append((t, None, None))
                    continue
                n_gold_found += 1
                loc = hit.location
                results.append((t, loc.latitude if loc else None, loc.longitude if loc else None))
                errors.append(_error(t, *results[-1][1:]))
        else:
            spans = [Span(t.text, t.start, t.end) for t in with_coordinates]
            locations = resolve_spans(article, spans, gazetteer)
            results = [
                (t, loc.latitude if loc else None, loc.longitude if loc else None)
                for t, loc in zip(with_coordinates, locations)
            ]
            errors += [_error(t, lat, lon) for t, lat, lon in results]
        if predictions_out is not None:
            for t, lat, lon in results:
                predictions_out.write(json.dumps({
                    "doc": gold_article.doc, "start": t.start, "end": t.end, "text": t.text,
                    "latitude": lat, "longitude": lon,
                    "gold_latitude": t.latitude, "gold_longitude": t.longitude,
                }, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - started
    report: dict = {"setting": "end-to-end" if end_to_end else "resolution", "articles": len(articles)}
    report.update(metrics(errors))
    if end_to_end:
        precision = n_predicted_correct / n_predicted if n_predicted else 0.0
        recall = n_gold_found / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report.update({"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                       "gold_toponyms": n_gold})
    report["seconds"] = round(elapsed, 2)
    return report


def run(args: argparse.Namespace) -> int:
    articles = parse_corpus(args.corpus)
    if args.limit is not None:
        if args.limit < 1:
            raise InputError("--limit must be a positive number of articles")
        articles = articles[: args.limit]
    out = None
    try:
        if args.predictions:
            try:
                out = open(args.predictions, "w", encoding="utf-8")
            except OSError as error:
                raise InputError(f"{args.predictions}: cannot write predictions ({error.strerror})") from None
        report = evaluate(articles, args.end_to_end, out)
    finally:
        if out is not None:
            out.close()
    report["corpus"] = Path(args.corpus).name
    print(f"geoparse {report['setting']} on {report['corpus']}: {report['articles']} articles, n={report['n']}")
    print(f"  acc@161 {report['acc161']}  AUC {report['auc']}  mean {report['mean_km']} km  median {report['median_km']} km")
    if args.end_to_end:
        print(f"  recognition P {report['precision']}  R {report['recall']}  F1 {report['f1']}")
    print(json.dumps(report))
    sys.stdout.flush()
    return 0
