"""Turnover (verloop): hires and leavers against the comparison period, turnover per group with
drill-down, monthly leavers and the rolling 12-month rate, leavers by type and reason, Kaplan–Meier
retention curves per group and first-year turnover per hire cohort."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import DIMENSIONS, Filters, Period
from analytics.metrics.scope import AGE_BANDS, TENURE_BANDS, UNKNOWN
from ui import cached, charts, fmt
from ui.components import (
    downloads,
    drill_chart,
    how_calculated,
    kpi_tiles,
    open_page,
    rendered,
    withheld_note,
)
from ui.i18n import category, label, language, pick, t

KEYS = ("turnover_rate", "voluntary_turnover_rate", "leavers", "hires", "stability_index")
EXPLAINED = (
    *KEYS,
    "involuntary_turnover_rate",
    "rolling_turnover_rate",
    "leavers_by_type",
    "leavers_by_reason",
    "tenure_survival",
    "median_tenure",
    "first_year_turnover",
)
BREAKDOWNS = ("department", "grade", "age_band", "tenure_band", "work_arrangement")
ORDINAL = ("grade", "age_band", "tenure_band")  # shown in their own order, as vertical bars
BAND_ORDER = (*(b[0] for b in AGE_BANDS), "55-AOW", "AOW+", *(b[0] for b in TENURE_BANDS))
YEARS_BACK = 5  # retention and first-year turnover: the last five calendar years of the period
KM_GROUPS = 5  # retention curves: the largest groups only, so the chart stays readable
KM_YEARS = 10  # retention curves: the first ten years of service on the axis
REASONS_SHOWN = 10
DRILL = "turnover_drill"  # chart key prefix; see `drill_key`


@dataclass(frozen=True)
class Scope:
    """Who the figures are about after a drill-down: a department narrows the filters; any other
    group is cut from frames computed per group of its breakdown (`by`)."""

    filters: Filters
    comparison: Filters
    by: str | None = None
    group: str = "all"


# --- Helpers: fetching and formatting -------------------------------------------------------


def fetch(function: str, filters: Filters, scope: Scope, **options: Any) -> pl.DataFrame:
    """A turnover metric for the scope: the whole selection or the drilled-into group."""
    frame = cached.metric("turnover", function, filters, by=scope.by, **options)
    return frame.filter(pl.col("group") == scope.group)


def first(frame: pl.DataFrame) -> dict[str, Any]:
    return frame.row(0, named=True) if frame.height else {}


def show(dimension: str | None, group: str | None) -> str:
    """A group as the user reads it: codes, bands and reasons in words, "(onbekend)" in the
    language."""
    if group is None or group == UNKNOWN:
        return category("", None)
    if dimension in ("work_arrangement", "termination_type", "termination_reason"):
        return category(dimension, group)
    if dimension in ("age_band", "tenure_band"):
        return pick("{g} jaar", "{g} yrs", g=group)
    return group


def dimension_label(key: str) -> str:
    entry = DIMENSIONS[key]
    return entry.label_nl if language() == "nl" else entry.label_en


def order(dimension: str, frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """Bands and grades in their natural order, other groups from the highest value down."""
    if dimension in ("age_band", "tenure_band"):
        ranks = {band: rank for rank, band in enumerate(BAND_ORDER)}
        return frame.sort(pl.col("group").replace_strict(ranks, default=99, return_dtype=pl.Int32))
    if dimension == "grade":
        return frame.sort(pl.col("group").cast(pl.Int64, strict=False), "group", nulls_last=True)
    return frame.sort(value, "group", descending=[True, False], nulls_last=True)


def slug(text: str) -> str:
    """A file name from words: "Verloop per afdeling" → "verloop_per_afdeling"."""
    return "_".join(text.lower().replace("&", " ").split())


def period_text(period: Period, lang: str) -> str:
    return f"{fmt.day(period.start, lang)} {pick('t/m', 'to')} {fmt.day(period.end, lang)}"


def drill_key(by: str) -> str:
    """The breakdown chart's key. A chart keeps its selection across reruns, so after "back"
    the chart gets a new key (a new generation) and starts without one."""
    return f"{DRILL}_{by}_{st.session_state.get(f'{DRILL}_generation', 0)}"


def went_back(by: str) -> bool:
    """True in the run after the drill-down's "back" button was clicked: start a new chart."""
    key = drill_key(by)
    if not st.session_state.get(f"{key}_back"):
        return False
    st.session_state.pop(f"{key}_chosen", None)
    st.session_state[f"{DRILL}_generation"] = st.session_state.get(f"{DRILL}_generation", 0) + 1
    return True


