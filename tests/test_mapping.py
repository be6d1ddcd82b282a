"""Column and value mapping: synonyms, kind detection, mapping files, refused and unmatched
columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics.cli import main
from analytics.contract import TABLES
from analytics.ingest.load import import_files
from analytics.ingest.mapping import (
    MappingError,
    MappingFile,
    map_columns,
    refused_category,
    value_lookup,
)
from analytics.ingest.normalise import normalise_value
from tests.support import TODAY, fetch, load, write

HEALTH = "health data (diagnosis, cause of sickness)"


# --- Header synonyms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "kind", "canonical"),
    [
        ("Personeelsnummer", "employments", "employee_id"),
        ("Medewerker", "employments", "employee_id"),
        ("Employee Number", "employments", "employee_id"),
        ("EmpID", "employments", "employee_id"),
        ("PERSONEELSNUMMER", "employments", "employee_id"),
        ("personeels nummer", "employments", "employee_id"),
        ("Pers.nr.", "employments", "employee_id"),
        ("Datum in dienst", "employments", "hire_date"),
        ("datum_in_dienst", "employments", "hire_date"),
        ("DATUM IN DIENST", "employments", "hire_date"),
        ("DatumInDienst", "employments", "hire_date"),
        ("Hire Date", "employments", "hire_date"),
        ("DateofHire", "employments", "hire_date"),
        ("Date of Hire", "employments", "hire_date"),
        ("Datum uit dienst", "employments", "termination_date"),
        ("Termination Date", "employments", "termination_date"),
        ("DateofTermination", "employments", "termination_date"),
        ("Reden uit dienst", "employments", "termination_reason"),
        ("TermReason", "employments", "termination_reason"),
        ("Geslacht", "employments", "gender"),
        ("Géslacht", "employments", "gender"),
        ("Sex", "employments", "gender"),
        ("SEKSE", "employments", "gender"),
        ("Geboortedatum", "employments", "birth_date"),
        ("Geboortejaar", "employments", "birth_date"),
        ("DOB", "employments", "birth_date"),
        ("Afdeling", "employments", "department"),
        ("Department", "employments", "department"),
        ("Soort contract", "employments", "contract_type"),
        ("Contract Type", "employments", "contract_type"),
        ("Deeltijdfactor", "employments", "fte"),
        ("Bruto jaarsalaris", "employments", "annual_salary"),
        ("Salary", "employments", "annual_salary"),
        ("Vestiging", "employments", "location"),
        ("Betreurd vertrek", "employments", "regretted"),
        ("Ingangsdatum", "job_history", "valid_from"),
        ("Eerste ziektedag", "absences", "start_date"),
        ("Hersteldatum", "absences", "end_date"),
        ("Soort verzuim", "absences", "absence_type"),
        ("Bovenliggende eenheid", "org_units", "parent_id"),
        ("Enquêtedatum", "survey_responses", "wave"),
        ("Vraagtekst", "survey_questions", "text"),
        ("Peildatum", "snapshots", "snapshot_date"),
    ],
)
def test_header_synonyms(header: str, kind: str, canonical: str) -> None:
    mapping = map_columns([header], kind=kind)
    assert mapping.columns == {header: canonical}
    assert mapping.unmatched == ()


def test_two_headers_for_one_column_the_stronger_wins_and_the_other_is_listed() -> None:
    mapping = map_columns(["Employee Number", "Personeelsnummer", "Datum in dienst"])
    assert mapping.columns == {"Personeelsnummer": "employee_id", "Datum in dienst": "hire_date"}
    assert mapping.unmatched == ("Employee Number",)
    assert mapping.shadowed == {"Employee Number": "Personeelsnummer"}


# --- Kind detection -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "kind", "columns"),
    [
        (
            ["Personeelsnummer", "Naam", "Datum in dienst", "Datum uit dienst", "Afdeling"],
            "employments",
            ["employee_id", "name", "hire_date", "termination_date", "department"],
        ),
        (
            ["Employee Number", "Hire Date", "Termination Date", "Department"],
            "employments",
            ["employee_id", "hire_date", "termination_date", "department"],
        ),
        (
            ["Personeelsnummer", "Ingangsdatum", "Einddatum", "Afdeling", "Functie", "Schaal"],
            "job_history",
            ["employee_id", "valid_from", "valid_to", "department", "job_title", "grade"],
        ),
        (
            ["Personeelsnummer", "Eerste ziektedag", "Hersteldatum", "Soort verzuim", "Percentage"],
            "absences",
            ["employee_id", "start_date", "end_date", "absence_type", "percentage"],
        ),
        (
            ["Employee ID", "Leave Start Date", "Leave End Date", "Leave Type"],
            "absences",
            ["employee_id", "start_date", "end_date", "absence_type"],
        ),
        (
            ["Afdelingscode", "Omschrijving", "Bovenliggende eenheid", "Leidinggevende"],
            "org_units",
            ["unit_id", "name", "parent_id", "manager_id"],
        ),
        (
            ["Vraagcode", "Vraagtekst", "Dimensie", "Schaal min", "Schaal max"],
            "survey_questions",
            ["question_id", "text", "dimension", "scale_min", "scale_max"],
        ),
        (
            ["Ronde", "Respondent", "Afdeling", "Vraagcode", "Antwoord"],
            "survey_responses",
            ["wave", "respondent_id", "department", "question_id", "score"],
        ),
        (
            ["Ronde", "Afdeling", "Uitgenodigd"],
            "survey_invited",
            ["wave", "department", "invited"],
        ),
        (
            ["Peildatum", "Personeelsnummer", "Afdeling", "FTE", "Soort contract"],
            "snapshots",
            ["snapshot_date", "employee_id", "department", "fte", "contract_type"],
        ),
        (
            ["Peildatum", "Personeelsnummer", "Datum in dienst", "Afdeling"],
            "snapshots",
            ["snapshot_date", "employee_id", "hire_date", "department"],
        ),
    ],
)
def test_kind_detection(headers: list[str], kind: str, columns: list[str]) -> None:
    mapping = map_columns(headers)
    assert mapping.kind == kind
    assert mapping.columns == dict(zip(headers, columns, strict=True))


def test_snapshot_with_the_date_in_the_file_name() -> None:
    headers = ["Personeelsnummer", "Functie", "FTE"]
    mapping = map_columns(headers, date_in_file_name=True)
    assert mapping.kind == "snapshots"
    assert mapping.columns == {
        "Personeelsnummer": "employee_id",
        "Functie": "job_title",
        "FTE": "fte",
    }
    with pytest.raises(MappingError, match="cannot tell which table"):
        map_columns(headers)


def test_undetectable_kind_explains_what_is_missing() -> None:
    with pytest.raises(MappingError) as caught:
        map_columns(["Hobby", "Schoenmaat"])
    message = str(caught.value)
    assert message.splitlines()[0] == (
        "cannot tell which table this file feeds: no kind has all its required columns."
    )
    assert "  as employments: missing employee_id, hire_date" in message
    assert "--kind" in message


def test_kind_can_be_forced() -> None:
    headers = ["Personeelsnummer", "Startdatum", "Einddatum"]
    detected = map_columns(headers)
    assert detected.kind == "employments"
    assert detected.columns == {
        "Personeelsnummer": "employee_id",
        "Startdatum": "hire_date",
        "Einddatum": "termination_date",
    }
    forced = map_columns(headers, kind="absences")
    assert forced.kind == "absences"
    assert forced.columns == {
        "Personeelsnummer": "employee_id",
        "Startdatum": "start_date",
        "Einddatum": "end_date",
    }
    with pytest.raises(MappingError, match="unknown kind 'verzuim'"):
        map_columns(headers, kind="verzuim")
    with pytest.raises(MappingError, match="unknown preset 'sap'"):
        map_columns(headers, preset="sap")


EMPLOYEES = (
    "Personeelsnummer;Datum in dienst;Datum uit dienst\n"
    "001;13-01-2015;\n"
    "002;01-03-2016;31-12-2023\n"
)
SPELLS = "Personeelsnummer;Startdatum;Einddatum\n001;14-02-2020;\n002;13-05-2019;20-05-2019\n"


def test_forced_kind_in_an_import(tmp_path: Path, db: Path) -> None:
    employees = write(tmp_path / "medewerkers.csv", EMPLOYEES)
    spells = write(tmp_path / "ziekte.csv", SPELLS)
    load([employees], db)
    # Detected, the file would be a second employment of 001 and 002 (refused as overlapping).
    report = load([spells], db, kind="absences")
    assert report.files[0].kind == "absences"
    assert fetch(db, "SELECT employee_id, start_date, end_date FROM absences ORDER BY 1") == [
        ("001", date(2020, 2, 14), None),
        ("002", date(2019, 5, 13), date(2019, 5, 20)),
    ]
    assert fetch(db, "SELECT count(*) FROM employments") == [(2,)]


def test_forced_kind_on_the_command_line(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    employees = write(tmp_path / "medewerkers.csv", EMPLOYEES)
    spells = write(tmp_path / "ziekte.csv", SPELLS)
    assert main(["load", str(employees), "--db", str(db)]) == 0
    assert main(["load", str(spells), "--db", str(db), "--kind", "absences"]) == 0
    assert "ziekte.csv → absences" in capsys.readouterr().out
    assert fetch(db, "SELECT count(*) FROM absences") == [(2,)]


# --- Values -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "raw", "canonical"),
    [
        ("gender", "Man", "M"),
        ("gender", "Vrouw", "F"),
        ("gender", "M", "M"),
        ("gender", "F", "F"),
        ("gender", "Male", "M"),
        ("gender", "Female", "F"),
        ("gender", "  VROUW ", "F"),
        ("contract_type", "Vast", "permanent"),
        ("contract_type", "Tijdelijk", "temporary"),
        ("contract_type", "Uitzendkracht", "flex"),
        ("contract_type", "Oproepkracht", "flex"),
        ("termination_type", "Eigen verzoek", "voluntary"),
        ("termination_type", "eigen   VERZOEK", "voluntary"),
        ("termination_type", "Vrijwillig", "voluntary"),
        ("termination_type", "Resignation", "voluntary"),
        ("termination_type", "Voluntary", "voluntary"),
        ("termination_type", "Ontslag werkgever", "involuntary"),
        ("termination_type", "Pensioen", "retirement"),
        ("termination_type", "Einde contract", "end_of_contract"),
        ("absence_type", "Ziekte", "sickness"),
        ("absence_type", "Zwangerschapsverlof", "pregnancy"),
        ("regretted", "Ja", "true"),
        ("regretted", "Nee", "false"),
    ],
)
def test_value_synonyms(column: str, raw: str, canonical: str) -> None:
    assert value_lookup(column, None)[normalise_value(raw)] == canonical


def test_values_are_mapped_on_import(tmp_path: Path, db: Path) -> None:
    employees = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Geslacht;Datum in dienst;Datum uit dienst;Soort uitdiensttreding;"
        "Soort contract;Betreurd vertrek\n"
        "001;Man;13-01-2015;31-12-2020;Eigen verzoek;Vast;Ja\n"
        "002;Vrouw;13-01-2015;31-12-2020;Ontslag werkgever;Tijdelijk;Nee\n"
        "003;M;13-01-2015;31-12-2020;Pensioen;Uitzendkracht;ja\n"
        "004;F;13-01-2015;31-12-2020;Einde contract;Oproepkracht;NEE\n"
        "005;Male;13-01-2015;31-12-2020;Vrijwillig;vast;Ja\n"
        "006;Female;13-01-2015;31-12-2020;Resignation;TIJDELIJK;Nee\n",
    )
    absences = write(
        tmp_path / "verzuim.csv",
        "Personeelsnummer;Begindatum;Einddatum;Soort verzuim\n"
        "001;10-02-2016;20-02-2016;Ziekte\n"
        "002;01-03-2017;30-06-2017;Zwangerschapsverlof\n",
    )
    load([employees, absences], db)
    assert fetch(
        db,
        "SELECT employee_id, gender, termination_type, contract_type, regretted "
        "FROM employments ORDER BY 1",
    ) == [
        ("001", "M", "voluntary", "permanent", True),
        ("002", "F", "involuntary", "temporary", False),
        ("003", "M", "retirement", "flex", True),
        ("004", "F", "end_of_contract", "flex", False),
        ("005", "M", "voluntary", "permanent", True),
        ("006", "F", "voluntary", "temporary", False),
    ]
    assert fetch(db, "SELECT employee_id, absence_type FROM absences ORDER BY 1") == [
        ("001", "sickness"),
        ("002", "pregnancy"),
    ]


def test_empty_optional_enum_and_bool_cells_load_as_unknown(tmp_path: Path, db: Path) -> None:
    # A current employee has no termination type; gender, contract and "regretted" may be blank.
    path = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Geslacht;Datum in dienst;Datum uit dienst;Soort uitdiensttreding;"
        "Soort contract;Betreurd vertrek\n"
        "001;Vrouw;13-01-2015;31-12-2020;Eigen verzoek;Vast;Ja\n"
        "002;;14-01-2015;;;;\n",
    )
    report = import_files([path], db=db, today=TODAY)
    assert report.errors == []
    assert report.loaded
    assert fetch(
        db,
        "SELECT employee_id, gender, termination_type, contract_type, regretted "
        "FROM employments ORDER BY 1",
    ) == [("001", "F", "voluntary", "permanent", True), ("002", None, None, None, None)]


# --- Mapping files ------------------------------------------------------------------------------

MAPPING = """\
date_order = "dmy"

