"""The Data page: upload → recognition and mapping → check → load, saved mappings, import history
with rollback, and the completeness heatmap. Tests that write use their own copy of the sample
store; the others read the shared one."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics import quality, store
from analytics.ingest import uploads
from analytics.ingest.mapping import MappingFile
from tests.support import fetch
from ui import fmt, importer

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGE = "pages/data.py"

GOOD = b"""Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
000002;16-01-2025;18-01-2025;Ziekte;100
000002;03-03-2025;04-03-2025;Ziekte;50
"""
BAD = b"""Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
000002;06-01-2025;08-01-2025;Ziekte;100
000002;31-02-2025;04-03-2025;Ziekte;50
000002;10-03-2025;12-03-2025;Ziekte;150
"""
# No header the importer knows for the first day of absence, and a column that is never stored.
ODD = b"""Personeelsnummer;Ziek sinds dag;Terug op;Percentage;Diagnose
000002;06-01-2025;08-01-2025;100;griep
"""


@pytest.fixture
def own_store(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample store that this test may change; KOERS_DB points at it."""
    target = tmp_path / "store" / "koers.duckdb"
    target.parent.mkdir()
    shutil.copyfile(sample_db, target)
    monkeypatch.setenv("KOERS_DB", str(target))
    monkeypatch.setattr(importer, "UPLOAD_FOLDER", tmp_path / "uploads")
    st.cache_data.clear()
    st.cache_resource.clear()
    return target


def _page(at: AppTest) -> AppTest:
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def page(own_store: Path) -> AppTest:
    return _page(AppTest.from_file(str(APP), default_timeout=120))


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, content, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _note(at: AppTest) -> str:
    notes = [c.value for c in at.sidebar.caption if "dataversie" in c.value]
    assert len(notes) == 1
    return notes[0]


def _table(at: AppTest, *columns: str):  # type: ignore[no-untyped-def]
    """The (only) table shown with these first columns, as pandas."""
    found = [d.value for d in at.dataframe if list(d.value.columns[: len(columns)]) == [*columns]]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def _absences(db: Path) -> int:
    return fetch(db, "SELECT count(*) FROM absences")[0][0]


def test_renders_history_tiles_and_quality_chart(app: AppTest, sample_db: Path) -> None:
    _page(app)
    assert app.title[0].value == "Gegevens"
    assert [h.value for h in app.header] == ["Importeren", "Importgeschiedenis", "Datakwaliteit"]
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Dataversie"] == fmt.number(store.read_data_version(sample_db), "nl")
    logged = fetch(sample_db, "SELECT count(*) FROM import_log")[0][0]
    assert tiles["Geïmporteerde bestanden"] == fmt.number(logged, "nl")
    history = _table(app, "Tijdstip", "Bestand")
    assert len(history) == logged
    assert "medewerkers.csv" in set(history["Bestand"])

    charts = app.get("plotly_chart")
    assert len(charts) == 1
    figure = json.loads(charts[0].proto.spec)
    con = store.connect_reader(sample_db)
    try:
        expected = quality.completeness(con)
    finally:
        con.close()
    heat = figure["data"][0]
    assert heat["type"] == "heatmap"
    # The cell for employments × annual_bonus is the share computed by analytics.
    row = heat["y"].index("Variabele beloning")
    share = expected.filter(table="employments", column="annual_bonus")["filled_share"].item()
    assert heat["z"][row][0] == pytest.approx(share)
    assert heat["text"][row][0] == fmt.percent(share, "nl", 0)
    assert "kolommen volledig gevuld" in figure["layout"]["title"]["text"]
    # Counts only: no employee number or name from the data appears in the chart.
    assert "000001" not in charts[0].proto.spec and "Suzanne" not in charts[0].proto.spec


def test_language_switch_changes_labels(app: AppTest) -> None:
    _page(app)
    app.session_state["language"] = "en"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Data"
    assert [h.value for h in app.header] == ["Import", "Import history", "Data quality"]
    assert "Data version" in {m.label for m in app.metric}
    assert len(_table(app, "Time", "File", "Kind"))
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert "columns completely filled" in figure["layout"]["title"]["text"]
    assert "Annual bonus" in figure["data"][0]["y"]


