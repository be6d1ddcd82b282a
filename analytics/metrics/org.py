"""Org metrics (metrics.md); not implemented yet, so the command line shows null."""

from __future__ import annotations

import duckdb
import polars as pl

from analytics.metrics.base import Filters
from analytics.registry import MetricDef

METRICS: tuple[MetricDef, ...] = ()
CLI_KEYS: tuple[str, ...] = ("span_of_control_mean", "layers_max")


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's keys per group (suppressed); no groups until implemented."""
    return pl.DataFrame(
        schema={"group": pl.String, **dict.fromkeys(CLI_KEYS, pl.Float64), "suppressed": pl.Boolean}
    )
