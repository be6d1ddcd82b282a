"""Hires, leavers and turnover (metrics.md, "Turnover"; domain reference 2.1–2.5).

- per period: hires, leavers, turnover rates, leavers by termination type and by reason;
- monthly series and the rolling 12-month turnover;
- stability index, first-year turnover per hire cohort;
- tenure survival (Kaplan–Meier with left truncation) and median tenure.

All counting is interval arithmetic over the employment segments (`scope.base_ctes`); the
Kaplan–Meier estimator is a few NumPy lines over one row per employment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import numpy as np
import polars as pl

from analytics import sql
from analytics.contract import TERMINATION_TYPES
from analytics.metrics.base import Filters, MetricsError
from analytics.metrics.headcount import headcount_raw
from analytics.metrics.scope import UNKNOWN, base_ctes, group_on, split_by
from analytics.privacy import suppress
from analytics.registry import MetricDef

_OPEN = "DATE '9999-12-31'"
_POPULATION = (
    "employment rows of counted contract types (permanent, temporary, intern; flex only when "
    "included), attributes on the day of the event"
)
_HIRES = (
    "hires (employment rows; a re-hire is a hire) of counted contract types (permanent, "
    "temporary, intern; flex only when included), attributes on the hire date"
)
_SPELLS = (
    "employment rows of counted contract types (flex only when included) in service at any time "
    "in the period, attributes on the hire date"
)
_IN_SERVICE = (
    "employees of counted contract types (permanent, temporary, intern; flex only when "
    "included), attributes on the day counted"
)
_TRANSFERS = "transfers between departments and contract changes (job history), flex workers"
_RATE_PERIOD = "the period; annualised (× days_in_year / |P|) when set and P is not a whole year"
_KM_PERIOD = (
    "time origin the hire date; separations in the period are events, employees still in service "
    "are censored at the period's end; people hired before the period enter the risk set at "
    "their tenure on its first day (left truncation); at tied times events come first"
)
_KM_EXCLUSIONS = (
    "flex workers; separations before the period (their employments are not in the risk set); "
    "for a curve of one termination type, other exits are censored"
)

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
    MetricDef("leavers_by_type", "Uitstroom naar soort", "Leavers by termination type", "count",
              "employment rows with their termination date in the period, per termination type "
              "(voluntary, involuntary, retirement, end of contract, death, other, unknown); "
              "also as a share of all leavers and as a rate on the average headcount", "",
              _POPULATION, _RATE_PERIOD, _TRANSFERS + "; types with fewer leavers than the "
              "minimum group size are withheld", "CIPD; domain reference 2.2",
              ("include_flex", "annualise", "min_group_size")),
    MetricDef("leavers_by_reason", "Uitstroom naar reden", "Leavers by reason", "count",
              "employment rows with their termination date in the period, per termination "
              "reason as the HR system records it (empty = unknown); also as a share of all "
              "leavers and as a rate on the average headcount", "",
              _POPULATION, _RATE_PERIOD, _TRANSFERS + "; reasons with fewer leavers than the "
              "minimum group size are withheld", "exit reasons of the HR system",
              ("include_flex", "annualise", "min_group_size")),
    MetricDef("rolling_turnover_rate", "Verloop voortschrijdend 12 maanden",
              "Rolling 12-month turnover", "rate",
              "leavers in the 12 months ending on the last day of each month",
              "average headcount over those 12 months", _POPULATION,
              "each month of the period; the 12 months before it count too (data before the "
              "period included); a whole year, so never annualised", _TRANSFERS,
              "CIPD crude wastage rate over a moving year; domain reference 2.1",
              ("include_flex",)),
    MetricDef("stability_index", "Stabiliteitsindex", "Stability index", "rate",
              "employees in service on the period's last day whose current employment began at "
              "least one year earlier (unbroken service: a re-hire starts again)",
              "headcount one year before the period's last day", _IN_SERVICE,
              "the period's last day and the same day a year earlier (28 February for 29 "
              "February)", "flex workers; service before a re-hire",
              "CIPD stability index; domain reference 2.4", ("include_flex",)),
    MetricDef("first_year_turnover", "Verloop in het eerste jaar", "First-year turnover", "rate",
              "hires of the cohort who left within 365 days of their own hire date",
              "hires of the cohort", _HIRES,
              "cohorts of the hires in the period (by hire year); shown when every member has "
              "365 days of follow-up by the period's end, otherwise the Kaplan–Meier estimate "
              "1 − S(365) flagged as an estimate", _TRANSFERS,
              "new-hire separations < 12 months / new hires (peopleprincipia); domain "
              "reference 2.3", ("include_flex",)),
    MetricDef("tenure_survival", "Blijfkans naar diensttijd", "Tenure survival", "share",
              "Kaplan–Meier S(t) = Π over separation times t_i ≤ t of (1 − d_i / n_i), with d_i "
              "the separations at t_i and n_i the employments at risk (entered before t_i, "
              "not yet ended before t_i), t in days since hire", "", _SPELLS, _KM_PERIOD,
              _KM_EXCLUSIONS + "; points with fewer people at risk than the minimum group size "
              "are withheld", "Kaplan & Meier (1958); domain reference 2.5; checked against "
              "lifelines", ("include_flex", "min_group_size")),
    MetricDef("median_tenure", "Mediane diensttijd", "Median tenure (Kaplan–Meier)", "days",
              "the first time t (days since hire) at which the Kaplan–Meier survival S(t) is "
              "0.5 or less; null when it never falls that far", "", _SPELLS, _KM_PERIOD,
              _KM_EXCLUSIONS, "Kaplan & Meier (1958); domain reference 2.5",
              ("include_flex",)),
)  # fmt: skip

_TYPES = TERMINATION_TYPES
# Breakdown columns of the leavers, a whitelist: they reach SQL as identifiers.
_LEAVER_COLUMNS = ("termination_type", "termination_reason")
_COHORT_UNITS = ("year", "quarter", "month")


def _events_cte(filters: Filters, by: str | None, *, reasons: bool = False) -> str:
    """An `events` CTE (to follow `base_ctes`): one row per hire and per leaver, any date.

    A hire is the segment that starts on the hire date, a leaver the one that ends on the
    termination date, so both carry the attributes of that day and pass the filters of that
    day; a transfer (a job_history change) is neither. `day` is the event's date.
    termination_reason (the employment's, carried by its segments) only with `reasons`, else
    null."""
    hire_group = group_on(by, "hire_date", filters)
    leave_group = group_on(by, "termination_date", filters)
    reason = "l.termination_reason" if reasons else "CAST(NULL AS VARCHAR)"
    return f""",
    leaver_rows AS (
        SELECT {leave_group} AS grp, employee_id, hire_date, termination_date,
               termination_type, regretted, termination_reason
        FROM seg WHERE seg_end = termination_date
    ),
    events AS (
        SELECT 'hire' AS kind, {hire_group} AS grp, employee_id, hire_date AS day,
               termination_type, regretted, CAST(NULL AS VARCHAR) AS termination_reason
        FROM seg WHERE seg_start = hire_date
        UNION ALL
        SELECT 'leaver', l.grp, l.employee_id, l.termination_date, l.termination_type,
               l.regretted, {reason}
        FROM leaver_rows l
    )"""


def _count_columns() -> str:
    """Aggregates over `events` rows: hires, leavers, leavers per type, regretted leavers."""
    per_type = ",\n".join(
        f"count(*) FILTER (WHERE kind = 'leaver' AND termination_type = '{t}') AS {t}_leavers"
        for t in _TYPES
    )
    return f"""count(*) FILTER (WHERE kind = 'hire') AS hires,
        count(*) FILTER (WHERE kind = 'leaver') AS leavers,
        {per_type},
        count(*) FILTER (WHERE kind = 'leaver' AND termination_type = 'voluntary'
                         AND regretted) AS regretted_leavers"""


def turnover_counts_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per group: hires, leavers, and leavers per termination type (unsuppressed counts)."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes}{_events_cte(filters, by)}
    SELECT grp AS "group", {_count_columns()}
    FROM events WHERE day BETWEEN $start AND $end
    GROUP BY grp"""
    return sql.frame(con, query, {**params, **filters.period.params})


def _rates(average: pl.Expr, factor: pl.Expr | float) -> list[pl.Expr]:
    """The four turnover rates on an average headcount; null where nobody was in service."""
    known = average.is_not_null() & (average > 0)

    def rate(numerator: str) -> pl.Expr:
        return pl.when(known).then(pl.col(numerator).fill_null(0) / average * factor)

    return [
        rate("leavers").alias("turnover_rate"),
        rate("voluntary_leavers").alias("voluntary_turnover_rate"),
        rate("involuntary_leavers").alias("involuntary_turnover_rate"),
        rate("regretted_leavers").alias("regretted_turnover_rate"),
    ]


def _count_names() -> list[str]:
    return ["hires", "leavers", *(f"{t}_leavers" for t in _TYPES), "regretted_leavers"]


def _covers(day: str) -> str:
    """A `seg_by` piece is in service on `day` (an SQL date expression)."""
    return f"piece_start <= {day} AND coalesce(piece_end, {_OPEN}) >= {day}"


def _period_counts_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per group, in one pass over the pieces in service between min(P.start, t − 1 year) and
    P.end, with t = P.end (never to show): the figures of `headcount_raw` (population,
    headcount_start, headcount_end, average_headcount), of `turnover_counts_raw` (hires, leavers,
    leavers per type, regretted_leavers) and of `stability_raw` (stability_population, stable,
    headcount_year_ago). A group has population 0 when nobody of it was in service in P, and
    stability_population 0 when nobody was on t or t − 1 year.

    One piece per person covers a day (the importer refuses overlapping employments and
    overlapping job history; segments and bands cut them into stretches that do not overlap), so
    the head counts of one day count pieces. Only the two populations, persons with any piece in
    a span, fold each person's pieces into one row first. A hire is the piece that starts on the
    hire date and a leaver the one that ends on the termination date: a band cuts a segment only
    at its own boundaries, so that piece lies in the band of that day, the group `group_on` gives.
    """
    ctes, params = base_ctes(filters)
    in_period = f"piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $start"
    per_type = ",\n".join(
        f"count(*) FILTER (WHERE is_leaver AND termination_type = '{t}') AS {t}_leavers"
        for t in _TYPES
    )
    # `pieces` is read twice: materialised, so that `seg` is read once, with the window's
    # filter pushed into the scan (a materialised `seg` would be read whole).
    query = f"""{ctes}{split_by(by, filters)},
    pieces AS MATERIALIZED (
        SELECT grp, employee_id, termination_type, regretted,
            {in_period} AS in_period,
            {_covers("$start")} AS at_start,
            {_covers("$end")} AS at_end,
            {_covers("$year_ago")} AS at_year_ago,
            hire_date <= $year_ago AS hired_year_ago,
            CASE WHEN {in_period} THEN datediff('day', greatest(piece_start, $start),
                                                least(coalesce(piece_end, $end), $end)) + 1
            END AS days_in_period,
            piece_start = hire_date AND hire_date BETWEEN $start AND $end AS is_hire,
            piece_end = termination_date AND termination_date BETWEEN $start AND $end AS is_leaver
        FROM seg_by
        WHERE piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= least($start, $year_ago)
    ),
    persons AS (
        SELECT grp, employee_id, bool_or(in_period) AS in_period,
            bool_or(at_end OR at_year_ago) AS in_stability
        FROM pieces
        GROUP BY grp, employee_id
    ),
    populations AS (
        SELECT grp,
            count(*) FILTER (WHERE in_period) AS population,
            count(*) FILTER (WHERE in_stability) AS stability_population
        FROM persons
        GROUP BY grp
    ),
    counts AS (
        SELECT grp,
            count(*) FILTER (WHERE at_start) AS headcount_start,
            count(*) FILTER (WHERE at_end) AS headcount_end,
            sum(days_in_period) / $days AS average_headcount,
            count(*) FILTER (WHERE is_hire) AS hires,
            count(*) FILTER (WHERE is_leaver) AS leavers,
            {per_type},
            count(*) FILTER (WHERE is_leaver AND termination_type = 'voluntary' AND regretted)
                AS regretted_leavers,
            count(*) FILTER (WHERE at_end AND hired_year_ago) AS stable,
            count(*) FILTER (WHERE at_year_ago) AS headcount_year_ago
        FROM pieces
        GROUP BY grp
    )
    SELECT grp AS "group", p.population, c.* EXCLUDE (grp), p.stability_population
    FROM populations p
    JOIN counts c USING (grp)
    ORDER BY grp"""
    year_ago = filters.period.shifted_years(-1).end
    return sql.frame(con, query, {**params, **filters.period.params, "year_ago": year_ago})


def _turnover_rows(counts: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """`turnover_raw`'s frame from the rows of `_period_counts_raw` with population > 0."""
    period = filters.period
    annualised = filters.settings.annualise and period.days != period.days_in_year
    factor = period.days_in_year / period.days if filters.settings.annualise else 1.0
    return counts.select(
        "group",
        "population",
        "headcount_start",
        "headcount_end",
        pl.col("average_headcount").fill_null(0.0),
        "hires",
        "leavers",
        *_rates(pl.col("average_headcount"), factor),
        *(f"{t}_leavers" for t in _TYPES),
        pl.lit(annualised).alias("annualised"),
    )


def turnover_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """Per group, unsuppressed:

    - hires = employment rows with hire_date in P (a re-hire is a hire), attributes on hire date;
    - leavers = employment rows with termination_date in P, attributes on the termination date;
    - turnover_rate = leavers / average_headcount; voluntary_, involuntary_ and
      regretted_turnover_rate use the leavers of that type (regretted: voluntary and flagged);
    - with the `annualise` setting, rates × days_in_year / |P|; `annualised` says whether that
      changed them (P not a whole year), for the label;
    - headcount_start, headcount_end and average_headcount (the denominator) as in headcount_raw.
    Transfers between departments are job_history changes, never leavers.
    One row per group with someone in service in P, sorted by group.
    """
    counts = _period_counts_raw(con, filters, by).filter(pl.col("population") > 0)
    return _turnover_rows(counts, filters)


def turnover(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Hires, leavers and turnover rates per group, small groups withheld."""
    return suppress(
        turnover_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        keep=("group", "annualised"),
    )


# --- Monthly series and the rolling 12-month turnover -------------------------------------------

# One window per calendar month of the period (clipped to it); `month` is the window's label,
# the same as headcount_series uses. The rolling window is the year ending on the month's last day.
_MONTH_WINDOWS = """,
    months AS (
        SELECT greatest(m::DATE, $start) AS month,
               least((m + INTERVAL 1 MONTH)::DATE - 1, $end) AS w_end
        FROM range(date_trunc('month', $start::DATE), $end::DATE + 1, INTERVAL 1 MONTH) r(m)
    ),
    windows AS (
        SELECT month, {window_start} AS w_start, w_end FROM months
    )"""


def _window_counts_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None, rolling: bool
) -> pl.DataFrame:
    """Per month window and group: population (distinct persons in service in the window, exact
    without a distinct count), average headcount (person-days / window days) and the event
    counts. Unsuppressed."""
    ctes, params = base_ctes(filters)
    start = "(w_end - INTERVAL 1 YEAR)::DATE + 1" if rolling else "month"
    query = f"""{ctes}{split_by(by, filters)}{_events_cte(filters, by)}
    {_MONTH_WINDOWS.format(window_start=start)},
    presence AS (
        SELECT w.month, s.grp, count(*) AS pieces,
               sum(datediff('day', greatest(s.piece_start, w.w_start),
                            least(coalesce(s.piece_end, w.w_end), w.w_end)) + 1) AS person_days
        FROM seg_by s JOIN windows w
          ON s.piece_start <= w.w_end AND coalesce(s.piece_end, {_OPEN}) >= w.w_start
        GROUP BY w.month, s.grp
    ),
    -- A person's pieces in one group never overlap, so those meeting a window are a run of
    -- consecutive pieces: persons = pieces − consecutive pairs that both meet the window.
    pairs AS (
        SELECT grp, previous_end, piece_start
        FROM (
            SELECT grp, piece_start,
                   lag(piece_end) OVER (PARTITION BY employee_id, grp ORDER BY piece_start)
                       AS previous_end
            FROM seg_by
        )
        WHERE previous_end IS NOT NULL
    ),
    repeats AS (
        SELECT w.month, p.grp, count(*) AS repeats
        FROM pairs p JOIN windows w
          ON p.previous_end >= w.w_start AND p.piece_start <= w.w_end
        GROUP BY w.month, p.grp
    ),
    counted AS (
        SELECT w.month, e.grp, {_count_columns()}
        FROM events e JOIN windows w ON e.day BETWEEN w.w_start AND w.w_end
        GROUP BY w.month, e.grp
    )
    SELECT w.month, w.w_start AS window_start, w.w_end AS window_end,
        coalesce(p.grp, c.grp) AS "group",
        coalesce(p.pieces, 0) - coalesce(r.repeats, 0) AS population,
        coalesce(p.person_days, 0) / (datediff('day', w.w_start, w.w_end) + 1)
            AS average_headcount,
        c.* EXCLUDE (month, grp)
    FROM presence p FULL JOIN counted c ON c.month = p.month AND c.grp = p.grp
    JOIN windows w ON w.month = coalesce(p.month, c.month)
    LEFT JOIN repeats r ON r.month = p.month AND r.grp = p.grp
    ORDER BY w.month, "group" """
    frame = sql.frame(con, query, {**params, **filters.period.params})
    return frame.with_columns(pl.col(c).fill_null(0) for c in _count_names())


def turnover_series_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per calendar month of the period (clipped to it) and group, unsuppressed: population,
    average headcount of the month, hires, leavers and the month's rates (leavers of the month /
    average headcount of the month). With the `annualise` setting each rate × days_in_year /
    days of the month (days_in_year of the month's year), `annualised` true. Never to show."""
    frame = _window_counts_raw(con, filters, by, rolling=False)
    days = (pl.col("window_end") - pl.col("window_start")).dt.total_days() + 1
    year_days = pl.when(pl.col("window_end").dt.is_leap_year()).then(366).otherwise(365)
    annualise = filters.settings.annualise
    factor = year_days / days if annualise else pl.lit(1.0)
    return frame.select(
        "month",
        "group",
        "population",
        "average_headcount",
        "hires",
        "leavers",
        *_rates(pl.col("average_headcount"), factor),
        (pl.lit(annualise) & (days != year_days)).alias("annualised"),
    )


def turnover_series(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Monthly hires, leavers and turnover rates per group; small groups withheld per month
    (complement protection within each month)."""
    return suppress(
        turnover_series_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        keep=("month", "group", "annualised"),
        within=("month",),
    )


def rolling_turnover_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per calendar month of the period and group, unsuppressed: the rolling 12-month turnover.

    The window is the year ending on the month's last day (the period's end for a last, partial
    month): window_start = that day − 1 year + 1 day, so it reaches before P and uses the data
    there. rolling_leavers = leavers in the window; rolling_average_headcount = person-days in
    the window / its days; rolling_turnover_rate = their ratio (a whole year: not annualised).
    population = distinct persons in service in the window (for the privacy rule). Never to show.
    """
    frame = _window_counts_raw(con, filters, by, rolling=True)
    average = pl.col("average_headcount")
    return frame.select(
        "month",
        "group",
        "window_start",
        "window_end",
        "population",
        pl.col("leavers").alias("rolling_leavers"),
        average.alias("rolling_average_headcount"),
        pl.when(average > 0).then(pl.col("leavers") / average).alias("rolling_turnover_rate"),
    )


def rolling_turnover(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """The rolling 12-month turnover per month and group; groups with fewer people in service in
    the window than the minimum are withheld (complement protection within each month)."""
    return suppress(
        rolling_turnover_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        keep=("month", "group", "window_start", "window_end"),
        within=("month",),
    )


# --- Leavers by type and by reason ---------------------------------------------------------------


def leavers_breakdown_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None,
    column: Literal["termination_type", "termination_reason"],
) -> pl.DataFrame:
    """Per group and value of `column` (missing = "(onbekend)"), unsuppressed:
    leavers = employment rows with termination_date in P; share_of_leavers = leavers / all
    leavers of the group; rate = leavers / average_headcount of the group (× days_in_year / |P|
    with the `annualise` setting); population = distinct persons among these leavers (for the
    privacy rule). Never to show."""
    if column not in _LEAVER_COLUMNS:
        raise MetricsError(f"leavers break down by {' or '.join(_LEAVER_COLUMNS)}, not {column!r}")
    ctes, params = base_ctes(filters)
    events = _events_cte(filters, by, reasons=column == "termination_reason")
    query = f"""{ctes}{events}
    SELECT grp AS "group", coalesce({column}, '{UNKNOWN}') AS {column},
        count(DISTINCT employee_id) AS population, count(*) AS leavers
    FROM events WHERE kind = 'leaver' AND day BETWEEN $start AND $end
    GROUP BY ALL
    ORDER BY "group", leavers DESC, {column}"""
    counts = sql.frame(con, query, {**params, **filters.period.params})
    period = filters.period
    factor = period.days_in_year / period.days if filters.settings.annualise else 1.0
    average = headcount_raw(con, filters, by).select("group", "average_headcount")
    return counts.join(average, on="group", how="left").select(
        "group",
        column,
        "population",
        "leavers",
        (pl.col("leavers") / pl.col("leavers").sum().over("group")).alias("share_of_leavers"),
        pl.when(pl.col("average_headcount") > 0)
        .then(pl.col("leavers") / pl.col("average_headcount") * factor)
        .alias("rate"),
    )


def leavers_by_type(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Leavers per termination type and group; a type with fewer leavers than the minimum is
    withheld, and with it the next smallest of its group (complement protection)."""
    return suppress(
        leavers_breakdown_raw(con, filters, by, "termination_type"),
        min_group_size=filters.settings.min_group_size,
        keep=("group", "termination_type"),
        within=("group",),
    )


def leavers_by_reason(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Leavers per termination reason and group; small reasons withheld like `leavers_by_type`."""
    return suppress(
        leavers_breakdown_raw(con, filters, by, "termination_reason"),
        min_group_size=filters.settings.min_group_size,
        keep=("group", "termination_reason"),
        within=("group",),
    )


# --- Stability index ------------------------------------------------------------------------------


_STABILITY_INDEX = (
    pl.when(pl.col("headcount_year_ago") > 0)
    .then(pl.col("stable") / pl.col("headcount_year_ago"))
    .alias("stability_index")
)


def stability_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """Per group, unsuppressed (never to show):

    stability_index = stable / headcount_year_ago, where t = P.end and t − 1 year (29 February →
    28 February) is the day a year earlier;
    - stable = distinct persons in service on t whose employment covering t began on or before
      t − 1 year (unbroken service; the importer merges contracts that follow on without a gap,
      so a separate employment row is a re-hire and starts service again);
    - headcount_year_ago = distinct persons in service on t − 1 year.
    Each count takes the attributes of its own day (a transfer in or out moves a person between
    the groups' numerator and denominator, so a group's index may exceed 1; the whole
    organisation's cannot). population = distinct persons counted on either day.
    """
    ctes, params = base_ctes(filters)
    year_ago = filters.period.shifted_years(-1).end
    covers_end = f"piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $end"
    covers_ago = f"piece_start <= $year_ago AND coalesce(piece_end, {_OPEN}) >= $year_ago"
    query = f"""{ctes}{split_by(by, filters)}
    SELECT grp AS "group",
        count(DISTINCT employee_id) AS population,
        count(DISTINCT employee_id) FILTER (WHERE {covers_end} AND hire_date <= $year_ago)
            AS stable,
        count(DISTINCT employee_id) FILTER (WHERE {covers_ago}) AS headcount_year_ago
    FROM seg_by
    WHERE ({covers_end}) OR ({covers_ago})
    GROUP BY grp
    ORDER BY grp"""
    frame = sql.frame(con, query, {**params, "end": filters.period.end, "year_ago": year_ago})
    return frame.with_columns(_STABILITY_INDEX)


def stability_index(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """The stability index per group, small groups withheld."""
    return suppress(stability_raw(con, filters, by), min_group_size=filters.settings.min_group_size)


# --- Kaplan–Meier ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurvivalCurve:
    """A Kaplan–Meier curve: `table` has one row per distinct duration (time, at_risk, events,
    censored, survival); S(t) = 1 before the first time. Unsuppressed, never to show as is."""

    table: pl.DataFrame

    @property
    def median(self) -> float | None:
        """The first time at which S(t) <= 0.5; None when the curve never falls that far."""
        reached = self.table.filter(pl.col("survival") <= 0.5)
        return float(reached["time"][0]) if reached.height else None

    def survival_at(self, t: float) -> float | None:
        """S(t), a step function; None beyond the last observed time unless S already is 0
        (the curve is not known there)."""
        if self.table.height == 0:
            return None
        times = self.table["time"].to_numpy()
        survival = self.table["survival"].to_numpy()
        if t > times[-1] and survival[-1] > 0:
            return None
        index = int(np.searchsorted(times, t, side="right"))
        return 1.0 if index == 0 else float(survival[index - 1])


def kaplan_meier_raw(
    durations: Sequence[float] | np.ndarray,
    events: Sequence[bool] | Sequence[int] | np.ndarray,
    entry: Sequence[float] | np.ndarray | None = None,
) -> SurvivalCurve:
    """The Kaplan–Meier product-limit estimate (unsuppressed: an estimator, never to show).

    S(t) = Π over distinct times t_i <= t of (1 − d_i / n_i), with d_i the events at t_i and
    n_i = #{j : entry_j < t_i <= duration_j} at risk. A censoring at t_i is still at risk at
    t_i (events come before censorings). With `entry` (left truncation, delayed entry) a
    subject counts only after its entry time; entry must be below the duration. Without it,
    everyone is at risk from the start.
    """
    times_all = np.asarray(durations, dtype=float)
    observed = np.asarray(events, dtype=float)
    if times_all.ndim != 1 or observed.shape != times_all.shape:
        raise MetricsError("durations and events must be one-dimensional and of equal length")
    if not np.all(np.isfinite(times_all)) or not np.isin(observed, (0.0, 1.0)).all():
        raise MetricsError("durations must be finite numbers and events 0/1")
    if entry is None:
        entries = np.full(times_all.shape, -np.inf)
    else:
        entries = np.asarray(entry, dtype=float)
        if entries.shape != times_all.shape:
            raise MetricsError("entry must have one value per duration")
        if np.any(entries >= times_all):
            raise MetricsError("each entry time must be below its duration")
    times, inverse = np.unique(times_all, return_inverse=True)
    removed = np.bincount(inverse, minlength=times.size)
    died = np.bincount(inverse, weights=observed, minlength=times.size).astype(int)
    # #{entry < t} − #{duration < t}: whoever ended before t had entered before t too.
    at_risk = np.searchsorted(np.sort(entries), times, side="left") - np.searchsorted(
        np.sort(times_all), times, side="left"
    )
    survival = np.cumprod(1.0 - died / at_risk) if times.size else np.array([], dtype=float)
    table = pl.DataFrame(
        {
            "time": times,
            "at_risk": at_risk.astype(np.int64),
            "events": died.astype(np.int64),
            "censored": (removed - died).astype(np.int64),
            "survival": survival,
        },
        schema={
            "time": pl.Float64,
            "at_risk": pl.Int64,
            "events": pl.Int64,
            "censored": pl.Int64,
            "survival": pl.Float64,
        },
    )
    return SurvivalCurve(table)


def _check_cause(cause: str | None) -> None:
    if cause is not None and cause not in _TYPES:
        raise MetricsError(f"termination type {cause!r} is not one of {', '.join(_TYPES)}")


def survival_input_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None,
    cause: str | None = None,
) -> pl.DataFrame:
    """One row per employment in service at any time in P, unsuppressed (never to show):
    group (attributes on the hire date), employee_id, duration_days, event, entry_days.

    Time in days of service: a leaver's duration is termination_date − hire_date + 1 (the days
    employed), anyone else is censored at P.end with P.end − hire_date + 1. event: the
    termination date falls in P (and, with `cause`, the termination type is that one: other
    exits are censored). entry_days = P.start − hire_date for people hired before P (they had
    survived that long when the data window opened), else 0.
    """
    _check_cause(cause)
    ctes, params = base_ctes(filters)
    cause_clause = " AND termination_type = $cause" if cause else ""
    query = f"""{ctes},
    spells AS (
        SELECT {group_on(by, "hire_date", filters)} AS grp, employee_id, hire_date,
               termination_date, termination_type
        FROM seg
        WHERE seg_start = hire_date AND hire_date <= $end
          AND coalesce(termination_date, {_OPEN}) >= $start
    )
    SELECT grp AS "group", employee_id,
        datediff('day', hire_date, least(coalesce(termination_date, {_OPEN}), $end)) + 1
            AS duration_days,
        coalesce(termination_date <= $end{cause_clause}, false) AS event,
        greatest(datediff('day', hire_date, $start), 0) AS entry_days
    FROM spells
    ORDER BY "group", employee_id, duration_days"""
    return sql.frame(con, query, {**params, **filters.period.params, "cause": cause})


def tenure_survival_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    cause: str | None = None,
) -> pl.DataFrame:
    """Kaplan–Meier tenure curves per group (unsuppressed, never to show): group, time_days,
    at_risk, events, censored, survival; see `survival_input_raw` for the data and
    `kaplan_meier_raw` for the estimator."""
    spells = survival_input_raw(con, filters, by, cause)
    curves = []
    for (group,), rows in spells.group_by("group", maintain_order=True):
        curve = kaplan_meier_raw(rows["duration_days"], rows["event"], rows["entry_days"])
        curves.append(curve.table.with_columns(pl.lit(group, dtype=pl.String).alias("group")))
    if not curves:
        return pl.DataFrame(
            schema={"group": pl.String, "time_days": pl.Float64, "at_risk": pl.Int64,
                    "events": pl.Int64, "censored": pl.Int64, "survival": pl.Float64}
        )  # fmt: skip
    return pl.concat(curves).select(
        "group", pl.col("time").alias("time_days"), "at_risk", "events", "censored", "survival"
    )


def tenure_survival(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    cause: str | None = None,
) -> pl.DataFrame:
    """Kaplan–Meier tenure curves per group; a point where fewer people than the minimum are at
    risk is withheld (its step would show what happened to so few)."""
    curves = tenure_survival_raw(con, filters, by, cause).with_columns(
        pl.col("at_risk").alias("population")
    )
    return suppress(
        curves,
        min_group_size=filters.settings.min_group_size,
        keep=("group", "time_days"),
        within=("group", "time_days"),  # each point alone: no complement between points
    ).drop("population")


def median_tenure_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    cause: str | None = None,
) -> pl.DataFrame:
    """Per group, unsuppressed (never to show): population (distinct persons), employments,
    events, median_tenure_days (first time S(t) <= 0.5, null when never) and survival_365
    (S(365), the share still in service after a year)."""
    spells = survival_input_raw(con, filters, by, cause)
    rows = []
    for (group,), part in spells.group_by("group", maintain_order=True):
        curve = kaplan_meier_raw(part["duration_days"], part["event"], part["entry_days"])
        rows.append(
            {
                "group": group,
                "population": part["employee_id"].n_unique(),
                "employments": part.height,
                "events": int(part["event"].sum()),
                "median_tenure_days": curve.median,
                "survival_365": curve.survival_at(365),
            }
        )
    schema = {
        "group": pl.String,
        "population": pl.Int64,
        "employments": pl.Int64,
        "events": pl.Int64,
        "median_tenure_days": pl.Float64,
        "survival_365": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema).sort("group")


def median_tenure(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    cause: str | None = None,
) -> pl.DataFrame:
    """Median tenure (Kaplan–Meier) per group, small groups withheld."""
    return suppress(
        median_tenure_raw(con, filters, by, cause), min_group_size=filters.settings.min_group_size
    )


# --- First-year turnover -------------------------------------------------------------------------


def first_year_turnover_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    cohort: Literal["year", "quarter", "month"] = "year",
) -> pl.DataFrame:
    """Per hire cohort (hires in P by calendar year, quarter or month of hire, labelled by the
    cohort's first day within P) and group (attributes on the hire date), unsuppressed:

    - hires = employment rows hired in the cohort; population = distinct persons among them;
    - followed_up = hires with 365 days of follow-up by P.end (hire_date + 364 <= P.end);
    - when all are followed up: left_within_year = hires who left within 365 days of their own
      hire date (termination_date <= hire_date + 364), first_year_turnover = left / hires,
      is_estimate false;
    - otherwise first_year_turnover = 1 − S(365) of the cohort's Kaplan–Meier curve (leavers up
      to P.end events, others censored at P.end), is_estimate true, left_within_year null; null
      when nobody in the cohort was followed for 365 days and S had not reached 0.
    Never to show.
    """
    if cohort not in _COHORT_UNITS:
        raise MetricsError(f"cohorts are by {', '.join(_COHORT_UNITS)}, not {cohort!r}")
    ctes, params = base_ctes(filters)
    query = f"""{ctes},
    cohort_hires AS (
        SELECT {group_on(by, "hire_date", filters)} AS grp,
               greatest(date_trunc('{cohort}', hire_date)::DATE, $start) AS cohort,
               employee_id, hire_date, termination_date
        FROM seg WHERE seg_start = hire_date AND hire_date BETWEEN $start AND $end
    )
    SELECT grp AS "group", cohort, employee_id,
        datediff('day', hire_date, least(coalesce(termination_date, {_OPEN}), $end)) + 1
            AS duration_days,
        coalesce(termination_date <= $end, false) AS event,
        coalesce(termination_date <= hire_date + 364, false) AS left_within_year,
        hire_date + 364 <= $end AS followed_up
    FROM cohort_hires
    ORDER BY cohort, "group" """
    hires = sql.frame(con, query, {**params, **filters.period.params})
    rows = []
    for (group, start), part in hires.group_by("group", "cohort", maintain_order=True):
        complete = bool(part["followed_up"].all())
        if complete:
            left: int | None = int(part["left_within_year"].sum())
            rate = int(part["left_within_year"].sum()) / part.height
        else:
            left = None
            survival = kaplan_meier_raw(part["duration_days"], part["event"]).survival_at(365)
            rate = None if survival is None else 1.0 - survival
        rows.append(
            {
                "group": group,
                "cohort": start,
                "population": part["employee_id"].n_unique(),
                "hires": part.height,
                "followed_up": int(part["followed_up"].sum()),
                "left_within_year": left,
                "first_year_turnover": rate,
                "is_estimate": not complete,
            }
        )
    schema = {"group": pl.String, "cohort": pl.Date, "population": pl.Int64, "hires": pl.Int64,
              "followed_up": pl.Int64, "left_within_year": pl.Int64,
              "first_year_turnover": pl.Float64, "is_estimate": pl.Boolean}  # fmt: skip
    return pl.DataFrame(rows, schema=schema).sort("cohort", "group")


def first_year_turnover(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None = None,
    cohort: Literal["year", "quarter", "month"] = "year",
) -> pl.DataFrame:
    """First-year turnover per hire cohort and group; groups with fewer hires than the minimum
    withheld (complement protection within each cohort). `is_estimate` marks a Kaplan–Meier
    estimate (a cohort not yet followed for a full year)."""
    return suppress(
        first_year_turnover_raw(con, filters, by, cohort),
        min_group_size=filters.settings.min_group_size,
        keep=("group", "cohort", "is_estimate"),
        within=("cohort",),
    )


# --- The command line -----------------------------------------------------------------------------

CLI_KEYS = (
    "hires",
    "leavers",
    "turnover_rate",
    "voluntary_turnover_rate",
    "involuntary_turnover_rate",
    "regretted_turnover_rate",
    "stability_index",
)


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's turnover keys per group (suppressed).

    One privacy decision per row covers both populations: the smaller of the turnover population
    (in service at any time in P) and the stability population (on P.end or a year earlier),
    where a population of 0 means that figure is not computable and hides nothing. One query
    gives both (`_period_counts_raw`); a group counts for a figure only when it has people for it,
    as `turnover_raw` and `stability_raw` list it."""
    counts = _period_counts_raw(con, filters, by)
    rates = _turnover_rows(counts.filter(pl.col("population") > 0), filters)
    stability = counts.filter(pl.col("stability_population") > 0).select(
        "group", _STABILITY_INDEX, "stability_population"
    )
    rows = rates.join(stability, on="group", how="full", coalesce=True)

    def known(column: str) -> pl.Expr:
        return pl.when(pl.col(column) > 0).then(pl.col(column))

    rows = rows.with_columns(
        pl.min_horizontal(known("population"), known("stability_population"))
        .fill_null(0)
        .alias("population")
    )
    result = suppress(
        rows.select("group", "population", *CLI_KEYS),
        min_group_size=filters.settings.min_group_size,
    )
    return result.select("group", *CLI_KEYS, "suppressed").sort("group")
