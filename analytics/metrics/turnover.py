"""Hires, leavers and turnover rates (metrics.md, "Turnover")."""

from __future__ import annotations

import duckdb
import polars as pl

from analytics.metrics.base import Period, group_expr
from analytics.sql import with_segments


def turnover_metrics(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    headcount: pl.DataFrame,
    *,
    by: str | None,
    include_flex: bool,
) -> pl.DataFrame:
    """Per group:

    - hires = employment rows with hire_date in P (a re-hire is a hire), attributes on hire date;
    - leavers = employment rows with termination_date in P, attributes on the termination date;
    - turnover_rate = leavers / average_headcount;
    - voluntary_turnover_rate, involuntary_turnover_rate = the same with leavers of that
      termination_type only.
    Transfers between departments are job_history changes, never leavers.
    """
    query = with_segments(f"""
        SELECT {group_expr(by)} AS "group",
            count(*) FILTER (WHERE seg_start = hire_date AND hire_date BETWEEN $start AND $end)
                AS hires,
            count(*) FILTER (WHERE seg_end = termination_date
                             AND termination_date BETWEEN $start AND $end) AS leavers,
            count(*) FILTER (WHERE seg_end = termination_date
                             AND termination_date BETWEEN $start AND $end
                             AND termination_type = 'voluntary') AS voluntary_leavers,
            count(*) FILTER (WHERE seg_end = termination_date
                             AND termination_date BETWEEN $start AND $end
                             AND termination_type = 'involuntary') AS involuntary_leavers
        FROM segments
        WHERE is_counted
          AND ((seg_start = hire_date AND hire_date BETWEEN $start AND $end)
               OR (seg_end = termination_date AND termination_date BETWEEN $start AND $end))
        GROUP BY 1
    """)
    counts = con.sql(query, params={**period.params, "include_flex": include_flex}).pl()
    rates = headcount.select("group", "average_headcount").join(
        counts, on="group", how="full", coalesce=True
    )
    average = pl.col("average_headcount")
    known = average.is_not_null() & (average > 0)
    return rates.select(
        "group",
        pl.col("hires").fill_null(0),
        pl.col("leavers").fill_null(0),
        pl.when(known).then(pl.col("leavers").fill_null(0) / average).alias("turnover_rate"),
        pl.when(known)
        .then(pl.col("voluntary_leavers").fill_null(0) / average)
        .alias("voluntary_turnover_rate"),
        pl.when(known)
        .then(pl.col("involuntary_leavers").fill_null(0) / average)
        .alias("involuntary_turnover_rate"),
    )
