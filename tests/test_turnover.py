"""Turnover by hand: monthly and rolling series, leavers by type and reason, stability index,
first-year turnover, tenure survival with left truncation; and invariants on the sample
organisation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest

from analytics import store
from analytics.metrics.base import Filters, MetricsError, Period, Settings
from analytics.metrics.headcount import headcount_raw
from analytics.metrics.turnover import (
    CLI_KEYS,
    first_year_turnover,
    first_year_turnover_raw,
    leavers_breakdown_raw,
    leavers_by_type,
    median_tenure_raw,
    overview,
    rolling_turnover,
    rolling_turnover_raw,
    stability_index,
    stability_raw,
    survival_input_raw,
    tenure_survival,
    tenure_survival_raw,
    turnover_counts_raw,
    turnover_raw,
    turnover_series,
    turnover_series_raw,
)
from tests.support import load, write

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"

# A small organisation, worked through by hand for 2024 (366 days):
# 001 all year in A; 002 since 01-06-2023 in A; 003 hired on P.start, left 30-06 (voluntary);
# 004 in B since 2019, left 31-03 (involuntary); 005 in B, left 31-12-2023 and re-hired 01-03-2024;
# 006 hired 31-12-2023 (exactly a year before P.end) in B; 007 is an agency worker (flex: left out);
# 008 in A 01-09 to 31-10 (end of contract); 009 in A since 2022, transferred to B on 01-07-2024.
PEOPLE = """\
Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling;Soort contract;Soort uitdiensttreding;Reden uit dienst;Betreurd vertrek
001;2020-01-01;;A;Vast;;;
002;2023-06-01;;A;Vast;;;
003;2024-01-01;2024-06-30;A;Tijdelijk;Vrijwillig;Ander werk;Ja
004;2019-03-01;2024-03-31;B;Vast;Onvrijwillig;Reorganisatie;
005;2021-01-01;2023-12-31;B;Vast;Vrijwillig;Studie;Nee
005;2024-03-01;;B;Vast;;;
006;2023-12-31;;B;Vast;;;
007;2022-01-01;;A;Uitzendkracht;;;
008;2024-09-01;2024-10-31;A;Tijdelijk;Einde contract;;
009;2022-01-01;;A;Vast;;;
"""  # noqa: E501
HISTORY = """\
Personeelsnummer;Ingangsdatum;Einddatum;Afdeling
009;2022-01-01;2024-06-30;A
009;2024-07-01;;B
"""
YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
SMALL = Settings(min_group_size=3)
# Days in service in 2024: 001 366, 002 366, 003 182, 004 91, 005 306, 006 366, 008 61, 009 366.
PERSON_DAYS_2024 = 366 * 4 + 182 + 91 + 306 + 61


def _store(
    factory: pytest.TempPathFactory, template: Path, files: dict[str, str]
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store loaded once per module through the importer; the tests only read it."""
    folder = factory.mktemp("turnover")
    db = folder / "koers.duckdb"
    shutil.copyfile(template, db)
    load([write(folder / name, text) for name, text in files.items()], db)
    connection = store.connect_reader(db)
    cursor = store.cursor(connection)
    yield cursor
    cursor.close()
    connection.close()


