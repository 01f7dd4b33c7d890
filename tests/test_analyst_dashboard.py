"""The dashboard's analyst controls, sources and messages under Streamlit's AppTest: dismiss and restore,
the review queue, deleting an article, corrections that log what changed and show everywhere, article
details in the forms and lists, uploads refused with the file's name and reason, and filter links
checked with a notice.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from newsmap.store import Store

from .test_dashboard_apptest import (  # noqa: F401 (fixtures)
    _run,
    app_env,
    downloads,
    fresh_store,
    map_event_ids,
    seed_events,
    seeded_url,
)
from .test_store import report

TWO_CITIES = """date 2024-06-10
Shelling and drone strike hit two Sudanese cities
EL FASHER: Artillery shelling hit a crowded market in El Fasher on Monday, killing five people and wounding 12, medics said. A drone strike on a fuel depot in Port Sudan on Monday wounded three workers, officials said.
"""


@pytest.fixture
def two_events(fresh_store, pipeline):
    with Store(fresh_store) as store:
        store.add(pipeline.extract_text(TWO_CITIES, source="/srv/inbox/tmpq81/sudan-desk.txt"))
        events = store.event_dicts()
    assert sorted(e["location"] for e in events) == ["El Fasher", "Port Sudan"]
    return {e["location"]: e for e in events}


def _events_page_on(event_id: str):
    app = _run(page="pages/app/events.py")
    next(box for box in app.selectbox if box.label == "Event").set_value(event_id).run()
    assert not app.exception
    return app


def _button(app, label: str):
    return next(button for button in app.button if button.label == label)


def _plain(markdown: str) -> str:
    """Text as the user reads it: the backslashes escaping markdown (``common.md``) removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _csv_ids(downloads) -> set[str]:
    return {row["event_id_cnty"] for row in csv.DictReader(io.StringIO(downloads["newsmap-events.csv"]))}


def test_dismissing_an_event_hides_it_everywhere_and_restoring_brings_it_back(two_events, fresh_store, downloads):
    target = two_events["Port Sudan"]["event_id"]
    app = _events_page_on(target)
    app.text_input(key="nm_dismiss_by").input("Night desk")
    _button(app, "Dismiss this event").click().run()
    assert not app.exception
    assert "Dismissed" in app.success[0].value and "Port Sudan" in app.success[0].value

    assert target not in set(app.dataframe[0].value["event_id"])
    assert target not in _csv_ids(downloads)
    assert target not in map_event_ids(_run())
    listed = [m.value for m in app.markdown if "dismissed by" in m.value]
    assert len(listed) == 1 and "Port Sudan" in listed[0] and "Night desk" in listed[0]
    stored = Store(fresh_store).event_dicts(dismissed=True)
    assert [(e["event_id"], e["reviewed_by"]) for e in stored] == [(target, "Night desk")]

    app = _run(page="pages/app/events.py")
    _button(app, "Restore").click().run()
    assert "Restored" in app.success[0].value
    assert target in set(app.dataframe[0].value["event_id"])
    assert target in map_event_ids(_run())
    assert [r["action"] for r in Store(fresh_store).reviews(target)] == ["dismissed", "restored"]


def test_the_review_queue_lists_weak_events_to_confirm_or_dismiss(fresh_store, gazetteer):
    text = "Round-up\nA drone strike on Kharkiv wounded 3.\nShelling reportedly hit Kherson.\nLviv was quiet.\n"
    with Store(fresh_store) as store:
        store.add(report(gazetteer, text, "roundup.txt", [
            dict(place="Kharkiv", country="UA", event_type="drone_strike", wounded=3, confidence=0.6,
                 confidence_reasons="weapon not stated"),
            dict(place="Kherson", country="UA", event_type="shelling", confidence=0.4,
                 confidence_reasons="a claim not independently confirmed"),
            dict(place="Lviv", country="UA", event_type="other", confidence=0.95),
        ]))
        by_place = {e["location"]: e for e in store.event_dicts()}
    app = _run(page="pages/app/events.py")
    assert any(s.value == "Review queue (2)" for s in app.subheader)
    queued = [m.value for m in app.markdown if "confidence 0\\." in m.value]
    assert len(queued) == 2 and "Kherson" in queued[0] and "a claim not independently confirmed" in queued[0]
    assert "Kharkiv" in queued[1]

    app.button(key=f"nm_confirm_{by_place['Kharkiv']['event_id']}").click().run()
    assert "Confirmed" in app.success[0].value
    app.button(key=f"nm_queue_dismiss_{by_place['Kherson']['event_id']}").click().run()
    assert any(s.value == "Review queue (0)" for s in app.subheader)
    with Store(fresh_store) as store:
        assert {e["location"]: e["review"] for e in store.event_dicts(dismissed=None)} == {
            "Kharkiv": "confirmed", "Kherson": "dismissed", "Lviv": None}
        assert store.review_queue(0.7) == []