def distinct_colours(groups: list[str]) -> dict[str, str]:
    """Each group its house colour, unless an earlier group already has it: lines that share a
    colour cannot be told apart."""
    taken: dict[str, str] = {}
    for group in groups:
        wanted = charts.colour(group)
        free = [c for c in charts.PALETTE[:7] if c not in taken.values()]
        taken[group] = wanted if wanted not in taken.values() or not free else free[0]
    return taken


def bar_figure(
    frame: pl.DataFrame, category: str, value: str, title: str, *, horizontal: bool,
    percent: bool, key_column: str | None = None, text: list[str] | None = None,
) -> go.Figure:  # fmt: skip
    """Bars in the house style with a readable hover and, for horizontal bars, the first row
    on top and room for every label."""
    figure = charts.bars(
        frame, category, value, title, percent_axis=percent, horizontal=horizontal,
        key_column=key_column,
    )  # fmt: skip
    number = "%{" + ("x" if horizontal else "y") + (":.1%}" if percent else "}")
    name = "%{" + ("y" if horizontal else "x") + "}"
    figure.update_traces(hovertemplate=f"{name}: {number}<extra></extra>")
    if text is not None:
        figure.update_traces(text=text, textposition="outside", textangle=0, cliponaxis=False)
        figure.update_layout(margin_r=70)  # room for the label of the longest bar
    if horizontal:
        figure.update_layout(height=max(380, 90 + 30 * frame.height))
        figure.update_yaxes(autorange="reversed")
    return figure


# --- The page ---------------------------------------------------------------------------------

choice = open_page("page_turnover")
lang = language()

st.caption(
    pick(
        "Periode {p}, vergeleken met {c}",
        "Period {p}, compared with {c}",
        p=period_text(choice.filters.period, lang),
        c=period_text(choice.comparison.period, lang),
    )
)
header = st.container()  # filled once the drill-down below has decided who the page is about
tiles = st.container()

# Turnover per group of the breakdown: always over the whole selection, so that another bar can
# be clicked; the rate of the whole selection as a reference line.
st.subheader(pick("Verloop per groep", "Turnover by group"))
by = st.segmented_control(
    t("by"), BREAKDOWNS, format_func=dimension_label, key="turnover_by", default="department"
)
by = by or "department"
for other in BREAKDOWNS:  # one drill-down at a time: another breakdown starts from everyone
    if other != by:
        st.session_state.pop(f"{drill_key(other)}_chosen", None)
went_back(by)

groups = cached.metric("turnover", "turnover", choice.filters, by=by)
stability_groups = cached.metric("turnover", "stability_index", choice.filters, by=by)
whole = first(cached.metric("turnover", "turnover", choice.filters))
bars = order(by, groups.filter(pl.col("turnover_rate").is_not_null()), "turnover_rate")
bars = bars.with_columns(rendered(bars, "group", lambda g: show(by, g)).alias("label"))
horizontal = by not in ORDINAL
title = label("turnover_rate")
if bars.height:
    top = bars.sort("turnover_rate", descending=True).row(0, named=True)
    title = pick(
        "{m} per {d}: het hoogst bij {g} ({v})",
        "{m} by {d}: highest in {g} ({v})",
        m=label("turnover_rate"),
        d=dimension_label(by).lower(),
        g=top["label"],
        v=fmt.percent(top["turnover_rate"], lang),
    )
figure = bar_figure(
    bars, "label", "turnover_rate", title, horizontal=horizontal, percent=True,
    key_column="group", text=[fmt.percent(v, lang) for v in bars["turnover_rate"].to_list()],
)  # fmt: skip
if whole.get("turnover_rate") is not None:
    rate = whole["turnover_rate"]
    if horizontal:
        figure.add_vline(x=rate, line_dash="dash", line_color=charts.COMPARE)
    else:
        figure.add_hline(y=rate, line_dash="dash", line_color=charts.COMPARE)
    figure.add_annotation(
        text=pick("totaal", "total") + f" {fmt.percent(rate, lang)}",
        x=rate if horizontal else 1, xref="x" if horizontal else "paper",
        y=1 if horizontal else rate, yref="paper" if horizontal else "y",
        xanchor="left" if horizontal else "right", yanchor="bottom", showarrow=False,
        bgcolor="rgba(255,255,255,0.85)", font={"color": "#555555", "size": 13},
    )  # fmt: skip
