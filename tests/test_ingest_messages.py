"""The importer's messages in English and Dutch: one catalogue (analytics/ingest/messages.py) whose
texts keep their English `str()` for the command line and the logs and render in Dutch for the
dashboard; no message is written as a plain string any more."""

from __future__ import annotations

import ast
import pickle
import re
from datetime import date
from pathlib import Path

import pytest

from analytics.ingest import checks, uploads
from analytics.ingest.convert import RowError
from analytics.ingest.load import ImportReport, import_files
from analytics.ingest.mapping import MappingError, MappingFile, map_columns, refused_category
from analytics.ingest.messages import (
    HINTS,
    MESSAGES,
    SURFACES,
    Joined,
    Text,
    hints_in,
    placeholders,
    render,
)
from analytics.ingest.readers import ReadError, read_csv_bytes
from analytics.ingest.synonyms import REFUSED_FRAGMENTS
from tests.support import TODAY, load, write

INGEST = Path(__file__).resolve().parents[1] / "analytics" / "ingest"

# The acceptance case of tests/test_validation.py: three bad rows of an absence file.
EMPLOYEES = (
    "Personeelsnummer;Naam;Geboortedatum;Datum in dienst;Datum uit dienst\n"
    "001;Anna de Vries;14-03-1985;01-02-2015;\n"
    "002;Bert Jansen;23-11-1979;15-06-2018;31-12-2023\n"
    "003;Cor Bakker;05-07-1995;01-09-2022;\n"
)
BAD_ABSENCES = (
    "Personeelsnummer;Eerste ziektedag;Hersteldatum\n"
    "001;13-02-2021;20-02-2021\n"
    "002;20-03-2019;10-03-2019\n"
    "003;31-02-2023;05-03-2023\n"
    "999;14-04-2021;20-04-2021\n"
    "001;13-05-2021;14-05-2021\n"
)
# The three errors of test_employment_dates_and_overlaps_in_the_file.
BAD_EMPLOYEES = (
    "Personeelsnummer;Geboortedatum;Datum in dienst;Datum uit dienst\n"
    "010;14-03-1985;01-02-2015;31-01-2014\n"
    "011;20-01-2020;15-06-2018;\n"
    "012;20-01-1980;15-06-2018;31-12-2020\n"
    "012;20-01-1980;01-06-2020;\n"
)


# --- The catalogue ------------------------------------------------------------------------------


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    assert len(MESSAGES) > 100
    for key, message in MESSAGES.items():
        assert message.en.strip() and message.nl.strip(), key
        assert placeholders(message.en) == placeholders(message.nl), key
        # Rendering with a value for every placeholder works in both languages.
        text = Text(key, **{name: "x" for name in placeholders(message.en)})
        assert text.render("nl") and str(text)


def test_hints_name_the_control_where_the_message_is_read() -> None:
    named = set()
    for key, message in MESSAGES.items():
        assert hints_in(message.en) == hints_in(message.nl), key
        assert hints_in(message.en) <= set(HINTS), key
        named |= hints_in(message.en)
    assert named == set(HINTS)  # no hint is unused
    for name, surfaces in HINTS.items():
        assert set(surfaces) == set(SURFACES), name
        for message in surfaces.values():
            assert message.en.strip() and message.nl.strip()
            assert placeholders(message.en) == placeholders(message.nl), name
    # On the Data page no message names a command-line option; on the command line the options.
    for key, message in MESSAGES.items():
        text = Text(key, **{name: "x" for name in placeholders(message.en)})
        for language in ("en", "nl"):
            assert "--" not in text.render(language, "app"), (key, language)
            assert "[[" not in text.render(language, "app") + text.render(language), key
    ambiguous = Text("dates_ambiguous", example="01-02-2024")
    assert ambiguous.render("nl", "app") == (
        "datums waarvan de volgorde vast te stellen is, maar elke datum kan dag-maand of "
        "maand-dag zijn (bijv. 01-02-2024): kies de volgorde bij 'Datumnotatie'"
    )
    assert ambiguous.render("en", "app").endswith("choose the order under 'Date format'")
    assert str(ambiguous).endswith('add date_order = "dmy" or "mdy" to a mapping file (--mapping)')
    assert ambiguous.render("nl").endswith(
        'kies de datumnotatie (--date-order), of zet date_order = "dmy" of "mdy" in een '
        "koppelbestand (--mapping)"
    )


