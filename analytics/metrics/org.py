"""Organisation structure (metrics.md "Organisation structure"; domain reference 5.4): span of
control, layers, the reporting lines' data problems, and the unit hierarchy for a treemap.

Everything is about one day, the period's end (P.end), and the people in service that day under
the population rules of the segments (flex workers out unless included), with the manager_id of
that day (job history).

- The reporting tree is built over the whole counted population, whatever the filters: a
  manager's span counts all their direct reports in service, and layers are counted from the top
  of the organisation. Filters and breakdowns then choose whose figures are shown: a manager by
  the manager's own attributes, a layer count by each employee's.
- Privacy: a span is a count about identifiable people, so spans leave this module only as
  statistics and as a distribution (managers per band), never per named manager. Each group's
  figures follow the minimum group size on the group's headcount (complement protection across
  the groups). Data problems are counts, never names.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters
from analytics.metrics.scope import UNKNOWN, base_ctes, split_by
from analytics.privacy import SUPPRESSED, suppress
from analytics.registry import MetricDef

_OPEN = "DATE '9999-12-31'"
_POPULATION = (
    "employees in service on the period's last day (contract types permanent, temporary, "
    "intern; flex only when included); managers and reporting lines by manager_id of that day"
)
_DAY = "the period's last day"
_SPAN_SOURCE = (
    "McKinsey, Acharya et al. (2017), 'How to identify the right spans of control for your "
    "organization'; domain reference 5.4"
)
_LEFT_OUT = "flex workers unless included; a manager_id that names the employee themself"

METRICS = (
    MetricDef("span_of_control_mean", "Gemiddelde span of control", "Mean span of control",
              "ratio", "Σ direct reports in service over managers",
              "managers (employees with at least one direct report in service)", _POPULATION,
              _DAY, _LEFT_OUT + "; employees without direct reports", _SPAN_SOURCE,
              ("include_flex",)),
    MetricDef("span_of_control_median", "Mediaan span of control", "Median span of control",
              "ratio", "median over managers of their direct reports in service", "",
              _POPULATION, _DAY, _LEFT_OUT + "; employees without direct reports", _SPAN_SOURCE,
              ("include_flex",)),
    MetricDef("span_band_share", "Leidinggevenden per spanklasse", "Managers per span band",
              "share", "managers whose span lies in the band: narrow 1–2, player/coach 3–5, "
              "coach 6–7, supervisor 8–10, facilitator 11–15, coordinator 16 and more (McKinsey's "
              "'15+' overlaps 11–15; 15 counts as facilitator)", "managers", _POPULATION, _DAY,
              _LEFT_OUT, _SPAN_SOURCE, ("include_flex",)),
    MetricDef("narrow_span_share", "Aandeel smalle span", "Share of narrow spans", "share",
              "managers with fewer than 3 direct reports", "managers", _POPULATION, _DAY,
              _LEFT_OUT, _SPAN_SOURCE, ("include_flex",)),
    MetricDef("non_managers_per_manager", "Medewerkers per leidinggevende",
              "Non-managers per manager", "ratio",
              "employees without direct reports", "managers", _POPULATION, _DAY, _LEFT_OUT,
              _SPAN_SOURCE, ("include_flex",)),
    MetricDef("layers_max", "Aantal lagen", "Layers (maximum)", "layers",
              "the deepest reporting layer: layer 1 is someone without a manager or whose manager "
              "is not in service, each report one layer below their manager", "", _POPULATION,
              _DAY, _LEFT_OUT + "; people in or below a reporting cycle (reported as a data "
              "problem)", "domain reference 5.4 (layers from the top executive)",
              ("include_flex",)),
    MetricDef("layers_median", "Mediane laag", "Median layer", "layers",
              "median over employees of their reporting layer (layer 1 = the top)", "",
              _POPULATION, _DAY, _LEFT_OUT + "; people in or below a reporting cycle",
              "domain reference 5.4 (maximum and median depth)", ("include_flex",)),
    MetricDef("unit_headcount", "Bezetting per eenheid", "Headcount per unit", "persons",
              "distinct persons in service whose department is the unit (not its sub-units), "
              "and their fte", "", _POPULATION, _DAY,
              "flex workers unless included; units with fewer people than the minimum group "
              "size (and their complement)", "org_units hierarchy; headcount definition",
              ("include_flex",)),
)  # fmt: skip

# Span bands: label, lowest and highest span (McKinsey archetypes; 15 goes to facilitator).
SPAN_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("narrow", 1, 2),
    ("player/coach", 3, 5),
    ("coach", 6, 7),
    ("supervisor", 8, 10),
    ("facilitator", 11, 15),
    ("coordinator", 16, None),
)


@dataclass(frozen=True)
class OrgProblems:
    """Data problems in the reporting lines on P.end, among the people in scope: counts only,
    never names (a data-quality report may list them for roles allowed to see them)."""

    unknown_manager: int  # employees whose manager_id is not an employee in service that day
    unknown_manager_ids: int  # distinct such manager ids
    in_cycle: int  # employees in a reporting cycle (someone managing themself included)
    below_cycle: int  # employees whose line of managers runs into a cycle

    @property
    def total(self) -> int:
        return self.unknown_manager + self.in_cycle + self.below_cycle


def _whole(filters: Filters) -> Filters:
    """The filters of the reporting tree: the period and the settings, no organisation filter."""
    return Filters(filters.period, settings=filters.settings)


# One segment per person covers a day (the importer refuses overlapping employments and
# overlapping job history, and segments cut an employment into stretches; bands cut a segment
# into pieces that do not overlap either): the rows on P.end are one per person, no grouping.
_ON_END = f"piece_start <= $end AND coalesce(piece_end, {_OPEN}) >= $end"


def _tree_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Everybody in service on P.end under the population rules, whatever the filters:
    employee_id and manager_id of that day (empty ids count as none). Never to show."""
    ctes, params = base_ctes(_whole(filters))
    query = f"""{ctes}{split_by(None, filters)}
    SELECT employee_id, nullif(trim(manager_id), '') AS manager_id FROM seg_by WHERE {_ON_END}"""
    return sql.frame(con, query, {**params, **filters.period.params}).cast(
        {"employee_id": pl.String, "manager_id": pl.String}
    )


