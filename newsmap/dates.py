"""Date expressions in article text, resolved against the publication date.

Finding the expressions is a regular-expression job; the match's groups already say the day, month
and year, so the calendar date is built from them directly (dateparser, which parses free text, is
left to publication dates in ``ingest``: on every date of every article it cost a third of the
time spent on dates, and 0.3 s of start-up in each worker process). News conventions:

- "overnight" / "last night" / "the night before" is the night before publication, dated to the
  evening it began (publication date − 1 day);
- a bare weekday is the most recent such day (the publication day itself if it is that weekday),
  or the next one when the sentence speaks of the future ("will be held", "expected", "planned");
- a date right after a reporting verb ("officials said Tuesday") is when something was *said*,
  flagged ``reporting`` so events prefer other dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

Granularity = Literal["day", "month", "year"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_PREFIXES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DAY_RANGE = rf"{_DAY}(?:\s*(?:-|–|—|to|and|into)\s*{_DAY})?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 13 July 2023 / 21-22 July 2025 / July 13, 2023 / July 13-14, 2023 / 2023-07-13 / 13/07/2023
    ("dmy", re.compile(rf"\b(?P<d>{_DAY_RANGE})\s+(?:of\s+)?(?P<m>{_MONTH})\s*,?\s+(?P<y>{_YEAR})\b", re.I)),
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY_RANGE})\s*,?\s+(?P<y>{_YEAR})\b", re.I)),
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(rf"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>{_YEAR})\b")),
    ("dm", re.compile(rf"\b(?P<d>{_DAY_RANGE})\s+(?:of\s+)?(?P<m>{_MONTH})(?![\w-])", re.I)),
    ("md", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY_RANGE})(?![\w:.-]*\d)(?!\s*(?:km|people|%))", re.I)),
    ("my", re.compile(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<mod>last|next|this|past|coming)?\s*(?P<w>{_WEEKDAY})\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<rel>overnight|last night|the night before|tonight|yesterday|today|this morning|"
        r"the previous day(?:['’]s)?|the day before|(?P<ak>a|one|two|three|\d+) days? (?P<dir>earlier|later|before)|"
        r"the (?:next|following) day|the day after|"
        r"this afternoon|this evening|earlier today|(?P<n>\d+|one|two|three|four|five|six|seven)\s+days?\s+ago)\b",
        re.I,
    )),
    # "last month", "two weeks ago", "earlier this month": a period counted back from publication
    ("period", re.compile(
        # not "in the last week" or "over the past month": a span up to now, not a time before it
        r"\b(?:(?<!the )(?P<last>last) (?P<lunit>week|month|year)(?! of)|"
        r"(?P<k>a|one|two|three|four|five|six|\d+) (?P<unit>weeks?|months?) ago|earlier this (?P<this>month))\b",
        re.I,
    )),
    ("month", re.compile(rf"\b(?P<pre>in|since|during|early|late|mid-?|by|until|through|throughout|of|from|between|and|or|to)\s+(?P<m>{_MONTH})(?![\w-])(?!\s+\d)", re.I)),
    ("year", re.compile(rf"\b(?P<pre>in|since|during|of|from|by|until)\s+(?P<y>{_YEAR})\b", re.I)),
]

_MONTH_REQUIRES_CAPITAL = {"may", "march", "mar"}
_REPORTING = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|announcement|stated|told|added|wrote|posted|confirmed|testified|"
    r"claimed|as of|as at|updated|update|according to (?:\w+\s+){0,4}on)"
    # "told AFP on Thursday", "said in a statement on Friday", "told a news conference late Monday"
    r"(?:(?<=told)\s+(?:(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w.'’-]*){0,4}|reporters|journalists|parliament|"
    r"(?:a|the)\s+(?:news|press)\s+conference|state\s+(?:media|television|TV|radio))"
    r"|(?<=said)\s+in\s+a\s+(?:\w+\s+)?(?:statement|post|video|interview|briefing))?"
    r"\s*(?:,\s*)?(?:on\s+|late\s+|early\s+|last\s+)?$",
    re.I,
)
# "Clashes continued as of 21 April": a state that still holds that day, not a tally's date.
_STILL_GOING = re.compile(r"\b(?:continu\w*|ongoing|still \w+) as (?:of|at)\s*$", re.I)
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|expected|scheduled|planned|plans? to|due to|upcoming|to be held|"
    r"set to|next|would (?:be held|take place|meet|host|start|begin))\b",
    re.I,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text: ``text[start:end]``, resolved to ``value``."""

    text: str
    start: int
    end: int
    value: date
    granularity: Granularity
    reporting: bool = False
    """True for the date of a statement ("officials said Tuesday"), not of what happened."""
    night: bool = False
    after_previous: int | None = None
    """Days after the date the text told last ("a day earlier" -1, "two days later" 2): ``value``
    counts them from publication, for want of that date."""


