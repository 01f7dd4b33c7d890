from __future__ import annotations

from datetime import date

import pytest

from newsmap.errors import InputError
from newsmap.ingest import article_from_html, article_from_text, article_id_for, read_article


def test_seed_header_inline_and_dateline(seed_path):
    article = read_article(seed_path)
    text = seed_path.read_text(encoding="utf-8")
    assert article.text == text  # unchanged, so offsets index the file
    assert article.published == date(2025, 7, 22)
    assert article.dateline is not None
    assert article.text[article.dateline.start : article.dateline.end] == article.dateline.text == "KYIV"
    assert article.text[article.body_start :].startswith("Ukrainian President")


def test_published_argument_beats_header(seed_path):
    assert read_article(seed_path, published=date(2024, 1, 2)).published == date(2024, 1, 2)


@pytest.mark.parametrize(
    ("text", "place", "body"),
    [
        ("KYIV (AP) — Russian drones hit the city.", "KYIV", "Russian drones"),
        ("MOSCOW, March 11 (Reuters) - Russia said it had repelled an attack.", "MOSCOW", "Russia said"),
        ("KHARKIV, Ukraine — A missile hit a warehouse.", "KHARKIV", "A missile"),
        ("Kyiv, 12 May 2024 (UNIAN) Russian troops shelled a village.", "Kyiv", "Russian troops"),
        ("Odesa (Reuters) - A drone hit the port.", "Odesa", "A drone"),
        ("NEW YORK: The UN met on Monday.", "NEW YORK", "The UN"),
        ("Khan Younis, Gaza Strip - Tank fire hit a school.", "Khan Younis", "Tank fire"),
        ("BEIRUT/JERUSALEM (Reuters) - Jets struck a village.", "BEIRUT", "Jets struck"),
    ],
)
def test_wire_datelines(text, place, body):
    article = article_from_text(text)
    assert article.dateline is not None
    assert article.dateline.text == place
    assert text[article.dateline.start : article.dateline.end] == place
    assert text[article.body_start :].startswith(body)


@pytest.mark.parametrize("text", ["US-Russia talks began on Monday.", "A drone hit the port.", "Russian forces struck.",
                                  "Truce - talks stall as strikes go on.", "Sudan - a war the world forgot."])
def test_no_dateline_in_ordinary_sentences(text):
    article = article_from_text(text)
    assert article.dateline is None
    assert article.body_start == 0


def test_date_from_dateline_when_no_header():
    article = article_from_text("Kyiv, 12 May 2024 (UNIAN) Russian troops shelled a village.")
    assert article.published == date(2024, 5, 12)


def test_a_wire_dateline_with_a_date_and_no_place():
    text = "Junta jets bomb market\n\nMarch 9, 2025 (Reuters) - Military jets bombed a market in Myanmar on Friday."
    article = article_from_text(text)
    assert article.published == date(2025, 3, 9)
    assert article.dateline is None
    assert text[article.body_start:].startswith("Military jets bombed")
    assert article_from_text("March 9 was a quiet day in the capital.").published is None


def test_a_report_dated_only_in_its_title():
    text = ("Myanmar: Rakhine clashes - Situation Report No. 7 (14 February 2026)\n\n"
            "On 12 February, shelling hit a village near Kyauktaw, humanitarian partners reported.")
    assert article_from_text(text).published == date(2026, 2, 14)
    # what the text itself says of its date comes first
    assert article_from_text("date 2026-02-20\n" + text).published == date(2026, 2, 20)


def test_a_digest_dated_in_its_opening_line():
    text = ("Israel-Gaza war: key events\n\nHere is the situation on Monday, 9 March 2026:\n\n"
            "- An Israeli strike on a tent camp in Khan Younis killed four people on Sunday.")
    assert article_from_text(text).published == date(2026, 3, 9)
    # a date in the story itself is not the report's
    story = "Ceasefire talks\n\nOn 7 October 2023, gunmen crossed the fence; the war has not stopped since."
    assert article_from_text(story).published is None