st.caption(
    pick(
        "Klik op een balk om de hele pagina op die groep te filteren.",
        "Click a bar to filter the whole page to that group.",
    )
)
chosen = drill_chart(figure, drill_key(by))

if chosen and by == "department":
    scope = Scope(
        replace(choice.filters, org_units=(chosen,)),
        replace(choice.comparison, org_units=(chosen,)),
    )
elif chosen:
    scope = Scope(choice.filters, choice.comparison, by, chosen)
else:
    scope = Scope(choice.filters, choice.comparison)
if chosen:
    header.info(
        pick(
            "De cijfers op deze pagina gaan alleen over {d} {g}.",
            "The figures on this page are for {d} {g} only.",
            d=dimension_label(by).lower(),
            g=show(by, chosen),
        ),
        icon=":material/search:",
    )

table = order(by, groups, "turnover_rate").join(
    stability_groups.select("group", "stability_index"), on="group", how="left"
)
rates = ("turnover_rate", "voluntary_turnover_rate", "involuntary_turnover_rate")
with st.expander(
    f"{t('table')}: {label('turnover_rate').lower()} per {dimension_label(by).lower()}"
):
    numbers = {"average_headcount": 1, "hires": 0, "leavers": 0}
    shares = (*rates, "stability_index")
    downloads(
        pl.DataFrame(
            [
                rendered(table, "group", lambda g: show(by, g)).alias(dimension_label(by)),
                *(
                    rendered(table, k, lambda v, d=d: fmt.number(v, lang, d)).alias(label(k))
                    for k, d in numbers.items()
                ),
                *(
                    rendered(table, k, lambda v: fmt.percent(v, lang)).alias(label(k))
                    for k in shares
                ),
            ]
        ),
        slug(f"{label('turnover_rate')} {pick('per', 'by')} {dimension_label(by)}"),
    )

# KPI tiles for the scope against the comparison period.
now = {
    **first(fetch("turnover", scope.filters, scope)),
    **first(fetch("stability_index", scope.filters, scope)),
}
before = {
    **first(fetch("turnover", scope.comparison, scope)),
    **first(fetch("stability_index", scope.comparison, scope)),
}
with tiles:
    kpi_tiles(KEYS, now, before, columns=len(KEYS))
    st.caption(f"{t('vs_comparison')}: {period_text(scope.comparison.period, lang)}")

# Monthly hires and leavers; the rolling 12-month turnover.
series = fetch("turnover_series", scope.filters, scope)
rolling = fetch("rolling_turnover", scope.filters, scope)
rolling = rolling.with_columns(
    rendered(rolling, "month", lambda m: fmt.month(m, lang)).alias("month_label")
)
months = [fmt.month(m, lang) for m in series["month"].to_list()]
left, right = st.columns(2)
with left:
    monthly = go.Figure()
    for column, colour in (("leavers", charts.MAIN), ("hires", charts.COMPARE)):
        monthly.add_trace(
            go.Bar(
                x=months, y=series[column].to_list(), name=label(column), marker_color=colour,
                hovertemplate="%{x}: %{y}<extra>" + label(column) + "</extra>",
            )
        )  # fmt: skip
    title = charts.finding(
        label("leavers"), now.get("leavers"), before.get("leavers"),
        fmt.number(now.get("leavers"), lang),
    )  # fmt: skip
    charts.style(monthly, title).update_layout(barmode="group")
    most = max([v or 0 for v in (*series["leavers"].to_list(), *series["hires"].to_list())] or [0])
    if most <= 10:  # people are counted whole: no ticks at 0.5
        monthly.update_yaxes(dtick=1)
    st.plotly_chart(monthly, key="turnover_monthly")
