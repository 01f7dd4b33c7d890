"""Odd encodings and mixed batches: what an article file can look like besides plain UTF-8."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsmap.errors import InputError
from newsmap.ingest import article_from_text, read_article
from newsmap.store import Store
from tests.conftest import ROOT

HEADLINE = "Car bomb kills three in Mosul"
ARTICLE = (f"{HEADLINE}\n"
           "MOSUL, Iraq (Wire) — A car bomb killed three people at a market in Mosul on Friday, police said.\n")


def newsmap(*args: str, database=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if database is not None:
        env["NEWSMAP_DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.run([sys.executable, "-m", "newsmap", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    path = tmp_path / "article.txt"
    data = ARTICLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    path.write_bytes(data)
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.title == HEADLINE and article.dateline.text == "MOSUL"


def test_a_utf8_byte_order_mark_is_dropped_and_the_dateline_found(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.title == HEADLINE
    assert article.dateline is not None and article.dateline.text == "MOSUL"
    assert article.text[article.dateline.start:article.dateline.end] == "MOSUL"


def test_carriage_return_line_ends_still_show_the_headline(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r").encode("utf-8"))
    article = read_article(path)
    assert article.title == HEADLINE and article.dateline.text == "MOSUL"
    assert len(article.text) == len(ARTICLE)


def test_zero_width_only_text_is_a_clear_error_and_a_non_zero_exit(tmp_path):
    path = tmp_path / "invisible.txt"
    path.write_text("\u200b\u200c\u200d\u2060\ufeff" * 20 + "\n", encoding="utf-8")
    result = newsmap("extract", str(path))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"newsmap: {path}: the article has no visible text "
                                                  "(only spaces, zero-width or control characters)"]
    with pytest.raises(InputError, match="no visible text"):
        article_from_text("\u200b" * 50, source="pasted text")


def test_a_bad_utf16_file_names_the_file(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Mosul".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate half
    with pytest.raises(InputError, match=rf"^{path}: not UTF-16 text"):
        read_article(path)


def test_ingest_good_bad_good_stores_the_good_ones_and_names_the_bad_one(tmp_path):
    first, bad, second = tmp_path / "first.txt", tmp_path / "bad.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02 not text")
    second.write_text(ARTICLE.replace("Mosul", "Kirkuk").replace("MOSUL", "KIRKUK"), encoding="utf-8")
    database = tmp_path / "store.db"
    result = newsmap("ingest", str(first), str(bad), str(second), database=database)
    assert result.returncode != 0
    assert str(bad) in result.stderr and str(first) not in result.stderr and str(second) not in result.stderr
    assert "Traceback" not in result.stderr
    with Store(f"sqlite:///{database}") as store:
        assert sorted(a["source"] for a in store.articles()) == sorted([str(first), str(second)])


def test_an_upload_error_names_the_uploaded_file_not_a_temporary_one():
    from pages.app import common

    with pytest.raises(InputError, match=r"^report \(final\)\.txt: the file is empty$"):
        common.article_from_upload("report (final).txt", b"  \n", None)
    article = common.article_from_upload("utf16.txt", ARTICLE.encode("utf-16"), None)
    assert article.source == "utf16.txt" and article.title == HEADLINE
