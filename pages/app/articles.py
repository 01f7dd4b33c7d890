"""Articles page: add articles (paste, upload one or several files, URL) with their title, publisher,
address and date; read a stored one with its findings marked (corrected values shown); delete one."""

from datetime import date

import streamlit as st

from newsmap.errors import NewsmapError
from newsmap.labels import casualty_text, corrected_text, file_or_address
from newsmap.reader import article_html, event_card_html, reader_legend_html
from pages.app import common

EARLIEST = date(1900, 1, 1)  # (Streamlit's own default earliest date is only ten years back)
_DELETING = "nm_delete_confirm"
_DELETED = "nm_deleted"


def _ingest(make_article):
    """Build the article, extract, store; returns (result, extraction). NewsmapError if unusable."""
    article = make_article()
    extraction = common.pipeline().extract(article)
    return common.store_extraction(extraction), extraction


def _process(jobs: list[tuple[str, object]]) -> None:
    """Process (label, make_article) jobs one by one with a progress bar, then say how each went —
    in the open, each refusal naming the user's file (or "the pasted text") and the reason."""
    outcomes = []
    progress = st.progress(0.0, text=f"Processing {len(jobs)} article(s)…")
    for index, (label, make_article) in enumerate(jobs):
        progress.progress(index / len(jobs), text=f"{index + 1} of {len(jobs)}: {label}")
        try:
            result, extraction = _ingest(make_article)
        except NewsmapError as error:
            outcomes.append((label, None, str(error)))
        except Exception as error:  # noqa: BLE001 - the page must stay usable whatever happened
            outcomes.append((label, None, f"{label}: unexpected error ({type(error).__name__}); nothing was stored"))
        else:
            outcomes.append((label, (result, extraction), None))
    stored = sum(1 for _label, done, _error in outcomes if done)
    progress.progress(1.0, text=f"Done: {stored} of {len(jobs)} stored")
    for label, done, error in outcomes:
        if error:
            # (Refusals start with the name they were given: say it once.)
            for name in (label, "pasted text"):
                error = error.removeprefix(f"{name}: ")
            st.error(common.md(f"Could not store {label} — {error}"))
            continue
        result, extraction = done
        state = "Stored" if result.created else "Already stored"
        events = f"{result.n_events} event{'s' if result.n_events != 1 else ''}" if result.n_events else "no events found"
        st.success(common.md(f"{state}: {label} ({len(extraction.places)} places, {events})."))
        st.session_state["nm_last_ingest"] = result.article_id
        common.article_link(result.article_id, "Read it with its findings marked")


def _source_fields(key: str, prefill: dict | None = None, *, one_article: bool = True) -> dict:
    """Title, publisher, web address and publication date inputs (prefilled when known)."""
    prefill = prefill or {}
    values = {}
    left, right = st.columns(2)
    with left:
        if one_article:
            values["title"] = st.text_input("Title", value=prefill.get("title") or "", key=f"{key}_title",
                                            placeholder="The headline (taken from the first line if it is one)")
        values["publisher"] = st.text_input("Publisher", value=prefill.get("publisher") or "",
                                            key=f"{key}_publisher", placeholder="e.g. the newspaper or agency")
    with right:
        if one_article:
            values["url"] = st.text_input("Web address of the article", value=prefill.get("url") or "",
                                          key=f"{key}_url", placeholder="https://…")
        values["published"] = st.date_input(
            "Publication date", value=prefill.get("published"), format="YYYY-MM-DD", key=f"{key}_published",
            min_value=EARLIEST, max_value=date.today(),
            help="If the article doesn't give one, events dated 'on Tuesday' are placed relative to it.",
        )
    return values


def _paste_tab() -> None:
    with st.form("nm_paste", clear_on_submit=False):
        text = st.text_area("Article text", height=220, key="nm_paste_text",
                            placeholder="Paste the article: headline, dateline and body.")
        given = _source_fields("nm_paste")
        submitted = st.form_submit_button("Process and store", type="primary")
    if not submitted:
        return
    if len(text.encode("utf-8")) > common.MAX_UPLOAD_BYTES:
        st.error(f"Could not store the pasted text — it is over the {common.MAX_UPLOAD_BYTES:,}-byte limit.")
        return
    from newsmap.ingest import article_from_text

    published = given.pop("published")
    _process([("the pasted text", lambda: article_from_text(text, source="pasted text", published=published,
                                                             **given))])


def _upload_tab() -> None:
    uploads = st.file_uploader(
        "Article files: plain text (.txt) or web pages (.html); several at once", accept_multiple_files=True,
        key="nm_upload",
    )
    if not uploads:
        return
    if len(uploads) == 1:
        (upload,) = uploads
        from newsmap.ingest import describe_file

        st.caption("Filled in from the file where it says; correct or complete them before storing.")
        # Keyed by the file, so a new file's details replace the last one's.
        given = _source_fields(f"nm_up_{upload.file_id}", describe_file(upload.name, upload.getvalue()))
    else:
        st.caption("Each file's title, address and date are read from the file; a publisher or date set here "
                   "applies to all of them.")
        given = _source_fields("nm_up_many", one_article=False)
    label = "Process and store" if len(uploads) == 1 else f"Process and store {len(uploads)} files"
    if not st.button(label, key="nm_upload_go", type="primary"):
        return
    published = given.pop("published")

    def job(upload):
        return lambda: common.article_from_upload(upload.name, upload.getvalue(), published, **given)

    _process([(upload.name, job(upload)) for upload in uploads])


