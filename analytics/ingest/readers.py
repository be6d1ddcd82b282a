"""Readers: CSV/TXT (dialect detected), XLSX and Parquet → a frame of text columns.

Every reader returns the file's cells as text (trimmed, empty = null) under the file's own headers,
so that mapping and validation see the values as the user typed them and can quote them back.
Typed sources (Excel, Parquet) render dates as ISO and numbers with a decimal point.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analytics.ingest.messages import MESSAGES, Text

DELIMITERS = (";", ",", "\t", "|")
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
PARQUET_SUFFIXES = {".parquet", ".pq"}


class ReadError(ValueError):
    """A file that cannot be read at all: `str()` names the file and says what was expected;
    `problem` is the same without the file's name, `text` the whole message (both catalogued)."""

    def __init__(self, source: str, problem: Text) -> None:
        super().__init__(Text("file_problem", file=source, problem=problem))
        self.source = source
        self.problem = problem

    @property
    def text(self) -> Text:
        return self.args[0]


@dataclass(frozen=True)
class RawTable:
    source: str  # the file name as the user knows it (plus the sheet for Excel)
    frame: pl.DataFrame  # text columns under the file's headers
    # Spreadsheet row number of the first data row (the header is the row above it).
    first_row: int = 2
    native_types: bool = False  # numbers use '.' and dates are ISO (Excel, Parquet)
    dialect: dict[str, str] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return list(self.frame.columns)


def read_file(path: Path, sheet: str | None = None) -> RawTable:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ReadError(path.name, Text("read_not_found"))
    if suffix in EXCEL_SUFFIXES:
        return read_excel(path, sheet)
    if suffix in PARQUET_SUFFIXES:
        return read_parquet(path)
    return read_csv_bytes(path.read_bytes(), path.name)


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode: a BOM says the encoding; else UTF-8 when valid; else cp1252 (or latin-1)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_strict(data[3:], "utf-8", source), Text("encoding_utf8_bom")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_strict(data, "utf-16", source), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1"), "Latin-1"


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    """A file that announces its encoding with a BOM must keep to it."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = {"utf-8": "UTF-8", "utf-16": "UTF-16"}[encoding]
        raise ReadError(source, Text("read_bad_bom", encoding=name, position=exc.start)) from exc


def sniff_delimiter(sample_lines: list[str]) -> str:
    """The delimiter that splits the sample into the most columns with a constant count per row.

    Quotes are respected, so `"Jansen, Piet"` does not count as a comma-separated pair.
    """
    best: tuple[int, int, str] | None = None
    for delimiter in DELIMITERS:
        rows = list(csv.reader(sample_lines, delimiter=delimiter))
        counts = [len(r) for r in rows if r]
        if not counts:
            continue
        mode, frequency = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (frequency, mode, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else ","


def _clean(frame: pl.DataFrame) -> pl.DataFrame:
    """Trim every cell; empty cells become null. All columns become text."""
    return frame.with_columns(
        pl.col(c).cast(pl.String).str.strip_chars().replace("", None) for c in frame.columns
    )


def _unique_headers(headers: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    result = []
    for position, raw in enumerate(headers, start=1):
        header = (raw or "").strip().strip("\ufeff") or f"column {position}"
        seen[header] += 1
        result.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return result


def read_csv_bytes(data: bytes, source: str) -> RawTable:
    if not data[:65536].strip() and not data.strip():
        raise ReadError(source, Text("read_empty"))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(source, Text("read_not_text"))
    text, encoding = decode(data, source)
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # classic Mac line endings
        encoding = Text("encoding_cr", encoding=encoding)
    # Only the head is split into lines: enough to sniff the dialect, cheap for a large file.
    lines = text[:65536].splitlines()
    # Leading blank lines are skipped; their count keeps spreadsheet row numbers right.
    skipped = 0
    while skipped < len(lines) and not lines[skipped].strip():
        skipped += 1
    sample = lines[skipped : skipped + 50]
    delimiter = sniff_delimiter(sample)
    header_row = next(csv.reader(sample[:1], delimiter=delimiter), [])
    headers = _unique_headers(header_row)
    payload = text.encode("utf-8") if encoding != "UTF-8" else data
    if len(text) <= 65536 and len(lines) <= skipped + 1:
        # A header and no data rows: an empty table, not an error.
        empty = pl.DataFrame({h: pl.Series([], dtype=pl.String) for h in headers})
        return RawTable(source, empty, first_row=skipped + 2, dialect={"encoding": encoding})
    try:
        frame = pl.read_csv(
            io.BytesIO(payload),
            separator=delimiter,
            has_header=False,
            skip_lines=skipped + 1,
            new_columns=headers,
            infer_schema=False,
            quote_char='"',
            empty_string_is_null=True,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError as exc:
        problem = _ragged_message(text.splitlines(), skipped, delimiter, len(headers))
        raise ReadError(source, problem) from exc
    if frame.width != len(headers):
        raise ReadError(source, Text("read_field_count", fields=frame.width, headers=len(headers)))
    frame = _clean(frame)
    # A trailing delimiter makes an empty, nameless last column: drop such columns.
    frame = frame.select(
        c
        for c in frame.columns
        if not (c.startswith("column ") and frame[c].null_count() == len(frame))
    )
    dialect = {
        "encoding": encoding,
        "delimiter": _delimiter_name(delimiter),
    }
    return RawTable(source, frame, first_row=skipped + 2, dialect=dialect)


def _ragged_message(lines: list[str], skipped: int, delimiter: str, expected: int) -> Text:
    """Name the first row whose field count differs from the header's."""
    rows = csv.reader(lines[skipped + 1 :], delimiter=delimiter)
    name = Text(f"delimiter.{_delimiter_name(delimiter)}")
    for number, fields in enumerate(rows, start=skipped + 2):
        if fields and len(fields) != expected:
            return Text(
                "read_ragged_row",
                row=number,
                fields=len(fields),
                expected=expected,
                delimiter=name,
            )
    return Text("read_unparseable", delimiter=name, expected=expected)


