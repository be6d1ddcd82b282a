"""Bad input (data contract, "Bad input"): every validation message names the file, the spreadsheet
row, the column as the user wrote it, the value and what was expected; a refused import leaves the
store exactly as it was; `keep_valid` loads the rest and writes the rejects next to the input."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analytics import store
from analytics.cli import main
from analytics.contract import TABLES
from analytics.ingest.load import ImportReport, import_files
from analytics.ingest.mapping import MappingFile
from tests.support import TODAY, fetch, load, write

Error = tuple[str, int | None, str | None, str | None, str]

# 001 is employed from 01-02-2015, 002 from 15-06-2018 to 31-12-2023, 003 from 01-09-2022.
EMPLOYEES = (
    "Personeelsnummer;Naam;Geboortedatum;Datum in dienst;Datum uit dienst\n"
    "001;Anna de Vries;14-03-1985;01-02-2015;\n"
    "002;Bert Jansen;23-11-1979;15-06-2018;31-12-2023\n"
    "003;Cor Bakker;05-07-1995;01-09-2022;\n"
)
ABSENCES = (
    "Personeelsnummer;Eerste ziektedag;Hersteldatum\n"
    "001;13-01-2020;20-01-2020\n"
    "002;14-02-2019;22-02-2019\n"
)


@pytest.fixture
def employees_loaded(tmp_path: Path, db: Path) -> Path:
    """The store holding EMPLOYEES (data version 1)."""
    load([write(tmp_path / "medewerkers.csv", EMPLOYEES)], db)
    return db


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, the import log and the meta data (data version) included."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: con.sql(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in [*TABLES, "employment_segments", "import_log", "meta"]
        }
    finally:
        con.close()


def refuse(paths: list[Path], db: Path, **options: Any) -> ImportReport:
    """Import that must be refused, leaving the store as it was."""
    before = snapshot(db)
    report = import_files(paths, db=db, today=TODAY, **options)
    assert not report.loaded
    assert report.data_version is None
    assert "Nothing was loaded; the store is unchanged." in report.format()
    assert snapshot(db) == before
    return report


def errors_of(report: ImportReport) -> list[Error]:
    return [(e.file, e.row, e.column, e.value, e.expected) for e in report.errors]


def assert_errors(report: ImportReport, expected: list[Error]) -> None:
    """The same errors, in any order, each once."""
    found = errors_of(report)
    assert len(found) == len(set(found)), found
    assert set(found) == set(expected)


# --- One cell at a time (convert.py) ------------------------------------------------------------


def test_cell_errors_in_an_employee_file(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Datum in dienst;FTE;Bruto jaarsalaris\n"
        "001;13-01-2020;0,8;45.600,00\n"  # row 2: fine
        ";14-01-2020;1;40.000,00\n"  # row 3: no employee number
        "003;31-02-2024;1;40.000,00\n"  # row 4: no 31 February
        "004;15-01-2020;1,8;40.000,00\n"  # row 5: fte above 1.5
        "005;16-01-2020;0;40.000,00\n"  # row 6: fte 0
        "006;17-01-2020;1;veertigduizend\n"  # row 7: not a number
        "007;18-01-2020;1;-5\n"  # row 8: negative pay
        "008;;1;40.000,00\n"  # row 9: no hire date
        "009;19-01-2020;1e5;40.000,00\n",  # row 10: scientific notation is not a number here
    )
    report = refuse([path], db)
    fte = "a number above 0 and at most 1.5"
    assert_errors(
        report,
        [
            ("medewerkers.csv", 3, "Personeelsnummer", None, "a value (employee_id)"),
            ("medewerkers.csv", 4, "Datum in dienst", "31-02-2024", "a date like 31-12-2024"),
            ("medewerkers.csv", 5, "FTE", "1,8", fte),
            ("medewerkers.csv", 6, "FTE", "0", fte),
            ("medewerkers.csv", 7, "Bruto jaarsalaris", "veertigduizend", "a number"),
            ("medewerkers.csv", 8, "Bruto jaarsalaris", "-5", "a number at least 0"),
            ("medewerkers.csv", 9, "Datum in dienst", None, "a value (hire_date)"),
            ("medewerkers.csv", 10, "FTE", "1e5", "a number"),
        ],
    )
    assert [e.row for e in report.errors] == sorted(e.row or 0 for e in report.errors)
    file = report.files[0]
    assert (file.rows_read, file.rows_loaded, file.rows_rejected) == (9, 0, 8)


def test_the_formatted_error_line(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "b.csv", "Personeelsnummer;Datum in dienst\n1;13-01-2020\n2;31-02-2024\n"
    )
    report = refuse([path], db)
    assert (
        "  b.csv, row 3, column 'Datum in dienst': '31-02-2024': expected a date like 31-12-2024"
    ) in report.format().splitlines()


@pytest.mark.parametrize(
    ("header", "value", "column"),
    [
        ("Soort contract", "Detachering", "contract_type"),
        ("Geslacht", "Robot", "gender"),
        ("Soort uitdiensttreding", "Wederzijds goedvinden", "termination_type"),
        ("Betreurd vertrek", "Misschien", "regretted"),
    ],
)
def test_unknown_enum_value_says_how_to_map_it(
    tmp_path: Path, db: Path, header: str, value: str, column: str
) -> None:
    path = write(
        tmp_path / "medewerkers.csv",
        f"Personeelsnummer;Datum in dienst;Datum uit dienst;{header}\n"
        f"001;13-01-2020;31-12-2024;{value}\n",
    )
    report = refuse([path], db)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row, error.column, error.value) == (
        "medewerkers.csv",
        2,
        header,
        value,
    )
    assert error.expected.startswith("one of ")
    assert error.expected.endswith(f"(or map the value in a mapping file under [values.{column}])")
    for allowed in TABLES["employments"].column(column).allowed:  # every canonical value named
        assert allowed.casefold() in error.expected.casefold()


def test_ambiguous_dates_are_reported_not_guessed(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Datum in dienst;Datum uit dienst\n001;02-01-2016;01-03-2020\n"
        "002;05-06-2017;\n",
    )
    report = refuse([path], db)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row, error.column, error.value) == (
        "medewerkers.csv",
        None,
        "Datum in dienst, Datum uit dienst",
        None,
    )
    assert error.expected.startswith("dates whose order can be told, but every date could be")
    assert error.expected.endswith('add date_order = "dmy" or "mdy" to a mapping file (--mapping)')


def test_mixed_date_orders(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "gemengd.csv",
        "Personeelsnummer,Datum in dienst\n001,13-06-2024\n002,06/14/2024\n",
    )
    report = refuse([path], db)
    assert errors_of(report) == [
        (
            "gemengd.csv",
            None,
            "Datum in dienst",
            None,
            "one date order in the file, but dates are written both day-first (e.g. 13-06-2024) "
            "and month-first (e.g. 06/14/2024)",
        )
    ]


def test_a_file_whose_kind_cannot_be_detected(tmp_path: Path, db: Path) -> None:
    path = write(tmp_path / "hobby.csv", "Hobby;Schoenmaat\nZeilen;43\n")
    report = refuse([path], db)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row, error.column, error.value) == ("hobby.csv", None, None, None)
    assert error.expected.startswith("cannot tell which table this file feeds")
    assert "as employments: missing employee_id, hire_date" in error.expected


def test_a_missing_required_column(tmp_path: Path, db: Path) -> None:
    path = write(tmp_path / "namen.csv", "Personeelsnummer;Naam\n001;Anna\n")
    report = refuse([path], db, kind="employments")
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row, error.column, error.value) == ("namen.csv", None, None, None)
    assert error.expected.startswith(
        "this looks like employments but has no column for hire_date (e.g. 'datum in dienst'"
    )
    assert error.expected.endswith(
        'map it in a mapping file ([columns] "Your header" = "hire_date")'
    )
    assert str(error) == f"namen.csv: {error.expected}"

    by_mapping = refuse([path], db, mapping_file=MappingFile(kind="absences"))
    assert by_mapping.errors[0].expected.startswith(
        "this looks like absences but has no column for start_date (e.g. "
    )


def test_whole_file_messages_read_as_sentences(tmp_path: Path, db: Path) -> None:
    empty = write(tmp_path / "leeg.csv", "")
    report = refuse([empty, tmp_path / "weg.csv"], db)
    text = report.format()
    lines = text.splitlines()
    assert "  leeg.csv: the file is empty; expected a header row and data rows" in lines
    missing = [line for line in lines if line.startswith("  weg.csv: ")]
    assert len(missing) == 1
    assert "not found" in missing[0]
    assert str(tmp_path) not in text  # the user's file name, not a path on this machine


# --- Across rows and against the store (checks.py) ----------------------------------------------


def test_employment_dates_and_overlaps_in_the_file(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Geboortedatum;Datum in dienst;Datum uit dienst\n"
        "010;14-03-1985;01-02-2015;31-01-2014\n"
        "011;20-01-2020;15-06-2018;\n"
        "012;20-01-1980;15-06-2018;31-12-2020\n"
        "012;20-01-1980;01-06-2020;\n",
    )
    report = refuse([path], db)
    assert_errors(
        report,
        [
            (
                "medewerkers.csv",
                2,
                "Datum uit dienst",
                "31-01-2014",
                "a termination date on or after the hire date (01-02-2015)",
            ),
            (
                "medewerkers.csv",
                3,
                "Geboortedatum",
                "20-01-2020",
                "a birth date before the hire date (15-06-2018)",
            ),
            (
                "medewerkers.csv",
                5,
                "Datum in dienst",
                "01-06-2020",
                "a period that does not overlap the employment of 012 on row 4 (hired 15-06-2018)",
            ),
        ],
    )


def test_month_first_file_gets_its_values_quoted_as_written(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "us.csv",
        "Employee Number,Date of Birth,Hire Date,Termination Date\n"
        "1,07/10/83,1/13/2020,1/12/2020\n"
        "2,01/15/21,1/13/2020,\n",
    )
    report = refuse([path], db)
    assert_errors(
        report,
        [
            (
                "us.csv",
                2,
                "Termination Date",
                "1/12/2020",
                "a termination date on or after the hire date (1/13/2020)",
            ),
            (
                "us.csv",
                3,
                "Date of Birth",
                "01/15/21",
                "a birth date before the hire date (1/13/2020)",
            ),
        ],
    )


def test_overlap_with_an_employment_in_another_file(tmp_path: Path, db: Path) -> None:
    first = write(tmp_path / "a.csv", "Personeelsnummer;Datum in dienst\n001;13-02-2015\n")
    second = write(tmp_path / "b.csv", "Personeelsnummer;Datum in dienst\n001;13-03-2016\n")
    report = refuse([first, second], db)
    assert errors_of(report) == [
        (
            "b.csv",
            2,
            "Datum in dienst",
            "13-03-2016",
            "a period that does not overlap the employment of 001 on row 2 of a.csv "
            "(hired 13-02-2015)",
        )
    ]


def test_overlap_with_the_store_suggests_replace(
    tmp_path: Path, employees_loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = employees_loaded
    again = write(
        tmp_path / "nieuw" / "medewerkers.csv",
        "Personeelsnummer;Datum in dienst\n001;01-03-2016\n004;13-01-2020\n",
    )
    report = refuse([again], db)
    assert errors_of(report) == [
        (
            "medewerkers.csv",
            2,
            "Datum in dienst",
            "01-03-2016",
            "a period that does not overlap the employment of 001 already in the store "
            "(hired 01-02-2015); use --replace to replace the stored employments",
        )
    ]

    assert main(["load", str(again), "--db", str(db), "--replace"]) == 0
    capsys.readouterr()
    assert fetch(db, "SELECT employee_id, hire_date FROM employments ORDER BY 1") == [
        ("001", date(2016, 3, 1)),
        ("004", date(2020, 1, 13)),
    ]
    assert fetch(db, "SELECT value FROM meta WHERE key = 'data_version'") == [("2",)]


def test_job_history_checks(tmp_path: Path, employees_loaded: Path) -> None:
    path = write(
        tmp_path / "functies.csv",
        "Personeelsnummer;Ingangsdatum;Einddatum;Afdeling\n"
        "001;01-02-2015;31-12-2019;Inkoop\n"  # row 2: fine
        "001;01-06-2019;;Verkoop\n"  # row 3: overlaps row 2
        "999;13-01-2020;;Verkoop\n"  # row 4: nobody
        "002;13-01-2024;;Verkoop\n"  # row 5: 002 left on 31-12-2023
        "003;20-09-2022;19-09-2022;Verkoop\n",  # row 6: ends before it starts
    )
    report = refuse([path], employees_loaded)
    assert_errors(
        report,
        [
            (
                "functies.csv",
                3,
                "Ingangsdatum",
                "01-06-2019",
                "a period that does not overlap the previous one of 001 (row 2)",
            ),
            (
                "functies.csv",
                4,
                "Personeelsnummer",
                "999",
                "an employee who is in the employee file",
            ),
            (
                "functies.csv",
                5,
                "Ingangsdatum",
                "13-01-2024",
                "a start date inside an employment of 002",
            ),
            (
                "functies.csv",
                6,
                "Einddatum",
                "19-09-2022",
                "an end date on or after the start date (20-09-2022)",
            ),
        ],
    )


def test_absence_checks(tmp_path: Path, employees_loaded: Path) -> None:
    path = write(
        tmp_path / "verzuim.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum;Soort verzuim;Percentage;Verzuimnummer\n"
        "001;13-01-2020;20-01-2020;Ziekte;100;S1\n"  # row 2: fine
        "001;15-01-2020;17-01-2020;Ziekte;50;S2\n"  # row 3: overlaps row 2
        "999;13-01-2020;20-01-2020;Ziekte;100;S3\n"  # row 4: nobody
        "002;13-01-2024;20-01-2024;Ziekte;100;S4\n"  # row 5: after 002 left
        "002;13-02-2020;20-02-2020;Ziekte;0;S5\n"  # row 6: 0 %
        "002;13-03-2020;20-03-2020;Ziekte;150;S6\n"  # row 7: 150 %
        "002;13-04-2020;20-04-2020;Kermis;100;S7\n"  # row 8: unknown type
        "003;13-10-2022;20-10-2022;Zwangerschapsverlof;100;S8\n"  # row 9: fine
        "003;14-11-2022;20-11-2022;Ziekte;100;S9\n"  # row 10: spell S9 is also 002's
        "002;13-05-2020;20-05-2020;Ziekte;100;S9\n"  # row 11: spell S9 is also 003's
        "003;15-10-2022;18-10-2022;Ziekte;100;S10\n",  # row 12: overlaps leave, not sickness
    )
    report = refuse([path], employees_loaded)
    percentage = "a number above 0 and at most 100"
    kermis = [e for e in report.errors if e.row == 8]
    assert [(e.file, e.column, e.value) for e in kermis] == [
        ("verzuim.csv", "Soort verzuim", "Kermis")
    ]
    assert kermis[0].expected.startswith("one of ")
    assert kermis[0].expected.endswith(
        "(or map the value in a mapping file under [values.absence_type])"
    )
    for allowed in ("sickness", "pregnancy", "other"):
        assert allowed in kermis[0].expected
    report.errors = [e for e in report.errors if e.row != 8]
    assert_errors(
        report,
        [
            (
                "verzuim.csv",
                3,
                "Eerste ziektedag",
                "15-01-2020",
                "a sickness absence that does not overlap an earlier one of 001 (row 2)",
            ),
            (
                "verzuim.csv",
                4,
                "Personeelsnummer",
                "999",
                "an employee who is in the employee file",
            ),
            (
                "verzuim.csv",
                5,
                "Eerste ziektedag",
                "13-01-2024",
                "absence days inside an employment of 002 (employed 15-06-2018 – 31-12-2023)",
            ),
            ("verzuim.csv", 6, "Percentage", "0", percentage),
            ("verzuim.csv", 7, "Percentage", "150", percentage),
            (
                "verzuim.csv",
                10,
                "Verzuimnummer",
                "S9",
                "a spell id used by one employee only (it is also used for 002)",
            ),
            (
                "verzuim.csv",
                11,
                "Verzuimnummer",
                "S9",
                "a spell id used by one employee only (it is also used for 003)",
            ),
        ],
    )


def test_sickness_overlapping_a_stored_absence(tmp_path: Path, employees_loaded: Path) -> None:
    load([write(tmp_path / "verzuim_2020.csv", ABSENCES)], employees_loaded)
    later = write(
        tmp_path / "verzuim_extra.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum\n001;18-01-2020;24-01-2020\n",
    )
    report = refuse([later], employees_loaded)
    assert errors_of(report) == [
        (
            "verzuim_extra.csv",
            2,
            "Eerste ziektedag",
            "18-01-2020",
            "a sickness absence that does not overlap an earlier one of 001 (already in the store)",
        )
    ]


def test_org_unit_checks(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "organisatie.csv",
        "Afdelingscode;Omschrijving;Bovenliggende eenheid\n"
        "ORG;Organisatie;\n"
        "FIN;Financiën;ORG\n"
        "FIN;Financiën en control;ORG\n"
        "VK;Verkoop;XXX\n"
        "HR;HR;HR\n",
    )
    report = refuse([path], db)
    assert_errors(
        report,
        [
            ("organisatie.csv", 3, "Afdelingscode", "FIN", "a unit id that occurs once"),
            ("organisatie.csv", 4, "Afdelingscode", "FIN", "a unit id that occurs once"),
            (
                "organisatie.csv",
                5,
                "Bovenliggende eenheid",
                "XXX",
                "a parent unit listed in the file",
            ),
            (
                "organisatie.csv",
                6,
                "Bovenliggende eenheid",
                "HR",
                "a parent other than the unit itself",
            ),
        ],
    )

    load(
        [write(tmp_path / "org.csv", "Afdelingscode;Omschrijving\nORG;Organisatie\n")],
        db,
    )
    again = write(tmp_path / "org2.csv", "Afdelingscode;Omschrijving\nORG;Organisatie\n")
    assert errors_of(refuse([again], db)) == [
        ("org2.csv", 2, "Afdelingscode", "ORG", "a unit id not already in the store")
    ]


QUESTIONS = (
    "Vraagcode;Vraagtekst;Dimensie;Schaal min;Schaal max\n"
    "Q1;Ik ben tevreden over mijn werk;tevredenheid;1;5\n"
    "Q2;Hoe waarschijnlijk raad je ons aan?;enps;0;10\n"
)


def test_survey_response_checks(tmp_path: Path, db: Path) -> None:
    questions = write(tmp_path / "vragen.csv", QUESTIONS)
    answers = write(
        tmp_path / "antwoorden.csv",
        "Ronde;Afdeling;Vraagcode;Score\n"
        "30-06-2024;Verkoop;Q1;4\n"
        "30-06-2024;Verkoop;Q9;4\n"
        "30-06-2024;Verkoop;Q1;6\n"
        "30-06-2024;Verkoop;Q2;10\n"
        "30-06-2024;Verkoop;Q2;-1\n",
    )
    report = refuse([questions, answers], db)
    assert_errors(
        report,
        [
            (
                "antwoorden.csv",
                3,
                "Vraagcode",
                "Q9",
                "a question listed in the survey questions (load that file too)",
            ),
            ("antwoorden.csv", 4, "Score", "6", "a score from 1 to 5"),
            ("antwoorden.csv", 6, "Score", "-1", "a score from 0 to 10"),
        ],
    )


def test_survey_question_checks(tmp_path: Path, db: Path) -> None:
    questions = write(
        tmp_path / "vragen.csv",
        QUESTIONS + "Q3;Werkdruk;werkdruk;5;5\nQ2;Dubbel;enps;0;10\n",
    )
    report = refuse([questions], db)
    assert_errors(
        report,
        [
            ("vragen.csv", 3, "Vraagcode", "Q2", "a question id that occurs once"),
            ("vragen.csv", 4, "Schaal max", "5", "a scale maximum above the minimum (5)"),
            ("vragen.csv", 5, "Vraagcode", "Q2", "a question id that occurs once"),
        ],
    )


# --- The acceptance case: one message per bad row, and the store untouched ----------------------


def test_bad_absence_file_is_refused_with_one_message_per_row(tmp_path: Path, db: Path) -> None:
    load(
        [write(tmp_path / "medewerkers.csv", EMPLOYEES), write(tmp_path / "verzuim.csv", ABSENCES)],
        db,
    )
    before = snapshot(db)
    assert before["meta"] == [("data_version", "1"), ("schema_version", str(store.SCHEMA_VERSION))]
    assert len(before["employments"]) == 3
    assert len(before["absences"]) == 2

    bad = write(
        tmp_path / "verzuim_2021.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum\n"
        "001;13-02-2021;20-02-2021\n"  # row 2: fine
        "002;20-03-2019;10-03-2019\n"  # row 3: ends before it starts
        "003;31-02-2023;05-03-2023\n"  # row 4: no 31 February
        "999;14-04-2021;20-04-2021\n"  # row 5: nobody
        "001;13-05-2021;14-05-2021\n",  # row 6: fine
    )
    report = import_files([bad], db=db, today=TODAY)
    assert not report.loaded
    assert errors_of(report) == [
        (
            "verzuim_2021.csv",
            3,
            "Hersteldatum",
            "10-03-2019",
            "an end date on or after the start date (20-03-2019)",
        ),
        ("verzuim_2021.csv", 4, "Eerste ziektedag", "31-02-2023", "a date like 31-12-2024"),
        (
            "verzuim_2021.csv",
            5,
            "Personeelsnummer",
            "999",
            "an employee who is in the employee file",
        ),
    ]
    file = report.files[0]
    assert (file.rows_read, file.rows_loaded, file.rows_rejected) == (5, 0, 3)
    assert snapshot(db) == before
    assert store.read_data_version(db) == 1
    assert not list(tmp_path.glob("*.rejects.csv"))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- Reporting ----------------------------------------------------------------------------------


def _many_bad_dates(tmp_path: Path, count: int) -> Path:
    rows = "".join(f"{n:03d};31-02-2024\n" for n in range(count))
    return write(tmp_path / "fout.csv", "Personeelsnummer;Datum in dienst\n13;13-01-2020\n" + rows)


def test_error_list_is_capped_with_a_count_of_the_rest(tmp_path: Path, db: Path) -> None:
    report = refuse([_many_bad_dates(tmp_path, 8)], db)
    assert report.error_count == 8
    lines = report.format(max_errors=5).splitlines()
    listed = [line for line in lines if line.startswith("  fout.csv, row ")]
    assert [line.split(",")[1] for line in listed] == [
        " row 3",
        " row 4",
        " row 5",
        " row 6",
        " row 7",
    ]
    assert "8 error(s):" in lines
    assert "  … and 3 more" in lines

    everything = report.format().splitlines()  # the default cap (50) lists all eight
    assert len([line for line in everything if line.startswith("  fout.csv, row ")]) == 8
    assert not any("more" in line for line in everything)


def test_default_cap(tmp_path: Path, db: Path) -> None:
    report = refuse([_many_bad_dates(tmp_path, 60)], db)
    lines = report.format().splitlines()
    assert len([line for line in lines if line.startswith("  fout.csv, row ")]) == 50
    assert "  … and 10 more" in lines


# --- Load the valid rows ------------------------------------------------------------------------


def test_keep_valid_loads_the_rest_and_writes_the_rejects(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    employees = write(
        exports / "medewerkers.csv",
        "Personeelsnummer;Geboortedatum;Datum in dienst;Datum uit dienst;FTE\n"
        "001;14-03-1985;01-02-2015;;0,8\n"
        "002;14-03-1985;15-06-2018;01-01-2018;1\n"  # row 3: leaves before joining
        "003;14-03-1985;15-06-2018;;2\n"  # row 4: fte 2
        "004;23-11-1979;13-01-2019;;1\n",
    )
    absences = write(
        exports / "verzuim.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum\n"
        "001;13-01-2020;20-01-2020\n"
        "002;13-01-2020;20-01-2020\n"  # row 3: 002 was rejected
        "003;31-02-2020;20-03-2020\n"  # row 4: no 31 February
        "004;13-02-2020;20-02-2020\n"
        "003;13-03-2020;20-03-2020\n",  # row 6: 003 was rejected
    )
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the rejects belong next to the input, not in the working folder

    report = import_files([employees, absences], db=db, today=TODAY, keep_valid=True)
    assert report.loaded
    assert report.data_version == 1
    assert fetch(db, "SELECT employee_id FROM employments ORDER BY 1") == [("001",), ("004",)]
    assert fetch(db, "SELECT employee_id, start_date FROM absences ORDER BY 1") == [
        ("001", date(2020, 1, 13)),
        ("004", date(2020, 2, 13)),
    ]
    counts = {f.file: (f.rows_read, f.rows_loaded, f.rows_rejected) for f in report.files}
    assert counts == {"medewerkers.csv": (4, 2, 2), "verzuim.csv": (5, 2, 3)}
    assert fetch(
        db,
        "SELECT file_name, kind, rows_read, rows_loaded, rows_rejected FROM import_log ORDER BY 1",
    ) == [("medewerkers.csv", "employments", 4, 2, 2), ("verzuim.csv", "absences", 5, 2, 3)]

    rejected_absences = {
        (e.row, e.column, e.value) for e in report.errors if e.file == "verzuim.csv"
    }
    assert {row for row, _, _ in rejected_absences} == {3, 4, 6}
    assert (3, "Personeelsnummer", "002") in rejected_absences
    assert (4, "Eerste ziektedag", "31-02-2020") in rejected_absences
    assert (6, "Personeelsnummer", "003") in rejected_absences

    assert list(elsewhere.iterdir()) == []
    assert report.files[0].rejects_file == exports / "medewerkers.rejects.csv"
    with open(exports / "medewerkers.rejects.csv", encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle, delimiter=";"))
    assert [r["Personeelsnummer"] for r in rejects] == ["002", "003"]
    assert [r["koers_row"] for r in rejects] == ["3", "4"]
    assert rejects[0]["Datum uit dienst"] == "01-01-2018"
    assert rejects[0]["koers_error"] == (
        "medewerkers.csv, row 3, column 'Datum uit dienst': '01-01-2018': "
        "expected a termination date on or after the hire date (15-06-2018)"
    )
    assert rejects[1]["koers_error"] == (
        "medewerkers.csv, row 4, column 'FTE': '2': expected a number above 0 and at most 1.5"
    )
    with open(exports / "verzuim.rejects.csv", encoding="utf-8", newline="") as handle:
        absence_rejects = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["koers_row"], r["Personeelsnummer"]) for r in absence_rejects] == [
        ("3", "002"),
        ("4", "003"),
        ("6", "003"),
    ]
    assert "'31-02-2020': expected a date like 31-12-2024" in absence_rejects[1]["koers_error"]
    assert "rejected rows written to verzuim.rejects.csv" in report.format()


# --- Command line -------------------------------------------------------------------------------


def test_command_line_exit_codes_and_streams(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    good = write(tmp_path / "medewerkers.csv", EMPLOYEES)
    bad = write(
        tmp_path / "verzuim.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum\n001;13-01-2020;20-01-2020\n"
        "001;31-02-2021;20-03-2021\n",
    )

    assert main(["load", str(good), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines()[-1] == "Loaded. Data version 1."

    before = snapshot(db)
    assert main(["load", str(bad), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert (
        "  verzuim.csv, row 3, column 'Eerste ziektedag': '31-02-2021': "
        "expected a date like 31-12-2024"
    ) in lines
    assert lines[-1] == "Nothing was loaded; the store is unchanged."
    assert snapshot(db) == before

    assert main(["load", str(tmp_path / "weg.csv"), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "weg.csv" in captured.err

    assert main(["load", str(bad), "--db", str(db), "--keep-valid"]) == 0
    captured = capsys.readouterr()
    assert "rejected rows written to verzuim.rejects.csv" in captured.out
    assert (tmp_path / "verzuim.rejects.csv").is_file()
    assert fetch(db, "SELECT employee_id, start_date FROM absences") == [("001", date(2020, 1, 13))]
    assert fetch(db, "SELECT value FROM meta WHERE key = 'data_version'") == [("2",)]


def test_replacing_the_employments_may_not_strand_absences(tmp_path: Path, db: Path) -> None:
    """A new employee export without 002 would leave 002's absence without its employee: refused,
    whole, unless the absences are replaced in the same import."""
    load(
        [write(tmp_path / "medewerkers.csv", EMPLOYEES), write(tmp_path / "verzuim.csv", ABSENCES)],
        db,
    )
    before = snapshot(db)
    without_002 = write(
        tmp_path / "nieuw" / "medewerkers.csv",
        "Personeelsnummer;Datum in dienst\n001;13-02-2015\n003;15-09-2022\n",
    )
    refused = import_files([without_002], db=db, today=TODAY, replace=True)
    assert not refused.loaded
    assert [str(e) for e in refused.errors] == [
        "medewerkers.csv: replacing the stored employments would leave 1 rows of absences "
        "without their employee (e.g. employee 002), and every row there needs one; load their "
        "export together with this one (with --replace), or leave out --replace"
    ]
    assert refused.errors[0].render("nl", "app") == (
        "medewerkers.csv: het vervangen van de opgeslagen dienstverbanden laat 1 regels verzuim "
        "achter zonder hun medewerker (bijv. medewerker 002), terwijl elke regel daar er een "
        "nodig heeft; voeg hun export aan deze import toe, of vink 'Bestaande gegevens van deze "
        "soort vervangen' uit"
    )
    assert snapshot(db) == before
    # With the absences of the remaining employees in the same import, the replacement lands.
    absences = write(
        tmp_path / "nieuw" / "verzuim.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum\n001;13-01-2020;20-01-2020\n",
    )
    report = import_files([without_002, absences], db=db, today=TODAY, replace=True)
    assert report.loaded, report.format()
    assert fetch(db, "SELECT employee_id FROM employments ORDER BY 1") == [("001",), ("003",)]
    assert fetch(db, "SELECT employee_id FROM absences") == [("001",)]
