"""SQL files, loaded by name. Each starts with a comment saying what one row is."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent


@cache
def load(name: str) -> str:
    return (_DIR / f"{name}.sql").read_text(encoding="utf-8")


def with_segments(query: str) -> str:
    """Prefix a query with the `segments` common table expression."""
    return "WITH " + load("segments") + "\n" + query
