"""Sickness absence (ziekteverzuim): the Dutch national standard of 1996, calendar-day method
(metrics.md, "Absence"; domain-reference.md section 1).

Everything is built on the employment segments of `scope.base_ctes`: the part-time factor of a day
is the fte of its segment (missing = 1.0) and breakdowns take the attributes of each day; a spell
(one spell_id, or one row without one) belongs to the group of its first sick day for frequency
and duration. Sick days are counted by interval overlap of absence rows, segments and the period.
"""

from __future__ import annotations

import calendar
from datetime import timedelta
from pathlib import Path

import duckdb
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters, Period
from analytics.metrics.scope import base_ctes, split_by
from analytics.privacy import suppress
from analytics.registry import MetricDef

CLI_KEYS: tuple[str, ...] = (
    "absence_rate",
    "absence_frequency",
    "average_absence_duration",
    "zero_absence_rate",
)

# (key, Dutch label, English label, first day, last day): Vernet's duurklassen by total length.
DURATION_CLASSES = (
    ("short", "Kortdurend", "Short", 1, 14),
    ("medium", "Middellang", "Medium", 15, 91),
    ("long", "Lang", "Long", 92, 365),
    ("extra_long", "Extra lang", "Extra long", 366, 730),
)
# Wet verbetering poortwachter: probleemanalyse (6), plan van aanpak (8), ziekmelding UWV (42),
# eerstejaarsevaluatie (52), WIA-aanvraag (88), end of the wage-payment obligation (104).
POORTWACHTER_WEEKS = (6, 8, 42, 52, 88, 104)
# BW 7:629 lid 10: sick periods less than four weeks apart are added together (legal clock only).
LEGAL_GAP_DAYS = 28
BRADFORD_WINDOW_DAYS = 364  # 52 weeks

BENCHMARK_FILE = Path(__file__).resolve().parents[1] / "data" / "cbs_absence.csv"

_OPEN = "DATE '9999-12-31'"
_POPULATION = (
    "employees with a contract of type permanent, temporary or intern (a missing type counts as "
    "permanent), matching the filters on each day; part-time factor = the fte of the day "
    "(missing = 1)"
)
_SOURCE_1996 = (
    "Berekening van ziekteverzuim, Standaard voor verzuimregistratie (Projectgroep "
    "Uniformering Verzuimgrootheden, 1996); CBS; Vernet"
)
_NOT_SICKNESS = (
    "absence types pregnancy (pregnancy and maternity leave) and other; flex workers unless "
    "included"
)