def test_deleting_an_article_asks_first_then_removes_it_and_its_events(two_events, fresh_store, pipeline):
    with Store(fresh_store) as store:
        article_id = store.articles()[0]["article_id"]
    app = _run(query={"article": article_id}, page="pages/app/articles.py")
    _button(app, "Delete this article…").click().run()
    assert "cannot be undone" in app.warning[0].value and "2 event" in app.warning[0].value
    _button(app, "Cancel").click().run()
    assert Store(fresh_store).articles(), "cancelled, yet deleted"

    _button(app, "Delete this article…").click().run()
    _button(app, "Yes, delete it").click().run()
    assert not app.exception
    assert "Deleted" in app.success[0].value and "Sudanese" in app.success[0].value
    with Store(fresh_store) as store:
        assert store.articles() == [] and store.event_dicts(dismissed=None) == []
    assert map_event_ids(_run()) == []


def test_an_article_without_events_is_listed_so_a_user_understands(fresh_store, pipeline):
    quiet = "date 2024-03-01\nThe committee met on Friday to discuss the budget and agreed to meet again next month.\n"
    with Store(fresh_store) as store:
        store.add(pipeline.extract_text(quiet, source="/tmp/tmpx9/minutes.txt"))
        store.add(pipeline.extract_text(TWO_CITIES, source="sudan.txt"))
    app = _run(page="pages/app/articles.py")
    labels = [_plain(link.proto.label) for link in app.get("page_link") if "·" in link.proto.label]
    quiet_label = next(label for label in labels if "committee" in label)
    assert "no events found" in quiet_label and "minutes.txt" in quiet_label and "/tmp" not in quiet_label
    assert "2024" in quiet_label and "Untitled" not in quiet_label and "0 events" not in quiet_label
    assert any("Shelling and drone strike hit two Sudanese cities" in label and "2 events" in label
               for label in labels)


def test_pasted_articles_keep_their_title_publisher_address_and_date(fresh_store):
    app = _run(page="pages/app/articles.py")
    body = TWO_CITIES.split("\n", 2)[2]  # no date header, no headline
    app.text_area(key="nm_paste_text").input(body)
    app.text_input(key="nm_paste_title").input("Market and depot hit in Sudan")
    app.text_input(key="nm_paste_publisher").input("Khartoum Evening Post")
    app.text_input(key="nm_paste_url").input("https://post.example.org/sudan/1")
    app.date_input(key="nm_paste_published").set_value(date(2024, 6, 11))
    app.button[0].click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    (listed,) = [a for a in Store(fresh_store).articles() if a["publisher"]]
    assert (listed["title"], listed["publisher"], listed["url"], listed["published"]) == (
        "Market and depot hit in Sudan", "Khartoum Evening Post", "https://post.example.org/sudan/1", "2024-06-11")
    event = Store(fresh_store).event_dicts(article_ids=[listed["article_id"]])[0]
    assert event["sources"][0]["source"] == "Khartoum Evening Post"
    reader = _run(query={"article": listed["article_id"]}, page="pages/app/articles.py")
    assert reader.title[0].value == "Market and depot hit in Sudan"
    caption = reader.caption[0].value
    assert "Khartoum Evening Post" in caption and "post\\.example\\.org" in caption and "2024\\-06\\-11" in caption


