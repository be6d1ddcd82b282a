"""Overview: the headline figures against the comparison period, 24-month trends, and the three
biggest changes in words."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import Filters, Period
from analytics.registry import registry
from ui import cached, charts, fmt
from ui.components import (
    delta,
    downloads,
    how_calculated,
    kpi_tiles,
    open_page,
    withheld_note,
)
from ui.i18n import label, language, pick, t

KEYS = ("headcount_end", "fte_end", "turnover_rate", "absence_rate", "enps", "female_share")


def _trend_chart(series: pl.DataFrame, column: str, metric: str, unit: str) -> go.Figure:
    """A 24-month line whose title compares the last month with the same month a year earlier
    (absence is seasonal; with the last full year chosen, these are the KPI tiles' figures)."""
    lang = language()
    shown = series.filter(pl.col(column).is_not_null())
    title, subtitle = label(metric), None
    if shown.height:
        last_month, last = shown["month"][-1], shown[column][-1]
        earlier = shown.filter(pl.col("month") == last_month.replace(year=last_month.year - 1))
        before = earlier[column][0] if earlier.height else None
        now_shown = fmt.value(unit, last, lang)
        before_shown = fmt.value(unit, before, lang) if before is not None else None
        title = charts.finding(label(metric), last, before, now_shown, before_shown)
        subtitle = fmt.month(last_month, lang)
        if before_shown is not None:
            subtitle += f" ({fmt.month(earlier['month'][0], lang)}: {before_shown})"
    percent_axis = unit in ("rate", "share")
    figure = charts.line(series, "month", column, title, percent_axis=percent_axis)
    return charts.subtitled(figure, subtitle) if subtitle else figure


choice = open_page("page_overview")
lang = language()

now = cached.overview(choice.filters)["metrics"]
before = cached.overview(choice.comparison)["metrics"]
absence_known = cached.sickness_registered()
if not absence_known:  # no registration loaded: unknown, not 0 %
    now, before = {**now, "absence_rate": None}, {**before, "absence_rate": None}
kpi_tiles(KEYS, now, before)

# The three biggest changes, relative to where they were; a change too small to show is none.
units = {key: "nps" if key == "enps" else registry()[key].unit for key in KEYS}
shown_now = {key: fmt.value(units[key], now.get(key), lang) for key in KEYS}
shown_before = {key: fmt.value(units[key], before.get(key), lang) for key in KEYS}
changes = [
    (abs(now[key] - before[key]) / abs(before[key]), key)
    for key in KEYS
    if now.get(key) is not None and before.get(key) and shown_now[key] != shown_before[key]
]
if changes:
    st.subheader(t("biggest_changes"))
    for _, key in sorted(changes, reverse=True)[:3]:
        st.markdown(
            "- "
            + charts.finding(label(key), now[key], before[key], shown_now[key], shown_before[key])
        )

with st.expander(pick("Tabel: kengetallen", "Table: key figures")):
    headers = {
        "metric": pick("Kengetal", "Metric"),
        "period": pick("Deze periode", "This period"),
        "comparison": pick("Vergelijkingsperiode", "Comparison period"),
        "change": pick("Verandering", "Change"),
    }
    figures = pl.DataFrame(
        {
            "metric": [label(key) for key in KEYS],
            "period": [now.get(key) for key in KEYS],
            "comparison": [before.get(key) for key in KEYS],
        },
        schema={"metric": pl.String, "period": pl.Float64, "comparison": pl.Float64},
    ).with_columns(change=pl.col("period") - pl.col("comparison"))
    display = pl.DataFrame(
        {
            "metric": figures["metric"],
            "period": [shown_now[key] for key in KEYS],
            "comparison": [shown_before[key] for key in KEYS],
            "change": [delta(units[key], now.get(key), before.get(key), lang) for key in KEYS],
        }
    )
    downloads(
        figures.rename(headers),
        pick("overzicht_kengetallen", "overview_key_figures"),
        display.rename(headers),
    )

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
    st.plotly_chart(
        _trend_chart(headcount, "headcount_end", "headcount_end", "persons"), key="hc_trend"
    )
with right:
    st.plotly_chart(
        _trend_chart(turnover, "rolling_turnover_rate", "turnover_rate", "rate"), key="to_trend"
    )
if absence_known:
    st.plotly_chart(_trend_chart(absence, "absence_rate", "absence_rate", "rate"), key="ab_trend")
else:
    st.info(t("no_absence_data"), icon=":material/info:")
withheld_note(headcount, turnover, absence, minimum=choice.filters.settings.min_group_size)
how_calculated(KEYS)
