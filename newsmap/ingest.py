"""Turn a file or a string into an :class:`~newsmap.records.Article`.

Plain text keeps the decoded file text as ``Article.text`` (a UTF-8 byte-order mark dropped, a lone
carriage return read as a line feed, same length) so every offset indexes the decoded file text.
HTML goes through trafilatura: there ``Article.text`` is the extracted main text, and offsets index
that extracted text (not the HTML source).

Publication date precedence: the ``published`` argument (``--date``) > a ``date YYYY-MM-DD``
header > a date in the wire dateline ("MOSCOW, March 11 (Reuters) -") or the HTML metadata.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

from newsmap.errors import InputError
from newsmap.records import Article, Span
from newsmap.settings import env_whole_number

DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a file: HTML carries much more than its text
# The text extracted from it: long news stories run to 100 KB; a megabyte of text takes about the
# whole time budget to read, so a larger one is refused at once rather than after spending it.
DEFAULT_MAX_TEXT_BYTES = 1024 * 1024

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
    rf"(?:\s*/\s*{_CAPS_WORD}(?:[ -]{_CAPS_WORD}){{0,3}})*"  # "CAIRO/GAZA": filed from two places, the first named
    rf"(?:,\s*(?P<region>{_TITLE_WORD}(?:\s(?:of\s|the\s){{0,2}}{_TITLE_WORD}){{0,3}}))?"  # "Democratic Republic of Congo"
    rf"(?:,\s*(?P<date>{_DATELINE_DATE}))?"
    rf"(?:\s*{_AGENCY})?"
    r"(?:\s*(?:—|–|:)|\s+--?|\s+//)\s+"  # "BEIRUT //": The National
)
# "ANKARA" alone on the line above the story (Anadolu)
_CAPS_LINE_DATELINE = re.compile(rf"[ \t]*(?P<place>{_CAPS_WORD}(?:[ -]{_CAPS_WORD}){{0,2}})[ \t]*\r?\n")
# "Kyiv, 12 May 2024 (UNIAN) -", "Kharkiv, Ukraine —", "Mykolaiv (Reuters) -"
_TITLE_DATELINE = re.compile(
    rf"(?P<place>{_TITLE_WORD}(?:[ -]{_TITLE_WORD}){{0,2}})"
    rf"(?:,\s*(?P<region>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}}))?"
    rf"(?:(?:,\s*(?P<date>{_DATELINE_DATE}))(?:\s*{_AGENCY})?{_SEPARATOR}"
    rf"|\s*{_AGENCY.replace('agency', 'agency2')}{_SEPARATOR}"
    r"|\s*(?:—|–)\s*"
    r"|(?(region)\s+-\s+|(?!)))"  # "Gaza City, Gaza Strip - ": a plain hyphen only after a place and its region
)
# "Nov 27 (Reuters) -": a wire dateline with the date and the agency but no place
_DATE_ONLY_DATELINE = re.compile(rf"(?P<date>{_DATELINE_DATE})\s*{_AGENCY}{_SEPARATOR}")


def max_article_bytes() -> int:
    return env_whole_number("NEWSMAP_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES)


def max_text_bytes() -> int:
    return env_whole_number("NEWSMAP_MAX_TEXT_BYTES", DEFAULT_MAX_TEXT_BYTES)


def check_article_size(text: str, source: str) -> None:
    """The size half of the extraction budget, for text from anywhere (file, paste, URL, JSON line)."""
    limit = max_text_bytes()
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(f"{source}: {size} bytes of text is over the {limit}-byte limit (NEWSMAP_MAX_TEXT_BYTES)")


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


def _headline_date(title: str | None) -> date | None:
    """"Flash Update No. 3 (28 November 2026)": a report's own date in its title, when nothing else dates it."""
    if not title:
        return None
    from newsmap.dates import find_dates

    days = [m.value for m in find_dates(title, None) if m.granularity == "day"]
    return max(days) if days else None


# "Here is the situation on Saturday, November 28, 2026:", "Updated: 3 March 2026"
_REPORT_DATE_CUE = re.compile(r"\b(?:situation|updated?|published|posted|as of|as at)\b[^.\n]{0,24}$", re.I)