def test_dutch_is_not_a_copy_of_the_english() -> None:
    """Short names and pure layout may read the same in both languages; sentences may not."""

    def words(template: str) -> list[str]:
        return re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", template))

    same = [k for k, m in MESSAGES.items() if m.en == m.nl and len(words(m.en)) > 1]
    assert same == []


def test_every_refused_category_is_named_in_both_languages() -> None:
    for category in REFUSED_FRAGMENTS:
        text = Text(f"category.{category}")
        assert text.render("nl") != str(text)
    assert refused_category("Diagnose") == "health data (diagnosis, cause of sickness)"
    assert refused_category("Diagnose").render("nl") == (  # type: ignore[union-attr]
        "gezondheidsgegevens (diagnose, oorzaak van verzuim)"
    )


def test_a_text_is_its_english_string_and_renders_dutch() -> None:
    text = Text("read_empty")
    assert text == "the file is empty; expected a header row and data rows"
    assert isinstance(text, str)
    assert str(text) == text and type(str(text)) is str
    assert f"{text}" == "the file is empty; expected a header row and data rows"
    assert text.render("en") == str(text)
    assert text.render("nl") == "het bestand is leeg; verwacht een kopregel en rijen met gegevens"
    assert text.render("fr") == str(text)  # an unknown language gets English
    assert hash(text) == hash(str(text))
    with pytest.raises(KeyError):
        Text("no_such_message")


def test_nested_texts_lists_numbers_and_dates_follow_the_language() -> None:
    fte = Text("expect_number_above_at_most", minimum=0.0, maximum=1.5)
    assert fte == "a number above 0 and at most 1.5"
    assert fte.render("nl") == "een getal groter dan 0 en hoogstens 1,5"
    whole = Text("note_fte_from_hours", hours=38.0)
    assert (str(whole), whole.render("nl")) == (
        "fte = contract hours / full-time hours (default 38)",
        "fte = contracturen / uren voltijd (standaard 38)",
    )
    assert Text("note_fte_from_hours", hours=36.5).render("nl").endswith("(standaard 36,5)")
    # Integers (rows, counts) stay as they are.
    assert Text("error_row", file="a.csv", row=1234).render("nl") == "a.csv, rij 1234"
    snapshot = Text("note_snapshot_date_from_name", date=date(2024, 3, 31))
    assert str(snapshot) == "snapshot date 2024-03-31 from the file name"
    assert snapshot.render("nl") == "peildatum 31-03-2024 uit de bestandsnaam"
    periods = Joined(
        (
            Text("period", start="15-06-2018", end="31-12-2023"),
            Text("period_open", start="01-02-2024"),
        )
    )
    outside = Text("absence_outside_employment", employee="002", periods=periods)
    assert str(outside) == (
        "absence days inside an employment of 002 (employed 15-06-2018 – 31-12-2023, "
        "01-02-2024 – now)"
    )
    assert outside.render("nl") == (
        "verzuimdagen binnen een dienstverband van 002 (in dienst 15-06-2018 – 31-12-2023, "
        "01-02-2024 – heden)"
    )


def test_user_headers_and_values_are_quoted_as_typed_in_both_languages() -> None:
    error = RowError("lijst.csv", 7, "Datum 'in' dienst", "31-02-2024", Text("expect_date_dmy"))
    assert str(error) == (
        "lijst.csv, row 7, column \"Datum 'in' dienst\": '31-02-2024': "
        "expected a date like 31-12-2024"
    )
    assert error.render("nl") == (
        "lijst.csv, rij 7, kolom \"Datum 'in' dienst\": '31-02-2024': "
        "verwacht een datum als 31-12-2024 (dd-mm-jjjj)"
    )


def test_texts_survive_pickling() -> None:
    """st.cache_data pickles previews, whose error and refused categories are texts."""
    text = Text("no_kind_candidate", kind=Text("kind.absences"), missing=Joined(("a", "b")))
    again = pickle.loads(pickle.dumps(text))
    assert type(again) is Text
    assert again == text and again.key == "no_kind_candidate"
    assert again.render("nl") == "  als verzuim: geen kolom voor a, b"


def test_render_takes_texts_errors_and_plain_strings() -> None:
    error = RowError("a.csv", None, None, None, Text("read_not_found"))
    assert render(error, "nl") == "a.csv: bestand niet gevonden"
    assert render(error, "en") == "a.csv: file not found"
    assert render(Text("note_not_read"), "nl") == "niet gelezen"
    assert render("gewoon een tekst", "nl") == "gewoon een tekst"


