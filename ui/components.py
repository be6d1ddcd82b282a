"""Page parts every page uses: KPI tiles with their change, the "how is this calculated?" panel,
downloads, the note on withheld groups, and chart drill-down."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.metrics import Filters, check_population
from analytics.privacy import TooFewPeopleError
from analytics.registry import registry
from ui import fmt
from ui.data import connection
from ui.filters import Choice, sidebar
from ui.i18n import label, language, t


def kpi_tiles(keys: Sequence[str], current: dict, previous: dict, columns: int = 3) -> None:
    """One tile per metric: its value and the change against the comparison period."""
    entries = registry()
    lang = language()
    slots = st.columns(min(columns, len(keys)))
    for index, key in enumerate(keys):
        # eNPS is stored as a fraction but read as points (−100…+100).
        unit = "nps" if key == "enps" else entries[key].unit
        now, before = current.get(key), previous.get(key)
        change = delta(unit, now, before, lang) if None not in (now, before) else None
        unchanged = change is not None and change[:1] not in ("+", "-")  # rounds to no change
        slots[index % len(slots)].metric(
            label(key), fmt.value(unit, now, lang), delta=change, delta_color="off",
            delta_arrow="off" if unchanged else "auto", help=entries[key].formula_in(language()),
        )  # fmt: skip


def delta(unit: str, now: float | None, before: float | None, lang: str) -> str:
    """A change as the tiles write it: percentage points for rates and shares, points for eNPS,
    else in the metric's own unit ("+15", "-3,9 pp"); a dash when either value is missing."""
    if now is None or before is None:
        return fmt.DASH
    change = now - before
    if unit in ("rate", "share"):
        return fmt.points(change, lang)
    if unit == "nps":
        return fmt.signed(change * 100, lang)
    decimals = {"persons": 0, "count": 0, "layers": 0, "index": 2, "ratio": 2}
    return fmt.signed(change, lang, decimals.get(unit, 1))


def how_calculated(keys: Sequence[str]) -> None:
    """The registry's definition of each metric on the page."""
    entries = registry()
    with st.expander(t("how_calculated")):
        for key in keys:
            entry = entries[key]
            st.markdown(f"**{label(key)}** (`{key}`): {entry.formula_in(language())}")
            extra = f"{t('source')}: {entry.source_in(language())}"
            if entry.settings:  # names the command line takes, so as code in either language
                names = ", ".join(f"`{name}`" for name in entry.settings)
                extra += f" · {t('settings_used')}: {names}"
            st.caption(extra)


def rendered(frame: pl.DataFrame, column: str, render: Callable[[Any], str]) -> pl.Series:
    """A column written out for reading ("13,5 %", "Op locatie"), rendered here in the session's
    thread: Polars may run `map_elements` on a thread of its own, where the session's language
    cannot be read (and the text would silently fall back to Dutch)."""
    return pl.Series(column, [render(value) for value in frame[column].to_list()], pl.String)


def withheld_note(*frames: pl.DataFrame, minimum: int) -> None:
    """Say so when any group was withheld by the privacy rule."""
    if any("suppressed" in f.columns and f["suppressed"].any() for f in frames if f.height):
        st.info(t("withheld_note", n=minimum), icon=":material/lock:")


def too_few(error: TooFewPeopleError) -> None:
    st.warning(t("too_few", n=error.minimum), icon=":material/lock:")


def open_page(title_key: str) -> Choice:
    """The start of every analysis page: the shared sidebar, the page's title, and no figures at
    all (a message instead) when fewer people than the minimum match the filters."""
    choice = sidebar()
    st.title(t(title_key))
    try:
        check_population(connection(), choice.filters)
    except TooFewPeopleError as error:
        too_few(error)
        st.stop()
    return choice


