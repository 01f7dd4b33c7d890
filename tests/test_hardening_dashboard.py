"""The Articles page under attack: Markdown in file names and addresses stays text in the status
labels, and an extraction over its budget ends in a clear error."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from newsmap.store import Store
from tests.conftest import ROOT

EVIL_NAME = "[evil](http://evil.example) **bold**.txt"
MARKUP = set("[]()*_`<>!#|~")
ARTICLE = "date 2024-06-01\nKHARTOUM: Shelling killed six civilians in Omdurman on Saturday, medics said.\n"


def rendered_text(markdown: str) -> str:
    """What CommonMark shows for ``markdown`` if it holds only text and backslash escapes; fails on live markup."""
    unescaped = re.sub(r"\\(.)", "", markdown)
    live = {c for c in unescaped if c in MARKUP}
    assert not live, f"unescaped Markdown {sorted(live)} in {markdown!r}"
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture
def store_url(tmp_path, monkeypatch, pipeline):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", url)
    with Store(url) as store:  # not empty, so the app ingests no seeds
        store.add(pipeline.extract_text(ARTICLE, source="desk"))
    return url


@pytest.fixture
def articles_page(store_url):
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    app.switch_page("pages/app/articles.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_an_uploaded_file_name_renders_literally_in_the_status_label(articles_page):
    app = articles_page
    app.file_uploader(key="nm_upload").set_value((EVIL_NAME, b"   \n", "text/plain")).run()
    next(button for button in app.button if button.key == "nm_upload_go").click().run()
    assert not app.exception, [e.message for e in app.exception]
    (status,) = app.status
    assert status.state == "error"
    assert rendered_text(status.label) == f"Could not process {EVIL_NAME}"
    assert EVIL_NAME in rendered_text(app.error[0].value)


def test_an_address_renders_literally_in_the_status_label(articles_page):
    app = articles_page
    address = "http://10.9.8.7/[evil](http://evil.example)/**bold**"
    app.text_input(key="nm_url_text").input(address)
    next(button for button in app.button if button.label == "Fetch, process and store").click().run()
    assert not app.exception, [e.message for e in app.exception]
    (status,) = app.status
    assert rendered_text(status.label) == f"Could not process {address}"
    assert "internal address" in rendered_text(app.error[0].value)


def test_a_paste_over_the_time_budget_is_a_clear_error_and_stores_nothing(articles_page, store_url, monkeypatch):
    app = articles_page
    before = Store(store_url).articles()
    monkeypatch.setenv("NEWSMAP_EXTRACT_SECONDS", "0.000001")
    app.text_area(key="nm_paste_text").input(ARTICLE.replace("six", "seven"))
    next(button for button in app.button if button.label == "Process and store").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.status[0].state == "error"
    message = rendered_text(app.error[0].value)
    assert message.startswith("pasted text: extraction stopped at its 1e-06-second time budget")
    assert Store(store_url).articles() == before
