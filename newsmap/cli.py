"""Command line: the same functions the dashboard uses.

    python -m newsmap extract [--date YYYY-MM-DD] [--format json|csv|geojson] [--explain] FILE...
    python -m newsmap ingest [--date YYYY-MM-DD] [--workers N | --dask ADDRESS] [--report FILE] INPUT...
    python -m newsmap export --format csv|geojson [--output FILE]
    python -m newsmap reprocess
    python -m newsmap gazetteer build
    python -m newsmap gazetteer import XX.zip
    python -m newsmap bench geoparse|events|acled|speed|hostile|dashboard ...
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from newsmap.errors import NewsmapError


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _cmd_extract(args: argparse.Namespace) -> int:
    from newsmap import formats
    from newsmap.pipeline import default_pipeline

    pipeline = default_pipeline()
    if args.explain:
        from newsmap.ingest import read_article
        from newsmap.places.explain import explain_places, render_explanation

        for path in args.files:
            article = read_article(path, published=args.date)
            sys.stdout.write(render_explanation(str(path), explain_places(article, pipeline.gazetteer)))
        return 0
    extractions = extract_files(pipeline, args.files, args.date, args.workers)
    sys.stdout.write(formats.render(extractions, args.format))
    return 0


PARALLEL_FROM = 16  # fewer files than this are not worth starting workers for


def _default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _extract_one(job):
    path, published = job
    from newsmap.pipeline import default_pipeline

    return default_pipeline().extract_file(path, published=published)


def extract_files(pipeline, files: list[str], published, workers: int | None = None) -> list:
    """Extractions of ``files`` in order. Many files are shared among worker processes forked after
    the gazetteer is loaded, so each starts with it in memory (no reload, pages shared)."""
    import multiprocessing

    workers = _default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(files) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [pipeline.extract_file(path, published=published) for path in files]
    _ = pipeline.gazetteer  # load before forking
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(files))) as pool:
        return list(pool.imap(_extract_one, [(path, published) for path in files], chunksize=8))


def _cmd_ingest(args: argparse.Namespace) -> int:
    from newsmap.batch.report import FailureReport
    from newsmap.batch.run import ingest_batch
    from newsmap.store import Store

    report = FailureReport(args.report)
    with Store() as store:
        if args.dask:
            from newsmap.batch.dask_runner import DaskRunner

            runner = DaskRunner(args.dask)
        else:
            from newsmap.batch.workers import LocalRunner

            runner = LocalRunner(_default_workers() if args.workers is None else args.workers)
        try:
            summary = ingest_batch(args.files, store, runner, published=args.date, report=report)
        finally:
            report.close()
            if args.dask:
                runner.close()
    for line in report.lines():
        print(line, file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from newsmap import formats
    from newsmap.store import Store

    text = formats.render_events(Store().event_dicts(), args.format)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as error:
            raise NewsmapError(f"{args.output}: cannot write: {error.strerror or error}") from None
    else:
        sys.stdout.write(text)
    return 0


def _cmd_reprocess(args: argparse.Namespace) -> int:
    from newsmap.pipeline import default_pipeline
    from newsmap.store import Store

    count = Store().reprocess(default_pipeline())
    print(f"re-extracted {count} stored articles")
    return 0


def _cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from newsmap.gazetteer import Gazetteer

    path = Gazetteer.build(force=args.force)
    print(f"gazetteer ready: {path}")
    return 0


def _cmd_gazetteer_import(args: argparse.Namespace) -> int:
    from newsmap.gazetteer import Gazetteer, cache_dir
    from newsmap.geonames_dump import import_dump

    for path in args.files:
        kept, count = import_dump(path, cache_dir())
        print(f"{path}: {count} settlements and camps, kept as {kept}")
    path = Gazetteer.build(force=True)
    print(f"gazetteer rebuilt: {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newsmap", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="print the places and events found in article files")
    extract.add_argument("--date", type=_iso_date, help="publication date, if the file doesn't give one")
    extract.add_argument("--format", choices=["json", "csv", "geojson"], default="json")
    extract.add_argument("--workers", type=int, metavar="N",
                         help="worker processes for many files (default: the machine's cores)")
    extract.add_argument("--explain", action="store_true",
                         help="print, for every place mention, its candidates, the evidence for each and the winner")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.set_defaults(func=_cmd_extract)

    ingest = sub.add_parser("ingest", help="extract articles and store them (idempotent, resumable)")
    ingest.add_argument("--date", type=_iso_date, help="publication date, if the file doesn't give one")
    where = ingest.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="extraction worker processes (default: the machine's cores)")
    where.add_argument("--dask", metavar="ADDRESS",
                       help="extract on a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    ingest.add_argument("--report", metavar="FILE", help="write every input that failed (JSON Lines)")
    ingest.add_argument("files", nargs="+", metavar="INPUT",
                        help="file, directory (searched recursively), glob, .jsonl (one article per line) or - (stdin)")
    ingest.set_defaults(func=_cmd_ingest)

    export = sub.add_parser("export", help="write the stored events")
    export.add_argument("--format", choices=["csv", "geojson", "json"], default="csv")
    export.add_argument("--output", "-o", help="file to write (default: stdout)")
    export.set_defaults(func=_cmd_export)

    reprocess = sub.add_parser("reprocess", help="re-extract every stored article, keeping corrections")
    reprocess.set_defaults(func=_cmd_reprocess)

    gazetteer = sub.add_parser("gazetteer", help="the offline gazetteer")
    gazetteer_sub = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    build = gazetteer_sub.add_parser("build", help="compile the gazetteer cache from the GeoNames packages")
    build.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    build.set_defaults(func=_cmd_gazetteer_build)
    dump = gazetteer_sub.add_parser("import", help="add the villages of a GeoNames dump you downloaded (XX.zip)")
    dump.add_argument("files", nargs="+", metavar="XX.zip", help="GeoNames dump: a country's XX.zip or allCountries.zip (or .txt)")
    dump.set_defaults(func=_cmd_gazetteer_import)

    from newsmap.bench import register as register_bench

    register_bench(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except NewsmapError as error:
        print(f"newsmap: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
