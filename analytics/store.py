"""The DuckDB store: canonical tables, schema migrations, data version, import log, versioned files.

DuckDB locks a database file per process: while one process writes it, no other can open it, not
even read-only. So the store is never written in place. An import copies the current file, writes
into the copy in one transaction, and swaps it in with `os.replace`. A running dashboard keeps
reading its open snapshot, sees the new inode on its next check and reconnects. The replaced files
are kept (hard links, no copy) for `python -m analytics rollback`.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.config import default, store_path
from analytics.contract import TABLES, Table

SCHEMA_VERSION = 4


def _table_ddl(table: Table) -> str:
    columns = ",\n    ".join(f"{c.name} {c.sql_type}" for c in table.columns)
    return f"CREATE TABLE {table.name} (\n    {columns},\n    import_id BIGINT\n)"


# Columns that version 4 adds to employment_segments.
_SEGMENT_COLUMNS_4 = (
    "org_level_1 VARCHAR", "org_level_2 VARCHAR", "org_level_3 VARCHAR",
    "generation VARCHAR", "annual_bonus DOUBLE", "termination_reason VARCHAR",
)  # fmt: skip

# Each migration brings the schema from version n-1 to n. Never edit one that has shipped: add one.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        """CREATE TABLE import_log (
            import_id BIGINT PRIMARY KEY,
            data_version BIGINT NOT NULL,
            file_name VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_loaded BIGINT NOT NULL,
            rows_rejected BIGINT NOT NULL,
            replaced BOOLEAN NOT NULL,
            imported_at TIMESTAMP NOT NULL,
            imported_by VARCHAR
        )""",
        *(_table_ddl(t) for t in TABLES.values()),
        "INSERT INTO meta VALUES ('data_version', '0')",
    ],
    # Derived: employment segments (see sql/segments.sql), rebuilt after every import.
    2: [
        """CREATE TABLE employment_segments (
            employee_id VARCHAR, hire_date DATE, termination_date DATE,
            seg_start DATE, seg_end DATE,
            department VARCHAR, job_title VARCHAR, job_family VARCHAR, grade VARCHAR,
            manager_id VARCHAR, location VARCHAR, work_arrangement VARCHAR,
            contract_type VARCHAR, fte DOUBLE, annual_salary DOUBLE,
            gender VARCHAR, birth_date DATE, province VARCHAR, termination_type VARCHAR,
            regretted BOOLEAN
        )""",
    ],
    # Derived: sickness rows with their spell key, and one row per spell (sql/absence_derived.sql).
    3: [
        """CREATE TABLE absence_sick_rows (
            employee_id VARCHAR, start_date DATE, end_date DATE, ao DOUBLE, spell_key VARCHAR
        )""",
        """CREATE TABLE absence_spells (
            employee_id VARCHAR, spell_key VARCHAR, first_day DATE, last_day DATE
        )""",
    ],
    # Derived: the org-unit hierarchy with its labels and levels (sql/unit_levels.sql), and on
    # each segment what metric queries would otherwise join or compute every time: its org levels,
    # the generation, the employment's bonus and termination reason (sql/segments_enriched.sql).
    4: [
        "CREATE TABLE org_unit_labels (unit_id VARCHAR, label VARCHAR)",
        """CREATE TABLE org_unit_levels (
            unit_id VARCHAR, label VARCHAR,
            org_level_1 VARCHAR, org_level_2 VARCHAR, org_level_3 VARCHAR, path VARCHAR[]
        )""",
        *(f"ALTER TABLE employment_segments ADD COLUMN {column}" for column in _SEGMENT_COLUMNS_4),
    ],
}


class StoreError(RuntimeError):
    pass


@dataclass(frozen=True)
class StoreFiles:
    """Where a store and its companions live."""

    path: Path

    @classmethod
    def resolve(cls, path: Path | str | None = None) -> StoreFiles:
        return cls(Path(path).resolve() if path else store_path())

    @property
    def history(self) -> Path:
        return self.path.with_name(self.path.name + ".history")

    @property
    def lock(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def versions(self) -> list[Path]:
        """Earlier versions, oldest first."""
        if not self.history.is_dir():
            return []
        return sorted(self.history.glob("v*.duckdb"))

    def signature(self) -> tuple[int, int] | None:
        """Changes whenever a new version is swapped in (a reader's cue to reconnect)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns)


def fetch_one(
    con: duckdb.DuckDBPyConnection, query: str, params: dict | None = None
) -> tuple | None:
    """The first row of a query (DuckDB 2 relations have no fetchone)."""
    rows = con.sql(query, params=params).limit(1).fetchall()
    return rows[0] if rows else None


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = fetch_one(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    )
    if not exists or not exists[0]:
        return 0
    row = fetch_one(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the missing migrations; returns the schema version."""
    current = _schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {current}, newer than this Koers ({SCHEMA_VERSION}); "
            "update Koers"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        for statement in MIGRATIONS[version]:
            con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
        con.execute("COMMIT")
    return SCHEMA_VERSION


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the tables derived from the canonical ones, once per data version, so that
    metric queries read them instead of recomputing them on every question."""
    from analytics.sql import load

    con.execute("DELETE FROM org_unit_labels")
    con.execute("DELETE FROM org_unit_levels")
    con.execute(load("unit_levels"))  # two statements, run in order
    con.execute("DELETE FROM employment_segments")  # reads org_unit_levels
    con.execute(
        "INSERT INTO employment_segments BY NAME WITH segments AS (\n"
        + load("segments")
        + "\n)\n"
        + load("segments_enriched")
    )
    con.execute("DELETE FROM absence_sick_rows")
    con.execute("DELETE FROM absence_spells")
    con.execute(load("absence_derived"))  # two statements, run in order


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    row = fetch_one(con, "SELECT value FROM meta WHERE key = 'data_version'")
    return int(row[0]) if row else 0


@contextlib.contextmanager
def _exclusive(files: StoreFiles) -> Iterator[None]:
    """One writer at a time across processes (two imports would otherwise lose one's data)."""
    files.lock.parent.mkdir(parents=True, exist_ok=True)
    with open(files.lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Writer:
    """An open write transaction on a fresh copy of the store."""

    def __init__(self, con: duckdb.DuckDBPyConnection, version: int) -> None:
        self.con = con
        self.data_version = version

    def next_import_id(self) -> int:
        row = fetch_one(self.con, "SELECT coalesce(max(import_id), 0) + 1 FROM import_log")
        return int(row[0]) if row else 1

    def log_import(
        self,
        *,
        import_id: int,
        file_name: str,
        sha256: str,
        kind: str,
        rows_read: int,
        rows_loaded: int,
        rows_rejected: int,
        replaced: bool,
        user: str | None = None,
    ) -> None:
        self.con.execute(
            "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, ?)",
            [
                import_id,
                self.data_version,
                file_name,
                sha256,
                kind,
                rows_read,
                rows_loaded,
                rows_rejected,
                replaced,
                user or os.environ.get("KOERS_USER") or _user(),
            ],
        )


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


@contextlib.contextmanager
def write(path: Path | str | None = None) -> Iterator[Writer]:
    """Open the store for one import: everything inside lands together or not at all.

    On success the new version is swapped in atomically and the old one kept for rollback; on any
    exception the temporary copy is deleted and the current store is untouched.
    """
    files = StoreFiles.resolve(path)
    files.path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(files):
        temp = files.path.with_name(f".{files.path.name}.{os.getpid()}.tmp")
        _remove(temp)
        if files.path.exists():
            shutil.copyfile(files.path, temp)
        con = duckdb.connect(str(temp))
        try:
            migrate(con)
            version = data_version(con) + 1
            con.execute("BEGIN TRANSACTION")
            writer = Writer(con, version)
            yield writer
            refresh_derived(con)
            con.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)])
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
            con.close()
        except BaseException:
            con.close()
            _remove(temp)
            raise
        _swap_in(files, temp, version - 1)


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _swap_in(files: StoreFiles, temp: Path, previous_version: int) -> None:
    if files.path.exists():
        files.history.mkdir(exist_ok=True)
        keep = files.history / f"v{previous_version:08d}.duckdb"
        _remove(keep)
        os.link(files.path, keep)
    os.replace(temp, files.path)
    versions = files.versions()
    for old in versions[: max(0, len(versions) - int(default("keep_versions")))]:  # type: ignore[arg-type]
        _remove(old)


