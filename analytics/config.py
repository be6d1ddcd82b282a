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


def store_path() -> Path:
    """The store file: `KOERS_DB`, else data/koers.duckdb in the project."""
    configured = os.environ.get("KOERS_DB")
    path = Path(configured) if configured else PROJECT_ROOT / "data" / "koers.duckdb"
    return path if path.is_absolute() else Path.cwd() / path
