"""Survey exports in wide form: one row per respondent, one column per question.

Survey tools (SurveyMonkey, Microsoft Forms, Qualtrics, Effectory) export answers this way, with
the question text as the header. Such a file is recognised by the survey's identifying columns
(wave, department, optionally respondent and the demographic bands) plus columns whose answers
are all small whole numbers, and converted into the long form of the data contract: one
survey_responses row per respondent × answered question, and the survey_questions rows built from
the headers. A question's dimension and scale come from the mapping file ([questions."<header>"]);
the scale may also be read from the header ("(0-10)"), and a 0–10 question asking whether one
would recommend the organisation is taken as the eNPS question. Both are said in the report; a
question whose dimension or scale is still unknown stops the import with a message naming what to
add. An empty cell is no answer, never a zero.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from analytics.ingest.convert import ROW, Converted, RowError, convert
from analytics.ingest.mapping import ColumnMapping, MappingError, MappingFile, map_columns
from analytics.ingest.messages import Text
from analytics.ingest.normalise import normalise_header, strip_accents
from analytics.ingest.parse import detect_number_style, parse_numbers
from analytics.ingest.readers import RawTable

KIND = "survey_responses"  # the table a wide export feeds (with survey_questions)
IDENTIFYING = ("wave", "respondent_id", "department", "gender", "age_band", "tenure_band")
ENPS = "enps"
MIN_QUESTIONS = 2  # fewer small-number columns beside department and wave is not a survey export
_SMALL_WHOLE = r"^(?:10|\d)(?:\.0+)?$"  # 0…10, also as Excel writes it (4.0)
_ID_LENGTH = 40
# "(0-10)", "0 – 10", "1 t/m 5", "1 tot 5", "1 to 7" in a header states the scale.
_SCALE_IN_HEADER = re.compile(
    r"(?<!\d)([01])\s*(?:-|–|—|t/m|tot en met|tot|to)\s*(4|5|6|7|10)(?!\d)"
)
# Wording of the recommend question (NL/EN): aanbevelen, aanbeveelt, aanraden, aangeraden, …
_RECOMMEND = re.compile(r"aanbe(?:vel|veel|vol)|aan(?:ge)?ra(?:de|ad)|recommend")


@dataclass(frozen=True)
class Question:
    """One question column as it will be stored."""

    header: str
    question_id: str
    dimension: str
    scale_min: int
    scale_max: int


@dataclass(frozen=True)
class Layout:
    """How one wide export's columns are read."""

    identifying: dict[str, str]  # header -> canonical column of survey_responses
    questions: tuple[str, ...]  # headers holding answers
    unmatched: tuple[str, ...] = ()  # neither identifying nor answers: listed, not stored
    refused: dict[str, Text] = field(default_factory=dict)


@dataclass
class Wide:
    """A converted wide export: the long answers (as `Converted`) and its questions."""

    converted: Converted
    questions: pl.DataFrame  # survey_questions columns + ROW (null: no spreadsheet row)
    rows_answered: int  # spreadsheet rows with at least one answer cell


def question_id_from(header: str) -> str:
    """A stable id for a question from its header: the words joined by '_', lower case; a long
    header is cut and gets a short hash of the whole, so two long headers stay apart."""
    slug = "_".join(re.findall(r"[0-9a-z]+", strip_accents(header).casefold()))
    if slug and len(slug) <= _ID_LENGTH:
        return slug
    digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:6]
    return f"{slug[: _ID_LENGTH - 7].rstrip('_')}_{digest}" if slug else f"q_{digest}"


def scale_in_header(header: str) -> tuple[int, int] | None:
    found = _SCALE_IN_HEADER.findall(strip_accents(header).casefold())
    if not found:
        return None
    low, high = found[-1]  # the range usually closes the header
    return int(low), int(high)


def asks_to_recommend(header: str) -> bool:
    return bool(_RECOMMEND.search(strip_accents(header).casefold()))


def _listed(mapping_file: MappingFile) -> dict[str, str]:
    """normalised header -> the header as the mapping file writes it."""
    return {normalise_header(h): h for h in mapping_file.questions}


def _small_whole_numbers(values: pl.Series) -> bool:
    present = values.drop_nulls()
    return present.len() > 0 and bool(present.str.contains(_SMALL_WHOLE).all())


