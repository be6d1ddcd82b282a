"""SQL for "who is counted": the `segments` view, filtered, with the organisation levels and the
breakdown dimension. Every identifier comes from the code (contract, DIMENSIONS); every value the
user chooses is a bound parameter.

The CTEs built here, for a metric query to select from:
- `unit_labels`, `unit_levels`: each org unit's label, and its path and ancestors at levels 1–3
  (top = level 1), read from tables derived per import;
- `unit_scope` (only with an organisation filter): the labels of the chosen units and all below;
- `seg`: segments of counted people (flex workers out unless included) passing the filters, with
  the segment table's `org_level_1..3`, `generation`, `annual_bonus` and `termination_reason`;
- `seg_by` (from `split_by`): `seg` cut into pieces per value of the breakdown dimension, with
  `piece_start`, `piece_end` (inclusive, NULL = open) and `grp`.
"""

from __future__ import annotations

import duckdb
import polars as pl

from analytics import sql
from analytics.config import aow_age_months
from analytics.metrics.base import Dimension, Filters, dimension

_OPEN = "DATE '9999-12-31'"
UNKNOWN = "(onbekend)"

# Age bands of the Dutch reorganisation rules (Ontslagregeling art. 11), in months from birth;
# the 55–AOW band ends at the AOW age of the period's end year.
AGE_BANDS = (("<15", 0, 180), ("15-25", 180, 300), ("25-35", 300, 420), ("35-45", 420, 540),
             ("45-55", 540, 660))  # fmt: skip
TENURE_BANDS = (("<1", 0, 12), ("1-2", 12, 24), ("2-5", 24, 60), ("5-10", 60, 120),
                ("10+", 120, 12000))  # fmt: skip


def _bands(kind: str, end_year: int) -> tuple[tuple[str, int, int], ...]:
    if kind == "tenure":
        return TENURE_BANDS
    aow = aow_age_months(end_year)
    return (*AGE_BANDS, ("55-AOW", 660, aow), ("AOW+", aow, 12000))


# The org-unit hierarchy, read from the tables derived after each import (sql/unit_levels.sql):
# `unit_labels` (a unit as departments name it: by its id or by its name, whichever the
# employments use more) and `unit_levels` (each reachable unit with its path of unit ids from the
# top down and the labels of levels 1–3).
UNIT_CTES = """unit_labels AS (SELECT unit_id, label FROM org_unit_labels),
    unit_levels AS (
        SELECT unit_id, label, org_level_1, org_level_2, org_level_3, path FROM org_unit_levels
    )"""


def base_ctes(filters: Filters) -> tuple[str, dict[str, object]]:
    """`WITH …` up to and including `seg`, and the parameters it binds."""
    conditions = ["is_counted"]
    params: dict[str, object] = {"include_flex": filters.settings.include_flex}
    lists = {
        "locations": ("location", filters.locations),
        "contract_types": ("contract_type", filters.contract_types),
        "work_arrangements": ("work_arrangement", filters.work_arrangements),
        "grades": ("grade", filters.grades),
        "job_families": ("job_family", filters.job_families),
        "genders": ("gender", filters.genders),
    }
    for name, (column, values) in lists.items():
        if values:
            conditions.append(f"{column} IN (SELECT unnest(${name}))")
            params[name] = list(values)
    if filters.org_units:
        conditions.append("department IN (SELECT label FROM unit_scope)")
        params["org_units"] = list(filters.org_units)
    where = " AND ".join(conditions)
    # The chosen units and every unit below them, only when there is a choice: each CTE costs
    # planning time on every query.
    scope = (
        """
    unit_scope AS (
        SELECT DISTINCT l.label FROM unit_levels l, unit_levels chosen
        WHERE (chosen.unit_id IN (SELECT unnest($org_units))
               OR chosen.label IN (SELECT unnest($org_units)))
          AND list_contains(l.path, chosen.unit_id)
        UNION SELECT unnest($org_units)
    ),"""
        if filters.org_units
        else ""
    )
    # The org levels and the generation are columns of employment_segments (derived per import).
    sql = f"""WITH segments AS (
        SELECT *, ($include_flex OR contract_type <> 'flex') AS is_counted
        FROM employment_segments
    ),
    {UNIT_CTES},{scope}
    seg AS (
        SELECT * FROM segments WHERE {where}
    )"""
    return sql, params