def _stated_report_date(text: str, start: int) -> date | None:
    """A date the opening lines give as the report's own ("the situation on …", "Updated …")."""
    from newsmap.dates import find_dates

    for mention in find_dates(text, None, start, min(len(text), start + 400)):
        if mention.granularity == "day" and _REPORT_DATE_CUE.search(text[max(start, mention.start - 60):mention.start]):
            return mention.value
    return None


def _find_title(text: str, start: int) -> tuple[str | None, int]:
    """A first short line without a full stop, followed by a line break, is a headline."""
    match = re.compile(r"[ \t]*([^\n]{1,200}?)[ \t]*\r?\n").match(text, start)
    if not match:
        return None, start
    line = match.group(1).strip()
    words = line.split()
    if not line or len(words) > 20 or line.endswith((".", ",", ";")) or _CAPS_DATELINE.match(line):
        return None, start
    if _place_line(text, start):
        return None, start  # "ANKARA" on its own line: a dateline, not a headline
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
    match = _DATE_ONLY_DATELINE.match(text, position)
    if match:
        return None, match.group("date"), match.end()
    if _place_line(text, position):
        match = _CAPS_LINE_DATELINE.match(text, position)
        return Span(match.group("place"), match.start("place"), match.end("place")), None, match.end()
    return None, None, start


def _place_line(text: str, position: int) -> bool:
    """Whether the line at ``position`` is a city's name alone in capitals ("ANKARA", "GAZA CITY"), not a
    word set in capitals ("BREAKING", "UPDATE", "ANALYSIS")."""
    match = _CAPS_LINE_DATELINE.match(text, position)
    if not match or not text[match.end():].strip():
        return False
    words = re.findall(r"[A-Z]+", match.group("place"))
    if any(w.lower() in _NOT_DATELINE_WORDS for w in words):
        return False
    from newsmap.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    return any(gazetteer.population[entry] >= _DATELINE_CITY_POPULATION
               for entry, _ in gazetteer.lookup(match.group("place").title()))


_DATELINE_CITY_POPULATION = 50_000  # a city a bureau or a correspondent files from


_NOT_DATELINE_WORDS = frozenset("update updated breaking exclusive analysis opinion editorial live video photos".split())


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    # wordfreq's list as the gazetteer cache stores it: importing wordfreq itself costs 0.15 s of
    # every process's start-up, and extraction loads the gazetteer anyway
    from newsmap.gazetteer import Gazetteer

    return Gazetteer.load().common_english_words(25_000)


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


