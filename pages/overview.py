"""Overview: the headline figures against the comparison period, 24-month trends, and the three
biggest changes in words."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from analytics.metrics import Filters, Period, check_population
from analytics.privacy import TooFewPeopleError
from ui import cached, charts, fmt
from ui.components import how_calculated, kpi_tiles, too_few, withheld_note
from ui.data import connection
from ui.filters import sidebar
from ui.i18n import label, language, t

KEYS = ("headcount_end", "fte_end", "turnover_rate", "absence_rate", "enps", "female_share")

choice = sidebar()
lang = language()
st.title(t("page_overview"))
try:
    check_population(connection(), choice.filters)
except TooFewPeopleError as error:
    too_few(error)
    st.stop()

now = cached.overview(choice.filters)["metrics"]
before = cached.overview(choice.comparison)["metrics"]
kpi_tiles(KEYS, now, before)

# The three biggest changes, relative to where they were.
changes = []
for key in KEYS:
    if now.get(key) is not None and before.get(key):
        changes.append((abs(now[key] - before[key]) / abs(before[key]), key))
if changes:
    st.subheader(t("biggest_changes"))
    from analytics.registry import registry

    for _, key in sorted(changes, reverse=True)[:3]:
        unit = "nps" if key == "enps" else registry()[key].unit
        shown = fmt.value(unit, now[key], lang)
        st.markdown("- " + charts.finding(label(key), now[key], before[key], shown))

# 24 months up to the end of the period.
end = choice.filters.period.end
start = date(end.year - 2 + (end.month == 12), (end.month % 12) + 1, 1)
trend = Filters(Period(start, end), **{
    k: getattr(choice.filters, k) for k in ("org_units", "locations", "contract_types",
                                            "work_arrangements")
})  # fmt: skip
headcount = cached.metric("headcount", "headcount_series", trend)
turnover = cached.metric("turnover", "rolling_turnover", trend)
absence = cached.metric("absence", "absence_series", trend)

left, right = st.columns(2)
with left:
    last = headcount.filter(pl.col("headcount_end").is_not_null()).tail(1)
    first = headcount.filter(pl.col("headcount_end").is_not_null()).head(1)
    title = charts.finding(
        label("headcount_end"),
        last["headcount_end"].item() if last.height else None,
        first["headcount_end"].item() if first.height else None,
        fmt.number(last["headcount_end"].item(), lang) if last.height else fmt.DASH,
    )
    st.plotly_chart(charts.line(headcount, "month", "headcount_end", title), key="hc_trend")
with right:
    rate_column = "rolling_turnover_rate"
    shown = turnover.filter(pl.col(rate_column).is_not_null())
    title = charts.finding(
        label("turnover_rate"),
        shown[rate_column][-1] if shown.height else None,
        shown[rate_column][0] if shown.height else None,
        fmt.percent(shown[rate_column][-1], lang) if shown.height else fmt.DASH,
    )
    st.plotly_chart(
        charts.line(turnover, "month", rate_column, title, percent_axis=True), key="to_trend"
    )
shown = absence.filter(pl.col("absence_rate").is_not_null())
title = charts.finding(
    label("absence_rate"),
    shown["absence_rate"][-1] if shown.height else None,
    shown["absence_rate"][0] if shown.height else None,
    fmt.percent(shown["absence_rate"][-1], lang) if shown.height else fmt.DASH,
)
st.plotly_chart(
    charts.line(absence, "month", "absence_rate", title, percent_axis=True), key="ab_trend"
)
withheld_note(headcount, turnover, absence, minimum=choice.filters.settings.min_group_size)
how_calculated(KEYS)