def test_a_bad_file_gives_the_row_level_report_and_changes_nothing(
    page: AppTest, own_store: Path
) -> None:
    version = store.read_data_version(own_store)
    before = _absences(own_store)
    _upload(page, "verzuim_fout.csv", BAD)
    assert page.selectbox(key=f"data_kind_{hashlib.sha256(BAD).hexdigest()[:16]}_").value == (
        "absences"
    )
    assert "tekenset UTF-8 · scheidingsteken puntkomma · 3 regels" in [
        c.value for c in page.caption
    ]

    _click(page, "data_check")
    assert any("Controle: 2 fout(en) in 2 regel(s)" in e.value for e in page.error)
    errors = _table(page, "Bestand", "Rij", "Kolom", "Waarde", "Verwacht")
    assert set(errors["Rij"]) == {3, 4}
    assert set(errors["Bestand"]) == {"verzuim_fout.csv"}
    bad_date = errors[errors["Rij"] == 3].iloc[0]
    assert (bad_date["Kolom"], bad_date["Waarde"]) == ("Begindatum", "31-02-2025")
    assert store.read_data_version(own_store) == version

    _click(page, "data_load")
    assert any("Niet geladen" in e.value for e in page.error)
    assert store.read_data_version(own_store) == version
    assert _absences(own_store) == before
    assert _note(page).endswith(f"dataversie {version}")


def test_a_good_file_loads_and_a_rollback_restores(page: AppTest, own_store: Path) -> None:
    version = store.read_data_version(own_store)
    before = _absences(own_store)
    _upload(page, "verzuim_2025.csv", GOOD)
    _click(page, "data_check")
    assert any("Controle zonder fouten" in s.value for s in page.success)
    assert store.read_data_version(own_store) == version  # a check changes nothing

    _click(page, "data_load")
    assert store.read_data_version(own_store) == version + 1
    assert _absences(own_store) == before + 2
    assert _note(page).endswith(f"dataversie {version + 1}")
    assert "verzuim_2025.csv" in _note(page)
    assert any(f"Geladen: dataversie {version + 1}" in s.value for s in page.success)
    assert page.file_uploader[0].value in (None, [])  # an empty uploader for the next import
    history = _table(page, "Tijdstip", "Bestand")
    assert history.iloc[0]["Bestand"] == "verzuim_2025.csv"

    _click(page, "data_rollback")
    assert any("verzuim_2025.csv" in w.value for w in page.warning)  # says what goes
    assert store.read_data_version(own_store) == version + 1  # nothing before confirming
    _click(page, "data_rollback_yes")
    assert _absences(own_store) == before
    assert store.read_data_version(own_store) == version + 2  # a fresh version number
    assert "verzuim_2025.csv" not in {
        r[0] for r in fetch(own_store, "SELECT file_name FROM import_log")
    }
    assert _note(page).endswith(f"dataversie {version + 2}")
    assert any("Teruggedraaid" in s.value for s in page.success)


def test_the_import_log_names_the_signed_in_person(page: AppTest, own_store: Path) -> None:
    page.user = {"is_logged_in": True, "email": "hr@zorgenzaken.example", "name": "HR"}
    _upload(page, "verzuim_2025.csv", GOOD)
    _click(page, "data_load")
    logged = fetch(
        own_store, "SELECT imported_by FROM import_log WHERE file_name = 'verzuim_2025.csv'"
    )
    assert logged == [("hr@zorgenzaken.example",)]
    assert _table(page, "Tijdstip", "Bestand").iloc[0]["Door"] == "hr@zorgenzaken.example"


