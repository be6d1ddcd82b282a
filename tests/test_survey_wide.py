"""Survey exports in wide form (one row per respondent, one column per question): recognised,
converted to the long form with the questions built from the headers, refused with one message per
question whose dimension or scale is unknown, and equal in every engagement figure to the same
answers given in long form."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics import store
from analytics.cli import main
from analytics.ingest import uploads
from analytics.ingest.load import import_files
from analytics.ingest.mapping import MappingError, MappingFile, QuestionSpec
from analytics.ingest.survey_wide import asks_to_recommend, question_id_from, scale_in_header
from analytics.metrics import engagement
from analytics.metrics.base import Filters
from tests.support import TODAY, fetch, load, write

WAVE = date(2024, 3, 31)
YEAR = Filters.for_period(date(2024, 1, 1), date(2024, 12, 31))

ENPS_Q = "Hoe waarschijnlijk is het dat je Koers aanbeveelt als werkgever? (0-10)"
SAFE_Q = "Ik voel me veilig om fouten toe te geven"
PRAISE_Q = "Ik krijg waardering voor mijn werk"
PROUD_Q = "Ik ben trots op mijn organisatie"
PROUD_ID = "ik_ben_trots_op_mijn_organisatie"  # no id in the mapping: derived from the header

# A SurveyMonkey-like export: semicolons, Dutch headers, a free-text column, empty cells (R02 did
# not answer PRAISE_Q, R04 not PROUD_Q, R08 not SAFE_Q and gave no gender; R09 answered nothing,
# so its gender, which maps to nothing, is no error).
EXPORT = f"""Respondent;Afdeling;Geslacht;{ENPS_Q};{SAFE_Q};{PRAISE_Q};{PROUD_Q};Opmerkingen
R01;A;Vrouw;10;5;4;4;Fijn team
R02;A;Man;9;4;;5;
R03;A;Vrouw;4;3;3;4;
R04;A;Man;6;2;4;;
R05;B;Vrouw;8;4;5;5;
R06;B;Man;3;1;2;3;Te veel werk
R07;B;Vrouw;10;5;5;4;
R08;B;;9;;4;5;
R09;B;Geen idee;;;;;
"""

MAPPING = f"""[questions."{ENPS_Q}"]
id = "ENPS01"
dimension = "enps"
scale = [0, 10]

[questions."{SAFE_Q}"]
id = "PSV01"
dimension = "psychologische_veiligheid"
scale = [1, 5]

[questions."{PRAISE_Q}"]
id = "WAA01"
dimension = "waardering"
scale = [1, 5]

