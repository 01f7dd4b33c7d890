"""An input item → an :class:`~newsmap.records.Article` (run in the worker, before extraction).

A JSON Lines record is an object with ``text`` (plain text) or ``html`` (a page), and optionally
``title``, ``url``, ``publisher`` and ``published`` (``YYYY-MM-DD``, or an ISO date-time whose day is
kept). Other keys are ignored. A record's own ``published`` wins over ``--date``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from newsmap.batch.inputs import FileItem, RecordItem
from newsmap.errors import InputError
from newsmap.ingest import article_from_bytes, article_from_html, article_from_text
from newsmap.records import Article

MAX_FIELD_CHARACTERS = 2000


def article_for(item: FileItem | RecordItem, published: date | None) -> Article:
    if isinstance(item, FileItem):
        return article_from_bytes(item.data, item.name, published)
    return article_from_record(item.record, item.name, published)


def article_from_record(record: Any, name: str, published: date | None = None) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"{name}: a line must be a JSON object with \"text\" or \"html\", not {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        raise InputError(f"{name}: the line has neither \"text\" nor \"html\"")
    body = text if text is not None else html
    if not isinstance(body, str):
        field = "text" if text is not None else "html"
        raise InputError(f"{name}: \"{field}\" must be a string")
    title, url, publisher = (_optional_string(record, key, name) for key in ("title", "url", "publisher"))
    own_date = _record_date(record.get("published"), name)
    when = own_date or published
    given = dict(title=title, publisher=publisher, url=url)
    if text is not None:
        return article_from_text(text, source=name, published=when, **given)
    return article_from_html(html, source=name, published=when, **given)


def _optional_string(record: dict, key: str, name: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{name}: \"{key}\" must be a string")
    value = value.strip()
    if len(value) > MAX_FIELD_CHARACTERS:
        raise InputError(f"{name}: \"{key}\" is longer than {MAX_FIELD_CHARACTERS} characters")
    return value or None


def _record_date(value: Any, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InputError(f"{name}: \"published\" must be a date as YYYY-MM-DD, got {value!r}")
