"""Streamlit-side parts of the data page: labels for kinds and columns, cached previews, the
column-mapping editor, the question table of wide survey exports, the import report, the history
table and the completeness heatmap."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from analytics import quality
from analytics.ingest import uploads
from analytics.ingest.load import ImportReport
from analytics.ingest.mapping import MappingFile, QuestionSpec
from analytics.ingest.messages import render
from analytics.ingest.readers import dialect_parts
from ui import cached, charts, fmt
from ui.components import downloads
from ui.data import connection
from ui.i18n import SURVEY_DIMENSIONS, language, pick, survey_dimension

# Uploads are written here under their own names (the importer reads files by path).
UPLOAD_FOLDER = Path(tempfile.gettempdir()) / "koers-uploads"

KIND_LABELS: dict[str, tuple[str, str]] = {
    "employments": ("Medewerkers (dienstverbanden)", "Employees (employments)"),
    "job_history": ("Functiehistorie", "Job history"),
    "absences": ("Verzuim", "Absence"),
    "org_units": ("Organisatie-eenheden", "Organisational units"),
    "survey_responses": ("Enquête-antwoorden", "Survey answers"),
    "survey_questions": ("Enquêtevragen", "Survey questions"),
    "survey_invited": ("Enquête: uitgenodigden", "Survey: invited"),
    "snapshots": ("Standen op een peildatum", "Snapshots on a date"),
}

# Table names short enough to stand side by side above the heatmap.
SHORT_TABLE_LABELS: dict[str, tuple[str, str]] = {
    "employments": ("Medewerkers", "Employees"),
    "job_history": ("Functiehistorie", "Job history"),
    "absences": ("Verzuim", "Absence"),
    "org_units": ("Eenheden", "Units"),
    "survey_responses": ("Enquête-antwoorden", "Survey answers"),
    "survey_questions": ("Enquêtevragen", "Survey questions"),
    "survey_invited": ("Uitgenodigden", "Invited"),
}

COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "employee_id": ("Personeelsnummer", "Employee ID"),
    "name": ("Naam", "Name"),
    "hire_date": ("Datum in dienst", "Hire date"),
    "termination_date": ("Datum uit dienst", "Termination date"),
    "termination_type": ("Soort uitdiensttreding", "Termination type"),
    "termination_reason": ("Reden uit dienst", "Termination reason"),
    "regretted": ("Betreurd vertrek", "Regretted leaver"),
    "gender": ("Geslacht", "Gender"),
    "birth_date": ("Geboortedatum", "Birth date"),
    "department": ("Afdeling", "Department"),
    "job_title": ("Functie", "Job title"),
    "job_family": ("Functiegroep", "Job family"),
    "grade": ("Schaal", "Grade"),
    "manager_id": ("Leidinggevende (nummer)", "Manager ID"),
    "location": ("Vestiging", "Location"),
    "province": ("Provincie", "Province"),
    "work_arrangement": ("Werkplek", "Work arrangement"),
    "contract_type": ("Soort contract", "Contract type"),
    "fte": ("FTE", "FTE"),
    "annual_salary": ("Bruto jaarsalaris", "Annual salary"),
    "annual_bonus": ("Variabele beloning", "Annual bonus"),
    "valid_from": ("Geldig vanaf", "Valid from"),
    "valid_to": ("Geldig tot en met", "Valid to"),
    "start_date": ("Begindatum", "Start date"),
    "end_date": ("Einddatum", "End date"),
    "absence_type": ("Soort verzuim", "Absence type"),
    "percentage": ("Verzuimpercentage", "Percentage absent"),
    "spell_id": ("Verzuimmelding", "Spell ID"),
    "unit_id": ("Eenheid", "Unit ID"),
    "parent_id": ("Bovenliggende eenheid", "Parent unit"),
    "wave": ("Enquêtedatum", "Survey wave"),
    "respondent_id": ("Respondent", "Respondent"),
    "age_band": ("Leeftijdsklasse", "Age band"),
    "tenure_band": ("Diensttijdklasse", "Tenure band"),
    "question_id": ("Vraagcode", "Question ID"),
    "score": ("Score", "Score"),
    "text": ("Vraagtekst", "Question text"),
    "dimension": ("Dimensie", "Dimension"),
    "scale_min": ("Laagste score", "Scale minimum"),
    "scale_max": ("Hoogste score", "Scale maximum"),
    "invited": ("Uitgenodigd", "Invited"),
    "snapshot_date": ("Peildatum", "Snapshot date"),
    "contract_hours": ("Contracturen", "Contract hours"),
    "fulltime_hours": ("Uren voltijd", "Full-time hours"),
}


def _choose(pair: tuple[str, str]) -> str:
    return pair[0] if language() == "nl" else pair[1]


def kind_label(kind: str | None) -> str:
    if not kind:
        return fmt.DASH
    return _choose(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def column_label(column: str) -> str:
    return _choose(COLUMN_LABELS[column]) if column in COLUMN_LABELS else column


# The editor's choice for "do not load": a visible value (an empty cell would read as "None").
IGNORE = "-"


def target_label(column: str | None) -> str:
    """A choice in the mapping editor: the column's name and its name in mapping files."""
    if not column or column == IGNORE:
        return pick("— niet laden —", "— do not load —")
    return f"{column_label(column)} ({column})"