def rollback(path: Path | str | None = None) -> int:
    """Put the newest kept version back and discard the current one; returns the new data version.

    The restored data gets a fresh data version (not its old number), so that nothing cached for
    the discarded version can be mistaken for it.
    """
    files = StoreFiles.resolve(path)
    with _exclusive(files):
        versions = files.versions()
        if not versions:
            raise StoreError(f"{files.path.name}: no earlier version to roll back to")
        newest = versions[-1]
        current = read_data_version(files.path) or 0
        temp = files.path.with_name(f".{files.path.name}.{os.getpid()}.tmp")
        shutil.copyfile(newest, temp)
        con = duckdb.connect(str(temp))
        try:
            version = max(current, data_version(con)) + 1
            con.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(temp, files.path)
        _remove(newest)
    return version


def read_data_version(path: Path | str | None = None) -> int | None:
    files = StoreFiles.resolve(path)
    if not files.path.exists():
        return None
    con = connect_reader(files.path)
    try:
        return data_version(con)
    finally:
        con.close()


def ensure(path: Path | str | None = None) -> StoreFiles:
    """Create an empty store (schema only) when none exists yet."""
    files = StoreFiles.resolve(path)
    if not files.path.exists() or _stored_schema(files.path) < SCHEMA_VERSION:
        # A new store, or one from an older Koers: migrate and derive (a new data version).
        with write(files.path):
            pass
    return files


def _stored_schema(path: Path) -> int:
    con = duckdb.connect(":memory:")
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS stored (READ_ONLY)")
        con.execute("USE stored")
        return _schema_version(con)
    finally:
        con.close()


def connect_reader(path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection; several processes may hold one while imports swap in new files.

    DuckDB connections are not thread-safe: threads (Streamlit sessions) take `con.cursor()`.
    """
    files = ensure(path)
    # DuckDB shares one database instance per path within a process, so a second connect() would
    # return the old, replaced file. Attaching to a fresh in-memory instance opens the current one.
    con = duckdb.connect(":memory:")
    quoted = str(files.path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS koers (READ_ONLY)")  # the store path, never user input
    con.execute("USE koers")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread that sees the same default database as `con` (a plain
    `con.cursor()` forgets the `USE` of an attached store)."""
    row = fetch_one(con, "SELECT current_database()")
    cur = con.cursor()
    if row:
        cur.execute('USE "' + str(row[0]).replace('"', '""') + '"')
    return cur


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {}
    for name in TABLES:
        row = fetch_one(con, f"SELECT count(*) FROM {name}")  # names from the contract only
        counts[name] = int(row[0]) if row else 0
    return counts
