"""Absence (ziekteverzuim): the spec's worked example, duration classes, spells, monthly series,
open spells on the Poortwachter clock, the privacy rule and the CBS benchmark."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analytics import store
from analytics.config import SETTINGS
from analytics.metrics import absence as ab
from analytics.metrics.base import Filters, Period, Settings
from analytics.metrics.headcount import headcount_raw
from tests.support import load, write

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
SMALL = Settings(min_group_size=3)

EMPLOYEES = "Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling;FTE;Soort contract\n"
ABSENCES = "Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage;Verzuimmelding\n"

# metrics.md test vector: A sick 10–19 Jan; B sick since 15 Dec 2023 (one spell, 50 % from
# 1 Feb, last sick day 29 Feb); C hired 1 Feb, never sick; D pregnancy leave in March.
EXAMPLE_PEOPLE = (
    EMPLOYEES
    + """A;2020-01-01;;Zorg;1,0;Vast
B;2020-01-01;;Zorg;0,6;Vast
C;2024-02-01;;Zorg;0,8;Vast
D;2020-01-01;;Zorg;1,0;Vast
"""
)
EXAMPLE_ABSENCES = (
    ABSENCES
    + """A;2024-01-10;2024-01-19;Ziekte;100;
B;2023-12-15;2024-01-31;Ziekte;100;VZ-B
B;2024-02-01;2024-02-29;Ziekte;50;VZ-B
D;2024-03-01;2024-03-31;Zwangerschapsverlof;100;
"""
)


@contextmanager
def _connect(
    tmp_path: Path, db: Path, *files: tuple[str, str]
) -> Iterator[duckdb.DuckDBPyConnection]:
    load([write(tmp_path / name, text) for name, text in files], db)
    connection = store.connect_reader(db)
    cur = store.cursor(connection)
    try:
        yield cur
    finally:
        cur.close()
        connection.close()


@pytest.fixture(scope="module")
def example(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The worked example, imported once for the module (the tests only read it)."""
    folder = tmp_path_factory.mktemp("example")
    db = folder / "koers.duckdb"
    shutil.copyfile(store_template, db)
    with _connect(
        folder, db, ("mensen.csv", EXAMPLE_PEOPLE), ("verzuim.csv", EXAMPLE_ABSENCES)
    ) as con:
        yield con


def _one(frame: pl.DataFrame, column: str, group: str = "all") -> object:
    return frame.filter(pl.col("group") == group)[column].item()


def _q1(**settings: object) -> Filters:
    return Filters(Q1, settings=Settings(min_group_size=3, **settings))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# The worked example (metrics.md, domain-reference 1.2–1.6)


def test_absence_rate_of_the_worked_example(example) -> None:  # type: ignore[no-untyped-def]
    raw = ab.absence_raw(example, _q1())
    # Numerator: A 10 × 1.0 + B (31 × 0.6 + 29 × 0.6 × 0.5) = 37.3.
    # Denominator: A 91 + B 0.6 × 91 + C 0.8 × 60 + D 91 = 284.6.
    assert _one(raw, "sick_ptf_days") == pytest.approx(37.3)
    assert _one(raw, "available_ptf_days") == pytest.approx(284.6)
    assert _one(raw, "absence_rate") == pytest.approx(37.3 / 284.6)
    assert round(_one(raw, "absence_rate") * 100, 3) == 13.106  # type: ignore[operator]


def test_pregnancy_days_out_of_the_denominator(example) -> None:  # type: ignore[no-untyped-def]
    raw = ab.absence_raw(example, _q1(pregnancy_in_denominator=False))
    assert _one(raw, "absence_rate") == pytest.approx(37.3 / (284.6 - 31))
    assert round(_one(raw, "absence_rate") * 100, 3) == 14.708  # type: ignore[operator]


def test_frequency_of_the_worked_example(example) -> None:  # type: ignore[no-untyped-def]
    raw = ab.absence_raw(example, _q1())
    # One new spell (A); B's began in 2023. Average headcount 1 + 1 + 60/91 + 1 = 3.6593.
    assert _one(raw, "new_spells") == 1
    assert _one(raw, "average_headcount") == pytest.approx(3 + 60 / 91)
    assert _one(raw, "absence_frequency") == pytest.approx(1 / (3 + 60 / 91) * 366 / 91)
    assert round(_one(raw, "absence_frequency"), 4) == 1.0991  # type: ignore[arg-type]
    vernet = ab.absence_raw(example, _q1(frequency_method="vernet"))
    assert _one(vernet, "absence_frequency") == pytest.approx(1 / (3 + 60 / 91) * 4)
    assert round(_one(vernet, "absence_frequency"), 4) == 1.0931  # type: ignore[arg-type]


