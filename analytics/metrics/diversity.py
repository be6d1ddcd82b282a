"""Diversity on the last day of the period (metrics.md "Diversity and pay equity"; domain reference
3.2): gender composition, the age pyramid, generations, gender of managers and the Blau index.

Population: employees in service on P.end (counted contract types, filters applied), with their
attributes of that day. The query reads one row per person for one day, never per employee-day.

Privacy (the choice, and why):
- A group (department, grade, age band, manager / non-manager, …) of fewer than `min_group_size`
  people is withheld whole, with complement protection across the groups (`suppress`).
- Within a shown group, its make-up by binary gender (F / M) and by generation is shown as shares
  of the group (proportions over at least the minimum, like every rate here) with the counts they
  come from. A share gives its count away, so withholding a count of 3 men beside the share would
  protect nothing; and a team's split into women and men or generations is plain to its members.
- Gender X and unknown are different: a registration nobody can see. Their counts are withheld
  from 1 to min − 1 ("fewer than 5"), with complement protection along each of them across the
  groups (so that the whole-population count minus the visible groups cannot reveal one), and the
  frames do not repeat the group's total headcount, so F + M + X + unknown cannot be subtracted
  inside one table. Residual: the headcount page's total of the same group minus F and M gives its
  X + unknown count; the strict alternative (hide F and M too) hides most teams' composition.
- The Blau index and the share outside its categories go with the cells they are built from.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters
from analytics.metrics.scope import AGE_BANDS, UNKNOWN, base_ctes, group_on
from analytics.privacy import SUPPRESSED, suppress, withhold_cells
from analytics.registry import MetricDef

_OPEN = "DATE '9999-12-31'"
GENDERS = ("F", "M", "X", UNKNOWN)
_GENDER_COLUMNS = {"F": "female", "M": "male", "X": "x", UNKNOWN: "unknown"}
MANAGER = "manager"
NON_MANAGER = "non-manager"
# Generations as the `seg` CTE labels them (Pew Research Center, a US convention).
GENERATION_NOTE = "Generations after Pew Research Center: a US convention, no Dutch standard"

_POPULATION = (
    "employees in service on the period's last day (contract types permanent, temporary, intern; "
    "a missing type counts as permanent), matching the filters on that day"
)
_PERIOD = "the period's last day"
_FLEX = "flex workers (agency, on-call, payroll) unless the setting includes them"
_PRIVACY = "; cells of fewer than the minimum withheld, with complement protection"

METRICS = (
    MetricDef("female_share", "Aandeel vrouwen", "Female share", "share",
              "women (F)", "women + men (F + M)", _POPULATION, _PERIOD,
              _FLEX + "; X and unknown gender (reported as their own counts)" + _PRIVACY,
              "metrics.md; domain reference 3.2", ("include_flex", "min_group_size")),
    MetricDef("male_share", "Aandeel mannen", "Male share", "share",
              "men (M)", "women + men (F + M)", _POPULATION, _PERIOD,
              _FLEX + "; X and unknown gender (reported as their own counts)" + _PRIVACY,
              "metrics.md; domain reference 3.2", ("include_flex", "min_group_size")),
    MetricDef("gender_x_count", "Aantal geslacht X", "Gender X count", "persons",
              "persons registered with gender X (non-binary / other)", "", _POPULATION, _PERIOD,
              _FLEX + _PRIVACY, "data contract (gender F, M, X, empty)",
              ("include_flex", "min_group_size")),
    MetricDef("gender_unknown_count", "Aantal geslacht onbekend", "Gender unknown count",
              "persons", "persons without a registered gender", "", _POPULATION, _PERIOD,
              _FLEX + _PRIVACY, "data contract (gender F, M, X, empty)",
              ("include_flex", "min_group_size")),
    MetricDef("age_pyramid", "Leeftijdsopbouw", "Age pyramid", "persons",
              "persons per age band (15–25, 25–35, 35–45, 45–55, 55–AOW age, AOW+; age on the "
              "last day) and gender", "", _POPULATION, _PERIOD, _FLEX + _PRIVACY,
              "Ontslagregeling art. 11 (age bands); AOW age by the year of the last day",
              ("include_flex", "aow_age_months", "min_group_size")),
    MetricDef("generation_share", "Aandeel per generatie", "Generation share", "share",
              "persons born in the generation (1946–64, 1965–80, 1981–96, 1997–2012)",
              "persons in the group", _POPULATION, _PERIOD,
              _FLEX + "; generation labels follow a US convention" + _PRIVACY,
              "Pew Research Center (US convention)", ("include_flex", "min_group_size")),
    MetricDef("female_share_managers", "Aandeel vrouwen onder leidinggevenden",
              "Female share of managers", "share",
              "women among managers (persons who are the manager of an employee in service)",
              "women + men among managers", _POPULATION, _PERIOD,
              _FLEX + "; X and unknown gender" + _PRIVACY,
              "metrics.md; domain reference 5.4 (people managers)",
              ("include_flex", "min_group_size")),
    MetricDef("blau_index", "Blau-index (geslacht)", "Blau index (gender)", "index",
              "1 − Σ pᵢ² over the k possible gender categories (F, M; X too when k ≥ 3)", "",
              _POPULATION, _PERIOD,
              _FLEX + "; unknown gender (its share is reported)" + _PRIVACY,
              "Blau (1977); domain reference 3.2",
              ("include_flex", "blau_categories", "min_group_size")),
    MetricDef("blau_index_normalised", "Blau-index genormaliseerd",
              "Blau index (normalised)", "index", "Blau index", "(k − 1) / k", _POPULATION,
              _PERIOD, _FLEX + "; unknown gender (its share is reported)" + _PRIVACY,
              "index of qualitative variation; domain reference 3.2",
              ("include_flex", "blau_categories", "min_group_size")),
)  # fmt: skip


def _cells_query(
    filters: Filters, group_expr: str, category_expr: str
) -> tuple[str, dict[str, object]]:
    """Headcount per (group, category) on P.end; one row per non-empty cell.

    One segment per person covers a day (the importer refuses overlapping employments and
    overlapping job history, and segments cut an employment into stretches), so counting the
    segments that cover P.end counts persons, without a distinct count."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes},
    people AS (
        SELECT employee_id, {group_expr} AS grp, {category_expr} AS category
        FROM seg
        WHERE seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $end
    )
    SELECT grp AS "group", category, count(*) AS headcount
    FROM people
    GROUP BY grp, category
    ORDER BY grp, category"""
    return query, {**params, **filters.period.params}


def _cells_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, group_expr: str, category_expr: str
) -> pl.DataFrame:
    query, params = _cells_query(filters, group_expr, category_expr)
    frame = sql.frame(con, query, params)
    return frame.with_columns(pl.col("headcount").cast(pl.Int64))


_GENDER = f"coalesce(gender, '{UNKNOWN}')"


def _role_expr() -> str:
    """'manager' for a person who is the manager_id of anyone in service on P.end (any contract
    type and unit: leading people is a role, whatever the filters), else 'non-manager'."""
    return f"""CASE WHEN employee_id IN (
            SELECT manager_id FROM segments
            WHERE manager_id IS NOT NULL AND manager_id <> employee_id
              AND seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $end
        ) THEN '{MANAGER}' ELSE '{NON_MANAGER}' END"""


def gender_counts_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Unsuppressed headcount per (group, gender) on P.end: never to show.

    Columns group, category (F, M, X or "(onbekend)"), headcount; empty cells have no row.
    """
    return _cells_raw(con, filters, group_on(by, "$end", filters), _GENDER)


