"""Page parts every page uses: KPI tiles with their change, the "how is this calculated?" panel,
downloads, the note on withheld groups, and chart drill-down."""

from __future__ import annotations

import io
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics.privacy import TooFewPeopleError
from analytics.registry import registry
from ui import fmt
from ui.i18n import label, language, t


def kpi_tiles(keys: Sequence[str], current: dict, previous: dict, columns: int = 3) -> None:
    """One tile per metric: its value and the change against the comparison period."""
    entries = registry()
    lang = language()
    slots = st.columns(min(columns, len(keys)))
    for index, key in enumerate(keys):
        unit = entries[key].unit
        now, before = current.get(key), previous.get(key)
        delta = None
        if now is not None and before is not None:
            change = now - before
            delta = (
                fmt.points(change, lang)
                if unit in ("rate", "share")
                else fmt.signed(change, lang, 1)
            )
        slots[index % len(slots)].metric(
            label(key), fmt.value(unit, now, lang), delta=delta, delta_color="off",
            help=entries[key].formula,
        )  # fmt: skip


def how_calculated(keys: Sequence[str]) -> None:
    """The registry's definition of each metric on the page."""
    entries = registry()
    with st.expander(t("how_calculated")):
        for key in keys:
            entry = entries[key]
            st.markdown(f"**{label(key)}** (`{key}`): {entry.formula}")
            extra = f"{t('source')}: {entry.source}"
            if entry.settings:
                extra += f" · {t('settings_used')}: {', '.join(entry.settings)}"
            st.caption(extra)


def withheld_note(*frames: pl.DataFrame, minimum: int) -> None:
    """Say so when any group was withheld by the privacy rule."""
    if any("suppressed" in f.columns and f["suppressed"].any() for f in frames if f.height):
        st.info(t("withheld_note", n=minimum), icon="🔒")


def too_few(error: TooFewPeopleError) -> None:
    st.warning(t("too_few", n=error.minimum), icon="🔒")


def downloads(frame: pl.DataFrame, name: str) -> None:
    """The table with CSV and Excel downloads (withheld values are empty cells)."""
    shown = frame.drop("suppressed") if "suppressed" in frame.columns else frame
    st.dataframe(shown, hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button(
        t("download_csv"), shown.write_csv(separator=";" if language() == "nl" else ","),
        file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}",
    )  # fmt: skip
    buffer = io.BytesIO()
    shown.write_excel(buffer, worksheet=name[:31])
    right.download_button(
        t("download_xlsx"), buffer.getvalue(), file_name=f"{name}.xlsx", key=f"xlsx_{name}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip


def drill_chart(figure: go.Figure, key: str) -> str | None:
    """Show a chart whose bars or points can be clicked; returns the chosen group, kept in the
    session until the user goes back."""
    chosen_key = f"{key}_chosen"
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        point = points[0]
        picked = point.get("customdata") or point.get("x") or point.get("y")
        if isinstance(picked, list):
            picked = picked[0]
        if picked is not None:
            st.session_state[chosen_key] = str(picked)
    chosen = st.session_state.get(chosen_key)
    if chosen:
        left, right = st.columns([3, 1])
        left.caption(t("filtered_to", group=chosen))
        if right.button(t("back_to_all"), key=f"{key}_back"):
            st.session_state.pop(chosen_key, None)
            st.rerun()
    return chosen