def test_average_headcount_is_the_headcount_modules(example) -> None:  # type: ignore[no-untyped-def]
    ours = _one(ab.absence_raw(example, _q1()), "average_headcount")
    theirs = _one(headcount_raw(example, _q1(), None), "average_headcount")
    assert ours == pytest.approx(theirs)


def test_duration_of_the_worked_example(example) -> None:  # type: ignore[no-untyped-def]
    raw = ab.absence_raw(example, _q1())
    # Closed in P: A (10 days) and B (15 Dec 2023 – 29 Feb 2024: 17 + 31 + 29 = 77 days, days
    # before P included, no part-time factor).
    assert _one(raw, "closed_spells") == 2
    assert _one(raw, "average_absence_duration") == pytest.approx(43.5)


def test_zero_absence_of_the_worked_example(example) -> None:  # type: ignore[no-untyped-def]
    # Any time in P: C and D have no sick day (pregnancy leave is no sickness) → 2 / 4.
    assert _one(ab.absence_raw(example, _q1()), "zero_absence_rate") == pytest.approx(0.5)
    # Whole period only: A, B and D qualify (C was hired 1 Feb); D alone is zero → 1 / 3.
    whole = ab.absence_raw(example, _q1(zero_absence_scope="whole_period"))
    assert _one(whole, "zero_absence_rate") == pytest.approx(1 / 3)


def test_duration_classes_of_the_worked_example(example) -> None:  # type: ignore[no-untyped-def]
    raw = ab.absence_raw(example, _q1())
    # A (10 days) is short, B (77 days) medium.
    assert _one(raw, "absence_rate_short") == pytest.approx(10 / 284.6)
    assert _one(raw, "absence_rate_medium") == pytest.approx(27.3 / 284.6)
    assert _one(raw, "absence_rate_long") == 0.0
    assert _one(raw, "absence_rate_extra_long") == 0.0
    classes = ab.absence_duration_classes(example, _q1())
    rates = dict(zip(classes["duration_class"], classes["absence_rate"], strict=True))
    assert rates == pytest.approx(
        {"short": 10 / 284.6, "medium": 27.3 / 284.6, "long": 0.0, "extra_long": 0.0}
    )
    shares = dict(zip(classes["duration_class"], classes["share_of_absence"], strict=True))
    assert shares["short"] == pytest.approx(10 / 37.3)


def test_public_function_withholds_the_small_organisation(example) -> None:  # type: ignore[no-untyped-def]
    # Four people: below the default minimum of five.
    shown = ab.absence(example, Filters(Q1))
    assert shown["suppressed"].to_list() == [True]
    assert shown["absence_rate"].to_list() == [None]
    assert shown["population"].to_list() == [None]
    overview = ab.overview(example, Filters(Q1), None)
    assert overview.columns == ["group", *ab.CLI_KEYS, "suppressed"]
    assert overview.row(0) == ("all", None, None, None, None, True)
    classes = ab.absence_duration_classes(example, Filters(Q1))
    assert classes["suppressed"].all() and classes["absence_rate"].null_count() == 4
    assert ab.open_spells(example, Filters(Q1))["suppressed"].to_list() == [True]
    visible = ab.overview(example, _q1(), None)
    assert visible["absence_rate"].item() == pytest.approx(37.3 / 284.6)


def test_monthly_series_of_the_worked_example(example) -> None:  # type: ignore[no-untyped-def]
    series = ab.absence_series(example, _q1())
    assert series["month"].to_list() == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    # January: A 10 + B 31 × 0.6 over A 31 + B 18.6 + D 31; February: B 29 × 0.6 × 0.5 over
    # A 29 + B 17.4 + C 23.2 + D 29; March: nobody sick.
    assert series["absence_rate"].to_list() == pytest.approx([28.6 / 80.6, 8.7 / 98.6, 0.0])
    # Each month a period: January has A's spell among 3 people, annualised × 366 / 31.
    assert series["absence_frequency"].to_list() == pytest.approx([1 / 3 * 366 / 31, 0.0, 0.0])
    assert series["average_absence_duration"].to_list() == [10.0, 77.0, None]
    assert series["zero_absence_rate"].to_list() == pytest.approx([1 / 3, 3 / 4, 1.0])
    season = ab.absence_seasonality(example, _q1())
    assert season.select("year", "month_number").rows() == [(2024, 1), (2024, 2), (2024, 3)]
    assert season["absence_rate"].to_list() == series["absence_rate"].to_list()


def test_monthly_series_withholds_small_months(example) -> None:  # type: ignore[no-untyped-def]
    # With a minimum of 4, January (A, B, D) is withheld and February and March (4) are not.
    series = ab.absence_series(example, Filters(Q1, settings=Settings(min_group_size=4)))
    assert series["suppressed"].to_list() == [True, False, False]
    assert series["absence_rate"][0] is None


# ------------------------------------------------------------------------------------------
# Spells