def dialect_text(item: uploads.Preview) -> str:
    """How the file was read: 'tekenset UTF-8 · scheidingsteken puntkomma · 1.234 regels'."""
    lang = language()
    parts = [render(part, lang, "app") for part in dialect_parts(item.dialect)]
    parts.append(pick("{n} regels", "{n} rows", n=fmt.number(item.rows, lang)))
    if item.preset:
        parts.append(pick("indeling {p}", "layout {p}", p=item.preset))
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# Previews and the mapping editor


@st.cache_data(show_spinner=False, max_entries=64)
def _preview(path: str, size: int, kind: str | None, base: tuple) -> uploads.Preview:
    del size  # part of the cache key only
    mapping_kind, preset, sheet, columns, questions, wave = base
    mapping = MappingFile(
        kind=mapping_kind,
        preset=preset,
        sheet=sheet,
        columns=dict(columns),
        questions=dict(questions),
        wave=wave,
    )
    return uploads.preview(Path(path), kind, mapping)


def preview(path: Path, kind: str | None, base: MappingFile) -> uploads.Preview:
    """How the importer reads and maps the file (cached per file, kind and mapping; a saved
    mapping's questions and wave decide whether a file is a wide survey export)."""
    key = (
        base.kind,
        base.preset,
        base.sheet,
        tuple(sorted(base.columns.items())),
        tuple(sorted(base.questions.items())),
        base.wave,
    )
    return _preview(str(path), path.stat().st_size, kind, key)


def mapping_editor(item: uploads.Preview, base: MappingFile, key: str) -> dict[str, str]:
    """The file's headers with the suggested canonical column, editable; returns header ->
    chosen column ("" = not loaded). Refused headers are not offered at all, and the question
    columns of a wide survey export are set in the question table instead."""
    lang = language()
    headers = [h for h in item.headers if h not in item.refused and h not in item.questions]
    suggested = pick("herkend", "recognised")
    from_saved = pick("uit opgeslagen koppeling", "from saved mapping")
    unknown = pick("niet herkend", "not recognised")
    saved = {h.casefold() for h in base.columns}
    frame = pl.DataFrame(
        {
            "header": headers,
            "filled": [fmt.percent(item.filled_share.get(h), lang, 0) for h in headers],
            "target": [item.columns.get(h) or IGNORE for h in headers],
            "status": [
                (from_saved if h.casefold() in saved else suggested)
                if item.columns.get(h)
                else unknown
                for h in headers
            ],
        },
        schema={"header": pl.String, "filled": pl.String, "target": pl.String, "status": pl.String},
    )
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["header", "filled", "status"],
        column_config={
            "header": st.column_config.TextColumn(pick("Kolom in het bestand", "Column in file")),
            "filled": st.column_config.TextColumn(
                pick("Gevuld", "Filled"), help=pick("Aandeel niet-lege cellen", "Non-empty cells")
            ),
            "target": st.column_config.SelectboxColumn(
                pick("Laden als", "Load as"),
                options=[target or IGNORE for target in item.targets()],
                format_func=target_label,
                required=False,
                width="large",
            ),
            "status": st.column_config.TextColumn(pick("Herkenning", "Recognition")),
        },
    )
    return {
        row["header"]: "" if row["target"] in (None, IGNORE) else row["target"]
        for row in edited.iter_rows(named=True)
    }


