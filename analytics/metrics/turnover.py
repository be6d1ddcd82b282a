"""Hires, leavers and turnover rates (metrics.md, "Turnover")."""

from __future__ import annotations

import duckdb
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters
from analytics.metrics.headcount import headcount_raw
from analytics.metrics.scope import base_ctes, group_on
from analytics.privacy import suppress
from analytics.registry import MetricDef

_POPULATION = (
    "employment rows of counted contract types (permanent, temporary, intern; flex only when "
    "included), attributes on the day of the event"
)
_TRANSFERS = "transfers between departments and contract changes (job history), flex workers"
_RATE_PERIOD = "the period; annualised (× days_in_year / |P|) when set and P is not a whole year"

METRICS = (
    MetricDef("hires", "Instroom", "Hires", "count",
              "employment rows with their hire date in the period (a re-hire is a hire)", "",
              _POPULATION, "hire date in the period", _TRANSFERS, "SHRM; CIPD",
              ("include_flex",)),
    MetricDef("leavers", "Uitstroom", "Leavers", "count",
              "employment rows with their termination date in the period", "",
              _POPULATION, "termination date in the period", _TRANSFERS,
              "CIPD (crude wastage numerator); SHRM (separations)", ("include_flex",)),
    MetricDef("turnover_rate", "Verloop", "Turnover rate", "rate",
              "leavers", "average headcount", _POPULATION, _RATE_PERIOD, _TRANSFERS,
              "CIPD crude wastage rate; SHRM turnover rate", ("include_flex", "annualise")),
    MetricDef("voluntary_turnover_rate", "Vrijwillig verloop", "Voluntary turnover rate", "rate",
              "leavers of termination type voluntary (employee-initiated)", "average headcount",
              _POPULATION, _RATE_PERIOD,
              _TRANSFERS + "; retirement, end of contract, death and other are their own buckets",
              "CIPD (resignations)", ("include_flex", "annualise")),
    MetricDef("involuntary_turnover_rate", "Onvrijwillig verloop", "Involuntary turnover rate",
              "rate", "leavers of termination type involuntary (employer-initiated)",
              "average headcount", _POPULATION, _RATE_PERIOD,
              _TRANSFERS + "; retirement, end of contract, death and other are their own buckets",
              "CIPD; domain reference 2.2", ("include_flex", "annualise")),
    MetricDef("regretted_turnover_rate", "Betreurd verloop", "Regretted turnover rate", "rate",
              "voluntary leavers flagged regretted", "average headcount", _POPULATION,
              _RATE_PERIOD, _TRANSFERS + "; leavers without the flag",
              "no formal standard; definition of the domain reference 2.2",
              ("include_flex", "annualise")),
)  # fmt: skip

_TYPES = ("voluntary", "involuntary", "retirement", "end_of_contract", "death", "other")


def turnover_counts(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per group: hires, leavers, and leavers per termination type (unsuppressed counts)."""
    ctes, params = base_ctes(filters)
    hire_group = group_on(by, "hire_date", filters)
    leave_group = group_on(by, "termination_date", filters)
    per_type = ",\n".join(
        f"count(*) FILTER (WHERE kind = 'leaver' AND termination_type = '{t}') AS {t}_leavers"
        for t in _TYPES
    )
    query = f"""{ctes},
    events AS (
        SELECT 'hire' AS kind, {hire_group} AS grp, employee_id, termination_type, regretted
        FROM seg WHERE seg_start = hire_date AND hire_date BETWEEN $start AND $end
        UNION ALL
        SELECT 'leaver', {leave_group}, employee_id, termination_type, regretted
        FROM seg WHERE seg_end = termination_date AND termination_date BETWEEN $start AND $end
    )
    SELECT grp AS "group",
        count(*) FILTER (WHERE kind = 'hire') AS hires,
        count(*) FILTER (WHERE kind = 'leaver') AS leavers,
        {per_type},
        count(*) FILTER (WHERE kind = 'leaver' AND termination_type = 'voluntary'
                         AND regretted) AS regretted_leavers
    FROM events GROUP BY grp"""
    return sql.frame(con, query, {**params, **filters.period.params})


def turnover_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """Per group, unsuppressed:

    - hires = employment rows with hire_date in P (a re-hire is a hire), attributes on hire date;
    - leavers = employment rows with termination_date in P, attributes on the termination date;
    - turnover_rate = leavers / average_headcount; voluntary_, involuntary_ and
      regretted_turnover_rate use the leavers of that type (regretted: voluntary and flagged);
    - with the `annualise` setting, rates × days_in_year / |P|.
    Transfers between departments are job_history changes, never leavers.
    """
    period = filters.period
    headcount = headcount_raw(con, filters, by).select("group", "population", "average_headcount")
    counts = turnover_counts(con, filters, by)
    rows = headcount.join(counts, on="group", how="full", coalesce=True)
    factor = period.days_in_year / period.days if filters.settings.annualise else 1.0
    average = pl.col("average_headcount")
    known = average.is_not_null() & (average > 0)

    def rate(numerator: str) -> pl.Expr:
        return pl.when(known).then(pl.col(numerator).fill_null(0) / average * factor)

    count_columns = [c for c in counts.columns if c != "group"]
    return rows.with_columns(pl.col(c).fill_null(0) for c in count_columns).select(
        "group",
        pl.col("population").fill_null(0),
        "hires",
        "leavers",
        rate("leavers").alias("turnover_rate"),
        rate("voluntary_leavers").alias("voluntary_turnover_rate"),
        rate("involuntary_leavers").alias("involuntary_turnover_rate"),
        rate("regretted_leavers").alias("regretted_turnover_rate"),
        *(f"{t}_leavers" for t in _TYPES),
    )


def turnover(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Hires, leavers and turnover rates per group, small groups withheld."""
    return suppress(turnover_raw(con, filters, by), min_group_size=filters.settings.min_group_size)


CLI_KEYS = (
    "hires",
    "leavers",
    "turnover_rate",
    "voluntary_turnover_rate",
    "involuntary_turnover_rate",
    "regretted_turnover_rate",
)


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's turnover keys per group (suppressed)."""
    return turnover(con, filters, by).select("group", *CLI_KEYS, "suppressed")
