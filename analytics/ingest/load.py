"""Import files into the store: read → map → convert → check across rows → load in one transaction.

Default is all-or-nothing over every file of one import. With `keep_valid`, rows with errors are
left out (and rows that depend on them, e.g. absences of a refused employee) and written to a
`<file>.rejects.csv` next to the input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from analytics import store
from analytics.config import SETTINGS
from analytics.contract import SNAPSHOT_KIND, TABLES, ColumnType
from analytics.ingest import survey_wide
from analytics.ingest.contracts import merge_contract_rows
from analytics.ingest.convert import (
    CONTRACT_HOURS,
    FULLTIME_HOURS,
    ROW,
    Converted,
    RowError,
    convert,
)
from analytics.ingest.mapping import (
    SNAPSHOT_DATE,
    ColumnMapping,
    MappingError,
    MappingFile,
    map_columns,
    value_lookup,
)
from analytics.ingest.messages import Joined, Text, column_name, kind_name
from analytics.ingest.normalise import normalise_value
from analytics.ingest.readers import RawTable, ReadError, dialect_parts, read_file
from analytics.ingest.snapshots import convert_snapshots
from analytics.ingest.synonyms import COLUMN_SYNONYMS

# Files are checked and loaded in this order, so that each can refer to what came before.
LOAD_ORDER = (
    "org_units",
    "employments",
    SNAPSHOT_KIND,
    "job_history",
    "absences",
    "survey_questions",
    "survey_responses",
    "survey_invited",
)
_FED = {SNAPSHOT_KIND: ("employments", "job_history")}
_DATE_IN_NAME = r"(20\d{2})[-_]?(0[1-9]|1[0-2])(?:[-_]?(0[1-9]|[12]\d|3[01]))?"


@dataclass
class FileReport:
    file: str
    sha256: str = ""
    kind: str | None = None
    preset: str | None = None
    dialect: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    unmatched: tuple[str, ...] = ()
    refused: dict[str, Text] = field(default_factory=dict)  # header -> special category
    notes: list[Text] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rejects_file: Path | None = None


@dataclass
class ImportReport:
    files: list[FileReport]
    errors: list[RowError]
    loaded: bool
    data_version: int | None = None
    keep_valid: bool = False

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def format(self, max_errors: int | None = None, language: str = "en") -> str:
        """The import report as a person reads it, in English or Dutch ("nl")."""
        limit = int(max_errors or SETTINGS["max_listed_errors"].default)  # type: ignore[call-overload]
        lines: list[str] = []

        def say(text: Text, indent: str = "") -> None:
            lines.append(indent + text.render(language))

        for report in self.files:
            say(Text("report_file", file=report.file, kind=kind_name(report.kind or "?")))
            if report.preset:
                say(Text("report_preset", preset=report.preset), "  ")
            if report.dialect:
                say(Text("report_dialect", dialect=Joined(dialect_parts(report.dialect))), "  ")
            for header, canonical in report.columns.items():
                say(Text("report_column", header=header, column=column_name(canonical)), "  ")
            for note in report.notes:
                say(note, "  ")
            for header, category in report.refused.items():
                say(Text("report_refused", header=header, category=category), "  ")
            if report.unmatched:
                listed = ", ".join(repr(h) for h in report.unmatched)
                say(Text("report_unmatched", headers=listed), "  ")
            rows = Text(
                "report_rows",
                read=report.rows_read,
                loaded=report.rows_loaded,
                rejected=report.rows_rejected,
            )
            say(rows, "  ")
            if report.rejects_file:
                say(Text("report_rejects_file", name=report.rejects_file.name), "  ")
        if self.errors:
            say(Text("report_errors", count=self.error_count))
            for error in self.errors[:limit]:
                lines.append("  " + error.render(language).replace("\n", "\n    "))
            if self.error_count > limit:
                say(Text("report_more_errors", count=self.error_count - limit), "  ")
        if self.loaded:
            say(Text("report_loaded", version=self.data_version))
        else:
            say(Text("report_not_loaded"))
        return "\n".join(lines)


@dataclass
class _Prepared:
    path: Path
    report: FileReport
    raw: RawTable
    converted: Converted
    questions: pl.DataFrame | None = None  # a wide survey export's questions (survey_wide)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _missing_message(kind: str, missing: Sequence[str]) -> Text:
    names: list[Text | str] = []
    for column in missing:
        synonyms = COLUMN_SYNONYMS.get(kind, {}).get(column, ())
        examples = ", ".join(repr(s) for s in synonyms[1:5])
        name = column_name(column)
        names.append(
            Text("missing_column_examples", column=name, examples=examples) if examples else name
        )
    return Text(
        "missing_columns",
        kind=kind_name(kind),
        columns=Joined(tuple(names), "; "),
        target=missing[0],
    )


def _prepare(
    path: Path, kind: str | None, mapping_file: MappingFile, today: date
) -> tuple[_Prepared | None, list[RowError]]:
    report = FileReport(path.name)
    try:
        raw = read_file(path, mapping_file.sheet)
        report.sha256 = _sha256(path)
    except (ReadError, OSError, UnicodeDecodeError) as exc:
        return None, [RowError(path.name, None, None, None, read_problem(exc, path.name))]
    report.file = raw.source
    report.dialect = raw.dialect
    report.rows_read = raw.frame.height
    date_in_name = date_from_name(path.name) is not None
    layout = survey_wide.detect(raw, kind or mapping_file.kind, mapping_file, date_in_name)
    if layout is not None:
        return _prepare_wide(path, raw, layout, mapping_file, report, today)
    try:
        mapping = map_columns(
            raw.headers,
            kind=kind or mapping_file.kind,
            preset=mapping_file.preset,
            overrides=mapping_file.columns,
            date_in_file_name=date_in_name,
        )
    except MappingError as exc:
        return None, [RowError(raw.source, None, None, None, exc.text)]
    report.kind = mapping.kind
    report.preset = mapping.preset
    report.columns = dict(mapping.columns)
    report.unmatched = mapping.unmatched
    report.refused = dict(mapping.refused)
    missing = list(mapping.missing_required())
    if mapping.kind == SNAPSHOT_KIND and SNAPSHOT_DATE in missing and date_in_name:
        missing.remove(SNAPSHOT_DATE)
    if missing:
        return None, [
            RowError(raw.source, None, None, None, _missing_message(mapping.kind, missing))
        ]
    converted = convert(
        raw,
        mapping,
        today=today,
        date_order=mapping_file.date_order,
        value_overrides={k: dict(v) for k, v in mapping_file.values.items()},
    )
    report.notes.extend(converted.notes)
    empty_rows = raw.frame.height - converted.frame.height
    if empty_rows:
        report.rows_read = converted.frame.height
        report.notes.append(Text("note_empty_rows", count=empty_rows))
    _derive(converted, mapping, path, mapping_file, report)
    return _Prepared(path, report, raw, converted), list(converted.errors)


def _prepare_wide(
    path: Path,
    raw: RawTable,
    layout: survey_wide.Layout,
    mapping_file: MappingFile,
    report: FileReport,
    today: date,
) -> tuple[_Prepared | None, list[RowError]]:
    """A survey export in wide form: converted to the long form with its questions."""
    report.kind = survey_wide.KIND
    report.columns = dict(layout.identifying)
    report.unmatched = layout.unmatched
    report.refused = dict(layout.refused)
    wide, errors = survey_wide.convert_wide(
        raw, layout, mapping_file, wave_from_name=date_from_name(path.name), today=today
    )
    if wide is None:
        return None, errors
    report.rows_read = wide.rows_answered
    report.notes.extend(wide.converted.notes)
    return _Prepared(path, report, raw, wide.converted, wide.questions), errors


def read_problem(exc: Exception, name: str) -> Text:
    """What is wrong with a file that cannot be read, without its name when that is `name`."""
    if isinstance(exc, ReadError):
        return exc.problem if exc.source == name else exc.text
    # The operating system's own words (no access, a folder instead of a file).
    return Text("read_system", reason=str(exc).removeprefix(f"{name}: "))


def date_from_name(name: str) -> date | None:
    import re

    match = re.search(_DATE_IN_NAME, name)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day is None:
        # A month file (2024-03) describes the end of that month.
        first_next = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
        return date.fromordinal(first_next.toordinal() - 1)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _derive(
    converted: Converted,
    mapping: ColumnMapping,
    path: Path,
    mapping_file: MappingFile,
    report: FileReport,
) -> None:
    """Fill canonical columns that the contract lets a file give indirectly."""
    frame = converted.frame
    if mapping.kind in ("employments", "job_history", SNAPSHOT_KIND):
        if "fte" not in frame.columns and CONTRACT_HOURS in frame.columns:
            week = float(SETTINGS["fulltime_hours"].default)  # type: ignore[arg-type]
            fulltime = pl.col(FULLTIME_HOURS) if FULLTIME_HOURS in frame.columns else pl.lit(week)
            frame = frame.with_columns(fte=pl.col(CONTRACT_HOURS) / fulltime.fill_null(week))
            report.notes.append(Text("note_fte_from_hours", hours=week))
        frame = frame.drop(c for c in (CONTRACT_HOURS, FULLTIME_HOURS) if c in frame.columns)
    if mapping.kind in ("employments", SNAPSHOT_KIND) and (
        "termination_type" not in frame.columns and "termination_reason" in frame.columns
    ):
        # A reason like "Eigen verzoek" says the type; others count as "other", and we say so.
        lookup = value_lookup(
            "termination_type", mapping.preset, mapping_file.values.get("termination_type")
        )
        reasons = frame["termination_reason"].drop_nulls().unique().to_list()
        table = {r: lookup.get(normalise_value(r)) or "other" for r in reasons}
        frame = frame.with_columns(
            termination_type=pl.col("termination_reason").replace_strict(
                table, default=None, return_dtype=pl.String
            )
        )
        unknown = sorted(r for r in reasons if not lookup.get(normalise_value(r)))
        report.notes.append(Text("note_termination_type_from_reason"))
        if unknown:
            reasons = ", ".join(map(repr, unknown))
            report.notes.append(Text("note_reasons_other", reasons=reasons))
    if mapping.kind == SNAPSHOT_KIND and SNAPSHOT_DATE not in frame.columns:
        frame = frame.with_columns(pl.lit(date_from_name(path.name)).alias(SNAPSHOT_DATE))
        report.notes.append(Text("note_snapshot_date_from_name", date=date_from_name(path.name)))
    converted.frame = frame


def _required_nulls(prepared: _Prepared, table: str) -> list[RowError]:
    """Rows without a required value (cells that failed to convert were reported already)."""
    errors = []
    source_of = prepared.converted.source_of
    reported = {(e.row, e.column) for e in prepared.converted.errors}
    required = ("employee_id", SNAPSHOT_DATE) if table == SNAPSHOT_KIND else TABLES[table].required
    if prepared.questions is not None:
        required = ("wave",)  # answers always carry a question and a score (checked per cell)
    for column in required:
        if column not in prepared.converted.frame.columns:
            continue
        rows = prepared.converted.frame.filter(pl.col(column).is_null())[ROW].to_list()
        header = source_of.get(column)
        expected = Text("expect_value", column=column_name(column))
        errors.extend(
            RowError(prepared.report.file, row, header, None, expected)
            for row in rows
            if (row, header) not in reported
        )
    return errors


def import_files(
    paths: Sequence[Path | str],
    *,
    db: Path | str | None = None,
    kind: str | None = None,
    mapping_file: MappingFile | None = None,
    keep_valid: bool = False,
    replace: bool = False,
    today: date | None = None,
    language: str = "en",
    user: str | None = None,
) -> ImportReport:
    """Import files into the store in one transaction. Bad data never raises: the report says.

    `language` is that of the messages written into rejects files ("en" or "nl"); `user` is who
    the import log names (the signed-in person in the app; by default KOERS_USER or the login of
    the process)."""
    mapping_file = mapping_file or MappingFile()
    today = today or date.today()
    prepared: list[_Prepared] = []
    errors: list[RowError] = []
    reports: list[FileReport] = []
    seen_names: set[str] = set()
    for raw_path in paths:
        path = Path(raw_path)
        item, file_errors = _prepare(path, kind, mapping_file, today)
        if item is None:
            errors.extend(file_errors)
            reports.append(FileReport(path.name, notes=[Text("note_not_read")]))
            continue
        # Files are told apart by name in messages: two files of one name get a number.
        if item.report.file in seen_names:
            item.report.file = f"{item.report.file} ({len(reports) + 1})"
            file_errors = [
                RowError(item.report.file, e.row, e.column, e.value, e.expected)
                for e in file_errors
            ]
            item.converted.errors = file_errors
        seen_names.add(item.report.file)
        errors.extend(file_errors)
        reports.append(item.report)
        errors.extend(_required_nulls(item, item.report.kind or ""))
        prepared.append(item)

    # A file that cannot be read or mapped stops the import; row errors are all collected first,
    # including those only a look at other rows or the store can find.
    if any(e.row is None for e in errors):
        _count_rejects(reports, errors, loaded=False)
        return ImportReport(reports, _sorted(errors), loaded=False, keep_valid=keep_valid)

    try:
        with store.write(db) as writer:
            cross_errors = _load(
                writer, prepared, errors, keep_valid=keep_valid, replace=replace, user=user
            )
            errors.extend(cross_errors)
            # A whole-file problem found against the store stops everything, as before it.
            if errors and (not keep_valid or any(e.row is None for e in errors)):
                raise _AbortError
            version = writer.data_version
    except _AbortError:
        _count_rejects(reports, errors, loaded=False)
        return ImportReport(reports, _sorted(errors), loaded=False, keep_valid=keep_valid)
    if keep_valid:
        _write_rejects(prepared, errors, language)
    return ImportReport(
        reports, _sorted(errors), loaded=True, data_version=version, keep_valid=keep_valid
    )


class _AbortError(Exception):
    """Raised inside the write transaction to leave the store as it was."""


def _sorted(errors: list[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda e: (e.file, e.row or 0))


def _count_rejects(reports: list[FileReport], errors: list[RowError], loaded: bool) -> None:
    rows_by_file: dict[str, set[int]] = {}
    for error in errors:
        if error.row is not None:
            rows_by_file.setdefault(error.file, set()).add(error.row)
    for report in reports:
        report.rows_rejected = len(rows_by_file.get(report.file, ()))
        if not loaded:
            report.rows_loaded = 0


def _write_rejects(prepared: list[_Prepared], errors: list[RowError], language: str) -> None:
    by_file: dict[str, dict[int, list[str]]] = {}
    for error in errors:
        if error.row is not None:
            message = error.render(language)
            by_file.setdefault(error.file, {}).setdefault(error.row, []).append(message)
    for item in prepared:
        rows = by_file.get(item.report.file)
        if not rows:
            continue
        # Refused columns (health, ethnicity…) are not copied into the rejects file either.
        raw = item.raw.frame.drop(*item.report.refused).with_row_index(
            ROW, offset=item.raw.first_row
        )
        rejects = (
            raw.filter(pl.col(ROW).is_in(list(rows)))
            .with_columns(
                pl.col(ROW)
                .replace_strict(
                    {row: " | ".join(msgs) for row, msgs in rows.items()}, return_dtype=pl.String
                )
                .alias("koers_error"),
                pl.col(ROW).alias("koers_row"),
            )
            .drop(ROW)
        )
        target = item.path.with_name(item.path.stem + ".rejects.csv")
        rejects.write_csv(
            target, separator=";" if item.raw.dialect.get("delimiter") == "semicolon" else ","
        )
        item.report.rejects_file = target


# ---------------------------------------------------------------------------------------------
# Cross-row checks and loading, inside the write transaction.


def _load(
    writer: store.Writer,
    prepared: list[_Prepared],
    cell_errors: list[RowError],
    *,
    keep_valid: bool,
    replace: bool,
    user: str | None,
) -> list[RowError]:
    con = writer.con
    errors: list[RowError] = []
    bad_rows: dict[str, set[int]] = {}
    for error in cell_errors:
        if error.row is not None:
            bad_rows.setdefault(error.file, set()).add(error.row)

    if replace:
        fed = {
            t for item in prepared for t in _FED.get(item.report.kind or "", (item.report.kind,))
        }
        if any(item.questions is not None for item in prepared):
            fed.add("survey_questions")
        for table in sorted(fed, key=lambda t: -list(TABLES).index(t)):
            con.execute(f"DELETE FROM {TABLES[table].name}")  # table names from the contract only

    # One import id per file: its rows carry it, and its import_log entry describes it.
    first_id = writer.next_import_id()
    import_ids = {item.report.file: first_id + n for n, item in enumerate(prepared)}
    by_kind: dict[str, list[_Prepared]] = {}
    for item in prepared:
        by_kind.setdefault(item.report.kind or "", []).append(item)

    for kind in LOAD_ORDER:
        items = by_kind.get(kind, [])
        if not items:
            continue
        incoming = pl.concat(
            [item.converted.frame.with_columns(_file=pl.lit(item.report.file)) for item in items],
            how="diagonal_relaxed",
        )
        if kind == SNAPSHOT_KIND:
            # The stack is one picture: its employments are built from all files together.
            employments, history, notes = convert_snapshots(_drop_rows(incoming, bad_rows))
            items[0].report.notes.extend(notes)
            first = pl.lit(items[0].report.file)
            targets = {
                "employments": employments.with_columns(_file=first),
                "job_history": history.with_columns(_file=first),
            }
        elif kind == "employments":
            has_history = _employees_with_history(con, by_kind.get("job_history", []))
            employments, history, note = merge_contract_rows(
                _drop_rows(incoming, bad_rows), has_history
            )
            if note:
                items[0].report.notes.append(note)
            targets = {"employments": employments}
            if history.height:
                targets["job_history"] = history
        elif kind == survey_wide.KIND and any(item.questions is not None for item in items):
            # Questions of wide exports land first, in the same transaction as their answers.
            questions, conflicts = _wide_questions(con, items)
            errors.extend(conflicts)
            targets = {"survey_questions": questions, kind: incoming}
        else:
            targets = {kind: incoming}
        for table, frame in targets.items():
            frame = _drop_rows(frame, bad_rows)
            new_errors = _check(con, table, frame, items)
            errors.extend(new_errors)
            for error in new_errors:
                if error.row is not None:
                    bad_rows.setdefault(error.file, set()).add(error.row)
            if new_errors and not keep_valid:
                continue  # keep checking the other tables; nothing will be committed
            frame = _drop_rows(frame, bad_rows)
            _insert(con, table, frame, import_ids)

    if replace and "employments" in fed:
        errors.extend(_left_without_employee(con, prepared))

    for item in prepared:
        report = item.report
        # Rows may be merged (contracts, snapshots), so a row counts as loaded unless refused.
        report.rows_rejected = len(bad_rows.get(report.file, ()))
        report.rows_loaded = report.rows_read - report.rows_rejected
        writer.log_import(
            import_id=import_ids[report.file],
            file_name=report.file,
            sha256=report.sha256,
            kind=report.kind or "",
            rows_read=report.rows_read,
            rows_loaded=report.rows_loaded,
            rows_rejected=report.rows_rejected,
            replaced=replace,
            user=user,
        )
    return errors


def _wide_questions(
    con: duckdb.DuckDBPyConnection, items: list[_Prepared]
) -> tuple[pl.DataFrame, list[RowError]]:
    """The questions of the wide exports not yet stored; a question stored (or given by an
    earlier file) with another dimension or scale is an error of the file, not of a row."""
    new = pl.concat(
        [
            item.questions.with_columns(_file=pl.lit(item.report.file))
            for item in items
            if item.questions is not None
        ]
    )
    ids = new["question_id"].to_list()
    stored = {
        question_id: (dimension, low, high)
        for question_id, dimension, low, high in con.execute(
            "SELECT question_id, dimension, scale_min, scale_max FROM survey_questions "
            "WHERE question_id IN (SELECT unnest($ids))",
            {"ids": ids},
        ).fetchall()
    }
    fresh, conflicts = survey_wide.stored_conflicts(stored, new)
    kept = sorted(set(ids) & set(stored))
    if kept:
        first = next(item for item in items if item.questions is not None)
        first.report.notes.append(Text("note_survey_questions_stored", ids=", ".join(kept)))
    errors = [RowError(file, None, header, None, message) for file, header, message in conflicts]
    return fresh, errors


def _left_without_employee(
    con: duckdb.DuckDBPyConnection, prepared: list[_Prepared]
) -> list[RowError]:
    """Replacing the employments must not strand the rows of other tables: every employee_id of
    job history and absences exists in employments (data contract). One whole-file error per
    table with such rows, on the file that replaced the employments."""
    source = next(
        item.report.file for item in prepared if item.report.kind in ("employments", SNAPSHOT_KIND)
    )
    errors = []
    for table in ("job_history", "absences"):
        found = store.fetch_one(
            con,
            f"""SELECT count(*), min(employee_id) FROM {TABLES[table].name} t
                WHERE NOT EXISTS (SELECT 1 FROM employments e
                                  WHERE e.employee_id = t.employee_id)""",  # contract names
        )
        if found and found[0]:
            problem = Text(
                "replace_strands_rows", count=found[0], table=kind_name(table), example=found[1]
            )
            errors.append(RowError(source, None, None, None, problem))
    return errors


def _employees_with_history(
    con: duckdb.DuckDBPyConnection, history_items: list[_Prepared]
) -> set[str]:
    given = {
        employee
        for item in history_items
        for employee in item.converted.frame["employee_id"].drop_nulls().to_list()
    }
    stored = {r[0] for r in con.sql("SELECT DISTINCT employee_id FROM job_history").fetchall()}
    return given | stored


def _drop_rows(frame: pl.DataFrame, bad_rows: dict[str, set[int]]) -> pl.DataFrame:
    if not bad_rows:
        return frame
    bad = pl.DataFrame(
        [(file, row) for file, rows in bad_rows.items() for row in rows],
        schema={"_file": pl.String, ROW: pl.Int64},
        orient="row",
    )
    return frame.join(bad, on=["_file", ROW], how="anti")


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, import_ids: dict[str, int]
) -> None:
    columns = TABLES[table].column_names
    typed = frame.select(
        *(
            (pl.col(c) if c in frame.columns else pl.lit(None))
            .cast(_polars_type(table, c))
            .alias(c)
            for c in columns
        ),
        pl.col("_file").replace_strict(import_ids, return_dtype=pl.Int64).alias("import_id"),
    )
    con.register("incoming_rows", typed)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM incoming_rows")  # name from the contract
    finally:
        con.unregister("incoming_rows")


def _polars_type(table: str, column: str) -> pl.DataType:
    kind = TABLES[table].column(column).type
    return {
        ColumnType.TEXT: pl.String(),
        ColumnType.ENUM: pl.String(),
        ColumnType.DATE: pl.Date(),
        ColumnType.DECIMAL: pl.Float64(),
        ColumnType.BOOL: pl.Boolean(),
        ColumnType.INTEGER: pl.Int64(),
    }[kind]


def _check(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, items: list[_Prepared]
) -> list[RowError]:
    """Row checks that need other rows or the store. Each query returns (file, row, column, value,
    expected) for the offending new rows."""
    from analytics.ingest import checks

    source_of = {item.report.file: item.converted.source_of for item in items}
    converted = {item.report.file: item.converted for item in items}
    raw_cells = {item.report.file: item.raw.frame for item in items}
    raw_first_row = {item.report.file: item.raw.first_row for item in items}
    for column in TABLES[table].column_names:
        if column not in frame.columns:
            frame = frame.with_columns(
                pl.lit(None, dtype=_polars_type(table, column)).alias(column)
            )
    typed = [pl.col(c).cast(_polars_type(table, c)) for c in TABLES[table].column_names]
    con.register("new_rows", frame.select("_file", ROW, *typed))
    try:
        found = checks.run(con, table)
    finally:
        con.unregister("new_rows")
    errors = []
    for file, row, column, value, key, params in found:
        header = source_of.get(file, {}).get(column, column)
        origin = converted.get(file)
        expected = checks.expectation(key, params, origin.show_dates if origin else str)
        if origin is not None:
            written = raw_cells.get(file)
            index = row - raw_first_row[file]
            if written is not None and header in written.columns and 0 <= index < written.height:
                # Quote the cell as the user typed it, not as it was stored.
                value = written[header][index]
            elif value is not None:
                value = origin.show_dates(value)
        errors.append(RowError(file, row, header, value, expected))
    return errors
