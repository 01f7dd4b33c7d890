"""newsmap dashboard: ``streamlit run dashboard.py`` (or ``make run``).

Pages: Map (default), Events, Articles, About. On first start with an empty store, the articles
in seeds/ are ingested so there is something to see.

The page scripts live one level down, in pages/app/: a new server's first visit runs Streamlit's
old pages-folder mode, which would run a top-level pages/*.py directly and bypass this file;
finding none there, it runs this file, whose st.navigation then opens the page asked for.
"""

import streamlit as st

from pages.app import common
from newsmap.errors import NewsmapError

# The favicon is a local file: a Material or emoji icon would be fetched from the internet.
static_folder = common.publish_assets()
st.set_page_config(page_title="newsmap", page_icon=str(static_folder / "images" / "marker-icon.png"), layout="wide")

try:
    common.ingest_seeds_if_empty()
except (NewsmapError, OSError) as error:  # e.g. the database can't be opened: say so, no traceback
    st.error(f"newsmap: cannot open the store: {error}")
    st.stop()

MAP = st.Page("pages/app/map.py", title="Map", icon=":material/map:", default=True)
EVENTS = st.Page("pages/app/events.py", title="Events", icon=":material/table:", url_path="events")
PAGES = [
    MAP,
    EVENTS,
    st.Page("pages/app/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
    st.Page("pages/app/about.py", title="About", icon=":material/info:", url_path="about"),
]
FILTERED = (MAP, EVENTS)  # the pages that read the filters from the address

# The links to the pages are drawn here rather than by st.navigation: its links open a page without
# the filters, which the page then writes to the address — a second history entry, so Back had to be
# pressed twice. These carry the filters, so the page finds them already in the address.
navigation = st.navigation(PAGES, position="hidden")
links = st.sidebar.container(key="nm_nav")
try:
    navigation.run()
finally:  # (after the page ran, so its filters are the ones carried; even if it stopped early)
    with links:
        for page in PAGES:
            st.page_link(page, query_params=common.filter_params() if page in FILTERED else None)
        st.divider()
