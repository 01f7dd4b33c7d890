"""newsmap dashboard: ``streamlit run dashboard.py`` (or ``make run``).

Pages: Map (default), Events, Articles, About. On first start with an empty store, the articles
in seeds/ are ingested so there is something to see.
"""

import streamlit as st

from pages import common

# The favicon is a local file: a Material or emoji icon would be fetched from the internet.
static_folder = common.publish_assets()
st.set_page_config(page_title="newsmap", page_icon=str(static_folder / "images" / "marker-icon.png"), layout="wide")

common.ingest_seeds_if_empty()

navigation = st.navigation(
    [
        st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("pages/events.py", title="Events", icon=":material/table:", url_path="events"),
        st.Page("pages/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
        st.Page("pages/about.py", title="About", icon=":material/info:", url_path="about"),
    ]
)
navigation.run()