METRICS: tuple[MetricDef, ...] = (
    MetricDef("absence_rate", "Verzuimpercentage", "Absence rate", "rate",
              "Σ over sick days d in the period of AO(d) × ptf(d) (AO = percentage / 100, "
              "missing = 100 %; all spells running in the period, only their days inside it; "
              "weekends count; an open spell runs to the period's end)",
              "Σ over days in service d in the period of ptf(d) (pregnancy and maternity leave "
              "days stay in unless the setting removes them)",
              _POPULATION, "calendar days of the period, each under that day's attributes",
              _NOT_SICKNESS, _SOURCE_1996 + " (ziekteverzuimpercentage)",
              ("include_flex", "fulltime_hours", "pregnancy_in_denominator")),
    MetricDef("absence_frequency", "Meldingsfrequentie", "Absence frequency", "ratio",
              "sickness spells whose first day is in the period (a spell = one spell_id, or one "
              "row without one; partial recovery is not a new spell, a spell after any gap is)",
              "average headcount (persons, not fte) × days_in_year / |P| ('annualised'), or × 12 "
              "/ months in the period ('vernet': a quarter × 4)",
              _POPULATION + "; a spell counts under the attributes of its first sick day",
              "spells that begin in the period; spells that began before it are not counted",
              _NOT_SICKNESS, _SOURCE_1996 + " (ziekmeldingsfrequentie)",
              ("include_flex", "frequency_method")),
    MetricDef("average_absence_duration", "Gemiddelde verzuimduur", "Average absence duration",
              "days",
              "Σ over spells whose last day is in the period of (last day − first day + 1) "
              "calendar days, days before the period included, no part-time factor, partial "
              "days whole", "number of those spells (none: no figure)",
              _POPULATION + "; a spell counts under the attributes of its first sick day",
              "spells that end in the period (closed spells)",
              _NOT_SICKNESS + "; spells still open at the period's end",
              _SOURCE_1996 + " (gemiddelde ziekteverzuimduur)", ("include_flex",)),
    MetricDef("zero_absence_rate", "Nulverzuim", "Zero absence rate", "rate",
              "employees in scope with no sick day in the period",
              "employees in service at any time in the period ('any') or on every day of it "
              "('whole_period')", _POPULATION, "the period",
              _NOT_SICKNESS + "; someone on pregnancy leave without sickness counts as zero "
              "absence", "no formal standard (common practice, e.g. annual reports); domain "
              "reference 1.6", ("include_flex", "zero_absence_scope")),
    MetricDef("absence_rate_by_duration_class", "Verzuimpercentage per duurklasse",
              "Absence rate by duration class", "rate",
              "the absence rate's numerator restricted to spells of one class, by the spell's "
              "total length up to min(last day, period end): short 1–14, medium 15–91, long "
              "92–365, extra long 366–730 days (longer spells stay extra long)",
              "the absence rate's denominator", _POPULATION,
              "calendar days of the period; the class as of the period's end",
              _NOT_SICKNESS, "Vernet (duurklassen); " + _SOURCE_1996,
              ("include_flex", "fulltime_hours", "pregnancy_in_denominator")),
    MetricDef("open_spells", "Lopende verzuimgevallen", "Open sickness spells", "count",
              "spells not ended on the period's last day, with their running length; per "
              "Poortwachter milestone (week 6, 8, 42, 52, 88, 104) the number reaching it on the "
              "legal clock, where spells less than 4 weeks apart are added together (BW 7:629)",
              "", "employees in service on the period's last day, under that day's attributes",
              "the period's last day", _NOT_SICKNESS + "; closed spells",
              "Wet verbetering poortwachter; BW 7:629 lid 10 (samentelling)", ("include_flex",)),
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Periods


def months_of(period: Period) -> list[Period]:
    """The calendar months of a period, the first and last clipped to it."""
    months = []
    day = period.start
    while day <= period.end:
        month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        months.append(Period(day, min(month_end, period.end)))
        day = min(month_end, period.end) + timedelta(days=1)
    return months


def frequency_factor(period: Period, method: str) -> float:
    """What turns spells per person in a period into spells per person per year.

    'annualised' (1996 standard, CBS): days_in_year / |P|. 'vernet': 12 / months in P, a month
    that P covers in part counting by its share of days (a quarter × 4, a month × 12).
    """
    if method == "annualised":
        return period.days_in_year / period.days
    months = sum(
        m.days / calendar.monthrange(m.start.year, m.start.month)[1] for m in months_of(period)
    )
    return 12 / months


# --------------------------------------------------------------------------------------------
# Sums per period and group (unsuppressed)


def _spell_ctes(filters: Filters, by: str | None) -> tuple[str, dict[str, object]]:
    """`WITH …` with seg, seg_by and the sickness CTEs (absence_spells.sql)."""
    ctes, params = base_ctes(filters)
    return f"{ctes}{split_by(by, filters)},\n{sql.load('absence_spells')}", params


def _sums_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None,
    monthly: bool,
    classes: bool = True,
) -> pl.DataFrame:
    """Per period and group, the sums the metrics divide: never to show. The periods are the
    calendar months of `filters.period` (as `months_of`, absence_months.sql) when `monthly`,
    else the period itself (absence_periods.sql). The duration classes (always for months), the
    whole-period person counts and the leave days are only computed (else null) when asked for
    or used by the settings."""
    span = {"range_start": filters.period.start, "range_end": filters.period.end}
    # How far back the groups of spells that ended in the period may lie: a constant for the
    # main query, so that it reads only the pieces of service it needs.
    lookback = sql.frame(con, sql.load("absence_lookback"), span).item()
    ctes, params = _spell_ctes(filters, by)
    query = f"{ctes},\n{sql.load('absence_months' if monthly else 'absence_periods')}"
    params = {
        **params,
        **span,
        "lookback": lookback,
        "with_classes": classes,
        "whole_period": filters.settings.zero_absence_scope == "whole_period",
        "with_leave": not filters.settings.pregnancy_in_denominator,
    }
    return sql.frame(con, query, params)


