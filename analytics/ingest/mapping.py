"""Column and value mapping: an export's headers and values → the canonical model.

Matching is case-, accent- and space-insensitive against generic Dutch/English synonyms and the
named HRIS presets. A mapping file (TOML) overrides or completes the automatic mapping. Nothing is
guessed silently: the result records every applied mapping for the import report.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analytics.contract import KINDS, SNAPSHOT_KIND, TABLES
from analytics.ingest.messages import Joined, Text, columns_list, kind_name
from analytics.ingest.normalise import normalise_header, normalise_value
from analytics.ingest.presets import PRESETS
from analytics.ingest.synonyms import COLUMN_SYNONYMS, REFUSED_FRAGMENTS, VALUE_SYNONYMS

HOURS_COLUMNS = ("contract_hours", "fulltime_hours")  # input only: they become fte

SNAPSHOT_DATE = "snapshot_date"
# When counts tie, the earlier kind wins: the more specific forms come first.
_KIND_PRIORITY = (
    "employments",
    SNAPSHOT_KIND,
    "absences",
    "job_history",
    "survey_responses",
    "survey_questions",
    "survey_invited",
    "org_units",
)


class MappingError(ValueError):
    """The mapping cannot be made (unknown kind, bad mapping file, required columns missing);
    `text` says why (catalogued)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class QuestionSpec:
    """One question column of a wide survey export, as a mapping file describes it."""

    id: str | None = None  # default: derived from the header (survey_wide.question_id_from)
    dimension: str | None = None
    scale: tuple[int, int] | None = None  # (min, max)


_QUESTION_KEYS = ("id", "dimension", "scale")


def _question_spec(file: str, header: str, data: object) -> QuestionSpec:
    if not isinstance(data, dict):
        raise MappingError(Text("mapping_question_shape", file=file, header=header))
    unknown = sorted(set(data) - set(_QUESTION_KEYS))
    if unknown:
        raise MappingError(
            Text("mapping_question_keys", file=file, header=header, keys=", ".join(unknown))
        )
    question_id, dimension = data.get("id"), data.get("dimension")
    for value in (question_id, dimension):
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise MappingError(Text("mapping_question_shape", file=file, header=header))
    scale = data.get("scale")
    if scale is not None:
        whole = isinstance(scale, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in scale
        )
        if not whole or len(scale) != 2 or scale[0] >= scale[1]:
            raise MappingError(Text("mapping_question_scale", file=file, header=header))
        scale = (scale[0], scale[1])
    return QuestionSpec(
        id=question_id.strip() if question_id else None,
        dimension=dimension.strip() if dimension else None,
        scale=scale,
    )


def _wave(file: str, value: object) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value  # type: ignore[return-value]
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise MappingError(Text("mapping_bad_wave", file=file, wave=str(value))) from exc


