"""Progress of a batch on standard error: a tqdm bar (articles/s, ETA) on a terminal, a plain line
every ``interval`` seconds otherwise (logs, CI, a pipe)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

PLAIN_INTERVAL_S = 10.0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, interval: float = PLAIN_INTERVAL_S,
                 terminal: bool | None = None, clock=time.monotonic):
        self.total = total
        self.stream = stream or sys.stderr
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.last_line = self.started
        self.done = 0
        self.failed = 0
        is_terminal = terminal if terminal is not None else getattr(self.stream, "isatty", lambda: False)()
        self.bar = None
        if is_terminal:
            import tqdm

            tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
            self.bar = tqdm.tqdm(total=total, unit=" articles", file=self.stream, dynamic_ncols=True,
                                 smoothing=0.1, desc="ingest",
                                 bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, "
                                            "{rate_noinv_fmt}{postfix}]")

    def advance(self, n: int = 1, failed: int = 0) -> None:
        self.done += n
        self.failed += failed
        if self.bar is not None:
            self.bar.update(n)
            if failed:
                self.bar.set_postfix(failed=self.failed, refresh=False)
            return
        now = self.clock()
        if now - self.last_line >= self.interval and self.done < self.total:
            self.last_line = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now if now is not None else self.clock()) - self.started, 1e-9)
        rate = self.done / elapsed
        eta = _duration((self.total - self.done) / rate) if rate > 0 else "?"
        failed = f", {self.failed} failed" if self.failed else ""
        return f"newsmap: ingest {self.done}/{self.total} articles, {rate:.1f} articles/s, ETA {eta}{failed}"

    def write(self, text: str, stream: TextIO | None = None) -> None:
        """A line of output that must not break the bar."""
        target = stream or sys.stdout
        if self.bar is not None:
            self.bar.write(text, file=target)
        else:
            target.write(text + "\n")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