def _hidden_groups(cells: pl.DataFrame, minimum: int, count: str = "headcount") -> set[str]:
    """Groups whose total is below the minimum, with complement protection (`suppress`)."""
    if cells.height == 0:
        return set()
    totals = cells.group_by("group", maintain_order=True).agg(
        pl.col(count).sum().alias("population")
    )
    withheld = suppress(totals, min_group_size=minimum).filter(pl.col(SUPPRESSED))
    return set(withheld["group"].to_list())


_PRIVATE = ("X", UNKNOWN)


def _composition(cells: pl.DataFrame, minimum: int) -> pl.DataFrame:
    """Gender cells with `hidden` and `group_hidden` by the module's rule: whole small groups, and
    X / unknown cells of 1 to min − 1 with complement protection across the groups."""
    withheld = _hidden_groups(cells, minimum)
    marked = withhold_cells(cells, minimum, protected=_PRIVATE, hidden_groups=withheld)
    return marked.with_columns(pl.col("group").is_in(sorted(withheld)).alias("group_hidden"))


def _gender_table(cells: pl.DataFrame, minimum: int) -> pl.DataFrame:
    """Wide gender table per group from the cells (see the module's privacy note)."""
    schema = {
        "group": pl.String,
        "female": pl.Int64,
        "male": pl.Int64,
        "female_share": pl.Float64,
        "male_share": pl.Float64,
        "x": pl.Int64,
        "unknown": pl.Int64,
        SUPPRESSED: pl.Boolean,
    }
    if cells.height == 0:
        return pl.DataFrame(schema=schema)
    marked = _composition(cells, minimum)
    per_group = marked.group_by("group", maintain_order=True).agg(
        pl.col("group_hidden").first(),
        *(
            pl.col("headcount").filter(pl.col("category") == gender).sum().alias(column)
            for gender, column in _GENDER_COLUMNS.items()
        ),
        *(
            pl.col("hidden").filter(pl.col("category") == gender).any().alias(f"{column}_hidden")
            for gender, column in _GENDER_COLUMNS.items()
        ),
    )
    shown = ~pl.col("group_hidden")
    binary = pl.col("female") + pl.col("male")

    def count(column: str) -> pl.Expr:
        visible = shown & ~pl.col(f"{column}_hidden")
        return pl.when(visible).then(pl.col(column)).cast(pl.Int64).alias(column)

    return (
        per_group.select(
            "group",
            count("female"),
            count("male"),
            pl.when(shown & (binary > 0)).then(pl.col("female") / binary).alias("female_share"),
            pl.when(shown & (binary > 0)).then(pl.col("male") / binary).alias("male_share"),
            count("x"),
            count("unknown"),
            pl.col("group_hidden").alias(SUPPRESSED),
        )
        .select(list(schema))
        .sort("group")
    )