def _metrics_from_sums(sums: pl.DataFrame, filters: Filters, periods: list[Period]) -> pl.DataFrame:
    """The four absence metrics and the class rates from the sums (a rate with nothing to divide
    by is null, never 0)."""
    settings = filters.settings
    factors = pl.DataFrame(
        {
            "period_start": [p.start for p in periods],
            "period_days": [p.days for p in periods],
            "factor": [frequency_factor(p, settings.frequency_method) for p in periods],
        },
        schema={"period_start": pl.Date, "period_days": pl.Int64, "factor": pl.Float64},
    )
    rows = sums.join(factors, on="period_start", how="left")
    available = pl.col("available_ptf_days")
    if not settings.pregnancy_in_denominator:
        available = available - pl.col("leave_ptf_days")
    average_headcount = pl.col("service_days").cast(pl.Float64) / pl.col("period_days")
    if settings.zero_absence_scope == "whole_period":
        zero, scope = "persons_whole_period_without_sickness", "persons_whole_period"
    else:
        zero, scope = "persons_without_sickness", "population"

    def rate(numerator: str) -> pl.Expr:
        return pl.when(available > 0).then(pl.col(numerator) / available)

    return rows.select(
        "period_start",
        "group",
        "population",
        average_headcount.alias("average_headcount"),
        rate("sick_ptf_days").alias("absence_rate"),
        *(rate(f"sick_ptf_days_{c[0]}").alias(f"absence_rate_{c[0]}") for c in DURATION_CLASSES),
        pl.when(average_headcount > 0)
        .then(pl.col("new_spells") / average_headcount * pl.col("factor"))
        .alias("absence_frequency"),
        pl.when(pl.col("closed_spells") > 0)
        .then(pl.col("closed_spell_days").cast(pl.Float64) / pl.col("closed_spells"))
        .alias("average_absence_duration"),
        pl.when(pl.col(scope) > 0).then(pl.col(zero) / pl.col(scope)).alias("zero_absence_rate"),
        "new_spells",
        "closed_spells",
        "sick_ptf_days",
        available.alias("available_ptf_days"),
    )


# --------------------------------------------------------------------------------------------
# The four metrics


def absence_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Unsuppressed absence figures per group: for tests and other metrics, never to show.

    - absence_rate = Σ_{sick days d in P} AO(d) × ptf(d) / Σ_{days in service d in P} ptf(d);
      AO = percentage / 100 (missing = 1); only absence_type sickness; all spells running in P,
      only their days inside P; an open spell runs to P.end; pregnancy leave days stay in the
      denominator unless `pregnancy_in_denominator` is off (then Σ leave share × ptf leaves it);
    - absence_rate_short/_medium/_long/_extra_long = the same numerator restricted to spells of
      that duration class (total length up to min(last day, P.end): 1–14, 15–91, 92–365, 366+);
      they add up to absence_rate;
    - absence_frequency = spells with first day in P / average_headcount × factor, factor =
      days_in_year / |P| ('annualised') or 12 / months in P ('vernet'); a spell = one spell_id or
      one row without one, under the attributes of its first sick day;
    - average_absence_duration = mean of (last day − first day + 1) over spells whose last day is
      in P (days before P included, no ptf); null without closed spells;
    - zero_absence_rate = persons in scope with no sick day in P (among their days in the group)
      / persons in scope; scope = in service any time in P ('any') or on all its days
      ('whole_period');
    - population = distinct persons in service in P in the group (for the privacy rule).
    """
    return _absence_raw(con, filters, by, classes=True)


def _absence_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None, classes: bool
) -> pl.DataFrame:
    """`absence_raw`, the duration-class rates null unless `classes`: never to show."""
    period = filters.period
    sums = _sums_raw(con, filters, by, monthly=False, classes=classes)
    return _metrics_from_sums(sums, filters, [period]).drop("period_start")


def absence(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Absence rate (also per duration class), frequency, average duration and zero-absence rate
    per group (see `absence_raw`), small groups withheld."""
    return suppress(absence_raw(con, filters, by), min_group_size=filters.settings.min_group_size)


def absence_series_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Unsuppressed monthly absence figures: for tests and other metrics, never to show. Per
    calendar month of the period (clipped to it) and group, each month a period of its own: the
    figures of `absence_raw` (frequency annualised over the month, or × 12 with 'vernet');
    `month` is the first day of the month within the period."""
    months = months_of(filters.period)
    frame = _metrics_from_sums(_sums_raw(con, filters, by, monthly=True), filters, months)
    return frame.rename({"period_start": "month"})


def absence_series(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Per calendar month of the period (clipped to it) and group, each month a period of its
    own: the figures of `absence_raw` (frequency annualised over the month, or × 12 with
    'vernet'). `month` is the first day of the month within the period. Small groups withheld
    per month."""
    return suppress(
        absence_series_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        keep=("month", "group"),
        within=("month",),
    )


