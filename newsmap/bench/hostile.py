"""``python -m newsmap bench hostile``: texts built to make extraction slow, timed as a user runs them.

Each input is written to a temporary file and read by a fresh ``python -m newsmap extract FILE``, so
the figures include start-up and the gazetteer load (about 1-2 s). A run either finishes or stops
at the extraction budget (``NEWSMAP_EXTRACT_SECONDS``, default 10 s) with one line naming the file;
both count as handled. Wall time, exit code, peak memory and that line are reported per input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Place names of many wars, for the one-sentence list of thousands of places.
_TOWNS = [
    "Aleppo", "Mosul", "Kabul", "Kharkiv", "Goma", "Mogadishu", "Sanaa", "Tripoli", "Khartoum", "Juba",
    "Mykolaiv", "Homs", "Kandahar", "Benghazi", "Bamako", "Maiduguri", "Kirkuk", "Raqqa", "Aden", "Dnipro",
]


def inputs() -> dict[str, str]:
    """Name → text of every hostile input (generated here, nothing is read from disk)."""
    towns = ", ".join(_TOWNS[i % len(_TOWNS)] for i in range(4000))
    return {
        "full stops, 100 KB ('The war. ' x 11377)": "The war. " * 11377,
        "full stops, 400 KB ('The war. ' x 45000)": "The war. " * 45000,
        "4,000 place names in one sentence": f"Shelling killed 3 people in {towns}.",
        "one place name 25,000 times ('KHARKIV ' x 25000)": "KHARKIV " * 25000,
        "one place per line, 50,000 lines ('Goma\\n' x 50000)": "Goma\n" * 50000,
        "one place per line, 1 MB ('Goma\\n' x 200000)": "Goma\n" * 200000,
        "1 MB of one word ('a ' x 500,000)": "a " * 500_000,
        "5 MB of one word ('a ' x 2,500,000)": "a " * 2_500_000,
    }


def _run_extract(path: Path) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "newsmap", "extract", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    lines = [line for line in stderr.splitlines() if line.strip()]
    return {
        "seconds": round(elapsed, 2),
        "exit_code": process.returncode,
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "message": lines[-1] if lines else "",
        "stderr_lines": len(lines),
    }


def run(args) -> int:
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsmap-hostile-") as folder:
        for index, (name, text) in enumerate(inputs().items()):
            path = Path(folder) / f"hostile-{index}.txt"
            path.write_text(text, encoding="utf-8")
            result = _run_extract(path)
            result["bytes"] = len(text.encode("utf-8"))
            results[name] = result
            outcome = "finished" if result["exit_code"] == 0 else f"stopped (exit {result['exit_code']}): {result['message']}"
            print(f"{name}: {result['seconds']:.2f} s, peak {result['peak_rss_mb']} MB, {outcome}")
    handled = all(r["exit_code"] == 0 or r["stderr_lines"] == 1 for r in results.values())
    print(f"every input finished or stopped with one line: {'yes' if handled else 'NO'}")
    print(json.dumps({"inputs": results, "all_handled": handled}))
    return 0 if handled else 1