def _scope_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The people in service on P.end who pass the filters, with their group that day."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes}{split_by(by, filters)}
    SELECT employee_id, grp AS "group" FROM seg_by WHERE {_ON_END}"""
    return sql.frame(con, query, {**params, **filters.period.params}).cast(
        {"employee_id": pl.String, "group": pl.String}
    )


def _tree_with_groups_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """`_tree_raw` and `_scope_raw` in one query, for filters that leave the whole population
    (then both are about the same people): employee_id, manager_id, group. Never to show."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes}{split_by(by, filters)}
    SELECT employee_id, nullif(trim(manager_id), '') AS manager_id, grp AS "group"
    FROM seg_by WHERE {_ON_END}"""
    return sql.frame(con, query, {**params, **filters.period.params}).cast(
        {"employee_id": pl.String, "manager_id": pl.String, "group": pl.String}
    )


def reporting_lines_raw(tree: pl.DataFrame) -> pl.DataFrame:
    """Per employee of `tree` (employee_id, unique, and manager_id), in the tree's order,
    unsuppressed (never to show):

    - direct_reports = employees of the tree whose manager_id is this employee (not themself);
    - layer: 1 for someone without a manager or whose manager is not in the tree, else the
      manager's layer + 1; null for people in a reporting cycle or below one;
    - unknown_manager: a manager_id that is not in the tree; in_cycle: in a reporting cycle.

    Layers are found breadth-first from the top, one step per layer over the reports sorted by
    manager: a node has one manager, so each is reached at most once and the walk ends after at
    most as many steps as people. The nodes never reached are in a cycle or below one; pruning
    those that manage nobody unreached, until none is left to prune, leaves exactly the cycles.
    """
    tree = tree.select(pl.col("employee_id").cast(pl.String), pl.col("manager_id").cast(pl.String))
    size = tree.height
    positions = pl.DataFrame(
        {"manager_id": tree["employee_id"], "manager_at": pl.int_range(size, eager=True)}
    )
    manager_at = (
        tree.select("manager_id")
        .join(positions, on="manager_id", how="left", maintain_order="left")["manager_at"]
        .fill_null(-1)
        .to_numpy()
    )
    known = manager_at >= 0
    edges = known & (manager_at != np.arange(size))  # reporting to oneself is no report
    direct_reports = np.bincount(manager_at[edges], minlength=size)

    # The reports grouped by manager: those of manager m are reports[first[m]:first[m + 1]].
    reports = np.flatnonzero(edges)
    reports = reports[np.argsort(manager_at[reports])]
    first = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(direct_reports, out=first[1:])
    layer = np.zeros(size, dtype=np.int64)  # 0: not reached
    frontier = np.flatnonzero(~known)
    depth = 1
    while frontier.size and depth <= size:  # the guard never binds: see the docstring
        layer[frontier] = depth
        counts = first[frontier + 1] - first[frontier]
        # the reports of every frontier node, one run per node
        offsets = np.repeat(first[frontier] - np.cumsum(counts) + counts, counts)
        frontier = reports[offsets + np.arange(offsets.size)]
        depth += 1

    unreached = np.flatnonzero(layer == 0)
    in_cycle = np.zeros(size, dtype=bool)
    if unreached.size:
        ids = tree["employee_id"].to_numpy()
        members = _cycle_members(dict(zip(ids[unreached], ids[manager_at[unreached]], strict=True)))
        in_cycle[unreached] = [node in members for node in ids[unreached]]
    return tree.with_columns(
        pl.Series("layer", layer, dtype=pl.Int64).replace(0, None),
        pl.Series("direct_reports", direct_reports, dtype=pl.Int64),
        pl.Series("unknown_manager", ~known & tree["manager_id"].is_not_null().to_numpy()),
        pl.Series("in_cycle", in_cycle),
    )


def _cycle_members(manager_of: dict[str, str]) -> set[str]:
    """The nodes on a cycle of a graph where each node points to its manager, and every manager
    is itself a node (true of the people a top-down walk never reached)."""
    waiting = {node: 0 for node in manager_of}
    for manager in manager_of.values():
        waiting[manager] += 1
    queue = [node for node, count in waiting.items() if count == 0]
    remaining = set(manager_of)
    while queue:
        node = queue.pop()
        remaining.discard(node)
        manager = manager_of[node]
        waiting[manager] -= 1
        if waiting[manager] == 0:
            queue.append(manager)
    return remaining


def _lines_in_scope(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> tuple[pl.DataFrame, bool]:
    """The reporting lines of the people in scope with their group, and whether the data has any
    reporting line at all (without manager_id nothing here can be computed)."""
    if filters == _whole(filters):  # the people in scope are the tree: one query
        frame = _tree_with_groups_raw(con, filters, by)
        tree = frame.select("employee_id", "manager_id")
        lines = reporting_lines_raw(tree).with_columns(frame["group"])
    else:
        tree = _tree_raw(con, filters)
        lines = reporting_lines_raw(tree).join(
            _scope_raw(con, filters, by), on="employee_id", how="inner"
        )
    has_lines = bool(tree["manager_id"].is_not_null().any())
    return lines, has_lines


_STRUCTURE_SCHEMA: dict[str, pl.DataType] = {
    "group": pl.String(), "population": pl.Int64(), "managers": pl.Int64(),
    "span_of_control_mean": pl.Float64(), "span_of_control_median": pl.Float64(),
    "narrow_span_share": pl.Float64(), "non_managers_per_manager": pl.Float64(),
    "layers_max": pl.Int64(), "layers_median": pl.Float64(),
}  # fmt: skip


def org_structure_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per group on P.end, unsuppressed (never to show); a manager counts in the group of the
    manager, a layer in the group of the employee:

    - population = employees in service in the group (the privacy count);
    - managers = employees with ≥ 1 direct report in service;
    - span_of_control_mean / _median = mean / median of direct reports over managers;
    - narrow_span_share = managers with span < 3 / managers;
    - non_managers_per_manager = (population − managers) / managers;
    - layers_max / layers_median = deepest / median layer (layer 1 = the top; people in or below
      a cycle have none).
    No reporting line in the data at all → every figure but the population is null.
    """
    lines, has_lines = _lines_in_scope(con, filters, by)
    if lines.height == 0:
        return pl.DataFrame(schema=_STRUCTURE_SCHEMA)
    span = pl.col("direct_reports").filter(pl.col("direct_reports") > 0)
    managers = (pl.col("direct_reports") > 0).sum()
    per_group = lines.group_by("group").agg(
        pl.len().alias("population"),
        managers.alias("managers"),
        span.mean().alias("span_of_control_mean"),
        span.median().alias("span_of_control_median"),
        ((span < 3).sum() / span.len()).alias("narrow_span_share"),
        pl.when(managers > 0)
        .then((pl.len() - managers) / managers)
        .alias("non_managers_per_manager"),
        pl.col("layer").max().alias("layers_max"),
        pl.col("layer").median().alias("layers_median"),
    )
    if not has_lines:
        per_group = per_group.with_columns(
            pl.lit(None).alias(c) for c in _STRUCTURE_SCHEMA if c not in ("group", "population")
        )
    return (
        per_group.with_columns(
            pl.when(pl.col("managers") > 0).then(pl.col("narrow_span_share"))
        )  # 0 / 0 is no figure
        .select(list(_STRUCTURE_SCHEMA))
        .cast(_STRUCTURE_SCHEMA)  # type: ignore[arg-type]
        .sort("group")
    )