# ---------------------------------------------------------------------------------------------
# Wide survey exports: the question table and the wave


# Dimension keys the engagement page names in words (as in the sample survey; others: the key).
def dimension_label(key: str | None) -> str:
    """A choice in the question table: the dimension in words and its key in mapping files."""
    if not key:
        return pick("— kies —", "— choose —")
    return f"{survey_dimension(key)} ({key})"


@st.cache_data(show_spinner=False, max_entries=8)
def _stored_dimensions(version: int) -> list[str]:
    del version
    return uploads.stored_dimensions(connection())


def dimension_options(base: MappingFile) -> list[str]:
    """The known dimensions, then those already stored and those a saved mapping names."""
    named = [s.dimension for s in base.questions.values() if s.dimension]
    stored = _stored_dimensions(cached.data_version())
    return list(dict.fromkeys([*SURVEY_DIMENSIONS, *stored, *named]))


def _source(question: uploads.ProposedQuestion) -> str:
    """Where the proposed dimension and scale come from, in words."""
    parts = []
    if question.dimension_from == "mapping" or question.scale_from == "mapping":
        parts.append(pick("uit opgeslagen koppeling", "from saved mapping"))
    if question.dimension_from == "enps":
        parts.append(pick("eNPS-vraag herkend", "eNPS question recognised"))
    if question.scale_from == "header":
        parts.append(pick("schaal uit de kop", "scale from the header"))
    if question.scale_from == "answers":
        parts.append(pick("schaal geschat uit de antwoorden", "scale guessed from the answers"))
    if question.dimension is None:
        parts.append(pick("dimensie ontbreekt", "dimension missing"))
    return "; ".join(parts)


def _range(seen: tuple[float, float] | None) -> str:
    if seen is None:
        return fmt.DASH
    lang = language()
    return f"{fmt.number(seen[0], lang)}–{fmt.number(seen[1], lang)}"


def question_editor(
    item: uploads.Preview, base: MappingFile, key: str
) -> tuple[dict[str, QuestionSpec], list[str]]:
    """One row per question column: id, dimension and scale as proposed, editable, and a box to
    ignore a number column that is no question. Returns (header -> what the mapping says of the
    question, headers to ignore)."""
    proposed = uploads.propose_questions(item, base)
    options = dimension_options(base)
    options += [q.dimension for q in proposed if q.dimension and q.dimension not in options]
    frame = pl.DataFrame(
        {
            "header": [q.header for q in proposed],
            "seen": [_range(q.seen) for q in proposed],
            "question_id": [q.question_id for q in proposed],
            "dimension": [q.dimension for q in proposed],
            "scale_min": [q.scale[0] if q.scale else None for q in proposed],
            "scale_max": [q.scale[1] if q.scale else None for q in proposed],
            "ignore": [False for _ in proposed],
            "status": [_source(q) for q in proposed],
        },
        schema={
            "header": pl.String, "seen": pl.String, "question_id": pl.String,
            "dimension": pl.String, "scale_min": pl.Int64, "scale_max": pl.Int64,
            "ignore": pl.Boolean, "status": pl.String,
        },
    )  # fmt: skip
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["header", "seen", "status"],
        column_config={
            "header": st.column_config.TextColumn(pick("Vraag in het bestand", "Question in file")),
            "seen": st.column_config.TextColumn(
                pick("Antwoorden", "Answers"),
                help=pick("Laagste en hoogste antwoord", "Lowest and highest answer"),
            ),
            "question_id": st.column_config.TextColumn(
                pick("Vraagcode", "Question ID"),
                help=pick(
                    "Dezelfde code in elke meting: zo worden metingen vergeleken.",
                    "The same ID in every wave: that is how waves are compared.",
                ),
                max_chars=40,
            ),
            "dimension": st.column_config.SelectboxColumn(
                pick("Dimensie", "Dimension"),
                options=options,
                format_func=dimension_label,
                required=False,
                width="medium",
                help=pick(
                    "eNPS is de aanbevelingsvraag van 0 tot 10.",
                    "eNPS is the 0–10 question whether one would recommend the organisation.",
                ),
            ),
            "scale_min": st.column_config.NumberColumn(
                pick("Laagste score", "Scale minimum"), min_value=0, step=1
            ),
            "scale_max": st.column_config.NumberColumn(
                pick("Hoogste score", "Scale maximum"), min_value=1, step=1
            ),
            "ignore": st.column_config.CheckboxColumn(
                pick("Negeren", "Ignore"),
                help=pick(
                    "Een kolom met getallen die geen vraag is (bijvoorbeeld een teamnummer).",
                    "A column of numbers that is no question (for example a team number).",
                ),
            ),
            "status": st.column_config.TextColumn(pick("Herkenning", "Recognition")),
        },
    )
    questions: dict[str, QuestionSpec] = {}
    ignored: list[str] = []
    for row in edited.iter_rows(named=True):
        if row["ignore"]:
            ignored.append(row["header"])
            continue
        low, high = row["scale_min"], row["scale_max"]
        scale = (int(low), int(high)) if low is not None and high is not None else None
        questions[row["header"]] = QuestionSpec(
            id=(row["question_id"] or "").strip() or None,
            dimension=row["dimension"] or None,
            scale=scale if scale and scale[0] < scale[1] else None,  # else the check says so
        )
    return questions, ignored