def _delimiter_name(delimiter: str) -> str:
    return {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}[delimiter]


def dialect_parts(dialect: Mapping[str, str]) -> tuple[Text | str, ...]:
    """How a file was read, one part per setting ("encoding UTF-8", "delimiter semicolon"), in
    words the import report and the data page can say in either language."""
    parts: list[Text | str] = []
    for name, value in dialect.items():
        label = Text(f"dialect.{name}") if f"dialect.{name}" in MESSAGES else name
        shown: Text | str = value
        if name == "delimiter" and f"delimiter.{value}" in MESSAGES:
            shown = Text(f"delimiter.{value}")
        parts.append(Text("dialect_item", name=label, value=shown))
    return tuple(parts)


def _stringify(frame: pl.DataFrame) -> pl.DataFrame:
    """Typed columns → text: dates as ISO, datetimes as ISO (time kept), numbers with '.'."""
    columns = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
            columns.append(col.dt.strftime("%Y-%m-%d %H:%M:%S").alias(name))
        elif dtype == pl.Date:
            columns.append(col.dt.strftime("%Y-%m-%d").alias(name))
        elif dtype.is_float():
            # Whole numbers lose their '.0' so that ids like 1234.0 stay 1234.
            columns.append(
                pl.when(col == col.round(0))
                .then(col.cast(pl.Int64, strict=False).cast(pl.String))
                .otherwise(col.cast(pl.String))
                .alias(name)
            )
        else:
            columns.append(col.cast(pl.String).alias(name))
    return _clean(frame.select(columns))


def read_excel(path: Path, sheet: str | None = None) -> RawTable:
    try:
        import fastexcel

        workbook = fastexcel.read_excel(path)
        sheets = workbook.sheet_names
    except Exception as exc:  # fastexcel raises its own error types
        reason = str(exc).replace(str(path), path.name).splitlines()[0]
        raise ReadError(path.name, Text("read_not_excel", reason=reason)) from exc
    if sheet is not None and sheet not in sheets:
        listed = ", ".join(map(repr, sheets))
        raise ReadError(path.name, Text("read_no_sheet", sheet=sheet, sheets=listed))
    chosen = sheet or sheets[0]
    try:
        frame = pl.read_excel(path, sheet_name=chosen, engine="calamine")
    except Exception as exc:
        reason = str(exc).replace(str(path), path.name).splitlines()[0]
        raise ReadError(
            f"{path.name} [{chosen}]", Text("read_sheet_failed", reason=reason)
        ) from exc
    frame = frame.rename(dict(zip(frame.columns, _unique_headers(frame.columns), strict=True)))
    dialect = {"sheet": chosen}
    if len(sheets) > 1:
        dialect["other sheets"] = ", ".join(s for s in sheets if s != chosen)
    return RawTable(
        f"{path.name} [{chosen}]", _stringify(frame), native_types=True, dialect=dialect
    )


def read_parquet(path: Path) -> RawTable:
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:
        reason = str(exc).replace(str(path), path.name).splitlines()[0]
        raise ReadError(path.name, Text("read_not_parquet", reason=reason)) from exc
    return RawTable(path.name, _stringify(frame), native_types=True, dialect={"format": "Parquet"})
