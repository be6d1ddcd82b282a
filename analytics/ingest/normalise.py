"""Normalisation used to match headers and values case-, accent- and space-insensitively."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_header(header: str) -> str:
    """`Datum in dienst`, `datum_in_dienst` and `DatumInDienst` all become `datumindienst`."""
    return _NON_ALNUM.sub("", strip_accents(header).casefold())


def normalise_value(value: str) -> str:
    """Values compare casefolded, accent-free, trimmed, with inner whitespace collapsed."""
    return _SPACES.sub(" ", strip_accents(value).casefold()).strip()