def needs_wave(item: uploads.Preview) -> bool:
    """A wide export with no wave column and no date in its name: the page asks for the date."""
    return bool(item.questions) and not item.date_in_name and "wave" not in item.columns.values()


def wave_input(base: MappingFile, key: str) -> date | None:
    """The date the survey closed (dd-mm-jjjj in Dutch)."""
    return st.date_input(
        pick("Enquêtedatum (datum waarop de enquête sloot)", "Survey wave (the closing date)"),
        value=base.wave,
        format="DD-MM-YYYY" if language() == "nl" else "YYYY-MM-DD",
        key=key,
        help=pick(
            "Het bestand heeft geen kolom met de datum en geen datum in de naam. Deze datum wordt "
            "niet in een opgeslagen koppeling bewaard: elke meting heeft haar eigen datum.",
            "The file has no date column and no date in its name. This date is not kept in a "
            "saved mapping: every wave has its own date.",
        ),
    )  # type: ignore[return-value]


def unfinished(questions: dict[str, QuestionSpec]) -> str | None:
    """What the question table still lacks, in words; None when every question is complete."""

    def listed(headers: list[str]) -> str:
        return ", ".join(f"'{h}'" for h in headers)

    parts = []
    if lacking := [h for h, s in questions.items() if s.dimension is None]:
        parts.append(pick("geen dimensie: {h}", "no dimension: {h}", h=listed(lacking)))
    if lacking := [h for h, s in questions.items() if s.scale is None]:
        parts.append(pick("geen schaal: {h}", "no scale: {h}", h=listed(lacking)))
    if not parts:
        return None
    return pick(
        "Nog in te vullen of te negeren: {p}.", "Still to fill in or to ignore: {p}.",
        p="; ".join(parts),
    )  # fmt: skip


