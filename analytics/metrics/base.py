"""Shared pieces of the metrics: the period, the breakdown dimensions and errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class MetricsError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    """A period [start, end], both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise MetricsError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def params(self) -> dict[str, date]:
        return {"start": self.start, "end": self.end}


# Breakdown dimensions: the user's word → the `segments` column. A whitelist: user input never
# reaches SQL as an identifier unless it is a key here.
DIMENSIONS: dict[str, str] = {
    "department": "department",
    "location": "location",
    "grade": "grade",
    "job_family": "job_family",
    "job_title": "job_title",
    "gender": "gender",
    "contract_type": "contract_type",
    "work_arrangement": "work_arrangement",
    "manager": "manager_id",
    "province": "province",
}


def group_expr(by: str | None) -> str:
    """The SQL expression for the group column: a whitelisted column, or one group for all."""
    if by is None:
        return "'all'"
    return f"coalesce({DIMENSIONS[by]}::VARCHAR, '(unknown)')"
