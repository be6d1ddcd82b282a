"""The dashboard's view of the store: one read-only connection per store version.

Imports from the command line swap in a new store file; the signature (inode, mtime) changes, so
the next rerun opens the new version without a restart. Queries take their own cursor, because
Streamlit serves sessions on threads and a DuckDB connection refuses concurrent calls.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from analytics import bootstrap, store


@st.cache_resource(max_entries=2)
def _connection(path: str, signature: tuple[int, int] | None) -> duckdb.DuckDBPyConnection:
    return store.connect_reader(path)


def connection() -> duckdb.DuckDBPyConnection:
    files = store.StoreFiles.resolve()
    bootstrap.ensure_store(files.path)
    return store.cursor(_connection(str(files.path), files.signature()))