# --- No message outside the catalogue ------------------------------------------------------------

# Calls whose arguments are messages, and which positions (None: all of them).
_MESSAGE_ARGS: dict[str, tuple[int, ...] | None] = {
    "RowError": (4,),
    "ReadError": (1,),
    "DateOrder": (1,),
    "MappingError": None,
    "AmbiguousDatesError": None,
    "ValueError": None,
}
_MESSAGE_KEYWORDS = {"expected", "problem", "evidence", "notes", "text"}


def _is_literal_message(node: ast.AST, assigned: dict[str, list[ast.AST]]) -> bool:
    """A string built in place: a literal, an f-string, a concatenation, a .format/.join on a
    literal, or a name assigned one of those."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_literal_message(node.left, assigned) or _is_literal_message(node.right, assigned)
    if isinstance(node, ast.IfExp):
        return _is_literal_message(node.body, assigned) or _is_literal_message(
            node.orelse, assigned
        )
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_is_literal_message(e, assigned) for e in node.elts)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join")
        and isinstance(node.func.value, ast.Constant)
    ):
        return node.func.attr == "format" or any(
            _is_literal_message(a, assigned) for a in node.args
        )
    if isinstance(node, ast.Name):
        return any(_is_literal_message(v, {}) for v in assigned.get(node.id, []))
    return False


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _is_notes(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "notes") or (
        isinstance(node, ast.Name) and node.id == "notes"
    )


def plain_messages(source: str, name: str = "<source>") -> list[str]:
    """Where a user-facing message is given as a plain string instead of a catalogued Text."""
    tree = ast.parse(source)
    found = []
    for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
        assigned: dict[str, list[ast.AST]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
        for node in ast.walk(function):
            if not isinstance(node, ast.Call):
                continue
            called = _call_name(node)
            suspects: list[ast.AST] = []
            if called in _MESSAGE_ARGS:
                positions = _MESSAGE_ARGS[called]
                suspects += [
                    arg
                    for index, arg in enumerate(node.args)
                    if positions is None or index in positions
                ]
                suspects += [k.value for k in node.keywords if k.arg in _MESSAGE_KEYWORDS]
            if called == "FileReport":
                suspects += [k.value for k in node.keywords if k.arg == "notes"]
            if (
                called in ("append", "extend", "insert")
                and isinstance(node.func, ast.Attribute)
                and _is_notes(node.func.value)
            ):
                suspects += node.args
            for suspect in suspects:
                if _is_literal_message(suspect, assigned):
                    found.append(f"{name}:{node.lineno} {called}(…{ast.unparse(suspect)[:60]}…)")
    return sorted(set(found))


def test_the_scan_finds_plain_messages() -> None:
    """The scan below can fail: each of these is a message that bypasses the catalogue."""
    bad = """
def f(path, n, notes, report):
    RowError(path, 1, "A", "v", f"a number above {n}")
    raise ReadError(path, "file not found")
    raise MappingError("unknown kind " + repr(n))
    report.notes.append(f"{n} empty row(s) skipped")
    notes.extend(["merged"])
    message = "a value ({})".format(n)
    RowError(path, None, None, None, expected=message)
    FileReport(path, notes=["not read"])
"""
    assert len(plain_messages(bad)) == 7
    good = """
def f(path, n, notes, report):
    RowError(path, 1, "A", "v", Text("expect_number"))
    raise ReadError(f"{path} [sheet]", Text("read_not_found"))
    report.notes.append(Text("note_empty_rows", count=n))
    FileReport(path, notes=[Text("note_not_read")])
