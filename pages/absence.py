"""Absence (verzuim): the four absence figures against the comparison period, monthly trends with
the CBS benchmark, duration classes, open spells by Poortwachter milestone, the verzuimvenster per
department (click a department to filter the page to it) and a month × year heatmap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import Filters, Period, check_population
from analytics.metrics.absence import POORTWACHTER_WEEKS, cbs_benchmark
from analytics.privacy import TooFewPeopleError
from analytics.registry import registry
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
from ui.i18n import label, language, pick, t

KEYS = ("absence_rate", "absence_frequency", "average_absence_duration", "zero_absence_rate")
PANEL_KEYS = (*KEYS, "absence_rate_by_duration_class", "open_spells")
WINDOW = "absence_window"  # the verzuimvenster's chart key (a new one after each "back")
ALL_SECTORS = "A-U"
MILESTONES = {
    6: ("probleemanalyse", "problem analysis"),
    8: ("plan van aanpak", "action plan"),
    42: ("ziekmelding UWV", "report to UWV"),
    52: ("eerstejaarsevaluatie", "first-year review"),
    88: ("WIA-aanvraag", "WIA application"),
    104: ("einde loondoorbetaling", "end of sick pay"),
}


# --------------------------------------------------------------------------------------------
# Small helpers (formatting only)


def first_row(frame: pl.DataFrame) -> dict:
    """The whole group's figures as a dict (empty when nothing came back)."""
    return frame.row(0, named=True) if frame.height else {}


def shown_value(unit: str, value: float | None, lang: str) -> str:
    """A value by its registry unit, days with their unit."""
    text = fmt.value(unit, value, lang)
    return f"{text} {pick('dagen', 'days')}" if unit == "days" and value is not None else text


