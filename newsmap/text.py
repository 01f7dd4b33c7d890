"""Paragraph and sentence splitting that keeps character offsets into the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``article_text[start:end] == text``; ``paragraph`` counts from 0."""

    text: str
    start: int
    end: int
    paragraph: int
    index: int = 0


# Words that end with a full stop without ending the sentence ("Feb. 24", "Gen. Syrskyi", "U.S. officials").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "st", "mt", "ft", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept",
    "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "km", "obl",
    "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
}

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TERMINAL = tuple(".!?:;\"'”’)…")


_BULLETS = "•·▪►–-*"
# Lines that stand alone whatever their punctuation: photo captions and update stamps.
_STANDALONE_LINE = re.compile(
    r"[ \t]*(?:(?:file )?(?:photo|image|picture|caption|update[ds]?|last updated)|read (?:also|more)|also read|see also)\s*:", re.I)
_LABEL_END = re.compile(r"(?:^|[\s:|])(?:[A-Z][\w’'-]*|\d[\d:.,]*(?:\s?[AP]M)?)$")
_LAST_WORD = re.compile(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)$")
_FIRST_VISIBLE = re.compile(r"\s*(\S?)")


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    # A bounded window: scanning the whole prefix at every full stop would be quadratic in the text.
    match = _LAST_WORD.search(text, max(0, dot - 24), dot)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "Donald J. Trump"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs separated by blank lines; a single line break also separates a heading-like line."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BLANK_LINE.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    result: list[tuple[int, int]] = []
    for para_start, para_end in spans:
        line_start = para_start
        for newline in (m.start() for m in re.finditer(r"\n", text[para_start:para_end])):
            newline += para_start
            line = text[line_start:newline].strip()
            following = _FIRST_VISIBLE.match(text, newline + 1, para_end).group(1)
            heading = line and len(line.split()) <= 12 and not line.endswith(_TERMINAL)
            standalone = line and (
                line[0] in _BULLETS or following in _BULLETS or _STANDALONE_LINE.match(line)
                or _STANDALONE_LINE.match(text, newline + 1, para_end)
            )
            # A line that stops on a capitalised word or a figure ("... January 22 :Fighting") before a
            # capitalised line is a label or heading; one that stops on "of" or a comma is hard-wrapped.
            labelled = line and _LABEL_END.search(line) is not None
            if line and (line.endswith(_TERMINAL) or heading or labelled) and following.isupper() or not line or standalone:
                if line:
                    result.append((line_start, newline))
                line_start = newline + 1
        result.append((line_start, para_end))
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Real sentences in news stay under 1,000 characters; a longer run without a full stop is a list, a
# table or a text built to be slow, and every later stage reads a sentence whole: cut it at a space.
MAX_SENTENCE_CHARS = 2000


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    """Append ``text[start:end]`` (trimmed) as sentences of at most MAX_SENTENCE_CHARS."""
    start, end = _trim(text, start, end)
    while start < end:
        cut = end
        if end - start > MAX_SENTENCE_CHARS:
            space = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
            cut = space if space > start else start + MAX_SENTENCE_CHARS
        piece_end = _trim(text, start, cut)[1]
        if start < piece_end:
            sentences.append(Sentence(text[start:piece_end], start, piece_end, paragraph, len(sentences)))
        start = _trim(text, cut, end)[0]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with offsets into ``text``; empty pieces are dropped."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    paragraph = -1
    for para_start, para_end in _paragraph_spans(text, start, end):
        para_start, para_end = _trim(text, para_start, para_end)
        if para_start >= para_end:
            continue
        paragraph += 1
        cursor = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            if _ends_with_abbreviation(text, match.start()):
                continue
            _add(sentences, text, cursor, match.end(), paragraph)
            cursor = match.end()
        _add(sentences, text, cursor, para_end, paragraph)
    return sentences
