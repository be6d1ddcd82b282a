"""Metrics over the store, one module per domain; `compute_metrics` gives the command line's set."""

from __future__ import annotations

import duckdb

from analytics import privacy, store
from analytics.metrics import absence, diversity, engagement, headcount, org, pay, turnover
from analytics.metrics.base import DIMENSIONS, Filters, MetricsError, Period, Settings, dimension

__all__ = [
    "DIMENSIONS",
    "Filters",
    "MetricsError",
    "Period",
    "Settings",
    "check_population",
    "compute_metrics",
]

DOMAINS = (headcount, turnover, absence, diversity, pay, engagement, org)


def check_population(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """The number of people the filters leave (in service at any time in the period); raises
    `TooFewPeopleError` when it is under the minimum group size, for the caller to show only
    that message (metrics.md, privacy rule)."""
    raw = headcount.headcount_raw(store.cursor(con), filters, None)
    people = int(raw["population"].sum()) if raw.height else 0
    privacy.check_population(people, filters.settings.min_group_size)
    return people


CLI_KEYS: tuple[str, ...] = tuple(key for module in DOMAINS for key in module.CLI_KEYS)


def compute_metrics(
    con: duckdb.DuckDBPyConnection, filters: Filters, *, by: str | None = None
) -> dict:
    """Every command-line metric for a period, whole or per group, privacy rule applied.

    Shape: {"period": {"start", "end"}, "metrics": {key: value}} or, with `by`,
    {"period", "by", "groups": [{"group", "metrics", "suppressed": [keys]}]}. A value that cannot
    be computed (no survey, no closed spells) or that is withheld is None.
    """
    dimension(by)  # refuses an unknown dimension before any query runs
    cursor = store.cursor(con)
    groups: dict[str, dict] = {}
    try:
        for module in DOMAINS:
            frame = module.overview(cursor, filters, by)
            for row in frame.iter_rows(named=True):
                entry = groups.setdefault(
                    row["group"], {"metrics": dict.fromkeys(CLI_KEYS), "suppressed": []}
                )
                for key in module.CLI_KEYS:
                    entry["metrics"][key] = row[key]
                if row["suppressed"]:
                    entry["suppressed"].extend(module.CLI_KEYS)
    finally:
        cursor.close()
    period = {"start": filters.period.start.isoformat(), "end": filters.period.end.isoformat()}
    if by is None:
        whole = groups.get("all", {"metrics": dict.fromkeys(CLI_KEYS), "suppressed": []})
        return {"period": period, "metrics": whole["metrics"]}
    ordered = [
        {"group": name, "metrics": entry["metrics"], "suppressed": entry["suppressed"]}
        for name, entry in sorted(groups.items())
    ]
    return {"period": period, "by": by, "groups": ordered}
