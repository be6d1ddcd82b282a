"""The snapshot form: monthly headcount files become employments and job history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analytics import store
from analytics.ingest.load import import_files

HEADER = "Personeelsnummer;Afdeling;Functie;FTE"


def _snapshot(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_stack_of_monthly_files_becomes_employments_and_history(tmp_path: Path) -> None:
    # 001 is in every file and moves from Inkoop to Supply Chain in March;
    # 002 leaves after February; 003 joins in March; 004 is away in February and returns.
    files = [
        _snapshot(tmp_path, "stand_2024-01.csv",
                  ["001;Inkoop;Inkoper;1,0", "002;Inkoop;Inkoper;0,8", "004;HR;Adviseur;0,5"]),
        _snapshot(tmp_path, "stand_2024-02.csv",
                  ["001;Inkoop;Inkoper;1,0", "002;Inkoop;Inkoper;0,8"]),
        _snapshot(tmp_path, "stand_2024-03.csv",
                  ["001;Supply Chain;Inkoper;1,0", "003;Supply Chain;Planner;1,0",
                   "004;HR;Adviseur;0,5"]),
    ]  # fmt: skip
    db = tmp_path / "koers.duckdb"
    report = import_files(files, db=db, today=date(2026, 1, 1))
    assert report.loaded, report.format()
    assert {f.kind for f in report.files} == {"snapshots"}
    con = store.connect_reader(db)
    try:
        employments = con.sql(
            "SELECT employee_id, hire_date, termination_date, department, fte FROM employments "
            "ORDER BY employee_id, hire_date"
        ).fetchall()
        assert employments == [
            # First seen in the first snapshot (31 Jan), still there in the last: open-ended.
            ("001", date(2024, 1, 31), None, "Supply Chain", 1.0),
            # Last seen on 29 Feb: that is the last day we know of.
            ("002", date(2024, 1, 31), date(2024, 2, 29), "Inkoop", 0.8),
            ("003", date(2024, 3, 31), None, "Supply Chain", 1.0),
            # Missing from one snapshot: two employments.
            ("004", date(2024, 1, 31), date(2024, 1, 31), "HR", 0.5),
            ("004", date(2024, 3, 31), None, "HR", 0.5),
        ]
        history = con.sql(
            "SELECT employee_id, valid_from, valid_to, department FROM job_history "
            "WHERE employee_id = '001' ORDER BY valid_from"
        ).fetchall()
        assert history == [
            ("001", date(2024, 1, 31), date(2024, 3, 30), "Inkoop"),
            ("001", date(2024, 3, 31), None, "Supply Chain"),
        ]
    finally:
        con.close()


def test_snapshot_date_column_and_given_hire_dates(tmp_path: Path) -> None:
    path = tmp_path / "headcount.csv"
    path.write_text(
        "Peildatum;Personeelsnummer;Datum in dienst;Afdeling\n"
        "31-01-2024;001;01-06-2019;Inkoop\n"
        "29-02-2024;001;01-06-2019;Inkoop\n"
        "31-01-2024;002;15-01-2024;Inkoop\n",
        encoding="utf-8",
    )
    db = tmp_path / "koers.duckdb"
    report = import_files([path], db=db, today=date(2026, 1, 1))
    assert report.loaded, report.format()
    assert report.files[0].kind == "snapshots"
    con = store.connect_reader(db)
    try:
        rows = con.sql(
            "SELECT employee_id, hire_date, termination_date FROM employments ORDER BY 1"
        ).fetchall()
        # The hire date given wins over the first snapshot; 002 is gone from the last snapshot.
        assert rows == [
            ("001", date(2019, 6, 1), None),
            ("002", date(2024, 1, 15), date(2024, 1, 31)),
        ]
    finally:
        con.close()