with right:
    known = rolling.filter(pl.col("rolling_turnover_rate").is_not_null())
    last = known["rolling_turnover_rate"][-1] if known.height else None
    title = charts.finding(
        pick("Verloop over 12 maanden", "Rolling 12-month turnover"),  # fits a half-width chart
        last,
        known["rolling_turnover_rate"][0] if known.height else None,
        fmt.percent(last, lang),
    )
    trend = charts.line(
        rolling, "month_label", "rolling_turnover_rate", title, percent_axis=True,
        names={"rolling_turnover_rate": label("rolling_turnover_rate")},
    )  # fmt: skip
    trend.update_traces(hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    trend.update_yaxes(rangemode="tozero")  # from zero, so a change looks as large as it is
    st.plotly_chart(trend, key="turnover_rolling")

# Leavers by termination type and by reason, with each one's share of all leavers.
types = fetch("leavers_by_type", scope.filters, scope)
reasons = fetch("leavers_by_reason", scope.filters, scope)
left, right = st.columns(2)
for column, frame, where, chart_key, wording in (
    ("termination_type", types, left, "turnover_types",
     ("Grootste groep vertrekkers: {g} ({v})", "Largest group of leavers: {g} ({v})")),
    ("termination_reason", reasons, right, "turnover_reasons",
     ("Meest genoemde reden: {g} ({v})", "Most frequent reason: {g} ({v})")),
):  # fmt: skip
    known = frame.filter(pl.col("leavers").is_not_null()).sort("leavers", descending=True)
    known = known.head(REASONS_SHOWN)
    known = known.with_columns(
        rendered(known, column, lambda k, kind=column: show(kind, k)).alias("label")
    )
    title = label("leavers_by_type" if column == "termination_type" else "leavers_by_reason")
    if known.height:
        top = known.row(0, named=True)
        name = top["label"].lower() if column == "termination_type" else top["label"]
        title = pick(*wording, g=name, v=fmt.percent(top["share_of_leavers"], lang))
    if not known.height:  # no leavers, or every group withheld: say so, not an empty chart
        where.markdown(f"**{title}**")
        where.info(
            pick(
                "Te weinig vertrekkers om per groep te tonen: elke groep telt minder dan {n}.",
                "Too few leavers to show per group: every group has fewer than {n}.",
                n=choice.filters.settings.min_group_size,
            )
            if frame.height
            else pick("Geen vertrekkers in deze periode.", "No leavers in this period."),
            icon=":material/lock:" if frame.height else ":material/info:",
        )
        continue
    shares = [fmt.percent(v, lang) for v in known["share_of_leavers"].to_list()]
    figure = bar_figure(
        known, "label", "leavers", title, horizontal=True, percent=False, text=shares
    )
    figure.update_traces(marker_color=charts.MAIN)
    figure.update_xaxes(title=pick("Aantal vertrekkers", "Number of leavers"))
    where.plotly_chart(figure, key=chart_key)

# Kaplan–Meier retention per group of the breakdown (the largest groups) and in total, over the
# last five calendar years: one year holds too few exits per tenure for a steady curve.
end = scope.filters.period.end
window = Period(min(date(end.year - YEARS_BACK + 1, 1, 1), scope.filters.period.start), end)
longer = replace(scope.filters, period=window)
st.subheader(pick("Blijfkans naar diensttijd", "Retention by length of service"))
curves = cached.metric("turnover", "tenure_survival", longer, by=by)
per_group = cached.metric("turnover", "median_tenure", longer, by=by)
if scope.by:
    curves = curves.filter(pl.col("group") == scope.group)
    per_group = per_group.filter(pl.col("group") == scope.group)
overall = fetch("tenure_survival", longer, scope)
tenure = first(fetch("median_tenure", longer, scope))
largest = (
    per_group.filter(pl.col("population").is_not_null())
    .sort("population", "group", descending=[True, False])
    .head(KM_GROUPS)["group"]
    .to_list()
)
title = label("tenure_survival")
if tenure.get("survival_365") is not None:
    title = pick(
        "Na een jaar is nog {v} in dienst",
        "After one year {v} are still employed",
        v=fmt.percent(tenure["survival_365"], lang, 0),
    )
lines = [] if chosen else [(pick("Totaal", "Total"), overall, charts.COMPARE, "dash")]
colours = distinct_colours([show(by, g) for g in largest])
lines += [
    (show(by, g), curves.filter(pl.col("group") == g), colours[show(by, g)], "solid")
    for g in largest
]
retention = go.Figure()
after = pick("na", "after")
days = pick("dagen", "days")
for name, part, colour, dash in lines:
    retention.add_trace(
        go.Scatter(
            # S(0) = 1: everyone is still there on the first day.
            x=[0.0, *part["time_days"].to_list()], y=[1.0, *part["survival"].to_list()],
            mode="lines", line_shape="hv", name=name, connectgaps=False,
            line={"color": colour, "width": 3 if dash == "solid" else 2, "dash": dash},
            hovertemplate=f"{name}: %{{y:.0%}} {after} %{{x:.0f}} {days}<extra></extra>",
        )
    )  # fmt: skip
charts.style(retention, title, height=460)
retention.update_yaxes(
    tickformat=".0%", range=[0, 1.02], title=pick("Nog in dienst", "Still employed")
)
retention.update_xaxes(
    range=[0, 365 * KM_YEARS], title=pick("Jaren in dienst", "Years of service"),
    tickvals=[365 * year for year in range(KM_YEARS + 1)],
    ticktext=[str(year) for year in range(KM_YEARS + 1)],
)  # fmt: skip
st.plotly_chart(retention, key="turnover_survival")
median = tenure.get("median_tenure_days")
st.caption(
    pick(
        "Kaplan–Meier-schatting over {w}. {groups} Mediane diensttijd: {m}.",
        "Kaplan–Meier estimate over {w}. {groups} Median tenure: {m}.",
        w=period_text(window, lang),
        groups=""
        if chosen
        else pick(
            "De {n} grootste groepen per {d}.",
            "The {n} largest groups by {d}.",
            n=KM_GROUPS,
            d=dimension_label(by).lower(),
        ),
        m=pick(
            "{d} dagen (ca. {y} jaar)",
            "{d} days (about {y} years)",
            d=fmt.number(median, lang),
            y=fmt.number(median / 365.25, lang, 1),
        )
        if median is not None
        else pick("niet bereikt (meer dan de helft blijft)", "not reached (over half stay)"),
    )
)

# First-year turnover per hire cohort (calendar year of hire), estimates marked.
cohorts = fetch("first_year_turnover", longer, scope, cohort="year")
known = cohorts.filter(pl.col("first_year_turnover").is_not_null()).with_columns(
    pl.col("cohort").dt.year().cast(pl.String).alias("label")
)
title = label("first_year_turnover")
if known.height:
    latest = known.row(-1, named=True)
    note = pick("instroom {y}", "{y} hires", y=latest["label"])
    if latest["is_estimate"]:
        note += pick(", schatting", ", estimate")
    title = charts.finding(
        label("first_year_turnover"),
        latest["first_year_turnover"],
        known.row(-2, named=True)["first_year_turnover"] if known.height > 1 else None,
        f"{fmt.percent(latest['first_year_turnover'], lang)} ({note})",
    )
yearly = go.Figure()
for estimate, name in (
    (False, pick("Gemeten", "Measured")),
    (True, pick("Geschat: nog geen vol jaar gevolgd", "Estimated: not yet followed for a year")),
):
    part = known.filter(pl.col("is_estimate") == estimate)
    yearly.add_trace(
        go.Bar(
            x=part["label"].to_list(), y=part["first_year_turnover"].to_list(), name=name,
            marker={"color": charts.MAIN, "opacity": 0.5 if estimate else 1.0,
                    "pattern": {"shape": "/" if estimate else ""}},
            text=[fmt.percent(v, lang) for v in part["first_year_turnover"].to_list()],
            textposition="outside", hovertemplate="%{x}: %{y:.1%}<extra>" + name + "</extra>",
        )
    )  # fmt: skip
charts.style(yearly, title, percent_axis=True)
yearly.update_xaxes(
    type="category", categoryorder="category ascending",
    title=pick("Jaar van indiensttreding", "Year of hire"),
)  # fmt: skip
yearly.update_layout(showlegend=True)
st.plotly_chart(yearly, key="turnover_first_year")

withheld_note(
    groups, stability_groups, series, rolling, types, reasons, curves, per_group, cohorts,
    minimum=choice.filters.settings.min_group_size,
)  # fmt: skip
how_calculated(EXPLAINED)
