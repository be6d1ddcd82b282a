"""Helpers for importing from the dashboard: uploaded files, a preview of how each file is read and
mapped, the plan for one `import_files` call, a dry run on a copy of the store, saved mapping files,
the import history and what a rollback would undo.

Nothing here knows about Streamlit: the data page calls these functions and renders their results.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from analytics import store
from analytics.contract import KINDS, SNAPSHOT_KIND, TABLES
from analytics.ingest import survey_wide
from analytics.ingest.convert import INPUT_ONLY_NUMBERS
from analytics.ingest.load import ImportReport, date_from_name, import_files, read_problem
from analytics.ingest.mapping import (
    SNAPSHOT_DATE,
    MappingError,
    MappingFile,
    QuestionSpec,
    map_columns,
    refused_category,
)
from analytics.ingest.messages import Text, render
from analytics.ingest.normalise import normalise_header
from analytics.ingest.readers import ReadError, read_file

UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx", ".parquet")
_UNSAFE = re.compile(r"[^\w\-. ]+", re.UNICODE)


# ---------------------------------------------------------------------------------------------
# Uploaded files


def save_upload(name: str, data: bytes, folder: Path) -> Path:
    """Write an uploaded file under its own name (the importer reports by file name, and a date in
    the name can date a snapshot), in a sub-folder named after its content.

    The same upload always lands on the same path; two different files with one name do not meet.
    Only the last part of the name is used, so a name cannot point outside `folder`.
    """
    safe = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or "upload.csv"
    target = folder / hashlib.sha256(data).hexdigest()[:16] / safe
    if not target.exists() or target.stat().st_size != len(data):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


# ---------------------------------------------------------------------------------------------
# How a file is read and mapped, before anything is imported


def canonical_columns(kind: str) -> tuple[str, ...]:
    """The columns a file of `kind` can feed (the targets a header can be mapped to)."""
    if kind == SNAPSHOT_KIND:
        return (*TABLES["employments"].column_names, SNAPSHOT_DATE)
    return TABLES[kind].column_names


def required_columns(kind: str) -> tuple[str, ...]:
    if kind == SNAPSHOT_KIND:
        return ("employee_id", SNAPSHOT_DATE)
    return TABLES[kind].required


@dataclass(frozen=True)
class Preview:
    """One file as the importer will see it: dialect, kind and the suggested column mapping."""

    path: Path
    source: str  # the file name as reports name it (plus the sheet for Excel)
    rows: int = 0
    dialect: dict[str, str] = field(default_factory=dict)
    headers: tuple[str, ...] = ()
    filled_share: dict[str, float] = field(default_factory=dict)  # header -> share of non-empty
    detected_kind: str | None = None  # what the importer finds on its own
    kind: str | None = None  # the kind the mapping below is for (chosen or detected)
    preset: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # header -> suggested canonical column
    refused: dict[str, Text] = field(default_factory=dict)  # header -> special category
    date_in_name: bool = False
    error: Text | None = None  # why the file cannot be read, or its kind not told
    # When the kind is not told: the kind whose columns the headers match best, and what it lacks.
    nearest_kind: str | None = None
    nearest_missing: tuple[str, ...] = ()
    # A survey export in wide form: its question columns (the importer converts it to the long
    # form; dimensions and scales come from the mapping file's [questions]).
    questions: tuple[str, ...] = ()
    answers_seen: dict[str, tuple[float, float]] = field(default_factory=dict)  # lowest, highest

    def targets(self) -> tuple[str, ...]:
        """The canonical columns a header of this file may be mapped to ("" ignores it)."""
        if self.kind is None:
            return ("",)
        extra = tuple(c for c in self.columns.values() if c in INPUT_ONLY_NUMBERS)
        return ("", *canonical_columns(self.kind), *dict.fromkeys(extra))

    def missing(self, chosen: Mapping[str, str]) -> tuple[str, ...]:
        """Required columns of the kind that no header is mapped to."""
        if self.kind is None:
            return ()
        mapped = set(chosen.values())
        if self.questions:
            mapped |= {"question_id", "score"}  # the question columns give both
            if self.date_in_name:
                mapped.add("wave")
        if self.kind == SNAPSHOT_KIND and self.date_in_name:
            mapped.add(SNAPSHOT_DATE)
        return tuple(c for c in required_columns(self.kind) if c not in mapped)


def preview(path: Path, kind: str | None = None, mapping: MappingFile | None = None) -> Preview:
    """Read a file and map its headers the way `import_files` will (same reader, same mapping)."""
    mapping = mapping or MappingFile()
    try:
        raw = read_file(path, mapping.sheet)
    except (ReadError, OSError, UnicodeDecodeError) as exc:
        return Preview(path, path.name, error=read_problem(exc, path.name))
    height = raw.frame.height
    filled = {
        h: (height - raw.frame[h].null_count()) / height if height else 0.0 for h in raw.headers
    }
    base = Preview(
        path,
        raw.source,
        rows=height,
        dialect=dict(raw.dialect),
        headers=tuple(raw.headers),
        filled_share=filled,
        refused={h: c for h in raw.headers if (c := refused_category(h)) is not None},
        date_in_name=date_from_name(path.name) is not None,
    )
    options = {
        "preset": mapping.preset,
        "overrides": mapping.columns,
        "date_in_file_name": base.date_in_name,
    }
    detected: str | None = None
    error: Text | None = None
    wide = survey_wide.detect(raw, kind or mapping.kind, mapping, base.date_in_name)
    try:
        detected = map_columns(raw.headers, kind=mapping.kind, **options).kind
    except MappingError as exc:
        error = exc.text
    if wide is not None:
        detected, error = survey_wide.KIND, None
        seen = {h: r for h in wide.questions if (r := _answer_range(raw.frame[h])) is not None}
        base = _replace(base, questions=wide.questions, answers_seen=seen)
    wanted = kind or detected
    if (
        wide is None
        and (kind or mapping.kind) is None
        and survey_wide.detect(raw, None, mapping, wave_in_name=True) is not None
    ):
        # A wide survey export but for its wave (no column, no date in the name): whatever else
        # its headers resemble (an 'Afdeling' column alone reads as org units), propose a survey.
        return _replace(base, nearest_kind=survey_wide.KIND, nearest_missing=("wave",))
    if wanted is None:
        nearest, lacking = _nearest(raw.headers, mapping, base.date_in_name)
        return _replace(base, error=error, nearest_kind=nearest, nearest_missing=lacking)
    try:
        result = map_columns(raw.headers, kind=wanted, **options)
    except MappingError as exc:
        return _replace(base, detected_kind=detected, error=exc.text)
    return _replace(
        base,
        detected_kind=detected,
        kind=result.kind,
        preset=result.preset,
        columns=dict(result.columns),
        refused=dict(result.refused),
    )


def _nearest(
    headers: list[str], mapping: MappingFile, date_in_name: bool
) -> tuple[str | None, tuple[str, ...]]:
    """The kind that explains the most headers (the detection order breaks ties)."""
    best: tuple[int, str | None, tuple[str, ...]] = (0, None, ())
    for kind in KINDS:
        try:
            found = map_columns(
                headers, kind=kind, preset=mapping.preset, overrides=mapping.columns
            )
        except MappingError:
            continue
        if len(found.columns) > best[0]:
            lacking = tuple(
                c for c in found.missing_required() if not (c == SNAPSHOT_DATE and date_in_name)
            )
            best = (len(found.columns), kind, lacking)
    return best[1], best[2]


def _answer_range(values: pl.Series) -> tuple[float, float] | None:
    numbers = values.drop_nulls().cast(pl.Float64, strict=False).drop_nulls()
    if numbers.len() == 0:
        return None
    return float(numbers.min()), float(numbers.max())  # type: ignore[arg-type]


def _replace(item: Preview, **changes: object) -> Preview:
    from dataclasses import replace

    return replace(item, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# One import from several previews


@dataclass(frozen=True)
class Issue:
    """Something about the chosen mapping, said in words by the page (codes below).

    Problems (the import would not do what was chosen): unreadable, no_kind, conflict, split.
    Warnings (the import reports them itself): duplicate, missing.
    """

    code: str
    file: str
    detail: tuple[tuple[str, str], ...] = ()

    @property
    def blocking(self) -> bool:
        return self.code in ("unreadable", "no_kind", "conflict", "split")

    def get(self, key: str) -> str:
        return dict(self.detail).get(key, "")


@dataclass(frozen=True)
class ImportPlan:
    """The arguments for one `import_files` call, or why it cannot be made."""

    paths: tuple[Path, ...]
    kind: str | None
    mapping: MappingFile
    issues: tuple[Issue, ...] = ()

    @property
    def problems(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.blocking)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.blocking)

    @property
    def ready(self) -> bool:
        return bool(self.paths) and not self.problems


def overrides(item: Preview, chosen: Mapping[str, str]) -> dict[str, str]:
    """The choices that differ from the suggestions: header -> canonical column ("" = ignore)."""
    return {
        header: target
        for header, target in chosen.items()
        if header not in item.refused and target != item.columns.get(header, "")
    }


def plan_import(
    previews: Sequence[Preview],
    chosen: Sequence[Mapping[str, str]],
    base: MappingFile | None = None,
    date_order: str | None = None,
) -> ImportPlan:
    """Merge the per-file choices into one mapping file for one transaction.

    A mapping file maps headers for every file at once, and `kind` applies to every file: so a
    header must be mapped the same way in every file, and files of different kinds must be told
    apart by their headers as the importer detects them.
    """
    base = base or MappingFile()
    issues: list[Issue] = []
    merged: dict[str, str] = dict(base.columns)
    owner: dict[str, tuple[str, str]] = {}
    for item, choice in zip(previews, chosen, strict=True):
        if not item.headers:
            issues.append(Issue("unreadable", item.source, (("reason", item.error or ""),)))
            continue
        if item.kind is None:
            issues.append(Issue("no_kind", item.source))
            continue
        for header, target in overrides(item, choice).items():
            if header in owner and owner[header][1] != target:
                issues.append(
                    Issue(
                        "conflict",
                        item.source,
                        (("header", header), ("other_file", owner[header][0])),
                    )
                )
                continue
            owner[header] = (item.source, target)
            merged[header] = target
        targets = [t for h, t in choice.items() if t and h not in item.refused]
        for target in sorted({t for t in targets if targets.count(t) > 1}):
            headers = ", ".join(repr(h) for h, t in choice.items() if t == target)
            issues.append(
                Issue("duplicate", item.source, (("headers", headers), ("column", target)))
            )
        missing = item.missing({h: t for h, t in choice.items() if t})
        if item.questions and base.wave:
            missing = tuple(c for c in missing if c != "wave")  # the wave given on the page
        if missing:
            issues.append(Issue("missing", item.source, (("columns", ", ".join(missing)),)))
    mapping = MappingFile(
        preset=base.preset,
        date_order=date_order or base.date_order,
        sheet=base.sheet,
        columns=merged,
        values=base.values,
        wave=base.wave,
        questions=base.questions,
    )
    kinds = {item.kind for item in previews if item.kind}
    kind = kinds.pop() if len(kinds) == 1 else None
    if kind is None and not any(i.blocking for i in issues):
        for item in previews:
            try:
                found: str | None = map_columns(
                    list(item.headers),
                    preset=base.preset,
                    overrides=merged,
                    date_in_file_name=item.date_in_name,
                ).kind
            except MappingError:
                found = None
            if item.questions:
                found = survey_wide.KIND  # told by its answers, not its headers
            if found != item.kind:
                issues.append(Issue("split", item.source, (("kind", item.kind or ""),)))
    return ImportPlan(tuple(item.path for item in previews), kind, mapping, tuple(issues))


# ---------------------------------------------------------------------------------------------
# The questions of a wide survey export, as the Data page proposes them

SCALE_TOPS = (5, 7, 10)  # the usual highest answers; answers seen up to 6 suggest 1–7


@dataclass(frozen=True)
class ProposedQuestion:
    """A question column with what the importer would take for it, and where that comes from:
    `dimension_from` "mapping" or "enps" (a 0–10 question asking to recommend), `scale_from`
    "mapping", "header" ("(0-10)") or "answers" (a guess from the answers seen: check it)."""

    header: str
    question_id: str
    dimension: str | None
    scale: tuple[int, int] | None
    seen: tuple[float, float] | None
    dimension_from: str | None = None
    scale_from: str | None = None


def scale_from_answers(low: float, high: float) -> tuple[int, int]:
    """The smallest usual scale that holds the answers seen: from 0 when someone answered 0,
    else from 1; up to 5, 7 or 10."""
    top = next((t for t in SCALE_TOPS if high <= t), SCALE_TOPS[-1])
    return (0 if low < 1 else 1), top


def propose_questions(item: Preview, mapping: MappingFile) -> tuple[ProposedQuestion, ...]:
    """Each question column of a wide export with its id, dimension and scale as far as the
    mapping file, the header and the answers tell them (the importer's own rules first)."""
    listed = {normalise_header(h): spec for h, spec in mapping.questions.items()}
    proposed = []
    for header in item.questions:
        spec = listed.get(normalise_header(header)) or QuestionSpec()
        seen = item.answers_seen.get(header)
        scale, scale_from = spec.scale, "mapping" if spec.scale else None
        if scale is None and (scale := survey_wide.scale_in_header(header)) is not None:
            scale_from = "header"
        if scale is None and seen is not None:
            scale, scale_from = scale_from_answers(*seen), "answers"
        dimension, dimension_from = spec.dimension, "mapping" if spec.dimension else None
        recommends = survey_wide.asks_to_recommend(header)
        if dimension is None and scale == (0, 10) and recommends:
            dimension, dimension_from = survey_wide.ENPS, "enps"
        proposed.append(
            ProposedQuestion(
                header,
                spec.id or survey_wide.question_id_from(header),
                dimension,
                scale,
                seen,
                dimension_from,
                scale_from,
            )
        )
    return tuple(proposed)


def with_questions(
    base: MappingFile,
    questions: Mapping[str, QuestionSpec],
    ignored: Sequence[str] = (),
    wave: date | None = None,
) -> MappingFile:
    """`base` with the page's choices for wide exports: the questions (replacing what `base`
    says for the same headers), the columns that are no question ignored, and the wave."""
    chosen = {normalise_header(h) for h in (*questions, *ignored)}
    kept = {h: s for h, s in base.questions.items() if normalise_header(h) not in chosen}
    return MappingFile(
        path=base.path,
        kind=base.kind,
        preset=base.preset,
        date_order=base.date_order,
        sheet=base.sheet,
        columns={**base.columns, **dict.fromkeys(ignored, "")},
        values=base.values,
        wave=wave or base.wave,
        questions={**kept, **questions},
    )


def stored_dimensions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The dimensions of the questions already stored."""
    rows = con.sql(
        "SELECT DISTINCT dimension FROM survey_questions WHERE dimension IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [str(r[0]) for r in rows]


def mapping_to_save(plan: ImportPlan, previews: Sequence[Preview]) -> MappingFile:
    """What a saved mapping keeps: the column choices, the date order and what a saved mapping
    in use added; the kind only when the user chose one the importer did not detect."""
    chosen_kind = plan.kind if any(p.kind != p.detected_kind for p in previews) else None
    return MappingFile(
        kind=chosen_kind,
        preset=plan.mapping.preset,
        date_order=plan.mapping.date_order,
        sheet=plan.mapping.sheet,
        columns=dict(plan.mapping.columns),
        values=plan.mapping.values,
        wave=plan.mapping.wave,
        questions=plan.mapping.questions,
    )


def discard(paths: Sequence[Path], folder: Path) -> None:
    """Remove uploaded files (and what the importer wrote beside them) once they are loaded."""
    for path in paths:
        parent = path.parent
        if parent.parent == folder and parent.is_dir():
            shutil.rmtree(parent, ignore_errors=True)


def discard_older(folder: Path, hours: float = 24.0) -> None:
    """Uploads that were never loaded do not stay around: remove those older than `hours`."""
    import time

    if not folder.is_dir():
        return
    cutoff = time.time() - hours * 3600
    for child in folder.iterdir():
        with contextlib.suppress(OSError):
            if child.is_dir() and child.stat().st_mtime < cutoff:
                shutil.rmtree(child, ignore_errors=True)


def check_import(
    plan: ImportPlan,
    db: Path | str | None = None,
    *,
    keep_valid: bool = False,
    replace: bool = False,
    language: str = "en",
) -> ImportReport:
    """The full import report without changing anything: the import runs on a copy of the store,
    which is thrown away afterwards."""
    files = store.StoreFiles.resolve(db)
    with tempfile.TemporaryDirectory(prefix="koers-check-") as folder:
        copy = Path(folder) / files.path.name
        if files.path.exists():
            shutil.copyfile(files.path, copy)
        return import_files(
            plan.paths,
            db=copy,
            kind=plan.kind,
            mapping_file=plan.mapping,
            keep_valid=keep_valid,
            replace=replace,
            language=language,
        )


def run_import(
    plan: ImportPlan,
    db: Path | str | None = None,
    *,
    keep_valid: bool = False,
    replace: bool = False,
    language: str = "en",
    user: str | None = None,
) -> ImportReport:
    """The import itself, into the store (one transaction; the report says what happened).
    `language` is that of the messages in the rejects files; `user` is who the import log names."""
    return import_files(
        plan.paths,
        db=db,
        kind=plan.kind,
        mapping_file=plan.mapping,
        keep_valid=keep_valid,
        replace=replace,
        language=language,
        user=user,
    )


def error_rows(report: ImportReport, language: str = "en", surface: str = "cli") -> pl.DataFrame:
    """One row per error: file, spreadsheet row, the user's column header, the value as typed and
    what was expected (in `language`, hints for `surface`)."""
    rows = [
        (e.file, e.row, e.column, e.value, render(e.expected, language, surface))
        for e in report.errors
    ]
    return pl.DataFrame(
        rows,
        schema={
            "file": pl.String,
            "row": pl.Int64,
            "column": pl.String,
            "value": pl.String,
            "expected": pl.String,
        },
        orient="row",
    )


def file_rows(report: ImportReport, language: str = "en", surface: str = "cli") -> pl.DataFrame:
    """One row per file: its kind, its row counts and the notes of the report (in `language`,
    hints for `surface`)."""
    return pl.DataFrame(
        [
            (
                f.file,
                f.kind,
                f.rows_read,
                f.rows_loaded,
                f.rows_rejected,
                "; ".join(render(note, language, surface) for note in f.notes),
            )
            for f in report.files
        ],
        schema={
            "file": pl.String,
            "kind": pl.String,
            "rows_read": pl.Int64,
            "rows_loaded": pl.Int64,
            "rows_rejected": pl.Int64,
            "notes": pl.String,
        },
        orient="row",
    )


# ---------------------------------------------------------------------------------------------
# Saved mapping files (the TOML format of MappingFile.load)


def mappings_folder(db: Path | str | None = None) -> Path:
    """Saved mappings live next to the store: <store folder>/mappings."""
    return store.StoreFiles.resolve(db).path.parent / "mappings"


def saved_mappings(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"), key=lambda p: p.stem.lower()) if folder.is_dir() else []


def _toml_string(text: str) -> str:
    # A JSON string without ASCII escaping is a valid TOML basic string (both escape \" \\ and
    # control characters as \uXXXX).
    return json.dumps(text, ensure_ascii=False)


def mapping_toml(mapping: MappingFile) -> str:
    """A mapping file as TOML, readable again by `MappingFile.load`."""
    lines = ["# Koers mapping file (see MappingFile.load)"]
    for key in ("kind", "preset", "date_order", "sheet"):
        value = getattr(mapping, key)
        if value:
            lines.append(f"{key} = {_toml_string(value)}")
    if mapping.columns:
        lines += ["", "[columns]"]
        lines += [f"{_toml_string(h)} = {_toml_string(t)}" for h, t in mapping.columns.items()]
    for column, table in mapping.values.items():
        lines += ["", f"[values.{_toml_string(column)}]"]
        lines += [f"{_toml_string(k)} = {_toml_string(v)}" for k, v in table.items()]
    if mapping.wave:
        # A bare key after a table would belong to it: the wave goes before the first table.
        lines.insert(1, f"wave = {mapping.wave.isoformat()}")
    for header, spec in mapping.questions.items():
        lines += ["", f"[questions.{_toml_string(header)}]"]
        if spec.id:
            lines.append(f"id = {_toml_string(spec.id)}")
        if spec.dimension:
            lines.append(f"dimension = {_toml_string(spec.dimension)}")
        if spec.scale:
            lines.append(f"scale = [{spec.scale[0]}, {spec.scale[1]}]")
    return "\n".join(lines) + "\n"


def mapping_name(name: str) -> str:
    """A file name for a mapping from what the user typed ('' when nothing usable is left)."""
    return _UNSAFE.sub("_", name).strip(" ._")[:80]


def save_mapping(folder: Path, name: str, mapping: MappingFile) -> Path:
    """Write a mapping file (replacing one of the same name) and check that it reads back."""
    stem = mapping_name(name)
    if not stem:
        raise ValueError(Text("mapping_needs_name"))
    mapping.check()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.toml"
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_text(mapping_toml(mapping), encoding="utf-8")
    MappingFile.load(temp)  # never leave a file behind that the importer cannot read
    temp.replace(target)
    return target


# ---------------------------------------------------------------------------------------------
# Import history and rollback

_HISTORY = """
SELECT import_id, data_version, file_name, kind, rows_read, rows_loaded, rows_rejected,
       replaced, imported_at, imported_by
FROM import_log
ORDER BY import_id DESC
"""


def import_history(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The import log, newest first: one row per imported file."""
    return con.sql(_HISTORY).pl()


def _import_ids(path: Path) -> set[int]:
    con = duckdb.connect(":memory:")
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS kept (READ_ONLY)")  # a kept version, never user input
        return {int(r[0]) for r in con.sql("SELECT import_id FROM kept.import_log").fetchall()}
    finally:
        con.close()


def undone_by_rollback(
    con: duckdb.DuckDBPyConnection, db: Path | str | None = None
) -> pl.DataFrame | None:
    """The imports a rollback would take out (rows of the current import log that the newest kept
    version does not have); None when there is no earlier version to go back to."""
    versions = store.StoreFiles.resolve(db).versions()
    if not versions:
        return None
    try:
        kept = _import_ids(versions[-1])
    except duckdb.Error:
        return None
    history = import_history(con)
    return history.filter(~pl.col("import_id").is_in(sorted(kept)))


def rollback(db: Path | str | None = None) -> int:
    """Put the newest kept version back (see store.rollback); returns the new data version."""
    return store.rollback(db)
