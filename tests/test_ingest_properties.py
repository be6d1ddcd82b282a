"""Property tests: whatever file a user drops in, the importer returns a report and never raises.

When the report says "not loaded", the store file is byte for byte what it was; when it says
"loaded", every row read is either loaded or rejected, and the import log says the same.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from analytics.ingest.load import ImportReport, import_files

TODAY = date(2025, 1, 1)
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run
    database=None,
    # No shrinking: a failure is reported as drawn, and a failing run stays fast.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HEADER = [
    "Personeelsnummer",
    "Naam",
    "Geslacht",
    "Geboortedatum",
    "Datum in dienst",
    "Datum uit dienst",
    "Soort uitdiensttreding",
    "Afdeling",
    "Soort contract",
    "FTE",
    "Bruto jaarsalaris",
]
ROWS = [
    ["101", "José Müller", "Man", "14-03-1985", "01-02-2015", "31-12-2023", "Eigen verzoek",
     "Financiën", "Vast", "0,8", "45.600,00"],
    ["102", "Zoë de Vries", "Vrouw", "23-11-1990", "15-06-2018", "30-06-2024", "Pensioen",
     "Verkoop", "Tijdelijk", "1,0", "38.250,50"],
    ["103", "Piet Jansen", "Man", "05-07-1970", "13-09-2010", "31-08-2024", "Einde contract",
     "ICT", "Uitzendkracht", "0,6", "52.000,00"],
    ["104", "Anouk Bakker", "Vrouw", "28-04-1999", "01-01-2024", "30-04-2024",
     "Ontslag werkgever", "HR", "Oproepkracht", "0,5", "28.000,00"],
]  # fmt: skip

# Headers and cells that make a random file look like an export now and then.
HEADER_POOL = [
    *HEADER,
    "Employee Number",
    "Hire Date",
    "Eerste ziektedag",
    "Hersteldatum",
    "Peildatum",
    "Afdelingscode",
    "Vraagcode",
    "Score",
    "Ronde",
    "Diagnose",
    "",
]
CELL_POOL = [
    "13-01-2020",
    "31-02-2024",
    "2024-02-29",
    "1/13/2020",
    "07/10/83",
    "1985",
    "0,8",
    "1.234,56",
    "45,600.00",
    "-1",
    "1e5",
    "Vast",
    "Man",
    "Ja",
    "",
    " ",
    '"',
    "001",
]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]


def serialise(rows: list[list[str]], delimiter: str, line_end: str, quoting: int | None) -> str:
    """Rows as CSV text; quoting None writes the cells raw (broken quoting and all)."""
    if quoting is None:
        return "".join(delimiter.join(row) + line_end for row in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=line_end)
    writer.writerows(rows)
    return buffer.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store that already holds three employees (data version 1)."""
    folder = tmp_path_factory.mktemp("seeded")
    export = folder / "bestaand.csv"
    export.write_text(
        "Personeelsnummer;Datum in dienst\n9001;13-01-2015\n9002;01-06-2016\n9003;14-02-2019\n",
        encoding="utf-8",
    )
    report = import_files([export], db=folder / "koers.duckdb", today=TODAY)
    assert report.loaded, report.format()
    return folder / "koers.duckdb"


