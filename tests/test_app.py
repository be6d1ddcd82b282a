"""The dashboard entry point under Streamlit's AppTest, on a small store built in the test.

The store is made through the same importer the command line uses, from hand-made exports, so the
expected counts are known exactly and the tests do not depend on the bundled sample data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.ingest.load import import_files
from tests.support import APP_ABSENCES, APP_EMPLOYEES, APP_MORE_ABSENCES

APP = Path(__file__).resolve().parents[1] / "app.py"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(db: Path, *files: Path) -> int:
    report = import_files(list(files), db=db)
    assert report.loaded, report.format()
    assert report.data_version is not None
    return report.data_version


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches() -> Iterator[None]:
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def store_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with 6 employments and 3 absences, in version 1; KOERS_DB points at it."""
    exports = tmp_path / "exports"
    exports.mkdir()
    db = tmp_path / "store" / "koers.duckdb"
    version = _import(
        db,
        _write(exports, "medewerkers.csv", APP_EMPLOYEES),
        _write(exports, "verzuim.csv", APP_ABSENCES),
    )
    assert version == 1
    monkeypatch.setenv("KOERS_DB", str(db))
    return db


def _run_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _data_note(at: AppTest) -> str:
    notes = [c.value for c in at.sidebar.caption if "dataversie" in c.value]
    assert len(notes) == 1
    return notes[0]


def test_sidebar_names_the_source_files_and_data_version(store_db: Path) -> None:
    at = _run_app()
    note = _data_note(at)
    assert "medewerkers.csv, verzuim.csv" in note
    assert note.endswith("dataversie 1")
    assert at.title[0].value == "Overzicht"  # the default page


def test_import_while_running_shows_on_next_rerun(store_db: Path, tmp_path: Path) -> None:
    at = _run_app()
    assert _data_note(at).endswith("dataversie 1")

    # The command line imports into the same store while the dashboard holds it open.
    more = _write(tmp_path / "exports", "verzuim_2024-06.csv", APP_MORE_ABSENCES)
    assert _import(store_db, more) == 2

    at.run()
    assert not at.exception, [e.value for e in at.exception]
    note = _data_note(at)
    assert "verzuim_2024-06.csv" in note
    assert note.endswith("dataversie 2")
