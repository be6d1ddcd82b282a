"""The Data page: upload → recognition and mapping → check → load, saved mappings, import history
with rollback, and the completeness heatmap. Tests that write use their own copy of the sample
store; the others read the shared one."""

from __future__ import annotations

import hashlib
import json
import shutil
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
