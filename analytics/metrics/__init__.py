"""Metrics over the store, one module per domain; `compute_metrics` gives the command line's set."""

from __future__ import annotations

from datetime import date

import duckdb

from analytics import store
from analytics.metrics.base import DIMENSIONS, MetricsError, Period
from analytics.metrics.headcount import headcount_metrics
from analytics.metrics.turnover import turnover_metrics
from analytics.privacy import suppress_groups

__all__ = ["DIMENSIONS", "MetricsError", "Period", "compute_metrics"]


def compute_metrics(
    con: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    *,
    by: str | None = None,
    min_group_size: int = 5,
    include_flex: bool = False,
) -> dict:
    """The metric set for a period, whole or broken down by a dimension, privacy rule applied.

    Shape: {"period": {"start", "end"}, "metrics": {key: value}} or, with `by`,
    {"period", "by", "groups": [{"group", "metrics", "suppressed": [keys]}]}.
    """
    period = Period(start, end)
    if by is not None and by not in DIMENSIONS:
        raise MetricsError(f"cannot break down by {by!r}; choose one of {', '.join(DIMENSIONS)}")
    cursor = store.cursor(con)
    try:
        headcount = headcount_metrics(cursor, period, by=by, include_flex=include_flex)
        turnover = turnover_metrics(cursor, period, headcount, by=by, include_flex=include_flex)
    finally:
        cursor.close()
    rows = headcount.join(turnover, on="group", how="full", coalesce=True)
    result_period = {"start": start.isoformat(), "end": end.isoformat()}
    groups = suppress_groups(rows, min_group_size=min_group_size)
    if by is None:
        only = groups[0] if groups else {"metrics": {}, "suppressed": []}
        return {"period": result_period, "metrics": only["metrics"]}
    return {"period": result_period, "by": by, "groups": groups}
