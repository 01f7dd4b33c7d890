"""``python -m newsmap bench speed FILE...``: start-up time, articles per second, peak memory.

Three measures run in fresh child processes so that neither sees the other's warm caches:
start-up is the wall time of a new interpreter that imports the pipeline, loads the gazetteer and
extracts one short article; throughput extracts the given files ``--repeat`` times in one process;
and the whole ``python -m newsmap extract FILE...`` command is timed as a user runs it (start-up,
worker processes on every core, JSON written).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

_STARTUP_SCRIPT = """
from newsmap.pipeline import Pipeline
Pipeline().extract_text("KYIV: Officials said nothing happened overnight.")
"""


def _startup_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _STARTUP_SCRIPT], check=True)
    return time.perf_counter() - started


def _extract_command_seconds(files: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsmap", "extract", *files], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _throughput(files: list[str], repeat: int) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "newsmap.bench.speed", str(repeat), *files],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _worker(repeat: int, files: list[str]) -> None:
    import resource

    from newsmap.ingest import read_article
    from newsmap.pipeline import Pipeline

    pipeline = Pipeline()
    articles = [read_article(path) for path in files]
    pipeline.extract(articles[0])  # warm-up: loads the gazetteer
    started = time.perf_counter()
    events = 0
    for _ in range(repeat):
        for article in articles:
            events += len(pipeline.extract(article).events)
    elapsed = time.perf_counter() - started
    n = repeat * len(articles)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "articles": n,
                "seconds": round(elapsed, 3),
                "articles_per_second": round(n / elapsed, 1) if elapsed else None,
                "events": events,
                "peak_rss_mb": round(peak_kib / 1024, 1),
            }
        )
    )


def run(args) -> int:
    from newsmap.errors import InputError
    from newsmap.ingest import read_article

    for path in args.files:
        read_article(path)  # fail early, with the CLI's one-line message, on unreadable input
    if args.repeat < 1:
        raise InputError("--repeat must be at least 1")
    startup = min(_startup_seconds() for _ in range(3))
    result = _throughput(args.files, args.repeat)
    result["startup_seconds"] = round(startup, 3)
    command = _extract_command_seconds(args.files)
    result["extract_command_seconds"] = round(command, 3)
    result["extract_command_articles_per_second"] = round(len(args.files) / command, 1)
    print(f"start-up (new process, gazetteer loaded, one article): {startup:.2f} s")
    print(
        f"throughput: {result['articles']} articles in {result['seconds']} s = "
        f"{result['articles_per_second']} articles/s (one process)"
    )
    print(
        f"whole `extract` command on the {len(args.files)} files (start-up, workers on every core, JSON out): "
        f"{command:.2f} s = {result['extract_command_articles_per_second']} articles/s"
    )
    print(f"peak RSS: {result['peak_rss_mb']} MB")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    _worker(int(sys.argv[1]), sys.argv[2:])
