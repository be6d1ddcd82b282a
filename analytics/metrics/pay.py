"""Pay equity (metrics.md "Diversity and pay equity"; domain reference 3.1): the gender pay gap
indicators of the EU Pay Transparency Directive 2023/970, Art. 9(1)(a)–(g), on the last day of
the period. Decision support: a flag names a possible next step, never a finding.

Population: employees in service on P.end (counted contract types, filters applied) with an annual
salary; only F and M enter the gaps (the directive is binary), X and unknown gender and people
without pay data are counted and reported beside them.

- hourly pay = (annual_salary + annual_bonus) / (ptf × fulltime_hours × 52), ptf = fte on P.end
  (a missing fte counts as 1, full time); basic-only uses annual_salary, variable-only
  annual_bonus. annual_salary is the value on P.end (job history); annual_bonus is the
  employment's "variable pay in the last 12 months" (no history of it is stored, so for an
  earlier P.end it is the latest figure of that employment).
- gap = (mean_M − mean_F) / mean_M, and likewise with medians; negative when women earn more.
- variable pay gaps are over the people who receive variable pay (annual_bonus > 0), the UK
  bonus-gap precedent: over everybody the median would be 0 for both and say nothing; who
  receives it is part (e).
- quartiles: rank everybody in the gap by hourly pay (rounded to whole cents, so equal scale and
  step are equal), quartile = ceil(4 · rank / n); people with equal pay who straddle a boundary
  are spread over the quartiles in proportion (domain reference 3.1, UK guidance), so a count
  may be fractional.

Privacy (the choice, and why). A gap is built from two means, each over one gender: a gap about
four women shows the pay of those four, however many men stand beside them. So the privacy
population of every pay figure is counted per gender:
- a group (category, quartile, breakdown group) whose women or whose men number 1 to
  min − 1 is withheld whole (gap, means, counts); for variable pay the count is of recipients;
- complement protection runs both ways over the group × gender table of counts (the overall
  figures are its margins): along each gender across the groups and along each group, until the
  withheld cells of every line are at least two and hold the minimum together
  (`privacy.withhold_cells`), so the overall figure minus the visible groups cannot give one;
- zero is not small: a group with no women has no gap to protect and is not withheld for it;
- a withheld category is never flagged for Art. 10 either (the flag reveals that its gap is
  ≥ 5 %); the report gives the number of withheld categories, to be reviewed with the pay
  administration outside the dashboard.
Shares of recipients (part e) are proportions over all women or all men, so their population is
that gender's headcount, like every rate here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters, MetricsError
from analytics.metrics.scope import UNKNOWN, base_ctes, group_on
from analytics.privacy import SUPPRESSED, suppress, withhold_cells
from analytics.registry import MetricDef

_OPEN = "DATE '9999-12-31'"
COMPONENTS = ("total", "basic", "variable")
ART10_THRESHOLD = 0.05
# A gap of exactly 5 % must flag even after floating-point division.
_TOLERANCE = 1e-9
ART10_FLAG = "potential joint pay assessment (Art. 10)"
ART10_FLAG_NL = "mogelijke gezamenlijke beloningsbeoordeling (art. 10)"
DECISION_SUPPORT = (
    "Decision support, not a legal finding. Gender pay gap indicators after EU Directive "
    "2023/970 Art. 9(1)(a)–(g), on hourly pay on the reference date. A category marked '"
    + ART10_FLAG
    + "' has a mean gap of 5 % or more; Art. 10 applies only when the gap is not justified by "
    "objective, gender-neutral criteria and not remedied within six months of the report."
)
DECISION_SUPPORT_NL = (
    "Beslissingsondersteuning, geen juridisch oordeel. Indicatoren van de loonkloof volgens "
    "EU-richtlijn 2023/970 art. 9 lid 1 (a)–(g), op uurloon op de peildatum. Een categorie met '"
    + ART10_FLAG_NL
    + "' heeft een gemiddelde loonkloof van 5 % of meer; art. 10 geldt pas als die niet met "
    "objectieve, genderneutrale criteria is te rechtvaardigen en niet binnen zes maanden na de "
    "rapportage is hersteld."
)

_POPULATION = (
    "employees in service on the period's last day with an annual salary (contract types "
    "permanent, temporary, intern), women and men"
)
_PERIOD = "the period's last day; variable pay of the last 12 months"
_LEFT_OUT = (
    "flex workers unless included; X and unknown gender and people without a salary (counted "
    "and reported); groups with fewer than the minimum women or men"
)
_HOURLY = "hourly pay = (annual salary + annual bonus) / (fte × full-time hours × 52)"
_SOURCE = "EU Directive 2023/970 Art. 9(1); domain reference 3.1"
_SETTINGS = ("include_flex", "fulltime_hours", "min_group_size")

METRICS = (
    MetricDef("gender_pay_gap_mean", "Loonkloof (gemiddeld)", "Gender pay gap (mean)", "rate",
              "mean hourly pay of men − mean hourly pay of women", "mean hourly pay of men",
              _POPULATION + "; " + _HOURLY, _PERIOD, _LEFT_OUT, _SOURCE + " (a)", _SETTINGS),
    MetricDef("gender_pay_gap_median", "Loonkloof (mediaan)", "Gender pay gap (median)", "rate",
              "median hourly pay of men − median hourly pay of women",
              "median hourly pay of men", _POPULATION + "; " + _HOURLY, _PERIOD, _LEFT_OUT,
              _SOURCE + " (c)", _SETTINGS),
    MetricDef("basic_pay_gap_mean", "Loonkloof basisloon (gemiddeld)",
              "Basic pay gap (mean)", "rate",
              "mean basic hourly pay of men − that of women (annual salary only)",
              "mean basic hourly pay of men", _POPULATION, _PERIOD, _LEFT_OUT,
              _SOURCE + " (g)", _SETTINGS),
    MetricDef("basic_pay_gap_median", "Loonkloof basisloon (mediaan)",
              "Basic pay gap (median)", "rate",
              "median basic hourly pay of men − that of women (annual salary only)",
              "median basic hourly pay of men", _POPULATION, _PERIOD, _LEFT_OUT,
              _SOURCE + " (g)", _SETTINGS),
    MetricDef("variable_pay_gap_mean", "Loonkloof variabele beloning (gemiddeld)",
              "Variable pay gap (mean)", "rate",
              "mean variable hourly pay of men − that of women, among those receiving it",
              "mean variable hourly pay of men receiving it",
              _POPULATION + "; receiving variable pay (annual bonus > 0)", _PERIOD,
              _LEFT_OUT + " (receiving variable pay)", _SOURCE + " (b); UK bonus-gap method",
              _SETTINGS),
    MetricDef("variable_pay_gap_median", "Loonkloof variabele beloning (mediaan)",
              "Variable pay gap (median)", "rate",
              "median variable hourly pay of men − that of women, among those receiving it",
              "median variable hourly pay of men receiving it",
              _POPULATION + "; receiving variable pay (annual bonus > 0)", _PERIOD,
              _LEFT_OUT + " (receiving variable pay)", _SOURCE + " (d); UK bonus-gap method",
              _SETTINGS),
    MetricDef("variable_pay_share", "Aandeel met variabele beloning",
              "Share receiving variable pay", "share",
              "women (men) with annual bonus > 0", "women (men)", _POPULATION, _PERIOD,
              _LEFT_OUT + "; unknown when the data hold no annual bonus for anyone",
              _SOURCE + " (e)", _SETTINGS),
    MetricDef("pay_quartile_female_share", "Aandeel vrouwen per loonkwartiel",
              "Female share per pay quartile", "share",
              "women in the quartile (quartile = ceil(4 · rank / n) by hourly pay; equal pay "
              "across a boundary spread in proportion)", "people in the quartile",
              _POPULATION + "; " + _HOURLY, _PERIOD, _LEFT_OUT, _SOURCE + " (f)", _SETTINGS),
    MetricDef("category_pay_gap_mean", "Loonkloof per categorie werknemers",
              "Pay gap per category of workers", "rate",
              "per category: mean hourly pay of men − that of women (total, basic and variable); "
              "flagged '" + ART10_FLAG + "' at 5 % or more", "mean hourly pay of men",
              _POPULATION + "; " + _HOURLY, _PERIOD, _LEFT_OUT,
              _SOURCE + " (g); Art. 10(1)", (*_SETTINGS, "pay_category")),
    MetricDef("hourly_pay_mean", "Gemiddeld uurloon", "Mean hourly pay", "euro_per_hour",
              "Σ hourly pay of the women (men)", "women (men)", _POPULATION + "; " + _HOURLY,
              _PERIOD, _LEFT_OUT, _SOURCE + " Art. 3(1)(b) (pay level)", _SETTINGS),
)  # fmt: skip


def _people_ctes(filters: Filters, group_expr: str) -> tuple[str, dict[str, object]]:
    """CTEs up to `paid`: one row per person in service on P.end with hourly pay."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes},
    people AS (
        SELECT employee_id, hire_date, {group_expr} AS grp,
            coalesce(gender, '{UNKNOWN}') AS gender,
            coalesce(fte, 1.0) * $fulltime_hours * 52 AS paid_hours,
            annual_salary AS basic_eur,
            -- the employment's own bonus (no job history of it), carried by its segments
            coalesce(annual_bonus, 0.0) AS variable_eur,
            annual_bonus IS NOT NULL AS bonus_given
        FROM seg
        WHERE seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $end
    ),
    paid AS (
        SELECT *, (basic_eur + variable_eur) / paid_hours AS total_hourly,
            basic_eur / paid_hours AS basic_hourly,
            variable_eur / paid_hours AS variable_hourly
        FROM people
        WHERE basic_eur IS NOT NULL AND paid_hours > 0
    )"""
    return query, {
        **params,
        **filters.period.params,
        "fulltime_hours": filters.settings.fulltime_hours,
    }


# The hourly pay of each component and the people it covers (variable: those receiving it).
_COMPONENT_CELLS = {
    "total": "count(*) AS n_total, avg(total_hourly) AS mean_total, "
    "median(total_hourly) AS median_total",
    "basic": "count(*) AS n_basic, avg(basic_hourly) AS mean_basic, "
    "median(basic_hourly) AS median_basic",
    "variable": "count(*) FILTER (WHERE variable_eur > 0) AS n_variable, "
    "avg(variable_hourly) FILTER (WHERE variable_eur > 0) AS mean_variable, "
    "median(variable_hourly) FILTER (WHERE variable_eur > 0) AS median_variable",
}


def _gaps_query(
    filters: Filters, group_expr: str, components: tuple[str, ...] = COMPONENTS
) -> tuple[str, dict[str, object]]:
    """Per (group, gender F or M): for each of `components`, the persons it covers (n_<c>) and
    the mean and median of their hourly pay (mean_<c>, median_<c>). One pass over the people:
    a union of one copy of them per component costs more to plan than to run."""
    ctes, params = _people_ctes(filters, group_expr)
    cells = ",\n        ".join(_COMPONENT_CELLS[c] for c in components)
    query = f"""{ctes}
    SELECT grp, gender,
        {cells}
    FROM paid
    WHERE gender IN ('F', 'M')
    GROUP BY grp, gender"""
    return query, params


def _gaps_rows(cells: pl.DataFrame, components: tuple[str, ...]) -> pl.DataFrame:
    """One row per (group, component) that covers any woman or man, from the (group, gender)
    cells of `_gaps_query`, by group and component: female, male = persons (0 for none), the
    means and medians of each gender (null for none)."""

    def of(measure: str, component: str, gender: str) -> pl.Expr:
        column = f"{measure}_{component}"
        return pl.col(column).filter(pl.col("gender") == gender).first().alias(f"{column}_{gender}")

    wide = cells.group_by("grp").agg(
        of(m, c, g) for c in components for m in ("n", "mean", "median") for g in ("F", "M")
    )
    parts = [
        wide.select(
            pl.col("grp").cast(pl.String).alias("group"),
            pl.lit(c).alias("component"),
            pl.col(f"n_{c}_F").fill_null(0).cast(pl.Int64).alias("female"),
            pl.col(f"n_{c}_M").fill_null(0).cast(pl.Int64).alias("male"),
            pl.col(f"mean_{c}_F").cast(pl.Float64).alias("mean_female_eur"),
            pl.col(f"mean_{c}_M").cast(pl.Float64).alias("mean_male_eur"),
            pl.col(f"median_{c}_F").cast(pl.Float64).alias("median_female_eur"),
            pl.col(f"median_{c}_M").cast(pl.Float64).alias("median_male_eur"),
        )
        for c in components
    ]
    return (
        pl.concat(parts)
        .filter((pl.col("female") + pl.col("male")) > 0)
        .sort("group", "component", nulls_last=True)
    )


def _gap(women: pl.Expr, men: pl.Expr) -> pl.Expr:
    """(men − women) / men; null without both or with men's pay 0."""
    return pl.when(men.is_not_null() & women.is_not_null() & (men != 0)).then((men - women) / men)


