"""Mapped text columns → typed canonical columns, with one error per bad cell.

Each error names the file, the spreadsheet row, the user's column header, the value and what was
expected (data contract, "Bad input"). All checks are vectorised: a million rows convert in well
under a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from analytics.contract import SNAPSHOT_KIND, TABLES, Column, ColumnType
from analytics.ingest.mapping import HOURS_COLUMNS, SNAPSHOT_DATE, ColumnMapping, value_lookup
from analytics.ingest.messages import Text, fill, render
from analytics.ingest.normalise import normalise_value
from analytics.ingest.parse import (
    AmbiguousDatesError,
    detect_date_order,
    detect_number_style,
    parse_dates,
    parse_numbers,
)
from analytics.ingest.readers import RawTable
from analytics.ingest.synonyms import VALUE_SYNONYMS

ROW = "_row"
_ISO_DATE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})\b"
)  # spreadsheet row number carried through validation
_DATE_EXPECT = {"dmy": "expect_date_dmy", "mdy": "expect_date_mdy"}  # others: "expect_date"

# Pseudo-columns accepted on input and turned into canonical ones (contract: fte may be given as
# contract hours with the full-time week).
CONTRACT_HOURS, FULLTIME_HOURS = HOURS_COLUMNS
INPUT_ONLY_NUMBERS = HOURS_COLUMNS


@dataclass(frozen=True)
class RowError:
    file: str
    row: int | None  # spreadsheet row number; None for a whole-file problem
    column: str | None  # the user's header
    value: str | None
    expected: Text  # what the cell should hold, or (whole file) what is wrong

    def render(self, language: str, surface: str = "cli") -> str:
        """The whole message: "file, row 4, column 'X': 'value': expected …" in `language`, with
        the hints for `surface` (see `messages.HINTS`)."""
        expected = render(self.expected, language, surface)
        if self.row is None and self.column is None:
            # A whole-file problem, said in a sentence.
            return fill("file_problem", language, file=self.file, problem=expected)
        where = self.file
        if self.row is not None:
            where = fill("error_row", language, file=self.file, row=self.row)
        if self.column:
            where = fill("error_column", language, where=where, column=self.column)
        if self.value is not None:
            where = fill("error_value", language, where=where, value=self.value)
        return fill("error_expected", language, where=where, expected=expected)

    def __str__(self) -> str:
        return self.render("en")


@dataclass
class Converted:
    kind: str
    frame: pl.DataFrame  # canonical columns (typed) + ROW
    source_of: dict[str, str]  # canonical column -> user's header, for messages
    errors: list[RowError] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    date_order: str | None = None  # how the file writes dates, to quote them back the same way

    def show_dates(self, text: str) -> str:
        """Rewrite ISO dates in a message the way this file writes them."""
        if self.date_order not in ("dmy", "mdy"):
            return text

        def render(match: re.Match[str]) -> str:
            year, month, day = match.groups()
            if self.date_order == "dmy":
                return f"{day}-{month}-{year}"
            return f"{int(month)}/{int(day)}/{year}"

        return _ISO_DATE.sub(render, text)


def _column_spec(kind: str, name: str) -> Column:
    if name == SNAPSHOT_DATE:
        return Column(SNAPSHOT_DATE, ColumnType.DATE, required=True)
    if name in INPUT_ONLY_NUMBERS:
        return Column(name, ColumnType.DECIMAL, minimum=0.0, min_exclusive=True)
    table = TABLES["employments" if kind == SNAPSHOT_KIND else kind]
    return table.column(name)


def convert(
    raw: RawTable,
    mapping: ColumnMapping,
    *,
    today: date,
    date_order: str | None = None,
    value_overrides: dict[str, dict[str, str]] | None = None,
    max_errors: int = 10_000,
) -> Converted:
    """Rename, type and check one file's columns. Returns the typed frame and every cell error."""
    kind = mapping.kind
    source_of = {canonical: header for header, canonical in mapping.columns.items()}
    text = raw.frame.with_row_index(ROW, offset=raw.first_row).select(
        pl.col(ROW).cast(pl.Int64),
        *(pl.col(header).alias(canonical) for header, canonical in mapping.columns.items()),
    )
    # Rows with no value in any used column (blank lines, `;;;` at the end of an Excel export)
    # are no data: skipped, while the others keep their spreadsheet row numbers.
    if source_of:
        text = text.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in source_of))
    result = Converted(kind, text, source_of)
    errors = result.errors
    specs = {name: _column_spec(kind, name) for name in source_of}

    # Date order is decided once per file, over all its date columns.
    date_cols = [n for n, s in specs.items() if s.type == ColumnType.DATE]
    order: str | None = None
    if date_cols:  # typed Excel/Parquet dates arrive as ISO; text cells still need the order
        all_dates = pl.concat([text[c] for c in date_cols])
        try:
            detected = detect_date_order(all_dates, date_order)
        except AmbiguousDatesError as exc:
            columns = ", ".join(source_of[c] for c in date_cols)
            errors.append(RowError(raw.source, None, columns, None, exc.text))
            return result
        order = detected.order
        result.date_order = order
        if order:
            result.notes.append(
                Text("note_date_order", order=Text(f"order.{order}"), evidence=detected.evidence)
            )
    prefer_comma = raw.dialect.get("delimiter") == "semicolon"

    typed: list[pl.Expr] = []
    finish: list[pl.Expr] = []  # applied after the checks
    # Checks are written over the raw text `r` and the typed value `t` of one column.
    checks: list[tuple[str, Check, Text]] = []
    for name, spec in specs.items():
        col = pl.col(name)
        if spec.type == ColumnType.DATE:
            # A date column holds few distinct values: parse those once, then look them up.
            distinct = text[name].drop_nulls().unique()
            parsed = (
                pl.DataFrame({name: distinct})
                .select(parse_dates(col, order, today, year_only_as_july=name == "birth_date"))
                .to_series()
            )
            expr = col.replace_strict(distinct, parsed, default=None, return_dtype=pl.Date)
            checks.append((name, _unparsed, Text(_DATE_EXPECT.get(order or "", "expect_date"))))
        elif spec.type in (ColumnType.DECIMAL, ColumnType.INTEGER):
            style = detect_number_style(text[name], prefer_comma and not raw.native_types)
            if style.thousands:
                result.notes.append(
                    Text(
                        "note_decimal_thousands",
                        header=source_of[name],
                        decimal=style.decimal,
                        thousands=style.thousands,
                    )
                )
            elif style.decimal == ",":
                result.notes.append(
                    Text("note_decimal", header=source_of[name], decimal=style.decimal)
                )
            expr = parse_numbers(col, style)
            checks.append((name, _unparsed, Text("expect_number")))
            if spec.type == ColumnType.INTEGER:
                checks.append((name, lambda r, t: t != t.round(0), Text("expect_whole_number")))
                finish.append(pl.col(name).cast(pl.Int64, strict=False))
            if spec.minimum is not None:
                checks.append((name, _out_of_range(spec), _range_text(spec)))
        elif spec.type in (ColumnType.ENUM, ColumnType.BOOL):
            lookup = value_lookup(name, mapping.preset, (value_overrides or {}).get(name))
            expr = _map_values(text[name], lookup)
            allowed = ("true", "false") if spec.type == ColumnType.BOOL else spec.allowed
            expected = Text(
                "expect_one_of", values=", ".join(_example_values(name, allowed)), column=name
            )
            # Unknown values carry a marker through the checks; "" is a deliberate "no value"
            # (e.g. status Active → no termination type).
            checks.append((name, lambda r, t: t == _UNMAPPED, expected))
            if spec.type == ColumnType.BOOL:
                finish.append(
                    pl.when(pl.col(name) == "true")
                    .then(True)
                    .when(pl.col(name) == "false")
                    .then(False)
                    .alias(name)
                )
            else:
                finish.append(
                    pl.when(~pl.col(name).is_in(["", _UNMAPPED])).then(pl.col(name)).alias(name)
                )
        else:
            expr = col
        typed.append(expr.alias(name))

    raw_copies = [pl.col(name).alias(f"{name}{_RAW}") for name in source_of]
    converted = text.with_columns(raw_copies).with_columns(typed)
    for name, check, expected in checks:
        bad = check(pl.col(f"{name}{_RAW}"), pl.col(name)).fill_null(False)
        hits = converted.filter(bad).select(ROW, f"{name}{_RAW}")
        errors.extend(
            RowError(raw.source, row, source_of[name], value, expected)
            for row, value in hits.iter_rows()
        )
        if len(errors) > max_errors:
            break
    result.frame = converted.drop(f"{name}{_RAW}" for name in source_of).with_columns(finish)
    return result


