"""Failures of a batch: written to ``--report FILE`` (JSON Lines) as they happen, so a run that is
killed still leaves its report, and listed at the end."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newsmap.errors import NewsmapError


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters (escape sequences, newlines) shown escaped."""
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch for ch in text)


@dataclass(frozen=True)
class FailedInput:
    name: str
    reason: str


class FailureReport:
    def __init__(self, path: str | Path | None = None):
        self.failures: list[FailedInput] = []
        self.path = Path(path) if path else None
        self.handle: TextIO | None = None
        if self.path is not None:
            try:
                # A file name that is not UTF-8 (surrogate escapes) is written escaped, not refused.
                self.handle = self.path.open("w", encoding="utf-8", errors="backslashreplace")
            except OSError as error:
                raise NewsmapError(f"{self.path}: cannot write the report: {error.strerror or error}") from None

    def add(self, name: str, reason: str) -> None:
        self.failures.append(FailedInput(name, reason))
        if self.handle is not None:
            self.handle.write(json.dumps({"name": name, "reason": reason}, ensure_ascii=False) + "\n")
            self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def lines(self) -> list[str]:
        return [f"newsmap: failed: {printable(failure.name)}: {printable(failure.reason)}" for failure in self.failures]
