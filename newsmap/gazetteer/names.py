"""Names as the gazetteer matches them: folded word tokens, transliteration skeletons, which names are
usable in English text, and the generic words ("Oblast", "Province") around admin-unit names."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple

from unidecode import unidecode


# Generic words that name an admin-1 unit in English news ("the Poltava region", "Hebei province").
ADMIN1_SUFFIXES = (
    "region", "oblast", "province", "state", "governorate", "district", "krai", "kray", "county",
    "prefecture", "department", "territory", "republic", "voivodeship", "canton", "okrug",
    "municipality", "emirate", "division", "raion", "rayon", "wilaya", "oblast'",
)
_SUFFIX_WORDS = frozenset(s.rstrip("'") for s in ADMIN1_SUFFIXES)

_TOKEN = re.compile(r"[a-z0-9]+")
_TEXT_WORD = re.compile(r"[^\W_]+")


def fold_tokens(text: str) -> list[str]:
    """Fold a name to its matching tokens: ``"Kyïv-Sviatoshyn"`` -> ``["kyiv", "sviatoshyn"]``."""
    if not text.isascii():
        text = unidecode(text)
    return _TOKEN.findall(text.lower())


# pyahocorasick scans a node's children linearly, so a trie keyed directly on ~400k word ids would have
# a root with ~300k children (slow to build and to match). Each word id is therefore spelled as
# three base-128 digits: fan-out stays <= 128 and the trie stays small.
_DIGITS_PER_WORD = 3


def encode_ids(ids: Iterable[int]) -> tuple[int, ...]:
    out: list[int] = []
    for i in ids:
        out += (i >> 14, (i >> 7) & 127, i & 127)
    return tuple(out)


def fold(text: str) -> str:
    return " ".join(fold_tokens(text))


_ARTICLES = frozenset("al el ad ed aj ej ash esh as es at et ar er an en az ez ul".split())
_DIGRAPHS = (("sch", "s"), ("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"),
             ("zh", "z"), ("ph", "f"), ("dj", "j"), ("q", "k"), ("c", "k"), ("x", "ks"))
_VOWELISH = frozenset("aeiouyhw")


ADMIN_SUFFIX = re.compile(r"(?i)\s+(?:state|governorate|province|region|oblast|district|department|prefecture)$")


def skeleton(text: str) -> str:
    """A transliteration-blind key: "Deir al-Balah", "Dayr al Balah" -> "dblh"; "Hodeidah",
    "Al Hudaydah" -> "hdd"; "Kfarshuba", "Kfar Shouba" -> "kfrsb".

    Arabic articles are dropped, words joined (hyphens and spaces vary), common digraphs reduced,
    vowels and h/w/y dropped after the first letter, doubled letters collapsed."""
    tokens = fold_tokens(text)
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _ARTICLES] or tokens
    joined = "".join(tokens)
    for a, b in _DIGRAPHS:
        joined = joined.replace(a, b)
    if not joined:
        return ""
    out = [joined[0]]
    for ch in joined[1:]:
        if ch in _VOWELISH or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


def _strip_article(name: str) -> str | None:
    """"El-Hodeidah" -> "Hodeidah", "Al Fashir" -> "Fashir": the name as English news often writes it."""
    m = re.match(r"(?i)(?:al|el|ad|ash|as|at|ar|an|az|ed|es|et|ez|en|er)[- ](?=[A-Z])(.{5,})$", name)
    return m.group(1) if m else None


def _is_latin(name: str) -> bool:
    for char in name:
        if (char.isalpha() and not char.isascii() and unicodedata.category(char) != "Lm"
                and not unicodedata.name(char, "").startswith("LATIN")):
            return False
    return True


def usable_name(name: str, *, acronym_ok: bool = False) -> bool:
    """Latin-script names that can appear in English text; drops codes, 1–2 letter and lowercase junk."""
    name = name.strip()
    if not name or not _is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 and not acronym_ok:
        return False
    if name.islower() or not name[0].isupper() and not name[0].isdigit():
        return False
    if name.isupper() and not acronym_ok:
        return False
    return len(name.split()) <= 6


def _has_admin_suffix(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and fold(words[-1]) in _SUFFIX_WORDS


def _acronym_forms(alias: str) -> list[str]:
    """``"U. S."`` is also written ``"US"``: dotted abbreviations yield their undotted form."""
    if re.fullmatch(r"(?:[A-Z]\.\s?){2,}", alias):
        return [alias, alias.replace(".", "").replace(" ", "")]
    return [alias]


def _strip_admin_suffix(name: str) -> str | None:
    """``"Poltava Oblast"`` -> ``"Poltava"``; ``"Province of Barcelona"`` -> ``"Barcelona"``."""
    words = name.split()
    if len(words) >= 2 and fold(words[-1]) in _SUFFIX_WORDS:
        return " ".join(words[:-1])
    if len(words) >= 3 and fold(words[0]) in _SUFFIX_WORDS and words[1].lower() == "of":
        return " ".join(words[2:])
    return None


def _official_tail(name: str) -> str | None:
    """"Democratic Republic of the Congo" -> "Congo"; "Islamic Republic of Iran" -> "Iran"."""
    m = re.match(r"^(?:[\w-]+ ){0,3}(?:Republic|Kingdom|State|Federation|Emirate|Sultanate) of (?:the )?([A-Z][\w ]+)$", name)
    return m.group(1) if m and len(m.group(1)) >= 4 else None


class TextToken(NamedTuple):
    """A folded word of an article with its character span (several tokens may share one word)."""

    vocab_id: int
    start: int
    end: int
    word_start: bool
    word_end: bool


def tokenize(text: str, vocab: dict[str, int], start: int = 0, end: int | None = None) -> list[TextToken]:
    tokens: list[TextToken] = []
    append = tokens.append
    get = vocab.get
    for match in _TEXT_WORD.finditer(text, start, len(text) if end is None else end):
        word = match.group()
        if word.isascii():  # the common case: one ASCII word is one token
            append(TextToken(get(word.lower(), 0), match.start(), match.end(), True, True))
            continue
        parts = fold_tokens(word)
        for i, part in enumerate(parts):
            append(TextToken(get(part, 0), match.start(), match.end(), i == 0, i == len(parts) - 1))
    return tokens
