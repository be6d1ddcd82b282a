"""Vectorised text → date / number conversion with dialect detection from the values.

Date order (dd-mm-yyyy, m/d/yyyy, ISO) is detected per file from all its date values: a day above
12 in the first place means day-first, in the second place month-first. A file where neither
occurs (every day ≤ 12) is ambiguous and reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from analytics.ingest.messages import Text

DATE_ORDERS = ("dmy", "mdy", "ymd")
_NUMERIC_DMY = (
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_ISO = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$"
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_YEAR = r"^(\d{4})$"


class AmbiguousDatesError(ValueError):
    """A file whose date order cannot be decided; `text` says why (catalogued)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class DateOrder:
    order: str | None  # dmy / mdy, or None when no day-month values were seen
    evidence: Text  # what decided it, for the import report


def detect_date_order(values: pl.Series, forced: str | None = None) -> DateOrder:
    """Decide day-first or month-first from every day-month-year value of a file."""
    if forced is not None:
        return DateOrder(forced, Text("evidence_given"))
    # In file order, so that the examples quoted in a message are the same on every run.
    distinct = values.drop_nulls().unique(maintain_order=True)
    parts = distinct.str.extract_groups(_NUMERIC_DMY).struct.unnest()
    parts = parts.drop_nulls()
    if parts.height == 0:
        return DateOrder(None, Text("evidence_iso"))
    first = parts["1"].cast(pl.Int32)
    second = parts["2"].cast(pl.Int32)
    day_first = int((first > 12).sum())
    month_first = int((second > 12).sum())
    if day_first and month_first:
        example_d = parts.filter(first > 12).row(0)
        example_m = parts.filter(second > 12).row(0)
        raise AmbiguousDatesError(
            Text(
                "dates_mixed",
                day_first="-".join(example_d),
                month_first="/".join(example_m),
            )
        )
    if day_first:
        return DateOrder("dmy", Text("evidence_day_first", count=day_first))
    if month_first:
        return DateOrder("mdy", Text("evidence_month_first", count=month_first))
    if (first == second).all():
        # 01-01-2020 reads the same either way: the order cannot change any value.
        return DateOrder("dmy", Text("evidence_equal"))
    example = "-".join(parts.filter(first != second).row(0))
    raise AmbiguousDatesError(Text("dates_ambiguous", example=example))


def _two_digit_year(year: pl.Expr, today: date) -> pl.Expr:
    """yy → 20yy unless that lies in the future, then 19yy (birth dates like 07/10/83)."""
    pivot = today.year % 100
    return (
        pl.when(year.str.len_chars() == 2)
        .then(
            pl.when(year.cast(pl.Int32) <= pivot)
            .then(year.cast(pl.Int32) + 2000)
            .otherwise(year.cast(pl.Int32) + 1900)
        )
        .otherwise(year.cast(pl.Int32))
    )


def parse_dates(
    values: pl.Expr, order: str | None, today: date, year_only_as_july: bool = False
) -> pl.Expr:
    """Text → Date. Unparseable or impossible dates (31-02-2024) become null; the caller reports
    every value that was given but came out null."""
    dmy = values.str.extract_groups(_NUMERIC_DMY)
    iso = values.str.extract_groups(_ISO)
    compact = values.str.extract_groups(_COMPACT)

    def build(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
        text = pl.format(
            "{}-{}-{}",
            year.cast(pl.String).str.zfill(4),
            month.str.zfill(2),
            day.str.zfill(2),
        )
        return text.str.to_date("%Y-%m-%d", strict=False)

    if order == "mdy":
        from_parts = build(
            _two_digit_year(dmy.struct.field("3"), today),
            dmy.struct.field("1"),
            dmy.struct.field("2"),
        )
    else:
        from_parts = build(
            _two_digit_year(dmy.struct.field("3"), today),
            dmy.struct.field("2"),
            dmy.struct.field("1"),
        )
    result = pl.coalesce(
        build(iso.struct.field("1").cast(pl.Int32), iso.struct.field("2"), iso.struct.field("3")),
        from_parts,
        build(
            compact.struct.field("1").cast(pl.Int32),
            compact.struct.field("2"),
            compact.struct.field("3"),
        ),
    )
    if year_only_as_july:
        year = values.str.extract(_YEAR, 1)
        result = pl.coalesce(result, build(year.cast(pl.Int32), pl.lit("07"), pl.lit("01")))
    return result


@dataclass(frozen=True)
class NumberStyle:
    decimal: str  # "," or "."
    thousands: str | None


def detect_number_style(values: pl.Series, prefer_comma: bool) -> NumberStyle:
    """Decimal and thousands separators of one column, from its values.

    `45.600,00` → comma decimal with dot thousands; `0,80` → comma decimal; `1,234.5` → dot
    decimal with comma thousands. `1.234` alone is a thousands dot only in a file that otherwise
    writes decimal commas (a semicolon file).
    """
    text = values.drop_nulls().unique().str.replace_all(r"[€\s%]|EUR", "")
    if text.len() == 0:
        return NumberStyle("," if prefer_comma else ".", None)
    both = text.filter(text.str.contains(r"\.") & text.str.contains(","))
    if both.len():
        sample = both[0]
        if sample.rfind(",") > sample.rfind("."):
            return NumberStyle(",", ".")
        return NumberStyle(".", ",")
    commas = text.filter(text.str.contains(","))
    dots = text.filter(text.str.contains(r"\."))
    if commas.len():
        if commas.str.count_matches(",").max() > 1:  # type: ignore[operator]
            return NumberStyle(".", ",")
        if not prefer_comma and commas.str.contains(r"^-?\d{1,3}(,\d{3})+$").all():
            return NumberStyle(".", ",")  # 45,600 in a file that writes decimal points
        return NumberStyle(",", None)
    if dots.len():
        if dots.str.count_matches(r"\.").max() > 1:  # type: ignore[operator]
            return NumberStyle(",", ".")
        if prefer_comma and dots.str.contains(r"^-?\d{1,3}(\.\d{3})+$").all():
            return NumberStyle(",", ".")
    return NumberStyle(".", None)


def parse_numbers(values: pl.Expr, style: NumberStyle) -> pl.Expr:
    """Text → Float64 under the given style; invalid text becomes null (reported by the caller)."""
    text = values.str.replace_all(r"[€\s%]|EUR", "")
    if style.thousands:
        text = text.str.replace_all(style.thousands, "", literal=True)
    if style.decimal == ",":
        text = text.str.replace(",", ".", literal=True)
    # Only plain decimal notation is accepted: '1e5', 'inf' and 'nan' are not numbers in an export.
    text = pl.when(text.str.contains(r"^[-+]?(\d+\.?\d*|\.\d+)$")).then(text)
    return text.cast(pl.Float64, strict=False)