Check = Callable[[pl.Expr, pl.Expr], pl.Expr]
_RAW = "__raw"
_UNMAPPED = "\x00unmapped"


def _unparsed(raw: pl.Expr, typed: pl.Expr) -> pl.Expr:
    return raw.is_not_null() & typed.is_null()


def _out_of_range(spec: Column) -> Check:
    def check(raw: pl.Expr, typed: pl.Expr) -> pl.Expr:
        low = typed <= spec.minimum if spec.min_exclusive else typed < spec.minimum
        return low | (typed > spec.maximum) if spec.maximum is not None else low

    return check


def _range_text(spec: Column) -> Text:
    key = "expect_number_above" if spec.min_exclusive else "expect_number_at_least"
    minimum = float(spec.minimum or 0.0)  # only asked for columns that have a minimum
    if spec.maximum is None:
        return Text(key, minimum=minimum)
    return Text(f"{key}_at_most", minimum=minimum, maximum=float(spec.maximum))


def _map_values(values: pl.Series, lookup: dict[str, str]) -> pl.Expr:
    distinct = values.drop_nulls().unique().to_list()
    table = {raw: lookup.get(normalise_value(raw), _UNMAPPED) for raw in distinct}
    col = pl.col(values.name)
    # replace_strict would turn an empty cell into the default: empty stays empty.
    return (
        pl.when(col.is_null())
        .then(None)
        .otherwise(col.replace_strict(table, default=_UNMAPPED, return_dtype=pl.String))
    )


def _example_values(column: str, allowed: tuple[str, ...]) -> list[str]:
    """For each allowed value, a Dutch and an English name it goes by, for the error message."""
    synonyms = VALUE_SYNONYMS.get(column, {})
    examples = []
    for target in allowed:
        names = synonyms.get(target, (target,))
        shown = [names[1], names[0]] if len(names) > 1 and names[1] != names[0] else [names[0]]
        examples.append("/".join(shown))
    return examples