def pay_gaps_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None, *, group_expr: str = ""
) -> pl.DataFrame:
    """Unsuppressed gaps per group and component: never to show.

    One row per (group, component) with women and men in it; component total (salary + bonus),
    basic (salary) or variable (bonus, among those receiving it). female, male = persons;
    mean_/median_female_eur, mean_/median_male_eur = hourly pay; mean_gap = (mean_M − mean_F) /
    mean_M, median_gap = (median_M − median_F) / median_M (negative when women earn more).
    """
    return _gaps_raw(con, filters, group_expr or group_on(by, "$end", filters), COMPONENTS)


def _gaps_raw(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    group_expr: str,
    components: tuple[str, ...],
) -> pl.DataFrame:
    """`pay_gaps_raw` for some of the components (never to show)."""
    query, params = _gaps_query(filters, group_expr, components)
    frame = _gaps_rows(sql.frame(con, query, params), components)
    return frame.with_columns(
        _gap(pl.col("mean_female_eur"), pl.col("mean_male_eur")).alias("mean_gap"),
        _gap(pl.col("median_female_eur"), pl.col("median_male_eur")).alias("median_gap"),
    )


def _protect_groups(frame: pl.DataFrame, minimum: int) -> pl.Series:
    """Per row of `frame` (one group of one breakdown, with counts `female` and `male`): whether
    it is withheld by the module's privacy rule.

    First the house rule (`suppress`) on the smaller non-zero count of the two, with its
    complement protection across the groups; then the two-way rule over the (group, F) and
    (group, M) cells, which hides more where a gender's total minus the visible groups would
    still give a withheld group away. A group with any withheld cell is withheld whole."""
    women, men = pl.col("female").fill_null(0), pl.col("male").fill_null(0)
    smaller = (
        pl.when(women == 0)
        .then(men)
        .when(men == 0)
        .then(women)
        .otherwise(pl.min_horizontal(women, men))
    )
    gate = frame.select("group", smaller.alias("population"))
    seeded = suppress(gate, min_group_size=minimum).filter(pl.col(SUPPRESSED))["group"]
    cells = pl.concat(
        [
            frame.select("group", pl.lit("F").alias("category"), women.alias("n")),
            frame.select("group", pl.lit("M").alias("category"), men.alias("n")),
        ]
    )
    marked = withhold_cells(
        cells, minimum, count="n", hidden_groups=set(seeded.to_list()), along_groups=True
    )
    hidden_groups = set(marked.filter(pl.col("hidden"))["group"].to_list())
    return frame["group"].is_in(sorted(hidden_groups)).alias(SUPPRESSED)


