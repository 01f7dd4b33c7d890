"""The extraction budget: how large an article and how long its extraction may be.

Article text is untrusted: a pasted or fetched text can be built to make extraction slow. The time
budget is checked between stages and between sentences (``check``), in whichever thread or process
runs the extraction, so a stopped browser tab or a hostile file costs at most the budget. A caller
can pass ``on_check`` to be told at every check (the dashboard uses it to let Streamlit stop the run).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Callable, Iterator

from newsmap.errors import InputError
from newsmap.settings import env_seconds

DEFAULT_EXTRACT_SECONDS = 10.0
# CPU time of the extracting thread: a hostile text is stopped by the work it causes, while a busy
# machine (other sessions, other workers) does not stop an ordinary article half-way.
_clock = time.thread_time


class BudgetExceeded(InputError):
    """Extraction took longer than its time budget."""


@dataclass(frozen=True)
class _Budget:
    source: str
    seconds: float
    deadline: float
    on_check: Callable[[], None] | None


_current: ContextVar[_Budget | None] = ContextVar("newsmap_extraction_budget", default=None)


def extract_seconds() -> float | None:
    """The time budget per article from ``NEWSMAP_EXTRACT_SECONDS`` (0 turns it off)."""
    return env_seconds("NEWSMAP_EXTRACT_SECONDS", DEFAULT_EXTRACT_SECONDS, zero_allowed=True) or None


@contextmanager
def time_budget(source: str, seconds: float | None = None,
                on_check: Callable[[], None] | None = None) -> Iterator[None]:
    """Within this block, ``check()`` raises BudgetExceeded once ``seconds`` (default: the
    configured budget) have passed. A budget already running (an outer caller's) is kept."""
    if _current.get() is not None:
        yield
        return
    seconds = extract_seconds() if seconds is None else seconds
    if seconds is None:
        budget = None if on_check is None else _Budget(source, float("inf"), float("inf"), on_check)
    else:
        budget = _Budget(source, seconds, _clock() + seconds, on_check)
    token = _current.set(budget)
    try:
        yield
    finally:
        _current.reset(token)


def check() -> None:
    """Stop the extraction running in this context if its time is up."""
    budget = _current.get()
    if budget is None:
        return
    if budget.on_check is not None:
        budget.on_check()
    if _clock() > budget.deadline:
        raise BudgetExceeded(
            f"{budget.source}: extraction stopped at its {budget.seconds:g}-second time budget "
            "(NEWSMAP_EXTRACT_SECONDS); the text is too long or too unusual to read in time"
        )
