"""Engagement (betrokkenheid): the latest survey wave of the period against the comparison period,
eNPS over the waves, the change since the previous wave, a department × dimension heatmap of
favourable shares, the items' favourable shares and the response rate per department. Clicking a
department (a heatmap row or a response bar) filters the page to it; psychological safety is
highlighted wherever it appears.

eNPS is a fraction (−1…+1) in analytics; it is shown as points (−100…+100) with a sign."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import Period
from analytics.registry import registry
from ui import cached, charts, fmt
from ui.components import (
    downloads,
    drill_chart,
    how_calculated,
    open_page,
    unit_drill,
    withheld_note,
)
from ui.i18n import label, language, pick, survey_dimension

EXPLAINED = ("enps", "response_rate", "dimension_score", "favourable_share", "wave_change")
DRILL = "engagement_drill"  # response rate per department, drawn by components.drill_chart
HEATMAP = "engagement_heatmap"  # department × dimension: a click on a row drills down too
TREND_YEARS = 5  # the eNPS trend: the waves of the last five calendar years up to the period's end
SAFETY = charts.PALETTE[1]  # psychological safety stands out in orange everywhere
FADED = 0.3  # opacity of the departments that are not chosen
OTHER_COLOURS = tuple(c for c in charts.PALETTE if c != SAFETY)  # the other dimensions


def is_safety(key: str | None) -> bool:
    """Psychological safety, whatever the survey tool calls it."""
    name = (key or "").lower()
    return "psycholog" in name or "safety" in name or "veiligheid" in name


def enps_text(value: float | None, lang: str) -> str:
    """eNPS (a fraction) as signed points: 0.18 → "+18"; also for a change of eNPS."""
    if value is None:
        return fmt.DASH
    points = round(value * 100)
    return fmt.signed(points, lang) if points else "0"


def faded(colour: str) -> str:
    """A group's colour, pale: the groups that are not chosen. (An opacity per bar would do the
    same, but then Streamlit passes on no selection for bars that also carry text.)"""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{FADED})"


def latest_wave(frame: pl.DataFrame) -> date | None:
    return frame["wave"].max() if frame.height else None  # type: ignore[return-value]


def row(frame: pl.DataFrame, wave: date | None, **match: str) -> dict[str, Any]:
    """The row of `wave` (and the given columns' values); {} when there is none."""
    if wave is None or frame.height == 0:
        return {}
    found = frame.filter(pl.col("wave") == wave)
    for column, value in match.items():
        found = found.filter(pl.col(column) == value)
    return found.row(0, named=True) if found.height else {}


def change(now: float | None, before: float | None) -> float | None:
    return now - before if now is not None and before is not None else None


def wave_label(waves: list[date], lang: str) -> list[str]:
    """Month and year ("sep 2025"); the full date where two waves share a month."""
    months = [fmt.month(w, lang) for w in waves]
    if len(set(months)) == len(months):
        return months
    return [fmt.day(w, lang) for w in waves]


def as_text(column: str, show: Any) -> pl.Expr:
    """A column formatted for the table (`show` gets the language passed in: Polars may call it
    on another thread, where the session's language cannot be read)."""
    return pl.col(column).map_elements(show, return_dtype=pl.String)


def dimension_names(frame: pl.DataFrame, column: str = "dimension") -> pl.Expr:
    """The dimension column in words, looked up here, in the session's thread."""
    names = {key: survey_dimension(key) for key in frame[column].unique().to_list() if key}
    return pl.col(column).replace_strict(
        names, default=survey_dimension(None), return_dtype=pl.String
    )


# --- Filters, drill-down ----------------------------------------------------------------------
choice = open_page("page_engagement")
lang = language()
if any((choice.filters.locations, choice.filters.contract_types,
        choice.filters.work_arrangements)):  # fmt: skip
    st.info(
        pick(
            "Enquêteantwoorden zijn anoniem: ze vermelden afdeling, maar geen vestiging, soort "
            "contract of werkplek. Zet die filters uit om de betrokkenheidscijfers te zien.",
            "Survey answers are anonymous: they carry a department, but no location, contract "
            "type or work arrangement. Clear those filters to see the engagement figures.",
        ),
        icon=":material/info:",
    )
    st.stop()

filters, comparison, chosen = unit_drill(
    choice,
    DRILL,
    (HEATMAP, DRILL),
    pick(
        "De cijfers gaan alleen over afdeling {g} (en de eenheden eronder).",
        "The figures are for department {g} only (and the units below it).",
    ),
    back_key="engagement_back",
)

minimum = choice.filters.settings.min_group_size
end = filters.period.end
trend_filters = replace(filters, period=Period(date(end.year - TREND_YEARS + 1, 1, 1), end))
trend = cached.metric("engagement", "enps", trend_filters)
scores = cached.metric("engagement", "enps", filters)
wave = latest_wave(scores)


def enps_trend(frame: pl.DataFrame) -> go.Figure:
    """eNPS per wave as points, with the value on each point; the title compares the last wave
    with the one before."""
    known = frame.filter(pl.col("enps").is_not_null()).sort("wave")
    values = known["enps"].to_list()
    title = label("enps")
    if values:
        title = charts.finding(
            label("enps"), values[-1], values[-2] if len(values) > 1 else None,
            enps_text(values[-1], lang),
        )  # fmt: skip
        if (
            len(values) > 1
        ):  # the tiles compare with the comparison period, this with the wave before
            title += pick(" (vorige meting {v})", " (previous wave {v})",
                          v=enps_text(values[-2], lang))  # fmt: skip
    waves = known["wave"].to_list()
    figure = go.Figure(
        go.Scatter(
            x=wave_label(waves, lang), y=[round(v * 100, 1) for v in values],
            text=[enps_text(v, lang) for v in values], mode="lines+markers+text",
            textposition="top center", line={"color": charts.MAIN, "width": 3},
            customdata=[[fmt.day(w, lang), fmt.number(n, lang)]
                        for w, n in zip(waves, known["respondents"].to_list(), strict=True)],
            hovertemplate="%{customdata[0]}: eNPS %{text} (%{customdata[1]} "
            + pick("antwoorden", "answers") + ")<extra></extra>",
        )
    )  # fmt: skip
    charts.style(figure, title)
    figure.add_hline(y=0, line_dash="dot", line_color=charts.COMPARE)
    low = min([0.0, *(v * 100 for v in values)]) - 10
    high = max([0.0, *(v * 100 for v in values)]) + 10
    ticks = list(range(int(low // 10) * 10 + 10, int(high), 10))
    figure.update_yaxes(
        title=pick("eNPS (−100 tot +100)", "eNPS (−100 to +100)"), range=[low, high],
        tickvals=ticks, ticktext=[fmt.signed(v, lang) for v in ticks], zeroline=False,
    )  # fmt: skip
    labels = wave_label(waves, lang)
    figure.update_xaxes(  # month above year, so that the labels stay level
        tickangle=0, tickvals=labels, ticktext=[w.replace(" ", "<br>", 1) for w in labels]
    )
    return figure


if wave is None:
    # No survey closed in the period: say so, and still show the waves before it.
    last = latest_wave(trend.filter(pl.col("enps").is_not_null()))
    st.info(
        pick("In deze periode is geen medewerkersonderzoek afgesloten.",
             "No employee survey closed in this period.")
        + (pick(" De laatste meting was op {d}: kies een periode die die datum bevat.",
                " The latest wave closed on {d}: choose a period that contains that date.",
                d=fmt.day(last, lang)) if last else ""),
        icon=":material/info:",
    )  # fmt: skip
    if trend.height:
        st.plotly_chart(enps_trend(trend), key="engagement_trend")
    how_calculated(EXPLAINED)
    st.stop()

# --- KPI tiles: the latest wave of the period against the latest of the comparison period -------
before_scores = cached.metric("engagement", "enps", comparison)
before_wave = latest_wave(before_scores)
rates = cached.metric("engagement", "response_rate", filters)
before_rates = cached.metric("engagement", "response_rate", comparison)
dimensions = cached.metric("engagement", "dimension_scores", filters)
before_dimensions = cached.metric("engagement", "dimension_scores", comparison)
safety = next((d for d in dimensions["dimension"].unique().sort().to_list() if is_safety(d)), None)

now = {**row(scores, wave), **row(rates, wave)}
before = {**row(before_scores, before_wave), **row(before_rates, before_wave)}
safety_now = row(dimensions, wave, dimension=safety).get("score") if safety else None
safety_before = (
    row(before_dimensions, before_wave, dimension=safety).get("score") if safety else None
)
formulas = registry()
tiles = st.columns(4)
tiles[0].metric(
    label("enps"), enps_text(now.get("enps"), lang),
    delta=enps_text(change(now.get("enps"), before.get("enps")), lang) if before else None,
    delta_color="off", help=formulas["enps"].formula_in(lang),
)  # fmt: skip
tiles[1].metric(
    label("response_rate"), fmt.percent(now.get("response_rate"), lang),
    delta=fmt.points(change(now.get("response_rate"), before.get("response_rate")), lang)
    if before else None,
    delta_color="off", help=formulas["response_rate"].formula_in(lang),
)  # fmt: skip
tiles[2].metric(
    survey_dimension(safety) if safety else label("dimension_score"),
    fmt.percent(safety_now, lang),
    delta=fmt.points(change(safety_now, safety_before), lang) if before else None,
    delta_color="off", help=formulas["dimension_score"].formula_in(lang),
)  # fmt: skip
tiles[3].metric(
    pick("Respondenten", "Respondents"), fmt.number(now.get("respondents"), lang),
    delta=fmt.signed(change(now.get("respondents"), before.get("respondents")), lang)
    if before else None,
    delta_color="off",
)  # fmt: skip
st.caption(
    pick("Meting van {w}", "Wave of {w}", w=fmt.day(wave, lang))
    + (pick(", vergeleken met de meting van {p} (vergelijkingsperiode)",
            ", compared with the wave of {p} (comparison period)", p=fmt.day(before_wave, lang))
       if before_wave else pick("; geen meting in de vergelijkingsperiode",
                                "; no wave in the comparison period"))
)  # fmt: skip

# --- eNPS over the waves; the change since the previous wave ------------------------------------
changes = cached.metric("engagement", "wave_changes", filters)
latest_changes = changes.filter((pl.col("wave") == wave) & (pl.col("group") == "all"))
left, right = st.columns(2)
with left:
    st.plotly_chart(enps_trend(trend), key="engagement_trend")
with right:
    ordered = latest_changes.with_columns(
        (pl.col("measure") != "enps").alias("_dim"), (~pl.col("measure").map_elements(
            is_safety, return_dtype=pl.Boolean)).alias("_other"),
    ).sort("_dim", "_other", "measure").drop("_dim", "_other")  # fmt: skip
    measures = ordered["measure"].to_list()
    deltas = ordered["change"].to_list()
    previous_wave = ordered["previous_wave"].drop_nulls()
    since = fmt.day(previous_wave[0], lang) if previous_wave.len() else None
    focus = next((m for m in measures if is_safety(m)), "enps")
    focus_change = dict(zip(measures, deltas, strict=True)).get(focus)

    def shown_change(measure: str, value: float | None) -> str:
        if value is None:
            return fmt.DASH
        if measure == "enps":
            return enps_text(value, lang) + pick(" punten", " points")
        return fmt.points(value, lang)

    name = survey_dimension(focus)
    if focus_change is None or since is None:
        title = pick("Verschil met de vorige meting", "Change since the previous wave")
    elif abs(focus_change) < 0.0005:
        title = pick("{m} gelijk", "{m} unchanged", m=name)
    else:
        title = pick(
            "{m} {w} {v}", "{m} {w} {v}", m=name,
            w=pick("steeg", "rose") if focus_change > 0 else pick("daalde", "fell"),
            v=shown_change(focus, abs(focus_change)).lstrip("+"),
        )  # fmt: skip
    names = [survey_dimension(m) for m in measures]
    bars = go.Bar(
        x=[None if v is None else round(v * 100, 2) for v in deltas], y=names, orientation="h",
        text=[shown_change(m, v) for m, v in zip(measures, deltas, strict=True)],
        textposition="outside", cliponaxis=False,
        marker={"color": [SAFETY if is_safety(m) else charts.MAIN for m in measures]},
        hovertemplate="%{y}: %{text}<extra></extra>",
    )  # fmt: skip
    figure = charts.style(go.Figure(bars), title)
    if since is not None:  # on a line of its own: one line would not fit a half-width chart
        charts.subtitled(figure, pick("sinds de meting van {d}", "since the wave of {d}", d=since))
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(
        title=pick("Verschil (eNPS in punten, dimensies in pp)",
                   "Change (eNPS in points, dimensions in pp)"),
        zeroline=True, zerolinecolor=charts.COMPARE,
    )  # fmt: skip
    figure.update_layout(margin={"l": 10, "r": 10, "b": 10})
    shown = [v * 100 for v in deltas if v is not None]
    if shown:  # room for the labels beside the bars
        figure.update_xaxes(range=[1.4 * min(0, *shown) - 0.5, 1.4 * max(0, *shown) + 0.5])
    st.plotly_chart(figure, key="engagement_changes")
    if since is None:
        st.caption(pick("Er is geen eerdere meting om mee te vergelijken.",
                        "There is no earlier wave to compare with."))  # fmt: skip
    elif all(v is None for v in deltas):
        st.caption(pick("Geen verschil te tonen: deze of de vorige meting had te weinig "
                        "respondenten.",
                        "No change to show: this wave or the previous one had too few "
                        "respondents."))  # fmt: skip

# --- Department × dimension (the whole selection, so that another row can be clicked) ----------
st.subheader(pick("Afdelingen en dimensies", "Departments and dimensions"))
per_department = cached.metric("engagement", "dimension_scores", choice.filters, by="department")
heat_wave = latest_wave(per_department)
cells = per_department.filter(pl.col("wave") == heat_wave) if heat_wave else per_department
shown_groups = cells.group_by("group").agg(pl.col("score").is_not_null().any().alias("any"))
cells = cells.join(shown_groups.filter("any").select("group"), on="group", how="semi")
if cells.height:
    cells = cells.with_columns(
        dimension_names(cells).alias("dimension_label"),
        (~pl.col("dimension").map_elements(is_safety, return_dtype=pl.Boolean)).alias("_other"),
    ).sort("_other", "dimension")  # fmt: skip
    focus_cells = cells.filter(pl.col("_other").not_()) if safety else cells
    lowest = focus_cells.filter(pl.col("score").is_not_null()).sort("score", "group").head(1)
    title = label("dimension_score")
    if lowest.height:
        low = lowest.row(0, named=True)
        title = pick(
            "{d} het laagst bij {g} ({v})", "{d} lowest in {g} ({v})",
            d=low["dimension_label"], g=low["group"], v=fmt.percent(low["score"], lang),
        )  # fmt: skip
    heat = charts.heatmap(cells, "dimension_label", "group", "score", title, percent_axis=True)
    trace = heat.data[0]
    columns = list(trace.x)
    departments = list(trace.y)
    texts = [[fmt.percent(v, lang) if v is not None else "" for v in line] for line in trace.z]
    trace.update(
        text=texts, texttemplate="%{text}", hoverinfo="skip", xgap=2, ygap=2,
        colorbar={"tickformat": ".0%", "title": pick("Positief", "Favourable")},
    )  # fmt: skip
    # Heatmap cells cannot be selected by a click: an invisible marker on each cell can.
    heat.add_trace(
        go.Scatter(
            x=[c for _ in departments for c in columns],
            y=[g for g in departments for _ in columns],
            customdata=[g for g in departments for _ in columns],
            text=[shown or fmt.DASH for line in texts for shown in line],
            mode="markers", marker={"size": 24, "opacity": 0}, showlegend=False,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )  # fmt: skip
    heat.update_layout(hoverdistance=-1)
    heat.update_layout(height=max(380, 120 + 34 * len(departments)))
    heat.update_yaxes(range=[len(departments) - 0.5, -0.5])  # first department on top
    heat.update_xaxes(side="top", title=None, range=[-0.5, len(columns) - 0.5])
    if safety and survey_dimension(safety) in columns:
        index = columns.index(survey_dimension(safety))
        heat.add_shape(
            type="rect", x0=index - 0.5, x1=index + 0.5, y0=-0.5, y1=len(departments) - 0.5,
            line={"color": SAFETY, "width": 4}, xref="x", yref="y",
        )  # fmt: skip
    if chosen in departments:
        index = departments.index(chosen)
        heat.add_shape(
            type="rect", x0=-0.5, x1=len(columns) - 0.5, y0=index - 0.5, y1=index + 0.5,
            line={"color": "#000000", "width": 3}, xref="x", yref="y",
        )  # fmt: skip
    st.caption(
        pick("Percentage positieve antwoorden per dimensie, meting van {w}. Klik op een afdeling "
             "om de pagina daarop te filteren.",
             "Share of favourable answers per dimension, wave of {w}. Click a department to "
             "filter the page to it.", w=fmt.day(heat_wave, lang))
    )  # fmt: skip
    st.plotly_chart(heat, key=HEATMAP, on_select="rerun", selection_mode="points")
else:
    st.caption(pick("Geen afdeling heeft genoeg respondenten voor een score.",
                    "No department has enough respondents for a score."))  # fmt: skip

# --- Items' favourable shares; response rate per department --------------------------------------
left, right = st.columns(2)
items = cached.metric("engagement", "item_scores", filters)
with left:
    known = (
        items.filter((pl.col("wave") == wave) & pl.col("favourable_share").is_not_null())
        .sort("favourable_share", "question_id", descending=[True, False])
        .with_columns((pl.col("question_id") + " · " + dimension_names(items)).alias("item"))
    )
    title = label("favourable_share")
    if known.height:
        top, bottom = known.row(0, named=True), known.row(-1, named=True)
        title = pick(
            "Hoogst: {a} ({v}) · laagst: {b} ({w})", "Highest: {a} ({v}) · lowest: {b} ({w})",
            a=top["question_id"], v=fmt.percent(top["favourable_share"], lang, 0),
            b=bottom["question_id"], w=fmt.percent(bottom["favourable_share"], lang, 0),
        )  # fmt: skip
    figure = go.Figure()
    others = iter(OTHER_COLOURS * 3)
    for key in known["dimension"].unique(maintain_order=True).to_list():
        part = known.filter(pl.col("dimension") == key)
        colour = SAFETY if is_safety(key) else next(others)
        figure.add_trace(
            go.Bar(
                x=part["favourable_share"].to_list(), y=part["item"].to_list(), orientation="h",
                name=survey_dimension(key), marker_color=colour,
                text=[fmt.percent(v, lang, 0) for v in part["favourable_share"].to_list()],
                textposition="outside", cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )  # fmt: skip
    charts.style(figure, title, height=max(380, 140 + 30 * known.height))
    figure.update_yaxes(categoryorder="array", categoryarray=known["item"].to_list(),
                        autorange="reversed")  # fmt: skip
    figure.update_xaxes(tickformat=".0%", range=[0, 1.08])
    # No legend: each bar's label names its dimension (psychological safety in orange).
    figure.update_layout(showlegend=False, margin={"l": 10, "r": 40, "t": 60, "b": 10})
    st.plotly_chart(figure, key="engagement_items")
with right:
    per_rate = cached.metric("engagement", "response_rate", choice.filters, by="department")
    whole = cached.metric("engagement", "response_rate", choice.filters)
    rate_wave = latest_wave(per_rate)
    known = per_rate.filter(
        (pl.col("wave") == rate_wave) & pl.col("response_rate").is_not_null()
    ).sort("response_rate", "group", descending=[True, False])
    title = label("response_rate")
    if known.height:
        low = known.row(-1, named=True)
        title = pick(
            "Respons per afdeling: laagst bij {g} ({v})",
            "Response rate by department: lowest in {g} ({v})",
            g=low["group"], v=fmt.percent(low["response_rate"], lang, 0),
        )  # fmt: skip
    figure = charts.bars(known, "group", "response_rate", title, percent_axis=True, horizontal=True)
    groups = known["group"].to_list()
    figure.update_traces(
        text=[fmt.percent(v, lang, 0) for v in known["response_rate"].to_list()],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
        marker_color=[charts.colour(g) if not chosen or g == chosen else faded(charts.colour(g))
                  for g in groups],
    )  # fmt: skip
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(range=[0, 1.1], tickformat=".0%")
    figure.update_layout(height=max(380, 120 + 28 * len(groups)),
                         margin={"l": 10, "r": 40, "t": 60, "b": 10})  # fmt: skip
    overall = row(whole, rate_wave).get("response_rate")
    if overall is not None:
        figure.add_vline(
            x=overall, line_dash="dash", line_color=charts.COMPARE, annotation_position="top",
            annotation_text=pick("Organisatie {v}", "Organisation {v}",
                                 v=fmt.percent(overall, lang, 0)),
        )  # fmt: skip
    if drill_chart(figure, DRILL) != chosen:  # a click the top of the page did not see
        st.rerun()
    st.caption(pick("Klik op een balk om de pagina op die afdeling te filteren.",
                    "Click a bar to filter the page to that department."))  # fmt: skip

# --- Table per department with downloads ----------------------------------------------------------
enps_by_department = cached.metric("engagement", "enps", choice.filters, by="department")
table = per_rate.filter(pl.col("wave") == rate_wave).select(
    "group", "respondents", "invited", "response_rate"
)
table = table.join(
    enps_by_department.filter(pl.col("wave") == rate_wave).select("group", "enps"),
    on="group", how="full", coalesce=True,
)  # fmt: skip
dimension_keys = cells["dimension"].unique(maintain_order=True).to_list() if cells.height else []
for key in dimension_keys:
    table = table.join(
        per_department.filter((pl.col("wave") == heat_wave) & (pl.col("dimension") == key))
        .select("group", pl.col("score").alias(key)),
        on="group", how="full", coalesce=True,
    )  # fmt: skip
with st.expander(pick("Tabel per afdeling, meting van {w}", "Table by department, wave of {w}",
                      w=fmt.day(rate_wave, lang))):  # fmt: skip
    downloads(
        table.sort("group").select(
            pl.col("group").alias(pick("Afdeling", "Department")),
            as_text("respondents", lambda v: fmt.number(v, lang)).alias(
                pick("Respondenten", "Respondents")
            ),
            as_text("invited", lambda v: fmt.number(v, lang)).alias(
                pick("Uitgenodigd", "Invited")
            ),
            as_text("response_rate", lambda v: fmt.percent(v, lang)).alias(label("response_rate")),
            as_text("enps", lambda v: enps_text(v, lang)).alias(label("enps")),
            *(as_text(k, lambda v: fmt.percent(v, lang)).alias(survey_dimension(k))
              for k in dimension_keys),
        ).fill_null(fmt.DASH),
        pick("betrokkenheid_per_afdeling", "engagement_by_department"),
    )  # fmt: skip

withheld_note(
    scores, rates, dimensions, items, per_department, per_rate, enps_by_department, changes,
    minimum=minimum,
)  # fmt: skip
how_calculated(EXPLAINED)
