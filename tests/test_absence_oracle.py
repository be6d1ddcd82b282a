"""The absence engine against a naive oracle: random small organisations (employments with fte and
departments, re-hires, flex workers, sickness spells of several rows with percentages, open
spells, pregnancy and other leave) go through the real importer; a day-by-day computation in plain
Python, written from metrics.md and kept in this test only, must give the same four figures."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import store
from analytics.metrics import absence as ab
from analytics.metrics.base import Filters, Period, Settings
from tests.support import load, write

BASE = date(2022, 1, 1)
WINDOW = 1096  # days from BASE: up to 31 December 2024
DEPARTMENTS = ("Noord", "Zuid")


@dataclass
class Employment:
    start: int  # days from BASE
    end: int | None  # inclusive; None = open
    fte: float | None
    department: str
    flex: bool


@dataclass
class Row:
    employee: str
    start: int
    end: int | None
    kind: str  # sickness, pregnancy, other
    percentage: float | None
    spell: str | None


@dataclass
class Organisation:
    employments: dict[str, list[Employment]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


# ------------------------------------------------------------------------------------------
# Random organisations


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    org = Organisation()
    spell_number = 0
    for person in range(draw(st.integers(2, 5))):
        employee = f"E{person}"
        cursor = draw(st.integers(0, 400))
        periods: list[Employment] = []
        for _ in range(draw(st.integers(1, 2))):
            if cursor >= WINDOW - 1:
                break
            open_ended = draw(st.booleans())
            end = None if open_ended else min(cursor + draw(st.integers(0, 700)), WINDOW - 1)
            periods.append(
                Employment(
                    cursor,
                    end,
                    draw(st.sampled_from([None, 0.5, 0.8, 1.0, 1.2])),
                    draw(st.sampled_from(DEPARTMENTS)),
                    draw(st.integers(0, 9)) == 0,
                )
            )
            if end is None:
                break
            cursor = end + 1 + draw(st.integers(1, 200))
        org.employments[employee] = periods
        for job in periods:
            last = WINDOW - 1 if job.end is None else job.end
            day = job.start + draw(st.integers(0, 60))
            while day <= last and draw(st.integers(0, 4)) > 0:
                kind = draw(st.sampled_from(["sickness"] * 6 + ["pregnancy", "other"]))
                spell_number += 1
                parts = draw(st.integers(1, 3)) if kind == "sickness" else 1
                spell = f"S{spell_number}" if parts > 1 or draw(st.booleans()) else None
                for part in range(parts):
                    if day > last:
                        break
                    length = draw(st.integers(1, 60))
                    end = min(day + length - 1, last)
                    ongoing = job.end is None and end == last and draw(st.booleans())
                    org.rows.append(
                        Row(
                            employee,
                            day,
                            None if ongoing else end,
                            kind,
                            draw(st.sampled_from([None, 100.0, 50.0, 30.0])),
                            spell if kind == "sickness" else None,
                        )
                    )
                    if ongoing:
                        day = last + 1
                        break
                    # Within a spell the next row touches or follows after a short gap.
                    day = end + 1 + (draw(st.integers(0, 3)) if part < parts - 1 else 0)
                day += draw(st.integers(0, 40))
    return org


def _iso(offset: int | None) -> str:
    return "" if offset is None else (BASE + timedelta(days=offset)).isoformat()


_TYPE_TEXT = {"sickness": ("Ziekte", ""), "pregnancy": ("Zwangerschapsverlof",),
              "other": ("Calamiteitenverlof",)}  # fmt: skip


def _files(org: Organisation, folder: Path) -> list[Path]:
    people = ["Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling;FTE;Soort contract"]
    for employee, periods in org.employments.items():
        for job in periods:
            fte = "" if job.fte is None else str(job.fte).replace(".", ",")
            contract = "Uitzendkracht" if job.flex else "Vast"
            people.append(
                f"{employee};{_iso(job.start)};{_iso(job.end)};{job.department};{fte};{contract}"
            )
    files = [write(folder / "mensen.csv", "\n".join(people) + "\n")]
    if org.rows:
        lines = ["Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage;Verzuimmelding"]
        for number, row in enumerate(org.rows):
            texts = _TYPE_TEXT[row.kind]
            kind = texts[number % len(texts)]
            pct = "" if row.percentage is None else str(row.percentage).replace(".", ",")
            lines.append(
                f"{row.employee};{_iso(row.start)};{_iso(row.end)};{kind};{pct};{row.spell or ''}"
            )
        files.append(write(folder / "verzuim.csv", "\n".join(lines) + "\n"))
    return files


# ------------------------------------------------------------------------------------------
# The oracle: day by day, straight from metrics.md


def _job_on(org: Organisation, employee: str, day: int) -> Employment | None:
    for job in org.employments[employee]:
        if job.start <= day and (job.end is None or day <= job.end):
            return None if job.flex else job
    return None


def _covers(row: Row, day: int) -> bool:
    return row.start <= day and (row.end is None or day <= row.end)


def oracle(org: Organisation, period: Period, options: Settings, by: str | None) -> dict:
    """Per group: absence_rate, absence_frequency, average_absence_duration, zero_absence_rate."""
    first = (period.start - BASE).days
    last = (period.end - BASE).days
    days = range(first, last + 1)
    sick = [r for r in org.rows if r.kind == "sickness"]
    leave = [r for r in org.rows if r.kind == "pregnancy"]
    groups: dict[str, dict] = {}

    def group(job: Employment) -> dict:
        name = "all" if by is None else job.department
        return groups.setdefault(name, {"lost": 0.0, "available": 0.0, "leave": 0.0,
                                        "service": 0, "spells": 0, "closed": [],
                                        "people": {}})  # fmt: skip

    for employee in org.employments:
        for day in days:
            job = _job_on(org, employee, day)
            if job is None:
                continue
            g = group(job)
            ptf = 1.0 if job.fte is None else job.fte
            g["available"] += ptf
            g["service"] += 1
            person = g["people"].setdefault(employee, {"days": 0, "sick": False})
            person["days"] += 1
            for row in sick:
                if row.employee == employee and _covers(row, day):
                    g["lost"] += (100.0 if row.percentage is None else row.percentage) / 100 * ptf
                    person["sick"] = True
            for row in leave:
                if row.employee == employee and _covers(row, day):
                    g["leave"] += (100.0 if row.percentage is None else row.percentage) / 100 * ptf

    spells: dict[tuple[str, str], list[Row]] = {}
    for number, row in enumerate(sick):
        spells.setdefault((row.employee, row.spell or f"row {number}"), []).append(row)
    for (employee, _), rows in spells.items():
        start = min(r.start for r in rows)
        end = None if any(r.end is None for r in rows) else max(r.end for r in rows)  # type: ignore[type-var]
        job = _job_on(org, employee, start)
        if job is None:
            continue
        # The spell belongs to the group of its first sick day.
        if first <= start <= last:
            group(job)["spells"] += 1
        if end is not None and first <= end <= last:
            group(job)["closed"].append(end - start + 1)

    factor = ab.frequency_factor(period, options.frequency_method)
    result = {}
    for name, g in groups.items():
        available = g["available"] - (0.0 if options.pregnancy_in_denominator else g["leave"])
        headcount = g["service"] / period.days
        if options.zero_absence_scope == "any":
            scope = list(g["people"].values())
        else:
            scope = [p for p in g["people"].values() if p["days"] == period.days]
        result[name] = {
            "absence_rate": g["lost"] / available if available > 0 else None,
            "absence_frequency": g["spells"] / headcount * factor if headcount > 0 else None,
            "average_absence_duration": (
                sum(g["closed"]) / len(g["closed"]) if g["closed"] else None
            ),
            "zero_absence_rate": (
                sum(not p["sick"] for p in scope) / len(scope) if scope else None
            ),
        }
    return result


# ------------------------------------------------------------------------------------------


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.integers(0, WINDOW - 1))
    end = min(start + draw(st.integers(0, 400)), WINDOW - 1)
    return Period(BASE + timedelta(days=start), BASE + timedelta(days=end))


OPTIONS = st.builds(
    Settings,
    min_group_size=st.just(3),
    pregnancy_in_denominator=st.booleans(),
    frequency_method=st.sampled_from(["annualised", "vernet"]),
    zero_absence_scope=st.sampled_from(["any", "whole_period"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    org=organisations(),
    checks=st.lists(st.tuples(periods(), OPTIONS, st.sampled_from([None, "department"])),
                    min_size=1, max_size=2),
)  # fmt: skip
def test_engine_agrees_with_the_day_by_day_oracle(
    store_template: Path, org: Organisation, checks: list[tuple[Period, Settings, str | None]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "koers.duckdb"
        shutil.copyfile(store_template, db)
        load(_files(org, Path(folder)), db)
        connection = store.connect_reader(db)
        con = store.cursor(connection)
        try:
            for period, options, by in checks:
                expected = oracle(org, period, options, by)
                raw = ab.absence_raw(con, Filters(period, settings=options), by)
                got = {
                    row["group"]: {key: row[key] for key in ab.CLI_KEYS}
                    for row in raw.iter_rows(named=True)
                }
                # Groups with days in P, and groups holding only a closed spell that began in
                # them before P (no days in P: no rate, no frequency).
                assert set(got) == set(expected), (period, by)
                for name, figures in expected.items():
                    for key, value in figures.items():
                        if value is None:
                            assert got[name][key] is None, (name, key, period, options)
                        else:
                            assert got[name][key] == pytest.approx(value, rel=1e-9, abs=1e-12), (
                                name, key, period, options,
                            )  # fmt: skip
        finally:
            con.close()
            connection.close()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    org=organisations(),
    period=periods(),
    options=OPTIONS,
    by=st.sampled_from([None, "department"]),
)
def test_monthly_series_agrees_with_the_oracle_month_by_month(
    store_template: Path, org: Organisation, period: Period, options: Settings, by: str | None
) -> None:
    """Each month of the series (the first and last clipped to the period) is that month as a
    period of its own: the day-by-day oracle over the month gives the same four figures."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "koers.duckdb"
        shutil.copyfile(store_template, db)
        load(_files(org, Path(folder)), db)
        connection = store.connect_reader(db)
        con = store.cursor(connection)
        try:
            series = ab.absence_series_raw(con, Filters(period, settings=options), by)
            for month in ab.months_of(period):
                expected = oracle(org, month, options, by)
                got = {
                    row["group"]: {key: row[key] for key in ab.CLI_KEYS}
                    for row in series.iter_rows(named=True)
                    if row["month"] == month.start
                }
                assert set(got) == set(expected), (month, by)
                for name, figures in expected.items():
                    for key, value in figures.items():
                        if value is None:
                            assert got[name][key] is None, (name, key, month, options)
                        else:
                            assert got[name][key] == pytest.approx(value, rel=1e-9, abs=1e-12), (
                                name, key, month, options,
                            )  # fmt: skip
        finally:
            con.close()
            connection.close()
