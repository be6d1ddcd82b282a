"""Contract rows that follow on without a gap are one employment, not a leaver and a hire."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analytics import store
from analytics.ingest.load import import_files
from analytics.metrics.base import Filters, Period
from analytics.metrics.headcount import headcount_raw
from analytics.metrics.turnover import turnover_raw

CONTRACTS = (
    (
        "Medewerker;Naam;Begindatum_contract;Einddatum_contract;Type_contract;FTE;"
        "Organisatorische_eenheid_omschrijving\n"
    )
    + """\
100;A;01-01-2022;31-12-2022;Tijdelijk;0,8;Inkoop
100;A;01-01-2023;;Vast;1,0;Inkoop
101;B;15-03-2020;14-03-2021;Tijdelijk;1,0;HR
101;B;15-03-2021;30-06-2024;Vast;1,0;HR
101;B;01-01-2025;;Vast;1,0;HR
"""
)


def test_follow_on_contracts_merge_and_keep_their_history(tmp_path: Path) -> None:
    source = tmp_path / "contracten.csv"
    source.write_text(CONTRACTS, encoding="utf-8")
    db = tmp_path / "koers.duckdb"
    report = import_files([source], db=db, today=date(2026, 1, 1))
    assert report.loaded, report.format()
    assert (report.files[0].rows_read, report.files[0].rows_loaded) == (5, 5)
    assert any("merged into 2 continuous employments" in n for n in report.files[0].notes)
    con = store.connect_reader(db)
    try:
        employments = con.sql(
            "SELECT employee_id, hire_date, termination_date, contract_type, fte "
            "FROM employments ORDER BY 1, 2"
        ).fetchall()
        assert employments == [
            ("100", date(2022, 1, 1), None, "permanent", 1.0),
            ("101", date(2020, 3, 15), date(2024, 6, 30), "permanent", 1.0),
            # A gap of six months: a real leaver and a re-hire.
            ("101", date(2025, 1, 1), None, "permanent", 1.0),
        ]
        history = con.sql(
            "SELECT employee_id, valid_from, valid_to, contract_type, fte FROM job_history "
            "ORDER BY 1, 2"
        ).fetchall()
        assert history == [
            ("100", date(2022, 1, 1), date(2022, 12, 31), "temporary", 0.8),
            ("100", date(2023, 1, 1), None, "permanent", 1.0),
            ("101", date(2020, 3, 15), date(2021, 3, 14), "temporary", 1.0),
            ("101", date(2021, 3, 15), date(2024, 6, 30), "permanent", 1.0),
        ]
        # The contract change on 1 Jan 2023 is neither a leaver nor a hire, and the fte of each
        # day follows the contract of that day.
        # (Two people: below the privacy minimum, so the unsuppressed domain functions are used.)
        period = Period(date(2022, 12, 1), date(2023, 1, 31))
        cursor = store.cursor(con)
        headcount = headcount_raw(cursor, Filters(period), None)
        turnover = turnover_raw(cursor, Filters(period), None)
        assert turnover.select("hires", "leavers").row(0) == (0, 0)
        assert headcount["average_fte"][0] == (31 * 0.8 + 31 * 1.0 + 62 * 1.0) / 62
    finally:
        con.close()
