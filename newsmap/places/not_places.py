"""Names that are never places here, whatever the gazetteer holds: armed groups, parties,
organisations, holidays, weapons (``newsmap/data/*.tsv``), and media outlets named after a place
("The Times of Israel", "Kyiv Independent")."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Group:
    """An armed group, party, force or organisation as listed in ``armed_groups.tsv``."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def armed_groups() -> tuple[Group, ...]:
    return tuple(
        Group(row["name"], tuple(a for a in row["aliases"].split("|") if a), row["kind"], row["country"] or None)
        for row in _rows(DATA / "armed_groups.tsv")
    )


@lru_cache(maxsize=1)
def _group_pattern() -> tuple[re.Pattern[str], dict[str, Group]]:
    by_form: dict[str, Group] = {}
    for group in armed_groups():
        for form in (group.name, *group.aliases):
            for variant in _article_variants(form):
                by_form.setdefault(variant, group)
                by_form.setdefault(_generic_tail_lowered(variant), group)
    words = {row["word"] for row in _rows(DATA / "not_places.tsv")}
    forms = sorted(set(by_form) | words, key=len, reverse=True)
    # Names are matched as written (acronyms in capitals); a lower-case Arabic article may vary ("al-Shabab").
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])"), by_form


_ARABIC_ARTICLE = re.compile(r"^(?i:(al|el|ad|as|ash|an|ar|at))([- ])(?=[A-Z])")


def _article_variants(form: str) -> list[str]:
    """"Al-Shabaab" is also written "al Shabaab", "Al Shabaab", "al-Shabaab": the article's case and
    joiner vary with the newsroom."""
    hit = _ARABIC_ARTICLE.match(form)
    if not hit:
        return [form]
    article, rest = hit.group(1).lower(), form[hit.end():]
    return [form] + [f"{a}{joiner}{rest}" for a in (article, article.title()) for joiner in ("-", " ")]


_UNIT_TAILS = frozenset("Brigade Brigades Regiment Battalion Army Front Forces Movement Militia Group".split())


def _generic_tail_lowered(form: str) -> str:
    """"Azov brigade", "Arakan army": newsrooms lower-case the generic last word of a unit's name."""
    words = form.split(" ")
    if len(words) > 1 and words[-1] in _UNIT_TAILS:
        return " ".join(words[:-1] + [words[-1].lower()])
    return form


def group_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Group | None]]:
    """Where ``text`` names an armed group, party or organisation (the group), or a holiday or
    weapon (None)."""
    end = len(text) if end is None else end
    return [span for span in _all_group_spans(text) if start <= span[0] and span[1] <= end]


@lru_cache(maxsize=8)
def _all_group_spans(text: str) -> tuple[tuple[int, int, Group | None], ...]:
    # Several stages ask about the same article: scan it once.
    pattern, by_form = _group_pattern()
    return tuple((m.start(), m.end(), by_form.get(m.group())) for m in pattern.finditer(text))


_MEDIA_AFTER = re.compile(
    r"^(?:['’]s)?[ \u00a0](?:[A-Z][a-z]+ )?(?:News|Times|Post|Herald|Independent|Tribune|Daily|Telegraph|Journal|"
    r"Gazette|Observer|Today|Pravda|Radio|TV|Television|Broadcasting|Chronicle|Express|Standard|Star|Sun|Mirror|"
    r"Insider|Monitor|Review|Courier|Dispatch|Inquirer|Examiner)\b"
)
_FACILITY_AFTER = re.compile(
    r"^[ \u00a0](?:Medical Cent(?:er|re)|Hospital|University|College|School|Mosque|Church|Cathedral|Stadium|"
    r"Prison|Palace|Hotel|Mall|Tower|Market)\b"
)
_MEDIA_BEFORE = re.compile(r"\b(?:Times|Post|Voice|Radio|News|Herald|Star) of (?:the )?$")


# "the landing ship Novocherkassk", "the tanker Sounion": a name right after the kind of vessel is the ship's.
_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|vessel|warship|flagship|tanker|carrier|frigate|corvette|cruiser|destroyer|submarine|freighter|"
    r"ferry|boat|trawler|tug|icebreaker|yacht|dredger)[ \u00a0](?:(?:MV|MT|MSC|SS|HMS|USS|INS)[ \u00a0])?$"
)


def is_media_name(text: str, start: int, end: int) -> bool:
    """A place that names a newspaper or broadcaster ("The Washington Post", "Times of Israel"), a
    building ("Rambam Medical Center") or a ship ("the frigate Admiral Makarov"): none is a toponym."""
    return bool(_MEDIA_AFTER.match(text[end:end + 40]) or _FACILITY_AFTER.match(text[end:end + 20])
                or _MEDIA_BEFORE.search(text[max(0, start - 20):start])
                or _VESSEL_BEFORE.search(text[max(0, start - 24):start]))
