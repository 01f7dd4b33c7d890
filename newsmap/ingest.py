"""Turn a file or a string into an :class:`~newsmap.records.Article`.

Plain text keeps the decoded file text unchanged as ``Article.text`` so every offset indexes the
file exactly. HTML goes through trafilatura: there ``Article.text`` is the extracted main text, and
offsets index that extracted text (not the HTML source).

Publication date precedence: the ``published`` argument (``--date``) > a ``date YYYY-MM-DD``
header > a date in the wire dateline ("MOSCOW, March 11 (Reuters) -") or the HTML metadata.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

from newsmap.errors import InputError
from newsmap.records import Article, Span

DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024

_HEADER = re.compile(r"\A\ufeff?\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z0-9 .&/-]{0,30})\)"
_SEPARATOR = r"(?:\s*(?:—|–|:)\s*|\s+(?:--?\s+)?)"
_CAPS_WORD = r"[A-Z][A-Z'’.-]*"
_TITLE_WORD = r"[A-Z][a-zà-ÿA-Z'’.-]*"

# "KYIV:", "KYIV (AP) —", "KHARKIV, Ukraine —", "MOSCOW, March 11 (Reuters) -"
_CAPS_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:[ -]{_CAPS_WORD}){{0,3}})"
    rf"(?:,\s*(?P<region>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}}))?"
    rf"(?:,\s*(?P<date>{_DATELINE_DATE}))?"
    rf"(?:\s*{_AGENCY})?"
    r"(?:\s*(?:—|–|:)|\s+--?)\s+"
)
# "Kyiv, 12 May 2024 (UNIAN) -", "Kharkiv, Ukraine —", "Mykolaiv (Reuters) -"
_TITLE_DATELINE = re.compile(
    rf"(?P<place>{_TITLE_WORD}(?:[ -]{_TITLE_WORD}){{0,2}})"
    rf"(?:,\s*(?P<region>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}}))?"
    rf"(?:(?:,\s*(?P<date>{_DATELINE_DATE}))(?:\s*{_AGENCY})?{_SEPARATOR}"
    rf"|\s*{_AGENCY.replace('agency', 'agency2')}{_SEPARATOR}"
    r"|\s*(?:—|–)\s*)"
)


def max_article_bytes() -> int:
    value = os.environ.get("NEWSMAP_MAX_ARTICLE_BYTES")
    if not value:
        return DEFAULT_MAX_ARTICLE_BYTES
    try:
        return int(value)
    except ValueError:
        raise InputError(f"NEWSMAP_MAX_ARTICLE_BYTES is not a whole number: {value!r}") from None


def article_id_for(text: str) -> str:
    """Stable id: sha256 prefix of the NFC-normalised, whitespace-collapsed text."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    return controls > max(8, len(text[:4096]) // 100)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(?:head|body)[\s>]", head))


def _dateline_date(value: str | None, reference: date | None) -> date | None:
    if not value:
        return None
    from newsmap.dates import parse_date

    return parse_date(value, reference or date.today(), prefer="past")


def _find_title(text: str, start: int) -> tuple[str | None, int]:
    """A first short line without a full stop, followed by a line break, is a headline."""
    match = re.compile(r"[ \t]*([^\n]{1,200}?)[ \t]*\r?\n").match(text, start)
    if not match:
        return None, start
    line = match.group(1).strip()
    words = line.split()
    if not line or len(words) > 20 or line.endswith((".", ",", ";")) or _CAPS_DATELINE.match(line):
        return None, start
    if not line[0].isupper() and not line[0].isdigit() and line[0] not in "\"“'‘":
        return None, start
    # A dateline line on its own ("KYIV (AP) —") is not a headline.
    if _TITLE_DATELINE.fullmatch(line + " "):
        return None, start
    return line, match.end()