def _withhold(frame: pl.DataFrame, hidden: pl.Series, keep: tuple[str, ...]) -> pl.DataFrame:
    """Null every figure (all columns but `keep`) of the withheld rows; add `suppressed`."""
    figures = [c for c in frame.columns if c not in keep]
    return frame.with_columns(
        *(pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in figures),
        hidden.alias(SUPPRESSED),
    )


def _suppress_gaps(raw: pl.DataFrame, minimum: int) -> pl.DataFrame:
    """Withhold per component: each is its own table of women and men (for variable pay, those
    receiving it)."""
    parts = []
    for component in COMPONENTS:
        part = raw.filter(pl.col("component") == component)
        if part.height:
            hidden = _protect_groups(part, minimum)
            parts.append(_withhold(part, hidden, keep=("group", "component")))
    if not parts:
        return raw.with_columns(pl.lit(False).alias(SUPPRESSED))
    return pl.concat(parts).sort("group", "component")


def pay_gaps(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Gender pay gaps per group and component on P.end, withheld per gender (module note).

    Columns: group, component (total / basic / variable), female, male, mean_/median_female_eur,
    mean_/median_male_eur, mean_gap = (mean_M − mean_F) / mean_M, median_gap likewise,
    suppressed. Hourly pay = pay / (ptf × fulltime_hours × 52); variable among recipients.
    """
    raw = pay_gaps_raw(con, filters, by)
    return _suppress_gaps(raw, filters.settings.min_group_size)


def _category_column(category: str) -> str:
    if category not in ("grade", "job_family", "job_title"):
        raise MetricsError("pay_category is grade, job_family or job_title")
    return category


def category_gaps(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Part (g): `pay_gaps` per category of workers (setting pay_category, default grade), with
    `art10_flag` on the total row: true when the mean gap is ≥ 5 % (Art. 10(1) speaks of the
    average, not the median), false below, null when withheld or not computable; `assessment`
    carries the label "potential joint pay assessment (Art. 10)" — never "violation"."""
    category = _category_column(filters.settings.pay_category)
    gaps = pay_gaps(con, filters, category)
    flag = pl.when((pl.col("component") == "total") & pl.col("mean_gap").is_not_null()).then(
        pl.col("mean_gap") >= ART10_THRESHOLD - _TOLERANCE
    )
    return gaps.with_columns(flag.alias("art10_flag")).with_columns(
        pl.when(pl.col("art10_flag")).then(pl.lit(ART10_FLAG)).alias("assessment")
    )


def _quartiles_query(filters: Filters) -> tuple[str, dict[str, object]]:
    ctes, params = _people_ctes(filters, "'all'")
    query = f"""{ctes},
    ranked AS (
        SELECT round(total_hourly, 2) AS pay,
            count(*) FILTER (WHERE gender = 'F') AS women,
            count(*) FILTER (WHERE gender = 'M') AS men,
            count(*) AS size
        FROM paid WHERE gender IN ('F', 'M')
        GROUP BY 1
    ),
    spans AS (
        SELECT *, sum(size) OVER (ORDER BY pay) - size + 1 AS first_rank,
            sum(size) OVER (ORDER BY pay) AS last_rank,
            sum(size) OVER () AS n
        FROM ranked
    ),
    -- quartile q holds the ranks r with ceil(4r / n) = q: floor((q-1)n/4) + 1 .. floor(qn/4)
    quartiles AS (SELECT unnest([1, 2, 3, 4]) AS quartile),
    shared AS (
        SELECT q.quartile, s.women, s.men, s.size,
            greatest(0, least(s.last_rank, floor(q.quartile * s.n / 4))
                        - greatest(s.first_rank, floor((q.quartile - 1) * s.n / 4) + 1) + 1)
                AS places
        FROM spans s, quartiles q
    )
    SELECT quartile,
        coalesce(sum(women * places / size), 0) AS female,
        coalesce(sum(men * places / size), 0) AS male,
        sum(places) AS workers
    FROM shared
    GROUP BY quartile
    HAVING sum(places) > 0
    ORDER BY quartile"""
    return query, params


def pay_quartiles_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Unsuppressed part (f): never to show. Per quartile 1–4 (1 = lowest pay): female, male =
    persons (fractional where equal pay straddles a boundary), workers = the quartile's places
    (ranks r with ceil(4r / n) = q, so female + male), female_share = female / workers,
    male_share likewise."""
    frame = sql.frame(con, *_quartiles_query(filters))
    workers = pl.col("workers").cast(pl.Float64)
    return frame.select(
        pl.col("quartile").cast(pl.Int64),
        pl.col("female").cast(pl.Float64),
        pl.col("male").cast(pl.Float64),
        pl.col("workers").cast(pl.Int64),
        (pl.col("female") / workers).alias("female_share"),
        (pl.col("male") / workers).alias("male_share"),
    )


def pay_quartiles(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Part (f): share of women and of men in each pay quartile, a quartile withheld when it
    holds fewer than the minimum women or men (but some), with complement protection."""
    raw = pay_quartiles_raw(con, filters)
    minimum = filters.settings.min_group_size
    if raw.height == 0:
        return raw.with_columns(pl.lit(False).alias(SUPPRESSED))
    keyed = raw.with_columns(pl.col("quartile").cast(pl.String).alias("group"))
    hidden = _protect_groups(keyed, minimum)
    return _withhold(keyed, hidden, keep=("quartile", "group")).drop("group")


def variable_pay_shares_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Unsuppressed part (e): never to show. Per gender F, M: workers (in the gap population),
    receiving (annual_bonus > 0), share = receiving / workers. An empty bonus cell is no bonus,
    but when nobody in the population has a bonus value at all (the export has no bonus
    column), receiving and share are unknown (null), not 0."""
    ctes, params = _people_ctes(filters, "'all'")
    query = f"""{ctes}
    SELECT gender, count(*) AS workers, count(*) FILTER (WHERE variable_eur > 0) AS receiving,
        (SELECT bool_or(bonus_given) FROM paid WHERE gender IN ('F', 'M')) AS bonus_known
    FROM paid WHERE gender IN ('F', 'M')
    GROUP BY gender ORDER BY gender"""
    frame = sql.frame(con, query, params)
    known = pl.col("bonus_known").fill_null(False)
    return frame.select(
        "gender",
        pl.col("workers").cast(pl.Int64),
        pl.when(known).then(pl.col("receiving")).cast(pl.Int64).alias("receiving"),
        pl.when(known).then(pl.col("receiving") / pl.col("workers")).alias("share"),
    )


def variable_pay_shares(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Part (e): share of women and of men receiving variable pay; a gender's row is withheld
    below the minimum (its population is that gender's workers), with complement protection."""
    raw = variable_pay_shares_raw(con, filters)
    return suppress(
        raw, min_group_size=filters.settings.min_group_size, population="workers", keep=("gender",)
    )


def not_in_gap(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """People in service on P.end outside the gap, counted: gender X, gender unknown (with pay
    data), and anyone without pay data (no annual salary). Counts below the minimum withheld,
    with complement protection. Columns reason, persons, suppressed."""
    ctes, params = _people_ctes(filters, "'all'")
    query = f"""{ctes}
    SELECT CASE WHEN basic_eur IS NULL OR paid_hours <= 0 THEN 'no pay data'
                WHEN gender = 'X' THEN 'X' ELSE 'unknown gender' END AS reason,
        count(*) AS persons
    FROM people
    WHERE NOT (gender IN ('F', 'M') AND basic_eur IS NOT NULL AND paid_hours > 0)
    GROUP BY 1 ORDER BY 1"""
    frame = sql.frame(con, query, params).with_columns(pl.col("persons").cast(pl.Int64))
    return suppress(
        frame,
        min_group_size=filters.settings.min_group_size,
        population="persons",
        keep=("reason",),
    )


@dataclass(frozen=True)
class PayReport:
    """The Art. 9(1) indicators on one reference date: decision support (see `label`).

    - gaps: one row per component (total, basic, variable) for the whole population; parts
      (a) mean and (c) median gap of total pay, (b) and (d) of variable pay among recipients;
    - variable_pay_shares: part (e); quartiles: part (f); categories: part (g) with the Art. 10
      flag; not_in_gap: people outside the binary gap, counted;
    - withheld_categories: categories withheld by the privacy rule (never flagged here).
    Every frame is already through the privacy rule; a withheld figure is null.
    """

    reference_date: date
    category: str
    gaps: pl.DataFrame
    variable_pay_shares: pl.DataFrame
    quartiles: pl.DataFrame
    categories: pl.DataFrame
    not_in_gap: pl.DataFrame
    withheld_categories: int
    label: str = DECISION_SUPPORT
    label_nl: str = DECISION_SUPPORT_NL

    def _gap(self, component: str, column: str) -> float | None:
        row = self.gaps.filter(pl.col("component") == component)
        if row.height == 0:
            return None
        value = row[column][0]
        return None if value is None or math.isnan(value) else float(value)

    @property
    def a_gender_pay_gap_mean(self) -> float | None:
        return self._gap("total", "mean_gap")

    @property
    def b_variable_pay_gap_mean(self) -> float | None:
        return self._gap("variable", "mean_gap")

    @property
    def c_gender_pay_gap_median(self) -> float | None:
        return self._gap("total", "median_gap")

    @property
    def d_variable_pay_gap_median(self) -> float | None:
        return self._gap("variable", "median_gap")

    @property
    def e_variable_pay_shares(self) -> pl.DataFrame:
        return self.variable_pay_shares

    @property
    def f_quartiles(self) -> pl.DataFrame:
        return self.quartiles

    @property
    def g_categories(self) -> pl.DataFrame:
        return self.categories


def pay_report(con: duckdb.DuckDBPyConnection, filters: Filters) -> PayReport:
    """The pay transparency report (Art. 9(1)(a)–(g)) on P.end, privacy rule applied."""
    categories = category_gaps(con, filters)
    withheld = categories.filter(pl.col(SUPPRESSED) & (pl.col("component") == "total"))
    return PayReport(
        reference_date=filters.period.end,
        category=filters.settings.pay_category,
        gaps=pay_gaps(con, filters, None).drop("group"),
        variable_pay_shares=variable_pay_shares(con, filters),
        quartiles=pay_quartiles(con, filters),
        categories=categories,
        not_in_gap=not_in_gap(con, filters),
        withheld_categories=withheld.height,
    )


CLI_KEYS: tuple[str, ...] = ("gender_pay_gap_mean", "gender_pay_gap_median")


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's pay keys per group (suppressed): the total-pay gaps. `suppressed` marks
    a gap that was withheld; a group without women or without men has no gap to withhold (its
    men's or women's figures may still be hidden in `pay_gaps`)."""
    # Each component is withheld on its own (`_suppress_gaps`): the total needs no other.
    raw = _gaps_raw(con, filters, group_on(by, "$end", filters), ("total",))
    shown = _suppress_gaps(raw, filters.settings.min_group_size)
    computable = raw.filter(pl.col("component") == "total").select(
        "group", ((pl.col("female") > 0) & (pl.col("male") > 0)).alias("computable")
    )
    return (
        shown.filter(pl.col("component") == "total")
        .join(computable, on="group", how="left")
        .select(
            "group",
            pl.col("mean_gap").alias("gender_pay_gap_mean"),
            pl.col("median_gap").alias("gender_pay_gap_median"),
            (pl.col(SUPPRESSED) & pl.col("computable")).alias(SUPPRESSED),
        )
        .sort("group")
    )
