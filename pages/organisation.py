"""Organisation: headcount, FTE, span of control and layers on the period's last day against the
comparison period; the unit hierarchy as a treemap by FTE; span of control per department and by
band (McKinsey's archetypes, narrow spans highlighted); employees per layer; the headcount and
FTE trend of 24 months. Clicking a unit in the treemap or a department's bar filters the page to
that unit. Spans are shown as statistics and counts only, never per named manager."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import Period
from analytics.metrics.org import SPAN_BANDS
from ui import cached, charts, fmt
from ui.components import (
    downloads,
    drill_chart,
    how_calculated,
    kpi_tiles,
    open_page,
    unit_drill,
    withheld_note,
)
from ui.i18n import label, language, pick

KEYS = ("headcount_end", "fte_end", "span_of_control_mean", "layers_max")
EXPLAINED = (*KEYS, "unit_headcount", "span_of_control_median", "span_band_share",
             "narrow_span_share", "non_managers_per_manager", "layers_median")  # fmt: skip
DRILL = "organisation_drill"  # span of control per department, drawn by components.drill_chart
TREEMAP = "organisation_treemap"  # the unit hierarchy: a click on a unit drills down too
NARROW = charts.PALETTE[1]  # narrow spans (fewer than 3 direct reports) stand out in orange
FADED = 0.3  # opacity of the departments that are not chosen
BAND_NAMES = {
    "narrow": ("Smal", "Narrow"),
    "player/coach": ("Speler-coach", "Player/coach"),
    "coach": ("Coach", "Coach"),
    "supervisor": ("Supervisor", "Supervisor"),
    "facilitator": ("Facilitator", "Facilitator"),
    "coordinator": ("Coördinator", "Coordinator"),
}


def band_name(band: str) -> str:
    """A span band with its range: "Smal (1–2)", "Coördinator (16+)"."""
    low, high = next((lo, hi) for name, lo, hi in SPAN_BANDS if name == band)
    names = BAND_NAMES.get(band)
    words = pick(*names) if names else band
    return f"{words}<br>({low}–{high})" if high is not None else f"{words}<br>({low}+)"


def faded(colour: str) -> str:
    """A group's colour, pale: the groups that are not chosen. (An opacity per bar would do the
    same, but then Streamlit passes on no selection for bars that also carry text.)"""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{FADED})"


def first(frame: pl.DataFrame, group: str = "all") -> dict[str, Any]:
    found = frame.filter(pl.col("group") == group) if "group" in frame.columns else frame
    return found.row(0, named=True) if found.height else {}


def as_text(column: str, show: Any) -> pl.Expr:
    """A column formatted for the table (`show` gets the language passed in: Polars may call it
    on another thread, where the session's language cannot be read)."""
    return pl.col(column).map_elements(show, return_dtype=pl.String)


def months_back(end: date, months: int) -> date:
    """The first day of the month `months − 1` months before `end`'s month."""
    index = end.year * 12 + end.month - months
    return date(index // 12, index % 12 + 1, 1)


# --- Filters, drill-down ----------------------------------------------------------------------
choice = open_page("page_organisation")
lang = language()

filters, comparison, chosen = unit_drill(
    choice,
    DRILL,
    (TREEMAP, DRILL),
    pick(
        "De cijfers gaan alleen over {g} en de eenheden eronder.",
        "The figures are for {g} and the units below it only.",
    ),
    back_key="organisation_back",
)
minimum = choice.filters.settings.min_group_size
day = fmt.day(filters.period.end, lang)

# --- KPI tiles on the period's last day against the comparison period's --------------------------
heads = cached.metric("headcount", "headcount", filters)
structure = cached.metric("org", "org_structure", filters)
now = {**first(heads), **first(structure)}
before = {
    **first(cached.metric("headcount", "headcount", comparison)),
    **first(cached.metric("org", "org_structure", comparison)),
}
kpi_tiles(KEYS, now, before, columns=4)
st.caption(
    pick("Stand op {d}, vergeleken met {c} (vergelijkingsperiode)",
         "On {d}, compared with {c} (comparison period)",
         d=day, c=fmt.day(comparison.period.end, lang))
)  # fmt: skip
problems = cached.metric("org", "reporting_problems", filters)
if problems.total:
    st.warning(
        pick(
            "Rapportagelijnen met gegevensproblemen: {a} medewerkers met een leidinggevende die "
            "niet in dienst is ({b} verschillende id's), {c} in een rapportagelus en {d} "
            "daaronder. Zij tellen niet mee in de lagen.",
            "Reporting lines with data problems: {a} employees whose manager is not in service "
            "({b} distinct ids), {c} in a reporting cycle and {d} below one. They have no layer.",
            a=fmt.number(problems.unknown_manager, lang),
            b=fmt.number(problems.unknown_manager_ids, lang),
            c=fmt.number(problems.in_cycle, lang), d=fmt.number(problems.below_cycle, lang),
        ),
        icon=":material/warning:",
    )  # fmt: skip

# --- The unit hierarchy by FTE (the whole selection, so that another unit can be clicked);
# the headcount and FTE trend ------------------------------------------------------------------
tree = cached.metric("org", "unit_tree", choice.filters)
left, right = st.columns([3, 2])
with left:
    units = tree["unit"].to_list()
    ftes = tree["fte"].to_list()
    heads_per_unit = tree["headcount"].to_list()
    withheld = tree["suppressed"].to_list()
    largest = (
        tree.filter(pl.col("fte").is_not_null() & (pl.col("fte") > 0))
        .sort("fte", "unit", descending=[True, False])
        .head(1)
    )
    title = pick("Eenheden naar fte", "Units by FTE")
    if largest.height:
        top = largest.row(0, named=True)
        title = pick(
            "Grootste eenheid: {u} ({v} fte)", "Largest unit: {u} ({v} FTE)",
            u=top["unit"], v=fmt.number(top["fte"], lang, 1),
        )  # fmt: skip
    fte_word, people_word = pick("fte", "FTE"), pick("pers.", "people")
    own = [
        pick("niet getoond", "withheld")
        if hidden
        else f"{fmt.number(f, lang, 1)} {fte_word} · {fmt.number(h, lang)} {people_word}"
        for f, h, hidden in zip(ftes, heads_per_unit, withheld, strict=True)
    ]
    treemap = go.Figure(
        go.Treemap(
            ids=units, labels=units, parents=[p or "" for p in tree["parent"].to_list()],
            # A withheld unit has no value of its own; its sub-units still show.
            values=[0.0 if f is None else f for f in ftes], branchvalues="remainder",
            customdata=own, texttemplate="<b>%{label}</b><br>%{customdata}",
            hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
            marker={"line": {
                "width": [5 if u == chosen else 1 for u in units],
                "color": ["#000000" if u == chosen else "#FFFFFF" for u in units],
            }},
            pathbar={"visible": False}, tiling={"pad": 2},
        )
    )  # fmt: skip
    charts.style(treemap, title, height=520)
    treemap.update_layout(treemapcolorway=list(charts.PALETTE[:6]))
    st.caption(
        pick("Eigen fte per eenheid op {d} (onderliggende eenheden apart). Klik op een eenheid "
             "om de pagina daarop te filteren.",
             "Each unit's own FTE on {d} (sub-units separately). Click a unit to filter the page "
             "to it.", d=fmt.day(choice.filters.period.end, lang))
    )  # fmt: skip
    st.plotly_chart(treemap, key=TREEMAP, on_select="rerun", selection_mode="points")
with right:
    end = filters.period.end
    trend = cached.metric(
        "headcount", "headcount_series", replace(filters, period=Period(months_back(end, 24), end))
    )
    known = trend.filter(pl.col("headcount_end").is_not_null()).sort("month")
    title = label("headcount_end")
    if known.height:
        last, start = known["headcount_end"][-1], known["headcount_end"][0]
        wording = (
            ("Bezetting steeg naar {v}", "Headcount rose to {v}")
            if last > start
            else ("Bezetting daalde naar {v}", "Headcount fell to {v}")
            if last < start
            else ("Bezetting bleef {v}", "Headcount stayed at {v}")
        )
        title = pick(*wording, v=fmt.number(last, lang))
    months = [fmt.month(m, lang) for m in trend["month"].to_list()]
    figure = go.Figure()
    for column, colour in (("headcount_end", charts.MAIN), ("fte_end", charts.PALETTE[2])):
        decimals = 0 if column == "headcount_end" else 1
        figure.add_trace(
            go.Scatter(
                x=months, y=trend[column].to_list(), name=label(column), mode="lines+markers",
                line={"color": colour, "width": 3}, connectgaps=False,
                text=[fmt.number(v, lang, decimals) for v in trend[column].to_list()],
                hovertemplate="%{x}: %{text}<extra>" + label(column) + "</extra>",
            )
        )  # fmt: skip
    charts.style(figure, title, height=520)
    # The window is 24 months, not the comparison period: the subtitle says so (on a line of its
    # own, or the title would not fit the narrow column).
    charts.subtitled(figure, pick("in 24 maanden", "over 24 months"))
    figure.update_layout(legend={"y": -0.25})
    figure.update_xaxes(  # every third month, month above year, so that the labels stay level
        tickangle=0, tickvals=months[::3], ticktext=[m.replace(" ", "<br>") for m in months[::3]]
    )
    st.plotly_chart(figure, key="organisation_trend")

# --- Span of control: per band (narrow highlighted) and per department; layers -------------------
st.subheader(pick("Span of control en lagen", "Span of control and layers"))
spans = cached.metric("org", "span_bands", filters)
bands = spans.filter(pl.col("group") == "all")
layers = cached.metric("org", "layer_distribution", filters).filter(pl.col("group") == "all")
left, right = st.columns(2)
with left:
    narrow = first(bands.filter(pl.col("band") == "narrow")).get("managers")
    if narrow is None:
        title = label("span_band_share")
    elif narrow == 0:
        title = pick("Geen leidinggevende met minder dan 3 medewerkers",
                     "No managers with fewer than 3 direct reports")  # fmt: skip
    elif narrow == 1:
        title = pick("1 leidinggevende met minder dan 3 medewerkers",
                     "1 manager with fewer than 3 direct reports")  # fmt: skip
    else:
        title = pick(
            "{n} leidinggevenden met minder dan 3 medewerkers",
            "{n} managers with fewer than 3 direct reports", n=fmt.number(narrow, lang),
        )  # fmt: skip
    names = [band_name(b) for b in bands["band"].to_list()]
    counts = bands["managers"].to_list()
    shares = bands["share"].to_list()
    figure = go.Figure(
        go.Bar(
            x=names, y=counts,
            marker_color=[NARROW if b == "narrow" else charts.MAIN for b in bands["band"]],
            text=[f"{fmt.number(c, lang)} ({fmt.percent(s, lang, 0)})" if c is not None
                  else fmt.DASH for c, s in zip(counts, shares, strict=True)],
            textposition="outside", cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )  # fmt: skip
    charts.style(figure, title)
    figure.update_yaxes(
        title=pick("Leidinggevenden", "Managers"),
        range=[0, 1.2 * max([1, *(c for c in counts if c)])],
    )  # room for the labels above the bars
    figure.update_xaxes(title=pick("Directe medewerkers per leidinggevende",
                                   "Direct reports per manager"))  # fmt: skip
    st.plotly_chart(figure, key="organisation_bands")
    st.caption(
        pick("Spanklassen naar McKinsey (Acharya e.a., 2017). Alleen aantallen, nooit namen.",
             "Span bands after McKinsey (Acharya et al., 2017). Counts only, never names.")
    )  # fmt: skip
with right:
    title = charts.finding(
        label("layers_max"), now.get("layers_max"), before.get("layers_max"),
        fmt.number(now.get("layers_max"), lang),
    )  # fmt: skip
    employees = layers["employees"].to_list()
    figure = go.Figure(
        go.Bar(
            x=[pick("Laag {n}", "Layer {n}", n=n) for n in layers["layer"].to_list()],
            y=employees, marker_color=charts.MAIN,
            text=[fmt.number(v, lang) for v in employees], textposition="outside",
            cliponaxis=False, hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )  # fmt: skip
    charts.style(figure, title)
    figure.update_yaxes(
        title=pick("Medewerkers", "Employees"),
        range=[0, 1.15 * max([1, *(e for e in employees if e)])],
    )  # room for the labels above the bars
    st.plotly_chart(figure, key="organisation_layers")
    st.caption(
        pick("Laag 1 is de top van de organisatie.", "Layer 1 is the top of the organisation.")
    )

per_department = cached.metric("org", "org_structure", choice.filters, by="department")
whole = first(cached.metric("org", "org_structure", choice.filters))
known = per_department.filter(pl.col("span_of_control_mean").is_not_null()).sort(
    "span_of_control_mean", "group", descending=[True, False]
)
title = label("span_of_control_mean")
if known.height:
    top = known.row(0, named=True)
    title = pick(
        "Span of control per afdeling: breedst bij {g} ({v})",
        "Span of control by department: widest in {g} ({v})",
        g=top["group"], v=fmt.number(top["span_of_control_mean"], lang, 1),
    )  # fmt: skip
figure = charts.bars(known, "group", "span_of_control_mean", title, horizontal=True)
groups = known["group"].to_list()
figure.update_traces(
    text=[fmt.number(v, lang, 1) for v in known["span_of_control_mean"].to_list()],
    textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>",
    marker_color=[charts.colour(g) if not chosen or g == chosen else faded(charts.colour(g))
                  for g in groups],
)  # fmt: skip
figure.update_yaxes(autorange="reversed")
figure.update_xaxes(
    title=pick("Directe medewerkers per leidinggevende (gemiddeld)",
               "Direct reports per manager (mean)"),
    rangemode="tozero",
)  # fmt: skip
figure.update_layout(height=max(380, 140 + 28 * len(groups)),
                     margin={"l": 10, "r": 40, "t": 60, "b": 10})  # fmt: skip
if whole.get("span_of_control_mean") is not None:
    figure.add_vline(
        x=whole["span_of_control_mean"], line_dash="dash", line_color=charts.COMPARE,
        annotation_position="top",
        annotation_text=pick("Organisatie {v}", "Organisation {v}",
                             v=fmt.number(whole["span_of_control_mean"], lang, 1)),
    )  # fmt: skip
st.caption(
    pick("Een leidinggevende telt mee bij de eigen afdeling. Klik op een balk om de pagina op "
         "die afdeling te filteren.",
         "A manager counts in their own department. Click a bar to filter the page to that "
         "department.")
)  # fmt: skip
if drill_chart(figure, DRILL) != chosen:  # a click the top of the page did not see
    st.rerun()

# --- Table per unit with downloads --------------------------------------------------------------
table = tree.join(
    per_department.select(
        pl.col("group").alias("unit"), "managers", "span_of_control_mean",
        "span_of_control_median", "narrow_span_share", "layers_max",
    ),
    on="unit", how="left",
)  # fmt: skip
with st.expander(pick("Tabel per eenheid op {d}", "Table by unit on {d}",
                      d=fmt.day(choice.filters.period.end, lang))):  # fmt: skip
    downloads(
        table.sort("unit").select(
            pl.col("unit").alias(pick("Eenheid", "Unit")),
            pl.col("parent").alias(pick("Valt onder", "Part of")),
            as_text("headcount", lambda v: fmt.number(v, lang)).alias(label("unit_headcount")),
            as_text("fte", lambda v: fmt.number(v, lang, 1)).alias(pick("Fte", "FTE")),
            as_text("managers", lambda v: fmt.number(v, lang)).alias(
                pick("Leidinggevenden", "Managers")
            ),
            as_text("span_of_control_mean", lambda v: fmt.number(v, lang, 1)).alias(
                label("span_of_control_mean")
            ),
            as_text("span_of_control_median", lambda v: fmt.number(v, lang, 1)).alias(
                label("span_of_control_median")
            ),
            as_text("narrow_span_share", lambda v: fmt.percent(v, lang)).alias(
                label("narrow_span_share")
            ),
            as_text("layers_max", lambda v: fmt.number(v, lang)).alias(label("layers_max")),
        ).fill_null(fmt.DASH),
        pick("organisatie_per_eenheid", "organisation_by_unit"),
    )  # fmt: skip

withheld_note(heads, structure, tree, spans, layers, per_department, trend, minimum=minimum)
how_calculated(EXPLAINED)
