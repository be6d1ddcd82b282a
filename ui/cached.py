"""Cached calls into analytics, keyed by the data version and the filters.

A new import changes the data version, so nothing computed for older data is ever shown; the
same filters on the same data are computed once for all sessions.
"""

from __future__ import annotations

import importlib
from typing import Any

import polars as pl
import streamlit as st

from analytics import store
from analytics.metrics import Filters
from ui.data import connection

# The functions a page may call: module → names. A whitelist, so a page cannot call into
# anything that has not been through the privacy rule.
MODULES = ("headcount", "turnover", "absence", "diversity", "pay", "engagement", "org")


def data_version() -> int:
    return store.data_version(connection())


@st.cache_data(show_spinner=False, max_entries=512)
def _call(version: int, module: str, function: str, filters: Filters, options: tuple) -> Any:
    del version  # part of the cache key only
    if module not in MODULES or function.startswith("_") or function.endswith("_raw"):
        raise ValueError(f"{module}.{function} is not a public metric function")
    target = getattr(importlib.import_module(f"analytics.metrics.{module}"), function)
    return target(connection(), filters, **dict(options))


def metric(module: str, function: str, filters: Filters, **options: Any) -> Any:
    """`analytics.metrics.<module>.<function>(con, filters, **options)`, cached."""
    return _call(data_version(), module, function, filters, tuple(sorted(options.items())))


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(version: int, filters: Filters, by: str | None) -> dict:
    from analytics.metrics import compute_metrics

    del version
    return compute_metrics(connection(), filters, by=by)


def overview(filters: Filters, by: str | None = None) -> dict:
    """Every command-line metric for the filters (the same numbers as `python -m analytics
    metrics`), cached."""
    return _overview(data_version(), filters, by)


@st.cache_data(show_spinner=False, max_entries=64)
def _values(version: int, query: str) -> list[str]:
    del version
    return [str(row[0]) for row in connection().sql(query).fetchall() if row[0] is not None]


_CHOICES = {
    "location": "SELECT DISTINCT location FROM employment_segments ORDER BY 1",
    "contract_type": "SELECT DISTINCT contract_type FROM employment_segments ORDER BY 1",
    "work_arrangement": "SELECT DISTINCT work_arrangement FROM employment_segments ORDER BY 1",
}


@st.cache_data(show_spinner=False, max_entries=16)
def _unit_outline(version: int) -> pl.DataFrame:
    from analytics.metrics.scope import unit_outline

    del version
    return unit_outline(connection())


def unit_outline() -> pl.DataFrame:
    """The organisation filter's tree (`analytics.metrics.scope.unit_outline`), cached."""
    return _unit_outline(data_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _sickness_registered(version: int) -> bool:
    del version
    query = "SELECT count(*) > 0 FROM absences WHERE absence_type = 'sickness'"
    return bool(connection().sql(query).fetchall()[0][0])


def sickness_registered() -> bool:
    """Whether any sickness absence has been loaded at all: without an absence registration an
    absence rate of 0 % would claim that nobody was ever sick."""
    return _sickness_registered(data_version())


def choices(kind: str) -> list[str]:
    """The values a filter can take, from the data (fixed queries, no user input)."""
    return _values(data_version(), _CHOICES[kind])


@st.cache_data(show_spinner=False, max_entries=16)
def _data_note(version: int) -> dict[str, Any]:
    del version
    rows = (
        connection()
        .sql("SELECT file_name, imported_at FROM import_log ORDER BY import_id DESC LIMIT 50")
        .fetchall()
    )
    latest = rows[0][1] if rows else None
    files = sorted({name for name, at in rows if at == latest}) if rows else []
    span = (
        connection()
        .sql("SELECT min(hire_date), max(coalesce(termination_date, hire_date)) FROM employments")
        .fetchall()[0]
    )
    return {"files": files, "imported_at": latest, "first_day": span[0], "last_day": span[1]}


def data_note() -> dict[str, Any]:
    """Source files and time of the last import, and the span of the data."""
    return _data_note(data_version())