def _has_visible_text(text: str) -> bool:
    """Any letter, digit, punctuation or symbol (not only spaces, controls, marks or zero-width format characters)."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


_LONE_CR = re.compile(r"\r(?!\n)")


def article_from_text(
    text: str, source: str = "text", published: date | None = None, title: str | None = None,
    publisher: str | None = None, url: str | None = None,
) -> Article:
    """Build an Article from decoded text; ``text`` is kept unchanged so offsets index it exactly.

    ``title``, ``publisher`` and ``url`` are what the user (or the page's metadata) says; a headline
    line in the text is the title when none is given.
    """
    if not isinstance(text, str):
        raise InputError(f"{source}: article text must be a string")
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    if not _has_visible_text(text):
        raise InputError(f"{source}: the article has no visible text (only spaces, zero-width or control characters)")
    # Old Mac line ends ("\r" alone) become "\n": same length, so offsets still index the text as given.
    text = _LONE_CR.sub("\n", text)
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
    dateline, dateline_date_text, body_start = _find_dateline(text, body_start)
    while body_start < len(text) and text[body_start].isspace():
        body_start += 1
    if published is None:
        published = (header_date or _dateline_date(dateline_date_text, header_date) or _headline_date(title)
                     or _stated_report_date(text, body_start))
    return Article(
        article_id=article_id_for(text),
        text=text,
        source=source,
        title=title,
        published=published,
        dateline=dateline,
        body_start=min(body_start, len(text)),
        publisher=_given(publisher),
        url=_given(url),
    )


def _given(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


LEAD_TITLE_CHARS = 110


def lead_title(article: Article) -> str | None:
    """For an article without a headline, its first sentence (shortened): what a list can show
    instead of "Untitled"."""
    from newsmap.labels import shorten
    from newsmap.text import split_sentences

    for sentence in split_sentences(article.text, article.body_start):
        if any(c.isalpha() for c in sentence.text):
            return shorten(sentence.text, LEAD_TITLE_CHARS)
    return None


def article_from_html(
    html: str, source: str, published: date | None = None, title: str | None = None,
    publisher: str | None = None, url: str | None = None,
) -> Article:
    """Main text, title, publisher, address and date of an HTML page (via trafilatura); offsets
    index the extracted text. What the caller gives wins over the page's metadata."""
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
    article = article_from_text(
        text, source=source, published=published,
        title=_given(title) or getattr(document, "title", None),
        publisher=_given(publisher) or getattr(document, "sitename", None),
        url=_given(url) or getattr(document, "url", None),
    )
    if article.published is None and meta_date is not None:
        article = Article(**{**article.__dict__, "published": meta_date})
    return article


def article_from_bytes(
    data: bytes, name: str, published: date | None = None, *, title: str | None = None,
    publisher: str | None = None, url: str | None = None,
) -> Article:
    """A file's bytes (UTF-8 text or HTML) as an Article whose source is ``name``.

    Every refusal is an InputError naming ``name`` — the user's own file name, never the place the
    bytes were kept — with the reason: empty, a document format newsmap can't read (PDF, DOCX…),
    binary, or not UTF-8.
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    kind = _document_kind(data)
    if kind:
        raise InputError(
            f"{name}: a {kind} file (binary, not article text) — only .txt and .html files can be read; "
            "copy the article's text and paste it instead"
        )
    text = decode_article_bytes(data, name)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not article text")
    given = dict(title=title, publisher=publisher, url=url)
    if Path(name).suffix.lower() in {".html", ".htm", ".xhtml"} or _looks_like_html(text):
        return article_from_html(text, source=name, published=published, **given)
    return article_from_text(text, source=name, published=published, **given)


def _document_kind(data: bytes) -> str | None:
    """"PDF", "DOCX", "PNG"…: the format of a file that is not text, as its usual extension names it."""
    import filetype

    kind = filetype.guess(data)
    return kind.extension.upper() if kind else None


def describe_file(name: str, data: bytes) -> dict[str, str | date | None]:
    """What a form can prefill for a file before it is processed: title, publisher, web address and
    publication date from an HTML page's metadata, or the headline and date header of a text.
    Empty for a file that can't be read (processing it says why)."""
    if _document_kind(data):
        return {}
    try:
        text = decode_article_bytes(data, name)
    except InputError:
        return {}
    if not text.strip() or "\x00" in text:
        return {}
    if Path(name).suffix.lower() in {".html", ".htm", ".xhtml"} or _looks_like_html(text):
        import trafilatura

        meta = trafilatura.extract_metadata(text)
        if meta is None:
            return {}
        found = {"title": meta.title, "publisher": meta.sitename, "url": meta.url, "published": None}
        if meta.date:
            try:
                found["published"] = date.fromisoformat(str(meta.date)[:10])
            except ValueError:
                pass
        return found
    header = _HEADER.match(text)
    title, _ = _find_title(text, header.end() if header else 0)
    published = None
    if header:
        try:
            published = date.fromisoformat(header.group(1))
        except ValueError:
            pass
    return {"title": title, "publisher": None, "url": None, "published": published}


def read_article(path: str | Path, published: date | None = None) -> Article:
    """Read a text or HTML file (UTF-8, or UTF-16/32 with a byte-order mark); bad input raises
    InputError with a one-line message naming the file."""
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
    return article_from_bytes(data, str(path), published)


# Byte-order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_article_bytes(data: bytes, source: str) -> str:
    """The text of an article file: UTF-8 (its byte-order mark dropped), or UTF-16/32 by their mark."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if b"\x00" in data[:65536]:
            raise InputError(f"{source}: looks like a binary file, not article text")
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        label = "UTF-8" if encoding == "utf-8" else encoding.upper().replace("-SIG", "")
        raise InputError(f"{source}: not {label} text (bad byte at offset {error.start})") from None
