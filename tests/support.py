"""Helpers shared by the importer tests: write a file, load it, read the store back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from analytics.ingest.load import ImportReport, import_files

TODAY = date(2025, 1, 1)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def fetch(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def load(paths: list[Path], db: Path, **options: Any) -> ImportReport:
    """Import that must succeed."""
    report = import_files(paths, db=db, today=TODAY, **options)
    assert report.loaded, report.format()
    return report


# A small organisation for the dashboard tests (AppTest and the real browser).
APP_EMPLOYEES = """\
Personeelsnummer;Naam;Geslacht;Datum in dienst;Datum uit dienst
1001;Anna de Vries;V;01-02-2015;
1002;Bram Jansen;M;15-03-2018;31-12-2023
1003;Carla Bakker;V;01-09-2020;
1004;Daan Visser;M;01-01-2012;30-06-2022
1005;Eva Smit;V;01-05-2019;
1006;Femke Mulder;V;01-10-2021;
"""
APP_ABSENCES = """\
Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
1001;10-01-2024;12-01-2024;Ziekte;100
1003;05-02-2024;20-02-2024;Ziekte;50
1005;01-03-2024;;Ziekte;100
"""
APP_MORE_ABSENCES = """\
Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
1006;13-05-2024;17-05-2024;Ziekte;100
1001;18-06-2024;19-06-2024;Ziekte;100
"""