[questions."{PROUD_Q}"]
dimension = "betrokkenheid"
scale = [1, 5]
"""

# The same answers in long form, written out by hand (respondent, department, gender, question,
# score): 8 + 7 + 7 + 7 = 29 answers, the empty cells left out.
LONG_ROWS = [
    ("R01", "A", "F", "ENPS01", 10.0), ("R01", "A", "F", "PSV01", 5.0),
    ("R01", "A", "F", "WAA01", 4.0), ("R01", "A", "F", PROUD_ID, 4.0),
    ("R02", "A", "M", "ENPS01", 9.0), ("R02", "A", "M", "PSV01", 4.0),
    ("R02", "A", "M", PROUD_ID, 5.0),
    ("R03", "A", "F", "ENPS01", 4.0), ("R03", "A", "F", "PSV01", 3.0),
    ("R03", "A", "F", "WAA01", 3.0), ("R03", "A", "F", PROUD_ID, 4.0),
    ("R04", "A", "M", "ENPS01", 6.0), ("R04", "A", "M", "PSV01", 2.0),
    ("R04", "A", "M", "WAA01", 4.0),
    ("R05", "B", "F", "ENPS01", 8.0), ("R05", "B", "F", "PSV01", 4.0),
    ("R05", "B", "F", "WAA01", 5.0), ("R05", "B", "F", PROUD_ID, 5.0),
    ("R06", "B", "M", "ENPS01", 3.0), ("R06", "B", "M", "PSV01", 1.0),
    ("R06", "B", "M", "WAA01", 2.0), ("R06", "B", "M", PROUD_ID, 3.0),
    ("R07", "B", "F", "ENPS01", 10.0), ("R07", "B", "F", "PSV01", 5.0),
    ("R07", "B", "F", "WAA01", 5.0), ("R07", "B", "F", PROUD_ID, 4.0),
    ("R08", "B", None, "ENPS01", 9.0), ("R08", "B", None, "WAA01", 4.0),
    ("R08", "B", None, PROUD_ID, 5.0),
]  # fmt: skip
QUESTIONS = [
    ("ENPS01", ENPS_Q, "enps", 0, 10),
    ("PSV01", SAFE_Q, "psychologische_veiligheid", 1, 5),
    ("WAA01", PRAISE_Q, "waardering", 1, 5),
    (PROUD_ID, PROUD_Q, "betrokkenheid", 1, 5),
]
LONG_QUESTIONS = "Vraagcode;Vraag;Dimensie;Schaal min;Schaal max\n" + "".join(
    f"{i};{t};{d};{lo};{hi}\n" for i, t, d, lo, hi in QUESTIONS
)
LONG_ANSWERS = "Peildatum;Respondent;Afdeling;Geslacht;Vraagcode;Score\n" + "".join(
    f"31-03-2024;{r};{a};{ {'F': 'Vrouw', 'M': 'Man', None: ''}[g] };{q};{s:g}\n"
    for r, a, g, q, s in LONG_ROWS
)

RESPONSES_SQL = (
    "SELECT wave, respondent_id, department, gender, question_id, score FROM survey_responses "
    "ORDER BY respondent_id, question_id"
)
QUESTIONS_SQL = (
    "SELECT question_id, text, dimension, scale_min, scale_max FROM survey_questions "
    "ORDER BY question_id"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write(tmp_path / "enquete_2024-03-31.csv", EXPORT)


@pytest.fixture
def mapping(tmp_path: Path) -> MappingFile:
    return MappingFile.load(write(tmp_path / "vragen.toml", MAPPING))


# --- Conversion ---------------------------------------------------------------------------------


def test_the_wide_export_becomes_the_long_form(
    export: Path, mapping: MappingFile, db: Path
) -> None:
    report = load([export], db, mapping_file=mapping)
    expected = [(WAVE, r, a, g, q, s) for r, a, g, q, s in LONG_ROWS]
    assert fetch(db, RESPONSES_SQL) == sorted(expected, key=lambda row: (row[1], row[4]))
    assert len(expected) == 29
    assert fetch(db, QUESTIONS_SQL) == sorted(QUESTIONS)
    file = report.files[0]
    assert (file.kind, file.rows_read, file.rows_loaded, file.rows_rejected) == (
        "survey_responses", 8, 8, 0,
    )  # fmt: skip
    assert file.columns == {"Respondent": "respondent_id", "Afdeling": "department",
                            "Geslacht": "gender"}  # fmt: skip
    assert file.unmatched == ("Opmerkingen",)  # free text: listed, not stored
    notes = [str(n) for n in file.notes]
    assert notes[0] == (
        "survey export in wide form: 4 question column(s), 8 respondent(s) → 29 answer(s)"
    )
    assert "wave 2024-03-31 from the file name" in notes
    assert "3 empty answer cell(s): no answer (not counted as 0)" in notes
    assert "1 respondent row(s) without any answer skipped" in notes
    assert f"question '{PROUD_Q}' → {PROUD_ID} (dimension betrokkenheid, scale 1–5)" in notes
    assert (
        f"  vraag '{SAFE_Q}' → PSV01 (dimensie psychologische_veiligheid, schaal 1–5)"
        in report.format(language="nl").splitlines()
    )


def _both_stores(tmp_path: Path, export: Path, mapping: MappingFile, db: Path) -> tuple[Path, Path]:
    load([export], db, mapping_file=mapping)
    long_db = tmp_path / "lang" / "koers.duckdb"
    long_db.parent.mkdir()
    files = [
        write(tmp_path / "lang" / "vragen.csv", LONG_QUESTIONS),
        write(tmp_path / "lang" / "antwoorden.csv", LONG_ANSWERS),
    ]
    load(files, long_db)
    return db, long_db


def _figures(db: Path) -> dict[str, pl.DataFrame]:
    connection = store.connect_reader(db)
    try:
        con = store.cursor(connection)
        return {
            "enps": engagement.enps_raw(con, YEAR, None),
            "enps_by_department": engagement.enps_raw(con, YEAR, "department"),
            "items": engagement.item_scores_raw(con, YEAR, None),
            "dimensions": engagement.dimension_scores_raw(con, YEAR, None),
        }
    finally:
        connection.close()


def test_engagement_figures_equal_those_of_the_long_form(
    tmp_path: Path, export: Path, mapping: MappingFile, db: Path
) -> None:
    wide_db, long_db = _both_stores(tmp_path, export, mapping, db)
    wide, long = _figures(wide_db), _figures(long_db)
    # eNPS: promoters (9–10) R01, R02, R07, R08 = 4; detractors (0–6) R03 4, R04 6, R06 3 = 3;
    # passive R05 8. (4 − 3) / 8 = 0.125.
    enps = wide["enps"].row(0, named=True)
    assert (enps["wave"], enps["respondents"], enps["promoters"]) == (WAVE, 8, 4)
    assert (enps["passives"], enps["detractors"]) == (1, 3)
    assert enps["enps"] == pytest.approx(0.125)
    # A: 10, 9, 4, 6 → (2 − 2) / 4 = 0; B: 8, 3, 10, 9 → (2 − 1) / 4 = 0.25.
    by_department = dict(wide["enps_by_department"].select("group", "enps").iter_rows())
    assert by_department == {"A": pytest.approx(0.0), "B": pytest.approx(0.25)}
    # Favourable (4–5 on 1–5): PSV01 5,4,3,2,4,1,5 → 4 of 7; WAA01 4,3,4,5,2,5,4 → 5 of 7;
    # trots 4,5,4,5,3,4,5 → 6 of 7. The eNPS question has no favourable share (11 points).
    items = {q: (n, f) for _, _, q, _, n, _, f in wide["items"].iter_rows()}
    assert items["PSV01"] == (7, pytest.approx(4 / 7))
    assert items["WAA01"] == (7, pytest.approx(5 / 7))
    assert items[PROUD_ID] == (7, pytest.approx(6 / 7))
    assert items["ENPS01"] == (8, None)
    means = dict(wide["items"].select("question_id", "mean_score").iter_rows())
    assert means["PSV01"] == pytest.approx(24 / 7)  # 5+4+3+2+4+1+5
    scores = dict(wide["dimensions"].select("dimension", "score").iter_rows())
    assert scores == {
        "betrokkenheid": pytest.approx(6 / 7),
        "psychologische_veiligheid": pytest.approx(4 / 7),
        "waardering": pytest.approx(5 / 7),
    }
    for name in wide:
        assert wide[name].equals(long[name]), name
    assert fetch(wide_db, RESPONSES_SQL) == fetch(long_db, RESPONSES_SQL)
    assert fetch(wide_db, QUESTIONS_SQL) == fetch(long_db, QUESTIONS_SQL)


# --- Refused ------------------------------------------------------------------------------------


def _refusal(header: str, low: int, high: int) -> tuple[str, str]:
    key = f'"{header}"'
    english = (
        f"enquete_2024-03-31.csv, column '{header}': expected the dimension and scale of this "
        f"survey question (its answers run from {low} to {high}): add them to a mapping file as "
        f'[questions.{key}] dimension = "…" and scale = [min, max], or ignore the column '
        f'([columns] {key} = "")'
    )
    dutch = (
        f"enquete_2024-03-31.csv, kolom '{header}': verwacht de dimensie en schaal van deze "
        f"enquêtevraag (de antwoorden lopen van {low} tot en met {high}): zet die in een "
        f'koppelbestand als [questions.{key}] dimension = "…" en scale = [min, max], of negeer '
        f'de kolom ([columns] {key} = "")'
    )
    return english, dutch


def test_questions_without_a_dimension_are_refused_one_message_each(export: Path, db: Path) -> None:
    before = digest(db)
    report = import_files([export], db=db, today=TODAY)
    assert not report.loaded
    # The eNPS question says its scale ("(0-10)") and asks to recommend: it needs nothing.
    expected = [_refusal(SAFE_Q, 1, 5), _refusal(PRAISE_Q, 2, 5), _refusal(PROUD_Q, 3, 5)]
    assert [str(e) for e in report.errors] == [english for english, _ in expected]
    assert [e.render("nl") for e in report.errors] == [dutch for _, dutch in expected]
    assert [(e.row, e.value) for e in report.errors] == [(None, None)] * 3
    assert report.format().endswith("Nothing was loaded; the store is unchanged.")
    assert digest(db) == before
    assert fetch(db, "SELECT count(*) FROM survey_responses") == [(0,)]


def test_a_partial_mapping_names_only_what_is_missing(
    tmp_path: Path, export: Path, db: Path
) -> None:
    partial = write(
        tmp_path / "half.toml",
        f'[questions."{SAFE_Q}"]\ndimension = "psychologische_veiligheid"\n'
        f'[questions."{PRAISE_Q}"]\nscale = [1, 5]\n'
        f'[columns]\n"{PROUD_Q}" = ""\n',
    )
    report = import_files([export], db=db, today=TODAY, mapping_file=MappingFile.load(partial))
    assert [str(e) for e in report.errors] == [
        f"enquete_2024-03-31.csv, column '{SAFE_Q}': expected the scale of this survey question "
        f'(its answers run from 1 to 5): add it to a mapping file as [questions."{SAFE_Q}"] '
        f'scale = [min, max], or ignore the column ([columns] "{SAFE_Q}" = "")',
        f"enquete_2024-03-31.csv, column '{PRAISE_Q}': expected the dimension of this survey "
        f"question (its answers run from 2 to 5): add it to a mapping file as "
        f'[questions."{PRAISE_Q}"] dimension = "…" (e.g. "enps" for the 0–10 recommend '
        f'question), or ignore the column ([columns] "{PRAISE_Q}" = "")',
    ]


def test_scores_outside_the_scale_are_row_errors(
    tmp_path: Path, mapping: MappingFile, db: Path
) -> None:
    bad = EXPORT.replace("R03;A;Vrouw;4;3;3;4;", "R03;A;Vrouw;4;6;3;4;").replace(
        "R06;B;Man;3;1;2;3;", "R06;B;Man;11;1;2;weet niet;"
    )
    export = write(tmp_path / "enquete_2024-03-31.csv", bad)
    before = digest(db)
    report = import_files([export], db=db, today=TODAY, mapping_file=mapping)
    assert not report.loaded and digest(db) == before
    assert [str(e) for e in report.errors] == [
        f"enquete_2024-03-31.csv, row 4, column '{SAFE_Q}': '6': expected a score from 1 to 5",
        f"enquete_2024-03-31.csv, row 7, column '{ENPS_Q}': '11': expected a score from 0 to 10",
        f"enquete_2024-03-31.csv, row 7, column '{PROUD_Q}': 'weet niet': expected a score from "
        "1 to 5",
    ]
    assert report.errors[0].render("nl") == (
        f"enquete_2024-03-31.csv, rij 4, kolom '{SAFE_Q}': '6': verwacht een score van 1 tot en "
        "met 5"
    )
    # Loading the valid rows leaves out both respondents whole (a row is loaded or refused).
    kept = import_files([export], db=db, today=TODAY, mapping_file=mapping, keep_valid=True)
    file = kept.files[0]
    assert (kept.loaded, file.rows_read, file.rows_loaded, file.rows_rejected) == (True, 8, 6, 2)
    respondents = fetch(db, "SELECT DISTINCT respondent_id FROM survey_responses ORDER BY 1")
    assert [r for (r,) in respondents] == ["R01", "R02", "R04", "R05", "R07", "R08"]
    assert fetch(db, "SELECT count(*) FROM survey_responses") == [(29 - 4 - 4,)]


def test_one_import_lands_whole_or_not_at_all(
    tmp_path: Path, export: Path, mapping: MappingFile, db: Path
) -> None:
    broken = write(
        tmp_path / "medewerkers.csv", "Personeelsnummer;Datum in dienst\n001;31-02-2020\n"
    )
    before = digest(db)
    report = import_files([export, broken], db=db, today=TODAY, mapping_file=mapping)
    assert not report.loaded and digest(db) == before
    assert [str(e) for e in report.errors] == [
        "medewerkers.csv, row 2, column 'Datum in dienst': '31-02-2020': expected a date like "
        "31-12-2024"
    ]


# --- Waves, eNPS and earlier waves --------------------------------------------------------------


def test_wave_from_a_column(tmp_path: Path, mapping: MappingFile, db: Path) -> None:
    lines = EXPORT.splitlines()
    text = "\n".join([f"Einddatum enquête;{lines[0]}".replace("Einddatum enquête", "Meetmoment")]
                     + [f"30-09-2023;{line}" for line in lines[1:]]) + "\n"  # fmt: skip
    export = write(tmp_path / "enquete.csv", text)
    report = load([export], db, mapping_file=mapping)
    assert report.files[0].columns["Meetmoment"] == "wave"
    assert fetch(db, "SELECT DISTINCT wave FROM survey_responses") == [(date(2023, 9, 30),)]


def test_wave_from_the_mapping_file(tmp_path: Path, db: Path) -> None:
    export = write(tmp_path / "enquete.csv", EXPORT)
    mapping = MappingFile.load(write(tmp_path / "vragen.toml", "wave = 2024-06-30\n" + MAPPING))
    report = load([export], db, mapping_file=mapping)
    assert "wave 2024-06-30 from the mapping file" in report.files[0].notes
    assert fetch(db, "SELECT DISTINCT wave FROM survey_responses") == [(date(2024, 6, 30),)]
    # Without a wave anywhere the file is refused, saying where a wave may come from.
    listed = MappingFile.load(write(tmp_path / "zonder.toml", MAPPING))
    refused = import_files([export], db=db, today=TODAY, mapping_file=listed)
    assert [str(e) for e in refused.errors] == [
        "enquete.csv: no wave for this survey export; expected a column with the date the survey "
        "closed (e.g. 'Peildatum'), wave = 2024-03-31 in a mapping file, or the date in the file "
        "name (e.g. enquete_2024-03-31.csv)"
    ]


def test_the_enps_question_recognised_by_its_scale_and_wording_is_noted(
    tmp_path: Path, export: Path, db: Path
) -> None:
    without_enps = MAPPING.split(f'[questions."{SAFE_Q}"]')[1]
    mapping = MappingFile.load(write(tmp_path / "v.toml", f'[questions."{SAFE_Q}"]{without_enps}'))
    report = load([export], db, mapping_file=mapping)
    notes = report.files[0].notes
    assert f"'{ENPS_Q}': scale 0–10 taken from the header" in notes
    assert (
        f"'{ENPS_Q}': a 0–10 question asking whether one would recommend the organisation, "
        "taken as the eNPS question (dimension enps); give it another dimension under "
        "[questions] if it is not"
    ) in notes
    enps_id = question_id_from(ENPS_Q)
    assert fetch(db, f"SELECT dimension, scale_min, scale_max FROM survey_questions "
                     f"WHERE question_id = '{enps_id}'") == [("enps", 0, 10)]  # fmt: skip


def test_a_later_wave_adds_answers_and_keeps_the_stored_questions(
    tmp_path: Path, export: Path, mapping: MappingFile, db: Path
) -> None:
    load([export], db, mapping_file=mapping)
    later = write(tmp_path / "enquete_2024-09-30.csv", EXPORT)
    report = load([later], db, mapping_file=mapping)
    assert (
        "questions already stored with the same dimension and scale, kept as they are: "
        f"ENPS01, PSV01, WAA01, {PROUD_ID}"
    ) in report.files[0].notes
    assert fetch(db, "SELECT wave, count(*) FROM survey_responses GROUP BY 1 ORDER BY 1") == [
        (WAVE, 29),
        (date(2024, 9, 30), 29),
    ]
    assert fetch(db, QUESTIONS_SQL) == sorted(QUESTIONS)
    # A question whose dimension changed needs an id of its own.
    changed = MappingFile.load(
        write(tmp_path / "anders.toml", MAPPING.replace('"waardering"', '"erkenning"'))
    )
    before = digest(db)
    third = write(tmp_path / "enquete_2025-03-31.csv", EXPORT)
    refused = import_files([third], db=db, today=TODAY, mapping_file=changed)
    assert not refused.loaded and digest(db) == before
    assert [str(e) for e in refused.errors] == [
        f"enquete_2025-03-31.csv, column '{PRAISE_Q}': expected the definition already stored "
        "for question 'WAA01' (dimension 'waardering', scale 1–5); give a changed question an id "
        'of its own (id = "…" under [questions])'
    ]


# --- Command line, detection, mapping files, what the Data page uses ---------------------------


def test_command_line(
    tmp_path: Path, export: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vragen = write(tmp_path / "vragen.toml", MAPPING)
    assert main(["load", str(export), "--db", str(db), "--mapping", str(vragen)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "enquete_2024-03-31.csv → survey_responses"
    assert "  rows read 8, loaded 8, rejected 0" in out.splitlines()
    assert fetch(db, "SELECT count(*) FROM survey_responses") == [(29,)]
    assert main(["load", str(export), "--db", str(tmp_path / "leeg.duckdb"), "--lang", "nl"]) == 1
    err = capsys.readouterr().err
    assert f"kolom '{SAFE_Q}': verwacht de dimensie en schaal van deze enquêtevraag" in err


def test_without_a_wave_or_a_mapping_it_is_still_a_survey_and_refused(
    tmp_path: Path, db: Path
) -> None:
    """Department and answers alone could pass for org units; the export is recognised as a
    survey and refused for its missing wave, and nothing is stored."""
    export = write(tmp_path / "enquete.csv", EXPORT)
    before = fetch(db, "SELECT count(*) FROM org_units")
    refused = import_files([export], db=db, today=TODAY)
    assert not refused.loaded
    assert any(
        str(e).startswith("enquete.csv: no wave for this survey export") for e in refused.errors
    )
    assert fetch(db, "SELECT count(*) FROM org_units") == before


def test_what_is_not_a_wide_survey(tmp_path: Path, db: Path) -> None:
    # Small whole numbers (grade, children) beside an employee number are no survey answers.
    employees = write(
        tmp_path / "medewerkers.csv",
        "Personeelsnummer;Afdeling;Datum in dienst;Schaal;Kinderen;Peildatum\n"
        "001;A;01-01-2020;8;2;31-03-2024\n002;B;01-06-2021;9;0;31-03-2024\n",
    )
    assert load([employees], db).files[0].kind == "snapshots"
    # The long form stays the long form.
    questions = write(tmp_path / "vragen.csv", LONG_QUESTIONS)
    answers = write(tmp_path / "antwoorden.csv", LONG_ANSWERS)
    report = load([questions, answers], db)
    assert [f.kind for f in report.files] == ["survey_questions", "survey_responses"]
    assert fetch(db, "SELECT count(*) FROM survey_responses") == [(29,)]


@pytest.mark.parametrize(
    ("header", "question_id", "scale", "recommend"),
    [
        (ENPS_Q, "hoe_waarschijnlijk_is_het_dat_je_5ec468", (0, 10), True),
        ("Q3_1 Ik weet wat er van mij verwacht wordt",
         "q3_1_ik_weet_wat_er_van_mij_verwa_3c0668", None, False),
        ("How likely are you to recommend us? 0 – 10", "how_likely_are_you_to_recommend_us_0_10",
         (0, 10), True),
        ("Ik zou dit werk aanraden (1 t/m 5)", "ik_zou_dit_werk_aanraden_1_t_m_5", (1, 5), True),
        ("Werkdruk", "werkdruk", None, False),
    ],
)  # fmt: skip
def test_headers(
    header: str, question_id: str, scale: tuple[int, int] | None, recommend: bool
) -> None:
    assert question_id_from(header) == question_id
    assert len(question_id) <= 40
    assert scale_in_header(header) == scale
    assert asks_to_recommend(header) is recommend


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[questions."Werkdruk"]\nscale = [5, 1]',
         "slecht.toml: the scale of question 'Werkdruk' must be two whole numbers, the lowest "
         "first (scale = [1, 5])"),
        ('[questions."Werkdruk"]\nscale = [1, 4.5]',
         "slecht.toml: the scale of question 'Werkdruk' must be two whole numbers"),
        ('[questions."Werkdruk"]\ndimensie = "werk"',
         "slecht.toml: [questions.'Werkdruk'] has unknown keys dimensie; expected id, dimension, "
         "scale"),
        ('[questions."Werkdruk"]\ndimension = 3', "slecht.toml: [questions.'Werkdruk'] must give"),
        ('questions = "Werkdruk"', "slecht.toml: [questions] must hold one table per question"),
        ('[questions."A"]\nid = "Q1"\n[questions."B"]\nid = "Q1"',
         "slecht.toml: question id 'Q1' is given to two questions (also to 'A')"),
        ('wave = "maart"', "slecht.toml: wave 'maart' is not a date; expected wave = 2024-03-31"),
    ],
)  # fmt: skip
def test_bad_question_mappings(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(MappingError) as caught:
        MappingFile.load(write(tmp_path / "slecht.toml", text))
    assert str(caught.value).startswith(message)
    assert caught.value.text.render("nl") != str(caught.value)


def test_the_data_page_previews_and_plans_a_wide_export(
    tmp_path: Path, export: Path, mapping: MappingFile, db: Path
) -> None:
    seen = uploads.preview(export)
    assert (seen.detected_kind, seen.kind) == ("survey_responses", "survey_responses")
    assert seen.questions == (ENPS_Q, SAFE_Q, PRAISE_Q, PROUD_Q)
    assert seen.missing(seen.columns) == ()
    # A saved mapping keeps its questions through the page's plan and back to TOML.
    plan = uploads.plan_import([seen], [seen.columns], base=mapping)
    assert plan.ready and plan.kind == "survey_responses"
    assert plan.mapping.questions[PROUD_Q] == QuestionSpec(None, "betrokkenheid", (1, 5))
    saved = uploads.save_mapping(tmp_path / "mappings", "enquete", uploads.mapping_to_save(
        plan, [seen]))  # fmt: skip
    assert MappingFile.load(saved).questions == mapping.questions
    assert uploads.run_import(plan, db).loaded
    assert fetch(db, "SELECT count(*) FROM survey_responses") == [(29,)]