def split_by(by: str | None, filters: Filters) -> str:
    """A `seg_by` CTE (to follow `base_ctes`): `seg` rows cut at the breakdown's boundaries.

    An attribute dimension keeps each segment whole; a banded one (age, tenure) cuts it at each
    person's band boundaries, so every day counts under the band of that day.
    """
    dim = dimension(by)
    if dim is None or dim.band is None:
        grp = group_column(dim)
        return f""", seg_by AS (
        SELECT *, seg_start AS piece_start, seg_end AS piece_end, {grp} AS grp FROM seg
    )"""
    origin = "birth_date" if dim.band == "age" else "hire_date"
    values = ", ".join(
        f"('{label}', {low}, {high})"
        for label, low, high in _bands(dim.band, filters.period.end.year)
    )
    return f""", bands(label, low_months, high_months) AS (VALUES {values}),
    seg_by AS (
        SELECT seg.*, greatest(seg_start, ({origin} + to_months(low_months))::DATE) AS piece_start,
            CASE WHEN seg_end IS NULL AND high_months >= 12000 THEN NULL
                 ELSE least(coalesce(seg_end, {_OPEN}),
                            ({origin} + to_months(high_months))::DATE - 1) END AS piece_end,
            bands.label AS grp
        FROM seg JOIN bands
          ON {origin} IS NOT NULL
         AND ({origin} + to_months(low_months))::DATE <= coalesce(seg_end, {_OPEN})
         AND ({origin} + to_months(high_months))::DATE - 1 >= seg_start
        UNION ALL
        SELECT seg.*, seg_start, seg_end, '{UNKNOWN}' FROM seg WHERE {origin} IS NULL
    )"""


def group_column(dim: Dimension | None) -> str:
    """The group expression for an attribute dimension (one group 'all' without a breakdown)."""
    if dim is None:
        return "'all'"
    return f"coalesce({dim.column}::VARCHAR, '{UNKNOWN}')"


def group_on(by: str | None, day: str, filters: Filters) -> str:
    """The group of a `seg` row on one day (an SQL date expression such as `termination_date`):
    for events (hires, leavers, spells) that belong to one day."""
    dim = dimension(by)
    if dim is None or dim.band is None:
        return group_column(dim)
    origin = "birth_date" if dim.band == "age" else "hire_date"
    cases = " ".join(
        f"WHEN {day} < ({origin} + to_months({high}))::DATE THEN '{label}'"
        for label, _low, high in _bands(dim.band, filters.period.end.year)
    )
    return f"CASE WHEN {origin} IS NULL THEN '{UNKNOWN}' {cases} END"


_OUTLINE_SCHEMA: dict[str, pl.DataType] = {
    "unit": pl.String(), "parent": pl.String(), "depth": pl.Int64(),
    "path": pl.List(pl.String()), "sub_units": pl.Int64(), "in_org_units": pl.Boolean(),
}  # fmt: skip


def unit_outline(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The organisation filter's tree, one row per unit in depth-first order (a unit before its
    sub-units, siblings by name): `unit` as departments name it (also the value
    `Filters.org_units` takes), `parent`, `depth` (0 = a top unit), `path` (the labels from the
    top down to the unit) and `sub_units` (how many units lie below it, at any depth). Then, at
    the top level, every department of the employments that is no org unit (a former or
    unlisted department) and any unit the hierarchy cannot reach (a cycle). Units only, no people.
    """
    tree = sql.frame(
        con,
        f"""WITH {UNIT_CTES}
        SELECT l.unit_id, l.label, l.path,
            list_transform(l.path, lambda id: ids.labels[list_position(ids.unit_ids, id)]) AS labels
        FROM unit_levels l,
            (SELECT list(unit_id) AS unit_ids, list(label) AS labels FROM unit_labels) ids""",
        {},
    )
    rows: list[dict[str, object]] = []
    placed: set[str] = set()
    for row in sorted(tree.iter_rows(named=True), key=lambda r: [str(x) for x in r["labels"]]):
        if row["label"] in placed:  # two units of one name: departments cannot tell them apart
            continue
        placed.add(row["label"])
        path_ids: list[str] = row["path"]
        rows.append({
            "unit": row["label"],
            "parent": row["labels"][-2] if len(path_ids) > 1 else None,
            "depth": len(path_ids) - 1,
            "path": row["labels"],
            "sub_units": sum(
                1 for other in tree["path"] if len(other) > len(path_ids) and
                other[len(path_ids) - 1] == path_ids[-1]
            ),
            "in_org_units": True,
        })  # fmt: skip
    loose = con.sql(
        f"""WITH {UNIT_CTES}
        SELECT DISTINCT name FROM (
            SELECT department AS name FROM employments WHERE department IS NOT NULL
            UNION ALL SELECT label FROM unit_labels)
        ORDER BY name"""
    ).fetchall()
    for (name,) in loose:
        if name not in placed:
            placed.add(name)
            rows.append({"unit": name, "parent": None, "depth": 0, "path": [name],
                         "sub_units": 0, "in_org_units": False})  # fmt: skip
    return pl.DataFrame(rows, schema=_OUTLINE_SCHEMA)
