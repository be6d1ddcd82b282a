"""Koers: the dashboard's router. Pages live in pages/; each starts by drawing the shared sidebar
(period, comparison, organisation filters, language) with `ui.filters.sidebar()`."""

from __future__ import annotations

import pandas  # noqa: F401  # imported first: avoids a partially-initialised-pandas race in Plotly
import streamlit as st

from ui.data import connection
from ui.i18n import t

st.set_page_config(page_title="Koers", page_icon=":material/explore:", layout="wide")
connection()  # first start: loads the sample organisation when there is no store yet

# Material icons: their font ships with Streamlit, so they show offline and on machines without
# an emoji font (where emoji icons turn into empty boxes).
PAGES = (
    ("pages/overview.py", "page_overview", ":material/dashboard:", True),
    ("pages/turnover.py", "page_turnover", ":material/logout:", False),
    ("pages/absence.py", "page_absence", ":material/medical_services:", False),
    ("pages/diversity.py", "page_diversity", ":material/balance:", False),
    ("pages/engagement.py", "page_engagement", ":material/forum:", False),
    ("pages/organisation.py", "page_organisation", ":material/account_tree:", False),
    ("pages/data.py", "page_data", ":material/upload_file:", False),
)

navigation = st.navigation(
    [
        st.Page(path, title=t(title), icon=icon, default=default)
        for path, title, icon, default in PAGES
    ]
)
navigation.run()