def import_never_raises(
    template: Path, files: dict[str, bytes], *, keep_valid: bool = False
) -> ImportReport:
    """Import the files into a copy of the template store and check the report's promises."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        folder = Path(tmp)
        db = folder / "koers.duckdb"
        shutil.copyfile(template, db)
        before = digest(db)
        paths = []
        for name, data in files.items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)

        report = import_files(paths, db=db, today=TODAY, keep_valid=keep_valid)

        assert isinstance(report, ImportReport)
        assert isinstance(report.format(max_errors=5), str)
        for error in report.errors:
            assert any(error.file.startswith(name) for name in files), error
            assert error.row is None or error.row >= 2, error
            assert error.expected, error
            assert str(error).startswith(error.file)
        assert not list(folder.glob(".*.tmp")), "a temporary store was left behind"
        if not report.loaded:
            assert report.data_version is None
            assert digest(db) == before, "a refused import changed the store"
            assert all(file.rows_loaded == 0 for file in report.files)
            return report

        assert report.data_version == 2
        for file in report.files:
            assert file.rows_loaded + file.rows_rejected == file.rows_read, file
            assert 0 <= file.rows_rejected <= file.rows_read, file
            if not keep_valid:
                assert file.rows_rejected == 0, file
        if not keep_valid:
            assert report.errors == []
        con = duckdb.connect(str(db), read_only=True)
        try:
            logged = con.sql(
                "SELECT file_name, rows_read, rows_loaded, rows_rejected FROM import_log "
                "WHERE data_version = 2"
            ).fetchall()
            version = con.sql("SELECT value FROM meta WHERE key = 'data_version'").fetchall()
        finally:
            con.close()
        assert version == [("2",)]
        assert sorted(logged) == sorted(
            (f.file, f.rows_read, f.rows_loaded, f.rows_rejected) for f in report.files
        )
        return report


def test_the_unmangled_export_loads(seeded_store: Path) -> None:
    text = serialise([HEADER, *ROWS], ";", "\r\n", csv.QUOTE_MINIMAL)
    report = import_never_raises(seeded_store, {"medewerkers.csv": text.encode("cp1252")})
    assert report.loaded, report.format()
    assert [(f.rows_read, f.rows_loaded, f.rows_rejected) for f in report.files] == [(4, 4, 0)]


@PROPERTIES
@given(
    prefix=st.sampled_from(
        [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"PAR1"]
    ),
    body=st.binary(max_size=1500),
    suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".parquet"]),
)
@example(prefix=b"\xff\xfe", body=b"a\x00,\x00b\x00\n\x00x", suffix=".csv")  # UTF-16, cut short
@example(prefix=b"\xef\xbb\xbf", body=b"a;b\n\xff;1\n", suffix=".csv")  # BOM, then not UTF-8
def test_random_bytes(seeded_store: Path, prefix: bytes, body: bytes, suffix: str) -> None:
    import_never_raises(seeded_store, {f"export{suffix}": prefix + body})


@PROPERTIES
@given(
    header=st.lists(st.one_of(st.sampled_from(HEADER_POOL), st.text(max_size=10)), max_size=6),
    rows=st.lists(
        st.lists(st.one_of(st.sampled_from(CELL_POOL), st.text(max_size=12)), max_size=7),
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";", "\t", "|", " ", ":"]),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, None]),
    encoding=st.sampled_from(ENCODINGS),
    keep_valid=st.booleans(),
)
def test_random_csv_text(
    seeded_store: Path,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    line_end: str,
    quoting: int | None,
    encoding: str,
    keep_valid: bool,
) -> None:
    text = serialise([header, *rows], delimiter, line_end, quoting)
    data = text.encode(encoding, errors="replace")
    import_never_raises(seeded_store, {"export.csv": data}, keep_valid=keep_valid)


@PROPERTIES
@given(data=st.data())
def test_mangled_dutch_export(seeded_store: Path, data: st.DataObject) -> None:
    table = [list(HEADER), *(list(row) for row in ROWS)]
    for _ in range(data.draw(st.integers(0, 4), label="operations")):
        width = len(table[0])
        operation = data.draw(
            st.sampled_from(["drop", "duplicate", "shuffle", "cell", "copy row", "drop row"])
        )
        if operation == "drop" and width > 1:
            column = data.draw(st.integers(0, width - 1))
            table = [row[:column] + row[column + 1 :] for row in table]
        elif operation == "duplicate":
            column = data.draw(st.integers(0, width - 1))
            table = [[*row, row[column]] for row in table]
        elif operation == "shuffle":
            order = data.draw(st.permutations(range(width)))
            table = [[row[i] for i in order] for row in table]
        elif operation == "cell":
            row = data.draw(st.integers(0, len(table) - 1))
            column = data.draw(st.integers(0, width - 1))
            table[row][column] = data.draw(
                st.one_of(st.sampled_from(CELL_POOL + HEADER_POOL), st.text(max_size=15))
            )
        elif operation == "copy row" and len(table) > 1:
            table.append(list(table[data.draw(st.integers(1, len(table) - 1))]))
        elif operation == "drop row" and len(table) > 1:
            del table[data.draw(st.integers(1, len(table) - 1))]

    text = serialise(table, ";", data.draw(st.sampled_from(["\n", "\r\n"])), csv.QUOTE_MINIMAL)
    if data.draw(st.booleans(), label="insert unicode"):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.text(min_size=1, max_size=8)) + text[at:]
    encoded = text.encode(data.draw(st.sampled_from(ENCODINGS)), errors="replace")
    if data.draw(st.booleans(), label="truncate"):
        encoded = encoded[: data.draw(st.integers(0, len(encoded)))]
    keep_valid = data.draw(st.booleans(), label="keep valid")
    import_never_raises(seeded_store, {"medewerkers.csv": encoded}, keep_valid=keep_valid)
