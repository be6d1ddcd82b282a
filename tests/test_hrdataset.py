"""The public HRDataset_v14 export loads through the ordinary importer and gives the figures in
shared/data/README.md (computed there independently from the raw file)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from analytics import store
from analytics.ingest.load import ImportReport, import_files
from analytics.metrics import Filters, compute_metrics

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HRDATASET = DATA / "HRDataset_v14.csv"

pytestmark = pytest.mark.skipif(not HRDATASET.exists(), reason="shared data not present")


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ImportReport, duckdb.DuckDBPyConnection]]:
    db = tmp_path_factory.mktemp("hrdataset") / "koers.duckdb"
    report = import_files([HRDATASET], db=db, today=date(2026, 11, 22))
    con = store.connect_reader(db)
    yield report, con
    con.close()


def test_loads_every_row_with_the_preset(
    loaded: tuple[ImportReport, duckdb.DuckDBPyConnection],
) -> None:
    report, con = loaded
    assert report.loaded, report.format()
    (file,) = report.files
    assert (file.kind, file.preset, file.rows_read, file.rows_loaded) == (
        "employments",
        "hrdataset",
        311,
        311,
    )
    assert file.dialect["encoding"] == "UTF-8 with BOM"
    assert set(file.refused) == {"RaceDesc", "HispanicLatino"}
    assert store.table_counts(con)["employments"] == 311


def test_refused_columns_leave_no_trace(
    loaded: tuple[ImportReport, duckdb.DuckDBPyConnection],
) -> None:
    _, con = loaded
    columns = {
        r[0].lower()
        for r in con.sql("SELECT column_name FROM information_schema.columns").fetchall()
    }
    assert not {c for c in columns if "race" in c or "hispanic" in c}
    values = con.sql("SELECT DISTINCT termination_reason FROM employments").fetchall()
    assert ("Black or African American",) not in values


def test_gender_and_status(loaded: tuple[ImportReport, duckdb.DuckDBPyConnection]) -> None:
    _, con = loaded
    genders = dict(con.sql("SELECT gender, count(*) FROM employments GROUP BY 1").fetchall())
    assert genders == {"F": 176, "M": 135}  # 'M ' with its trailing space maps too
    types = dict(
        con.sql(
            "SELECT coalesce(termination_type, 'active'), count(*) FROM employments GROUP BY 1"
        ).fetchall()
    )
    assert types == {"active": 207, "voluntary": 88, "involuntary": 16}
    still_employed = con.sql(
        "SELECT count(*) FROM employments WHERE termination_date IS NULL"
    ).fetchall()
    assert still_employed == [(207,)]


def test_dates_are_month_first_with_two_digit_birth_years(
    loaded: tuple[ImportReport, duckdb.DuckDBPyConnection],
) -> None:
    _, con = loaded
    row = con.sql(
        "SELECT birth_date, hire_date, department FROM employments WHERE employee_id = '10026'"
    ).fetchall()
    # Adinolfi: DOB 07/10/83, hired 7/5/2011, department "Production       " (trailing spaces).
    assert row == [(date(1983, 7, 10), date(2011, 7, 5), "Production")]


def test_mean_salary(loaded: tuple[ImportReport, duckdb.DuckDBPyConnection]) -> None:
    _, con = loaded
    means = dict(
        con.sql("SELECT gender, avg(annual_salary) FROM employments GROUP BY 1").fetchall()
    )
    overall = con.sql("SELECT avg(annual_salary) FROM employments").fetchall()[0][0]
    assert overall == pytest.approx(69020.68, abs=0.005)
    assert means["F"] == pytest.approx(67786.73, abs=0.005)
    assert means["M"] == pytest.approx(70629.40, abs=0.005)


@pytest.mark.parametrize(
    ("year", "start", "end", "leavers", "two_point_rate"),
    [
        (2015, 216, 229, 23, 0.1034),
        (2016, 229, 221, 22, 0.0978),
        (2017, 221, 219, 8, 0.0364),
        (2018, 219, 207, 13, 0.0610),
    ],
)
def test_yearly_turnover(
    loaded: tuple[ImportReport, duckdb.DuckDBPyConnection],
    year: int,
    start: int,
    end: int,
    leavers: int,
    two_point_rate: float,
) -> None:
    _, con = loaded
    metrics = compute_metrics(con, Filters.for_period(date(year, 1, 1), date(year, 12, 31)))[
        "metrics"
    ]
    assert (metrics["headcount_start"], metrics["headcount_end"], metrics["leavers"]) == (
        start,
        end,
        leavers,
    )
    # The README's rate divides by the mean of the two head counts; Koers uses the daily average.
    assert leavers / ((start + end) / 2) == pytest.approx(two_point_rate, abs=5e-5)
    assert metrics["turnover_rate"] == pytest.approx(leavers / _daily_average(year), rel=1e-12)


def test_voluntary_leavers_2015(loaded: tuple[ImportReport, duckdb.DuckDBPyConnection]) -> None:
    _, con = loaded
    metrics = compute_metrics(con, Filters.for_period(date(2015, 1, 1), date(2015, 12, 31)))[
        "metrics"
    ]
    assert metrics["voluntary_turnover_rate"] * metrics["average_headcount"] == pytest.approx(18)


def _daily_average(year: int) -> float:
    """Average headcount counted day by day straight from the raw file (an independent oracle)."""
    periods = []
    with open(HRDATASET, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            hired = _us_date(row["DateofHire"])
            left = _us_date(row["DateofTermination"]) if row["DateofTermination"].strip() else None
            periods.append((hired, left))
    first, last = date(year, 1, 1), date(year, 12, 31)
    total = 0
    day = first
    while day <= last:
        total += sum(1 for hired, left in periods if hired <= day and (left is None or day <= left))
        day += timedelta(days=1)
    return total / ((last - first).days + 1)


def _us_date(text: str) -> date:
    month, day, year = (int(part) for part in text.strip().split("/"))
    return date(year, month, day)