def month_ticks(figure: go.Figure, months: list[date], lang: str) -> None:
    """Month names in the page's language on a date axis (Plotly would write them in English)."""
    shown = months[:: max(1, len(months) // 8)]
    figure.update_xaxes(tickvals=shown, ticktext=[fmt.month(m, lang) for m in shown])


def window_key() -> str:
    """The verzuimvenster's chart key: `absence_window`, then `absence_window_1`, … after each
    "back", so that the browser draws a fresh chart without the old selection (with the same
    key the selection stays and would choose the department again, or a click on it would only
    deselect it)."""
    generation = st.session_state.get(f"{WINDOW}_generation", 0)
    return f"{WINDOW}_{generation}" if generation else WINDOW


def clear_drill() -> None:
    """Back to all departments: forget the choice (drill_chart keeps it under `<key>_chosen`)
    and start a new chart."""
    st.session_state.pop(f"{window_key()}_chosen", None)
    st.session_state[f"{WINDOW}_generation"] = st.session_state.get(f"{WINDOW}_generation", 0) + 1


def label_positions(xs: list[float], ys: list[float]) -> list[str]:
    """Where to put each point's name in a scatter: away from its nearest neighbour (on axes
    scaled to their spans), so that names in a cluster overlap less."""
    x_span = (max(xs) - min(xs)) or 1.0 if xs else 1.0
    y_span = (max(ys) - min(ys)) or 1.0 if ys else 1.0
    positions = []
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        others = [((xs[j] - x) / x_span, (ys[j] - y) / y_span) for j in range(len(xs)) if j != i]
        if not others:
            positions.append("top center")
            continue
        dx, dy = min(others, key=lambda d: d[0] ** 2 + d[1] ** 2)
        if abs(dy) >= abs(dx) / 2:  # names are wide: move up or down unless far sideways
            positions.append("bottom center" if dy > 0 else "top center")
        else:
            positions.append("middle left" if dx > 0 else "middle right")
    return positions


def cbs_period(code: str, lang: str) -> str:
    """A CBS period code in words: "2024KW01" → "1e kwartaal 2024" / "Q1 2024"; a year as is."""
    if "KW" not in code:
        return code
    year, quarter = code.split("KW")
    return pick("{q}e kwartaal {y}", "Q{q} {y}", q=int(quarter), y=year)


def trend_window(period: Period) -> Period:
    """The 24 calendar months up to the period's end."""
    end = period.end
    return Period(date(end.year - 2 + (end.month == 12), end.month % 12 + 1, 1), end)


# --------------------------------------------------------------------------------------------
# Charts


def trend_figure(series: pl.DataFrame, column: str, lang: str) -> go.Figure:
    """A monthly line of one metric, the points in the middle of their month, titled with its
    latest value against the same month a year before (or the first month shown)."""
    unit = registry()[column].unit
    shown = series.filter(pl.col(column).is_not_null())
    title = label(column)
    if shown.height:
        last = shown.row(-1, named=True)
        earlier = shown.filter(
            pl.col("month") <= last["month"].replace(year=last["month"].year - 1)
        )
        before = (earlier if earlier.height else shown).row(-1 if earlier.height else 0, named=True)
        now_shown = shown_value(unit, last[column], lang)
        before_shown = shown_value(unit, before[column], lang)
        title = charts.finding(label(column), last[column], before[column], now_shown, before_shown)
        subtitle = (
            f"{fmt.month(last['month'], lang)} ({fmt.month(before['month'], lang)}: {before_shown})"
        )
    figure = charts.line(
        series, "month", column, title, percent_axis=unit in ("rate", "share"),
        names={column: label(column)},
    )  # fmt: skip
    if shown.height:
        charts.subtitled(figure, subtitle)
    figure.update_traces(
        xperiod="M1", xperiodalignment="middle",
        hovertext=[
            f"{fmt.month(m, lang)}: {shown_value(unit, v, lang)}"
            for m, v in zip(series["month"], series[column], strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )  # fmt: skip
    month_ticks(figure, series["month"].to_list(), lang)
    figure.update_layout(showlegend=column == "absence_rate")
    return figure


def add_benchmark(figure: go.Figure, benchmark: pl.DataFrame, window: Period, lang: str) -> None:
    """CBS figures as horizontal steps over their quarter or year."""
    sector = "sector_nl" if lang == "nl" else "sector_en"
    kinds = (
        ("quarter", pick("per kwartaal", "per quarter"), "dot", charts.PALETTE[1]),
        ("year", pick("per jaar", "per year"), "dash", charts.PALETTE[3]),
    )
    for kind, kind_label, dash, colour in kinds:
        rows = benchmark.filter(pl.col("period").str.contains("KW") == (kind == "quarter"))
        if not rows.height:
            continue
        xs: list[date | None] = []
        ys: list[float | None] = []
        texts: list[str | None] = []
        for row in rows.sort("period_start").iter_rows(named=True):
            rate = fmt.percent(row["absence_rate"], lang)
            text = f"CBS {cbs_period(row['period'], lang)}: {rate}"
            xs += [max(row["period_start"], window.start), min(row["period_end"], window.end), None]
            ys += [row["absence_rate"], row["absence_rate"], None]
            texts += [text, text, None]
        figure.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", name=f"CBS {rows[sector][0]} ({kind_label})",
                line={"color": colour, "width": 3, "dash": dash}, connectgaps=False,
                hovertext=texts, hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip


def classes_figure(now: pl.DataFrame, before: pl.DataFrame, lang: str) -> go.Figure:
    """The absence rate per duration class, this period beside the comparison period."""
    names = "label_nl" if lang == "nl" else "label_en"
    days = pick("dagen", "days")

    def class_label(row: dict) -> str:
        if row["duration_class"] == "extra_long":
            return f"{row[names]}<br>({row['min_days']}+ {days})"
        return f"{row[names]}<br>({row['min_days']}–{row['max_days']} {days})"

    figure = go.Figure()
    for frame, name, colour in (
        (before, pick("Vergelijkingsperiode", "Comparison period"), charts.COMPARE),
        (now, pick("Deze periode", "This period"), charts.MAIN),
    ):
        rows = list(frame.iter_rows(named=True))
        figure.add_trace(
            go.Bar(
                x=[class_label(r) for r in rows], y=[r["absence_rate"] for r in rows], name=name,
                marker_color=colour,
                text=[fmt.percent(r["absence_rate"], lang) for r in rows], textposition="outside",
                hovertext=[
                    f"{name}: {fmt.percent(r['absence_rate'], lang)} · "
                    + pick("{share} van het verzuim", "{share} of all absence",
                           share=fmt.percent(r["share_of_absence"], lang, 0))
                    for r in rows
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    shown = now.filter(pl.col("absence_rate").is_not_null())
    title = pick("Verzuimpercentage per duurklasse", "Absence rate by duration class")
    if shown.height:
        top = shown.sort("absence_rate", descending=True).row(0, named=True)
        title = pick(
            "Het meeste verzuim is {cls}: {value}", "Most absence is {cls}: {value}",
            cls=class_label(top).replace("<br>", " ").lower(),
            value=fmt.percent(top["absence_rate"], lang),
        )  # fmt: skip
    figure = charts.style(figure, title, percent_axis=True)
    figure.update_layout(barmode="group")
    return figure


def milestones_figure(spells: dict, end: date, lang: str) -> go.Figure:
    """Open spells on the period's last day that reached each Poortwachter milestone (counts)."""
    weeks = [w for w in POORTWACHTER_WEEKS if f"reached_week_{w}" in spells]
    counts = [spells[f"reached_week_{w}"] for w in weeks]
    names = [f"{pick('Week', 'Week')} {w} · {pick(*MILESTONES[w])}" for w in weeks]
    figure = go.Figure(
        go.Bar(
            x=counts, y=names, orientation="h", marker_color=charts.MAIN,
            text=[fmt.number(c, lang) for c in counts], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )  # fmt: skip
    if spells.get("open_spells") is None:
        title = pick("Lopende verzuimgevallen", "Open sickness spells")
    else:
        title = pick(
            "{n} lopende verzuimgevallen op {day}<br><sup>{y} daarvan al een jaar of langer "
            "(week 52)</sup>",
            "{n} open sickness spells on {day}<br><sup>{y} of them a year or longer (week 52)"
            "</sup>",
            n=fmt.number(spells["open_spells"], lang), day=fmt.day(end, lang),
            y=fmt.number(spells.get("reached_week_52"), lang),
        )  # fmt: skip
    figure = charts.style(figure, title)
    figure.update_layout(margin={"t": 80, "r": 40})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(
        title=pick("Aantal dat de mijlpaal bereikte", "Number reaching the milestone")
    )
    return figure


def window_figure(frame: pl.DataFrame, whole: dict, lang: str) -> go.Figure:
    """The verzuimvenster: frequency × absence rate per department, quadrants at the whole's
    values, bubbles by average headcount."""
    shown = frame.filter(
        pl.col("absence_rate").is_not_null() & pl.col("absence_frequency").is_not_null()
    )
    groups = shown["group"].to_list()
    sizes = shown["average_headcount"].to_list()
    biggest = max(sizes, default=1) or 1
    hover = [
        f"<b>{r['group']}</b><br>{label('absence_rate')}: {fmt.percent(r['absence_rate'], lang)}"
        f"<br>{label('absence_frequency')}: {fmt.number(r['absence_frequency'], lang, 2)}"
        f"<br>{label('average_absence_duration')}: "
        f"{fmt.number(r['average_absence_duration'], lang, 1)} {pick('dagen', 'days')}"
        f"<br>{pick('Gemiddelde bezetting', 'Average headcount')}: "
        f"{fmt.number(r['average_headcount'], lang)}"
        for r in shown.iter_rows(named=True)
    ]
    figure = go.Figure(
        go.Scatter(
            x=shown["absence_frequency"].to_list(), y=shown["absence_rate"].to_list(),
            mode="markers+text", text=groups, customdata=groups,
            textposition=label_positions(
                shown["absence_frequency"].to_list(), shown["absence_rate"].to_list()
            ),
            textfont={"size": 12},
            marker={
                "size": sizes, "sizemode": "area", "sizeref": 2 * biggest / 40**2, "sizemin": 6,
                "color": charts.MAIN,
                "line": {"width": 1, "color": "white"},
            },
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        )
    )  # fmt: skip
    title = pick("Verzuimvenster per afdeling", "Absence window by department")
    if shown.height:
        top = shown.sort("absence_rate", descending=True).row(0, named=True)
        title = pick(
            "{group} heeft het hoogste verzuim: {value}",
            "{group} has the highest absence: {value}",
            group=top["group"], value=fmt.percent(top["absence_rate"], lang),
        )  # fmt: skip
    figure = charts.style(figure, title, percent_axis=True, height=560)
    organisation = pick("organisatie", "organisation")
    if whole.get("absence_rate") is not None:
        figure.add_hline(
            y=whole["absence_rate"], line_dash="dash", line_color=charts.COMPARE,
            annotation_text=f"{organisation} {fmt.percent(whole['absence_rate'], lang)}",
            annotation_position="top left",
        )  # fmt: skip
    if whole.get("absence_frequency") is not None:
        figure.add_vline(
            x=whole["absence_frequency"], line_dash="dash", line_color=charts.COMPARE,
            annotation_text=f"{organisation} {fmt.number(whole['absence_frequency'], lang, 2)}",
            annotation_position="bottom right",
        )  # fmt: skip
    corners = (
        (0, 1, "left", "top", pick("Weinig meldingen, lang verzuim", "Few spells, long absence")),
        (1, 1, "right", "top", pick("Vaak en lang", "Frequent and long")),
        (0, 0, "left", "bottom", pick("Weinig en kort", "Few and short")),
        (1, 0, "right", "bottom", pick("Vaak, maar kort", "Frequent but short")),
    )
    for x, y, xanchor, yanchor, text in corners:
        figure.add_annotation(
            x=x, y=y, xref="x domain", yref="y domain", xanchor=xanchor, yanchor=yanchor,
            text=f"<i>{text}</i>", showarrow=False, font={"color": "#666666", "size": 13},
        )  # fmt: skip
    # Room around the points, so that the quadrant names in the corners stay free.
    xs = [*shown["absence_frequency"].to_list(), whole.get("absence_frequency")]
    ys = [*shown["absence_rate"].to_list(), whole.get("absence_rate")]
    xs, ys = [x for x in xs if x is not None], [y for y in ys if y is not None]
    if shown.height:
        x_pad, y_pad = (max(xs) - min(xs)) * 0.12 or 0.1, (max(ys) - min(ys)) * 0.18 or 0.01
        figure.update_xaxes(range=[max(0, min(xs) - x_pad), max(xs) + x_pad])
        figure.update_yaxes(range=[max(0, min(ys) - y_pad), max(ys) + y_pad])
    figure.update_xaxes(title=label("absence_frequency"), tickformat=".1f")
    figure.update_yaxes(title=label("absence_rate"))
    return figure


def heatmap_figure(season: pl.DataFrame, lang: str) -> go.Figure:
    """Month × year absence rates; years before the first recorded sickness are left out."""
    months = fmt.DUTCH_MONTHS if lang == "nl" else fmt.ENGLISH_MONTHS
    recorded = season.filter(pl.col("absence_rate") > 0)
    if recorded.height:
        season = season.filter(pl.col("year") >= recorded["year"].min())
    frame = season.sort("month_number", "year").with_columns(
        pl.col("month_number")
        .map_elements(lambda n: months[n - 1], return_dtype=pl.String)
        .alias("m")
    )
    title = pick("Verzuimpercentage per maand", "Absence rate by month")
    if recorded.height:
        top = frame.sort("absence_rate", descending=True, nulls_last=True).row(0, named=True)
        title = pick(
            "Het verzuim was het hoogst in {month} {year}: {value}",
            "Absence peaked in {month} {year}: {value}",
            month=top["m"], year=top["year"], value=fmt.percent(top["absence_rate"], lang),
        )  # fmt: skip
    figure = charts.heatmap(frame, "m", "year", "absence_rate", title, percent_axis=True)
    figure.update_traces(
        hovertemplate="%{x} %{y}: %{text}<extra></extra>",
        colorbar={"tickformat": ".0%"},
    )
    figure.update_yaxes(type="category", autorange="reversed")
    return figure


def department_table(frame: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The verzuimvenster's figures per department (withheld departments left out; the note under
    the table says so): for the files as numbers, for the screen written out in the language."""
    shown = frame.filter(~pl.col("suppressed"))
    department = pick("Afdeling", "Department")
    days = pick("dagen", "days")
    headcount = pick("Gemiddelde bezetting", "Average headcount")
    files = shown.select(
        pl.col("group").alias(department),
        (pl.col("absence_rate") * 100).round(1).alias(f"{label('absence_rate')} (%)"),
        pl.col("absence_frequency").round(2).alias(label("absence_frequency")),
        pl.col("average_absence_duration")
        .round(1)
        .alias(f"{label('average_absence_duration')} ({days})"),
        pl.col("average_headcount").round(1).alias(headcount),
    )
    screen = pl.DataFrame(
        [
            shown["group"].alias(department),
            rendered(shown, "absence_rate", lambda v: fmt.percent(v, lang)).alias(
                label("absence_rate")
            ),
            rendered(shown, "absence_frequency", lambda v: fmt.number(v, lang, 2)).alias(
                label("absence_frequency")
            ),
            rendered(shown, "average_absence_duration", lambda v: fmt.number(v, lang, 1)).alias(
                f"{label('average_absence_duration')} ({days})"
            ),
            rendered(shown, "average_headcount", lambda v: fmt.number(v, lang, 1)).alias(headcount),
        ]
    )
    return files, screen


# --------------------------------------------------------------------------------------------
# The page

choice = open_page("page_absence")
lang = language()
if not cached.sickness_registered():
    st.info(t("no_absence_data"), icon=":material/info:")
    st.stop()

minimum = choice.filters.settings.min_group_size
header = st.container()
trends = st.container()
middle = st.container()
window_box = st.container()
rest = st.container()

# The verzuimvenster is drawn first (lower on the page): a click on a department filters the rest.
if st.session_state.get(f"{window_key()}_back"):  # drill_chart's back button was clicked: start
    clear_drill()  # a new chart, or its old selection would choose the same department again
with window_box:
    st.subheader(pick("Verzuimvenster", "Absence window"))
    st.caption(
        pick(
            "Meldingsfrequentie tegen verzuimpercentage per afdeling; de stippellijnen zijn de "
            "waarden van de hele selectie, de bolgrootte is de gemiddelde bezetting. Klik op een "
            "afdeling om de pagina daarop te filteren.",
            "Absence frequency against absence rate per department; the dashed lines are the "
            "values of the whole selection, bubble size is the average headcount. Click a "
            "department to filter the page to it.",
        )
    )
    window = cached.metric("absence", "absence_window", choice.filters, by="department")
    whole = first_row(cached.metric("absence", "absence", choice.filters))
    chosen = drill_chart(window_figure(window, whole, lang), window_key())

filters: Filters = replace(choice.filters, org_units=(chosen,)) if chosen else choice.filters
comparison: Filters = (
    replace(choice.comparison, org_units=(chosen,)) if chosen else choice.comparison
)

with header:
    if chosen:
        left, right = st.columns([3, 1])
        left.info(t("filtered_to", group=chosen), icon=":material/search:")
        right.button(t("back_to_all"), key="absence_back_top", on_click=clear_drill)
        try:
            check_population(connection(), filters)
        except TooFewPeopleError as error:
            too_few(error)
            st.stop()
    now = cached.metric("absence", "absence", filters)
    before = cached.metric("absence", "absence", comparison)
    kpi_tiles(KEYS, first_row(now), first_row(before), columns=4)
    st.caption(
        pick(
            "{period}, vergeleken met {comparison}. Verzuimduur in kalenderdagen.",
            "{period}, compared with {comparison}. Duration in calendar days.",
            period=f"{fmt.day(filters.period.start, lang)} – {fmt.day(filters.period.end, lang)}",
            comparison=f"{fmt.day(comparison.period.start, lang)} – "
            f"{fmt.day(comparison.period.end, lang)}",
        )
    )

with trends:
    window_period = trend_window(filters.period)
    series = cached.metric("absence", "absence_series", replace(filters, period=window_period))
    st.subheader(pick("Ontwikkeling over 24 maanden", "24-month trend"))
    tabs = st.tabs([label(k) for k in KEYS])
    with tabs[0]:
        benchmark = cbs_benchmark()  # national figures, no persons: nothing to withhold
        sector_column = "sector_nl" if lang == "nl" else "sector_en"
        sectors = dict(
            benchmark.select("sector_code", sector_column).unique("sector_code").iter_rows()
        )
        codes = sorted(sectors, key=lambda c: (c != ALL_SECTORS, c[0].isdigit(), c))
        sector = st.selectbox(
            pick("CBS-vergelijking: sector", "CBS benchmark: sector"), codes,
            format_func=lambda c: f"{sectors[c]} ({c})", key="absence_sector",
        )  # fmt: skip
        figure = trend_figure(series, "absence_rate", lang)
        shown = benchmark.filter(
            (pl.col("sector_code") == sector)
            & (pl.col("period_end") >= window_period.start)
            & (pl.col("period_start") <= window_period.end)
        )
        add_benchmark(figure, shown, window_period, lang)
        figure.update_xaxes(range=[window_period.start, window_period.end])
        st.plotly_chart(figure, key="absence_trend_rate")
        if shown.height:
            st.caption(
                pick(
                    "CBS: {source}, tabel {table}, {periods}; opgehaald {day}. Landelijk "
                    "ziekteverzuim van werknemers (kalenderdagen, inclusief verzuim langer dan een "
                    "jaar, zonder zwangerschapsverlof).",
                    "CBS: {source}, table {table}, {periods}; retrieved {day}. National sickness "
                    "absence of employees (calendar days, absence over a year included, pregnancy "
                    "leave excluded).",
                    source="; ".join(shown["source"].unique(maintain_order=True).to_list()),
                    table=", ".join(shown["table_id"].unique(maintain_order=True).to_list()),
                    periods=", ".join(
                        cbs_period(p, lang) for p in shown.sort("period_start")["period"].to_list()
                    ),
                    day=fmt.day(shown["extracted_on"].max(), lang),
                )
            )
        else:
            st.caption(
                pick(
                    "Het CBS-bestand heeft voor {sector} geen cijfers in deze 24 maanden.",
                    "The CBS file has no figures for {sector} in these 24 months.",
                    sector=sectors[sector],
                )
            )
    for tab, key in zip(tabs[1:], KEYS[1:], strict=True):
        with tab:
            st.plotly_chart(trend_figure(series, key, lang), key=f"absence_trend_{key}")
    st.caption(
        pick(
            "Elke maand is een eigen periode: de meldingsfrequentie is omgerekend naar een jaar, "
            "nulverzuim is het aandeel zonder ziektedag in die maand.",
            "Each month is a period of its own: the frequency is annualised, zero absence is the "
            "share without a sick day in that month.",
        )
    )

with middle:
    classes = cached.metric("absence", "absence_duration_classes", filters)
    classes_before = cached.metric("absence", "absence_duration_classes", comparison)
    spells = cached.metric("absence", "open_spells", filters)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(classes_figure(classes, classes_before, lang), key="absence_classes")
    with right:
        st.plotly_chart(
            milestones_figure(first_row(spells), filters.period.end, lang), key="absence_open"
        )
        st.caption(
            pick(
                "Aantallen, geen namen. Poortwachter-klok: verzuim dat minder dan 4 weken na het "
                "vorige begint, telt door (BW 7:629).",
                "Counts, never names. Poortwachter clock: sickness that starts less than 4 weeks "
                "after the previous spell continues its count (BW 7:629).",
            )
        )

with rest:
    last_year = filters.period.end.year
    first_year = last_year - 4  # five years; years before any recorded sickness are left out
    season = cached.metric(
        "absence", "absence_seasonality",
        replace(filters, period=Period(date(first_year, 1, 1), filters.period.end)),
    )  # fmt: skip
    st.subheader(pick("Seizoenspatroon", "Seasonal pattern"))
    st.plotly_chart(heatmap_figure(season, lang), key="absence_heatmap")
    st.subheader(pick("Per afdeling", "By department"))
    files, screen = department_table(window, lang)
    downloads(files, pick("verzuim_per_afdeling", "absence_by_department"), display=screen)
    withheld_note(now, series, classes, spells, window, season, minimum=minimum)
    how_calculated(PANEL_KEYS)
