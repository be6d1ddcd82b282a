"""Shared pieces of the metrics: the period, the settings, the filters and the dimensions.

A metric function takes a connection and a frozen `Filters` (period, organisation filters and the
settings in force) and returns a Polars frame or a small frozen result, already passed through the
privacy rule (`analytics/privacy.py`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from analytics.config import MIN_GROUP_SIZE_FLOOR, default


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
    def days_in_year(self) -> int:
        """365 or 366: the length of the year in which the period ends (metrics.md)."""
        return 366 if calendar.isleap(self.end.year) else 365

    @property
    def params(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "days": self.days}

    def shifted_years(self, years: int) -> Period:
        return Period(_add_years(self.start, years), _add_years(self.end, years))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Settings:
    """The settings a metric may use; defaults come from `analytics.config.SETTINGS`."""

    min_group_size: int = int(default("min_group_size"))  # type: ignore[call-overload]
    fulltime_hours: float = float(default("fulltime_hours"))  # type: ignore[arg-type]
    include_flex: bool = bool(default("include_flex"))
    pregnancy_in_denominator: bool = bool(default("pregnancy_in_denominator"))
    frequency_method: Literal["annualised", "vernet"] = default("frequency_method")  # type: ignore[assignment]
    zero_absence_scope: Literal["any", "whole_period"] = default("zero_absence_scope")  # type: ignore[assignment]
    annualise: bool = bool(default("annualise"))
    pay_category: str = str(default("pay_category"))
    blau_categories: int = int(default("blau_categories"))  # type: ignore[call-overload]

    def __post_init__(self) -> None:
        if self.min_group_size < MIN_GROUP_SIZE_FLOOR:
            raise MetricsError(f"the minimum group size is never below {MIN_GROUP_SIZE_FLOOR}")
        if self.frequency_method not in ("annualised", "vernet"):
            raise MetricsError("frequency_method is 'annualised' or 'vernet'")
        if self.zero_absence_scope not in ("any", "whole_period"):
            raise MetricsError("zero_absence_scope is 'any' or 'whole_period'")
        if self.pay_category not in ("grade", "job_family", "job_title"):
            raise MetricsError("pay_category is grade, job_family or job_title")


@dataclass(frozen=True)
class Filters:
    """Who and when a figure is about. Empty tuples mean "no restriction".

    `org_units` selects units by id or name, their sub-units included (org_units hierarchy).
    Attribute filters apply to the value on each day (job history), like breakdowns do.
    """

    period: Period
    org_units: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    contract_types: tuple[str, ...] = ()
    work_arrangements: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    job_families: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def for_period(cls, start: date, end: date, **options: object) -> Filters:
        return cls(Period(start, end), **options)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Dimension:
    """A breakdown dimension. `column` is a column of the `segments` view; banded dimensions
    (age, tenure) change over time and are cut at each person's band boundaries instead."""

    key: str
    label_nl: str
    label_en: str
    column: str | None = None
    band: Literal["age", "tenure"] | None = None


# The whitelist of breakdowns: user input reaches SQL as an identifier only as a key of this.
DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("department", "Afdeling", "Department", column="department"),
        Dimension("org_level_1", "Organisatie (niveau 1)", "Organisation (level 1)",
                  column="org_level_1"),
        Dimension("org_level_2", "Organisatie (niveau 2)", "Organisation (level 2)",
                  column="org_level_2"),
        Dimension("org_level_3", "Organisatie (niveau 3)", "Organisation (level 3)",
                  column="org_level_3"),
        Dimension("location", "Vestiging", "Location", column="location"),
        Dimension("grade", "Schaal", "Grade", column="grade"),
        Dimension("job_family", "Functiefamilie", "Job family", column="job_family"),
        Dimension("job_title", "Functie", "Job title", column="job_title"),
        Dimension("gender", "Geslacht", "Gender", column="gender"),
        Dimension("contract_type", "Soort contract", "Contract type", column="contract_type"),
        Dimension("work_arrangement", "Werkplek", "Work arrangement", column="work_arrangement"),
        Dimension("manager", "Leidinggevende", "Manager", column="manager_id"),
        Dimension("province", "Provincie", "Province", column="province"),
        Dimension("generation", "Generatie (VS-indeling)", "Generation (US convention)",
                  column="generation"),
        Dimension("age_band", "Leeftijdsgroep", "Age band", band="age"),
        Dimension("tenure_band", "Diensttijd", "Tenure band", band="tenure"),
    )
}  # fmt: skip


def dimension(by: str | None) -> Dimension | None:
    if by is None:
        return None
    if by not in DIMENSIONS:
        raise MetricsError(f"cannot break down by {by!r}; choose one of {', '.join(DIMENSIONS)}")
    return DIMENSIONS[by]
