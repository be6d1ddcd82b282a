"""Contract rows that follow on without a gap are one employment.

Many HR systems (AFAS, Visma) export one row per contract: a temporary contract followed the next
day by a permanent one is a change of contract, not a leaver and a hire. Such rows are merged into
one employment (first hire date, last termination date, latest attributes); each contract becomes
a job_history row, so breakdowns still see the contract type, department or fte of each day.
"""

from __future__ import annotations

import polars as pl

from analytics.contract import EMPLOYMENTS, JOB_HISTORY
from analytics.ingest.messages import Text

_JOB_ATTRS = [
    c for c in JOB_HISTORY.column_names if c not in ("employee_id", "valid_from", "valid_to")
]


def merge_contract_rows(
    frame: pl.DataFrame, history_known_for: set[str]
) -> tuple[pl.DataFrame, pl.DataFrame, Text | None]:
    """Returns (employments, job_history derived from merged rows, a note for the report).

    Employees in `history_known_for` already have job history (in this import or the store): their
    rows are merged, but no history is derived, so that the given history stays the only one.
    """
    if frame.height == 0 or "hire_date" not in frame.columns:
        return frame, frame.clear().select([]), None
    original_columns = frame.columns
    if "termination_date" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Date).alias("termination_date"))
    for column in _JOB_ATTRS:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None).alias(column))
    # Sorted by employee and hire date, a row follows on when the previous row is the same
    # employee's and ended the day before: runs are numbered over the whole frame, no windows.
    ordered = frame.sort("employee_id", "hire_date")
    follows_on = (pl.col("employee_id") == pl.col("employee_id").shift(1)) & (
        pl.col("hire_date") == pl.col("termination_date").shift(1) + pl.duration(days=1)
    )
    ordered = ordered.with_columns(_run=(~follows_on.fill_null(False)).cum_sum())
    ordered = ordered.with_columns(_parts=pl.len().over("_run"))
    if ordered["_parts"].max() == 1:
        return frame.select(original_columns), frame.clear().select([]), None
    single = ordered.filter(pl.col("_parts") == 1)
    multi = ordered.filter(pl.col("_parts") > 1)
    others = [c for c in ordered.columns if c not in ("hire_date", "_run", "_parts", "employee_id")]
    merged = multi.group_by("_run", maintain_order=True).agg(
        pl.col("employee_id").first(),
        pl.col("hire_date").first(),
        *(pl.col(c).last() for c in others),
    )
    employments = pl.concat(
        [
            single.drop("_run", "_parts"),
            merged.drop("_run").select(single.drop("_run", "_parts").columns),
        ],
        how="vertical_relaxed",
    )
    history = multi.filter(~pl.col("employee_id").is_in(sorted(history_known_for))).select(
        "_file",
        "_row",
        "employee_id",
        pl.col("hire_date").alias("valid_from"),
        pl.col("termination_date").alias("valid_to"),
        *_JOB_ATTRS,
    )
    people = multi["employee_id"].n_unique()
    counts = {"rows": multi.height, "people": people, "merged": merged.height}
    if history.height:
        note = Text("note_contracts_merged_history", **counts, history=history.height)
    else:
        note = Text("note_contracts_merged", **counts)
    return employments.select(original_columns), history, note


assert set(_JOB_ATTRS) <= set(EMPLOYMENTS.column_names)