@dataclass(frozen=True)
class MappingFile:
    """What a user's TOML mapping file says. Every part is optional."""

    path: Path | None = None
    kind: str | None = None
    preset: str | None = None
    date_order: str | None = None
    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # header -> canonical ("" = ignore)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Wide survey exports: the closing date when the file has no wave column and its name no
    # date, and per question header its id, dimension and scale.
    wave: date | None = None
    questions: Mapping[str, QuestionSpec] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> MappingFile:
        """Read a mapping file:

        ```toml
        kind = "employments"        # optional: which table the files feed
        preset = "afas"             # optional: a named HRIS preset
        date_order = "dmy"          # optional: dmy, mdy or ymd when the dates are ambiguous
        sheet = "Medewerkers"       # optional: the Excel sheet
        wave = 2024-03-31           # optional: a wide survey export's closing date
        [columns]
        "Pers.nr." = "employee_id"  # export header = canonical column ("" ignores the column)
        [values.termination_type]
        "Wederzijds goedvinden" = "involuntary"
        [questions."Ik voel me veilig om fouten toe te geven"]   # a wide export's question column
        id = "PSV01"                # optional: default derived from the header
        dimension = "psychologische_veiligheid"
        scale = [1, 5]
        ```
        """
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise MappingError(Text("mapping_unreadable", file=path.name, reason=str(exc))) from exc
        known = {"kind", "preset", "date_order", "sheet", "columns", "values", "wave", "questions"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise MappingError(
                Text(
                    "mapping_unknown_keys",
                    file=path.name,
                    keys=", ".join(unknown),
                    known=", ".join(sorted(known)),
                )
            )
        columns = data.get("columns", {})
        values = data.get("values", {})
        if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
            raise MappingError(Text("mapping_columns_shape", file=path.name))
        if not isinstance(values, dict) or not all(
            isinstance(v, dict) and all(isinstance(x, str) for x in v.values())
            for v in values.values()
        ):
            raise MappingError(Text("mapping_values_shape", file=path.name))
        questions = data.get("questions", {})
        if not isinstance(questions, dict):
            raise MappingError(Text("mapping_questions_shape", file=path.name))
        mapping = cls(
            path=path,
            kind=data.get("kind"),
            preset=data.get("preset"),
            date_order=data.get("date_order"),
            sheet=data.get("sheet"),
            columns=columns,
            values=values,
            wave=_wave(path.name, data.get("wave")),
            questions={h: _question_spec(path.name, h, q) for h, q in questions.items()},
        )
        mapping.check()
        return mapping

    def check(self) -> None:
        name = self.path.name if self.path else "mapping"
        if self.kind is not None and self.kind not in KINDS:
            raise MappingError(
                Text("mapping_bad_kind", file=name, kind=self.kind, kinds=", ".join(KINDS))
            )
        if self.preset is not None and self.preset not in PRESETS:
            presets = ", ".join(sorted(PRESETS))
            raise MappingError(
                Text("mapping_bad_preset", file=name, preset=self.preset, presets=presets)
            )
        if self.date_order is not None and self.date_order not in ("dmy", "mdy", "ymd"):
            raise MappingError(Text("mapping_bad_date_order", file=name))
        ids: dict[str, str] = {}
        for header, spec in self.questions.items():
            if spec.id and ids.setdefault(spec.id, header) != header:
                raise MappingError(
                    Text("mapping_question_id_twice", file=name, id=spec.id, other=ids[spec.id])
                )
        all_columns = {c for t in TABLES.values() for c in t.column_names} | {SNAPSHOT_DATE}
        for header, target in self.columns.items():
            if target and target not in all_columns:
                raise MappingError(
                    Text("mapping_bad_target", file=name, header=header, target=target)
                )


@dataclass(frozen=True)
class ColumnMapping:
    """How one file's headers map onto one kind."""

    kind: str
    columns: dict[str, str]  # source header -> canonical column
    preset: str | None = None
    unmatched: tuple[str, ...] = ()  # headers that map to nothing (listed, not stored)
    refused: dict[str, Text] = field(default_factory=dict)  # header -> special category
    shadowed: dict[str, str] = field(default_factory=dict)  # header -> header that won its column

    @property
    def canonical_to_source(self) -> dict[str, str]:
        return {canonical: source for source, canonical in self.columns.items()}

    def missing_required(self, kind: str | None = None) -> tuple[str, ...]:
        return _missing_required(kind or self.kind, set(self.columns.values()))


def refused_category(header: str) -> Text | None:
    """The special category a header belongs to, or None. See synonyms.REFUSED_FRAGMENTS."""
    normalised = normalise_header(header)
    for category, fragments in REFUSED_FRAGMENTS.items():
        for fragment in fragments:
            if len(fragment) <= 4:
                if normalised.startswith(fragment):
                    return Text(f"category.{category}")
            elif fragment in normalised:
                return Text(f"category.{category}")
    return None


def _kind_columns(kind: str) -> tuple[str, ...]:
    """The columns a file of `kind` may give: the table's, plus contract and full-time hours for
    files with an fte (the data contract lets those give hours instead)."""
    if kind == SNAPSHOT_KIND:
        return (*TABLES["employments"].column_names, SNAPSHOT_DATE, *HOURS_COLUMNS)
    if kind in ("employments", "job_history"):
        return (*TABLES[kind].column_names, *HOURS_COLUMNS)
    return TABLES[kind].column_names


def _missing_required(kind: str, mapped: set[str]) -> tuple[str, ...]:
    if kind == SNAPSHOT_KIND:
        required: tuple[str, ...] = ("employee_id", SNAPSHOT_DATE)
    else:
        required = TABLES[kind].required
    return tuple(col for col in required if col not in mapped)


def _index(kind: str, preset: str | None) -> dict[str, tuple[str, int]]:
    """normalised name -> (canonical column, rank); lower rank wins a contest for one column."""
    index: dict[str, tuple[str, int]] = {}

    def add(name: str, canonical: str, rank: int) -> None:
        key = normalise_header(name)
        if key and (key not in index or rank < index[key][1]):
            index[key] = (canonical, rank)

    for canonical, names in COLUMN_SYNONYMS.get(kind, {}).items():
        for position, name in enumerate(names):
            add(name, canonical, 100 + position)
    preset_kind = "employments" if kind == SNAPSHOT_KIND else kind
    for key, candidate in PRESETS.items():
        # A chosen preset outranks everything; other presets count as ordinary synonyms.
        rank = 0 if key == preset else 150
        for name, canonical in candidate.columns.get(preset_kind, {}).items():
            add(name, canonical, rank)
    return index


def _map_for_kind(
    headers: list[str], kind: str, preset: str | None, overrides: Mapping[str, str]
) -> ColumnMapping:
    index = _index(kind, preset)
    valid = set(_kind_columns(kind))
    override_by_norm = {normalise_header(h): target for h, target in overrides.items()}
    best: dict[str, tuple[int, str]] = {}  # canonical -> (rank, header)
    shadowed: dict[str, str] = {}
    unmatched: list[str] = []
    refused: dict[str, Text] = {}
    for header in headers:
        category = refused_category(header)
        if category is not None:
            refused[header] = category
            continue
        norm = normalise_header(header)
        if norm in override_by_norm:
            target = override_by_norm[norm]
            if not target or target not in valid:
                unmatched.append(header)
                continue
            hit: tuple[str, int] | None = (target, -1)
        else:
            hit = index.get(norm)
        if hit is None:
            unmatched.append(header)
            continue
        canonical, rank = hit
        if canonical in best:
            other_rank, other_header = best[canonical]
            if rank < other_rank:
                shadowed[other_header] = header
                best[canonical] = (rank, header)
            else:
                shadowed[header] = other_header
            continue
        best[canonical] = (rank, header)
    columns = {header: canonical for canonical, (_, header) in best.items()}
    ordered = {h: columns[h] for h in headers if h in columns}
    return ColumnMapping(
        kind=kind,
        columns=ordered,
        preset=preset,
        unmatched=tuple(unmatched) + tuple(shadowed),
        refused=refused,
        shadowed=shadowed,
    )


def detect_preset(headers: Iterable[str]) -> str | None:
    """The preset that explains this file's headers best, if one stands out.

    Names only that system uses count first ("Hire Date" says nothing about who wrote the file),
    then all its names; at least three headers must match and the winner must beat the runner-up.
    """
    normalised = {normalise_header(h) for h in headers}
    generic = {
        normalise_header(name)
        for columns in COLUMN_SYNONYMS.values()
        for names in columns.values()
        for name in names
    }
    scores = []
    for key, preset in PRESETS.items():
        names = {normalise_header(n) for cols in preset.columns.values() for n in cols}
        hits = names & normalised
        scores.append((len(hits - generic), len(hits), key))
    scores.sort(reverse=True)
    if not scores or scores[0][1] < 3:
        return None
    if len(scores) > 1 and scores[0][:2] == scores[1][:2]:
        return None
    return scores[0][2]


def map_columns(
    headers: list[str],
    kind: str | None = None,
    preset: str | None = None,
    overrides: Mapping[str, str] | None = None,
    date_in_file_name: bool = False,
) -> ColumnMapping:
    """Map a file's headers to the canonical columns of `kind`, or detect the kind.

    Detection takes the kind whose required columns are all present and that matches the most
    headers; a file with a date in its name and no date column can be a snapshot.
    """
    overrides = overrides or {}
    if preset is not None and preset not in PRESETS:
        presets = ", ".join(sorted(PRESETS))
        raise MappingError(Text("unknown_preset", preset=preset, presets=presets))
    if preset is None:
        preset = detect_preset(headers)
    if kind is not None:
        if kind not in KINDS:
            raise MappingError(Text("unknown_kind", kind=kind, kinds=", ".join(KINDS)))
        return _map_for_kind(headers, kind, preset, overrides)

    candidates: list[tuple[int, int, ColumnMapping]] = []
    for priority, candidate in enumerate(_KIND_PRIORITY):
        mapping = _map_for_kind(headers, candidate, preset, overrides)
        mapped = set(mapping.columns.values())
        if candidate == SNAPSHOT_KIND and date_in_file_name:
            mapped.add(SNAPSHOT_DATE)
        if not _missing_required(candidate, mapped):
            candidates.append((len(mapping.columns), -priority, mapping))
    if not candidates:
        raise MappingError(_no_kind_message(headers, preset, overrides))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return candidates[0][2]


def _no_kind_message(headers: list[str], preset: str | None, overrides: Mapping[str, str]) -> Text:
    """Explain, for the two most likely kinds, which required columns were not found."""
    scored = []
    for candidate in _KIND_PRIORITY:
        mapping = _map_for_kind(headers, candidate, preset, overrides)
        scored.append((len(mapping.columns), candidate, mapping))
    scored.sort(key=lambda s: s[0], reverse=True)
    candidates = tuple(
        Text(
            "no_kind_candidate",
            kind=kind_name(candidate),
            missing=columns_list(mapping.missing_required()),
        )
        for _, candidate, mapping in scored[:2]
    )
    return Text("no_kind", candidates=Joined(candidates, "\n"))


def value_lookup(column: str, preset: str | None, overrides: Mapping[str, str] | None = None):
    """normalised export value -> canonical value for an enum or bool column.

    Order of strength: the mapping file, the chosen preset, the generic synonyms, other presets.
    """
    lookup: dict[str, str] = {}
    for key, candidate in PRESETS.items():
        if key != preset:
            for raw, target in candidate.values.get(column, {}).items():
                lookup.setdefault(normalise_value(raw), target)
    for target, names in VALUE_SYNONYMS.get(column, {}).items():
        for name in names:
            lookup[normalise_value(name)] = target
    if preset is not None:
        for raw, target in PRESETS[preset].values.get(column, {}).items():
            lookup[normalise_value(raw)] = target
    for raw, target in (overrides or {}).items():
        lookup[normalise_value(raw)] = target
    return lookup
