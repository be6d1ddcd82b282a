"""Diversity & pay: gender by grade and by role, the age pyramid in the reorganisation age bands,
generations, the Blau index per department, and the EU pay-transparency report (Directive
2023/970 Art. 9(1)(a)–(g), with the Art. 10 flag per category) as decision support.

Every figure is about the last day of the period. Clicking a grade in the first chart filters the
rest of the page to that grade; the grade chart itself keeps showing every grade."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import DIMENSIONS, Filters, check_population
from analytics.metrics.pay import PayReport
from analytics.metrics.scope import UNKNOWN
from analytics.privacy import TooFewPeopleError
from ui import cached, charts, fmt
from ui.components import (
    downloads,
    drill_chart,
    how_calculated,
    kpi_tiles,
    open_page,
    rendered,
    too_few,
    withheld_note,
)
from ui.data import connection
from ui.filters import Choice
from ui.i18n import label, language, pick

KPI_KEYS = ("female_share", "gender_pay_gap_mean", "gender_pay_gap_median", "headcount_end")
EXPLAINED = (
    "female_share", "female_share_managers", "gender_x_count", "gender_unknown_count",
    "age_pyramid", "generation_share", "blau_index", "blau_index_normalised",
    "gender_pay_gap_mean", "gender_pay_gap_median", "variable_pay_gap_mean",
    "variable_pay_gap_median", "variable_pay_share", "pay_quartile_female_share",
    "category_pay_gap_mean", "hourly_pay_mean", "headcount_end",
)  # fmt: skip
GRADE_CHART = "div_grade"
WOMEN_COLOUR, MEN_COLOUR, FLAG_COLOUR = charts.PALETTE[1], charts.PALETTE[0], charts.PALETTE[3]


# --- words ----------------------------------------------------------------------------------------


def women() -> str:
    return pick("Vrouwen", "Women")


def men() -> str:
    return pick("Mannen", "Men")


def art10_flag() -> str:
    """The Art. 10 flag: a possible next step, never a finding."""
    return pick(
        "mogelijke gezamenlijke beloningsbeoordeling (art. 10)",
        "potential joint pay assessment (Art. 10)",
    )


def decision_support() -> str:
    return pick(
        "Beslissingsondersteuning, geen juridisch oordeel",
        "Decision support, not a legal finding",
    )


def withheld_word() -> str:
    return pick("afgeschermd", "withheld")


# The pay categories (setting pay_category) in the singular and the plural.
CATEGORY_WORDS = {
    "grade": ("schaal", "schalen", "grade", "grades"),
    "job_family": ("functiefamilie", "functiefamilies", "job family", "job families"),
    "job_title": ("functie", "functies", "job title", "job titles"),
}


def category_word(category: str, count: int = 1) -> str:
    """'schaal' or 'schalen' ('grade', 'grades') for `count` categories."""
    one_nl, many_nl, one_en, many_en = CATEGORY_WORDS[category]
    return pick(one_nl, one_en) if count == 1 else pick(many_nl, many_en)


def dimension_name(key: str) -> str:
    entry = DIMENSIONS[key]
    return pick(entry.label_nl, entry.label_en)


def group_name(value: str) -> str:
    return pick("onbekend", "unknown") if value == UNKNOWN else value


def grade_name(value: str) -> str:
    return pick("schaal {g}", "grade {g}", g=group_name(value))


def role_name(value: str) -> str:
    names = {
        "manager": pick("Leidinggevenden", "Managers"),
        "non-manager": pick("Overige medewerkers", "Other employees"),
    }
    return names.get(value, value)


def gender_name(value: str) -> str:
    names = {"F": pick("Vrouw", "Woman"), "M": pick("Man", "Man"), "X": "X"}
    return names.get(value, group_name(value))


def band_name(value: str) -> str:
    names = {
        "55-AOW": pick("55–AOW-leeftijd", "55–state pension age"),
        "AOW+": pick("AOW-leeftijd+", "state pension age+"),
        UNKNOWN: group_name(UNKNOWN),
    }
    return names.get(value, value.replace("-", "–"))


# Generations as analytics labels them (after Pew Research Center, a US convention), oldest first.
GENERATIONS = {
    "Babyboom (1946-1964)": ("Babyboomers (1946–1964)", "Baby boomers (1946–1964)"),
    "Generatie X (1965-1980)": ("Generatie X (1965–1980)", "Generation X (1965–1980)"),
    "Millennials (1981-1996)": ("Millennials (1981–1996)", "Millennials (1981–1996)"),
    "Generatie Z (1997-2012)": ("Generatie Z (1997–2012)", "Generation Z (1997–2012)"),
    "overig": ("Overig", "Other"),
    UNKNOWN: ("Onbekend", "Unknown"),
}


def generation_name(value: str) -> str:
    return pick(*GENERATIONS.get(value, (value, value)))


def quartile_name(quartile: int) -> str:
    names = {1: pick("Q1 (laagst)", "Q1 (lowest)"), 4: pick("Q4 (hoogst)", "Q4 (highest)")}
    return names.get(quartile, f"Q{quartile}")


def euro(amount: float | None) -> str:
    return fmt.DASH if amount is None else fmt.value("euro_per_hour", amount, language())


def per_hour(amount: float | None) -> str:
    return fmt.DASH if amount is None else euro(amount) + pick(" per uur", " per hour")


def percent(value: float | None) -> str:
    return fmt.percent(value, language())


def number(value: float | None) -> str:
    return fmt.number(value, language())


# --- order and selection --------------------------------------------------------------------------


def natural(values: Iterable[str]) -> list[str]:
    """Grades in their natural order (4, 5, …, 10, 11), text after numbers, unknown last."""

    def key(value: str) -> tuple[int, int, str]:
        if value == UNKNOWN:
            return (2, 0, value)
        return (0, int(value), value) if value.isdigit() else (1, 0, value)

    return sorted(values, key=key)


def ordered(frame: pl.DataFrame, column: str = "group") -> pl.DataFrame:
    """Rows in the natural order of `column`."""
    order = {value: rank for rank, value in enumerate(natural(frame[column].unique().to_list()))}
    return frame.sort(pl.col(column).replace_strict(order, return_dtype=pl.Int64))


def shown(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """The rows whose `column` is not withheld."""
    return frame.filter(pl.col(column).is_not_null())


# --- figures --------------------------------------------------------------------------------------


def subtitled(figure: go.Figure, subtitle: str) -> go.Figure:
    """A second, smaller title line: the title stays short enough for a half-width chart."""
    figure.update_layout(
        title_subtitle={"text": subtitle, "font": {"size": 14, "color": "#555555"}},
        margin_t=88,
    )
    return figure


def legend_below(figure: go.Figure) -> None:
    """The legend under the axis title (the house style's sits on it when the x axis has a title);
    a second legend line grows downwards."""
    figure.update_layout(legend={"yanchor": "top", "y": -0.24})


def share_bars(frame: pl.DataFrame, names: list[str], title: str) -> go.Figure:
    """Stacked bars of the female and male share per group (`customdata` is the group's key);
    the hover gives the share and the count it comes from."""
    figure = go.Figure()
    for column, count, name, colour in (
        ("female_share", "female", women(), WOMEN_COLOUR),
        ("male_share", "male", men(), MEN_COLOUR),
    ):
        figure.add_trace(
            go.Bar(
                x=names,
                y=frame[column].to_list(),
                name=name,
                customdata=frame["group"].to_list(),
                marker={"color": colour},
                hovertext=[
                    f"{name}: {percent(v)} ({number(n)})"
                    for v, n in zip(frame[column].to_list(), frame[count].to_list(), strict=True)
                ],
                hovertemplate="%{x}<br>%{hovertext}<extra></extra>",
            )
        )
    charts.style(figure, title)
    figure.update_layout(barmode="stack", legend_traceorder="normal")
    legend_below(figure)
    figure.update_yaxes(tickformat=".0%", range=[0, 1])
    figure.update_xaxes(type="category")
    return figure


def pyramid(frame: pl.DataFrame, title: str) -> go.Figure:
    """Bars per age band: women to the left, men to the right, the youngest at the bottom."""
    figure = go.Figure()
    largest = 0
    for gender, name, colour, side in (
        ("F", women(), WOMEN_COLOUR, -1),
        ("M", men(), MEN_COLOUR, 1),
    ):
        part = shown(frame.filter(pl.col("gender") == gender), "headcount")
        counts = part["headcount"].to_list()
        largest = max([largest, *counts])
        figure.add_trace(
            go.Bar(
                y=[band_name(b) for b in part["band"].to_list()],
                x=[side * n for n in counts],  # drawn to the left: the sign is only the side
                orientation="h",
                name=name,
                marker={"color": colour},
                hovertext=[
                    f"{name}: {number(n)} ({percent(s)})"
                    for n, s in zip(counts, part["share"].to_list(), strict=True)
                ],
                hovertemplate="%{y}<br>%{hovertext}<extra></extra>",
            )
        )
    charts.style(figure, title)
    step = tick_step(largest)
    ticks = [i * step for i in range(-(largest // step) - 1, largest // step + 2)]
    figure.update_layout(barmode="relative", bargap=0.1, legend_traceorder="normal")
    legend_below(figure)
    figure.update_xaxes(
        tickvals=ticks,
        ticktext=[number(abs(v)) for v in ticks],
        title=pick("Aantal medewerkers", "Number of employees"),
    )
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[band_name(b) for b in dict.fromkeys(frame["band"].to_list())],
    )
    return figure


def tick_step(largest: int) -> int:
    """A round step that gives about three ticks on each side of the pyramid."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if largest <= 3 * step:
            return step
    return 20000


def generation_bars(frame: pl.DataFrame, title: str) -> go.Figure:
    """The share of each generation, oldest first."""
    shares = frame["share"].to_list()
    figure = go.Figure(
        go.Bar(
            x=[generation_name(g).replace(" (", "<br>(") for g in frame["generation"].to_list()],
            y=shares,
            marker={"color": charts.MAIN},
            text=[percent(s) for s in shares],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"{number(n)} ({percent(s)})"
                for n, s in zip(frame["headcount"].to_list(), shares, strict=True)
            ],
            hovertemplate="%{x}: %{hovertext}<extra></extra>",
        )
    )
    charts.style(figure, title)
    figure.update_yaxes(tickformat=".0%", rangemode="tozero")
    figure.update_xaxes(title=pick("Generatie (VS-indeling)", "Generation (US convention)"))
    return figure


def blau_bars(frame: pl.DataFrame, title: str) -> go.Figure:
    """The Blau index per department, the most mixed at the top."""
    rows = frame.sort("blau_index")
    figure = charts.bars(rows, "group", "blau_index", title, horizontal=True)
    figure.update_traces(
        text=[fmt.value("index", v, language()) for v in rows["blau_index"].to_list()],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    figure.update_layout(height=max(380, 110 + 26 * rows.height))
    top = max([*rows["blau_index"].to_list(), 0.1])
    figure.update_xaxes(title=label("blau_index"), range=[0, top * 1.2])  # room for the labels
    return figure


def category_bars(frame: pl.DataFrame, title: str, axis: str) -> go.Figure:
    """The mean gap of total pay per category; flagged categories in their own colour, beside
    the 5 % line of Art. 10."""
    figure = go.Figure()
    for flagged, name, colour in (
        (False, pick("Onder 5 %", "Below 5%"), charts.MAIN),
        (True, art10_flag(), FLAG_COLOUR),
    ):
        part = frame.filter(pl.col("art10_flag") == flagged)
        figure.add_trace(
            go.Bar(
                x=[group_name(g) for g in part["group"].to_list()],
                y=part["mean_gap"].to_list(),
                name=name,
                marker={"color": colour},
                text=[percent(v) for v in part["mean_gap"].to_list()],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{text}<extra>" + name + "</extra>",
            )
        )
    charts.style(figure, title)
    figure.add_hline(
        y=0.05,
        line_dash="dash",
        line_color=FLAG_COLOUR,
        annotation_text=pick("5 % (art. 10)", "5% (Art. 10)"),
        annotation_position="top left",
    )
    figure.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=[group_name(g) for g in frame["group"].to_list()],
        title=axis,
    )
    figure.update_yaxes(tickformat=".0%", title=label("gender_pay_gap_mean"))
    legend_below(figure)
    return figure


# --- tables ---------------------------------------------------------------------------------------

# A table column: (source column, header, how to show a value, whether the files keep the number).
Column = tuple[str, str, Callable[[Any], str], bool]


def table(frame: pl.DataFrame, columns: list[Column]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(for the files, for the screen): the files keep the numbers, the screen shows them the
    session's way; names are words in both."""

    files = pl.DataFrame(
        [
            (frame[source] if keep else rendered(frame, source, render)).alias(header)
            for source, header, render, keep in columns
        ]
    )
    screen = pl.DataFrame(
        [rendered(frame, source, render).alias(header) for source, header, render, _ in columns]
    )
    return files, screen


def words(value: str | None) -> str:
    return "" if value is None else value


def index(value: float | None) -> str:
    return fmt.value("index", value, language())


def offer(tables: tuple[pl.DataFrame, pl.DataFrame], name: str) -> None:
    """The table on screen with its CSV and Excel downloads."""
    files, screen = tables
    downloads(files, name, display=screen)


def grade_table(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    return table(
        frame,
        [
            ("group", dimension_name("grade"), group_name, False),
            ("female", women(), number, True),
            ("male", men(), number, True),
            ("female_share", label("female_share"), percent, True),
            ("male_share", label("male_share"), percent, True),
            ("x", pick("Geslacht X", "Gender X"), number, True),
            ("unknown", pick("Geslacht onbekend", "Gender unknown"), number, True),
        ],
    )


def age_table(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    return table(
        frame,
        [
            ("band", dimension_name("age_band"), band_name, False),
            ("gender", dimension_name("gender"), gender_name, False),
            ("headcount", pick("Aantal", "Number"), number, True),
            ("share", pick("Aandeel van iedereen", "Share of everyone"), percent, True),
        ],
    )


def generation_table(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    return table(
        frame,
        [
            ("generation", dimension_name("generation"), generation_name, False),
            ("headcount", pick("Aantal", "Number"), number, True),
            ("share", label("generation_share"), percent, True),
        ],
    )


def blau_table(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    outside = pick("Aandeel buiten de categorieën", "Share outside the categories")
    return table(
        frame,
        [
            ("group", dimension_name("department"), group_name, False),
            ("blau_index", label("blau_index"), index, True),
            ("blau_index_normalised", label("blau_index_normalised"), index, True),
            ("outside_share", outside, percent, True),
        ],
    )


def report_table(
    report: PayReport, flagged: int, shown_categories: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parts (a)–(g) of Art. 9(1): for the files with each row's unit, for the screen as text in
    the session's language."""
    gaps = {row["component"]: row for row in report.gaps.iter_rows(named=True)}
    shares = {
        row["gender"]: row["share"] for row in report.variable_pay_shares.iter_rows(named=True)
    }
    # (part, indicator, unit of women and men, women, men, result: a gap or a count)
    rows: list[tuple[str, str, str, float | None, float | None, float | int | None]] = []
    for part, key, component, kind in (
        ("a", "gender_pay_gap_mean", "total", "mean"),
        ("b", "variable_pay_gap_mean", "variable", "mean"),
        ("c", "gender_pay_gap_median", "total", "median"),
        ("d", "variable_pay_gap_median", "variable", "median"),
    ):
        row = gaps.get(component, {})
        women_eur, men_eur = row.get(f"{kind}_female_eur"), row.get(f"{kind}_male_eur")
        rows.append((part, label(key), "euro", women_eur, men_eur, row.get(f"{kind}_gap")))
    rows.append(("e", label("variable_pay_share"), "share", shares.get("F"), shares.get("M"), None))
    for row in report.quartiles.iter_rows(named=True):
        name = pick("Loonkwartiel {q}", "Pay quartile {q}", q=quartile_name(row["quartile"]))
        rows.append(("f", name, "share", row["female_share"], row["male_share"], None))
    word = category_word(report.category)
    marked = pick("Loonkloof per {c}: gemarkeerd (art. 10)", "Pay gap per {c}: marked (Art. 10)",
                  c=word)  # fmt: skip
    for nl, en, count in (
        (marked, marked, flagged),
        ("Loonkloof per {c}: getoond", "Pay gap per {c}: shown", shown_categories),
        ("Loonkloof per {c}: afgeschermd", "Pay gap per {c}: withheld", report.withheld_categories),
    ):
        rows.append(("g", pick(nl, en, c=word), "count", None, None, count))

    units = {
        "euro": pick("€ per uur", "€ per hour"),
        "share": pick("aandeel", "share"),
        "count": "",
    }
    part, unit, result = (
        pick("Onderdeel", "Part"),
        pick("Eenheid", "Unit"),
        pick("Uitkomst", "Result"),
    )
    files = pl.DataFrame(
        [(p, i, units[u], w, m, r) for p, i, u, w, m, r in rows],
        schema={part: pl.String, "Indicator": pl.String, unit: pl.String, women(): pl.Float64,
                men(): pl.Float64, result: pl.Float64},
        orient="row",
    )  # fmt: skip

    def value(kind: str, amount: float | None) -> str:
        return per_hour(amount) if kind == "euro" else percent(amount)

    # On screen (a)–(f) as they are and (g) in one row, so the table needs no scrolling.
    screen = [(p, i, value(u, w), value(u, m), percent(r) if u == "euro" else "")
              for p, i, u, w, m, r in rows if u != "count"]  # fmt: skip
    screen.append(
        (
            "g",
            marked,
            "",
            "",
            pick(
                "{n} van {m} ({w} afgeschermd)",
                "{n} of {m} ({w} withheld)",
                n=flagged,
                m=shown_categories,
                w=report.withheld_categories,
            ),
        )
    )
    return files, pl.DataFrame(
        screen, schema=[part, "Indicator", women(), men(), result], orient="row"
    )


def category_table(report: PayReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Part (g) in full: every category and component, the flag on the total-pay row."""
    components = {
        "total": pick("Totaal", "Total"),
        "basic": pick("Basisloon", "Basic pay"),
        "variable": pick("Variabel (ontvangers)", "Variable (recipients)"),
    }
    frame = ordered(report.categories).with_columns(
        pl.when(pl.col("suppressed"))
        .then(pl.lit(withheld_word()))
        .when(pl.col("art10_flag"))
        .then(pl.lit(art10_flag()))
        .otherwise(pl.lit(""))
        .alias("assessment_text")
    )
    return table(
        frame,
        [
            ("group", dimension_name(report.category), group_name, False),
            ("component", "Component", lambda c: components.get(c, c), False),
            ("female", women(), number, True),
            ("male", men(), number, True),
            ("mean_female_eur", pick("Gem. uurloon vrouwen", "Mean hourly pay women"), euro, True),
            ("mean_male_eur", pick("Gem. uurloon mannen", "Mean hourly pay men"), euro, True),
            ("mean_gap", label("gender_pay_gap_mean"), percent, True),
            ("median_gap", label("gender_pay_gap_median"), percent, True),
            ("assessment_text", pick("Beoordeling", "Assessment"), words, False),
        ],
    )


# --- the page's parts -----------------------------------------------------------------------------


def headline(filters: Filters) -> dict:
    """The tiles' figures: the command line's values, from the same `overview` functions that
    `compute_metrics` reads, but only of the three domains the tiles show (a third of the time)."""
    values: dict = {}
    for module in ("headcount", "diversity", "pay"):
        frame = cached.metric(module, "overview", filters, by=None)
        if frame.height:
            values.update(frame.row(0, named=True))
    return values


def grade_chart(filters: Filters) -> tuple[pl.DataFrame, str | None]:
    """Gender by grade for every grade; returns the frame and the grade clicked, if any."""
    frame = ordered(cached.metric("diversity", "gender_by_grade", filters))
    rows = shown(frame, "female_share")
    graded = rows.filter(pl.col("group") != UNKNOWN)
    if graded.height >= 2:
        first, last = graded.head(1), graded.tail(1)
        title = pick(
            "Vrouwen: {low} in {g1}, {high} in {g2}",
            "Women: {low} in {g1}, {high} in {g2}",
            low=percent(first["female_share"].item()),
            g1=grade_name(first["group"].item()),
            high=percent(last["female_share"].item()),
            g2=grade_name(last["group"].item()),
        )
    else:
        title = pick("Aandeel vrouwen per schaal", "Female share by grade")
    figure = share_bars(rows, [group_name(g) for g in rows["group"].to_list()], title)
    figure.update_xaxes(title=dimension_name("grade"))
    subtitled(
        figure,
        pick(
            "Aandeel vrouwen en mannen per schaal op de peildatum",
            "Share of women and men per grade on the reference date",
        ),
    )
    chosen = drill_chart(figure, GRADE_CHART, format_func=grade_name)
    st.caption(
        pick(
            "Klik op een schaal om de rest van de pagina op die schaal te filteren.",
            "Click a grade to filter the rest of the page to that grade.",
        )
    )
    return frame, chosen


def drilled(choice: Choice, chosen: str | None) -> tuple[Filters, Filters]:
    """The page's filters and comparison, narrowed to the grade clicked."""
    if not chosen:
        return choice.filters, choice.comparison
    if chosen == UNKNOWN:
        st.warning(
            pick(
                "Op medewerkers zonder schaal kan niet worden gefilterd: de cijfers gelden voor "
                "alle schalen.",
                "People without a grade cannot be filtered on: the figures are for all grades.",
            ),
            icon=":material/info:",
        )
        return choice.filters, choice.comparison
    filters = replace(choice.filters, grades=(chosen,))
    try:
        check_population(connection(), filters)
    except TooFewPeopleError as error:
        too_few(error)
        st.stop()
    return filters, replace(choice.comparison, grades=(chosen,))


def role_chart(filters: Filters) -> pl.DataFrame:
    frame = cached.metric("diversity", "gender_by_role", filters)
    managers = shown(frame.filter(pl.col("group") == "manager"), "female_share")
    others = shown(frame.filter(pl.col("group") == "non-manager"), "female_share")
    if managers.height and others.height:
        title = pick(
            "Leidinggevenden: {m} vrouw",
            "Managers: {m} female",
            m=percent(managers["female_share"].item()),
        )
        subtitle = pick(
            "Overige medewerkers: {o} vrouw",
            "Other employees: {o} female",
            o=percent(others["female_share"].item()),
        )
    else:
        title = label("female_share_managers")
        subtitle = pick("Leidinggevenden en overige medewerkers", "Managers and other employees")
    rows = shown(frame, "female_share")
    figure = share_bars(rows, [role_name(g) for g in rows["group"].to_list()], title)
    st.plotly_chart(subtitled(figure, subtitle), key="div_role")
    st.caption(
        pick(
            "Leidinggevende: geeft op de peildatum leiding aan ten minste één medewerker in "
            "dienst.",
            "Manager: manages at least one employee in service on the reference date.",
        )
    )
    return frame


def age_chart(filters: Filters) -> pl.DataFrame:
    frame = cached.metric("diversity", "age_pyramid", filters)
    binary = shown(frame.filter(pl.col("gender").is_in(["F", "M"])), "headcount")
    if binary.height:
        bands = binary.group_by("band", maintain_order=True).agg(pl.col("headcount").sum())
        largest = bands.sort("headcount", descending=True, maintain_order=True).head(1)
        title = pick(
            "Meeste medewerkers: {band} jaar",
            "Largest age band: {band}",
            band=band_name(largest["band"].item()),
        )
    else:
        title = label("age_pyramid")
    figure = subtitled(
        pyramid(frame, title),
        pick("Leeftijdsopbouw naar geslacht op de peildatum", "Age pyramid by gender on the "
             "reference date"),
    )  # fmt: skip
    st.plotly_chart(figure, key="div_pyramid")
    st.caption(
        pick(
            "Leeftijdsgroepen van het afspiegelingsbeginsel (Ontslagregeling art. 11). Geslacht X "
            "en onbekend staan in de tabel onder ‘Tabellen diversiteit’, waar de groep groot "
            "genoeg is.",
            "Age bands of the Dutch reorganisation rules (Ontslagregeling art. 11). Gender X and "
            "unknown are in the table under ‘Diversity tables’, where the group is large enough.",
        )
    )
    return frame


def generation_chart(filters: Filters) -> pl.DataFrame:
    frame = cached.metric("diversity", "generations", filters)
    order = {name: rank for rank, name in enumerate(GENERATIONS)}
    frame = frame.sort(pl.col("generation").replace_strict(order, default=len(order)))
    rows = shown(frame, "share")
    if rows.height:
        biggest = rows.sort("share", descending=True, maintain_order=True).head(1)
        title = pick(
            "{g} het grootst: {s}",
            "{g} largest: {s}",
            g=generation_name(biggest["generation"].item()).split(" (")[0],
            s=percent(biggest["share"].item()),
        )
    else:
        title = pick("Generaties (VS-indeling)", "Generations (US convention)")
    figure = subtitled(
        generation_bars(rows, title),
        pick("Generaties naar geboortejaar (VS-indeling)", "Generations by birth year (US "
             "convention)"),
    )  # fmt: skip
    st.plotly_chart(figure, key="div_generations")
    st.caption(
        pick(
            "Generaties naar geboortejaar volgens Pew Research Center: een Amerikaanse indeling, "
            "er is geen Nederlandse standaard.",
            "Generations by birth year after Pew Research Center: a US convention, there is no "
            "Dutch standard.",
        )
    )
    return frame


def blau_chart(filters: Filters) -> pl.DataFrame:
    frame = cached.metric("diversity", "blau_index", filters, by="department")
    rows = shown(frame, "blau_index").sort("blau_index", descending=True)
    if rows.height:
        lowest = rows.tail(1)
        title = pick(
            "Laagst: {d} ({v})",
            "Lowest: {d} ({v})",
            d=group_name(lowest["group"].item()),
            v=fmt.value("index", lowest["blau_index"].item(), language()),
        )
    else:
        title = label("blau_index")
    figure = subtitled(
        blau_bars(rows, title),
        pick("Genderdiversiteit per afdeling (Blau-index)", "Gender diversity per department "
             "(Blau index)"),
    )  # fmt: skip
    st.plotly_chart(figure, key="div_blau")
    k = filters.settings.blau_categories
    highest = {2: "0,50", 3: "0,67"} if language() == "nl" else {2: "0.50", 3: "0.67"}
    st.caption(
        pick(
            "Blau-index per afdeling: 0 = iedereen hetzelfde geslacht; hoe hoger, hoe gemengder "
            "(hoogst mogelijk bij {k} categorieën: {m}).",
            "Blau index per department: 0 = everyone the same gender; the higher, the more mixed "
            "(highest possible with {k} categories: {m}).",
            k=k,
            m=highest.get(k, fmt.DASH),
        )
    )
    return frame


def diversity_tables(
    by_grade: pl.DataFrame, ages: pl.DataFrame, gens: pl.DataFrame, blau: pl.DataFrame
) -> None:
    with st.expander(pick("Tabellen diversiteit", "Diversity tables")):
        st.markdown(f"**{pick('Geslacht per schaal (alle schalen)', 'Gender by grade (all)')}**")
        offer(grade_table(by_grade), pick("geslacht_per_schaal", "gender_by_grade"))
        st.markdown(f"**{label('age_pyramid')}**")
        offer(age_table(ages), pick("leeftijdsopbouw", "age_pyramid"))
        st.markdown(f"**{pick('Generaties (VS-indeling)', 'Generations (US convention)')}**")
        offer(generation_table(gens), pick("generaties", "generations"))
        st.markdown(f"**{label('blau_index')}**")
        offer(blau_table(blau), pick("blau_index_per_afdeling", "blau_index_by_department"))


def pay_section(filters: Filters) -> PayReport:
    """The pay transparency report: label, quartiles, category gaps, parts (a)–(g)."""
    st.subheader(
        pick(
            "Loontransparantie (EU-richtlijn 2023/970)", "Pay transparency (EU Directive 2023/970)"
        )
    )
    # Art. 9(1)(g) leaves the categories of workers to the employer: grades by default, job
    # families or job titles where there are no grades (the setting pay_category).
    category = st.segmented_control(
        pick("Categorieën werknemers", "Categories of workers"), tuple(CATEGORY_WORDS),
        default=filters.settings.pay_category, key="pay_category",
        format_func=lambda c: category_word(c, 2).capitalize(),
    ) or filters.settings.pay_category  # fmt: skip
    filters = replace(filters, settings=replace(filters.settings, pay_category=category))
    report: PayReport = cached.metric("pay", "pay_report", filters)
    st.warning(
        f"**{decision_support()}.** "
        + pick(
            "Indicatoren van de loonkloof volgens art. 9 lid 1 (a)–(g), op uurloon op de "
            "peildatum {day}. Een {c} met ‘{flag}’ heeft een gemiddelde loonkloof van 5 % of meer; "
            "art. 10 geldt pas als die niet met objectieve, genderneutrale criteria te "
            "rechtvaardigen is en niet binnen zes maanden na de rapportage is hersteld.",
            "Gender pay gap indicators after Art. 9(1)(a)–(g), on hourly pay on the reference "
            "date {day}. A {c} marked ‘{flag}’ has a mean gap of 5% or more; Art. 10 applies only "
            "when the gap is not justified by objective, gender-neutral criteria and not remedied "
            "within six months of the report.",
            day=fmt.day(report.reference_date, language()),
            c=category_word(report.category),
            flag=art10_flag(),
        ),
        icon=":material/balance:",
    )
    totals = ordered(report.categories.filter(pl.col("component") == "total"))
    gaps = shown(totals, "mean_gap")
    flagged = gaps.filter(pl.col("art10_flag")).height
    left, right = st.columns(2)
    with left:
        quartiles = shown(report.quartiles, "female_share")
        ends = [
            pick("{s} in Q{q}", "{s} in Q{q}", s=percent(s), q=q)
            for q, s in zip(
                quartiles["quartile"].to_list(), quartiles["female_share"].to_list(), strict=True
            )
            if q in (1, 4)
        ]
        if ends:
            title = pick("Vrouwen: ", "Women: ") + ", ".join(ends)
        else:
            title = label("pay_quartile_female_share")
        figure = share_bars(
            quartiles.with_columns(pl.col("quartile").cast(pl.String).alias("group")),
            [quartile_name(q) for q in quartiles["quartile"].to_list()],
            title,
        )
        figure.update_xaxes(
            title=pick("Loonkwartiel (uurloon)", "Pay quartile (hourly pay)"),
            categoryorder="array",
            categoryarray=[quartile_name(q) for q in (1, 2, 3, 4)],
        )
        subtitled(
            figure,
            pick("Aandeel vrouwen en mannen per loonkwartiel (f)", "Share of women and men per "
                 "pay quartile (f)"),
        )  # fmt: skip
        st.plotly_chart(figure, key="div_quartiles")
    with right:
        if gaps.height:
            title = pick(
                "{n} van {m} {c}: loonkloof ≥ 5 %",
                "{n} of {m} {c}: pay gap ≥ 5%",
                n=flagged,
                m=gaps.height,
                c=category_word(report.category, gaps.height),
            )
        else:
            title = label("category_pay_gap_mean")
        figure = category_bars(gaps, title, dimension_name(report.category))
        subtitled(
            figure,
            pick("Gemiddelde loonkloof per {c} (g), totale beloning",
                 "Mean pay gap per {c} (g), total pay", c=category_word(report.category)),
        )  # fmt: skip
        st.plotly_chart(figure, key="div_categories")

    st.markdown(
        f"**{pick('Rapportage art. 9 lid 1 (a)–(g)', 'Report Art. 9(1)(a)–(g)')}** · "
        f"{decision_support().lower()}"
    )
    offer(
        report_table(report, flagged, gaps.height),
        pick("loontransparantie_art9", "pay_transparency_art9"),
    )
    with st.expander(
        pick(
            "Loonkloof per {c}, per component (onderdeel g)",
            "Pay gap per {c}, by component (part g)",
            c=category_word(report.category),
        )
    ):
        offer(category_table(report), pick("loonkloof_per_categorie", "pay_gap_by_category"))
    return report


def notes(frames: list[pl.DataFrame], report: PayReport, minimum: int) -> None:
    """What was withheld, and who is outside the pay gap."""
    withheld_note(
        *frames,
        report.gaps,
        report.variable_pay_shares,
        report.quartiles,
        report.categories,
        report.not_in_gap,
        minimum=minimum,
    )
    if report.withheld_categories:
        st.info(
            pick(
                "Afgeschermd: {n} {c} met minder dan {m} vrouwen of mannen (of waaruit anders een "
                "kleine groep uit het totaal af te leiden is). Die staan niet in de grafiek en "
                "worden hier niet op art. 10 beoordeeld: bekijk ze met de salarisadministratie "
                "buiten het dashboard.",
                "Withheld: {n} {c} with fewer than {m} women or men (or from which a small group "
                "could otherwise be worked out from the total). They are not in the chart and not "
                "assessed for Art. 10 here: review them with the pay administration outside the "
                "dashboard.",
                n=report.withheld_categories,
                c=category_word(report.category, report.withheld_categories),
                m=minimum,
            ),
            icon=":material/lock:",
        )
    reasons = {
        "X": pick("geslacht X", "gender X"),
        "unknown gender": pick("geslacht onbekend", "gender unknown"),
        "no pay data": pick("geen salarisgegevens", "no pay data"),
    }
    outside = [
        f"{reasons.get(row['reason'], row['reason'])}: "
        + (withheld_word() if row["persons"] is None else number(row["persons"]))
        for row in report.not_in_gap.iter_rows(named=True)
    ]
    if outside:
        st.caption(
            pick(
                "Buiten de loonkloof (de richtlijn vergelijkt vrouwen en mannen): {p}.",
                "Outside the pay gap (the directive compares women and men): {p}.",
                p=", ".join(outside),
            )
        )


def main() -> None:
    choice = open_page("page_diversity")
    st.caption(
        pick(
            "Stand op {day}, de laatste dag van de periode; de veranderingen zijn ten opzichte "
            "van {before}.",
            "As on {day}, the period's last day; changes are against {before}.",
            day=fmt.day(choice.filters.period.end, choice.language),
            before=fmt.day(choice.comparison.period.end, choice.language),
        )
    )
    tiles = st.container()
    st.subheader(pick("Diversiteit", "Diversity"))
    # Drawn before the tiles are filled: a click on a grade narrows everything else.
    by_grade, chosen = grade_chart(choice.filters)
    filters, comparison = drilled(choice, chosen)
    with tiles:
        if filters.grades:
            st.info(
                pick(
                    "Gefilterd op {g}: alle cijfers behalve de grafiek per schaal gelden voor "
                    "die schaal.",
                    "Filtered to {g}: every figure except the chart by grade is for that grade.",
                    g=grade_name(filters.grades[0]),
                ),
                icon=":material/search:",
            )
        kpi_tiles(KPI_KEYS, headline(filters), headline(comparison), columns=4)
    left, right = st.columns(2)
    with left:
        by_role = role_chart(filters)
    with right:
        ages = age_chart(filters)
    left, right = st.columns(2)
    with left:
        gens = generation_chart(filters)
    with right:
        blau = blau_chart(filters)
    diversity_tables(by_grade, ages, gens, blau)
    report = pay_section(filters)
    notes([by_grade, by_role, ages, gens, blau], report, filters.settings.min_group_size)
    how_calculated(EXPLAINED)


main()
