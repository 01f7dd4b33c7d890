"""The dashboard's pages, listed by st.navigation in dashboard.py.

Keep .py files out of this folder's top level (``__init__.py`` aside): Streamlit runs a new
server's first visit through its old pages-folder mode, which would list them as pages and, for
a visit to /events, run the script directly instead of dashboard.py. The pages live in pages/app/.
"""
