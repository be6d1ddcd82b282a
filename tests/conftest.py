"""Shared test settings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from analytics import store

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _shared_data_present_in_ci() -> None:
    """Tests on the public datasets skip where ../shared is absent (a bare clone); in CI it is
    always beside the clone, so a missing folder there is a failure, not a reason to skip."""
    if os.environ.get("CI") and not SHARED_DATA.exists():
        pytest.fail(f"CI runs with the public datasets beside the clone: {SHARED_DATA} is missing")


@pytest.fixture(scope="module")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store with the current schema; copying it is faster than creating one per test."""
    path = tmp_path_factory.mktemp("template") / "koers.duckdb"
    con = duckdb.connect(str(path))
    try:
        store.migrate(con)
    finally:
        con.close()
    return path


@pytest.fixture
def db(tmp_path: Path, store_template: Path) -> Path:
    """A fresh, empty store for one test."""
    target = tmp_path / "koers.duckdb"
    shutil.copyfile(store_template, target)
    return target


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled sample organisation, loaded once per test session through the
    importer (as the app's first start does)."""
    from analytics.bootstrap import ensure_store

    path = tmp_path_factory.mktemp("sample") / "koers.duckdb"
    ensure_store(path)
    return path


@pytest.fixture
def app(sample_db: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The dashboard on the sample organisation, as a Streamlit AppTest (not yet run)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KOERS_DB", str(sample_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(
        str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120
    )
