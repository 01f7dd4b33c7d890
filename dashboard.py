"""newsmap dashboard: ``streamlit run dashboard.py`` (or ``make run``).

Pages: Map (default), Events, Articles, About. On first start with an empty store, the articles
in seeds/ are ingested so there is something to see.

The page scripts live in app_pages/, not pages/: Streamlit treats a folder named "pages" as an
old-style page list whenever a new server's first visitor opens a page other than the main one,
which would bypass this file (and list every module in the folder as a page).
"""

import streamlit as st

from app_pages import common
from newsmap.errors import NewsmapError

# The favicon is a local file: a Material or emoji icon would be fetched from the internet.
static_folder = common.publish_assets()
st.set_page_config(page_title="newsmap", page_icon=str(static_folder / "images" / "marker-icon.png"), layout="wide")

try:
    common.ingest_seeds_if_empty()
except (NewsmapError, OSError) as error:  # e.g. the database can't be opened: say so, no traceback
    st.error(f"newsmap: cannot open the store: {error}")
    st.stop()

navigation = st.navigation(
    [
        st.Page("app_pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("app_pages/events.py", title="Events", icon=":material/table:", url_path="events"),
        st.Page("app_pages/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
        st.Page("app_pages/about.py", title="About", icon=":material/info:", url_path="about"),
    ]
)
navigation.run()
