"""The metrics base: filters with sub-units, banded dimensions cut at birthdays, monthly series,
and the privacy rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics import store
from analytics.metrics.base import Filters, MetricsError, Period, Settings
from analytics.metrics.headcount import headcount_raw, headcount_series
from analytics.privacy import suppress
from tests.support import load, write

ORG = """Eenheid;Bovenliggende eenheid
Directie;
Zorg;Directie
Wijkteam Noord;Zorg
Wijkteam Zuid;Zorg
Staf;Directie
"""
PEOPLE = """Personeelsnummer;Geboortedatum;Datum in dienst;Datum uit dienst;Afdeling;FTE
001;01-07-2000;01-01-2020;;Wijkteam Noord;1,0
002;15-03-1990;01-01-2020;;Wijkteam Zuid;0,5
003;15-03-1980;01-01-2020;30-06-2025;Zorg;1,0
004;15-03-1970;01-01-2020;;Staf;1,0
"""


@pytest.fixture
def con(tmp_path: Path, db: Path):  # type: ignore[no-untyped-def]
    load([write(tmp_path / "org.csv", ORG), write(tmp_path / "mensen.csv", PEOPLE)], db)
    connection = store.connect_reader(db)
    yield store.cursor(connection)
    connection.close()


YEAR = Filters(Period(date(2025, 1, 1), date(2025, 12, 31)))


def _rows(frame: pl.DataFrame, *columns: str) -> dict[str, tuple]:
    return {row[0]: tuple(row[1:]) for row in frame.select("group", *columns).iter_rows()}


def test_age_bands_cut_at_the_birthday(con) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(headcount_raw(con, YEAR, "age_band"), "average_headcount", "headcount_end")
    # 001 turns 25 on 1 July 2025: 181 days in 15-25, 184 days in 25-35.
    assert rows["15-25"] == pytest.approx((181 / 365, 0))
    # 25-35: 001 from 1 July (184 days) + 002 (35 on 15 March 2025: 73 days).
    assert rows["25-35"] == pytest.approx(((184 + 73) / 365, 1))
    # 35-45: 002 from 15 March (292 days) + 003 until 14 March (45 then): 73 days.
    assert rows["35-45"] == pytest.approx(((292 + 73) / 365, 1))
    # 45-55: 003 from 15 March to 30 June (108 days); 004 turns 55 on 15 March: 73 days.
    assert rows["45-55"] == pytest.approx(((108 + 73) / 365, 0))
    assert rows["55-AOW"] == pytest.approx((292 / 365, 1))


def test_org_filter_takes_sub_units(con) -> None:  # type: ignore[no-untyped-def]
    zorg = Filters(YEAR.period, org_units=("Zorg",))
    raw = headcount_raw(con, zorg, None)
    assert raw.select("headcount_start", "headcount_end").row(0) == (3, 2)
    noord = headcount_raw(con, Filters(YEAR.period, org_units=("Wijkteam Noord",)), None)
    assert noord.select("headcount_start").item() == 1


def test_org_levels_roll_up(con) -> None:  # type: ignore[no-untyped-def]
    level2 = _rows(headcount_raw(con, YEAR, "org_level_2"), "headcount_start", "fte_end")
    assert level2 == {"Zorg": (3, 1.5), "Staf": (1, 1.0)}
    level1 = _rows(headcount_raw(con, YEAR, "org_level_1"), "headcount_start")
    assert level1 == {"Directie": (4,)}


def test_monthly_series(con) -> None:  # type: ignore[no-untyped-def]
    filters = Filters(
        Period(date(2025, 5, 1), date(2025, 7, 31)), settings=Settings(min_group_size=3)
    )
    series = headcount_series(con, filters)
    assert series["month"].to_list() == [date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)]
    assert series["headcount_end"].to_list() == [4, 4, 3]  # 003 worked until 30 June
    assert series["fte_end"].to_list() == [3.5, 3.5, 2.5]
    assert series["average_headcount"].to_list() == pytest.approx([4.0, 4.0, 3.0])
    assert series["suppressed"].to_list() == [False, False, False]


def test_unknown_dimension_is_refused(con) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MetricsError, match="cannot break down by 'salary'"):
        headcount_raw(con, YEAR, "salary")


def test_min_group_size_never_below_three() -> None:
    with pytest.raises(MetricsError, match="never below 3"):
        Settings(min_group_size=2)


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ([10, 8, 7], []),
        ([10, 8, 2], [False, True, True]),  # one small group: the next smallest goes too
        ([10, 3, 2, 9], [False, True, True, False]),  # 3 + 2 = 5 hidden together: enough
        ([10, 2, 1, 9], [False, True, True, True]),  # 2 + 1 < 5: hide more
        ([4], [True]),
    ],
)
def test_complement_protection(sizes: list[int], hidden: list[bool]) -> None:
    frame = pl.DataFrame({"group": [f"g{i}" for i in range(len(sizes))], "population": sizes,
                          "value": [1.0] * len(sizes)})  # fmt: skip
    result = suppress(frame, min_group_size=5)
    assert result["suppressed"].to_list() == (hidden or [False] * len(sizes))
    assert result.filter(pl.col("suppressed"))["value"].null_count() == sum(hidden)
    assert result.filter(pl.col("suppressed"))["population"].null_count() == sum(hidden)


def test_complement_protection_works_per_month() -> None:
    frame = pl.DataFrame({
        "month": [1, 1, 1, 2, 2, 2],
        "group": ["a", "b", "c"] * 2,
        "population": [10, 9, 2, 10, 9, 8],
    })  # fmt: skip
    result = suppress(frame, min_group_size=5, keep=("month", "group"), within=("month",))
    assert result["suppressed"].to_list() == [False, True, True, False, False, False]


def test_series_population_counts_a_returning_person_once(tmp_path: Path, db: Path) -> None:
    people = "Personeelsnummer;Datum in dienst;Afdeling\n" + "".join(
        f"{n:03d};01-01-2020;{'Noord' if n < 5 else 'Staf'}\n" for n in range(1, 8)
    )
    history = (
        "Personeelsnummer;Ingangsdatum;Einddatum;Afdeling\n"
        "001;01-01-2020;09-05-2025;Noord\n"
        "001;10-05-2025;19-05-2025;Staf\n"
        "001;20-05-2025;;Noord\n"
    )
    load([write(tmp_path / "p.csv", people), write(tmp_path / "h.csv", history)], db)
    connection = store.connect_reader(db)
    try:
        filters = Filters(
            Period(date(2025, 5, 1), date(2025, 5, 31)), settings=Settings(min_group_size=3)
        )
        series = headcount_series(store.cursor(connection), filters, "department")
        rows = {r["group"]: r for r in series.iter_rows(named=True)}
        # 001 is in Noord twice in May, but one person: 4 people, not 5.
        assert rows["Noord"]["population"] == 4
        assert rows["Noord"]["average_headcount"] == pytest.approx((4 * 31 - 10) / 31)
        assert rows["Staf"]["population"] == 4  # three of its own and 001 for ten days
        assert rows["Staf"]["average_headcount"] == pytest.approx((3 * 31 + 10) / 31)
    finally:
        connection.close()


def test_a_filter_that_leaves_too_few_people_says_only_that(con) -> None:  # type: ignore[no-untyped-def]
    from analytics.metrics import check_population
    from analytics.privacy import TooFewPeopleError

    three = Settings(min_group_size=3)
    assert check_population(con, Filters(YEAR.period, settings=three)) == 4
    with pytest.raises(TooFewPeopleError, match="fewer than 5 people match these filters"):
        check_population(con, YEAR)
    with pytest.raises(TooFewPeopleError, match="fewer than 3 people"):
        check_population(con, Filters(YEAR.period, org_units=("Wijkteam Noord",), settings=three))


def test_series_population_in_a_clipped_first_month(tmp_path: Path, db: Path) -> None:
    people = (
        "Personeelsnummer;Datum in dienst;Datum uit dienst\n"
        "001;01-01-2020;\n002;01-01-2020;\n003;01-01-2020;\n"
        "004;01-01-2020;10-01-2025\n004;20-01-2025;\n"
    )
    load([write(tmp_path / "p.csv", people)], db)
    connection = store.connect_reader(db)
    try:
        filters = Filters(
            Period(date(2025, 1, 15), date(2025, 1, 31)), settings=Settings(min_group_size=3)
        )
        series = headcount_series(store.cursor(connection), filters)
        # 004 left on 10 January, before the period, and came back on the 20th: one person.
        assert series.select("population", "headcount_end").row(0) == (4, 4)
    finally:
        connection.close()
