"""The dashboard entry point under Streamlit's AppTest, on a small store built in the test.

The store is made through the same importer the command line uses, from hand-made exports, so the
expected counts are known exactly and the tests do not depend on the bundled sample data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
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


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _import_log(at: AppTest) -> pd.DataFrame:
    assert len(at.dataframe) == 1
    frame = at.dataframe[0].value
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_app_shows_store_contents(store_db: Path) -> None:
    at = _run_app()

    assert at.title[0].value == "Koers"
    assert at.subheader[0].value == "Gegevens geladen (dataversie 1)"
    metrics = _metrics(at)
    assert metrics["Dienstverbanden"] == "6"
    assert metrics["Verzuimregels"] == "3"
    assert metrics["Functiehistorie"] == "0"
    assert len(metrics) == 7

    log = _import_log(at)
    assert set(log["bestand"]) == {"medewerkers.csv", "verzuim.csv"}
    assert dict(zip(log["bestand"], log["geladen"], strict=True)) == {
        "medewerkers.csv": 6,
        "verzuim.csv": 3,
    }
    assert not store_db.with_name("koers.duckdb.history").exists()  # nothing swapped out yet


def test_import_while_running_shows_on_next_rerun(store_db: Path, tmp_path: Path) -> None:
    at = _run_app()
    assert at.subheader[0].value == "Gegevens geladen (dataversie 1)"
    assert _metrics(at)["Verzuimregels"] == "3"

    # The command line imports into the same store while the dashboard holds it open.
    more = _write(tmp_path / "exports", "verzuim_2024-06.csv", APP_MORE_ABSENCES)
    assert _import(store_db, more) == 2

    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.subheader[0].value == "Gegevens geladen (dataversie 2)"
    metrics = _metrics(at)
    assert metrics["Verzuimregels"] == "5"
    assert metrics["Dienstverbanden"] == "6"
    log = _import_log(at)
    assert log["bestand"].iloc[0] == "verzuim_2024-06.csv"  # newest first
    assert set(log["bestand"]) == {"medewerkers.csv", "verzuim.csv", "verzuim_2024-06.csv"}


def test_thousands_are_formatted_with_a_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"{2000 + i};Persoon {i};V;15-01-2020;" for i in range(1234)]
    header = "Personeelsnummer;Naam;Geslacht;Datum in dienst;Datum uit dienst"
    db = tmp_path / "koers.duckdb"
    _import(db, _write(tmp_path, "medewerkers.csv", "\n".join([header, *rows]) + "\n"))
    monkeypatch.setenv("KOERS_DB", str(db))

    at = _run_app()
    assert _metrics(at)["Dienstverbanden"] == "1.234"
