"""SQL files, loaded by name. Each starts with a comment saying what one row is."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

_DIR = Path(__file__).parent


@cache
def load(name: str) -> str:
    return (_DIR / f"{name}.sql").read_text(encoding="utf-8")


_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def frame(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, object]) -> pl.DataFrame:
    """Run a query with the parameters it names (DuckDB refuses unused ones) as a Polars frame."""
    used = set(_PARAMETER.findall(query))
    return con.sql(query, params={k: v for k, v in params.items() if k in used}).pl()
