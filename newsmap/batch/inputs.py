"""What ``ingest`` reads: files, directories (recursively), globs, ``-`` (standard input) and JSON
Lines files (one article per line), turned into numbered items in a stable order.

A problem found here (no such file, a line that is not JSON) becomes a :class:`Failure` in the
stream, at its place, so it is reported like any other and never stops the batch.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsmap.ingest import max_article_bytes

STDIN = "-"
STDIN_NAME = "<stdin>"
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
# What a directory is searched for; a file named on the command line is read whatever its name.
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", *JSON_LINES_SUFFIXES}
_GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class FileItem:
    """A whole file (or standard input) holding one article, as bytes."""

    index: int
    name: str
    data: bytes


@dataclass(frozen=True)
class RecordItem:
    """One line of a JSON Lines file: ``name`` is ``FILE:LINE``."""

    index: int
    name: str
    record: Any


@dataclass(frozen=True)
class Failure:
    index: int
    name: str
    reason: str


Item = FileItem | RecordItem | Failure


@dataclass(frozen=True)
class Source:
    """A file to read (``path``), standard input (``path`` is None), or a name that matched nothing."""

    name: str
    path: Path | None
    problem: str | None = None

    @property
    def is_json_lines(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in JSON_LINES_SUFFIXES


def sources(arguments: list[str]) -> list[Source]:
    """The files the arguments name, in order; directories are walked sorted, globs expanded sorted."""
    found: list[Source] = []
    for argument in arguments:
        if argument == STDIN:
            found.append(Source(STDIN_NAME, None))
            continue
        path = Path(argument)
        if path.is_dir():
            files = _walk(path)
            found.extend(Source(_name(f), f) for f in files)
            if not files:
                found.append(Source(_name(argument), None, "no article files (.txt, .html, .jsonl) in this directory"))
        elif path.exists() or not _GLOB_CHARACTERS & set(argument):
            found.append(Source(_name(argument), path))
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    found.extend(Source(_name(f), f) for f in _walk(match_path))
                else:
                    found.append(Source(_name(match), match_path))
            if not matches:
                found.append(Source(_name(argument), None, "no file matches this pattern"))
    return found


def _name(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8
    (kept by Python as surrogate escapes) are written as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _walk(folder: Path) -> list[Path]:
    files = []
    for root, directories, names in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        files.extend(
            Path(root) / name for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
        )
    return files


def count_items(found: list[Source], stdin_data: bytes | None = None) -> int:
    """How many items ``items`` will give (reads JSON Lines files once to count their lines)."""
    total = 0
    for source in found:
        if source.problem is not None:
            total += 1
        elif source.path is None:
            total += _count_stdin(stdin_data or b"")
        elif source.is_json_lines:
            try:
                with source.path.open("rb") as handle:
                    total += max(1, sum(1 for line in handle if line.strip()))
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _count_stdin(data: bytes) -> int:
    if _looks_like_json_lines(data):
        return max(1, sum(1 for line in data.splitlines() if line.strip()))
    return 1


def _looks_like_json_lines(data: bytes) -> bool:
    """Standard input is JSON Lines when it starts with ``{``: no article text does."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def items(found: list[Source], stdin_data: bytes | None = None) -> Iterator[Item]:
    """Every article to ingest, numbered from 0 in order, read lazily (one file in memory at a time)."""
    index = 0
    for source in found:
        if source.problem is not None:
            yield Failure(index, source.name, source.problem)
            index += 1
        elif source.path is None:
            data = stdin_data or b""
            if _looks_like_json_lines(data):
                for item in _records(iter(data.splitlines(keepends=True)), source.name, index):
                    yield item
                    index += 1
            else:
                yield FileItem(index, source.name, data)
                index += 1
        elif source.is_json_lines:
            try:
                handle = source.path.open("rb")
            except OSError as error:
                yield Failure(index, source.name, f"cannot read: {error.strerror or error}")
                index += 1
                continue
            with handle:
                produced = 0
                for item in _records(handle, source.name, index):
                    yield item
                    index += 1
                    produced += 1
                if not produced:
                    yield Failure(index, source.name, "the file holds no JSON line")
                    index += 1
        else:
            yield _read_file(index, source)
            index += 1


def _read_file(index: int, source: Source) -> FileItem | Failure:
    path = source.path
    assert path is not None
    if not path.exists():
        return Failure(index, source.name, "no such file")
    if not path.is_file():
        return Failure(index, source.name, "not a regular file")
    limit = max_article_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            return Failure(index, source.name, f"{size} bytes is over the {limit}-byte limit (NEWSMAP_MAX_ARTICLE_BYTES)")
        return FileItem(index, source.name, path.read_bytes())
    except OSError as error:
        return Failure(index, source.name, f"cannot read: {error.strerror or error}")


def _records(lines: Iterator[bytes] | BinaryIO, name: str, first_index: int) -> Iterator[RecordItem | Failure]:
    index = first_index
    limit = max_article_bytes()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        if len(line) > limit:
            yield Failure(index, where, f"{len(line)} bytes is over the {limit}-byte limit (NEWSMAP_MAX_ARTICLE_BYTES)")
        else:
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except UnicodeDecodeError as error:
                yield Failure(index, where, f"not UTF-8 text (bad byte at offset {error.start})")
            except json.JSONDecodeError as error:
                yield Failure(index, where, f"not valid JSON ({error.msg} at column {error.colno})")
            else:
                yield RecordItem(index, where, record)
        index += 1