def test_header_on_its_own_line_and_headline():
    text = "date 2024-05-01\nDrone hits port in the south\nODESA: A drone hit the port on Tuesday.\n"
    article = article_from_text(text)
    assert article.published == date(2024, 5, 1)
    assert article.title == "Drone hits port in the south"
    assert article.dateline.text == "ODESA"
    assert text[article.body_start :].startswith("A drone hit")


def test_invalid_header_date_is_an_input_error():
    with pytest.raises(InputError, match="not a valid date"):
        article_from_text("date 2024-02-31\nSomething happened.")


def test_article_id_ignores_whitespace_and_normalisation():
    assert article_id_for("Kyiv  was\nhit.") == article_id_for("Kyiv was hit.")
    assert article_id_for("Caf\u00e9") == article_id_for("Cafe\u0301")
    assert article_id_for("Kyiv was hit.") != article_id_for("Lviv was hit.")
    assert len(article_id_for("x")) == 16


def test_read_errors_are_one_line(tmp_path, monkeypatch):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Dnipro \u2014 caf\u00e9".encode("latin-1", errors="replace") + b"\xe9\xe8")
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    monkeypatch.setenv("NEWSMAP_MAX_ARTICLE_BYTES", "100")
    cases = {
        tmp_path / "missing.txt": "no such file",
        tmp_path: "not a regular file",
        empty: "empty",
        binary: "binary",
        latin: "not UTF-8",
        big: "limit",
    }
    for path, message in cases.items():
        with pytest.raises(InputError) as caught:
            read_article(path)
        assert message in str(caught.value)
        assert "\n" not in str(caught.value)


def test_bad_size_setting(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("A drone hit Lviv.", encoding="utf-8")
    monkeypatch.setenv("NEWSMAP_MAX_ARTICLE_BYTES", "lots")
    with pytest.raises(InputError, match="NEWSMAP_MAX_ARTICLE_BYTES"):
        read_article(path)


HTML = """<!doctype html><html><head><title>Missile strike on Dnipro | Example News</title>
<meta property="article:published_time" content="2024-04-19T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Missile strike on Dnipro</h1>
<p>DNIPRO (AP) — A Russian missile hit a railway station in Dnipro on Friday morning, killing two people
and wounding 28 others, the regional governor said.</p>
<p>Rescue workers searched the rubble for hours after the strike, which damaged nearby homes and shops.</p>
<p>The city has been targeted repeatedly since the start of the full-scale invasion in February 2022.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_main_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert "killing two people" in article.text
    assert "Home | World" not in article.text
    assert "Missile strike on Dnipro" in (article.title or "")
    assert article.published == date(2024, 4, 19)
    assert read_article(path, published=date(2024, 4, 20)).published == date(2024, 4, 20)
    if article.dateline:
        assert article.text[article.dateline.start : article.dateline.end] == article.dateline.text


def test_html_without_text_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        article_from_html("<html><body><script>x()</script></body></html>", source="x.html")


@pytest.mark.parametrize(
    "text",
    [
        "Les forces russes ont bombardé la ville de Kharkiv lundi, tuant deux personnes, selon les autorités.",
        "Die russischen Streitkräfte haben am Montag die Stadt Charkiw beschossen, dabei wurden zwei Menschen getötet.",
        "ХАРКІВ — У понеділок російські війська обстріляли місто, загинули двоє людей, повідомила обласна влада.",
    ],
)
def test_text_that_is_not_english_is_refused_with_a_clear_message(text):
    with pytest.raises(InputError, match="English"):
        article_from_text(text, source="pasted")


def test_terse_english_event_notes_are_english():
    note = "On 5 May 2024, Russian forces shelled Kupiansk with mortars and artillery, injuring 3 civilians."
    assert article_from_text(note).text == note
