"""The date a sentence's event happened on: its own date, a reported day, or one carried from earlier."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsmap.dates import DateMention
from newsmap.events.kinds import ATTACK_TYPES
from newsmap.events.reading import _Analysis
from newsmap.records import Place


def _nearest_date(mentions: list[DateMention], place: Place) -> DateMention | None:
    usable = [m for m in mentions if not m.reporting and m.granularity == "day"]
    if not usable:
        return None
    return min(usable, key=lambda m: abs(m.start - place.end))


def _sentence_date(analysis: _Analysis, published: date | None) -> DateMention | None:
    """The date the sentence's event happened on, if the sentence gives one."""
    usable = [m for m in analysis.dates if not m.reporting and m.granularity != "year"]
    if analysis.kind in ATTACK_TYPES | {"attack", "drones_downed", "ground_fighting", "mine", "grenade", "defusal", "civilian_violence"} and published:
        usable = [m for m in usable if m.value <= published]
    days = [m for m in usable if m.granularity == "day"]
    # A named day or date beats "overnight"/"yesterday" ("overnight into Monday" is Monday's), and
    # of several the latest is the news ("erupted on 15 April, continued on 21 April").
    explicit = [m for m in days if not _RELATIVE_DAY.match(m.text) and m.after_previous is None]
    # "on the night of Saturday to Sunday": the night is dated by the evening it began
    night = _NIGHT_OF.search(analysis.sentence.text)
    if night:
        evening = [m for m in explicit if m.start - analysis.sentence.start == night.start("first")]
        explicit = evening or explicit
    # "Sunday's strike … rose to 35 on Tuesday": the day named as the attack's own is its date
    owned = [m for m in explicit if _POSSESSIVE.match(analysis.sentence.text, m.end - analysis.sentence.start)]
    if owned:
        return owned[0]
    if explicit:
        return max(explicit, key=lambda m: m.value)
    if days:
        return _from_telling_day(days[0], analysis, published)
    return usable[0] if usable else None


_TOLD_RELATIVE = re.compile(r"(?i)overnight|last night|the night before|yesterday|\w+ days? ago")


def _from_telling_day(mention: DateMention, analysis: _Analysis, published: date | None) -> DateMention:
    """"An overnight attack …, officials said Wednesday" in Thursday's paper: the night before Wednesday."""
    told = [m for m in analysis.dates if m.reporting and m.granularity == "day" and not _RELATIVE_DAY.match(m.text)
            and m.after_previous is None]
    if not published or not told or not _TOLD_RELATIVE.match(mention.text) or not told[0].value < published:
        return mention
    return replace(mention, value=mention.value - (published - told[0].value))


_RELATIVE_DAY = re.compile(r"(?i)overnight|last night|the night before|tonight|yesterday|today|this |earlier today|\w+ days? ago|"
                           r"last week|\w+ weeks? ago")


_NIGHT_OF = re.compile(r"\bnight of (?P<first>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day) (?:to|into|and) "
                       r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_POSSESSIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,4}?(?:strike|attack|bombing|shelling|raid|assault|massacre|"
                         r"ambush|explosion|blast|barrage|missile|drone)", re.I)


def counted_from_previous(analysis: _Analysis, history: list[tuple[_Analysis, DateMention]]) -> None:
    """"A day earlier", "two days later": counted from the last date the story told of an event,
    when it told one; from publication otherwise."""
    if not history or not any(m.after_previous is not None for m in analysis.dates):
        return
    base = history[-1][1].value
    analysis.dates = [replace(m, value=base + timedelta(days=m.after_previous)) if m.after_previous is not None else m
                      for m in analysis.dates]


def _reported_date(analysis: _Analysis, published: date | None) -> date | None:
    """"On Monday, officials said a strike hit ...": what was reported happened by then."""
    said = [m for m in analysis.dates if m.reporting and m.granularity == "day" and (published is None or m.value <= published)]
    return said[0].value if said else None


def _context_date(history: list[tuple[_Analysis, DateMention]], kind: str, published: date | None) -> date | None:
    """The latest earlier date that can carry over to a sentence without one ("After dark, ...")."""
    for analysis, mention in reversed(history):
        if kind == "diplomatic":
            if analysis.kind == "diplomatic":
                return mention.value
            continue
        if analysis.kind == "diplomatic" or mention.granularity != "day":
            continue
        if published and mention.value > published:
            continue
        if published and (published - mention.value).days > _CARRY_DAYS:
            continue  # a caption's or a history's old date says nothing of the sentences after it
        return mention.value
    return None


_CARRY_DAYS = 31
