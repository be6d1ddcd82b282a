"""Oracle test: random small organisations (employment periods, re-hires, transfers between
departments in the job history, agency workers) go through the real importer, and a naive
day-by-day count in Python must agree with the engine's interval arithmetic on headcount,
average headcount, hires, leavers and turnover rate, overall and per department."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import store
from analytics.metrics.base import Filters, Period
from analytics.metrics.turnover import turnover_raw
from tests.support import load

FIRST = date(2022, 1, 1)
LAST = date(2025, 12, 31)
DEPARTMENTS = ("A", "B", "C")
FLEX = "Uitzendkracht"
FIGURES = ("headcount_start", "headcount_end", "average_headcount", "hires", "leavers",
           "turnover_rate")  # fmt: skip


@dataclass(frozen=True)
class Employment:
    employee_id: str
    hire: date
    termination: date | None
    department: str
    contract: str
    termination_type: str


@dataclass(frozen=True)
class Transfer:
    """A job_history row: from `start` to `end` (None = open) the employee is in `department`."""

    employee_id: str
    start: date
    end: date | None
    department: str


@dataclass(frozen=True)
class Organisation:
    employments: tuple[Employment, ...]
    transfers: tuple[Transfer, ...]
    period: Period


def _day(offset: int) -> date:
    return FIRST + timedelta(days=offset)


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    span = (LAST - FIRST).days
    employments: list[Employment] = []
    transfers: list[Transfer] = []
    for number in range(draw(st.integers(2, 8))):
        employee_id = f"{number + 1:03d}"
        hire = _day(draw(st.integers(0, span)))
        for spell in range(draw(st.integers(1, 3))):
            last_spell = spell == 2 or hire > LAST - timedelta(days=400)
            stays = draw(st.booleans()) if last_spell else False
            termination = None if stays else hire + timedelta(days=draw(st.integers(0, 700)))
            employments.append(
                Employment(
                    employee_id,
                    hire,
                    termination,
                    draw(st.sampled_from(DEPARTMENTS)),
                    draw(st.sampled_from(("Vast", "Tijdelijk", "Vast", FLEX))),
                    draw(st.sampled_from(("Vrijwillig", "Onvrijwillig", "")))
                    if termination
                    else "",
                )
            )
            end = termination or LAST
            if end > hire and draw(st.booleans()):
                moved = hire + timedelta(days=draw(st.integers(1, (end - hire).days)))
                transfers.append(
                    Transfer(employee_id, moved, termination, draw(st.sampled_from(DEPARTMENTS)))
                )
            if termination is None or last_spell:
                break
            # A gap of at least one day: rows that follow on without one are merged on import.
            hire = termination + timedelta(days=draw(st.integers(2, 300)))
    # Periods that start or end on an event day, or near one, test the boundaries.
    events = sorted(
        {e.hire for e in employments}
        | {e.termination for e in employments if e.termination}
        | {t.start for t in transfers}
    )
    start = draw(st.sampled_from(events)) - timedelta(days=draw(st.sampled_from((0, 1, 45))))
    later = [day for day in events if day >= start]
    end = draw(
        st.one_of(
            st.sampled_from(later),
            st.integers(0, 500).map(lambda days: start + timedelta(days=days)),
        )
    )
    return Organisation(tuple(employments), tuple(transfers), Period(start, end))


def _csv(org: Organisation) -> tuple[str, str]:
    people = ["Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling;Soort contract;"
              "Soort uitdiensttreding"]  # fmt: skip
    for e in org.employments:
        end = e.termination.isoformat() if e.termination else ""
        people.append(
            f"{e.employee_id};{e.hire.isoformat()};{end};{e.department};{e.contract};"
            f"{e.termination_type}"
        )
    history = ["Personeelsnummer;Ingangsdatum;Einddatum;Afdeling"]
    for t in org.transfers:
        end = t.end.isoformat() if t.end else ""
        history.append(f"{t.employee_id};{t.start.isoformat()};{end};{t.department}")
    return "\n".join(people) + "\n", "\n".join(history) + "\n"


def _department_on(org: Organisation, employment: Employment, day: date) -> str:
    for t in org.transfers:
        if t.employee_id == employment.employee_id and t.start <= day <= (t.end or date.max):
            return t.department
    return employment.department


def _in_service(employment: Employment, day: date) -> bool:
    return employment.hire <= day <= (employment.termination or date.max)


def naive(org: Organisation, by_department: bool) -> dict[str, dict[str, float | None]]:
    """The figures of metrics.md counted one day at a time."""
    period = org.period
    counted = [e for e in org.employments if e.contract != FLEX]

    def group(employment: Employment, day: date) -> str:
        return _department_on(org, employment, day) if by_department else "all"

    figures: dict[str, dict[str, float]] = {}

    def row(name: str) -> dict[str, float]:
        return figures.setdefault(
            name,
            {"headcount_start": 0, "headcount_end": 0, "days": 0, "hires": 0, "leavers": 0},
        )

    day = period.start
    while day <= period.end:
        for e in counted:
            if _in_service(e, day):
                row(group(e, day))["days"] += 1
                if day == period.start:
                    row(group(e, day))["headcount_start"] += 1  # one employment a day per person
                if day == period.end:
                    row(group(e, day))["headcount_end"] += 1
        day += timedelta(days=1)
    for e in counted:
        if period.start <= e.hire <= period.end:
            row(group(e, e.hire))["hires"] += 1
        if e.termination and period.start <= e.termination <= period.end:
            row(group(e, e.termination))["leavers"] += 1
    result: dict[str, dict[str, float | None]] = {}
    for name, values in figures.items():
        average = values["days"] / period.days
        result[name] = {
            "headcount_start": values["headcount_start"],
            "headcount_end": values["headcount_end"],
            "average_headcount": average,
            "hires": values["hires"],
            "leavers": values["leavers"],
            "turnover_rate": values["leavers"] / average if average else None,
        }
    return result


def engine(
    con: duckdb.DuckDBPyConnection, period: Period, by: str | None
) -> dict[str, dict[str, float | None]]:
    rows = turnover_raw(con, Filters(period), by).select("group", *FIGURES)
    return {row.pop("group"): row for row in rows.iter_rows(named=True)}


def _assert_same(
    expected: dict[str, dict[str, float | None]], actual: dict[str, dict[str, float | None]]
) -> None:
    assert sorted(actual) == sorted(expected)
    for name, figures in expected.items():
        for key, value in figures.items():
            got = actual[name][key]
            if value is None:
                assert got is None, (name, key)
            else:
                assert got == pytest.approx(value, rel=1e-12, abs=1e-12), (name, key, got, value)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same organisations on every run
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(org=organisations())
def test_engine_agrees_with_a_day_by_day_count(store_template: Path, org: Organisation) -> None:
    people, history = _csv(org)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "koers.duckdb"
        shutil.copyfile(store_template, db)
        files = [folder / "mensen.csv"]
        files[0].write_text(people, encoding="utf-8")
        if org.transfers:
            files.append(folder / "historie.csv")
            files[1].write_text(history, encoding="utf-8")
        load(files, db)
        connection = store.connect_reader(db)
        cursor = store.cursor(connection)
        try:
            for by, by_department in ((None, False), ("department", True)):
                _assert_same(naive(org, by_department), engine(cursor, org.period, by))
        finally:
            cursor.close()
            connection.close()