[columns]
"Sleutel" = "employee_id"
"Start" = "hire_date"
"Vertrek" = "termination_date"
"Reden" = "termination_type"
"Naam" = ""

[values.termination_type]
"Wederzijds goedvinden" = "involuntary"

[values.gender]
"Dame" = "F"
"Meneer" = "M"
"""

# Every date has day and month at most 12: only the mapping file can say which comes first.
UNMAPPED_EXPORT = (
    "Sleutel;Naam;Geslacht;Start;Vertrek;Reden\n"
    "A1;Anna;Dame;02-01-2016;01-03-2020;Wederzijds goedvinden\n"
    "A2;Bert;Meneer;03-02-2017;04-05-2021;Pensioen\n"
)


def test_mapping_file_maps_columns_values_and_date_order(tmp_path: Path, db: Path) -> None:
    mapping = MappingFile.load(write(tmp_path / "afas.toml", MAPPING))
    assert mapping.date_order == "dmy"
    assert mapping.columns["Sleutel"] == "employee_id"
    export = write(tmp_path / "export.csv", UNMAPPED_EXPORT)

    report = load([export], db, mapping_file=mapping)
    file = report.files[0]
    assert file.kind == "employments"
    assert file.columns == {
        "Sleutel": "employee_id",
        "Geslacht": "gender",
        "Start": "hire_date",
        "Vertrek": "termination_date",
        "Reden": "termination_type",
    }
    assert file.unmatched == ("Naam",)  # mapped to "" in the file: ignored, and said so
    assert "date order dmy (given in the mapping)" in file.notes
    assert fetch(
        db,
        "SELECT employee_id, name, gender, hire_date, termination_date, termination_type "
        "FROM employments ORDER BY 1",
    ) == [
        ("A1", None, "F", date(2016, 1, 2), date(2020, 3, 1), "involuntary"),
        ("A2", None, "M", date(2017, 2, 3), date(2021, 5, 4), "retirement"),
    ]


def test_mapping_file_month_first(tmp_path: Path, db: Path) -> None:
    mapping = MappingFile.load(write(tmp_path / "us.toml", MAPPING.replace('"dmy"', '"mdy"')))
    export = write(tmp_path / "export.csv", UNMAPPED_EXPORT)
    load([export], db, mapping_file=mapping)
    assert fetch(db, "SELECT hire_date, termination_date FROM employments ORDER BY 1") == [
        (date(2016, 2, 1), date(2020, 1, 3)),
        (date(2017, 3, 2), date(2021, 4, 5)),
    ]


def test_without_the_mapping_file_the_dates_are_ambiguous(tmp_path: Path, db: Path) -> None:
    mapping = MappingFile.load(
        write(tmp_path / "zonder_datum.toml", MAPPING.replace('date_order = "dmy"', ""))
    )
    export = write(tmp_path / "export.csv", UNMAPPED_EXPORT)
    report = import_files([export], db=db, today=TODAY, mapping_file=mapping)
    assert not report.loaded
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row, error.column) == ("export.csv", None, "Start, Vertrek")
    assert 'add date_order = "dmy" or "mdy" to a mapping file' in error.expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('kind = "verzuim"', "slecht.toml: kind 'verzuim' is not one of employments, "),
        ('preset = "sap"', "slecht.toml: preset 'sap' is not one of afas, "),
        ('date_order = "dd-mm-jjjj"', "slecht.toml: date_order must be dmy, mdy or ymd"),
        ("[kolommen]", "slecht.toml: unknown keys kolommen; expected columns, date_order, "),
        (
            '[columns]\n"Loon" = "salaris"',
            "slecht.toml: column 'Loon' is mapped to 'salaris', which is not a column of the "
            "data model",
        ),
        ('[columns]\n"Loon" = 3', "slecht.toml: [columns] must map header names to column"),
        ('[values.gender]\n"Dame" = 1', "slecht.toml: [values.<column>] must map export values"),
        ("Sleutel = employee_id", "slecht.toml: cannot read the mapping file: "),
    ],
)
def test_bad_mapping_file(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(MappingError) as caught:
        MappingFile.load(write(tmp_path / "slecht.toml", text))
    assert str(caught.value).startswith(message)


def test_bad_mapping_file_on_the_command_line(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write(tmp_path / "export.csv", UNMAPPED_EXPORT)
    mapping = write(tmp_path / "slecht.toml", 'date_order = "dd-mm-jjjj"')
    assert main(["load", str(export), "--db", str(db), "--mapping", str(mapping)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "error: slecht.toml: date_order must be dmy, mdy or ymd\n"
    assert fetch(db, "SELECT count(*) FROM employments") == [(0,)]


# --- Refused and unmatched columns --------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "category"),
    [
        ("Diagnose", HEALTH),
        ("Diagnosis", HEALTH),
        ("Oorzaak verzuim", HEALTH),
        ("Verzuimoorzaak", HEALTH),
        ("Etniciteit", "ethnicity"),
        ("RaceDesc", "ethnicity"),
        ("Race", "ethnicity"),
        ("HispanicLatino", "ethnicity"),
        ("Religie", "religion"),
        ("Religion", "religion"),
        ("Godsdienst", "religion"),
        ("Lid vakbond", "trade-union membership"),
        ("Geslacht", None),
        ("Afdeling", None),
        ("Verzuimnummer", None),
        ("Soort verzuim", None),
        ("Trace ID", None),
        ("Geboortedatum", None),
    ],
)
def test_refused_category(header: str, category: str | None) -> None:
    assert refused_category(header) == category


def _everything_stored(db: Path) -> str:
    """Every cell of every table, import log included, as one text."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [*TABLES, "import_log", "meta"]
        return "\n".join(str(con.sql(f"SELECT * FROM {table}").fetchall()) for table in tables)
    finally:
        con.close()


