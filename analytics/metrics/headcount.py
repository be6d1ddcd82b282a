"""Headcount and FTE (metrics.md, "Headcount and FTE"), by interval overlap, never per day."""

from __future__ import annotations

import duckdb
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters
from analytics.metrics.scope import base_ctes, split_by
from analytics.privacy import suppress
from analytics.registry import MetricDef

_OPEN = "DATE '9999-12-31'"
_POPULATION_TEXT = (
    "employees with a contract of type permanent, temporary or intern (a missing type counts as "
    "permanent), matching the filters on each day"
)
_FLEX = "flex workers (agency, on-call, payroll) unless the setting includes them"

METRICS = (
    MetricDef("headcount_start", "Bezetting begin periode", "Headcount at start", "persons",
              "distinct persons in service on the first day of the period", "",
              _POPULATION_TEXT, "the period's first day", _FLEX,
              "SHRM; KIK-V (a person with several contracts counts once)", ("include_flex",)),
    MetricDef("headcount_end", "Bezetting einde periode", "Headcount at end", "persons",
              "distinct persons in service on the last day of the period", "",
              _POPULATION_TEXT, "the period's last day", _FLEX,
              "SHRM; KIK-V (a person with several contracts counts once)", ("include_flex",)),
    MetricDef("average_headcount", "Gemiddelde bezetting", "Average headcount", "persons",
              "Σ over employees of days in service within the period", "days in the period",
              _POPULATION_TEXT, "every day of the period, each under that day's attributes",
              _FLEX, "CBS; SHRM (average number of employees)", ("include_flex",)),
    MetricDef("fte_end", "Fte einde periode", "FTE at end", "fte",
              "Σ part-time factor of employees in service on the last day (a missing fte "
              "counts as 1)", "", _POPULATION_TEXT, "the period's last day", _FLEX,
              "CBS (voltijdequivalenten)", ("include_flex", "fulltime_hours")),
    MetricDef("average_fte", "Gemiddelde fte", "Average FTE", "fte",
              "Σ part-time factor × days in service within the period", "days in the period",
              _POPULATION_TEXT, "every day of the period, each under that day's fte", _FLEX,
              "CBS (voltijdequivalenten, weighted by start and end dates)",
              ("include_flex", "fulltime_hours")),
)  # fmt: skip


def _headcount_query(filters: Filters, by: str | None) -> tuple[str, dict[str, object]]:
    """The headcount SQL for one period; one row per group."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes}{split_by(by, filters)},
    in_period AS (
        SELECT *, datediff('day', greatest(piece_start, $start),
                          least(coalesce(piece_end, $end), $end)) + 1 AS days_in_period
        FROM seg_by
        WHERE piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $start
    )
    SELECT grp AS "group",
        count(DISTINCT employee_id) AS population,
        count(DISTINCT employee_id) FILTER (
            WHERE piece_start <= $start AND coalesce(piece_end, {_OPEN}) >= $start
        ) AS headcount_start,
        count(DISTINCT employee_id) FILTER (
            WHERE piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $end
        ) AS headcount_end,
        sum(days_in_period) / $days AS average_headcount,
        coalesce(sum(coalesce(fte, 1.0)) FILTER (
            WHERE piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $end
        ), 0.0) AS fte_end,
        sum(coalesce(fte, 1.0) * days_in_period) / $days AS average_fte
    FROM in_period
    GROUP BY grp
    ORDER BY grp"""
    return query, {**params, **filters.period.params}


def headcount_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """Unsuppressed headcount per group: for other metrics to build on, never to show.

    - headcount_start / headcount_end = distinct persons in service on P.start / P.end;
    - average_headcount = Σ days in service within P / |P| (persons, not FTE);
    - fte_end = Σ ptf of persons in service on P.end; average_fte = Σ ptf × days in P / |P|
      (a missing fte counts as 1.0, full time);
    - population = distinct persons in service at any time in P (for the privacy rule).
    Attributes are those of each day (job_history), so a transfer moves the days, not the person.
    """
    query, params = _headcount_query(filters, by)
    return sql.frame(con, query, params)


def headcount(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Headcount and FTE per group, small groups withheld."""
    return suppress(headcount_raw(con, filters, by), min_group_size=filters.settings.min_group_size)


def headcount_series(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Per calendar month of the period (clipped to it) and group: headcount at month end,
    average headcount and FTE of the month, and the month's population (distinct persons) for
    the privacy rule. Small groups are withheld per month.

    Segments of one person never overlap, so plain counts are head counts. The population is
    the pieces overlapping the month minus the repeats of one person in one group within the
    month (consecutive pieces of that person and group whose gap falls inside the month):
    exact, and without a distinct count over millions of piece-months.
    """
    ctes, params = base_ctes(filters)
    query = f"""{ctes}{split_by(by, filters)},
    months AS (
        SELECT greatest(m::DATE, $start) AS month_start,
               least((m + INTERVAL 1 MONTH)::DATE - 1, $end) AS month_end
        FROM range(date_trunc('month', $start::DATE), $end::DATE + 1, INTERVAL 1 MONTH) r(m)
    ),
    pieces AS (
        SELECT m.month_start, m.month_end, s.fte, s.grp,
               datediff('day', greatest(s.piece_start, m.month_start),
                        least(coalesce(s.piece_end, m.month_end), m.month_end)) + 1 AS days,
               coalesce(s.piece_end, {_OPEN}) >= m.month_end AS at_end
        FROM seg_by s JOIN months m
          ON s.piece_start <= m.month_end AND coalesce(s.piece_end, {_OPEN}) >= m.month_start
    ),
    repeats AS (
        SELECT grp, date_trunc('month', piece_start)::DATE AS month_key, count(*) AS repeats
        FROM (
            SELECT grp, piece_start,
                   lag(piece_end) OVER (PARTITION BY employee_id, grp ORDER BY piece_start)
                       AS previous_end
            FROM seg_by
        )
        -- Both pieces must lie in the (possibly clipped) month: a piece that ended before the
        -- period starts is not in it.
        WHERE date_trunc('month', previous_end) = date_trunc('month', piece_start)
          AND previous_end >= $start AND piece_start <= $end
        GROUP BY ALL
    ),
    monthly AS (
        SELECT month_start, grp,
            count(*) AS pieces,
            count(*) FILTER (WHERE at_end) AS headcount_end,
            sum(days) / (datediff('day', month_start, month_end) + 1) AS average_headcount,
            coalesce(sum(coalesce(fte, 1.0)) FILTER (WHERE at_end), 0.0) AS fte_end,
            sum(coalesce(fte, 1.0) * days) / (datediff('day', month_start, month_end) + 1)
                AS average_fte
        FROM pieces
        GROUP BY month_start, month_end, grp
    )
    SELECT m.month_start AS month, m.grp AS "group",
        m.pieces - coalesce(r.repeats, 0) AS population,
        m.headcount_end, m.average_headcount, m.fte_end, m.average_fte
    FROM monthly m
    LEFT JOIN repeats r ON r.grp = m.grp AND r.month_key = date_trunc('month', m.month_start)
    ORDER BY 1, 2"""
    frame = sql.frame(con, query, {**params, **filters.period.params})
    return suppress(
        frame,
        min_group_size=filters.settings.min_group_size,
        keep=("month", "group"),
        within=("month",),
    )


CLI_KEYS = ("headcount_start", "headcount_end", "average_headcount", "fte_end", "average_fte")


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's headcount keys per group (suppressed)."""
    return headcount(con, filters, by).select("group", *CLI_KEYS, "suppressed")
