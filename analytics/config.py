"""Every setting, declared once: name, default and help text.

The command line, the dashboard and the docs read their options from here, so a setting never has
two defaults. Values are overridden per call (e.g. `--min-group-size`), never by editing code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "min_group_size",
            5,
            "Smallest group of people any figure, bar, cell or row may describe (never below 3).",
        ),
        Setting(
            "fulltime_hours",
            40.0,
            "Hours of a full-time week, to turn contract hours into a part-time factor (fte).",
        ),
        Setting(
            "include_flex",
            False,
            "Count flex workers (agency, on-call, payroll) in headcount and turnover.",
        ),
        Setting(
            "pregnancy_in_denominator",
            True,
            "Keep pregnancy and maternity leave days in the absence-rate denominator (they never "
            "count as sickness); off removes those days from the available days.",
        ),
        Setting(
            "frequency_method",
            "annualised",
            "Absence frequency: 'annualised' (spells / average headcount × days_in_year / |P|) or "
            "'vernet' (a quarter's figure × 4, the care-sector benchmark's convention).",
        ),
        Setting(
            "zero_absence_scope",
            "any",
            "Zero-absence population: 'any' (in service at any time in the period) or "
            "'whole_period' (in service on every day of it).",
        ),
        Setting(
            "annualise",
            False,
            "Show turnover rates of a period shorter than a year as annual rates "
            "(rate × days_in_year / |P|, labelled 'annualised').",
        ),
        Setting(
            "pay_category",
            "grade",
            "Category of workers for the pay-gap report (EU 2023/970 Art. 9(1)(g)): grade, "
            "job_family or job_title.",
        ),
        Setting(
            "aow_age_months",
            "67y until 2027, 67y3m from 2028",
            "State pension (AOW) age, by the year of the reference date: 804 months up to 2027, "
            "807 from 2028; used for the 55–AOW and AOW+ age bands.",
        ),
        Setting(
            "blau_categories",
            2,
            "Number of possible categories k in the normalised Blau index (gender: F and M).",
        ),
        Setting(
            "keep_versions",
            5,
            "How many earlier versions of the store are kept for `python -m analytics rollback`.",
        ),
        Setting(
            "max_listed_errors",
            50,
            "How many row errors an import report lists before it gives the count of the rest.",
        ),
    )
}

MIN_GROUP_SIZE_FLOOR = 3


def default(name: str) -> object:
    return SETTINGS[name].default


def aow_age_months(year: int) -> int:
    """AOW age in months for a reference date in `year` (67 up to 2027, 67 and 3 months after)."""
    return 804 if year <= 2027 else 807


def store_path() -> Path:
    """The store file: `KOERS_DB`, else data/koers.duckdb in the project."""
    configured = os.environ.get("KOERS_DB")
    path = Path(configured) if configured else PROJECT_ROOT / "data" / "koers.duckdb"
    return path if path.is_absolute() else Path.cwd() / path
