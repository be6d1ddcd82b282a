"""Period presets and comparison periods of the sidebar."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.metrics import Period
from ui.filters import comparison_for, period_for, reference_day


def test_reference_day_is_the_earlier_of_today_and_the_data() -> None:
    assert reference_day(date(2025, 12, 31), today=date(2026, 11, 22)) == date(2025, 12, 31)
    assert reference_day(date(2027, 1, 1), today=date(2026, 11, 22)) == date(2026, 11, 22)


@pytest.mark.parametrize(
    ("kind", "reference", "expected"),
    [
        ("last_year", date(2025, 12, 31), Period(date(2025, 1, 1), date(2025, 12, 31))),
        ("last_year", date(2026, 11, 22), Period(date(2025, 1, 1), date(2025, 12, 31))),
        ("ytd", date(2026, 11, 22), Period(date(2026, 1, 1), date(2026, 11, 22))),
        ("12m", date(2025, 12, 31), Period(date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_presets(kind: str, reference: date, expected: Period) -> None:
    assert period_for(kind, reference) == expected


def test_quarter() -> None:
    assert period_for("quarter", date(2025, 12, 31), (2024, 1)) == Period(
        date(2024, 1, 1), date(2024, 3, 31)
    )


@pytest.mark.parametrize(
    ("period", "kind", "expected"),
    [
        # A whole year compares with the calendar year before, leap year or not.
        (Period(date(2025, 1, 1), date(2025, 12, 31)), "previous",
         Period(date(2024, 1, 1), date(2024, 12, 31))),
        (Period(date(2024, 4, 1), date(2024, 6, 30)), "previous",
         Period(date(2024, 1, 1), date(2024, 3, 31))),
        (Period(date(2024, 3, 1), date(2024, 3, 31)), "previous",
         Period(date(2024, 2, 1), date(2024, 2, 29))),
        (Period(date(2024, 3, 10), date(2024, 3, 19)), "previous",
         Period(date(2024, 2, 29), date(2024, 3, 9))),
        (Period(date(2024, 2, 1), date(2024, 2, 29)), "last_year",
         Period(date(2023, 2, 1), date(2023, 2, 28))),
    ],
)  # fmt: skip
def test_comparison(period: Period, kind: str, expected: Period) -> None:
    assert comparison_for(period, kind) == expected