def downloads(frame: pl.DataFrame, name: str, display: pl.DataFrame | None = None) -> None:
    """The table with CSV and Excel downloads (withheld values are empty cells). `display` is
    what the screen shows (e.g. numbers written the Dutch way); the files keep `frame`'s numbers
    (the Dutch CSV with ';' and decimal commas, as Dutch Excel reads it)."""
    shown = frame.drop("suppressed") if "suppressed" in frame.columns else frame
    screen = display if display is not None else shown
    st.dataframe(screen, hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button(
        t("download_csv"), _csv(shown, language()),
        file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}",
    )  # fmt: skip
    buffer = io.BytesIO()
    shown.write_excel(buffer, worksheet=name[:31])
    right.download_button(
        t("download_xlsx"), buffer.getvalue(), file_name=f"{name}.xlsx", key=f"xlsx_{name}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip


def drill_chart(figure: go.Figure, key: str, format_func: Callable[[str], str] = str) -> str | None:
    """Show a chart whose bars or points can be clicked; returns the chosen group, kept in the
    session until the user goes back.

    A Plotly chart keeps its selection across reruns, so "back" starts the chart afresh under a
    new key (the first one is `key` itself, which tests use to fake a selection)."""
    chosen_key = f"{key}_chosen"
    generation = st.session_state.get(f"{key}_generation", 0)
    chart_key = key if generation == 0 else f"{key}__{generation}"
    event = st.plotly_chart(figure, key=chart_key, on_select="rerun", selection_mode="points")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        point = points[0]
        # Bars and points carry customdata or x/y; treemaps and sunbursts an id or label.
        picked = (
            point.get("customdata")
            or point.get("id")
            or point.get("label")
            or point.get("x")
            or point.get("y")
        )
        if isinstance(picked, list):
            picked = picked[0]
        if picked is not None:
            st.session_state[chosen_key] = str(picked)
    chosen = st.session_state.get(chosen_key)
    if chosen:
        left, right = st.columns([3, 1])
        left.caption(t("filtered_to", group=format_func(chosen)))
        if right.button(t("back_to_all"), key=f"{key}_back"):
            st.session_state.pop(chosen_key, None)
            st.session_state[f"{key}_generation"] = generation + 1
            st.rerun()
    return chosen


def _csv(frame: pl.DataFrame, lang: str) -> str:
    """English CSV as is; Dutch CSV with ';' and decimal commas (what Dutch Excel expects)."""
    if lang != "nl":
        return frame.write_csv()
    return frame.write_csv(separator=";", decimal_comma=True)


def clicked(key: str) -> str | None:
    """The group a click on chart `key` picked (a bar's customdata, a treemap node's id or label),
    read from the session before anything is drawn, so that tiles above the chart follow it."""
    event = st.session_state.get(key)
    try:
        points = list(event["selection"]["points"]) if event else []
    except (KeyError, TypeError):
        return None
    for point in points[:1]:
        picked = point.get("customdata") or point.get("id") or point.get("label")
        if isinstance(picked, list | tuple):
            picked = picked[0] if picked else None
        if picked:
            return str(picked)
    return None


def unit_drill(
    choice: Choice, drill: str, chart_keys: Sequence[str], note: str, back_key: str
) -> tuple[Filters, Filters, str | None]:
    """A drill-down into one organisational unit, shared by the charts in `chart_keys`: returns
    the filters narrowed to the chosen unit (and its comparison), with a note and a way back.
    `note` is the notice text with `{g}` for the unit. Stops the page when too few people remain.
    """
    chosen_key = f"{drill}_chosen"
    # A drill-down belongs to the organisation selection it was made in.
    if st.session_state.get(f"{drill}_base") != choice.filters.org_units:
        st.session_state.pop(chosen_key, None)
    st.session_state[f"{drill}_base"] = choice.filters.org_units
    # Clicks are read before anything is drawn, so that the tiles already follow them. (After a
    # "back" under the bars, drill_chart draws them under a new key: that click is caught there.)
    for chart_key in chart_keys:
        picked = clicked(chart_key)
        if picked:
            st.session_state[chosen_key] = picked
    chosen: str | None = st.session_state.get(chosen_key)
    filters, comparison = choice.filters, choice.comparison
    if chosen:
        filters = replace(filters, org_units=(chosen,))
        comparison = replace(comparison, org_units=(chosen,))
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(note.format(g=chosen), icon=":material/search:")
        if right.button(t("back_to_all"), key=back_key):
            st.session_state.pop(chosen_key, None)
            st.rerun()
        try:
            check_population(connection(), filters)
        except TooFewPeopleError as error:
            too_few(error)
            st.stop()
    return filters, comparison, chosen
