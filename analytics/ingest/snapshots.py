"""The snapshot form: a stack of periodic headcount files → employments + job_history.

An employee's employment runs from the first to the last snapshot in which they appear without a
gap (hire and termination dates win when the files give them). Missing from a snapshot in between
means they left and came back: two employments. An attribute change between two snapshots starts
a new job_history row on the snapshot date where the new value first appears.
"""

from __future__ import annotations

import polars as pl

from analytics.contract import EMPLOYMENTS, JOB_HISTORY
from analytics.ingest.convert import ROW
from analytics.ingest.mapping import SNAPSHOT_DATE
from analytics.ingest.messages import Text

_JOB_ATTRS = [
    c for c in JOB_HISTORY.column_names if c not in ("employee_id", "valid_from", "valid_to")
]


def convert_snapshots(stacked: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, list[Text]]:
    """Returns (employments, job_history, notes). `stacked` has canonical employment columns plus
    snapshot_date and the row number; rows without an employee or date were rejected before."""
    if stacked.height == 0:
        return (
            stacked.clear().select(ROW, *EMPLOYMENTS.column_names),
            stacked.clear().select(ROW),
            [],
        )
    dates = stacked.select(pl.col(SNAPSHOT_DATE).unique().sort()).to_series()
    last_snapshot = dates.max()
    index = pl.DataFrame({SNAPSHOT_DATE: dates, "_snap": pl.int_range(len(dates), eager=True)})
    frame = (
        stacked.join(index, on=SNAPSHOT_DATE)
        .sort("employee_id", "_snap")
        .unique(["employee_id", "_snap"], keep="last", maintain_order=True)
    )
    for col in EMPLOYMENTS.column_names:
        if col not in frame.columns:
            frame = frame.with_columns(pl.lit(None).alias(col))
    frame = frame.with_columns(
        # A new employment starts where the employee was missing from the previous snapshot.
        _run=(pl.col("_snap").diff().over("employee_id").fill_null(1) != 1)
        .cum_sum()
        .over("employee_id")
    )
    periods = frame.group_by("employee_id", "_run", maintain_order=True).agg(
        pl.col(SNAPSHOT_DATE).first().alias("_first"),
        pl.col(SNAPSHOT_DATE).last().alias("_last"),
        pl.col("hire_date").drop_nulls().first().alias("_given_hire"),
        pl.col("termination_date").drop_nulls().last().alias("_given_end"),
        pl.col(ROW).last(),
        *(
            pl.col(c).last()
            for c in EMPLOYMENTS.column_names
            if c not in ("employee_id", "hire_date", "termination_date")
        ),
    )
    employments = periods.with_columns(
        hire_date=pl.min_horizontal("_given_hire", "_first"),
        termination_date=pl.when(pl.col("_given_end").is_not_null())
        .then(pl.col("_given_end"))
        .when(pl.col("_last") < last_snapshot)
        .then(pl.col("_last")),
    ).select(ROW, *EMPLOYMENTS.column_names)

    changed = pl.any_horizontal(
        pl.col(c).ne_missing(pl.col(c).shift(1).over("employee_id", "_run")) for c in _JOB_ATTRS
    )
    first_in_run = pl.col("_snap") == pl.col("_snap").min().over("employee_id", "_run")
    starts = (
        frame.drop("hire_date", "termination_date")
        .join(employments.select("employee_id", "hire_date", "termination_date"), on="employee_id")
        .filter(
            (pl.col(SNAPSHOT_DATE) >= pl.col("hire_date"))
            & (
                pl.col("termination_date").is_null()
                | (pl.col(SNAPSHOT_DATE) <= pl.col("termination_date"))
            )
        )
        .filter(first_in_run | changed)
        .with_columns(
            valid_from=pl.when(first_in_run)
            .then(pl.col("hire_date"))
            .otherwise(pl.col(SNAPSHOT_DATE))
        )
        .sort("employee_id", "valid_from")
    )
    job_history = starts.with_columns(
        valid_to=pl.when(pl.col("_run") == pl.col("_run").shift(-1).over("employee_id"))
        .then(pl.col("valid_from").shift(-1).over("employee_id") - pl.duration(days=1))
        .otherwise(pl.col("termination_date"))
    ).select(ROW, *JOB_HISTORY.column_names)
    notes = [
        Text(
            "note_snapshots",
            dates=len(dates),
            first=dates.min(),
            last=last_snapshot,
            employments=employments.height,
            history=job_history.height,
        )
    ]
    return employments, job_history, notes
