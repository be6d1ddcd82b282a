"""Koers: the dashboard's entry point. For now it shows what the store holds."""

from __future__ import annotations

import pandas  # noqa: F401  # imported first: avoids a partially-initialised-pandas race in Plotly
import polars as pl
import streamlit as st

from analytics import store
from ui.data import connection

st.set_page_config(page_title="Koers", page_icon="🧭", layout="wide")
st.title("Koers")
st.caption("HR-analytics: verloop, verzuim, diversiteit en beloning, betrokkenheid, organisatie")

con = connection()
counts = store.table_counts(con)
st.subheader(f"Gegevens geladen (dataversie {store.data_version(con)})")
labels = {
    "employments": "Dienstverbanden",
    "job_history": "Functiehistorie",
    "absences": "Verzuimregels",
    "org_units": "Organisatie-eenheden",
    "survey_responses": "Enquête-antwoorden",
    "survey_questions": "Enquêtevragen",
    "survey_invited": "Uitgenodigden",
}
columns = st.columns(4)
for index, (table, count) in enumerate(counts.items()):
    columns[index % 4].metric(labels.get(table, table), f"{count:,}".replace(",", "."))

log = con.sql(
    "SELECT file_name AS bestand, kind AS tabel, rows_loaded AS geladen, "
    "rows_rejected AS afgewezen, imported_at AS geimporteerd FROM import_log "
    "ORDER BY import_id DESC LIMIT 20"
).pl()
st.subheader("Laatste imports")
st.dataframe(log if log.height else pl.DataFrame({"bestand": []}), hide_index=True)
