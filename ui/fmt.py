"""Numbers, percentages and dates in Dutch (1.234,5 · 13,5 % · 31-12-2024) or English."""

from __future__ import annotations

from datetime import date

DUTCH_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun",
                "jul", "aug", "sep", "okt", "nov", "dec")  # fmt: skip
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
DASH = "–"  # a value that cannot be computed or is withheld


def number(value: float | int | None, language: str, decimals: int = 0) -> str:
    if value is None:
        return DASH
    text = f"{value:,.{decimals}f}"
    if language == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(fraction: float | None, language: str, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.135 → '13,5 %' (nl) or '13.5%' (en)."""
    if fraction is None:
        return DASH
    shown = number(fraction * 100, language, decimals)
    return f"{shown} %" if language == "nl" else f"{shown}%"


def points(delta: float | None, language: str, decimals: int = 1) -> str:
    """A change of a percentage in percentage points: '+1,2 pp' / '+1.2 pp'."""
    if delta is None:
        return DASH
    return f"{signed(delta * 100, language, decimals)} pp"


def signed(delta: float | None, language: str, decimals: int = 0) -> str:
    if delta is None:
        return DASH
    shown = round(delta, decimals)
    if shown == 0:  # no "+0" or "-0,0": a change too small to show has no sign
        return number(0, language, decimals)
    sign = "+" if shown > 0 else ""
    # An ASCII minus: Streamlit's metric reads it to point the change arrow down.
    return f"{sign}{number(shown, language, decimals)}"


def day(value: date | None, language: str) -> str:
    if value is None:
        return DASH
    return value.strftime("%d-%m-%Y") if language == "nl" else value.isoformat()


def month(value: date, language: str) -> str:
    names = DUTCH_MONTHS if language == "nl" else ENGLISH_MONTHS
    return f"{names[value.month - 1]} {value.year}"


def value(kind: str, amount: float | int | None, language: str) -> str:
    """Format by the registry's unit."""
    if kind in ("rate", "share"):
        return percent(amount, language)
    if kind == "nps":  # a fraction −1…+1 shown as points −100…+100, as eNPS is read
        return signed(None if amount is None else amount * 100, language)
    if kind in ("fte", "ratio", "index", "score"):
        return number(amount, language, 2 if kind in ("index", "ratio") else 1)
    if kind == "days":
        return number(amount, language, 1)
    if kind == "euro_per_hour":
        return f"€ {number(amount, language, 2)}"
    return number(amount, language, 0 if kind in ("persons", "count", "layers") else 1)
