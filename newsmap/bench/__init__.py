"""Benchmarks: ``python -m newsmap bench geoparse|events|acled|speed|hostile|ingest|queries|dashboard``.

Each prints its figures in readable lines and, as the last line on stdout, one JSON object.
Corpus paths always come from the command line.
"""

from __future__ import annotations

import argparse
import importlib


def _run(module: str):
    def run(args: argparse.Namespace) -> int:
        return importlib.import_module(f"newsmap.bench.{module}").run(args)

    return run


def register(subparsers) -> None:
    bench = subparsers.add_parser("bench", help="measure accuracy and speed")
    kinds = bench.add_subparsers(dest="bench_command", required=True)

    geoparse = kinds.add_parser("geoparse", help="toponym resolution on an LGL or GeoWebNews XML corpus")
    geoparse.add_argument("corpus", metavar="CORPUS.xml")
    geoparse.add_argument("--predictions", metavar="OUT.jsonl", help="write one JSON line per gold toponym")
    geoparse.add_argument("--end-to-end", action="store_true", help="use our own recognition, not the gold spans")
    geoparse.add_argument("--limit", type=int, help="only the first N articles")
    geoparse.set_defaults(func=_run("geoparse"))

    acled = kinds.add_parser("acled", help="event extraction on an ACLED export (CSV with a notes column)")
    acled.add_argument("csv", metavar="CSV")
    acled.add_argument("--errors", metavar="OUT.jsonl", help="write the rows we got wrong")
    acled.set_defaults(func=_run("acled"))

    events = kinds.add_parser("events", help="places and events against a hand-annotated JSON Lines corpus")
    events.add_argument("corpus", metavar="CORPUS.jsonl")
    events.add_argument("--errors", metavar="OUT.jsonl", help="write every miss and false prediction")
    events.add_argument("--only", nargs="*", metavar="ID", help="only articles whose id starts with one of these")
    events.set_defaults(func=_run("events"))

    speed = kinds.add_parser("speed", help="start-up time, articles per second, peak memory")
    speed.add_argument("files", nargs="+", metavar="FILE")
    speed.add_argument("--repeat", type=int, default=20, help="passes over the files (default 20)")
    speed.set_defaults(func=_run("speed"))

    hostile = kinds.add_parser("hostile", help="time extraction of texts built to be slow (each stops at the budget or finishes)")
    hostile.set_defaults(func=_run("hostile"))

    ingest = kinds.add_parser("ingest", help="batch ingest: 1 and 2 worker processes and a Dask cluster, SQLite and PostgreSQL")
    ingest.add_argument("corpus", nargs="?", metavar="CORPUS.xml", help="LGL-dialect corpus, turned into JSON Lines")
    ingest.add_argument("--postgres", metavar="URL", help="PostgreSQL database (default: $NEWSMAP_TEST_POSTGRES_URL)")
    ingest.add_argument("--limit", type=int, help="only the first N articles")
    ingest.add_argument("--repeat", type=int, default=1, help="rounds; each configuration keeps its fastest (default 1)")
    ingest.add_argument("--resume", type=int, metavar="N",
                        help="instead: N synthetic articles into PostgreSQL, killed at a random moment and resumed")
    ingest.set_defaults(func=_run("ingest"))

    queries = kinds.add_parser("queries", help="the dashboard's store queries over many synthetic events in PostgreSQL")
    queries.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1000000)")
    queries.add_argument("--postgres", metavar="URL", help="PostgreSQL database (default: $NEWSMAP_TEST_POSTGRES_URL)")
    queries.set_defaults(func=_run("queries"))

    dashboard = kinds.add_parser("dashboard", help="map build time, page load and filter redraw in Chromium")
    dashboard.add_argument(
        "--events", type=int, nargs="+", default=[10_000, 100_000],
        help="synthetic stored events, one scenario per number (default 10000 100000)",
    )
    dashboard.add_argument("--no-browser", action="store_true", help="only time building the map in Python")
    dashboard.set_defaults(func=_run("dashboard"))