_ISSUES = {
    "unreadable": (
        "{file} kan niet gelezen worden ({reason}). Haal het bestand weg of lever het opnieuw aan.",
        "{file} cannot be read ({reason}). Remove the file or export it again.",
    ),
    "no_kind": (
        "{file}: kies welke soort gegevens dit bestand bevat.",
        "{file}: choose what kind of data this file holds.",
    ),
    "conflict": (
        "Kolom '{header}' is in {other_file} anders gekoppeld dan in {file}. Eén import gebruikt "
        "één koppeling per kolomnaam: importeer deze bestanden los van elkaar.",
        "Column '{header}' is mapped differently in {other_file} and in {file}. One import uses "
        "one mapping per column name: import these files one at a time.",
    ),
    "split": (
        "{file} wordt samen met bestanden van een andere soort niet als '{kind}' herkend: "
        "importeer het apart.",
        "{file} is not recognised as '{kind}' together with files of another kind: import it on "
        "its own.",
    ),
    "duplicate": (
        "{file}: {headers} zijn allemaal gekoppeld aan {column}; alleen de eerste wordt geladen.",
        "{file}: {headers} all map to {column}; only the first is loaded.",
    ),
    "missing": (
        "{file}: geen kolom voor {columns} (verplicht). Koppel een kolom of laat de controle "
        "zien wat er ontbreekt.",
        "{file}: no column for {columns} (required). Map a column, or let the check show what is "
        "missing.",
    ),
}


def not_recognised(item: uploads.Preview) -> str:
    """Why a file's kind was not told, and what it looks most like."""
    text = pick(
        "Niet herkend welke gegevens dit zijn: kies de soort en koppel daarna de verplichte "
        "kolommen.",
        "Could not tell what data this is: choose the kind, then map the required columns.",
    )
    if item.nearest_kind and item.nearest_missing:
        text += " " + pick(
            "Het lijkt het meest op '{k}'; daarvoor ontbreekt: {m}.",
            "It looks most like '{k}', which needs: {m}.",
            k=kind_label(item.nearest_kind),
            m=", ".join(column_label(c) for c in item.nearest_missing),
        )
    return text


def issue_text(issue: uploads.Issue) -> str:
    lang = language()
    values = {key: render(value, lang, "app") for key, value in issue.detail}
    if issue.code == "split":
        values["kind"] = kind_label(values.get("kind"))
    if issue.code == "missing":
        values["columns"] = ", ".join(
            column_label(c.strip()) for c in values.get("columns", "").split(",")
        )
    if issue.code == "duplicate":
        values["column"] = column_label(values.get("column", ""))
    dutch, english = _ISSUES[issue.code]
    return pick(dutch, english, file=issue.file, **values)


# ---------------------------------------------------------------------------------------------
# Reports


def _numbers(column: pl.Series) -> list[str]:
    """Counts as the session's language writes them (82.304 in Dutch), for display."""
    lang = language()
    return [fmt.number(v, lang) for v in column.to_list()]


def _file_table(report: ImportReport, checked: bool) -> pl.DataFrame:
    files = uploads.file_rows(report, language(), "app")
    files = files.with_columns(
        pl.Series("kind", [kind_label(k) for k in files["kind"].to_list()], dtype=pl.String),
        *(
            pl.Series(c, _numbers(files[c]), dtype=pl.String)
            for c in ("rows_read", "rows_loaded", "rows_rejected")
        ),
    )
    return files.rename(
        {
            "file": pick("Bestand", "File"),
            "kind": pick("Soort", "Kind"),
            "rows_read": pick("Regels gelezen", "Rows read"),
            "rows_loaded": pick("Te laden", "To load") if checked else pick("Geladen", "Loaded"),
            "rows_rejected": pick("Met fouten", "With errors"),
            "notes": pick("Opmerkingen", "Notes"),
        }
    )


def error_table(report: ImportReport) -> pl.DataFrame:
    """Every error, what was expected said in the session's language (also in the downloads)."""
    return uploads.error_rows(report, language(), "app").rename(
        {
            "file": pick("Bestand", "File"),
            "row": pick("Rij", "Row"),
            "column": pick("Kolom", "Column"),
            "value": pick("Waarde", "Value"),
            "expected": pick("Verwacht", "Expected"),
        }
    )