def absence_seasonality(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Month × year data for a seasonality chart: per year, month number (1–12) and group the
    monthly absence rate, frequency and duration of `absence_series` (already suppressed)."""
    series = absence_series(con, filters, by)
    return series.select(
        pl.col("month").dt.year().alias("year"),
        pl.col("month").dt.month().cast(pl.Int32).alias("month_number"),
        "group",
        "absence_rate",
        "absence_frequency",
        "average_absence_duration",
        "suppressed",
    )


def absence_duration_classes(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """The absence rate split by duration class, one row per group and class: `absence_rate` of
    the class (its numerator over the whole denominator) and `share_of_absence` (its part of the
    group's sick days). Small groups withheld."""
    raw = absence_raw(con, filters, by)
    parts = []
    for key, label_nl, label_en, low, high in DURATION_CLASSES:
        column = f"absence_rate_{key}"
        parts.append(
            raw.select(
                "group",
                "population",
                pl.lit(key).alias("duration_class"),
                pl.lit(label_nl).alias("label_nl"),
                pl.lit(label_en).alias("label_en"),
                pl.lit(low).alias("min_days"),
                pl.lit(high).alias("max_days"),
                pl.col(column).alias("absence_rate"),
                pl.when(pl.col("absence_rate") > 0)
                .then(pl.col(column) / pl.col("absence_rate"))
                .alias("share_of_absence"),
            )
        )
    frame = pl.concat(parts).sort("group", maintain_order=True) if parts else raw
    return suppress(
        frame,
        min_group_size=filters.settings.min_group_size,
        keep=("group", "duration_class", "label_nl", "label_en", "min_days", "max_days"),
        within=("duration_class",),
    )


def absence_window(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str = "department"
) -> pl.DataFrame:
    """Verzuimvenster data: per unit of the breakdown its absence frequency (x) against its
    absence rate (y), with average duration and headcount for the bubble. Small groups withheld."""
    return absence(con, filters, by).select(
        "group",
        "absence_frequency",
        "absence_rate",
        "average_absence_duration",
        "average_headcount",
        "population",
        "suppressed",
    )


# --------------------------------------------------------------------------------------------
# Open spells and the Poortwachter clock


def _open_spells_query(filters: Filters, by: str | None) -> tuple[str, dict[str, object]]:
    ctes, params = _spell_ctes(filters, by)
    query = f"""{ctes},
    known AS (
        -- Spells begun by P.end, with their length up to min(last day, P.end).
        SELECT *, datediff('day', first_day, least(coalesce(last_day, $end), $end)) + 1 AS days,
            lag(last_day) OVER (PARTITION BY employee_id ORDER BY first_day) AS previous_last_day
        FROM spells WHERE first_day <= $end
    ),
    chained AS (
        -- BW 7:629: a spell less than 4 weeks after the previous one continues its legal clock.
        SELECT *, sum(CASE WHEN previous_last_day IS NULL
                             OR datediff('day', previous_last_day, first_day) - 1 >= $legal_gap
                           THEN 1 ELSE 0 END)
                  OVER (PARTITION BY employee_id ORDER BY first_day ROWS UNBOUNDED PRECEDING)
                  AS chain
        FROM known
    ),
    clocked AS (
        SELECT *, sum(days) OVER (PARTITION BY employee_id, chain)::BIGINT AS legal_days
        FROM chained
    )
    SELECT c.employee_id, s.grp AS "group", c.first_day,
        c.days AS running_days, c.legal_days,
        ceil(c.days / 7)::INTEGER AS running_week, ceil(c.legal_days / 7)::INTEGER AS legal_week
    FROM clocked c
    JOIN seg_by s
      ON s.employee_id = c.employee_id
     AND s.piece_start <= $end AND coalesce(s.piece_end, {_OPEN}) >= $end
    WHERE c.last_day IS NULL OR c.last_day > $end
    ORDER BY "group", c.first_day"""
    return query, {**params, "end": filters.period.end, "legal_gap": LEGAL_GAP_DAYS}


def open_spells_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Individual open spells on P.end: never to show (one row per person: employee_id, group
    on P.end, first_day, running_days = P.end − first day + 1, legal_days on the BW 7:629 clock,
    and both in weeks = ceil(days / 7)).

    Open = not ended by P.end (no last day yet, or a last day after P.end), the person in scope
    on P.end. The legal clock adds the spells of a chain in which each began less than 4 weeks
    (28 days) after the previous one ended (sick days only; the gaps do not count). The legal
    clock is for the Poortwachter milestones only, never for the absence frequency.
    """
    query, params = _open_spells_query(filters, by)
    return sql.frame(con, query, params)


def open_spells(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Open sickness spells on P.end per group: their number, average running length in days,
    and per Poortwachter milestone week w the number whose legal clock has reached week w
    (ceil(legal days / 7) >= w), columns `reached_week_6` … `reached_week_104`.

    Population = persons in service on P.end in the group (the figure is about that day).
    Small groups withheld."""
    spells = open_spells_raw(con, filters, by)
    ctes, params = base_ctes(filters)
    on_end = sql.frame(
        con,
        f"""{ctes}{split_by(by, filters)}
        SELECT grp AS "group", count(DISTINCT employee_id) AS population FROM seg_by
        WHERE piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $end
        GROUP BY grp""",
        {**params, "end": filters.period.end},
    )
    counts = spells.group_by("group").agg(
        pl.len().cast(pl.Int64).alias("open_spells"),
        pl.col("running_days").mean().alias("average_running_days"),
        *(
            (pl.col("legal_week") >= week).sum().cast(pl.Int64).alias(f"reached_week_{week}")
            for week in POORTWACHTER_WEEKS
        ),
    )
    frame = on_end.join(counts, on="group", how="left").with_columns(
        pl.col("open_spells").fill_null(0),
        *(pl.col(f"reached_week_{w}").fill_null(0) for w in POORTWACHTER_WEEKS),
    )
    return suppress(frame.sort("group"), min_group_size=filters.settings.min_group_size)


# --------------------------------------------------------------------------------------------
# Bradford factor: off by default, individual-level, never for managers


def _bradford_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Bradford factor B = S² × D per person over the 52 weeks ending P.end: never to show (not
    part of any Dutch standard; an individual score sensitive under the AVG). S = sickness spells
    with a day in the window (a spell straddling its start counts), D = sick days in the window
    × AO (half days as 0.5). Only sickness: pregnancy leave never counts. Persons in scope on any
    day of the window; their days outside the scope's segments do not count."""
    window_start = filters.period.end - timedelta(days=BRADFORD_WINDOW_DAYS - 1)
    ctes, params = _spell_ctes(filters, None)
    query = f"""{ctes},
    pieces AS (
        SELECT employee_id, greatest(piece_start, $window_start) AS day_from,
               least(coalesce(piece_end, {_OPEN}), $end) AS day_to
        FROM seg_by
        WHERE piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $window_start
    ),
    sick AS (
        SELECT x.employee_id, r.spell_key,
            r.ao * (datediff('day', greatest(x.day_from, r.start_date),
                             least(x.day_to, coalesce(r.end_date, {_OPEN}))) + 1) AS days
        FROM pieces x JOIN sick_rows r
          ON r.employee_id = x.employee_id
         AND r.start_date <= x.day_to AND coalesce(r.end_date, {_OPEN}) >= x.day_from
    )
    SELECT employee_id, count(DISTINCT spell_key) AS spells, sum(days)::DOUBLE AS sick_days,
        count(DISTINCT spell_key) ^ 2 * sum(days) AS bradford_factor
    FROM sick GROUP BY employee_id ORDER BY employee_id"""
    return sql.frame(
        con, query, {**params, "window_start": window_start, "end": filters.period.end}
    )


# --------------------------------------------------------------------------------------------
# CBS benchmark


def cbs_benchmark(path: Path | None = None) -> pl.DataFrame:
    """The CBS absence benchmark (StatLine 80072NED, same calendar-day method: spells longer than
    a year included, pregnancy leave excluded) as data: one row per sector and period with
    table_id, period, period_start, period_end, sector_code (SBI 2008), sector_nl, sector_en,
    absence_rate_pct, absence_rate (the same as a fraction, comparable to `absence_rate`),
    source and extracted_on. National figures, no persons: the privacy rule has nothing to
    withhold."""
    frame = pl.read_csv(
        path or BENCHMARK_FILE,
        schema={
            "table_id": pl.String,
            "period": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "sector_code": pl.String,
            "sector_nl": pl.String,
            "sector_en": pl.String,
            "absence_rate_pct": pl.Float64,
            "source": pl.String,
            "extracted_on": pl.Date,
        },
    )
    return frame.with_columns((pl.col("absence_rate_pct") / 100).alias("absence_rate"))


# --------------------------------------------------------------------------------------------
# Command line


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's absence keys per group (suppressed): the figures of `absence`, without
    the duration classes that none of the keys needs."""
    frame = _absence_raw(con, filters, by, classes=False)
    suppressed = suppress(frame, min_group_size=filters.settings.min_group_size)
    return suppressed.select("group", *CLI_KEYS, "suppressed")