def _url_tab() -> None:
    st.caption("Needs an internet connection; everything else works offline.")
    with st.form("nm_url"):
        url = st.text_input("Web address", placeholder="https://…", key="nm_url_text")
        left, right = st.columns(2)
        with left:
            publisher = st.text_input("Publisher (if the page doesn't say)", key="nm_url_publisher")
        with right:
            published = st.date_input("Publication date (if the page doesn't give one)", value=None,
                                      format="YYYY-MM-DD", key="nm_url_published", min_value=EARLIEST,
                                      max_value=date.today())
        fetch = st.form_submit_button("Fetch, process and store")
    if fetch:
        _process([(url or "the address", lambda: common.article_from_url(url, published, publisher=publisher))])


def _add_articles() -> None:
    st.subheader("Add articles")
    paste_tab, upload_tab, url_tab = st.tabs(["Paste text", "Upload files", "From a web address"])
    with paste_tab:
        _paste_tab()
    with upload_tab:
        _upload_tab()
    with url_tab:
        _url_tab()


def article_label(row: dict) -> str:
    """One line for the article list: title — publisher or file · date · events (plain text)."""
    title = row.get("title") or "Article without a title"
    count = row.get("n_events") or 0
    events = f"{count} event{'s' if count != 1 else ''}" if count else "no events found"
    return f"{title} — {row.get('origin') or 'unknown source'} · {row.get('published') or 'no publication date'} · {events}"


def _article_list() -> None:
    stored = common.articles()
    st.subheader(f"Stored articles ({len(stored)})")
    if not stored:
        st.info("No articles yet.")
        return
    for row in reversed(stored):
        common.article_link(row["article_id"], article_label(row))


def _event_notes(event: dict) -> str:
    notes = []
    if event.get("review") == "dismissed":
        who = event.get("reviewed_by") or "an analyst"
        when = (event.get("reviewed_at") or "")[:10]
        notes.append(f"Dismissed by {who} on {when}: hidden from the map, lists and exports.")
    elif event.get("review") == "confirmed":
        notes.append(f"Confirmed by {event.get('reviewed_by') or 'an analyst'}.")
    if event.get("corrected"):
        notes.append(f"Corrected by an analyst: {corrected_text(event)}.")
    return " ".join(notes)


def _delete_section(article_id: str, title: str, n_events: int) -> None:
    st.subheader("Delete this article")
    if st.session_state.get(_DELETING) != article_id:
        if st.button("Delete this article…", key="nm_delete_ask"):
            st.session_state[_DELETING] = article_id
            st.rerun()
        return
    st.warning(common.md(
        f"Delete “{title}” and the {n_events} event(s) found in it? Events other stored articles also "
        "report stay, with those sources. Corrections are kept. This cannot be undone."
    ))
    yes, no = st.columns(2)
    with yes:
        if st.button("Yes, delete it", key="nm_delete_yes", type="primary", width="stretch"):
            st.session_state.pop(_DELETING, None)
            try:
                common.delete_article(article_id)
            except NewsmapError as error:
                st.error(common.md(f"Not deleted: {error}"))
                return
            st.session_state[_DELETED] = title
            st.query_params.pop("article", None)
            st.rerun()
    with no:
        if st.button("Cancel", key="nm_delete_no", width="stretch"):
            st.session_state.pop(_DELETING, None)
            st.rerun()


def _reader(article_id: str) -> None:
    st.page_link("pages/app/articles.py", label="All articles", icon=":material/arrow_back:")
    extraction = common.store().article(article_id)
    if extraction is None:
        st.error(common.md(f"No stored article has the id {article_id!r}."))
        return
    article = extraction.article
    listed = next((row for row in common.articles() if row["article_id"] == article_id), {})
    title = listed.get("title") or article.title or file_or_address(article.source)
    st.title(common.md(title))
    parts = [
        article.publisher,
        article.url,
        f"published {article.published.isoformat()}" if article.published else "no publication date",
        None if article.url else f"read from {file_or_address(article.source)}",
        f"{len(extraction.places)} places",
        f"{len(extraction.events)} events" if extraction.events else "no events found",
    ]
    st.caption(common.md(" · ".join(part for part in parts if part)))
    st.html(reader_legend_html())
    st.html(article_html(extraction))
    st.subheader("Events in this article")
    if not extraction.events:
        st.info("No events were found in this article: nothing from it is on the map.")
    # Each sentence's event as the map and exports show it: merged with other reports, corrected.
    merged = {}
    for event in common.article_events(common.database_url(), article_id):
        for source in event["sources"]:
            if source["article_id"] == article_id:
                merged[source["extracted_event_id"]] = event
    for index, found in enumerate(extraction.events):
        shown = dict(found.to_dict())
        current = merged.get(found.event_id)
        if current:
            shown.update({key: value for key, value in current.items() if key not in ("excerpt", "sources")})
        st.html(event_card_html(shown, anchor_id=f"ev-{index}", note=_event_notes(shown)))
    if extraction.summaries:
        st.subheader("Article-level totals (not added to the events)")
        for summary in extraction.summaries:
            st.text(f"{casualty_text(summary.__dict__)}: “{summary.text}”")
    _delete_section(article_id, title, len(extraction.events))


article_id = st.query_params.get("article")
if article_id:
    _reader(article_id)
else:
    st.title("Articles")
    deleted = st.session_state.pop(_DELETED, None)
    if deleted:
        st.success(common.md(f"Deleted “{deleted}” and the events found only in it."))
    _add_articles()
    _article_list()
