"""Headcount and FTE (metrics.md, "Headcount and FTE"), by interval overlap, never per day."""

from __future__ import annotations

import duckdb
import polars as pl

from analytics.metrics.base import Period, group_expr
from analytics.sql import with_segments

_OPEN = "DATE '9999-12-31'"


def headcount_metrics(
    con: duckdb.DuckDBPyConnection, period: Period, *, by: str | None, include_flex: bool
) -> pl.DataFrame:
    """Per group:

    - headcount_start / headcount_end = distinct persons in service on P.start / P.end;
    - average_headcount = Σ days in service within P / |P| (persons, not FTE);
    - fte_end = Σ ptf of persons in service on P.end; average_fte = Σ ptf × days in P / |P|
      (a missing fte counts as 1.0, full time);
    - population = distinct persons in service at any time in P (for the privacy rule).

    Attributes are those of each day (job_history), so a transfer moves the days, not the person.
    """
    query = with_segments(f"""
        , in_period AS (
            SELECT *,
                {group_expr(by)} AS grp,
                datediff('day', greatest(seg_start, $start),
                         least(coalesce(seg_end, $end), $end)) + 1 AS days_in_period
            FROM segments
            WHERE is_counted AND seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $start
        )
        SELECT grp AS "group",
            count(DISTINCT employee_id) AS population,
            count(DISTINCT employee_id) FILTER (
                WHERE seg_start <= $start AND coalesce(seg_end, {_OPEN}) >= $start
            ) AS headcount_start,
            count(DISTINCT employee_id) FILTER (
                WHERE seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $end
            ) AS headcount_end,
            sum(days_in_period) / $days AS average_headcount,
            coalesce(sum(coalesce(fte, 1.0)) FILTER (
                WHERE seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $end
            ), 0.0) AS fte_end,
            sum(coalesce(fte, 1.0) * days_in_period) / $days AS average_fte
        FROM in_period
        GROUP BY grp
        ORDER BY grp
    """)
    params = {**period.params, "days": period.days, "include_flex": include_flex}
    return con.sql(query, params=params).pl()
