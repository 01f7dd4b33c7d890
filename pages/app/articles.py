"""Articles page: add articles (paste, upload, URL) and read a stored one with its findings marked."""


import streamlit as st

from newsmap.errors import NewsmapError
from newsmap.labels import casualty_text
from newsmap.reader import article_html, event_card_html, reader_legend_html
from pages.app import common


def _process(make_article, label: str) -> None:
    """Build the article, extract, store; a clear one-line error on bad input, never a traceback."""
    label = common.md(label)  # a file name or address: status labels render Markdown
    with st.status(f"Processing {label}…", expanded=True) as status:
        progress = st.progress(0, text="Reading the article")
        try:
            article = make_article()
            progress.progress(25, text="Finding places and events")
            extraction = common.pipeline().extract(article, on_check=common.extraction_watcher(progress))
            progress.progress(75, text="Storing")
            result = common.store_extraction(extraction)
        except NewsmapError as error:
            status.update(label=f"Could not process {label}", state="error")
            st.error(common.md(error))
            return
        except Exception as error:  # noqa: BLE001 - the page must stay usable whatever happened
            status.update(label=f"Could not process {label}", state="error")
            st.error(f"Unexpected error while processing {label}: " + common.md(f"{type(error).__name__}: {error}"))
            return
        progress.progress(100, text="Done")
        state = "Stored" if result.created else "Already stored"
        status.update(label=f"{state}: {len(extraction.places)} places, {result.n_events} events", state="complete")
    st.session_state["nm_last_ingest"] = result.article_id
    st.success(f"{state} ({result.n_events} events).")
    common.article_link(result.article_id, "Read it with its findings marked")


def _add_articles() -> None:
    st.subheader("Add an article")
    published = st.date_input(
        "Publication date (if the article doesn't give one)", value=None, format="YYYY-MM-DD", key="nm_published"
    )
    paste_tab, upload_tab, url_tab = st.tabs(["Paste text", "Upload a file", "From a web address"])
    with paste_tab:
        with st.form("nm_paste", clear_on_submit=False):
            text = st.text_area("Article text", height=220, key="nm_paste_text",
                                placeholder="Paste the article: headline, dateline and body.")
            submitted = st.form_submit_button("Process and store", type="primary")
        if submitted:
            if len(text.encode("utf-8")) > common.MAX_UPLOAD_BYTES:
                st.error(f"The text is over the {common.MAX_UPLOAD_BYTES:,}-byte limit.")
            else:
                from newsmap.ingest import article_from_text

                _process(lambda: article_from_text(text, source="pasted text", published=published), "the pasted text")
    with upload_tab:
        upload = st.file_uploader("A .txt or .html article", type=["txt", "html", "htm"], key="nm_upload")
        if upload is not None and st.button("Process and store", key="nm_upload_go", type="primary"):
            data = upload.getvalue()
            _process(lambda: common.article_from_upload(upload.name, data, published), upload.name)
    with url_tab:
        st.caption("Needs an internet connection; everything else works offline.")
        with st.form("nm_url"):
            url = st.text_input("Web address", placeholder="https://…", key="nm_url_text")
            fetch = st.form_submit_button("Fetch, process and store")
        if fetch:
            _process(lambda: common.article_from_url(url, published), url or "the address")


def _article_list() -> None:
    stored = common.articles()
    st.subheader(f"Stored articles ({len(stored)})")
    if not stored:
        st.info("No articles yet.")
        return
    for row in reversed(stored):
        common.article_link(
            row["article_id"],
            f"{row['published'] or 'undated'} · {row['title'] or 'Untitled'} · {row['source']} ({row['n_events']} events)",
        )


def _reader(article_id: str) -> None:
    st.page_link("pages/app/articles.py", label="All articles", icon=":material/arrow_back:")
    extraction = common.store().article(article_id)
    if extraction is None:
        st.error(common.md(f"No stored article has the id {article_id!r}."))
        return
    article = extraction.article
    st.title(common.md(article.title) if article.title else "Untitled article")
    st.caption(common.md(
        " · ".join(
            part
            for part in (
                article.source,
                article.published.isoformat() if article.published else "undated",
                f"{len(extraction.places)} places",
                f"{len(extraction.events)} events",
                f"id {article.article_id}",
            )
            if part
        )
    ))
    st.html(reader_legend_html())
    st.html(article_html(extraction))
    st.subheader("Events in this article")
    if not extraction.events:
        st.info("No events were found in this article.")
    for index, event in enumerate(extraction.events):
        st.html(event_card_html(event.to_dict(), anchor_id=f"ev-{index}"))
    if extraction.summaries:
        st.subheader("Article-level totals (not added to the events)")
        for summary in extraction.summaries:
            st.text(f"{casualty_text(summary.__dict__)}: “{summary.text}”")


article_id = st.query_params.get("article")
if article_id:
    _reader(article_id)
else:
    st.title("Articles")
    _add_articles()
    _article_list()