def gender_shares(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Gender composition per group on P.end.

    - female, male, x, unknown = persons in service on P.end with that registered gender;
    - female_share = F / (F + M), male_share = M / (F + M): X and unknown are left out of the
      binary shares and reported as their own counts.
    Groups of fewer than the minimum are withheld (`suppressed`); an X or unknown count of 1 to
    min − 1 is null on its own (module note). The group's total is deliberately not repeated.
    """
    cells = gender_counts_raw(con, filters, by)
    return _gender_table(cells, filters.settings.min_group_size)


def gender_by_grade(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """`gender_shares` per grade (schaal) on P.end."""
    return gender_shares(con, filters, "grade")


def gender_by_role_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Unsuppressed persons per (role, gender) on P.end: never to show. Columns group ('manager'
    or 'non-manager'), category (the gender), headcount."""
    return _cells_raw(con, filters, _role_expr(), _GENDER)


def gender_by_role(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """`gender_shares` of managers and non-managers on P.end.

    A manager is a person who is the manager_id of someone in service on P.end (whatever that
    person's unit or contract); everybody else is a non-manager. Reporting layers come from the
    organisation metrics.
    """
    cells = gender_by_role_raw(con, filters)
    return _gender_table(cells, filters.settings.min_group_size)


# The labels do not change with the AOW age, only the boundary between the last two does.
_AGE_BAND_ORDER = (*(label for label, _low, _high in AGE_BANDS), "55-AOW", "AOW+", UNKNOWN)


def age_counts_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Unsuppressed persons per (age band on P.end, gender): never to show. Columns group (the
    band), category (the gender), headcount; empty cells have no row."""
    return _cells_raw(con, filters, group_on("age_band", "$end", filters), _GENDER)


def age_pyramid(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Persons per age band and gender on P.end: the age pyramid.

    Age is taken on P.end; bands 15–25, 25–35, 35–45, 45–55, 55–AOW, AOW+ in months from the birth
    date, with the AOW age of P.end's year (67 up to 2027, 67 and 3 months from 2028: setting
    aow_age_months); "<15" and "(onbekend)" (no birth date) when they occur.
    share = headcount / persons in service on P.end. One row per non-empty (band, gender); a band
    of fewer than the minimum is withheld, X and unknown as the module says.
    """
    cells = age_counts_raw(con, filters)
    total = int(cells["headcount"].sum()) if cells.height else 0
    marked = _composition(cells, filters.settings.min_group_size)
    order = {label: rank for rank, label in enumerate(_AGE_BAND_ORDER)}
    gender_order = {gender: rank for rank, gender in enumerate(GENDERS)}
    return (
        marked.select(
            pl.col("group").alias("band"),
            pl.col("category").alias("gender"),
            pl.when(~pl.col("hidden")).then(pl.col("headcount")).alias("headcount"),
            pl.when(~pl.col("hidden")).then(pl.col("headcount") / total).alias("share"),
            pl.col("hidden").alias(SUPPRESSED),
        )
        .with_columns(
            pl.col("band").replace_strict(order, default=len(order)).alias("_band_rank"),
            pl.col("gender").replace_strict(gender_order, default=len(GENDERS)).alias("_rank"),
        )
        .sort("_band_rank", "_rank")
        .drop("_band_rank", "_rank")
    )


def generations(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Persons per generation per group on P.end; share = headcount / persons of the group.

    Generations by birth year after Pew Research Center, a US convention (labelled so): Babyboom
    1946–64, X 1965–80, Millennials 1981–96, Z 1997–2012; 'overig' outside them, "(onbekend)"
    without a birth date. Groups of fewer than the minimum are withheld (module note).
    """
    cells = _cells_raw(
        con, filters, group_on(by, "$end", filters), f"coalesce(generation, '{UNKNOWN}')"
    )
    minimum = filters.settings.min_group_size
    marked = withhold_cells(
        cells, minimum, protected=(), hidden_groups=_hidden_groups(cells, minimum)
    )
    return marked.select(
        "group",
        pl.col("category").alias("generation"),
        pl.when(~pl.col("hidden")).then(pl.col("headcount")).alias("headcount"),
        pl.when(~pl.col("hidden"))
        .then(pl.col("headcount") / pl.col("headcount").sum().over("group"))
        .alias("share"),
        pl.col("hidden").alias(SUPPRESSED),
    ).sort("group", "generation")


def _blau_categories(k: int) -> tuple[str, ...]:
    """The possible categories: F and M, with X as the third when k ≥ 3 (gender has no more)."""
    return ("F", "M") if k <= 2 else ("F", "M", "X")


def blau(shares: Sequence[float], k: int) -> tuple[float | None, float | None]:
    """Blau = 1 − Σ pᵢ²; normalised = Blau / ((k − 1) / k). No shares give (None, None); k < 2
    has no normalised form. 60/40 → 0.48, normalised (k = 2) 0.96."""
    if not shares:
        return None, None
    index = 1.0 - sum(p * p for p in shares)
    normalised = index / ((k - 1) / k) if k >= 2 else None
    return index, normalised


def blau_index(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Gender Blau index per group (unit) on P.end.

    - blau_index = 1 − Σ pᵢ², pᵢ = share of category i among the persons in the k possible
      categories (setting blau_categories, default 2: F and M; 3 adds X);
    - blau_index_normalised = blau_index / ((k − 1) / k);
    - outside_share = persons outside those categories (unknown; X too when k = 2) / persons.
    Withheld with the group; the index also with a withheld X cell when X is a category, and
    outside_share with any withheld cell outside the categories (module note).
    """
    k = filters.settings.blau_categories
    categories = _blau_categories(k)
    cells = gender_counts_raw(con, filters, by)
    marked = _composition(cells, filters.settings.min_group_size)
    rows = []
    for (group,), part in marked.group_by("group", maintain_order=True):
        inside = part.filter(pl.col("category").is_in(categories))
        outside = part.filter(~pl.col("category").is_in(categories))
        population = int(part["headcount"].sum())
        counted = int(inside["headcount"].sum())
        group_hidden = bool(part["group_hidden"].any())
        index, normalised = blau([n / counted for n in inside["headcount"]] if counted else [], k)
        index_hidden = group_hidden or bool(inside["hidden"].any())
        outside_hidden = group_hidden or bool(outside["hidden"].any())
        rows.append(
            {
                "group": group,
                "blau_index": None if index_hidden else index,
                "blau_index_normalised": None if index_hidden else normalised,
                "outside_share": None if outside_hidden else (population - counted) / population,
                SUPPRESSED: index_hidden,
            }
        )
    schema = {
        "group": pl.String,
        "blau_index": pl.Float64,
        "blau_index_normalised": pl.Float64,
        "outside_share": pl.Float64,
        SUPPRESSED: pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema).sort("group")


CLI_KEYS: tuple[str, ...] = ("female_share",)


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's diversity key per group (suppressed)."""
    return gender_shares(con, filters, by).select("group", *CLI_KEYS, SUPPRESSED)
