"""Where in the text each casualty figure of an event is written, as character spans.

An event's figures are counted by ``casualties.find_casualties`` over normalised text; this finds the
words they were read from ("at least 16", "thirty-one", "dozens"), so the reader can mark the very
number and anyone can check it against the article.
"""

from __future__ import annotations

import re
from newsmap.casualties import SINGULAR_PEOPLE, numbers_as_digits
from newsmap.records import FigureSpan

_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million)"
)
_EXPRESSION = re.compile(
    rf"\b(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMBER_WORD}(?:[ -](?:and )?{_NUMBER_WORD})*|a dozen|dozens|scores|"
    rf"hundreds|thousands|tens)\b",
    re.I,
)
# "a man was killed": one, written as a person.
_ONE_PERSON = re.compile(
    r"\b(?:an?|one) (?:(?:\d+-year-old|elderly|young|local|pregnant|civilian) )?(?:" + "|".join(sorted(SINGULAR_PEOPLE)) + r")\b",
    re.I,
)
_VAGUE = {"a dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10}
_CATEGORY_WORDS = {
    "killed": re.compile(r"\b(?:kill\w*|dead|died|deaths?|lives|perish\w*|fatalit\w*|slain|bodies|martyr\w*|toll)\b", re.I),
    "wounded": re.compile(r"\b(?:wound\w*|injur\w*|hurt|hospitali[sz]ed|maimed)\b", re.I),
}
# How far (characters) a casualty word may be from the number it counts.
NEAR = 80


def _value(words: str) -> int | None:
    key = words.lower()
    if key in _VAGUE:
        return _VAGUE[key]
    digits = numbers_as_digits(words).replace(",", "").strip()
    return int(digits) if digits.isdigit() else None


def locate_figures(text: str, start: int, end: int, figures: dict[str, int | None]) -> tuple[FigureSpan, ...]:
    """Spans in ``text[start:end]`` that state each non-null figure, nearest to a word of its kind."""
    expressions = []
    for match in _EXPRESSION.finditer(text, start, end):
        value = _value(match.group())
        if value is not None:
            expressions.append((match.start(), match.end(), value))
    for match in _ONE_PERSON.finditer(text, start, end):
        expressions.append((match.start(), match.end(), 1))
    found: list[FigureSpan] = []
    used: set[tuple[int, int]] = set()
    for field, value in figures.items():
        if value is None or value == 0:
            continue
        best = None
        for s, e, v in expressions:
            if v != value or (s, e) in used:
                continue
            distance = _distance_to_word(text, s, e, _CATEGORY_WORDS[field], start, end)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, s, e)
        if best is not None:
            used.add((best[1], best[2]))
            found.append(FigureSpan(field, best[1], best[2]))
    return tuple(sorted(found, key=lambda f: f.start))


def _distance_to_word(text: str, s: int, e: int, words: re.Pattern[str], start: int, end: int) -> int | None:
    window_start, window_end = max(start, s - NEAR), min(end, e + NEAR)
    distances = [
        s - m.end() if m.end() <= s else m.start() - e
        for m in words.finditer(text, window_start, window_end)
    ]
    return min(distances) if distances else None