def test_refused_columns_are_named_and_not_stored(tmp_path: Path, db: Path) -> None:
    employees = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Datum in dienst;Etniciteit;RaceDesc;Religie;Hobby;Schoenmaat\n"
        "001;13-01-2015;Surinaams;Asian;Katholiek;Zeilen;43\n"
        "002;14-02-2016;Marokkaans;White;Islamitisch;Lezen;38\n",
    )
    absences = write(
        tmp_path / "verzuim.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum;Diagnose;Oorzaak verzuim\n"
        "001;13-03-2020;20-03-2020;Burn-out;Werkdruk thuis\n"
        "002;14-04-2021;;Hernia;Rugklachten\n",
    )
    report = load([employees, absences], db)
    by_file = {file.file: file for file in report.files}
    assert by_file["medewerkers.csv"].refused == {
        "Etniciteit": "ethnicity",
        "RaceDesc": "ethnicity",
        "Religie": "religion",
    }
    assert by_file["medewerkers.csv"].unmatched == ("Hobby", "Schoenmaat")
    assert by_file["verzuim.csv"].refused == {"Diagnose": HEALTH, "Oorzaak verzuim": HEALTH}
    assert by_file["verzuim.csv"].unmatched == ()

    text = report.format()
    for header, category in [
        ("Etniciteit", "ethnicity"),
        ("RaceDesc", "ethnicity"),
        ("Religie", "religion"),
        ("Diagnose", HEALTH),
        ("Oorzaak verzuim", HEALTH),
    ]:
        assert (
            f"  column {header!r} refused: {category} is never stored; nothing of it loaded"
        ) in text
    assert "  not stored (no matching column): 'Hobby', 'Schoenmaat'" in text

    stored = _everything_stored(db)
    assert "Zeilen" not in stored  # unmatched: not stored either
    for value in (
        "Surinaams",
        "Marokkaans",
        "Asian",
        "White",
        "Katholiek",
        "Islamitisch",
        "Burn-out",
        "Werkdruk",
        "Hernia",
        "Rugklachten",
    ):
        assert value not in stored
    assert fetch(db, "SELECT count(*) FROM absences") == [(2,)]