PAGE = """<html><head><title>Depot hit | The Border Courier</title>
<meta property="og:title" content="Drone strike hits depot near the border">
<meta property="og:site_name" content="The Border Courier">
<meta property="og:url" content="https://courier.example.net/2024/depot">
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>
<body><article><p>KHARKIV: A Russian drone struck a fuel depot in Chuhuiv on Thursday, wounding two workers, the regional governor said.</p>
<p>Firefighters put out the blaze within hours, officials said.</p></article></body></html>"""


def test_an_html_upload_prefills_its_details_from_the_page(fresh_store):
    app = _run(page="pages/app/articles.py")
    app.file_uploader(key="nm_upload").set_value(("depot.html", PAGE.encode(), "text/html")).run()
    assert not app.exception
    values = {widget.label: widget.value for widget in app.text_input if widget.key.startswith("nm_up_")}
    assert values["Title"] == "Drone strike hits depot near the border"
    assert values["Publisher"] == "The Border Courier"
    assert values["Web address of the article"] == "https://courier.example.net/2024/depot"
    assert next(w for w in app.date_input if w.key.startswith("nm_up_")).value == date(2024, 5, 2)
    app.button(key="nm_upload_go").click().run()
    assert not app.error, [e.value for e in app.error]
    (listed,) = [a for a in Store(fresh_store).articles() if a["url"]]
    assert (listed["title"], listed["origin"], listed["url"]) == (
        "Drone strike hits depot near the border", "The Border Courier", "https://courier.example.net/2024/depot")


