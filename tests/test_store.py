"""The store: schema, data version, import log, atomic swap, rollback, readers during imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics import store
from analytics.contract import TABLES
from analytics.ingest.load import import_files

ROOT = Path(__file__).resolve().parents[1]

EMPLOYEES = (
    "Personeelsnummer;Naam;Geslacht;Datum in dienst;Datum uit dienst\n"
    "001;Anna de Vries;Vrouw;01-02-2018;\n"
    "002;Piet Jansen;Man;15-06-2015;31-05-2024\n"
)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _employees(tmp_path: Path, ids: range, name: str = "medewerkers.csv") -> Path:
    lines = ["Personeelsnummer;Datum in dienst"]
    lines += [f"{i:03d};15-01-2020" for i in ids]
    return _write(tmp_path / name, "\n".join(lines) + "\n")


def test_empty_store_has_every_canonical_table_and_schema_version(tmp_path: Path) -> None:
    files = store.ensure(tmp_path / "koers.duckdb")
    con = duckdb.connect(str(files.path), read_only=True)
    try:
        tables = {
            r[0] for r in con.sql("SELECT table_name FROM information_schema.tables").fetchall()
        }
        assert set(TABLES) | {"meta", "import_log"} <= tables
        for name, table in TABLES.items():
            columns = [
                r[0]
                for r in con.sql(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = $t "
                    "ORDER BY ordinal_position",
                    params={"t": name},
                ).fetchall()
            ]
            assert columns == [*table.column_names, "import_id"]
        assert store.fetch_one(con, "SELECT value FROM meta WHERE key = 'schema_version'") == (
            str(store.SCHEMA_VERSION),
        )
        assert store.data_version(con) == 1  # creating the schema is the first version
    finally:
        con.close()


def test_each_import_bumps_data_version_and_is_logged(tmp_path: Path) -> None:
    db = tmp_path / "koers.duckdb"
    source = _write(tmp_path / "medewerkers.csv", EMPLOYEES)
    first = import_files([source], db=db, today=date(2026, 1, 1))
    assert first.loaded and first.data_version == 1
    second = import_files(
        [_employees(tmp_path, range(10, 13), "nieuw.csv")], db=db, today=date(2026, 1, 1)
    )
    assert second.loaded and second.data_version == 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        log = con.sql(
            "SELECT file_name, kind, rows_read, rows_loaded, rows_rejected, length(sha256) "
            "FROM import_log ORDER BY import_id"
        ).fetchall()
        assert log == [
            ("medewerkers.csv", "employments", 2, 2, 0, 64),
            ("nieuw.csv", "employments", 3, 3, 0, 64),
        ]
        assert store.table_counts(con)["employments"] == 5
    finally:
        con.close()


def test_refused_import_leaves_the_file_untouched(tmp_path: Path) -> None:
    db = tmp_path / "koers.duckdb"
    import_files([_write(tmp_path / "a.csv", EMPLOYEES)], db=db)
    before = db.read_bytes()
    signature = store.StoreFiles(db).signature()
    bad = _write(tmp_path / "b.csv", "Personeelsnummer;Datum in dienst\n003;31-02-2020\n")
    report = import_files([bad], db=db)
    assert not report.loaded
    assert db.read_bytes() == before
    assert store.StoreFiles(db).signature() == signature
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary copy left behind


def test_rollback_restores_previous_content_with_a_new_data_version(tmp_path: Path) -> None:
    db = tmp_path / "koers.duckdb"
    import_files([_employees(tmp_path, range(1, 4), "a.csv")], db=db)
    import_files([_employees(tmp_path, range(4, 10), "b.csv")], db=db)
    assert store.read_data_version(db) == 2
    version = store.rollback(db)
    assert version == 3  # never reuses the discarded version's number
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert store.table_counts(con)["employments"] == 3
    finally:
        con.close()


def test_only_the_last_versions_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "koers.duckdb"
    for n in range(8):
        report = import_files([_employees(tmp_path, range(n * 10, n * 10 + 2), f"f{n}.csv")], db=db)
        assert report.loaded
    versions = store.StoreFiles(db).versions()
    assert [v.name for v in versions] == [f"v{n:08d}.duckdb" for n in range(3, 8)]


def test_rollback_without_history_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match="no earlier version"):
        store.rollback(tmp_path / "koers.duckdb")


def test_command_line_loads_while_another_process_reads(tmp_path: Path) -> None:
    """The dashboard holds a read-only connection; the command line must still load, and a new
    connection sees the new data while the old one keeps its snapshot."""
    db = tmp_path / "koers.duckdb"
    import_files([_employees(tmp_path, range(1, 4), "a.csv")], db=db)
    reader = store.connect_reader(db)
    try:
        signature = store.StoreFiles(db).signature()
        new_file = _employees(tmp_path, range(4, 9), "b.csv")
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "load", str(new_file), "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Loaded. Data version 2." in done.stdout
        assert store.table_counts(reader)["employments"] == 3  # the open snapshot
        assert store.StoreFiles(db).signature() != signature  # the cue to reconnect
        fresh = store.connect_reader(db)
        try:
            assert store.table_counts(fresh)["employments"] == 8
            assert store.data_version(fresh) == 2
        finally:
            fresh.close()
    finally:
        reader.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "koers.duckdb"
    store.ensure(db)
    con = duckdb.connect(str(db))
    con.sql("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(store.StoreError, match="newer than this Koers"), store.write(db):
        pass


def test_a_store_from_an_older_koers_is_migrated_on_open(tmp_path: Path) -> None:
    db = tmp_path / "koers.duckdb"
    con = duckdb.connect(str(db))
    for statement in store.MIGRATIONS[1]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO employments (employee_id, hire_date) VALUES ('001', DATE '2020-01-13')"
    )
    con.close()
    reader = store.connect_reader(db)
    try:
        assert store.fetch_one(reader, "SELECT value FROM meta WHERE key = 'schema_version'") == (
            str(store.SCHEMA_VERSION),
        )
        # The derived tables exist and describe the data already there.
        assert store.fetch_one(reader, "SELECT count(*) FROM employment_segments") == (1,)
        assert store.data_version(reader) == 1
    finally:
        reader.close()


UNITS = "Eenheid;Bovenliggende eenheid\nDirectie;\nZorg;Directie\nWijk;Zorg\n"
STAFF = (
    "Personeelsnummer;Geslacht;Geboortedatum;Datum in dienst;Datum uit dienst;Afdeling;"
    "Bruto jaarsalaris;Bonus\n"
    "001;Vrouw;01-05-1975;01-01-2020;;Wijk;48.000,00;2.000,00\n"
    "002;Man;01-05-1990;01-01-2020;;Wijk;42.000,00;\n"
    "003;Vrouw;01-05-1960;01-01-2020;30-06-2024;Zorg;60.000,00;\n"
)


def test_a_store_of_schema_3_gets_the_unit_hierarchy_with_the_same_figures(
    tmp_path: Path,
) -> None:
    from analytics.metrics import Filters, headcount, pay, turnover

    fresh = tmp_path / "fresh.duckdb"
    report = import_files(
        [_write(tmp_path / "org.csv", UNITS), _write(tmp_path / "mensen.csv", STAFF)], db=fresh
    )
    assert report.loaded, report.format()
    # The same canonical rows in a store as Koers with schema version 3 left it.
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    for version in (1, 2, 3):
        for statement in store.MIGRATIONS[version]:
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    con.execute(f"ATTACH '{fresh}' AS fresh (READ_ONLY)")
    for name in ("employments", "org_units"):
        con.execute(f"INSERT INTO {name} SELECT * FROM fresh.{name}")
    con.close()
    assert "org_unit_levels" not in {r[0] for r in _tables(old)}

    year = Filters.for_period(date(2024, 1, 1), date(2024, 12, 31))
    figures = {}
    for path in (fresh, old):
        reader = store.connect_reader(path)
        try:
            version = store.fetch_one(reader, "SELECT value FROM meta WHERE key = 'schema_version'")
            assert version == (str(store.SCHEMA_VERSION),)
            cur = store.cursor(reader)
            figures[path] = (
                cur.sql("SELECT * FROM org_unit_levels ORDER BY unit_id").fetchall(),
                cur.sql(
                    "SELECT employee_id, org_level_1, org_level_2, annual_bonus "
                    "FROM employment_segments ORDER BY employee_id"
                ).fetchall(),
                headcount.headcount_raw(cur, year, "org_level_2").to_dicts(),
                turnover.turnover_counts_raw(cur, year, "org_level_3").to_dicts(),
                pay.pay_gaps_raw(cur, year, "org_level_1").to_dicts(),
            )
        finally:
            reader.close()
    assert figures[old] == figures[fresh]
    levels, segments, heads, leavers, gaps = figures[old]
    assert levels == [
        ("Directie", "Directie", "Directie", None, None, ["Directie"]),
        ("Wijk", "Wijk", "Directie", "Zorg", "Wijk", ["Directie", "Zorg", "Wijk"]),
        ("Zorg", "Zorg", "Directie", "Zorg", None, ["Directie", "Zorg"]),
    ]
    assert segments == [
        ("001", "Directie", "Zorg", 2000.0),
        ("002", "Directie", "Zorg", None),
        ("003", "Directie", "Zorg", None),
    ]
    assert [(h["group"], h["headcount_start"], h["headcount_end"]) for h in heads] == [
        ("Zorg", 3, 2)
    ]
    assert [(t["group"], t["leavers"]) for t in leavers] == [("Zorg", 1)]  # 003 left Zorg
    total = next(g for g in gaps if g["component"] == "variable")
    assert (total["group"], total["female"], total["male"]) == ("Directie", 1, 0)


def _tables(path: Path) -> list[tuple[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.sql("SELECT table_name FROM information_schema.tables").fetchall()
    finally:
        con.close()
