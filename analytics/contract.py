"""The canonical HR data model (see the data contract): tables, columns, types and allowed values.

Everything else (the store's DDL, the importer's mapping and validation, the sample generator's
headers) is derived from these declarations, so a column is named in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ColumnType(StrEnum):
    TEXT = "text"
    DATE = "date"
    DECIMAL = "decimal"
    BOOL = "bool"
    ENUM = "enum"
    INTEGER = "integer"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    allowed: tuple[str, ...] = ()
    description: str = ""
    # Inclusive numeric bounds; `min_exclusive` makes the lower bound strict (0 < fte).
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False

    @property
    def sql_type(self) -> str:
        return {
            ColumnType.TEXT: "VARCHAR",
            ColumnType.ENUM: "VARCHAR",
            ColumnType.DATE: "DATE",
            ColumnType.DECIMAL: "DOUBLE",
            ColumnType.BOOL: "BOOLEAN",
            ColumnType.INTEGER: "BIGINT",
        }[self.type]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    description: str
    # Columns that must be present in an input file for it to feed this table.
    key_columns: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(col.name for col in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(col.name for col in self.columns if col.required)


TERMINATION_TYPES = ("voluntary", "involuntary", "retirement", "end_of_contract", "death", "other")
GENDERS = ("F", "M", "X")
WORK_ARRANGEMENTS = ("on_site", "hybrid", "remote")
CONTRACT_TYPES = ("permanent", "temporary", "flex", "intern")
ABSENCE_TYPES = ("sickness", "pregnancy", "other")

_T = ColumnType

# Attributes that job_history can override for its dates; shared by both tables.
_JOB_ATTRIBUTES = (
    Column("department", _T.TEXT, description="org unit name or code"),
    Column("job_title", _T.TEXT),
    Column("job_family", _T.TEXT),
    Column("grade", _T.TEXT, description="pay scale / level, e.g. CAO schaal"),
    Column("manager_id", _T.TEXT, description="employee_id of the direct manager"),
    Column("location", _T.TEXT, description="site / bedrijfsvestiging"),
    Column("work_arrangement", _T.ENUM, allowed=WORK_ARRANGEMENTS),
    Column("contract_type", _T.ENUM, allowed=CONTRACT_TYPES),
    Column(
        "fte",
        _T.DECIMAL,
        minimum=0.0,
        maximum=1.5,
        min_exclusive=True,
        description="0 < fte <= 1.5",
    ),
    Column("annual_salary", _T.DECIMAL, minimum=0.0, description="gross base pay, euros"),
)

EMPLOYMENTS = Table(
    "employments",
    (
        Column("employee_id", _T.TEXT, required=True),
        Column("name", _T.TEXT, description="display name; shown only where a task needs it"),
        Column("hire_date", _T.DATE, required=True, description="first day of this employment"),
        Column("termination_date", _T.DATE, description="last day of employment (inclusive)"),
        Column("termination_type", _T.ENUM, allowed=TERMINATION_TYPES),
        Column("termination_reason", _T.TEXT),
        Column("regretted", _T.BOOL),
        Column("gender", _T.ENUM, allowed=GENDERS),
        Column("birth_date", _T.DATE, description="a birth year alone is stored as 1 July"),
        *_JOB_ATTRIBUTES[:6],
        Column("province", _T.TEXT),
        *_JOB_ATTRIBUTES[6:],
        Column("annual_bonus", _T.DECIMAL, minimum=0.0, description="variable pay, last 12 months"),
    ),
    "one row per employment period",
    key_columns=("employee_id", "hire_date"),
)

JOB_HISTORY = Table(
    "job_history",
    (
        Column("employee_id", _T.TEXT, required=True),
        Column("valid_from", _T.DATE, required=True),
        Column("valid_to", _T.DATE, description="inclusive; empty = until further notice"),
        *_JOB_ATTRIBUTES,
    ),
    "effective-dated changes that override the employment's attributes for their dates",
    key_columns=("employee_id", "valid_from"),
)

ABSENCES = Table(
    "absences",
    (
        Column("employee_id", _T.TEXT, required=True),
        Column("start_date", _T.DATE, required=True, description="first day of absence"),
        Column("end_date", _T.DATE, description="last day of absence (inclusive); empty = ongoing"),
        Column("absence_type", _T.ENUM, allowed=ABSENCE_TYPES),
        Column(
            "percentage",
            _T.DECIMAL,
            minimum=0.0,
            maximum=100.0,
            min_exclusive=True,
            description="share of the contract absent, default 100",
        ),
        Column("spell_id", _T.TEXT, description="rows of one sickness spell share it"),
    ),
    "sickness and other absence",
    key_columns=("employee_id", "start_date"),
)

ORG_UNITS = Table(
    "org_units",
    (
        Column("unit_id", _T.TEXT, required=True),
        Column("name", _T.TEXT),
        Column("parent_id", _T.TEXT),
        Column("manager_id", _T.TEXT),
    ),
    "organisation hierarchy",
    key_columns=("unit_id", "parent_id"),
)

SURVEY_RESPONSES = Table(
    "survey_responses",
    (
        Column("wave", _T.DATE, required=True, description="date the survey closed"),
        Column("respondent_id", _T.TEXT, description="pseudonymous"),
        Column("department", _T.TEXT),
        Column("gender", _T.ENUM, allowed=GENDERS),
        Column("age_band", _T.TEXT),
        Column("tenure_band", _T.TEXT),
        Column("question_id", _T.TEXT, required=True),
        Column("score", _T.DECIMAL, required=True),
    ),
    "anonymous survey answers, long form (one row per answer)",
    key_columns=("wave", "question_id", "score"),
)

SURVEY_QUESTIONS = Table(
    "survey_questions",
    (
        Column("question_id", _T.TEXT, required=True),
        Column("text", _T.TEXT),
        Column("dimension", _T.TEXT, description="'enps' marks the 0-10 recommend question"),
        Column("scale_min", _T.INTEGER),
        Column("scale_max", _T.INTEGER),
    ),
    "survey questions and their scales",
    key_columns=("question_id", "dimension"),
)

SURVEY_INVITED = Table(
    "survey_invited",
    (
        Column("wave", _T.DATE, required=True),
        Column("department", _T.TEXT, required=True),
        Column("invited", _T.INTEGER, required=True, minimum=0.0),
    ),
    "invited count per department and wave (optional; else headcount on the wave date)",
    key_columns=("wave", "department", "invited"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        EMPLOYMENTS,
        JOB_HISTORY,
        ABSENCES,
        ORG_UNITS,
        SURVEY_RESPONSES,
        SURVEY_QUESTIONS,
        SURVEY_INVITED,
    )
}

# Input kinds: every table, plus the snapshot form that is converted into employments + job_history.
SNAPSHOT_KIND = "snapshots"
KINDS: tuple[str, ...] = (*TABLES, SNAPSHOT_KIND)