def test_unmatched_columns_never_fail_an_import(tmp_path: Path, db: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "Personeelsnummer;Datum in dienst;Lievelingskleur;column 4\n001;13-01-2015;blauw;x\n",
    )
    report = load([path], db)
    assert report.files[0].unmatched == ("Lievelingskleur", "column 4")
    assert report.errors == []


def test_contract_hours_become_fte(tmp_path: Path, db: Path) -> None:
    """The contract's alternative to fte: hours per week over the full-time week (per row, else
    the fulltime_hours setting, 40): 32/40 = 0,8; 24/36 = 0,6667; 36,5/40 = 0,9125."""
    headers = ["Personeelsnummer", "Datum in dienst", "Uren per week", "Normuren"]
    mapping = map_columns(headers)
    assert mapping.kind == "employments"
    assert mapping.columns["Uren per week"] == "contract_hours"
    assert mapping.columns["Normuren"] == "fulltime_hours"
    export = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Datum in dienst;Uren per week;Normuren\n"
        "001;01-01-2020;32;40\n"
        "002;01-01-2020;24;36\n"
        "003;01-01-2020;36,5;\n",
    )
    report = load([export], db)
    assert report.loaded, report.format()
    assert "fte = contract hours / full-time hours (default 40)" in report.files[0].notes
    rows = fetch(db, "SELECT employee_id, round(fte, 4) FROM employments ORDER BY 1")
    assert rows == [("001", 0.8), ("002", 0.6667), ("003", 0.9125)]
    # A mapping file may name the hours too.
    overridden = map_columns(["Nr", "Start", "Werkuren"], overrides={
        "Nr": "employee_id", "Start": "hire_date", "Werkuren": "contract_hours"})  # fmt: skip
    assert overridden.columns["Werkuren"] == "contract_hours"
