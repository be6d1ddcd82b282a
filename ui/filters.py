"""The shared sidebar: period, comparison, organisation filters and language → frozen `Filters`.

Every page starts with `choice = sidebar()`. The widgets share their keys across pages, so a
choice stays when the user moves to another page.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl
import streamlit as st

from analytics.metrics import Filters, Period
from ui import cached
from ui.i18n import LANGUAGES, category, language, pick, t

PERIODS = ("last_year", "ytd", "12m", "quarter", "custom")
COMPARISONS = ("previous", "last_year")

INDENT = "\u2003\u2002"  # one level in the unit tree: wide spaces, which the browser keeps
_entry_checked = False  # whether this process's first page run has been checked (see below)


@dataclass(frozen=True)
class Choice:
    filters: Filters
    comparison: Filters
    language: str


def reference_day(last_data_day: date | None, today: date | None = None) -> date:
    """The day periods count back from: today, or the last day the data describes if earlier."""
    today = today or date.today()
    return min(today, last_data_day) if last_data_day else today


def period_for(kind: str, reference: date, quarter: tuple[int, int] | None = None) -> Period:
    """The preset periods of the sidebar, counted from `reference`."""
    if kind == "last_year":
        year = reference.year - 1 if reference < date(reference.year, 12, 31) else reference.year
        return Period(date(year, 1, 1), date(year, 12, 31))
    if kind == "ytd":
        return Period(date(reference.year, 1, 1), reference)
    if kind == "12m":
        first = _add_months(reference.replace(day=1), -11)
        last = reference.replace(day=calendar.monthrange(reference.year, reference.month)[1])
        return Period(first, min(last, reference) if last > reference else last)
    if kind == "quarter" and quarter:
        year, number = quarter
        first = date(year, 3 * number - 2, 1)
        last_month = 3 * number
        return Period(first, date(year, last_month, calendar.monthrange(year, last_month)[1]))
    raise ValueError(f"unknown period {kind}")


def comparison_for(period: Period, kind: str) -> Period:
    """The same period a year earlier, or the previous period: whole months (a year, a quarter,
    twelve months) compare with as many months before; other periods with as many days before."""
    if kind == "last_year":
        return period.shifted_years(-1)
    month_end = calendar.monthrange(period.end.year, period.end.month)[1]
    if period.start.day == 1 and period.end.day == month_end:
        months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
        start = _add_months(period.start, -(months + 1))
        return Period(start, period.start - timedelta(days=1))
    end = period.start - timedelta(days=1)
    return Period(end - timedelta(days=period.days - 1), end)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def sidebar() -> Choice:
    """Draw the sidebar and store the choice for the pages."""
    _enter_through_app()
    with st.sidebar:
        if "language" not in st.session_state:
            st.session_state["language"] = language()  # the browser's, until the user chooses
        st.segmented_control(
            t("language"), LANGUAGES, key="language",
            format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code],
        )  # fmt: skip
        note = cached.data_note()
        reference = reference_day(note["last_day"])
        labels = {k: t(f"period_{k}") for k in PERIODS}
        kind = st.selectbox(t("period"), PERIODS, format_func=labels.__getitem__, key="period")
        if kind == "custom":
            shape = "DD-MM-YYYY" if language() == "nl" else "YYYY-MM-DD"
            first = st.date_input(
                t("from"), date(reference.year, 1, 1), key="period_from", format=shape
            )
            last = st.date_input(t("to"), reference, key="period_to", format=shape)
            period = Period(first, max(first, last))
        elif kind == "quarter":
            quarters = _recent_quarters(reference)
            chosen = st.selectbox(
                t("period_quarter"), quarters, format_func=lambda q: f"Q{q[1]} {q[0]}",
                key="quarter",
            )  # fmt: skip
            period = period_for("quarter", reference, chosen)
        else:
            period = period_for(kind, reference)
        comparison_kind = st.radio(
            t("comparison"), COMPARISONS, key="comparison",
            format_func=lambda k: t(f"comparison_{k}"),
        )  # fmt: skip
        units = _unit_filter()
        # No "Select all" row: Streamlit writes it in English, and an empty choice means all.
        locations = st.multiselect(
            t("location"), cached.choices("location"), key="locations", placeholder=t("all"),
            select_all=False,
        )  # fmt: skip
        contracts = st.multiselect(
            t("contract_type"), cached.choices("contract_type"), key="contracts",
            placeholder=t("all"), select_all=False,
            format_func=lambda code: category("contract_type", code),
        )  # fmt: skip
        arrangements = st.multiselect(
            t("work_arrangement"), cached.choices("work_arrangement"), key="arrangements",
            placeholder=t("all"), select_all=False,
            format_func=lambda code: category("work_arrangement", code),
        )  # fmt: skip
        options = {
            "org_units": tuple(units),
            "locations": tuple(locations),
            "contract_types": tuple(contracts),
            "work_arrangements": tuple(arrangements),
        }
        filters = Filters(period, **options)  # type: ignore[arg-type]
        comparison = Filters(comparison_for(period, comparison_kind), **options)  # type: ignore[arg-type]
        _data_caption(note)
    return Choice(filters, comparison, language())


def _enter_through_app() -> None:
    """Run a deep link through app.py's navigation.

    Until some session has run app.py (and so `st.navigation`), a fresh Streamlit server treats the
    `pages/` folder as an old-style multipage app: a first request for /turnover runs the page file
    alone, with file names in the sidebar and without app.py's page set-up. The flag Streamlit keys
    that on is cleared here, as `st.navigation` itself does, and the run restarts: the rerun goes
    through app.py and lands on the same page, whose address is the same. Only the process's first
    page run can be such a request, and it carries no clicks a restart would drop; later runs are
    left alone (AppTest sets the flag again before each of its runs)."""
    global _entry_checked
    if _entry_checked:
        return
    _entry_checked = True
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def unit_names(outline: pl.DataFrame) -> dict[str, str]:
    """Each unit's name in the organisation filter, indented by its depth, so that the list in
    depth-first order draws the tree (a unit's sub-units right below it, one step in)."""
    return {
        unit: INDENT * depth + unit
        for unit, depth in zip(outline["unit"], outline["depth"], strict=True)
    }


def below(outline: pl.DataFrame, chosen: list[str]) -> list[str]:
    """The units below the chosen ones (at any depth) that are not chosen themselves, in tree
    order: the filter counts them too."""
    return [
        unit
        for unit, path in zip(outline["unit"], outline["path"], strict=True)
        if unit not in chosen and any(c in path[:-1] for c in chosen)
    ]


def _unit_filter() -> list[str]:
    outline = cached.unit_outline()
    names = unit_names(outline)
    units = st.multiselect(
        t("organisation"), list(names), format_func=names.__getitem__,
        help=t("organisation_help"), key="units", placeholder=t("all"), select_all=False,
    )  # fmt: skip
    included = below(outline, units)
    if included:
        shown = ", ".join(included[:6]) + (
            f" … (+{len(included) - 6})" if len(included) > 6 else ""
        )
        st.caption(pick("Met onderliggende eenheden: {u}", "Sub-units included: {u}", u=shown))
    return units


def _recent_quarters(reference: date) -> list[tuple[int, int]]:
    quarter = (reference.month - 1) // 3 + 1
    found = []
    year = reference.year
    for _ in range(12):
        found.append((year, quarter))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return found


def _data_caption(note: dict) -> None:
    from ui import fmt

    lang = language()
    if not note["files"]:
        st.caption(t("no_data"))
        return
    when = note["imported_at"]
    stamp = fmt.day(when.date(), lang) + when.strftime(" %H:%M") if when else fmt.DASH
    st.caption(
        f"**{t('data_note')}**: {', '.join(note['files'])} · {t('last_import')} {stamp} · "
        f"{t('data_version')} {cached.data_version()}"
    )