def show_report(report: ImportReport, *, checked: bool, name: str) -> None:
    """The validation report: per file, then every error with file, row, column, value and what
    was expected (the values are the user's own cells, quoted back as typed)."""
    lang = language()
    errors = report.error_count
    rows = len({(e.file, e.row) for e in report.errors if e.row is not None})
    if checked and not errors:
        st.success(
            pick(
                "Controle zonder fouten: alles kan geladen worden. Er is nog niets veranderd.",
                "Checked without errors: everything can be loaded. Nothing has changed yet.",
            ),
            icon=":material/check_circle:",
        )
    elif checked:
        st.error(
            pick(
                "Controle: {e} fout(en) in {r} regel(s). Er is niets veranderd.",
                "Check: {e} error(s) in {r} row(s). Nothing has changed.",
                e=fmt.number(errors, lang),
                r=fmt.number(rows, lang),
            )
            if rows
            else pick(  # whole files or columns only (a survey question without a dimension)
                "Controle: {e} fout(en). Er is niets veranderd.",
                "Check: {e} error(s). Nothing has changed.",
                e=fmt.number(errors, lang),
            ),
            icon=":material/search:",
        )
        if not report.keep_valid and all(e.row is not None for e in report.errors):
            st.caption(
                pick(
                    "Met 'Alleen goede regels laden' worden de regels zonder fouten wel geladen.",
                    "With 'Load only the valid rows' the rows without errors are loaded.",
                )
            )
    elif report.loaded:
        st.success(
            pick("Geladen: dataversie {v}.", "Loaded: data version {v}.", v=report.data_version),
            icon=":material/check_circle:",
        )
        if errors:
            st.warning(
                pick(
                    "{r} regel(s) met fouten zijn overgeslagen.",
                    "{r} row(s) with errors were left out.",
                    r=fmt.number(rows, lang),
                )
            )
    else:
        st.error(
            pick(
                "Niet geladen: {e} fout(en) in {r} regel(s). De gegevens zijn ongewijzigd.",
                "Not loaded: {e} error(s) in {r} row(s). The data are unchanged.",
                e=fmt.number(errors, lang),
                r=fmt.number(rows, lang),
            )
            if rows
            else pick(  # whole files only (e.g. a replacement that would strand absences)
                "Niet geladen: {e} fout(en). De gegevens zijn ongewijzigd.",
                "Not loaded: {e} error(s). The data are unchanged.",
                e=fmt.number(errors, lang),
            ),
            icon=":material/block:",
        )
    for error in report.errors:
        if error.row is None:  # the whole file, or a whole column
            st.error(render(error, lang, "app"))  # its hint names the field to change here
    st.dataframe(_file_table(report, checked), hide_index=True, width="stretch")
    if any(e.row is not None for e in report.errors):
        st.markdown(pick("**Fouten per regel**", "**Errors per row**"))
        downloads(error_table(report).filter(pl.col(pick("Rij", "Row")).is_not_null()), name)


# ---------------------------------------------------------------------------------------------
# History and data quality, cached by data version


@st.cache_data(show_spinner=False, max_entries=8)
def _history(version: int) -> pl.DataFrame:
    del version
    return uploads.import_history(connection())