def _store(
    tmp_path: Path, db: Path, people: str, absences: str
) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    return _connect(
        tmp_path, db, ("mensen.csv", EMPLOYEES + people), ("verzuim.csv", ABSENCES + absences)
    )


FULL_TIMERS = "".join(f"{n};2015-01-01;;Zorg;1,0;Vast\n" for n in ("P1", "P2", "P3"))


def test_pre_period_spell_counts_where_it_began(tmp_path: Path, db: Path) -> None:
    with _store(tmp_path, db, FULL_TIMERS, "P1;2023-12-20;2024-01-05;Ziekte;100;\n") as con:
        q1 = ab.absence_raw(con, _q1())
        assert _one(q1, "new_spells") == 0
        assert _one(q1, "absence_frequency") == 0.0
        # Its 5 days in January count in the rate; its duration (17 days) counts where it ends.
        assert _one(q1, "sick_ptf_days") == pytest.approx(5.0)
        assert _one(q1, "average_absence_duration") == pytest.approx(17.0)
        q4 = ab.absence_raw(
            con, Filters(Period(date(2023, 10, 1), date(2023, 12, 31)), settings=SMALL)
        )
        assert _one(q4, "new_spells") == 1
        assert _one(q4, "absence_frequency") == pytest.approx(1 / 3 * 365 / 92)
        assert _one(q4, "average_absence_duration") is None  # not closed in Q4: null, not 0


def test_a_spell_after_a_gap_is_new_and_partial_recovery_is_not(tmp_path: Path, db: Path) -> None:
    rows = (
        # P1: two rows without spell_id, one day apart: two spells however short the gap.
        "P1;2024-01-01;2024-01-05;Ziekte;100;\n"
        "P1;2024-01-07;2024-01-09;Ziekte;100;\n"
        # P2: touching rows without a spell_id are not merged either (data contract).
        "P2;2024-01-01;2024-01-05;Ziekte;100;\n"
        "P2;2024-01-06;2024-01-09;Ziekte;100;\n"
        # P3: partial recovery within one spell_id: one spell of 9 days.
        "P3;2024-01-01;2024-01-05;Ziekte;100;S-3\n"
        "P3;2024-01-06;2024-01-09;Ziekte;50;S-3\n"
    )
    with _store(tmp_path, db, FULL_TIMERS, rows) as con:
        raw = ab.absence_raw(con, _q1())
        assert _one(raw, "new_spells") == 5
        assert _one(raw, "closed_spells") == 5
        # Durations: P1 5 and 3, P2 5 and 4, P3 9 (partial days whole).
        assert _one(raw, "average_absence_duration") == pytest.approx((5 + 3 + 5 + 4 + 9) / 5)
        assert _one(raw, "sick_ptf_days") == pytest.approx(8 + 9 + 5 + 4 * 0.5)
        assert _one(raw, "absence_frequency") == pytest.approx(5 / 3 * 366 / 91)


def test_open_spell_runs_to_the_period_end(tmp_path: Path, db: Path) -> None:
    with _store(tmp_path, db, FULL_TIMERS, "P1;2024-03-01;;Ziekte;40;\n") as con:
        raw = ab.absence_raw(con, _q1())
        assert _one(raw, "sick_ptf_days") == pytest.approx(31 * 0.4)
        assert _one(raw, "absence_rate") == pytest.approx(31 * 0.4 / (3 * 91))
        assert _one(raw, "new_spells") == 1
        assert _one(raw, "average_absence_duration") is None


def test_only_sickness_counts_and_flex_is_out(tmp_path: Path, db: Path) -> None:
    people = FULL_TIMERS + "F1;2015-01-01;;Zorg;1,0;Uitzendkracht\n"
    rows = (
        "P1;2024-01-01;2024-01-10;Calamiteitenverlof;100;\n"
        "F1;2024-01-01;2024-01-10;Ziekte;100;\n"
        "P2;2024-02-01;2024-02-10;;;\n"  # no type: sickness; no percentage: 100 %
    )
    with _store(tmp_path, db, people, rows) as con:
        raw = ab.absence_raw(con, _q1())
        assert _one(raw, "population") == 3
        assert _one(raw, "sick_ptf_days") == pytest.approx(10.0)
        assert _one(raw, "new_spells") == 1
        with_flex = ab.absence_raw(con, _q1(include_flex=True))
        assert _one(with_flex, "population") == 4
        assert _one(with_flex, "sick_ptf_days") == pytest.approx(20.0)