@lru_cache(maxsize=4096)
def parse_date(text: str, reference: date, prefer: str = "past") -> date | None:
    """Parse one date expression with dateparser, relative to ``reference``."""
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day, 12),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


def is_future_context(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def _first_day(day_range: str) -> str:
    return re.match(r"\d+", day_range).group(0)


def calendar_date(day: int, month: int, year: int | None, reference: date, prefer: str = "past") -> date | None:
    """That day; with no year, the one nearest ``reference`` on the side ``prefer`` names ("12 March"
    in an article of 2 March is last year's when looking back; "29 February" the last leap year's).
    None for a day the month never has."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    step = 1 if prefer == "future" else -1
    for candidate_year in range(reference.year, reference.year + 9 * step, step):
        try:
            value = date(candidate_year, month, day)
        except ValueError:
            continue
        if value == reference or (value > reference) == (prefer == "future"):
            return value
    return None


def _month(name: str) -> int:
    return _MONTH_PREFIXES.index(name[:3].lower()) + 1


def _weekday_date(weekday: int, reference: date, prefer: str) -> date:
    """The nearest such weekday before ``reference`` (after it when ``prefer`` is "future")."""
    if prefer == "future":
        return reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
    return reference - timedelta(days=(reference.weekday() - weekday - 1) % 7 + 1)


def _resolve(kind: str, match: re.Match[str], reference: date, future: bool) -> tuple[date | None, Granularity, bool]:
    prefer = "future" if future else "past"
    groups = match.groupdict()
    if kind in {"iso", "numeric"}:
        return calendar_date(int(groups["d"]), int(groups["m"]), int(groups["y"]), reference), "day", False
    if kind in {"dmy", "mdy", "dm", "md"}:
        year = int(groups["y"]) if groups.get("y") else None
        return calendar_date(int(_first_day(groups["d"])), _month(groups["m"]), year, reference, prefer), "day", False
    if kind == "my":
        return calendar_date(1, _month(groups["m"]), int(groups["y"]), reference), "month", False
    if kind == "month":
        return calendar_date(1, _month(groups["m"]), None, reference, prefer), "month", False
    if kind == "year":
        return date(int(groups["y"]), 1, 1), "year", False
    if kind == "period":
        return _period(groups, reference)
    if kind == "weekday":
        modifier = (groups.get("mod") or "").lower()
        weekday = _WEEKDAYS.index(groups["w"].lower())
        if modifier in {"", "this"} and weekday == reference.weekday():
            return reference, "day", False
        if modifier in {"next", "coming"}:
            prefer = "future"
        elif modifier in {"last", "past"}:
            prefer = "past"
        return _weekday_date(weekday, reference, prefer), "day", False
    rel = groups["rel"].lower()
    if rel in {"overnight", "last night", "the night before"}:
        return reference - timedelta(days=1), "day", True
    if rel == "yesterday" or rel.startswith(("the previous day", "the day before")):
        return reference - timedelta(days=1), "day", False
    if groups.get("dir") or rel in {"the next day", "the following day", "the day after"}:
        return reference + timedelta(days=_after_previous(groups, rel)), "day", False
    if groups.get("n"):
        count = _NUMBER_WORDS.get(groups["n"].lower()) or int(groups["n"])
        return reference - timedelta(days=count), "day", False
    return reference, "day", rel == "tonight"


def _after_previous(groups: dict, rel: str) -> int:
    if not groups.get("dir"):
        return 1 if rel in {"the next day", "the following day", "the day after"} else -1
    count = _COUNT_WORDS.get(groups["ak"].lower()) or int(groups["ak"])
    return count if groups["dir"].lower() == "later" else -count


# told relative to the narrative's last date, not to publication
_AFTER_PREVIOUS = re.compile(r"(?i)^(?:the previous day|the day before|the next day|the following day|the day after|"
                             r"(?:a|one|two|three|\d+) days? (?:earlier|later|before))")


_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _months_back(reference: date, months: int) -> date:
    index = reference.year * 12 + reference.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _period(groups: dict, reference: date) -> tuple[date | None, Granularity, bool]:
    """"last month" is that month; "last year" that year; "last week" and "two weeks ago" a day about
    that far back (the day itself is not known)."""
    if groups.get("this"):
        return date(reference.year, reference.month, 1), "month", False
    if groups.get("lunit"):
        unit, count = groups["lunit"].lower(), 1
    else:
        unit = groups["unit"].lower().rstrip("s")
        count = _COUNT_WORDS.get(groups["k"].lower()) or int(groups["k"])
    if unit == "year":
        return date(reference.year - count, 1, 1), "year", False
    if unit == "month":
        return _months_back(reference, count), "month", False
    return reference - timedelta(days=7 * count), "day", False


# Every pattern above needs a digit, a month or weekday name, or a relative-day word.
_MAY_HOLD_A_DATE = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|night|yesterday|tonight|morning|afternoon|evening|"
    r"since|during|until|through|year|month|week",
    re.I,
)


def find_dates(
    text: str, reference: date | None, start: int = 0, end: int | None = None, future: bool | None = None
) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, left to right, none overlapping.

    Without a ``reference`` (publication date) only expressions that carry a year are resolved.
    ``future`` forces the tense of bare weekdays and months; by default it is read from the text.
    """
    end = len(text) if end is None else end
    window = text[start:end]
    if not _MAY_HOLD_A_DATE.search(window):
        return []
    if future is None:
        future = is_future_context(window)
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(window):
            s, e = match.span()
            if kind == "weekday" and not match.group("mod"):
                s = match.start("w")
            if any(s < te and ts < e for ts, te in taken):
                continue
            month = match.groupdict().get("m")
            if month and not month[0].isupper() and month.lower().rstrip(".") in _MONTH_REQUIRES_CAPITAL:
                continue  # "may" the verb, "march" the walk
            if kind == "weekday" and not match.group("w")[0].isupper():
                continue
            if reference is None and kind not in {"dmy", "mdy", "iso", "numeric", "my", "year"}:
                continue
            reporting = bool(_REPORTING.search(window[max(0, s - 60) : s])) and not _STILL_GOING.search(
                window[max(0, s - 40) : s])
            try:
                value, granularity, night = _resolve(
                    kind, match, reference or date.today(), future and not reporting
                )
            except (ValueError, OverflowError):
                continue
            if value is None:
                continue
            taken.append((s, e))
            after_previous = None
            if kind == "relative" and _AFTER_PREVIOUS.match(window[s:e]):
                after_previous = _after_previous(match.groupdict(), match.group("rel").lower())
            mentions.append(
                DateMention(window[s:e], start + s, start + e, value, granularity, reporting, night, after_previous)
            )
    mentions.sort(key=lambda mention: mention.start)
    return mentions
