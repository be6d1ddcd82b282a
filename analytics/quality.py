"""Data quality: how completely each column of the canonical tables is filled.

This describes columns, not people: it counts cells and never returns a value from them.
"""

from __future__ import annotations

import duckdb
import polars as pl

from analytics.contract import TABLES


def completeness(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per column of every canonical table, in the data contract's order.

    filled_share = filled_rows / rows (rows with a value in the column, over all rows of the
    table); null for an empty table. Columns: table, column, rows, filled_rows, filled_share.
    """
    parts = []
    for table in TABLES.values():
        counts = ", ".join(f'count("{c}")' for c in table.column_names)
        # Table and column names come from the contract, never from input.
        row = con.sql(f"SELECT count(*), {counts} FROM {table.name}").fetchall()[0]
        parts.append(
            pl.DataFrame(
                {
                    "table": [table.name] * len(table.column_names),
                    "column": list(table.column_names),
                    "rows": [int(row[0])] * len(table.column_names),
                    "filled_rows": [int(v) for v in row[1:]],
                },
                schema={
                    "table": pl.String,
                    "column": pl.String,
                    "rows": pl.Int64,
                    "filled_rows": pl.Int64,
                },
            )
        )
    frame = pl.concat(parts)
    return frame.with_columns(
        filled_share=pl.when(pl.col("rows") > 0)
        .then(pl.col("filled_rows") / pl.col("rows"))
        .otherwise(None)
    )


def summary(frame: pl.DataFrame) -> dict[str, object]:
    """The headline of a completeness frame, over the tables that hold rows: how many columns
    there are, how many are filled in every row, and the least filled column (table, column,
    filled_share; None when every table is empty)."""
    present = frame.filter(pl.col("rows") > 0)
    least = present.sort("filled_share", "table", "column").head(1)
    return {
        "columns": present.height,
        "complete": present.filter(pl.col("filled_share") >= 1.0).height,
        "least": least.select("table", "column", "filled_share").row(0) if least.height else None,
    }
