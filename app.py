"""Koers: the dashboard's router. Pages live in pages/; each starts by drawing the shared sidebar
(period, comparison, organisation filters, language) with `ui.filters.sidebar()`."""

from __future__ import annotations

import pandas  # noqa: F401  # imported first: avoids a partially-initialised-pandas race in Plotly
import streamlit as st

from ui.data import connection
from ui.i18n import t

st.set_page_config(page_title="Koers", page_icon="🧭", layout="wide")
connection()  # first start: loads the sample organisation when there is no store yet

PAGES = (
    ("pages/overview.py", "page_overview", "📊", True),
    ("pages/turnover.py", "page_turnover", "🚪", False),
    ("pages/absence.py", "page_absence", "🤒", False),
    ("pages/diversity.py", "page_diversity", "⚖️", False),
    ("pages/engagement.py", "page_engagement", "💬", False),
    ("pages/organisation.py", "page_organisation", "🏢", False),
    ("pages/data.py", "page_data", "🗂️", False),
)

navigation = st.navigation(
    [
        st.Page(path, title=t(title), icon=icon, default=default)
        for path, title, icon, default in PAGES
    ]
)
navigation.run()