"""
    assert plain_messages(good) == []


def test_no_importer_message_is_a_plain_string() -> None:
    files = sorted(p for p in INGEST.glob("*.py") if p.name != "messages.py")
    assert len(files) >= 10
    found = [hit for p in files for hit in plain_messages(p.read_text("utf-8"), p.name)]
    assert found == []


def test_every_catalogue_key_named_in_code_exists() -> None:
    """Text("key") with a literal key anywhere in the importer, the CLI and the data page."""
    root = INGEST.parents[1]
    sources = [*INGEST.glob("*.py"), root / "analytics" / "cli.py"]
    sources += [root / "ui" / "importer.py", root / "pages" / "data.py"]
    named = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and _call_name(node) == "Text"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                named.add(node.args[0].value)
    assert named and named <= set(MESSAGES)
    # The cross-row checks name their expectation in SQL (a literal before the parameters, or
    # a branch of a CASE): every one of them is catalogued.
    key = re.compile(r"'([a-z_]+)'(?=,\s*\{|\s*(?:WHEN|ELSE|END)\b)")
    for queries in checks._CHECKS.values():
        for query in queries:
            keys = set(key.findall(query))
            assert keys and keys <= set(MESSAGES), query


def _all_texts(report: ImportReport) -> list[object]:
    return [e.expected for e in report.errors] + [n for f in report.files for n in f.notes]


def test_every_error_and_note_of_real_imports_is_catalogued(tmp_path: Path, db: Path) -> None:
    """Imports that touch every kind of message: all of them come back as Text."""
    employees = write(tmp_path / "medewerkers.csv", EMPLOYEES)
    contracts = write(
        tmp_path / "contracten.csv",
        "Personeelsnummer;Datum in dienst;Datum uit dienst;FTE;Reden uit dienst\n"
        "101;01-01-2020;31-12-2020;0,8;\n"
        "101;01-01-2021;;0,9;\n"
        "102;01-03-2020;30-06-2023;1;Verhuizing\n",
    )
    loaded = load([employees, contracts], db)
    absences = write(tmp_path / "verzuim_2021.csv", BAD_ABSENCES)
    mixed = write(
        tmp_path / "gemengd.csv", "Personeelsnummer,Datum in dienst\n1,13-06-2024\n2,06/14/2024\n"
    )
    empty = write(tmp_path / "leeg.csv", "")
    refused = import_files([absences, tmp_path / "weg.csv", mixed, empty], db=db, today=TODAY)
    refused_rows = import_files([absences], db=db, today=TODAY)
    snapshots = write(
        tmp_path / "stand_2024-03.csv",
        "Personeelsnummer;Afdeling;Diagnose\n201;Verkoop;griep\n",
    )
    more = load([snapshots], db)
    texts = _all_texts(loaded) + _all_texts(refused) + _all_texts(refused_rows) + _all_texts(more)
    keys = {t.key for t in texts if isinstance(t, Text)}
    assert {
        "note_contracts_merged_history",
        "note_decimal",
        "note_reasons_other",
        "note_termination_type_from_reason",
        "note_snapshots",
        "note_snapshot_date_from_name",
        "note_not_read",
        "read_empty",
        "read_not_found",
        "dates_mixed",
        "end_before_start",
        "employee_unknown",
        "expect_date_dmy",
    } <= keys, keys
    plain = [t for t in texts if not isinstance(t, Text)]
    assert plain == []
    reports = (loaded, refused, refused_rows, more)
    categories = [c for r in reports for f in r.files for c in f.refused.values()]
    assert categories and all(isinstance(c, Text) for c in categories)
    for report in (loaded, refused, refused_rows, more):
        dutch = report.format(language="nl")
        for english in ("expected", " row ", "error(s)", "rows read", "column '", "skipped"):
            assert english not in dutch, (english, dutch)


# --- Dutch, line by line -------------------------------------------------------------------------


def test_the_acceptance_case_in_dutch(tmp_path: Path, db: Path) -> None:
    load([write(tmp_path / "medewerkers.csv", EMPLOYEES)], db)
    bad = write(tmp_path / "verzuim_2021.csv", BAD_ABSENCES)
    report = import_files([bad], db=db, today=TODAY)
    assert [e.render("nl") for e in report.errors] == [
        "verzuim_2021.csv, rij 3, kolom 'Hersteldatum': '10-03-2019': "
        "verwacht een einddatum op of na de begindatum (20-03-2019)",
        "verzuim_2021.csv, rij 4, kolom 'Eerste ziektedag': '31-02-2023': "
        "verwacht een datum als 31-12-2024 (dd-mm-jjjj)",
        "verzuim_2021.csv, rij 5, kolom 'Personeelsnummer': '999': "
        "verwacht een personeelsnummer dat in het medewerkersbestand staat",
    ]
    # English is what it always was.
    assert [str(e) for e in report.errors] == [
        "verzuim_2021.csv, row 3, column 'Hersteldatum': '10-03-2019': "
        "expected an end date on or after the start date (20-03-2019)",
        "verzuim_2021.csv, row 4, column 'Eerste ziektedag': '31-02-2023': "
        "expected a date like 31-12-2024",
        "verzuim_2021.csv, row 5, column 'Personeelsnummer': '999': "
        "expected an employee who is in the employee file",
    ]
    assert report.format(language="nl").splitlines() == [
        "verzuim_2021.csv → verzuim",
        "  gelezen als: tekenset UTF-8, scheidingsteken puntkomma",
        "  kolom 'Personeelsnummer' → personeelsnummer",
        "  kolom 'Eerste ziektedag' → begindatum",
        "  kolom 'Hersteldatum' → einddatum",
        "  datumvolgorde dd-mm-jjjj (8 datum(s) met een dag boven 12 vooraan)",
        "  rijen gelezen 5, geladen 0, geweigerd 3",
        "3 fout(en):",
        *(f"  {e.render('nl')}" for e in report.errors),
        "Er is niets geladen; de gegevens zijn ongewijzigd.",
    ]
    assert report.format().splitlines()[0] == "verzuim_2021.csv → absences"


def test_dates_and_overlaps_in_dutch(tmp_path: Path, db: Path) -> None:
    report = import_files([write(tmp_path / "medewerkers.csv", BAD_EMPLOYEES)], db=db, today=TODAY)
    assert [e.render("nl") for e in report.errors] == [
        "medewerkers.csv, rij 2, kolom 'Datum uit dienst': '31-01-2014': "
        "verwacht een datum uit dienst op of na de datum in dienst (01-02-2015)",
        "medewerkers.csv, rij 3, kolom 'Geboortedatum': '20-01-2020': "
        "verwacht een geboortedatum vóór de datum in dienst (15-06-2018)",
        "medewerkers.csv, rij 5, kolom 'Datum in dienst': '01-06-2020': "
        "verwacht een periode die niet overlapt met het dienstverband van 012 op rij 4 "
        "(in dienst sinds 15-06-2018)",
    ]


def test_cross_row_checks_in_dutch(tmp_path: Path, db: Path) -> None:
    load([write(tmp_path / "medewerkers.csv", EMPLOYEES)], db)
    absences = write(
        tmp_path / "verzuim.csv",
        "Personeelsnummer;Eerste ziektedag;Hersteldatum;Verzuimnummer\n"
        "001;13-01-2020;20-01-2020;S1\n"
        "001;15-01-2020;17-01-2020;S2\n"
        "002;13-01-2024;20-01-2024;S3\n"
        "003;14-11-2022;20-11-2022;S3\n",
    )
    report = import_files([absences], db=db, today=TODAY)
    spell = "een nummer van een verzuimmelding dat bij één medewerker hoort"
    assert sorted((e.row, e.expected.render("nl")) for e in report.errors) == [
        (3, "een verzuimmelding die niet overlapt met een eerdere van 001 (rij 2)"),
        (4, f"{spell} (het staat ook bij 003)"),
        (4, "verzuimdagen binnen een dienstverband van 002 (in dienst 15-06-2018 – 31-12-2023)"),
        (5, f"{spell} (het staat ook bij 002)"),
    ]
    again = write(
        tmp_path / "nieuw" / "medewerkers.csv", "Personeelsnummer;Datum in dienst\n001;13-03-2016\n"
    )
    overlap = import_files([again], db=db, today=TODAY).errors[0]
    assert overlap.expected.render("nl") == (
        "een periode die niet overlapt met het dienstverband van 001 dat al is opgeslagen "
        "(in dienst sinds 01-02-2015); vervang de opgeslagen dienstverbanden (--replace) als dit "
        "een volledige nieuwe export is"
    )
    assert overlap.render("nl", "app") == (
        "medewerkers.csv, rij 2, kolom 'Datum in dienst': '13-03-2016': verwacht een periode die "
        "niet overlapt met het dienstverband van 001 dat al is opgeslagen (in dienst sinds "
        "01-02-2015); vink 'Bestaande gegevens van deze soort vervangen' aan als dit een "
        "volledige nieuwe export is"
    )


def test_whole_file_problems_in_dutch(tmp_path: Path, db: Path) -> None:
    ragged = write(tmp_path / "scheef.csv", "a;b;c\n1;2;3\n4;5;6;7;8\n")
    names = write(tmp_path / "namen.csv", "Personeelsnummer;Naam\n001;Anna\n")
    hobby = write(tmp_path / "hobby.csv", "Hobby;Schoenmaat\nZeilen;43\n")
    dates = write(
        tmp_path / "datums.csv",
        "Personeelsnummer;Datum in dienst;Datum uit dienst\n001;02-01-2016;01-03-2020\n",
    )
    report = import_files([ragged, hobby, dates], db=db, today=TODAY)
    by_file = {e.file: e.render("nl") for e in report.errors}
    assert by_file["scheef.csv"] == (
        "scheef.csv: rij 3 heeft 5 velden, maar de kopregel heeft er 3; verwacht op elke rij 3 "
        "door puntkomma gescheiden velden"
    )
    assert by_file["hobby.csv"].splitlines() == [
        "hobby.csv: niet te zien welke gegevens dit bestand bevat: voor geen enkele soort zijn "
        "alle verplichte kolommen aanwezig.",
        "  als medewerkers: geen kolom voor personeelsnummer, datum in dienst",
        "  als standen op een peildatum: geen kolom voor personeelsnummer, peildatum",
        "Kies de soort (--kind), of koppel de kolommen in een koppelbestand ([columns] "
        '"Uw kolomnaam" = "kolom").',
    ]
    assert by_file["datums.csv"] == (
        "datums.csv, kolom 'Datum in dienst, Datum uit dienst': verwacht datums waarvan de "
        "volgorde vast te stellen is, maar elke datum kan dag-maand of maand-dag zijn "
        "(bijv. 02-01-2016): kies de datumnotatie (--date-order), of zet "
        'date_order = "dmy" of "mdy" in een koppelbestand (--mapping)'
    )
    missing = import_files([names], db=db, today=TODAY, kind="employments").errors[0]
    assert missing.render("nl") == (
        "namen.csv: dit lijkt een bestand met medewerkers, maar er is geen kolom voor datum in "
        "dienst (bijv. 'datum in dienst', 'in dienst', 'indienst', 'indiensttreding'). Geef de "
        'kolom een andere naam, of koppel hem in een koppelbestand ([columns] "Uw kolomnaam" = '
        '"hire_date")'
    )


def test_read_and_mapping_errors_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_csv_bytes(b"", "leeg.csv")
    assert str(caught.value) == "leeg.csv: the file is empty; expected a header row and data rows"
    assert caught.value.text.render("nl") == (
        "leeg.csv: het bestand is leeg; verwacht een kopregel en rijen met gegevens"
    )
    assert (
        caught.value.problem.render("nl")
        == "het bestand is leeg; verwacht een kopregel en rijen met gegevens"
    )

    with pytest.raises(MappingError) as mapped:
        map_columns(["Personeelsnummer"], kind="verzuim")
    assert mapped.value.text.render("nl").startswith("onbekende soort 'verzuim'; verwacht een van")

    bad = write(tmp_path / "koppeling.toml", 'date_order = "dym"\n')
    with pytest.raises(MappingError) as loaded:
        MappingFile.load(bad)
    assert str(loaded.value) == "koppeling.toml: date_order must be dmy, mdy or ymd"
    assert loaded.value.text.render("nl") == "koppeling.toml: date_order moet dmy, mdy of ymd zijn"


def test_upload_tables_in_dutch(tmp_path: Path, db: Path) -> None:
    load([write(tmp_path / "medewerkers.csv", EMPLOYEES)], db)
    report = import_files([write(tmp_path / "verzuim_2021.csv", BAD_ABSENCES)], db=db, today=TODAY)
    errors = uploads.error_rows(report, "nl")
    assert errors["expected"].to_list() == [
        "een einddatum op of na de begindatum (20-03-2019)",
        "een datum als 31-12-2024 (dd-mm-jjjj)",
        "een personeelsnummer dat in het medewerkersbestand staat",
    ]
    assert uploads.error_rows(report)["expected"].to_list()[1] == "a date like 31-12-2024"
    notes = uploads.file_rows(report, "nl")["notes"].to_list()
    assert notes == ["datumvolgorde dd-mm-jjjj (8 datum(s) met een dag boven 12 vooraan)"]


def test_rejects_file_in_the_chosen_language(tmp_path: Path, db: Path) -> None:
    load([write(tmp_path / "medewerkers.csv", EMPLOYEES)], db)
    bad = write(tmp_path / "verzuim_2021.csv", BAD_ABSENCES)
    report = import_files([bad], db=db, today=TODAY, keep_valid=True, language="nl")
    assert report.loaded
    rejects = (tmp_path / "verzuim_2021.rejects.csv").read_text("utf-8")
    assert (
        "verzuim_2021.csv, rij 4, kolom 'Eerste ziektedag': '31-02-2023': verwacht een datum"
        in rejects
    )
    assert "expected" not in rejects