def detect(
    raw: RawTable, kind: str | None, mapping_file: MappingFile, wave_in_name: bool
) -> Layout | None:
    """The wide layout of this file, or None when it is not a wide survey export.

    A file is one when the mapping file lists any of its headers under [questions], or when
    (kind not forced to another table) it has a department, no employee number (surveys are
    anonymous), and at least two other columns whose answers are all whole numbers from 0 to 10.
    Its wave comes from a column, `wave` in the mapping file or a date in the file name; without
    one the import says so. A file with both a question and a score column is the long form.
    """
    if kind not in (None, KIND):
        return None
    headers = raw.headers
    try:
        mapped = map_columns(headers, kind=KIND, overrides=mapping_file.columns)
    except MappingError:
        return None
    targets = set(mapped.columns.values())
    if {"question_id", "score"} <= targets:
        return None
    identifying = {h: c for h, c in mapped.columns.items() if c in IDENTIFYING}
    ignored = {normalise_header(h) for h, target in mapping_file.columns.items() if not target}
    listed = _listed(mapping_file)
    candidates = [
        h
        for h in headers
        if h not in identifying and h not in mapped.refused and normalise_header(h) not in ignored
    ]
    named = [h for h in candidates if normalise_header(h) in listed]
    if not named and kind is None:
        # The headers first: the values are only looked at in a file that could be a survey. A
        # missing wave does not make it another kind: it is reported (department and answers
        # alone would otherwise read as org units).
        if "department" not in identifying.values():
            return None
        employments = map_columns(headers, kind="employments", overrides=mapping_file.columns)
        if "employee_id" in employments.columns.values():
            return None
    scored = [h for h in candidates if h not in named and _small_whole_numbers(raw.frame[h])]
    if not named and len(scored) < (MIN_QUESTIONS if kind is None else 1):
        return None
    questions = tuple(h for h in candidates if h in named or h in scored)
    return Layout(
        identifying=identifying,
        questions=questions,
        unmatched=tuple(h for h in candidates if h not in questions),
        refused=dict(mapped.refused),
    )


def _toml_key(header: str) -> str:
    escaped = header.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _define(
    raw: RawTable, layout: Layout, mapping_file: MappingFile
) -> tuple[list[Question], list[RowError], list[Text]]:
    """Each question column's id, dimension and scale, or one error per column naming what to
    add to the mapping file."""
    listed = _listed(mapping_file)
    questions: list[Question] = []
    errors: list[RowError] = []
    notes: list[Text] = []
    for header in layout.questions:
        spec = mapping_file.questions.get(listed.get(normalise_header(header), ""))
        question_id = (spec.id if spec else None) or question_id_from(header)
        scale = spec.scale if spec else None
        if scale is None and (scale := scale_in_header(header)) is not None:
            notes.append(Text("note_survey_scale_from_header", header=header, low=scale[0],
                              high=scale[1]))  # fmt: skip
        dimension = spec.dimension if spec else None
        if dimension is None and scale == (0, 10) and asks_to_recommend(header):
            dimension = ENPS
            notes.append(Text("note_survey_enps_recognised", header=header))
        if dimension is None or scale is None:
            key = "survey_no_dimension_scale"
            if dimension is not None:
                key = "survey_no_scale"
            elif scale is not None:
                key = "survey_no_dimension"
            errors.append(
                RowError(raw.source, None, header, None,
                         Text(key, key_name=_toml_key(header), seen=_seen(raw.frame[header])))
            )  # fmt: skip
            continue
        questions.append(Question(header, question_id, dimension, scale[0], scale[1]))
    by_id: dict[str, str] = {}
    for question in questions:
        other = by_id.setdefault(question.question_id, question.header)
        if other != question.header:
            errors.append(
                RowError(raw.source, None, question.header, None,
                         Text("survey_id_taken", id=question.question_id, other=other))
            )  # fmt: skip
    return questions, errors, notes


def _seen(values: pl.Series) -> Text:
    """What the answers in a column run from and to, to help choose the scale."""
    numbers = values.drop_nulls().cast(pl.Float64, strict=False).drop_nulls()
    if numbers.len() == 0:
        return Text("survey_seen_none")
    low, high = numbers.min(), numbers.max()
    return Text("survey_seen", low=f"{low:g}", high=f"{high:g}")  # type: ignore[str-format]