def history() -> pl.DataFrame:
    return _history(cached.data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _completeness(version: int) -> pl.DataFrame:
    del version
    return quality.completeness(connection())


def completeness() -> pl.DataFrame:
    return _completeness(cached.data_version())


def history_table(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The import log with labels in the session's language: (for the download files, with
    numbers and times as such; for the screen, written the session's way)."""
    lang = language()
    yes, no = pick("ja", "yes"), pick("nee", "no")
    counts = {
        pick("Gelezen", "Read"): "rows_read",
        pick("Geladen", "Loaded"): "rows_loaded",
        pick("Met fouten", "With errors"): "rows_rejected",
    }
    data = pl.DataFrame(
        {
            pick("Tijdstip", "Time"): frame["imported_at"],
            pick("Bestand", "File"): frame["file_name"],
            pick("Soort", "Kind"): [kind_label(k) for k in frame["kind"].to_list()],
            **{name: frame[column] for name, column in counts.items()},
            pick("Vervangen", "Replaced"): [yes if r else no for r in frame["replaced"].to_list()],
            pick("Door", "By"): frame["imported_by"],
            pick("Dataversie", "Data version"): frame["data_version"],
        }
    )
    stamps = [
        f"{fmt.day(at.date(), lang)} {at:%H:%M}" if at else fmt.DASH
        for at in frame["imported_at"].to_list()
    ]
    shown = data.with_columns(
        pl.Series(pick("Tijdstip", "Time"), stamps, dtype=pl.String),
        *(
            pl.Series(name, _numbers(frame[column]), dtype=pl.String)
            for name, column in counts.items()
        ),
    )
    return data, shown


def quality_figure(frame: pl.DataFrame, title: str) -> go.Figure:
    """Completeness as a heatmap: a row per column, a column per table; cells of columns a table
    does not have stay empty, and no value from the data is ever shown."""
    lang = language()
    tables = list(dict.fromkeys(frame["table"].to_list()))
    columns = list(dict.fromkeys(frame["column"].to_list()))
    rows = dict(zip(frame["table"].to_list(), frame["rows"].to_list(), strict=False))
    share = {
        (t, c): s
        for t, c, s in zip(
            frame["table"].to_list(),
            frame["column"].to_list(),
            frame["filled_share"].to_list(),
            strict=True,
        )
    }
    z = [[share.get((t, c)) for t in tables] for c in columns]
    text = [[fmt.percent(v, lang, 0) if v is not None else "" for v in line] for line in z]
    x = [
        f"{_two_lines(_choose(SHORT_TABLE_LABELS.get(t, (t, t))))}<br>"
        f"<sup>{fmt.number(rows[t], lang)} {pick('regels', 'rows')}</sup>"
        for t in tables
    ]
    y = [column_label(c) for c in columns]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            customdata=[[c] * len(tables) for c in columns],
            hovertemplate=(
                "%{x}<br>%{y} (%{customdata}): %{text} "
                + pick("gevuld", "filled")
                + "<extra></extra>"
            ),
            colorscale="Blues",
            zmin=0,
            zmax=1,
            hoverongaps=False,
            xgap=2,
            ygap=2,
            colorbar={
                "tickvals": [0, 0.25, 0.5, 0.75, 1],
                "ticktext": [fmt.percent(v, lang, 0) for v in (0, 0.25, 0.5, 0.75, 1)],
                "title": {"text": pick("Gevuld", "Filled")},
            },
        )
    )
    charts.style(figure, title, height=max(420, 24 * len(columns) + 140))
    figure.update_yaxes(autorange="reversed", tickfont={"size": 13})
    figure.update_xaxes(side="top", tickfont={"size": 13}, tickangle=0)
    figure.update_layout(margin={"l": 10, "r": 10, "t": 130, "b": 10})  # room for two-line names
    return figure


def _two_lines(name: str) -> str:
    """A long table name over two lines (after its hyphen or first space), so that the heatmap's
    column names do not run into each other."""
    if len(name) <= 12:
        return name
    if "-" in name:
        return name.replace("-", "-<br>", 1)
    return name.replace(" ", "<br>", 1)


def quality_table(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The completeness table with labels in the session's language (counts only, no values):
    (for the download files, numbers as such; for the screen, written the session's way)."""
    lang = language()
    rows, filled, share = (
        pick("Regels", "Rows"),
        pick("Regels gevuld", "Rows filled"),
        pick("Vulgraad", "Completeness"),
    )
    data = pl.DataFrame(
        {
            pick("Tabel", "Table"): [kind_label(t) for t in frame["table"].to_list()],
            pick("Kolom", "Column"): [column_label(c) for c in frame["column"].to_list()],
            pick("Naam in koppelbestand", "Name in mapping files"): frame["column"],
            rows: frame["rows"],
            filled: frame["filled_rows"],
            share: frame["filled_share"],
        }
    )
    shown = data.with_columns(
        pl.Series(rows, _numbers(frame["rows"]), dtype=pl.String),
        pl.Series(filled, _numbers(frame["filled_rows"]), dtype=pl.String),
        pl.Series(share, [fmt.percent(v, lang) for v in frame["filled_share"].to_list()]),
    )
    return data, shown


def signed_in_user() -> str | None:
    """Who the import log names for an import from the app: the signed-in person (`st.login`);
    without sign-in None, and the log names the server's user."""
    user = st.user
    if not user.get("is_logged_in"):
        return None
    found = user.get("email") or user.get("name")
    return str(found) if found else None