def _find_dateline(text: str, start: int) -> tuple[Span | None, str | None, int]:
    position = start
    while position < len(text) and text[position].isspace():
        position += 1
    for pattern in (_CAPS_DATELINE, _TITLE_DATELINE):
        match = pattern.match(text, position)
        if not match:
            continue
        place = match.group("place")
        if pattern is _CAPS_DATELINE and (len(place) < 2 or not any(c.isalpha() for c in place)):
            continue
        place = place.rstrip(".-'’")
        span = Span(place, match.start("place"), match.start("place") + len(place))
        return span, match.group("date"), match.end()
    return None, None, start


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 25_000))


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _check_english(text: str, source: str) -> None:
    """Refuse text that is plainly not English: the extraction rules read English only.

    Judged on lower-case words (names aside) found in wordfreq's 25,000 commonest English words:
    at least three in four in English news, under one in two in French, German, Spanish or Polish.
    Too short a text is given the benefit of the doubt.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 40:
        latin = sum(1 for c in letters if c.isascii() or unicodedata.name(c, "").startswith("LATIN"))
        if latin / len(letters) < 0.5:
            raise InputError(f"{source}: the text is not in English (mostly non-Latin script); newsmap reads English articles")
    words = [w for w in _WORD.findall(text) if w[0].islower()]
    if len(words) >= 8:
        known = sum(1 for w in words if w in _english_vocabulary())
        if known / len(words) < 0.6:
            raise InputError(f"{source}: the text does not look like English; newsmap reads English articles")


def article_from_text(
    text: str, source: str = "text", published: date | None = None, title: str | None = None
) -> Article:
    """Build an Article from decoded text; ``text`` is kept unchanged so offsets index it exactly."""
    if not isinstance(text, str):
        raise InputError(f"{source}: article text must be a string")
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    _check_english(text, source)
    body_start = 0
    header_date: date | None = None
    header = _HEADER.match(text)
    if header:
        try:
            header_date = date.fromisoformat(header.group(1))
        except ValueError:
            raise InputError(f"{source}: the date header is not a valid date: {header.group(1)!r}") from None
        body_start = header.end()
    found_title, after_title = _find_title(text, body_start)
    if found_title and after_title < len(text) and text[after_title:].strip():
        title = title or found_title
        body_start = after_title
    dateline, dateline_date_text, after_dateline = _find_dateline(text, body_start)
    if dateline:
        body_start = after_dateline
    while body_start < len(text) and text[body_start].isspace():
        body_start += 1
    if published is None:
        published = header_date or _dateline_date(dateline_date_text, header_date)
    return Article(
        article_id=article_id_for(text),
        text=text,
        source=source,
        title=title,
        published=published,
        dateline=dateline,
        body_start=min(body_start, len(text)),
    )


def article_from_html(html: str, source: str, published: date | None = None) -> Article:
    """Main text, title and date of an HTML page (via trafilatura); offsets index the extracted text."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in the HTML")
    meta_date = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            meta_date = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            meta_date = None
    article = article_from_text(text, source=source, published=published, title=getattr(document, "title", None))
    if article.published is None and meta_date is not None:
        article = Article(**{**article.__dict__, "published": meta_date})
    return article


def read_article(path: str | Path, published: date | None = None) -> Article:
    """Read a UTF-8 text or HTML file; bad input raises InputError with a one-line message."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    limit = max_article_bytes()
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{path}: {size} bytes is over the {limit}-byte limit (NEWSMAP_MAX_ARTICLE_BYTES)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return article_from_bytes(data, str(path), published=published, suffix=path.suffix)


def article_from_bytes(data: bytes, source: str, published: date | None = None, suffix: str = "") -> Article:
    """A file's content as read (text or HTML); ``source`` names it in messages. Batch workers get
    bytes rather than a path, since a Dask worker need not see the client's files."""
    if not data.strip():
        raise InputError(f"{source}: the file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(f"{source}: looks like a binary file, not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not UTF-8 text (bad byte at offset {error.start})") from None
    if _looks_binary(text):
        raise InputError(f"{source}: looks like a binary file, not article text")
    if suffix.lower() in {".html", ".htm", ".xhtml"} or _looks_like_html(text):
        return article_from_html(text, source=source, published=published)
    return article_from_text(text, source=source, published=published)
