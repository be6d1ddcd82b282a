"""Diversity page (being built)."""

from __future__ import annotations

import streamlit as st

from ui.filters import sidebar
from ui.i18n import t

choice = sidebar()

st.title(t("page_diversity"))
