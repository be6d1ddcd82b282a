"""Readers: every CSV dialect the data contract accepts, Excel and Parquet, and files that cannot be
read. Each dialect is checked twice: the raw cells as read, and the typed values after an import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from analytics.ingest.load import import_files
from analytics.ingest.mapping import MappingFile
from analytics.ingest.readers import RawTable, ReadError, read_csv_bytes, read_file
from tests.support import TODAY, fetch, load, write

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


# --- CSV dialects -------------------------------------------------------------------------------

DUTCH_CP1252 = (
    "Personeelsnummer;Naam;Geboortedatum;Datum in dienst;Afdeling;FTE;Bruto jaarsalaris\r\n"
    "001;José Müller;14-03-1985;01-02-2015;Financiën;0,8;€ 45.600,00\r\n"
    "002;Zoë de Vries;23-11-1990;15-06-2018;Verkoop;1,0;38.250,50\r\n"
)


def test_semicolon_decimal_comma_day_first_cp1252(tmp_path: Path, db: Path) -> None:
    path = write(tmp_path / "medewerkers.csv", DUTCH_CP1252, "cp1252")
    data = path.read_bytes()
    assert b"\x80" in data  # the euro sign as cp1252 writes it: this file is not UTF-8
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    raw = read_file(path)
    assert raw.dialect == {"encoding": "Windows-1252", "delimiter": "semicolon"}
    assert raw.first_row == 2
    assert raw.headers == [
        "Personeelsnummer",
        "Naam",
        "Geboortedatum",
        "Datum in dienst",
        "Afdeling",
        "FTE",
        "Bruto jaarsalaris",
    ]
    assert raw.frame.row(0) == (
        "001",
        "José Müller",
        "14-03-1985",
        "01-02-2015",
        "Financiën",
        "0,8",
        "€ 45.600,00",
    )

    load([path], db)
    assert fetch(
        db,
        "SELECT employee_id, name, birth_date, hire_date, department, fte, annual_salary "
        "FROM employments ORDER BY employee_id",
    ) == [
        ("001", "José Müller", date(1985, 3, 14), date(2015, 2, 1), "Financiën", 0.8, 45600.0),
        ("002", "Zoë de Vries", date(1990, 11, 23), date(2018, 6, 15), "Verkoop", 1.0, 38250.5),
    ]


def test_utf8_with_bom_and_crlf(tmp_path: Path, db: Path) -> None:
    text = (
        "\ufeffEmployee Number,Name,Hire Date,Termination Date\r\n"
        "E-01,Ann Smith,2019-04-30,2023-01-15\r\n"
        "E-02,Bob Jones,2020-11-02,\r\n"
    )
    path = write(tmp_path / "employees.csv", text)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    raw = read_file(path)
    assert raw.dialect == {"encoding": "UTF-8 with BOM", "delimiter": "comma"}
    assert raw.headers[0] == "Employee Number"  # no BOM glued to the first header
    assert raw.frame["Termination Date"].to_list() == ["2023-01-15", None]  # no stray '\r'

    load([path], db)
    assert fetch(
        db, "SELECT employee_id, hire_date, termination_date FROM employments ORDER BY 1"
    ) == [
        ("E-01", date(2019, 4, 30), date(2023, 1, 15)),
        ("E-02", date(2020, 11, 2), None),
    ]


def test_comma_with_iso_dates(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "Employee Number,Hire Date,Termination Date,FTE,Salary\n"
        "17,2021-03-01,2024-02-29,0.75,51234.5\n"
        "18,2022-10-12,2024-12-31,1,60000\n",
    )
    raw = read_file(path)
    assert raw.dialect == {"encoding": "UTF-8", "delimiter": "comma"}

    load([path], db)
    assert fetch(
        db,
        "SELECT employee_id, hire_date, termination_date, fte, annual_salary "
        "FROM employments ORDER BY 1",
    ) == [
        ("17", date(2021, 3, 1), date(2024, 2, 29), 0.75, 51234.5),
        ("18", date(2022, 10, 12), date(2024, 12, 31), 1.0, 60000.0),
    ]


@pytest.mark.parametrize(
    ("name", "delimiter", "dialect_name"),
    [("export.txt", "\t", "tab"), ("export.tsv", "\t", "tab"), ("export.csv", "|", "pipe")],
)
def test_tab_and_pipe_separated(
    tmp_path: Path, db: Path, name: str, delimiter: str, dialect_name: str
) -> None:
    lines = [
        ["Personeelsnummer", "Naam", "Datum in dienst", "Afdeling"],
        ["0042", "Fatima Ouali", "13-01-2020", "Klantenservice"],
        ["0043", "Kees Bos", "01-12-2021", "Logistiek"],
    ]
    path = write(tmp_path / name, "".join(delimiter.join(line) + "\n" for line in lines))
    raw = read_file(path)
    assert raw.dialect["delimiter"] == dialect_name
    assert raw.frame.rows() == [tuple(line) for line in lines[1:]]

    load([path], db)
    assert fetch(db, "SELECT employee_id, name, hire_date, department FROM employments") == [
        ("0042", "Fatima Ouali", date(2020, 1, 13), "Klantenservice"),
        ("0043", "Kees Bos", date(2021, 12, 1), "Logistiek"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            'Employee Number,Name,Hire Date\n1,"Jansen, Piet",2020-01-13\n'
            '2,"Vries, Anouk de",2021-03-01\n',
            ["Jansen, Piet", "Vries, Anouk de"],
        ),
        (
            'Personeelsnummer;Naam;Datum in dienst\n1;"Jansen; Piet";13-01-2020\n'
            '2;"Vries; Anouk de";01-03-2021\n',
            ["Jansen; Piet", "Vries; Anouk de"],
        ),
    ],
)
def test_quoted_fields_containing_the_delimiter(
    tmp_path: Path, db: Path, text: str, names: list[str]
) -> None:
    path = write(tmp_path / "namen.csv", text)
    raw = read_file(path)
    assert raw.frame.width == 3
    assert raw.frame[raw.headers[1]].to_list() == names

    load([path], db)
    assert [r[0] for r in fetch(db, "SELECT name FROM employments ORDER BY employee_id")] == names


def test_leading_blank_lines_keep_spreadsheet_row_numbers(tmp_path: Path, db: Path) -> None:
    # Lines 1 and 2 are blank, the header is on line 3, the data on lines 4 and 5.
    text = "\r\n  \r\nPersoneelsnummer;Datum in dienst\r\n001;13-01-2020\r\n002;31-02-2024\r\n"
    path = write(tmp_path / "leeg_begin.csv", text)
    raw = read_file(path)
    assert raw.first_row == 4
    assert raw.headers == ["Personeelsnummer", "Datum in dienst"]
    assert raw.frame.height == 2

    report = import_files([path], db=db, today=TODAY)
    assert not report.loaded
    assert [(e.file, e.row, e.column, e.value) for e in report.errors] == [
        ("leeg_begin.csv", 5, "Datum in dienst", "31-02-2024")
    ]


def test_trailing_delimiter_adds_no_column(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "Personeelsnummer;Datum in dienst;Afdeling;\n001;13-01-2020;HR;\n002;14-02-2021;ICT;\n",
    )
    raw = read_file(path)
    assert raw.headers == ["Personeelsnummer", "Datum in dienst", "Afdeling"]

    report = load([path], db)
    assert report.files[0].unmatched == ()
    assert fetch(db, "SELECT employee_id, hire_date, department FROM employments ORDER BY 1") == [
        ("001", date(2020, 1, 13), "HR"),
        ("002", date(2021, 2, 14), "ICT"),
    ]


@pytest.mark.parametrize(
    ("delimiter", "cell", "expected"),
    [
        (";", "45.600,00", 45600.0),
        (";", "1.234.567,89", 1234567.89),
        (";", "€ 45.600", 45600.0),  # a thousands dot alone, in a decimal-comma file
        (",", '"45,600.00"', 45600.0),
        (",", '"1,234,567.89"', 1234567.89),
        # A thousands comma alone, in a decimal-point file (the mirror of the case above).
        (",", '"45,600"', 45600.0),
    ],
)
def test_thousands_separators(
    tmp_path: Path, db: Path, delimiter: str, cell: str, expected: float
) -> None:
    header = delimiter.join(["Personeelsnummer", "Datum in dienst", "Bruto jaarsalaris"])
    row = delimiter.join(["001", "2020-01-13", cell])
    path = write(tmp_path / "salaris.csv", f"{header}\n{row}\n")
    load([path], db)
    assert fetch(db, "SELECT annual_salary FROM employments") == [(expected,)]


def test_month_first_dates(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "us.csv",
        "Employee Number,Hire Date,Termination Date\n1,1/13/2020,3/1/2021\n2,3/4/2019,\n",
    )
    report = load([path], db)
    assert any("date order mdy" in note for note in report.files[0].notes)
    assert fetch(db, "SELECT employee_id, hire_date, termination_date FROM employments") == [
        ("1", date(2020, 1, 13), date(2021, 3, 1)),
        ("2", date(2019, 3, 4), None),  # 4 March, not 3 April
    ]


def test_two_digit_years_in_a_month_first_file(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "us.csv",
        "Employee Number,Date of Birth,Hire Date\n1,07/10/83,7/13/2011\n2,12/25/99,1/5/15\n",
    )
    load([path], db)
    assert fetch(db, "SELECT employee_id, birth_date, hire_date FROM employments") == [
        ("1", date(1983, 7, 10), date(2011, 7, 13)),
        ("2", date(1999, 12, 25), date(2015, 1, 5)),
    ]


def test_birth_year_only_is_first_of_july(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "jaar.csv",
        "Personeelsnummer;Geboortejaar;Datum in dienst\n001;1985;13-01-2020\n002;1962;01-05-2003\n",
    )
    load([path], db)
    assert fetch(db, "SELECT employee_id, birth_date, hire_date FROM employments") == [
        ("001", date(1985, 7, 1), date(2020, 1, 13)),
        ("002", date(1962, 7, 1), date(2003, 5, 1)),
    ]


def test_utf16_unicode_text_from_excel(tmp_path: Path, db: Path) -> None:
    # Excel's "Unicode text" is UTF-16 with a BOM, tab-separated.
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "Personeelsnummer\tNaam\tDatum in dienst\r\n001\tZoë\t13-01-2020\r\n".encode("utf-16")
    )
    raw = read_file(path)
    assert raw.dialect == {"encoding": "UTF-16", "delimiter": "tab"}
    load([path], db)
    assert fetch(db, "SELECT employee_id, name, hire_date FROM employments") == [
        ("001", "Zoë", date(2020, 1, 13))
    ]


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="shared data not present")
def test_shared_hr_dataset_dialect() -> None:
    raw = read_file(SHARED_DATA / "HRDataset_v14.csv")
    assert raw.dialect == {"encoding": "UTF-8 with BOM", "delimiter": "comma"}
    assert raw.frame.shape == (311, 36)
    assert raw.headers[0] == "Employee_Name"
    first = raw.frame.row(0, named=True)
    assert first["Employee_Name"] == "Adinolfi, Wilson  K"  # quoted comma kept, outer blanks cut
    assert first["Sex"] == "M"  # 'M ' trimmed
    assert first["Zip"] == "01960"  # leading zero kept: every cell is text
    assert first["DOB"] == "07/10/83"
    assert first["Absences"] == "1"  # the last column carries no '\r'


# --- Excel and Parquet --------------------------------------------------------------------------


def _workbook(path: Path, fte: float = 1.0) -> Path:
    employees = pl.DataFrame(
        {
            "Personeelsnummer": ["001", "002"],
            "Datum in dienst": [date(2020, 1, 31), date(2021, 3, 1)],
            "FTE": [0.8, fte],
        }
    )
    with xlsxwriter.Workbook(path) as workbook:
        pl.DataFrame({"Toelichting": ["export van 1-1-2025"]}).write_excel(
            workbook, worksheet="Info"
        )
        employees.write_excel(workbook, worksheet="Medewerkers")
    return path


def test_xlsx_first_sheet_or_a_chosen_one(tmp_path: Path, db: Path) -> None:
    path = _workbook(tmp_path / "export.xlsx")
    first = read_file(path)
    assert first.source == "export.xlsx [Info]"
    assert first.frame.rows() == [("export van 1-1-2025",)]

    chosen = read_file(path, sheet="Medewerkers")
    assert chosen.source == "export.xlsx [Medewerkers]"
    assert chosen.native_types
    assert chosen.dialect == {"sheet": "Medewerkers", "other sheets": "Info"}
    assert chosen.frame.rows() == [("001", "2020-01-31", "0.8"), ("002", "2021-03-01", "1")]

    load([path], db, mapping_file=MappingFile(sheet="Medewerkers"))
    assert fetch(db, "SELECT employee_id, hire_date, fte FROM employments ORDER BY 1") == [
        ("001", date(2020, 1, 31), 0.8),
        ("002", date(2021, 3, 1), 1.0),
    ]


def test_xlsx_errors_name_the_sheet_and_the_excel_row(tmp_path: Path, db: Path) -> None:
    path = _workbook(tmp_path / "export.xlsx", fte=2.0)
    report = import_files([path], db=db, today=TODAY, mapping_file=MappingFile(sheet="Medewerkers"))
    assert not report.loaded
    assert [(e.file, e.row, e.column, e.value, e.expected) for e in report.errors] == [
        ("export.xlsx [Medewerkers]", 3, "FTE", "2", "a number above 0 and at most 1.5")
    ]


def test_xlsx_wrong_sheet_name(tmp_path: Path, db: Path) -> None:
    path = _workbook(tmp_path / "export.xlsx")
    with pytest.raises(ReadError) as caught:
        read_file(path, sheet="Blad1")
    assert str(caught.value) == (
        "export.xlsx: has no sheet 'Blad1'; its sheets are 'Info', 'Medewerkers'"
    )

    report = import_files([path], db=db, today=TODAY, mapping_file=MappingFile(sheet="Blad1"))
    assert not report.loaded
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row) == ("export.xlsx", None)
    assert "has no sheet 'Blad1'" in error.expected


def test_parquet(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "export.parquet"
    pl.DataFrame(
        {
            "Personeelsnummer": ["007", "008"],
            "Datum in dienst": [date(2018, 4, 1), date(2019, 9, 16)],
            "Bruto jaarsalaris": [48250.75, 39000.0],
        }
    ).write_parquet(path)
    raw = read_file(path)
    assert raw.dialect == {"format": "Parquet"}
    assert raw.frame.rows() == [("007", "2018-04-01", "48250.75"), ("008", "2019-09-16", "39000")]

    load([path], db)
    assert fetch(db, "SELECT employee_id, hire_date, annual_salary FROM employments") == [
        ("007", date(2018, 4, 1), 48250.75),
        ("008", date(2019, 9, 16), 39000.0),
    ]


# --- Files that cannot be read ------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\r\n  \r\n\t\n"])
def test_empty_file(tmp_path: Path, db: Path, content: bytes) -> None:
    path = tmp_path / "leeg.csv"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=r"^leeg\.csv: the file is empty"):
        read_file(path)
    report = import_files([path], db=db, today=TODAY)
    assert not report.loaded
    assert [(e.file, e.row) for e in report.errors] == [("leeg.csv", None)]
    assert "empty" in report.errors[0].expected


def test_binary_file(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ReadError, match=r"^export\.csv: this is not a text file"):
        read_file(path)
    report = import_files([path], db=db, today=TODAY)
    assert not report.loaded
    assert [(e.file, e.row) for e in report.errors] == [("export.csv", None)]


def test_corrupt_workbook_and_parquet(tmp_path: Path) -> None:
    for name in ("kapot.xlsx", "kapot.parquet"):
        path = tmp_path / name
        path.write_bytes(b"PK\x03\x04 this is not what the suffix says")
        with pytest.raises(ReadError, match=rf"^{name.replace('.', '[.]')}: cannot be read"):
            read_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"^weg\.csv: file not found$"):
        read_file(tmp_path / "weg.csv")


def test_ragged_row_names_the_file_and_the_row(tmp_path: Path) -> None:
    path = write(
        tmp_path / "scheef.csv",
        "Personeelsnummer;Datum in dienst\n001;13-01-2020\n002;14-01-2020;extra;cel\n"
        "003;15-01-2020\n",
    )
    with pytest.raises(ReadError) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith("scheef.csv: ")
    assert "row 3" in message  # the spreadsheet row with 4 fields where the header has 2


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfPersoneelsnummer;Naam\n001;\xff\xfe\n",  # a UTF-8 BOM, then invalid UTF-8
        b"\xff\xfeP\x00;\x00N\x00\n\x001\x00;\x00x",  # UTF-16 cut off mid-character
    ],
)
def test_undecodable_text_is_a_read_error(data: bytes) -> None:
    try:
        raw: RawTable | None = read_csv_bytes(data, "kapot.csv")
    except ReadError as exc:
        assert str(exc).startswith("kapot.csv: ")
        raw = None
    assert raw is None or raw.frame.width >= 1