def org_structure(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Span of control and layers per group (see `org_structure_raw`); a group with fewer
    employees than the minimum is withheld, with complement protection."""
    return suppress(
        org_structure_raw(con, filters, by), min_group_size=filters.settings.min_group_size
    )


def span_bands(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Per group and span band (`SPAN_BANDS`, every band listed): managers whose span lies in
    the band and their share of the group's managers. The distribution is the only way spans
    are shown; a group with fewer employees than the minimum is withheld (same groups in every
    band)."""
    lines, has_lines = _lines_in_scope(con, filters, by)
    schema = {"group": pl.String, "band": pl.String, "population": pl.Int64,
              "managers": pl.Int64, "share": pl.Float64}  # fmt: skip
    if lines.height == 0 or not has_lines:
        return suppress(pl.DataFrame(schema=schema), min_group_size=filters.settings.min_group_size)
    band = pl.lit(None, pl.String)
    for label, low, high in reversed(SPAN_BANDS):
        inside = pl.col("direct_reports") >= low
        if high is not None:
            inside &= pl.col("direct_reports") <= high
        band = pl.when(inside).then(pl.lit(label)).otherwise(band)
    populations = lines.group_by("group").agg(
        pl.len().alias("population"), (pl.col("direct_reports") > 0).sum().alias("all_managers")
    )
    counts = (
        lines.filter(pl.col("direct_reports") > 0)
        .with_columns(band.alias("band"))
        .group_by("group", "band")
        .agg(pl.len().alias("managers"))
    )
    bands = pl.DataFrame({"band": [label for label, _, _ in SPAN_BANDS]})
    rows = (
        populations.join(bands, how="cross")
        .join(counts, on=["group", "band"], how="left")
        .with_columns(pl.col("managers").fill_null(0))
        .with_columns(
            pl.when(pl.col("all_managers") > 0)
            .then(pl.col("managers") / pl.col("all_managers"))
            .alias("share")
        )
        .select(list(schema))
        .cast(schema)  # type: ignore[arg-type]
        .with_columns(pl.col("band").cast(pl.Enum([label for label, _, _ in SPAN_BANDS])))
        .sort("group", "band")
        .with_columns(pl.col("band").cast(pl.String))
    )
    return suppress(rows, min_group_size=filters.settings.min_group_size, within=("band",))


def layer_distribution(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Per group and layer (1 = the top, every layer up to the deepest listed for every group):
    employees in service in that layer. A group with fewer employees than the minimum is withheld
    (same groups in every layer). People in or below a reporting cycle have no layer: see
    `reporting_problems`."""
    lines, has_lines = _lines_in_scope(con, filters, by)
    schema = {"group": pl.String, "layer": pl.Int64, "population": pl.Int64,
              "employees": pl.Int64}  # fmt: skip
    deepest = lines["layer"].max() if lines.height else None
    if deepest is None or not has_lines:
        return suppress(pl.DataFrame(schema=schema), min_group_size=filters.settings.min_group_size)
    populations = lines.group_by("group").agg(pl.len().alias("population"))
    counts = (
        lines.filter(pl.col("layer").is_not_null())
        .group_by("group", "layer")
        .agg(pl.len().alias("employees"))
    )
    layers = pl.DataFrame({"layer": list(range(1, int(deepest) + 1))}, schema={"layer": pl.Int64})
    rows = (
        populations.join(layers, how="cross")
        .join(counts, on=["group", "layer"], how="left")
        .with_columns(pl.col("employees").fill_null(0))
        .select(list(schema))
        .cast(schema)  # type: ignore[arg-type]
        .sort("group", "layer")
    )
    return suppress(rows, min_group_size=filters.settings.min_group_size, within=("layer",))


def reporting_problems(con: duckdb.DuckDBPyConnection, filters: Filters) -> OrgProblems:
    """Data problems in the reporting lines on P.end among the people in scope: unknown managers
    (a manager_id that is not an employee in service under the population rules), reporting
    cycles and the people below them. Counts for a data-quality note, never names; not subject
    to the minimum group size since they describe the data, not the people."""
    lines, _ = _lines_in_scope(con, filters, None)
    unknown = lines.filter(pl.col("unknown_manager"))
    return OrgProblems(
        unknown_manager=unknown.height,
        unknown_manager_ids=unknown["manager_id"].n_unique(),
        in_cycle=int(lines["in_cycle"].sum()),
        below_cycle=lines.filter(pl.col("layer").is_null() & ~pl.col("in_cycle")).height,
    )


_UNIT_SCHEMA: dict[str, pl.DataType] = {
    "unit": pl.String(), "parent": pl.String(), "headcount": pl.Int64(), "fte": pl.Float64(),
    "in_org_units": pl.Boolean(),
}  # fmt: skip


def unit_tree_raw(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per org unit (and per department that is not in org_units, with no parent), unsuppressed
    (never to show): headcount = distinct persons in service on P.end whose department is the unit
    itself (sub-units not included, as a treemap with branchvalues "remainder" wants), fte = their
    Σ ptf (a missing fte counts as 1). Units are labelled as departments are (by id or by name);
    with an organisation filter only the chosen units and their sub-units are listed, and a parent
    that is not listed is left empty (a treemap root)."""
    ctes, params = base_ctes(filters)
    scope = "WHERE l.label IN (SELECT label FROM unit_scope)" if filters.org_units else ""
    query = f"""{ctes},
    units AS (
        SELECT DISTINCT ON (l.label) l.label AS unit, p.label AS parent
        FROM org_units o
        JOIN unit_labels l ON l.unit_id = o.unit_id
        LEFT JOIN unit_labels p ON p.unit_id = o.parent_id
        {scope}
    ),
    people AS (
        SELECT coalesce(department, '{UNKNOWN}') AS unit, count(DISTINCT employee_id) AS headcount,
            sum(coalesce(fte, 1.0)) AS fte
        FROM seg
        WHERE seg_start <= $end AND coalesce(seg_end, {_OPEN}) >= $end
        GROUP BY ALL
    )
    -- a parent outside the chosen units is left out, so that every listed parent is listed
    SELECT coalesce(u.unit, p.unit) AS unit,
        CASE WHEN u.parent IN (SELECT unit FROM units) THEN u.parent END AS parent,
        coalesce(p.headcount, 0) AS headcount,
        coalesce(p.fte, 0.0) AS fte, u.unit IS NOT NULL AS in_org_units
    FROM units u FULL JOIN people p ON p.unit = u.unit
    ORDER BY unit"""
    frame = sql.frame(con, query, {**params, **filters.period.params})
    return frame.cast(_UNIT_SCHEMA) if frame.height else pl.DataFrame(schema=_UNIT_SCHEMA)  # type: ignore[arg-type]


def unit_tree(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The unit hierarchy for a treemap: unit, parent, headcount, fte, in_org_units, suppressed.
    A unit with people but fewer than the minimum has its headcount and fte withheld, with
    complement protection across the units; a unit without people (a pure container) shows 0,
    which describes nobody."""
    raw = unit_tree_raw(con, filters)
    people = raw.filter(pl.col("headcount") > 0)
    shown = suppress(
        people,
        min_group_size=filters.settings.min_group_size,
        population="headcount",
        keep=("unit", "parent", "in_org_units"),
    )
    empty = raw.filter(pl.col("headcount") == 0).with_columns(pl.lit(False).alias(SUPPRESSED))
    return pl.concat([shown, empty]).sort("unit")


CLI_KEYS = ("span_of_control_mean", "layers_max")


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's organisation keys per group on P.end (suppressed)."""
    return org_structure(con, filters, by).select("group", *CLI_KEYS, SUPPRESSED)