CLASS_CASES = [
    ("2024-12-18", "2024-12-31", "short"),  # 14 days
    ("2024-12-17", "2024-12-31", "medium"),  # 15 days
    ("2024-10-01", "2024-12-30", "medium"),  # 91 days
    ("2024-10-01", "2024-12-31", "long"),  # 92 days
    ("2024-01-01", "2024-12-30", "long"),  # 365 days
    ("2024-01-01", "2024-12-31", "extra_long"),  # 366 days
    ("2023-01-02", "2024-12-31", "extra_long"),  # 730 days
    ("2022-10-23", "2024-12-31", "extra_long"),  # 801 days: beyond 730 stays extra long
    ("2024-12-20", "2025-01-20", "short"),  # 32 days, but 12 up to the period's end
    ("2024-12-20", "", "short"),  # open: 12 days up to the period's end
]


@pytest.fixture(scope="module")
def class_store(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    """One person with one spell per case, each in a department of their own."""
    folder = tmp_path_factory.mktemp("classes")
    db = folder / "koers.duckdb"
    shutil.copyfile(store_template, db)
    people = "".join(f"K{i};2015-01-01;;Case {i};1,0;Vast\n" for i in range(len(CLASS_CASES)))
    rows = "".join(
        f"K{i};{first};{last};Ziekte;100;\n" for i, (first, last, _) in enumerate(CLASS_CASES)
    )
    with _connect(
        folder, db, ("mensen.csv", EMPLOYEES + people), ("verzuim.csv", ABSENCES + rows)
    ) as con:
        yield con


@pytest.mark.parametrize(("case", "first", "last", "expected"),
                         [(i, *c) for i, c in enumerate(CLASS_CASES)])  # fmt: skip
def test_duration_class_boundaries(
    class_store: duckdb.DuckDBPyConnection, case: int, first: str, last: str, expected: str
) -> None:
    raw = ab.absence_raw(class_store, Filters(YEAR, settings=SMALL), "department")
    group = f"Case {case}"
    in_period = min(date(2024, 12, 31), date.fromisoformat(last) if last else YEAR.end)
    days = (in_period - max(date.fromisoformat(first), YEAR.start)).days + 1
    rates = {c[0]: _one(raw, f"absence_rate_{c[0]}", group) for c in ab.DURATION_CLASSES}
    # Every sick day in P counts (no 730-day cap on the rate), all in the spell's one class.
    assert rates[expected] == pytest.approx(days / 366)
    assert sum(rates.values()) == pytest.approx(_one(raw, "absence_rate", group))
    assert [k for k, v in rates.items() if v] == [expected]


def test_duration_is_not_capped(class_store: duckdb.DuckDBPyConnection) -> None:
    raw = ab.absence_raw(class_store, Filters(YEAR, settings=SMALL), "department")
    assert _one(raw, "average_absence_duration", "Case 7") == pytest.approx(801.0)
    assert _one(raw, "average_absence_duration", "Case 8") is None  # ends after the period


def test_without_absences_rates_are_zero_and_duration_null(tmp_path: Path, db: Path) -> None:
    with _connect(tmp_path, db, ("mensen.csv", EMPLOYEES + FULL_TIMERS)) as con:
        row = ab.absence_raw(con, _q1()).row(0, named=True)
        assert (row["absence_rate"], row["absence_frequency"]) == (0.0, 0.0)
        assert row["average_absence_duration"] is None  # no closed spells: null, never 0
        assert row["zero_absence_rate"] == 1.0
        assert ab.open_spells(con, _q1())["open_spells"].to_list() == [0]
        # Nobody in service: no group at all, so the command line shows null.
        empty = Filters(Period(date(2010, 1, 1), date(2010, 12, 31)), settings=SMALL)
        assert ab.overview(con, empty, None).height == 0


# ------------------------------------------------------------------------------------------
# Breakdowns: the attributes of the day, the spell under its first sick day

TRANSFER_PEOPLE = "".join(
    f"{n};2015-01-01;;{dept};1,0;Vast\n"
    for n, dept in (("X1", "Noord"), ("X2", "Noord"), ("X3", "Noord"), ("Y1", "Zuid"),
                    ("Y2", "Zuid"), ("Y3", "Zuid"))
)  # fmt: skip
TRANSFER_HISTORY = """Personeelsnummer;Ingangsdatum;Einddatum;Afdeling
X1;2015-01-01;2024-01-31;Noord
X1;2024-02-01;;Zuid
"""


def test_breakdown_by_department_uses_the_day_and_the_first_sick_day(
    tmp_path: Path, db: Path
) -> None:
    # X1 moves from Noord to Zuid on 1 Feb, sick 25 Jan – 10 Feb.
    with _connect(
        tmp_path,
        db,
        ("mensen.csv", EMPLOYEES + TRANSFER_PEOPLE),
        ("historie.csv", TRANSFER_HISTORY),
        ("verzuim.csv", ABSENCES + "X1;2024-01-25;2024-02-10;Ziekte;100;\n"),
    ) as con:
        raw = ab.absence_raw(con, _q1(), "department")
        # Noord: X1's 31 days in January + X2, X3 for 91; Zuid: X1's 60 days + Y1–Y3.
        assert _one(raw, "absence_rate", "Noord") == pytest.approx(7 / (31 + 2 * 91))
        assert _one(raw, "absence_rate", "Zuid") == pytest.approx(10 / (60 + 3 * 91))
        # The spell counts once, in Noord (its first sick day), also its duration.
        assert _one(raw, "new_spells", "Noord") == 1
        assert _one(raw, "new_spells", "Zuid") == 0
        assert _one(raw, "average_absence_duration", "Noord") == pytest.approx(17.0)
        assert _one(raw, "average_absence_duration", "Zuid") is None
        # X1 counts in both groups; zero absence per group over the days in it: X1 was sick in
        # both Noord and Zuid days.
        assert _one(raw, "zero_absence_rate", "Noord") == pytest.approx(2 / 3)
        assert _one(raw, "zero_absence_rate", "Zuid") == pytest.approx(3 / 4)
        window = ab.absence_window(con, _q1())
        assert window["group"].to_list() == ["Noord", "Zuid"]
        assert window["absence_frequency"][0] == pytest.approx(1 / ((31 + 2 * 91) / 91) * 366 / 91)
        # Filtering on Zuid keeps X1's days there but not the spell that began in Noord.
        zuid = ab.absence_raw(con, Filters(Q1, org_units=("Zuid",), settings=SMALL))
        assert _one(zuid, "sick_ptf_days") == pytest.approx(10.0)
        assert _one(zuid, "new_spells") == 0
        # A minimum of 4 withholds Noord (3 people) and, by complement protection, Zuid too.
        shown = ab.absence(con, Filters(Q1, settings=Settings(min_group_size=4)), "department")
        assert shown["suppressed"].to_list() == [True, True]
        assert shown["absence_rate"].null_count() == 2


# ------------------------------------------------------------------------------------------
# Open spells and the Poortwachter clock

OPEN_PEOPLE = "".join(f"{n};2015-01-01;;Zorg;1,0;Vast\n" for n in ("O1", "O2", "O3", "O4", "O5"))
OPEN_ABSENCES = (
    # O1: open since 19 Feb: 42 days on 31 March.
    "O1;2024-02-19;;Ziekte;100;\n"
    # O2: 20 days sick, a gap of 10 days, then open since 10 Feb (51 days): legal clock 71.
    "O2;2024-01-11;2024-01-30;Ziekte;100;\n"
    "O2;2024-02-10;;Ziekte;100;\n"
    # O3: 20 days sick, a gap of exactly 4 weeks (28 days), then open since 21 Feb (40 days):
    # a new legal clock.
    "O3;2024-01-04;2024-01-23;Ziekte;100;\n"
    "O3;2024-02-21;;Ziekte;100;\n"
    # O4: last sick day on 31 March: ended within P, not open.
    "O4;2024-03-01;2024-03-31;Ziekte;100;\n"
    # O5: one spell_id running past 31 March, 50 % from 29 Feb: open, 398 days.
    "O5;2023-02-28;2024-02-28;Ziekte;100;S-5\n"
    "O5;2024-02-29;2024-06-30;Ziekte;50;S-5\n"
)


def test_open_spells_and_the_legal_clock(tmp_path: Path, db: Path) -> None:
    with _store(tmp_path, db, OPEN_PEOPLE, OPEN_ABSENCES) as con:
        spells = ab.open_spells_raw(con, _q1()).sort("employee_id")
        assert spells["employee_id"].to_list() == ["O1", "O2", "O3", "O5"]
        assert spells["first_day"].to_list() == [
            date(2024, 2, 19),
            date(2024, 2, 10),
            date(2024, 2, 21),
            date(2023, 2, 28),
        ]
        assert spells["running_days"].to_list() == [42, 51, 40, 398]
        assert spells["legal_days"].to_list() == [42, 20 + 51, 40, 398]
        assert spells["running_week"].to_list() == [6, 8, 6, 57]
        assert spells["legal_week"].to_list() == [6, 11, 6, 57]
        shown = ab.open_spells(con, _q1()).row(0, named=True)
        assert shown["open_spells"] == 4
        assert shown["population"] == 5
        assert shown["reached_week_8"] == 2  # O2 on the legal clock, and O5


def test_spells_less_than_four_weeks_apart_share_the_legal_clock(tmp_path: Path, db: Path) -> None:
    rows = (
        # 20 sick days, a gap of 27 days (under 4 weeks), 15 sick days (17 Feb – 2 Mar), a gap
        # of 15 days, then open since 18 March: 14 days.
        "O1;2024-01-01;2024-01-20;Ziekte;100;\n"
        "O1;2024-02-17;2024-03-02;Ziekte;100;\n"
        "O1;2024-03-18;;Ziekte;100;\n"
        # A gap of exactly 28 days (4 weeks): a new legal clock.
        "O2;2024-01-01;2024-01-20;Ziekte;100;\n"
        "O2;2024-02-18;;Ziekte;100;\n"
    )
    with _store(tmp_path, db, OPEN_PEOPLE, rows) as con:
        spells = ab.open_spells_raw(con, _q1()).sort("employee_id")
        assert spells["employee_id"].to_list() == ["O1", "O2"]
        assert spells["running_days"].to_list() == [14, 43]
        assert spells["legal_days"].to_list() == [20 + 15 + 14, 43]
        assert spells["legal_week"].to_list() == [7, 7]
        # The frequency still sees three spells of O1: the legal clock is for milestones only.
        assert _one(ab.absence_raw(con, _q1()), "new_spells") == 5


def test_poortwachter_milestones(tmp_path: Path, db: Path) -> None:
    people = "".join(f"M{i};2015-01-01;;Zorg;1,0;Vast\n" for i in range(1, 7))
    # Open on 31 March 2024 for 41, 42, 56, 294, 365 and 729 days.
    starts = {"M1": "2024-02-20", "M2": "2024-02-19", "M3": "2024-02-05",
              "M4": "2023-06-12", "M5": "2023-04-02", "M6": "2022-04-02"}  # fmt: skip
    rows = "".join(f"{who};{start};;Ziekte;100;\n" for who, start in starts.items())
    with _store(tmp_path, db, people, rows) as con:
        spells = ab.open_spells_raw(con, _q1()).sort("employee_id")
        assert spells["running_days"].to_list() == [41, 42, 56, 294, 365, 730]
        shown = ab.open_spells(con, _q1())
        row = shown.row(0, named=True)
        assert row["open_spells"] == 6
        assert row["average_running_days"] == pytest.approx((41 + 42 + 56 + 294 + 365 + 730) / 6)
        # Week = ceil(days / 7): 6, 6, 8, 42, 53, 105.
        assert [row[f"reached_week_{w}"] for w in ab.POORTWACHTER_WEEKS] == [6, 4, 3, 2, 1, 1]
        assert row["population"] == 6
        hidden = ab.open_spells(con, Filters(Q1, settings=Settings(min_group_size=7)))
        assert hidden.row(0, named=True)["suppressed"] is True
        assert hidden.row(0, named=True)["open_spells"] is None


# ------------------------------------------------------------------------------------------
# Bradford factor, benchmark, registry


def test_bradford_factor_is_individual_and_raw(tmp_path: Path, db: Path) -> None:
    rows = (
        "P1;2024-03-01;2024-03-02;Ziekte;100;\n"
        "P1;2024-03-10;2024-03-12;Ziekte;50;\n"
        "P1;2023-01-01;2023-01-05;Ziekte;100;\n"  # outside the 52 weeks before 31 March 2024
        "P2;2024-02-01;2024-02-05;Zwangerschapsverlof;100;\n"
    )
    with _store(tmp_path, db, FULL_TIMERS, rows) as con:
        scores = ab._bradford_raw(con, _q1())
        assert scores.rows() == [("P1", 2, 3.5, 2**2 * 3.5)]
    assert not hasattr(ab, "bradford_factor")  # off: no public (manager-facing) function


def test_cbs_benchmark_is_data_with_its_source() -> None:
    bench = ab.cbs_benchmark()
    assert set(bench["table_id"]) == {"80072NED"}
    assert bench["extracted_on"].null_count() == 0

    def value(period: str, sector: str) -> float:
        row = bench.filter((pl.col("period") == period) & (pl.col("sector_code") == sector))
        return row["absence_rate_pct"].item()

    assert value("2022", "A-U") == 5.6
    assert value("2023", "A-U") == 5.3
    assert value("2024KW01", "A-U") == 5.5
    assert value("2025KW01", "A-U") == 5.8
    assert value("2024KW01", "Q") == 7.8
    assert value("2025KW01", "Q") == 8.1
    q1 = bench.filter((pl.col("period") == "2024KW01") & (pl.col("sector_code") == "A-U"))
    assert q1["absence_rate"].item() == pytest.approx(0.055)
    assert q1["period_start"].item() == date(2024, 1, 1)
    assert q1["period_end"].item() == date(2024, 3, 31)


def test_benchmark_is_never_in_a_formula() -> None:
    source = Path(ab.__file__).read_text(encoding="utf-8")
    for figure in ("5.6", "5.3", "5.5", "5.8", "7.8", "8.1", "0.056", "0.055"):
        assert figure not in source


def test_registry_entries_are_complete() -> None:
    keys = [m.key for m in ab.METRICS]
    assert set(ab.CLI_KEYS) <= set(keys)
    for metric in ab.METRICS:
        assert metric.missing() == [], metric.key
        assert all(s in SETTINGS for s in metric.settings)


def test_frequency_factor() -> None:
    assert ab.frequency_factor(Q1, "vernet") == pytest.approx(4.0)
    assert ab.frequency_factor(YEAR, "vernet") == pytest.approx(1.0)
    assert ab.frequency_factor(YEAR, "annualised") == pytest.approx(1.0)
    half_month = Period(date(2024, 2, 1), date(2024, 2, 15))
    assert ab.frequency_factor(half_month, "vernet") == pytest.approx(12 / (15 / 29))
    assert ab.frequency_factor(half_month, "annualised") == pytest.approx(366 / 15)


# ------------------------------------------------------------------------------------------
# Monthly series: pieces of service, runs of adjacent pieces, repeats within a month

RUN_PEOPLE = """R1;2015-01-01;;Noord;1,0;Vast
R2;2015-01-01;;Noord;1,0;Vast
R3;2015-01-01;2024-01-10;Noord;1,0;Vast
R3;2024-01-20;;Noord;1,0;Vast
R4;2015-01-01;;Zuid;1,0;Vast
R5;2015-01-01;;Zuid;1,0;Vast
"""
# R1: fte 0.5 from 15 Feb, still Noord (two adjacent pieces, one run); R2: Zuid 10–19 Feb and
# back (two pieces in Noord in February); R4: moved to Noord on 1 Dec 2023.
RUN_HISTORY = """Personeelsnummer;Ingangsdatum;Einddatum;Afdeling;FTE
R1;2024-02-15;;Noord;0,5
R2;2024-02-10;2024-02-19;Zuid;
R4;2023-12-01;;Noord;
"""
RUN_ABSENCES = (
    "R4;2023-11-20;2024-01-15;Ziekte;100;\n"  # began in Zuid, closed in January
    "R2;2024-02-12;2024-02-13;Ziekte;100;\n"  # in Zuid
    "R3;2024-03-05;2024-03-06;Ziekte;100;\n"
)


@pytest.fixture(scope="module")
def run_store(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("runs")
    db = folder / "koers.duckdb"
    shutil.copyfile(store_template, db)
    with _connect(
        folder,
        db,
        ("mensen.csv", EMPLOYEES + RUN_PEOPLE),
        ("historie.csv", RUN_HISTORY),
        ("verzuim.csv", ABSENCES + RUN_ABSENCES),
    ) as con:
        yield con


def _month(frame: pl.DataFrame, month: date, group: str) -> dict[str, object]:
    rows = frame.filter((pl.col("month") == month) & (pl.col("group") == group))
    assert rows.height == 1, (month, group)
    return rows.row(0, named=True)


def test_monthly_series_counts_persons_over_pieces(
    run_store: duckdb.DuckDBPyConnection,
) -> None:
    any_time = ab.absence_series_raw(run_store, _q1(), "department")
    whole = ab.absence_series_raw(run_store, _q1(zero_absence_scope="whole_period"), "department")
    jan, feb, mar = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
    # January, Noord: R1, R2, R4 all month, R3 1–10 and 20–31 (two employments, one person);
    # R4 sick 1–15 Jan. Whole month: R1, R2, R4, of whom R4 was sick.
    noord = _month(any_time, jan, "Noord")
    assert noord["population"] == 4
    assert noord["average_headcount"] == pytest.approx((31 + 31 + 22 + 31) / 31)
    assert noord["available_ptf_days"] == pytest.approx(115.0)
    assert noord["absence_rate"] == pytest.approx(15 / 115)
    assert noord["zero_absence_rate"] == pytest.approx(3 / 4)
    assert _month(whole, jan, "Noord")["zero_absence_rate"] == pytest.approx(2 / 3)
    # R4's spell closed in January counts in Zuid, where it began (20 Nov – 15 Jan: 57 days).
    zuid = _month(any_time, jan, "Zuid")
    assert (zuid["population"], zuid["closed_spells"], zuid["new_spells"]) == (1, 1, 0)
    assert zuid["average_absence_duration"] == pytest.approx(57.0)
    assert _month(any_time, jan, "Noord")["closed_spells"] == 0
    # February, Noord: R1 whole (fte 1.0 to the 14th, 0.5 after: one run), R2 1–9 and 20–29
    # (once, not whole), R3 and R4 whole; nobody sick there.
    noord = _month(any_time, feb, "Noord")
    assert noord["population"] == 4
    assert noord["available_ptf_days"] == pytest.approx(14 + 15 * 0.5 + 19 + 29 + 29)
    assert noord["zero_absence_rate"] == 1.0
    assert _month(whole, feb, "Noord")["zero_absence_rate"] == 1.0
    # February, Zuid: R2 10–19 (sick 12–13) and R5 all month; whole month only R5.
    zuid = _month(any_time, feb, "Zuid")
    assert zuid["population"] == 2
    assert zuid["absence_rate"] == pytest.approx(2 / (10 + 29))
    assert (zuid["new_spells"], zuid["closed_spells"]) == (1, 1)
    assert zuid["zero_absence_rate"] == pytest.approx(1 / 2)
    assert _month(whole, feb, "Zuid")["zero_absence_rate"] == 1.0
    # March, Noord: all four whole, R3 sick 5–6 March.
    noord = _month(whole, mar, "Noord")
    assert noord["population"] == 4
    assert noord["absence_rate"] == pytest.approx(2 / (15.5 + 3 * 31))
    assert noord["zero_absence_rate"] == pytest.approx(3 / 4)
    # The quarter at once: whole quarter in Noord R1 and R4 (R4 sick in January) → 1 / 2.
    quarter = ab.absence_raw(run_store, _q1(zero_absence_scope="whole_period"), "department")
    assert _one(quarter, "zero_absence_rate", "Noord") == pytest.approx(1 / 2)
    assert _one(quarter, "population", "Noord") == 4


def test_a_clipped_first_month_counts_a_repeat_only_inside_it(
    run_store: duckdb.DuckDBPyConnection,
) -> None:
    # From 15 January: R3's first employment (to 10 Jan) is outside, the second (20 Jan) in.
    period = Period(date(2024, 1, 15), date(2024, 3, 31))
    series = ab.absence_series_raw(run_store, Filters(period, settings=SMALL), "department")
    noord = _month(series, date(2024, 1, 15), "Noord")
    assert noord["population"] == 4
    assert noord["average_headcount"] == pytest.approx((3 * 17 + 12) / 17)
    assert noord["absence_rate"] == pytest.approx(1 / (3 * 17 + 12))


@pytest.mark.parametrize("scope", ["any", "whole_period"])
def test_each_month_of_the_series_is_that_month_as_a_period(
    run_store: duckdb.DuckDBPyConnection, scope: str
) -> None:
    settings = Settings(min_group_size=3, zero_absence_scope=scope, pregnancy_in_denominator=False)
    period = Period(date(2023, 11, 10), date(2024, 3, 20))
    series = ab.absence_series_raw(run_store, Filters(period, settings=settings), "department")
    months = ab.months_of(period)
    assert series["month"].unique().sort().to_list() == [m.start for m in months]
    for month in months:
        single = ab.absence_raw(run_store, Filters(month, settings=settings), "department")
        expected = single.with_columns(pl.lit(month.start).alias("month")).select(series.columns)
        got = series.filter(pl.col("month") == month.start)
        assert_frame_equal(got, expected, check_exact=False, rel_tol=1e-12, abs_tol=1e-12)


def test_steps_of_part_timers_cancel_exactly(tmp_path: Path, db: Path) -> None:
    # Month steps +1.2, +1.0, −1.2, −1.0 leave 2.2e-16 in binary floating point; May holds only
    # E0's 20 days, all pregnancy leave: without them nothing is left, so no rate (null, not 0).
    people = "E1;2022-01-15;2022-04-15;Zorg;1,2;Vast\nE0;2022-02-10;2022-05-20;Zorg;1,0;Vast\n"
    rows = "E0;2022-05-01;2022-05-20;Zwangerschapsverlof;100;\n"
    with _store(tmp_path, db, people, rows) as con:
        settings = Settings(min_group_size=3, pregnancy_in_denominator=False)
        period = Period(date(2022, 1, 1), date(2022, 5, 31))
        series = ab.absence_series_raw(con, Filters(period, settings=settings))
        may = _month(series, date(2022, 5, 1), "all")
        assert may["available_ptf_days"] == 0.0
        assert may["absence_rate"] is None
        april = _month(series, date(2022, 4, 1), "all")
        assert april["available_ptf_days"] == pytest.approx(15 * 1.2 + 30 * 1.0)


@pytest.mark.parametrize("by", [None, "department"])
def test_overview_gives_the_figures_of_absence(
    run_store: duckdb.DuckDBPyConnection, by: str | None
) -> None:
    # The command line's keys skip the duration classes; the figures stay those of `absence`.
    for settings in (
        SMALL,
        Settings(min_group_size=3, zero_absence_scope="whole_period"),
        Settings(min_group_size=3, pregnancy_in_denominator=False, frequency_method="vernet"),
    ):
        filters = Filters(Q1, settings=settings)
        expected = ab.absence(run_store, filters, by).select("group", *ab.CLI_KEYS, "suppressed")
        assert_frame_equal(ab.overview(run_store, filters, by), expected)
    quarter = ab.absence_raw(run_store, _q1(), "department")
    # Zuid: R4's spell that began there on 20 Nov (57 days) and R2's of 12–13 Feb (2 days).
    assert _one(quarter, "closed_spells", "Zuid") == 2
    assert _one(quarter, "average_absence_duration", "Zuid") == pytest.approx((57 + 2) / 2)
    assert _one(quarter, "new_spells", "Zuid") == 1
