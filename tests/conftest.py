"""Shared test settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _shared_data_present_in_ci() -> None:
    """Tests on the public datasets skip where ../shared is absent (a bare clone); in CI it is
    always beside the clone, so a missing folder there is a failure, not a reason to skip."""
    if os.environ.get("CI") and not SHARED_DATA.exists():
        pytest.fail(f"CI runs with the public datasets beside the clone: {SHARED_DATA} is missing")
