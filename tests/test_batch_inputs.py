"""Batch inputs: files, directories, globs, standard input and JSON Lines, each problem named."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsmap.batch import inputs
from newsmap.batch.articles import article_from_record
from newsmap.batch.inputs import Failure, FileItem, RecordItem
from newsmap.errors import InputError

SUDAN = "KHARTOUM, Sudan — Shelling of Omdurman killed six people on Tuesday, medics said.\n"
MALI = "BAMAKO — An attack on an army post near Timbuktu killed four soldiers on Sunday, the army said.\n"


def _items(arguments, stdin=None):
    found = inputs.sources(arguments)
    listed = list(inputs.items(found, stdin))
    assert inputs.count_items(found, stdin) == len(listed)
    assert [item.index for item in listed] == list(range(len(listed)))
    return listed


def test_directories_are_walked_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(SUDAN, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.html").write_text(f"<html><body><p>{MALI}</p></body></html>", encoding="utf-8")
    (tmp_path / "b" / "notes.csv").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(SUDAN, encoding="utf-8")
    (tmp_path / "b" / "d.jsonl").write_text(json.dumps({"text": MALI}) + "\n", encoding="utf-8")
    names = [item.name for item in _items([str(tmp_path)])]
    assert names == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "d.jsonl") + ":1",
                     str(tmp_path / "b" / "deep" / "c.html")]


def test_globs_expand_and_a_glob_matching_nothing_is_a_failure(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(SUDAN, encoding="utf-8")
    listed = _items([str(tmp_path / "x*.txt"), str(tmp_path / "z*.txt"), str(tmp_path / "missing.txt")])
    assert [item.name for item in listed[:2]] == [str(tmp_path / "x1.txt"), str(tmp_path / "x2.txt")]
    assert isinstance(listed[0], FileItem) and listed[0].data == SUDAN.encode()
    assert listed[2] == Failure(2, str(tmp_path / "z*.txt"), "no file matches this pattern")
    assert listed[3] == Failure(3, str(tmp_path / "missing.txt"), "no such file")


def test_json_lines_give_one_item_per_line_and_name_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        json.dumps({"text": SUDAN}).encode() + b"\n\n"
        + b"{broken\n"
        + json.dumps({"html": f"<p>{MALI}</p>"}).encode() + b"\n"
        + b"\xff\xfe\n"
    )
    listed = _items([str(path)])
    assert [item.name for item in listed] == [f"{path}:1", f"{path}:3", f"{path}:4", f"{path}:5"]
    assert isinstance(listed[0], RecordItem) and listed[0].record == {"text": SUDAN}
    assert isinstance(listed[1], Failure) and listed[1].reason.startswith("not valid JSON")
    assert isinstance(listed[2], RecordItem)
    assert isinstance(listed[3], Failure) and listed[3].reason.startswith("not UTF-8")


def test_an_empty_json_lines_file_is_a_failure(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert _items([str(path)]) == [Failure(0, str(path), "the file holds no JSON line")]


def test_standard_input_is_one_article_or_json_lines():
    (text,) = _items(["-"], SUDAN.encode())
    assert text == FileItem(0, "<stdin>", SUDAN.encode())
    lines = (json.dumps({"text": SUDAN}) + "\n" + json.dumps({"text": MALI}) + "\n").encode()
    listed = _items(["-"], lines)
    assert [item.name for item in listed] == ["<stdin>:1", "<stdin>:2"]
    assert listed[1].record == {"text": MALI}


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMAP_MAX_ARTICLE_BYTES", "50")
    path = tmp_path / "long.txt"
    path.write_text(SUDAN, encoding="utf-8")
    (failure,) = _items([str(path)])
    assert isinstance(failure, Failure) and "over the 50-byte limit" in failure.reason


def test_a_record_keeps_its_title_url_publisher_and_date():
    article = article_from_record(
        {"text": SUDAN, "title": "Shelling in Omdurman", "url": "https://news.example/1",
         "publisher": "Example Wire", "published": "2024-05-07T10:00:00Z", "extra": 1},
        "feed.jsonl:1", published=date(2020, 1, 1),
    )
    assert (article.title, article.url, article.publisher, article.published) == (
        "Shelling in Omdurman", "https://news.example/1", "Example Wire", date(2024, 5, 7))
    assert article.source == "feed.jsonl:1" and article.text == SUDAN
    assert article_from_record({"text": SUDAN}, "x", published=date(2020, 1, 1)).published == date(2020, 1, 1)


def test_an_html_record_is_read_as_a_page():
    article = article_from_record({"html": f"<html><head><title>T</title></head><body><article><p>{MALI}</p>"
                                           f"</article></body></html>", "title": "Mali attack"}, "feed.jsonl:2")
    assert "Timbuktu" in article.text and article.title == "Mali attack"


@pytest.mark.parametrize("record, message", [
    (["text"], "must be a JSON object"),
    ({"title": "no body"}, 'neither "text" nor "html"'),
    ({"text": 5}, '"text" must be a string'),
    ({"text": SUDAN, "url": 7}, '"url" must be a string'),
    ({"text": SUDAN, "published": "last week"}, '"published" must be a date'),
    ({"text": SUDAN, "publisher": "x" * 3000}, "longer than"),
    ({"text": "   "}, "empty"),
])
def test_bad_records_are_refused_with_the_line_named(record, message):
    with pytest.raises(InputError, match=message) as caught:
        article_from_record(record, "feed.jsonl:9")
    assert str(caught.value).startswith("feed.jsonl:9: ")