def convert_wide(
    raw: RawTable,
    layout: Layout,
    mapping_file: MappingFile,
    *,
    wave_from_name: date | None,
    today: date,
) -> tuple[Wide | None, list[RowError]]:
    """Wide → long. Whole-file problems (a question without dimension or scale, no wave) come
    back without a result; cell problems come back with it (the rows they are on are refused)."""
    questions, errors, notes = _define(raw, layout, mapping_file)
    wave: date | None = None
    if "wave" not in layout.identifying.values():
        wave = mapping_file.wave or wave_from_name
        if wave is None:
            errors.append(RowError(raw.source, None, None, None, Text("survey_no_wave")))
        elif mapping_file.wave:
            notes.append(Text("note_survey_wave_given", date=wave))
        else:
            notes.append(Text("note_survey_wave_from_name", date=wave))
    if errors:
        return None, errors

    # The identifying columns convert as those of a long-form file (dates, gender values, …).
    identifying = convert(
        raw,
        ColumnMapping(KIND, dict(layout.identifying)),
        today=today,
        date_order=mapping_file.date_order,
        value_overrides={k: dict(v) for k, v in mapping_file.values.items()},
    )
    if any(e.row is None for e in identifying.errors):
        return None, [*errors, *identifying.errors]

    cells = raw.frame.with_row_index(ROW, offset=raw.first_row).with_columns(
        pl.col(ROW).cast(pl.Int64)
    )
    prefer_comma = raw.dialect.get("delimiter") == "semicolon" and not raw.native_types
    pieces = []
    for question in questions:
        column = cells[question.header]
        score = parse_numbers(pl.col("raw"), detect_number_style(column, prefer_comma))
        piece = (
            cells.select(ROW, pl.col(question.header).alias("raw"))
            .filter(pl.col("raw").is_not_null())  # an empty cell is no answer, not a zero
            .with_columns(score=score, question_id=pl.lit(question.question_id))
        )
        bad = piece.filter(
            pl.col("score").is_null()
            | (pl.col("score") < question.scale_min)
            | (pl.col("score") > question.scale_max)
        )
        expected = Text("score_out_of_scale", minimum=question.scale_min,
                        maximum=question.scale_max)  # fmt: skip
        errors.extend(
            RowError(raw.source, row, question.header, value, expected)
            for row, value in bad.select(ROW, "raw").iter_rows()
        )
        pieces.append(piece.select(ROW, "question_id", "score"))
    empty = pl.DataFrame(schema={ROW: pl.Int64, "question_id": pl.String, "score": pl.Float64})
    answers = pl.concat([empty, *pieces]).sort(ROW, maintain_order=True)
    answered = answers[ROW].unique()
    # A row without answers loads nothing, so what is wrong in its other cells does not matter.
    rows = set(answered.to_list())
    errors.extend(e for e in identifying.errors if e.row in rows)
    people = identifying.frame
    long = answers.join(people, on=ROW, how="left")
    if wave is not None:
        long = long.with_columns(wave=pl.lit(wave, dtype=pl.Date))
    cells_total = answered.len() * len(questions)
    notes.insert(
        0,
        Text(
            "note_survey_wide",
            questions=len(questions),
            respondents=answered.len(),
            answers=answers.height,
        ),
    )
    if answers.height < cells_total:
        notes.append(Text("note_survey_empty_cells", count=cells_total - answers.height))
    silent = people.filter(~pl.col(ROW).is_in(answered.implode())).height
    if silent:
        notes.append(Text("note_survey_no_answers", count=silent))
    blank = raw.frame.height - answered.len() - silent
    if blank:
        notes.append(Text("note_empty_rows", count=blank))
    for question in questions:
        notes.append(
            Text(
                "note_survey_question",
                header=question.header,
                id=question.question_id,
                dimension=question.dimension,
                low=question.scale_min,
                high=question.scale_max,
            )
        )
    table = pl.DataFrame(
        {
            "question_id": [q.question_id for q in questions],
            "text": [q.header for q in questions],
            "dimension": [q.dimension for q in questions],
            "scale_min": [q.scale_min for q in questions],
            "scale_max": [q.scale_max for q in questions],
        },
        schema={"question_id": pl.String, "text": pl.String, "dimension": pl.String,
                "scale_min": pl.Int64, "scale_max": pl.Int64},
    ).with_columns(pl.lit(None, dtype=pl.Int64).alias(ROW))  # fmt: skip
    converted = Converted(
        KIND,
        long,
        dict(identifying.source_of),
        errors=errors,
        notes=[*identifying.notes, *notes],
        date_order=identifying.date_order,
    )
    return Wide(converted, table, answered.len()), errors


def stored_conflicts(
    stored: Mapping[str, tuple[str | None, int | None, int | None]],
    new: pl.DataFrame,
) -> tuple[pl.DataFrame, list[tuple[str, str, Text]]]:
    """The new questions (with `_file`) less those already defined the same way (in the store or
    an earlier file of this import), and (file, header, message) for each defined differently."""
    known = dict(stored)
    keep: list[bool] = []
    conflicts: list[tuple[str, str, Text]] = []
    for question_id, text, dimension, low, high, file in new.select(
        "question_id", "text", "dimension", "scale_min", "scale_max", "_file"
    ).iter_rows():
        before = known.get(question_id)
        if before is None:
            known[question_id] = (dimension, low, high)
            keep.append(True)
            continue
        keep.append(False)
        if before != (dimension, low, high):
            message = Text(
                "survey_question_defined",
                id=question_id,
                dimension=before[0] or "",
                low=before[1] if before[1] is not None else "",
                high=before[2] if before[2] is not None else "",
            )
            conflicts.append((file, text, message))
    return new.filter(pl.Series(keep, dtype=pl.Boolean)), conflicts