def test_a_mapping_can_be_overridden_saved_and_reused(page: AppTest, own_store: Path) -> None:
    digest = hashlib.sha256(ODD).hexdigest()[:16]
    _upload(page, "verzuim_anders.csv", ODD)
    # Not recognised: the nearest kind is proposed, with what it lacks.
    assert any("lijkt het meest op 'Verzuim'" in w.value for w in page.warning)
    assert page.selectbox(key=f"data_kind_{digest}_").value == "absences"
    assert any("Diagnose" in i.value for i in page.info)  # refused, and not in the editor
    editor = page.data_editor[0].value
    assert "Diagnose" not in set(editor["header"])
    missing = "geen kolom voor Begindatum"
    assert any(missing in w.value for w in page.warning)  # the required column is missing
    assert page.button(key="data_load").disabled is False

    row = list(editor["header"]).index("Ziek sinds dag")
    page.session_state[f"data_map_{digest}_absences_"] = {
        "edited_rows": {row: {"target": "start_date"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    page.run()
    assert not any(missing in w.value for w in page.warning)
    _click(page, "data_check")  # 06-01-2025 could be 1 June: the check asks for the date format
    # The error names the page's own field, not the command line's option.
    assert any("kies de volgorde bij 'Datumnotatie'" in e.value for e in page.error)
    assert not any("--" in e.value for e in page.error)
    page.selectbox(key="data_date_order_").set_value("dmy").run()
    page.text_input(key="data_mapping_name").set_value("ziekmeldingen")
    _click(page, "data_save_mapping")
    saved = MappingFile.load(uploads.mappings_folder(own_store) / "ziekmeldingen.toml")
    assert saved.kind == "absences"
    assert saved.columns == {"Ziek sinds dag": "start_date"}
    assert saved.date_order == "dmy"

    before = _absences(own_store)
    _click(page, "data_load")
    assert _absences(own_store) == before + 1
    stored = fetch(own_store, "SELECT start_date FROM absences ORDER BY import_id DESC LIMIT 1")
    assert str(stored[0][0]) == "2025-01-06"

    # Next time the saved mapping recognises the file without any editing.
    page.selectbox(key="data_saved_mapping").set_value("ziekmeldingen").run()
    _upload(page, "verzuim_anders.csv", ODD)
    assert page.selectbox(key=f"data_kind_{digest}_ziekmeldingen").value == "absences"
    editor = page.data_editor[0].value
    assert editor.loc[list(editor["header"]).index("Ziek sinds dag"), "target"] == "start_date"


# Every date could be day-month or month-day: the check asks for the date format.
AMBIGUOUS = b"""Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
000002;06-01-2025;08-01-2025;Ziekte;100
"""
# Row 3 has more fields than the header: the file cannot be read.
RAGGED = b"""Personeelsnummer;Begindatum;Einddatum
000002;16-01-2025;18-01-2025
000002;03-03-2025;04-03-2025;Ziekte;50
"""


def _shown_messages(at: AppTest) -> list[str]:
    """Every error, warning and info text, and every cell of the error table, as rendered."""
    texts = [e.value for e in (*at.error, *at.warning, *at.info)]
    for frame in at.dataframe:
        if "Verwacht" in frame.value.columns or "Expected" in frame.value.columns:
            texts += [str(v) for v in frame.value.to_numpy().ravel()]
    return texts


def _english_in(texts: list[str]) -> list[str]:
    return [t for t in texts if "expected" in t or "row " in t or "column '" in t]


def test_the_error_report_speaks_the_session_language(page: AppTest) -> None:
    _upload(page, "verzuim_fout.csv", BAD)
    _click(page, "data_check")
    errors = _table(page, "Bestand", "Rij", "Kolom", "Waarde", "Verwacht")
    assert list(zip(errors["Rij"], errors["Verwacht"], strict=True)) == [
        (3, "een datum als 31-12-2024 (dd-mm-jjjj)"),
        (4, "een getal groter dan 0 en hoogstens 100"),
    ]
    files = _table(page, "Bestand", "Soort")
    assert files["Opmerkingen"].iloc[0] == (
        "datumvolgorde dd-mm-jjjj (1 datum(s) met een dag boven 12 vooraan)"
    )
    assert _english_in(_shown_messages(page)) == []

    page.session_state["language"] = "en"
    page.run()
    assert not page.exception
    errors = _table(page, "File", "Row", "Column", "Value", "Expected")
    assert list(errors["Expected"]) == [
        "a date like 31-12-2024",
        "a number above 0 and at most 100",
    ]
    assert _table(page, "File", "Kind")["Notes"].iloc[0] == (
        "date order dmy (1 date(s) with a day above 12 first (dd-mm-yyyy))"
    )


def test_unreadable_and_ambiguous_files_are_explained_in_dutch(page: AppTest) -> None:
    _upload(page, "scheef.csv", RAGGED)
    shown = _shown_messages(page)
    assert any(
        "scheef.csv kan niet gelezen worden (rij 3 heeft 5 velden, maar de kopregel heeft er 3; "
        "verwacht op elke rij 3 door puntkomma gescheiden velden)" in text
        for text in shown
    ), shown
    assert _english_in(shown) == []

    _upload(page, "verzuim_twijfel.csv", AMBIGUOUS)
    _click(page, "data_check")
    shown = _shown_messages(page)
    assert (
        "verzuim_twijfel.csv, kolom 'Begindatum, Einddatum': verwacht datums waarvan de volgorde "
        "vast te stellen is, maar elke datum kan dag-maand of maand-dag zijn (bijv. 06-01-2025): "
        "kies de volgorde bij 'Datumnotatie'"  # the field on this page, not a command-line option
    ) in shown
    assert _english_in(shown) == []


# --- Wide survey exports -----------------------------------------------------------------------

ENPS_Q = "Hoe waarschijnlijk is het dat je ons als werkgever aanraadt? (0-10)"
MISTAKES_Q = "Ik kan in mijn team fouten bespreken"
KEEN_Q = "Ik ben enthousiast over mijn werk"
LEARN_Q = "Ik krijg de ruimte om te leren (1-5)"
LEARN_ID = "ik_krijg_de_ruimte_om_te_leren_1_5"  # the importer's id for the header, kept
TEAM = "Teamnummer"  # small numbers, but no question: ignored in the question table
# Respondent, department, team, then the answers to ENPS_Q, MISTAKES_Q, KEEN_Q, LEARN_Q; None is
# an empty cell (R05 skipped the eNPS question, R08 the enthusiasm question).
ANSWERS = [
    ("R01", "HR", 1, 10, 5, 4, 4),
    ("R02", "HR", 2, 9, 4, 5, 3),
    ("R03", "HR", 1, 7, 3, 3, 4),
    ("R04", "HR", 2, 6, 2, 4, 5),
    ("R05", "Facilitair", 3, None, 4, 5, 4),
    ("R06", "Facilitair", 3, 9, 1, 2, 2),
    ("R07", "Facilitair", 4, 3, 5, 5, 3),
    ("R08", "Facilitair", 4, 8, 4, None, 5),
    ("R09", "Facilitair", 3, 10, 5, 4, 4),
]
# The ids chosen in the question table: the sample survey's own for the eNPS and the enthusiasm
# question (the same question in every wave), a new one for MISTAKES_Q, the default for LEARN_Q.
CHOSEN = {ENPS_Q: "ENPS01", MISTAKES_Q: "PSV04", KEEN_Q: "BEV02", LEARN_Q: LEARN_ID}


def _export(answers: list[tuple]) -> bytes:  # type: ignore[type-arg]
    """A survey tool's wide export: semicolons, Dutch headers, one column per question."""
    header = ";".join(["Respondent", "Afdeling", TEAM, ENPS_Q, MISTAKES_Q, KEEN_Q, LEARN_Q])
    lines = [";".join("" if v is None else str(v) for v in row) for row in answers]
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


SURVEY = _export(ANSWERS)
LATER = _export([(r, d, t, *(None if a is None else min(a + 1, s) for a, s in zip(
    answers, (10, 5, 5, 5), strict=True))) for r, d, t, *answers in ANSWERS])  # fmt: skip


def _questions_key(content: bytes, saved: str = "") -> str:
    return f"data_questions_{hashlib.sha256(content).hexdigest()[:16]}_{saved}"


def _fill_questions(at: AppTest, key: str, rows: dict[str, dict[str, object]]) -> AppTest:
    """Edit the question table as a user would: per header, the cells that change."""
    editor = next(e for e in at.data_editor if e.key == key)
    headers = list(editor.value["header"])
    at.session_state[key] = {
        "edited_rows": {headers.index(h): cells for h, cells in rows.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _empty(value: object) -> bool:
    return value is None or value != value  # pandas shows an empty cell as None or NaN


def _editor(at: AppTest, key: str):  # type: ignore[no-untyped-def]
    return next(e for e in at.data_editor if e.key == key)


def _editor_labels(at: AppTest, key: str) -> dict[str, str]:
    """Column -> its heading as shown."""
    config = json.loads(_editor(at, key).proto.columns)
    return {c: spec.get("label", "") for c, spec in config.items() if not c.startswith("_")}


def test_a_wide_survey_export_gets_its_questions_on_the_page(
    page: AppTest, own_store: Path
) -> None:
    key = _questions_key(SURVEY)
    _upload(page, "enquete_2025-12-15.csv", SURVEY)
    digest = hashlib.sha256(SURVEY).hexdigest()[:16]
    assert page.selectbox(key=f"data_kind_{digest}_").value == "survey_responses"
    # The question columns are in the question table, not in the column mapping.
    columns = page.data_editor[0].value
    assert list(columns["header"]) == ["Respondent", "Afdeling"]
    table = _editor(page, key).value
    assert list(table["header"]) == [TEAM, ENPS_Q, MISTAKES_Q, KEEN_Q, LEARN_Q]
    proposed = {
        row["header"]: (row["seen"], row["dimension"], row["scale_min"], row["scale_max"])
        for _, row in table.iterrows()
    }
    # eNPS recognised (0–10 in the header, the recommend wording); other scales from the header
    # or, as a guess, from the answers seen; dimensions only the user can give.
    assert proposed[ENPS_Q] == ("3–10", "enps", 0, 10)
    assert proposed[MISTAKES_Q][0] == "1–5" and proposed[MISTAKES_Q][2:] == (1, 5)
    assert proposed[KEEN_Q][0] == "2–5" and proposed[KEEN_Q][2:] == (1, 5)
    assert proposed[LEARN_Q][2:] == (1, 5)
    assert proposed[TEAM][0] == "1–4"
    assert all(_empty(proposed[h][1]) for h in (TEAM, MISTAKES_Q, KEEN_Q, LEARN_Q))
    assert table.loc[list(table["header"]).index(LEARN_Q), "question_id"] == LEARN_ID
    assert _editor_labels(page, key)["dimension"] == "Dimensie"
    options = json.loads(_editor(page, key).proto.columns)["dimension"]["type_config"]["options"]
    safety = "Psychologische veiligheid (psychologische_veiligheid)"
    assert {"value": "psychologische_veiligheid", "label": safety} in options
    assert any(f"geen dimensie: '{TEAM}', '{MISTAKES_Q}'" in w.value for w in page.warning)
    assert not any("Enquêtedatum" in d.label for d in page.date_input)  # the name has the date

    # Checked as it is, the importer's refusal names each question without a dimension.
    version = store.read_data_version(own_store)
    _click(page, "data_check")
    refusals = [
        e.value for e in page.error if "verwacht de dimensie van deze enquêtevraag" in e.value
    ]
    assert [r.split("kolom ")[1].split(":")[0] for r in refusals] == [
        f"'{h}'" for h in (TEAM, MISTAKES_Q, KEEN_Q, LEARN_Q)
    ]
    assert any(e.value == "Controle: 4 fout(en). Er is niets veranderd." for e in page.error)
    # Each says what to do on this page, not in a mapping file.
    assert all(r.endswith(": kies die in de vragentabel, of vink 'Negeren' aan") for r in refusals)
    assert not any("[questions" in e.value or "koppelbestand" in e.value for e in page.error)

    _fill_questions(page, key, {
        TEAM: {"ignore": True},
        ENPS_Q: {"question_id": "ENPS01"},
        MISTAKES_Q: {"question_id": "PSV04", "dimension": "psychologische_veiligheid"},
        KEEN_Q: {"question_id": "BEV02", "dimension": "bevlogenheid"},
        LEARN_Q: {"dimension": "ontwikkeling"},
    })  # fmt: skip
    assert not any("Nog in te vullen" in w.value for w in page.warning)
    _click(page, "data_check")
    assert any("Controle zonder fouten" in s.value for s in page.success)
    assert store.read_data_version(own_store) == version
    page.text_input(key="data_mapping_name").set_value("enquete")
    _click(page, "data_save_mapping")
    saved = MappingFile.load(uploads.mappings_folder(own_store) / "enquete.toml")
    assert saved.columns == {TEAM: ""}
    assert saved.wave is None  # the date is the file name's, and the next file has its own
    assert {h: (q.id, q.dimension, q.scale) for h, q in saved.questions.items()} == {
        ENPS_Q: ("ENPS01", "enps", (0, 10)),
        MISTAKES_Q: ("PSV04", "psychologische_veiligheid", (1, 5)),
        KEEN_Q: ("BEV02", "bevlogenheid", (1, 5)),
        LEARN_Q: (LEARN_ID, "ontwikkeling", (1, 5)),
    }

    _click(page, "data_load")
    assert store.read_data_version(own_store) == version + 1
    # One row per respondent and answered question; the empty cells and the team number are not.
    expected = sorted(
        (respondent, department, CHOSEN[question], float(answer))
        for respondent, department, _, *answers in ANSWERS
        for question, answer in zip((ENPS_Q, MISTAKES_Q, KEEN_Q, LEARN_Q), answers, strict=True)
        if answer is not None
    )
    assert len(expected) == 8 + 9 + 8 + 9
    stored = fetch(
        own_store,
        "SELECT respondent_id, department, question_id, score FROM survey_responses "
        "WHERE wave = DATE '2025-12-15' ORDER BY ALL",
    )
    assert stored == expected
    assert ("R05", "Facilitair", "ENPS01", 0.0) not in stored  # no answer, not a zero
    # New questions stored from the headers; those of the sample survey kept as they were.
    assert fetch(
        own_store,
        "SELECT question_id, text, dimension, scale_min, scale_max FROM survey_questions "
        f"WHERE question_id IN ('PSV04', '{LEARN_ID}', 'ENPS01', 'BEV02') ORDER BY question_id",
    ) == [
        ("BEV02", "Ik ben enthousiast over mijn werk.", "bevlogenheid", 1, 5),
        ("ENPS01", "Hoe waarschijnlijk is het dat je onze organisatie als werkgever aanbeveelt?",
         "enps", 0, 10),
        ("PSV04", MISTAKES_Q, "psychologische_veiligheid", 1, 5),
        (LEARN_ID, LEARN_Q, "ontwikkeling", 1, 5),
    ]  # fmt: skip

    # The engagement page's eNPS for the wave of 15-12-2025 (the last of 2025): of 8 answers
    # (R05 gave none) 10, 9, 9, 10 promote and 6, 3 detract: (4 − 2) / 8 = +25 points. Had the
    # empty cell counted as 0 it would be (4 − 3) / 9 = +11.
    page.switch_page("pages/engagement.py")
    page.run()
    assert not page.exception, [e.value for e in page.exception]
    assert {m.label: m.value for m in page.metric}["eNPS"] == "+25"

    # The next wave's export, with the saved mapping: recognised as it is, nothing to fill in.
    page.switch_page(PAGE)
    page.run()
    page.selectbox(key="data_saved_mapping").set_value("enquete").run()
    _upload(page, "enquete_2026-03-31.csv", LATER)
    later = hashlib.sha256(LATER).hexdigest()[:16]
    assert page.selectbox(key=f"data_kind_{later}_enquete").value == "survey_responses"
    table = _editor(page, _questions_key(LATER, "enquete")).value
    assert list(table["header"]) == [ENPS_Q, MISTAKES_Q, KEEN_Q, LEARN_Q]  # the team: ignored
    assert list(table["question_id"]) == [CHOSEN[h] for h in table["header"]]
    assert list(table["dimension"]) == ["enps", "psychologische_veiligheid", "bevlogenheid",
                                        "ontwikkeling"]  # fmt: skip
    assert page.warning.len == 0, [w.value for w in page.warning]
    _click(page, "data_check")
    assert any("Controle zonder fouten" in s.value for s in page.success)
    _click(page, "data_load")
    assert fetch(
        own_store,
        "SELECT count(*), count(DISTINCT respondent_id) FROM survey_responses "
        "WHERE wave = DATE '2026-03-31'",
    ) == [(34, 9)]


def test_a_wide_survey_export_without_a_wave_in_english(
    own_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An English browser: AppTest formats widget options outside the session, where the
    # language falls back to the browser's.
    monkeypatch.setattr(type(st.context), "locale", property(lambda _: "en-GB"))
    page = AppTest.from_file(str(APP), default_timeout=120)
    page.session_state["language"] = "en"
    _page(page)
    _upload(page, "survey.csv", SURVEY)  # no wave column and no date in the name
    digest = hashlib.sha256(SURVEY).hexdigest()[:16]
    assert page.selectbox(key=f"data_kind_{digest}_").value == "survey_responses"
    # Recognised as survey answers although the wave is missing (the check says so below).
    assert not any("It looks most like" in w.value for w in page.warning)
    key = _questions_key(SURVEY)
    assert _editor_labels(page, key) == {
        "header": "Question in file",
        "seen": "Answers",
        "question_id": "Question ID",
        "dimension": "Dimension",
        "scale_min": "Scale minimum",
        "scale_max": "Scale maximum",
        "ignore": "Ignore",
        "status": "Recognition",
    }
    options = json.loads(_editor(page, key).proto.columns)["dimension"]["type_config"]["options"]
    assert {o["value"]: o["label"] for o in options}["bevlogenheid"] == (
        "Work engagement (bevlogenheid)"
    )
    status = dict(zip(_editor(page, key).value["header"], _editor(page, key).value["status"],
                      strict=True))  # fmt: skip
    assert status[ENPS_Q] == "eNPS question recognised; scale from the header"
    assert status[KEEN_Q] == "scale guessed from the answers; dimension missing"
    wave = page.date_input(key=f"data_wave_{digest}_")
    assert wave.label == "Survey wave (the closing date)" and wave.value is None

    # Nothing filled in: the check says, in English, what each question and the file lack.
    _click(page, "data_check")
    shown = [e.value for e in page.error]
    assert "Check: 5 error(s). Nothing has changed." in shown
    assert (
        f"survey.csv, column '{KEEN_Q}': expected the dimension of this survey question (its "
        "answers run from 2 to 5)"
    ) in "\n".join(shown)
    assert any(e.startswith("survey.csv: no wave for this survey export") for e in shown)
    assert any("the survey wave on this page" in e for e in shown)
    assert not any("mapping file" in e for e in shown)

    _fill_questions(page, key, {
        TEAM: {"ignore": True},
        MISTAKES_Q: {"dimension": "psychologische_veiligheid"},
        KEEN_Q: {"dimension": "bevlogenheid"},
        LEARN_Q: {"dimension": "ontwikkeling"},
    })  # fmt: skip
    page.date_input(key=f"data_wave_{digest}_").set_value(date(2025, 12, 15)).run()
    assert not any("Still to fill in" in w.value for w in page.warning)
    assert not any("Survey wave (required)" in w.value for w in page.warning)
    _click(page, "data_check")
    assert any("Checked without errors" in s.value for s in page.success)
    _click(page, "data_load")
    assert fetch(
        own_store,
        "SELECT wave, count(*), count(DISTINCT question_id) FROM survey_responses "
        "WHERE respondent_id = 'R05' AND wave > DATE '2025-09-30' GROUP BY wave",
    ) == [(date(2025, 12, 15), 3, 3)]  # R05 left the eNPS question empty


def test_one_question_id_for_two_questions_is_refused_and_not_saved(
    page: AppTest, own_store: Path
) -> None:
    key = _questions_key(SURVEY)
    _upload(page, "enquete_2025-12-15.csv", SURVEY)
    _fill_questions(page, key, {
        TEAM: {"ignore": True},
        MISTAKES_Q: {"question_id": "PSV04", "dimension": "psychologische_veiligheid"},
        KEEN_Q: {"question_id": "PSV04", "dimension": "bevlogenheid"},
        LEARN_Q: {"dimension": "ontwikkeling"},
    })  # fmt: skip
    _click(page, "data_check")
    assert (
        f"enquete_2025-12-15.csv, kolom '{KEEN_Q}': verwacht een eigen vraagcode ('PSV04' is ook "
        f"de code van '{MISTAKES_Q}'); geef een van beide een andere vraagcode in de vragentabel"
    ) in [e.value for e in page.error]
    page.text_input(key="data_mapping_name").set_value("enquete")
    _click(page, "data_save_mapping")
    assert any(
        f"vraagcode 'PSV04' is aan twee vragen gegeven (ook aan '{MISTAKES_Q}')" in e.value
        for e in page.error
    )
    assert not (uploads.mappings_folder(own_store) / "enquete.toml").exists()


def test_a_replacement_that_would_strand_absences_is_refused(
    page: AppTest, own_store: Path
) -> None:
    """New employees in place of the sample's would leave its job history and absences without
    their employees: nothing loads, and the page says why in whole sentences (no rows to count)."""
    version = store.read_data_version(own_store)
    people = "".join(f"N{n:03d};{13 + n}-01-2020\n" for n in range(1, 9))
    _upload(
        page, "nieuwe_medewerkers.csv", ("Personeelsnummer;Datum in dienst\n" + people).encode()
    )
    page.checkbox(key="data_replace").check().run()
    _click(page, "data_load")
    shown = [e.value for e in page.error]
    assert "Niet geladen: 2 fout(en). De gegevens zijn ongewijzigd." in shown
    assert any(
        e.startswith(
            "nieuwe_medewerkers.csv: het vervangen van de opgeslagen dienstverbanden laat "
        )
        and "regels verzuim achter zonder hun medewerker" in e
        and e.endswith("vink 'Bestaande gegevens van deze soort vervangen' uit")
        for e in shown
    ), shown
    assert store.read_data_version(own_store) == version