def _docx() -> bytes:
    """A minimal Word document (a zip holding word/document.xml), made here."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_several_uploads_are_processed_with_progress_and_each_refusal_is_shown_open(fresh_store):
    app = _run(page="pages/app/articles.py")
    files = [
        ("sudan.txt", TWO_CITIES.encode(), "text/plain"),
        ("blank.txt", b"  \n", "text/plain"),
        ("photo.txt", bytes(range(256)) * 4, "text/plain"),
        ("brief.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
        ("notes.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("depeche.txt", "Des obus sont tombés sur le marché central de la ville mardi matin, selon les "
         "autorités locales qui ont fait état de plusieurs blessés parmi les habitants.".encode(), "text/plain"),
    ]
    app.file_uploader(key="nm_upload").set_value(files).run()
    assert _button(app, "Process and store 6 files")
    app.button(key="nm_upload_go").click().run()
    assert not app.exception
    assert app.get("progress")[0].proto.text == "Done: 1 of 6 stored"
    errors = [_plain(e.value) for e in app.error]
    assert len(errors) == 5
    assert "blank.txt" in errors[0] and "empty" in errors[0]
    assert "photo.txt" in errors[1] and "binary" in errors[1]
    assert "brief.pdf" in errors[2] and "a PDF file" in errors[2]
    assert "notes.docx" in errors[3] and "a DOCX file" in errors[3]
    assert "depeche.txt" in errors[4] and "English" in errors[4]
    assert not any("/tmp" in e or "upload." in e for e in errors)
    assert not app.get("status") and not app.get("expander"), "errors must not sit in a collapsed box"
    assert [a["source"] for a in Store(fresh_store).articles()][-1:] == ["sudan.txt"]
    assert not {"blank.txt", "photo.txt", "brief.pdf", "notes.docx", "depeche.txt"} & {
        a["source"] for a in Store(fresh_store).articles()}


@pytest.mark.parametrize("query, expected", [
    ({"from": "2099-01-01"}, "No stored event is dated on or after 2099\\-01\\-01"),
    ({"from": "2025-07-23", "to": "2025-07-01"}, "is after the end date"),
    ({"from": "yesterday"}, "is not a date"),
    ({"type": "bogus"}, "No event type called “bogus”"),
])
def test_a_bad_filter_link_gives_a_notice(app_env, seed_events, query, expected):
    app = _run(query=query)
    assert any(expected in w.value for w in app.warning), [w.value for w in app.warning]
    # What was left out is out: the whole seed is shown, and the address no longer holds it.
    assert "of {0} events".format(len(seed_events)) in app.markdown[0].value
    assert not set(query) & set(app.query_params)


def test_a_region_link_naming_a_town_suggests_its_region(app_env, seed_events):
    wanted = next(e for e in seed_events if e.get("location") == "Sumy")["admin1"]
    app = _run(query={"region": "Sumy"})
    (notice,) = [w.value for w in app.warning]
    assert "No region called “Sumy”" in notice and f"did you mean {wanted}" in notice
    assert app.sidebar.multiselect(key="nm_w_regions").value == []


def test_a_new_place_and_type_log_two_changes_and_the_reader_shows_them(two_events, fresh_store, gazetteer):
    target = two_events["Port Sudan"]
    app = _events_page_on(target["event_id"])
    next(w for w in app.text_input if w.label.startswith("New place")).input("Kassala").run()
    pick = next(w for w in app.selectbox if w.label == "Place found")
    index = next(i for i, label in enumerate(pick.options) if label.startswith("Kassala — Kassala"))
    pick.set_value(index).run()
    next(w for w in app.selectbox if w.label == "Event type").set_value("air_strike")
    _button(app, "Save correction").click().run()
    assert not app.error, [e.value for e in app.error]
    history = app.dataframe[1].value
    assert list(history["what"]) == ["type", "place"] or list(history["what"]) == ["place", "type"]
    assert any(m.value.startswith("**Correction history** (2 changes)") for m in app.markdown)
    place_row = history[history["what"] == "place"].iloc[0]
    assert place_row["extracted"].startswith("Port Sudan") and place_row["corrected to"].startswith("Kassala")
    fields = {c["field"] for c in Store(fresh_store).corrections(target["event_id"])}
    assert "country" not in fields and {"event_type", "location", "latitude", "longitude"} <= fields

    with Store(fresh_store) as store:
        article_id = store.articles()[0]["article_id"]
    reader = _run(query={"article": article_id}, page="pages/app/articles.py")
    cards = [h.proto.body for h in reader.get("html") if "class='nm-card" in h.proto.body]
    corrected = next(card for card in cards if "Kassala" in card)
    assert "Air strike" in corrected and "Port Sudan</b>" not in corrected and "Corrected by an analyst" in corrected


def test_the_page_links_carry_the_filters(app_env, seed_events):
    app = _run(query={"casualties": "1"})
    links = {link.proto.label: link.proto for link in app.get("page_link")}
    events_link = next(proto for label, proto in links.items() if label == "Events")
    assert events_link.query_string == "casualties=1"
    about = next(proto for label, proto in links.items() if label == "About")
    assert about.query_string == ""


def _everything_shown(app) -> str:
    """The text of every element the app rendered (markdown, captions, links, tables, HTML, frames)."""
    parts = []
    for kind in ("markdown", "caption", "title", "success", "error", "warning", "info"):
        parts += [element.value for element in app.get(kind)]
    parts += [link.proto.label for link in app.get("page_link")]
    parts += [frame.proto.srcdoc for frame in app.get("iframe")]
    parts += [html.proto.body for html in app.get("html")]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [box.options[box.index] if box.options else "" for box in app.selectbox]
    return _plain("\n".join(parts))


def test_no_server_or_temporary_path_is_shown_anywhere(two_events, fresh_store, downloads):
    assert "/srv/inbox/tmpq81/" in Store(fresh_store).article(
        Store(fresh_store).articles()[0]["article_id"]).article.source  # stored as given
    article_id = Store(fresh_store).articles()[0]["article_id"]
    shown = [
        _everything_shown(_run()),
        _everything_shown(_run(page="pages/app/events.py")),
        _everything_shown(_run(page="pages/app/articles.py")),
        _everything_shown(_run(query={"article": article_id}, page="pages/app/articles.py")),
        *downloads.values(),
    ]
    assert "newsmap-events.csv" in downloads and "newsmap-events.geojson" in downloads
    everything = "\n".join(shown)
    assert "sudan-desk.txt" in everything  # the file is named…
    assert "/srv" not in everything and "tmpq81" not in everything  # …but not where the server kept it
    assert "Traceback" not in everything


def test_the_seed_gets_its_lead_sentence_as_a_title(app_env):
    (seed,) = Store(app_env).articles()
    text = Store(app_env).article(seed["article_id"]).article.text
    assert seed["title"] and seed["title"] != "Untitled article"
    assert " ".join(text.split()).find(seed["title"].rstrip("…")) > 0
    assert seed["source"].endswith(".txt") and "/" not in seed["source"]