@pytest.fixture(scope="module")
def con(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    yield from _store(
        tmp_path_factory, store_template, {"mensen.csv": PEOPLE, "historie.csv": HISTORY}
    )


def _by_group(frame: pl.DataFrame, *columns: str) -> dict[str, tuple]:
    return {row[0]: tuple(row[1:]) for row in frame.select("group", *columns).iter_rows()}


def test_counts_and_rate_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    raw = turnover_raw(con, Filters(YEAR_2024), None)
    # Hires: 003, the re-hire of 005, 008. Leavers: 003, 004, 008 (005 left on 31-12-2023).
    assert raw.select("hires", "leavers", "voluntary_leavers").row(0) == (3, 3, 1)
    assert raw["turnover_rate"].item() == pytest.approx(3 / (PERSON_DAYS_2024 / 366))
    assert raw["annualised"].item() is False
    head = headcount_raw(con, Filters(YEAR_2024), None)
    # Start: 001 002 003 004 006 009; end: 001 002 005 006 009. The hire on P.start is in both the
    # start headcount and the hires, so start + hires − leavers = end + 1.
    assert head.select("headcount_start", "headcount_end").row(0) == (6, 5)


def test_annualised_rate_is_labelled(con: duckdb.DuckDBPyConnection) -> None:
    quarter = Filters(Period(date(2024, 1, 1), date(2024, 3, 31)), settings=SMALL)
    unscaled = Filters(quarter.period, settings=Settings(min_group_size=3, annualise=False))
    scaled = Filters(quarter.period, settings=Settings(min_group_size=3, annualise=True))
    plain = turnover_raw(con, unscaled, None)
    annual = turnover_raw(con, scaled, None)
    # Q1: 004 left 31-03; 6 people all 91 days + 005 from 01-03 (31 days) → 577 person-days.
    assert plain["turnover_rate"].item() == pytest.approx(1 / (577 / 91))
    assert annual["turnover_rate"].item() == pytest.approx(1 / (577 / 91) * 366 / 91)
    assert (plain["annualised"].item(), annual["annualised"].item()) == (False, True)
    whole_year = Filters(YEAR_2024, settings=Settings(annualise=True))
    assert turnover_raw(con, whole_year, None)["annualised"].item() is False


def test_monthly_series_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(YEAR_2024, settings=SMALL)
    series = turnover_series_raw(con, filters, None)
    assert series["month"].to_list() == [date(2024, m, 1) for m in range(1, 13)]
    assert series["hires"].to_list() == [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert series["leavers"].to_list() == [0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0]
    march = series.row(2, named=True)
    # March: 001 002 003 004 005 006 009 in service all 31 days; 004 leaves on the 31st.
    assert (march["population"], march["average_headcount"]) == (7, pytest.approx(7.0))
    assert march["turnover_rate"] == pytest.approx(1 / 7)
    october = series.row(9, named=True)
    # October: 001 002 005 006 008 009, all 31 days.
    assert october["turnover_rate"] == pytest.approx(1 / 6)
    assert series["annualised"].to_list() == [False] * 12
    scaled = turnover_series_raw(
        con, Filters(YEAR_2024, settings=Settings(min_group_size=3, annualise=True)), None
    )
    assert scaled.row(2, named=True)["turnover_rate"] == pytest.approx(1 / 7 * 366 / 31)
    assert scaled["annualised"].to_list() == [True] * 12
    # The months add up to the year.
    assert series["leavers"].sum() == turnover_raw(con, filters, None)["leavers"].item()


def test_monthly_series_by_department_and_clipped_months(con: duckdb.DuckDBPyConnection) -> None:
    period = Period(date(2024, 6, 15), date(2024, 7, 10))
    series = turnover_series_raw(con, Filters(period, settings=SMALL), "department")
    rows = {(r["month"], r["group"]): r for r in series.iter_rows(named=True)}
    june_a = rows[(date(2024, 6, 15), "A")]
    # 15–30 June (16 days) in A: 001 002 003 009; 003 leaves on the 30th.
    assert (june_a["leavers"], june_a["average_headcount"]) == (1, pytest.approx(4.0))
    july_b = rows[(date(2024, 7, 1), "B")]
    # 1–10 July in B: 005 006 and 009 (transferred on 1 July, not a hire).
    assert (july_b["hires"], july_b["average_headcount"]) == (0, pytest.approx(3.0))


def test_series_withholds_small_groups_per_month(con: duckdb.DuckDBPyConnection) -> None:
    series = turnover_series(con, Filters(YEAR_2024, settings=SMALL), "department")
    july = series.filter(pl.col("month") == date(2024, 7, 1))
    # July: A has 001 002 (2 people) → withheld; B (005 006 009) goes too (complement).
    assert _by_group(july, "suppressed") == {"A": (True,), "B": (True,)}
    march = series.filter(pl.col("month") == date(2024, 3, 1))
    assert _by_group(march, "leavers", "suppressed") == {"A": (0, False), "B": (1, False)}


def test_rolling_twelve_months_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    rolling = rolling_turnover_raw(con, Filters(YEAR_2024, settings=SMALL), None)
    march = rolling.filter(pl.col("month") == date(2024, 3, 1)).row(0, named=True)
    assert (march["window_start"], march["window_end"]) == (date(2023, 4, 1), date(2024, 3, 31))
    # Leavers 01-04-2023..31-03-2024: 005 (31-12-2023) and 004 (31-03-2024).
    # Days: 001 366, 002 305, 003 91, 004 366, 005 275 + 31, 006 92, 009 366 = 1892 of 366.
    assert march["rolling_leavers"] == 2
    assert march["population"] == 7  # 005 with two employments in the window is one person
    assert march["rolling_average_headcount"] == pytest.approx(1892 / 366)
    assert march["rolling_turnover_rate"] == pytest.approx(2 / (1892 / 366))
    december = rolling.filter(pl.col("month") == date(2024, 12, 1)).row(0, named=True)
    # The window ending in December is the year itself.
    year = turnover_raw(con, Filters(YEAR_2024), None)
    assert december["rolling_turnover_rate"] == pytest.approx(year["turnover_rate"].item())
    february = rolling.filter(pl.col("month") == date(2024, 2, 1)).row(0, named=True)
    assert february["window_start"] == date(2023, 3, 1)  # the year ending on 29 February


def test_rolling_per_group_and_withheld(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(Period(date(2024, 3, 1), date(2024, 3, 31)), settings=SMALL)
    raw = rolling_turnover_raw(con, filters, "department")
    # B in the year to 31-03-2024: 004 366, 005 306, 006 92 days; 005 and 004 left.
    assert _by_group(raw, "population", "rolling_leavers", "rolling_average_headcount") == {
        "A": (4, 0, pytest.approx((366 + 305 + 91 + 366) / 366)),
        "B": (3, 2, pytest.approx((366 + 306 + 92) / 366)),
    }
    shown = rolling_turnover(con, Filters(filters.period), "department")  # minimum 5
    assert shown["suppressed"].to_list() == [True, True]
    assert shown["rolling_turnover_rate"].null_count() == 2


def test_leavers_by_type_and_reason(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(YEAR_2024, settings=SMALL)
    types = leavers_breakdown_raw(con, filters, None, "termination_type")
    assert {r["termination_type"]: r["leavers"] for r in types.iter_rows(named=True)} == {
        "voluntary": 1,
        "involuntary": 1,
        "end_of_contract": 1,
    }
    assert types["share_of_leavers"].to_list() == pytest.approx([1 / 3] * 3)
    assert types["rate"].to_list() == pytest.approx([1 / (PERSON_DAYS_2024 / 366)] * 3)
    reasons = leavers_breakdown_raw(con, filters, "department", "termination_reason")
    assert sorted(reasons.select("group", "termination_reason", "leavers").iter_rows()) == [
        ("A", "(onbekend)", 1),  # 008 has no reason
        ("A", "Ander werk", 1),
        ("B", "Reorganisatie", 1),
    ]
    shown = leavers_by_type(con, filters)  # one leaver per type: all withheld
    assert shown["suppressed"].all() and shown["leavers"].null_count() == 3
    with pytest.raises(MetricsError):
        leavers_breakdown_raw(con, filters, None, "name")  # type: ignore[arg-type]


def test_stability_index_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(YEAR_2024, settings=SMALL)
    raw = stability_raw(con, filters, None)
    # On 31-12-2023: 001 002 004 005 006 009 (6). On 31-12-2024: 001 002 005 006 009, of whom
    # 005 was re-hired on 01-03-2024 (service restarts): stable 001 002 006 009 (4).
    assert raw.select("stable", "headcount_year_ago").row(0) == (4, 6)
    assert raw["stability_index"].item() == pytest.approx(4 / 6)
    by_department = _by_group(
        stability_raw(con, filters, "department"), "stable", "headcount_year_ago"
    )
    # Each count under its own day: 009 was in A a year ago and is in B now.
    assert by_department == {"A": (2, 3), "B": (2, 3)}
    assert stability_index(con, filters)["stability_index"].item() == pytest.approx(4 / 6)
    # 6 people on either day; per department 3 (A) and 4 (B).
    assert stability_index(con, Filters(YEAR_2024))["suppressed"].item() is False
    hidden = stability_index(con, Filters(YEAR_2024), "department")
    assert hidden["suppressed"].to_list() == [True, True]


def test_stability_a_year_before_a_leap_day(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(Period(date(2024, 1, 1), date(2024, 2, 29)), settings=SMALL)
    raw = stability_raw(con, filters, None)
    # A year before 29-02-2024 is 28-02-2023: 001 004 005 009 in service. On 29-02-2024:
    # 001 002 003 004 006 009; hired on or before 28-02-2023: 001 004 009.
    assert raw.select("stable", "headcount_year_ago").row(0) == (3, 4)


def test_overview_has_stability_and_one_privacy_decision(con: duckdb.DuckDBPyConnection) -> None:
    frame = overview(con, Filters(YEAR_2024, settings=SMALL), None)
    assert frame.columns == ["group", *CLI_KEYS, "suppressed"]
    assert "stability_index" in CLI_KEYS
    row = frame.row(0, named=True)
    assert (row["leavers"], row["stability_index"]) == (3, pytest.approx(4 / 6))
    departments = overview(con, Filters(YEAR_2024), "department")
    assert departments["suppressed"].to_list() == [True, True]
    assert departments["stability_index"].null_count() == 2


def test_survival_input_with_left_truncation(con: duckdb.DuckDBPyConnection) -> None:
    spells = survival_input_raw(con, Filters(YEAR_2024), None)
    rows = {
        (r["employee_id"], r["entry_days"]): (r["duration_days"], r["event"])
        for r in spells.iter_rows(named=True)
    }
    assert rows == {
        ("001", 1461): (1827, False),  # hired 01-01-2020: 1461 days served on 01-01-2024
        ("002", 214): (580, False),
        ("003", 0): (182, True),
        ("004", 1767): (1858, True),
        ("005", 0): (306, False),  # the re-hire; the first employment ended before the window
        ("006", 1): (367, False),
        ("008", 0): (61, True),
        ("009", 730): (1096, False),
    }


def test_tenure_survival_with_left_truncation_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    curve = tenure_survival_raw(con, Filters(YEAR_2024), None)
    survival = dict(zip(curve["time_days"].to_list(), curve["survival"].to_list(), strict=True))
    at_risk = dict(zip(curve["time_days"].to_list(), curve["at_risk"].to_list(), strict=True))
    # At 61 days only 003 005 006 008 are at risk (002, 004, 001, 009 entered later): 3/4.
    assert (at_risk[61.0], survival[61.0]) == (4, pytest.approx(0.75))
    # At 182: 003 005 006 (002 enters at 214) → 0.75 × 2/3.
    assert (at_risk[182.0], survival[182.0]) == (3, pytest.approx(0.5))
    # At 1858 004 is alone at risk: the curve ends at 0.
    assert (at_risk[1858.0], survival[1858.0]) == (1, pytest.approx(0.0))
    summary = median_tenure_raw(con, Filters(YEAR_2024), None).row(0, named=True)
    assert summary["median_tenure_days"] == 182.0  # ignoring the entry it would be 1858
    assert (summary["population"], summary["events"]) == (8, 3)
    voluntary = tenure_survival_raw(con, Filters(YEAR_2024), None, cause="voluntary")
    # Only 003 is an event; 008 and 004 are censored. At 182: 003 005 006 at risk → 2/3.
    assert voluntary.filter(pl.col("events") > 0)["time_days"].to_list() == [182.0]
    assert voluntary["survival"].min() == pytest.approx(2 / 3)
    median = median_tenure_raw(con, Filters(YEAR_2024), None, cause="voluntary")
    assert median["median_tenure_days"].item() is None  # never falls to one half
    with pytest.raises(MetricsError):
        survival_input_raw(con, Filters(YEAR_2024), None, cause="fired")


def test_tenure_survival_withholds_thin_points(con: duckdb.DuckDBPyConnection) -> None:
    curve = tenure_survival(con, Filters(YEAR_2024, settings=SMALL))
    withheld = curve.filter(pl.col("suppressed"))
    # At risk: 306 → 002 005 006; 367 → 002 006; 580 → 002; 1096 → 009 (001 and 004 entered
    # later); 1827 → 001 004; 1858 → 004.
    assert withheld["time_days"].to_list() == [367.0, 580.0, 1096.0, 1827.0, 1858.0]
    assert withheld["survival"].null_count() == 5
    assert curve.filter(~pl.col("suppressed"))["time_days"].to_list() == [61.0, 182.0, 306.0]
    assert "population" not in curve.columns


COHORT = """\
Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling
101;2023-01-01;2023-03-31;A
102;2023-02-01;2024-01-31;A
103;2023-03-01;2024-03-01;A
104;2023-06-01;;B
105;2023-12-01;2024-12-15;B
"""


@pytest.fixture(scope="module")
def cohort_con(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    yield from _store(tmp_path_factory, store_template, {"cohort.csv": COHORT})


def test_first_year_turnover_with_full_follow_up(cohort_con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(Period(date(2023, 1, 1), date(2024, 12, 31)))
    row = first_year_turnover_raw(cohort_con, filters).row(0, named=True)
    # 101 left after 90 days; 102 on day 365 (31-01-2024 = hire + 364): within the year;
    # 103 on day 367; 104 stays; 105 on day 381. Every hire has 365 days of follow-up.
    assert (row["cohort"], row["hires"], row["followed_up"]) == (date(2023, 1, 1), 5, 5)
    assert (row["left_within_year"], row["first_year_turnover"]) == (2, pytest.approx(0.4))
    assert row["is_estimate"] is False
    shown = first_year_turnover(cohort_con, filters).row(0, named=True)
    assert (shown["first_year_turnover"], shown["suppressed"]) == (pytest.approx(0.4), False)


def test_first_year_turnover_estimated_by_kaplan_meier(
    cohort_con: duckdb.DuckDBPyConnection,
) -> None:
    filters = Filters(Period(date(2023, 1, 1), date(2024, 6, 30)))
    row = first_year_turnover_raw(cohort_con, filters).row(0, named=True)
    # 105 (hired 01-12-2023) has only 213 days by 30-06-2024: Kaplan–Meier. Events 90 (101),
    # 365 (102), 367 (103); censored 213 (105), 396 (104). S(365) = 4/5 × 2/3.
    assert (row["followed_up"], row["left_within_year"], row["is_estimate"]) == (4, None, True)
    assert row["first_year_turnover"] == pytest.approx(1 - 0.8 * 2 / 3)
    # By 15-01-2024 nobody has been followed for 365 days: no estimate.
    early = Filters(Period(date(2023, 1, 1), date(2024, 1, 15)))
    assert first_year_turnover_raw(cohort_con, early)["first_year_turnover"].item() is None


def test_first_year_turnover_per_group_and_quarter(cohort_con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(Period(date(2023, 1, 1), date(2024, 12, 31)), settings=SMALL)
    raw = first_year_turnover_raw(cohort_con, filters, "department", cohort="quarter")
    assert sorted(raw.select("cohort", "group", "hires", "left_within_year").iter_rows()) == [
        (date(2023, 1, 1), "A", 3, 2),
        (date(2023, 4, 1), "B", 1, 0),
        (date(2023, 10, 1), "B", 1, 0),
    ]
    shown = first_year_turnover(cohort_con, filters, "department")
    # Year cohort: A 3 hires (shown with minimum 3), B 2 hires (withheld, and A with it).
    assert shown["suppressed"].to_list() == [True, True]
    assert shown["is_estimate"].to_list() == [False, False]  # a label, never withheld
    with pytest.raises(MetricsError):
        first_year_turnover_raw(cohort_con, filters, cohort="week")  # type: ignore[arg-type]


# --- The sample organisation ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    files = sorted(SAMPLE_DIR.glob("*.csv"))
    if len(files) != 6:
        pytest.skip("sample_data/*.csv not present")
    db = tmp_path_factory.mktemp("sample") / "koers.duckdb"
    shutil.copyfile(store_template, db)
    load(files, db)
    connection = store.connect_reader(db)
    cursor = store.cursor(connection)
    yield cursor
    cursor.close()
    connection.close()


def _year(year: int) -> Filters:
    return Filters(Period(date(year, 1, 1), date(year, 12, 31)))


def _day(day: date) -> Filters:
    return Filters(Period(day, day))


RATES = ["turnover_rate", "voluntary_turnover_rate", "involuntary_turnover_rate",
         "regretted_turnover_rate"]  # fmt: skip


@pytest.mark.parametrize("year", range(2019, 2026))
def test_sample_year_invariants(sample: duckdb.DuckDBPyConnection, year: int) -> None:
    """headcount_end = headcount_start + hires − leavers, except that a hire on P.start is already
    in the start headcount and a leaver on P.end still in the end headcount (re-hires balance:
    each is a leaver and a hire). Rates lie in [0, 1]; departments add up to the total; the
    rolling 12-month rate of December is the year's rate."""
    filters = _year(year)
    head = headcount_raw(sample, filters, None).row(0, named=True)
    total = turnover_raw(sample, filters, None)
    flow = total.row(0, named=True)
    hired_on_start = turnover_counts_raw(sample, _day(filters.period.start), None)["hires"].sum()
    left_on_end = turnover_counts_raw(sample, _day(filters.period.end), None)["leavers"].sum()
    assert head["headcount_end"] == (
        head["headcount_start"] + flow["hires"] - flow["leavers"] - hired_on_start + left_on_end
    )
    if (hired_on_start, left_on_end) == (0, 0):
        assert head["headcount_end"] == head["headcount_start"] + flow["hires"] - flow["leavers"]
    departments = turnover_raw(sample, filters, "department")
    assert departments["leavers"].sum() == flow["leavers"]
    assert departments["hires"].sum() == flow["hires"]
    for frame in (total, departments):
        values = frame.select(RATES).to_numpy()
        assert np.all((values >= 0) & (values <= 1))
    assert 0 <= stability_raw(sample, filters, None)["stability_index"].item() <= 1
    december = Filters(Period(date(year, 12, 1), date(year, 12, 31)))
    rolling = rolling_turnover_raw(sample, december, None)["rolling_turnover_rate"].item()
    assert rolling == pytest.approx(flow["turnover_rate"])


def test_sample_2024_figures(sample: duckdb.DuckDBPyConnection) -> None:
    filters = _year(2024)
    # Against the sample's README: 202 hires, 257 leavers, 17.1 %, 40 by the reorganisation.
    year = turnover_raw(sample, filters, None).row(0, named=True)
    assert (year["hires"], year["leavers"]) == (202, 257)
    assert year["turnover_rate"] == pytest.approx(0.171, abs=5e-4)
    reasons = leavers_breakdown_raw(sample, filters, None, "termination_reason")
    assert reasons.filter(pl.col("termination_reason") == "Reorganisatie")["leavers"].item() == 40
    assert reasons["leavers"].sum() == 257
    series = turnover_series_raw(sample, filters, None)
    assert (series["hires"].sum(), series["leavers"].sum()) == (202, 257)
    by_department = rolling_turnover_raw(sample, filters, "department")
    per_month = by_department.group_by("month").agg(pl.col("rolling_leavers").sum()).sort("month")
    overall = rolling_turnover_raw(sample, filters, None).sort("month")
    assert per_month["rolling_leavers"].to_list() == overall["rolling_leavers"].to_list()
    assert overall["rolling_turnover_rate"].is_between(0, 1).all()


def test_sample_first_year_and_survival(sample: duckdb.DuckDBPyConnection) -> None:
    lifelines = pytest.importorskip("lifelines")
    whole = Filters(Period(date(2019, 1, 1), date(2025, 12, 31)))
    cohorts = first_year_turnover_raw(sample, whole)
    assert cohorts["is_estimate"].to_list() == [False] * 6 + [True]  # 2025 not followed up yet
    assert cohorts["first_year_turnover"].is_between(0, 1).all()
    # Store-level cross-check with lifelines: days are whole numbers and lifelines counts an
    # entrant at risk on its entry day, so it gets entry + ½ (entered after that day).
    spells = survival_input_raw(sample, _year(2024), None)
    ours = tenure_survival_raw(sample, _year(2024), None)
    fitter = lifelines.KaplanMeierFitter().fit(
        spells["duration_days"].to_numpy(),
        spells["event"].to_numpy(),
        entry=spells["entry_days"].to_numpy() + 0.5,
    )
    theirs = fitter.survival_function_at_times(ours["time_days"].to_numpy()).to_numpy()
    assert np.allclose(ours["survival"].to_numpy(), theirs, rtol=0, atol=1e-12)
    median = median_tenure_raw(sample, _year(2024), None)["median_tenure_days"].item()
    assert median == fitter.median_survival_time_


def test_one_pass_counts_by_tenure_band(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(YEAR_2024, settings=SMALL)
    raw = turnover_raw(con, filters, "tenure_band")
    # Hires are in their first year on the hire date; leavers 003 (6 months) and 008 (2 months)
    # too, 004 (hired 01-03-2019, left 31-03-2024: 5 years) in 5-10.
    assert _by_group(raw, "hires", "leavers", "involuntary_leavers") == {
        "<1": (3, 2, 0),
        "1-2": (0, 0, 0),
        "2-5": (0, 0, 0),
        "5-10": (0, 1, 1),
    }
    # Days under one year of service: 002 152, 003 182, 005 306, 006 365, 008 61.
    assert _by_group(raw, "turnover_rate")["<1"] == (pytest.approx(2 / (1066 / 366)),)
    # The one pass counts as headcount_raw and turnover_counts_raw do, band by band.
    head = headcount_raw(con, filters, "tenure_band")
    columns = ("population", "headcount_start", "headcount_end", "average_headcount")
    assert _by_group(raw, *columns) == _by_group(head, *columns)
    events = turnover_counts_raw(con, filters, "tenure_band")
    assert _by_group(raw.filter(pl.col("hires") + pl.col("leavers") > 0), "hires", "leavers") == (
        _by_group(events, "hires", "leavers")
    )
    # Without birth dates everybody is in "(onbekend)": the whole organisation.
    unknown = turnover_raw(con, filters, "age_band").drop("group")
    assert unknown.rows() == turnover_raw(con, filters, None).drop("group").rows()


def test_overview_by_tenure_band_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    frame = overview(con, Filters(YEAR_2024, settings=SMALL), "tenure_band")
    rows = {row["group"]: row for row in frame.iter_rows(named=True)}
    # Populations (in 2024; on 31-12-2023 or 31-12-2024): <1 5 and 3 (002 006 | 005), 1-2 2 and
    # 3 (009 | 002 006), 2-5 3 and 4 (001 004 005 009), 5-10 1 and 0. The smaller counts: 1-2 (2)
    # and 5-10 (1) are withheld, together 3.
    assert {group: row["suppressed"] for group, row in rows.items()} == {
        "<1": False,
        "1-2": True,
        "2-5": False,
        "5-10": True,
    }
    # Stable: 2-5 001 009 of 001 004 005 a year ago; <1 nobody of 002 006 (both 1-2 now).
    assert (rows["<1"]["hires"], rows["<1"]["leavers"], rows["<1"]["stability_index"]) == (
        3,
        2,
        0.0,
    )
    assert rows["2-5"]["stability_index"] == pytest.approx(2 / 3)
    assert rows["1-2"]["stability_index"] is None and rows["5-10"]["hires"] is None
