"""Data: import HR exports (upload → how each file is read → column mapping, and for a wide survey
export its questions and wave → check → load), saved mappings, the import history with rollback,
and how completely each column is filled."""

from __future__ import annotations

import dataclasses
from datetime import date

import streamlit as st

from analytics import quality, store
from analytics.contract import KINDS
from analytics.ingest import uploads
from analytics.ingest.mapping import MappingError, MappingFile, QuestionSpec
from analytics.ingest.messages import render
from ui import cached, fmt, importer
from ui.components import downloads
from ui.data import connection
from ui.filters import sidebar
from ui.i18n import language, pick, t

DATE_ORDERS = ("auto", "dmy", "mdy", "ymd")

choice = sidebar()
lang = language()
files = store.StoreFiles.resolve()
st.title(t("page_data"))
st.caption(
    pick(
        "Exports uit het HR-systeem inlezen, eerdere imports bekijken of terugdraaien, en zien hoe "
        "volledig de gegevens zijn. De filters in de zijbalk gelden niet voor deze pagina.",
        "Load exports from the HR system, review or roll back earlier imports, and see how "
        "complete the data are. The sidebar filters do not apply to this page.",
    )
)
message = st.session_state.pop("data_message", None)
if message:
    st.success(message, icon=":material/check_circle:")

history = importer.history()
version = cached.data_version()
last = history["imported_at"].max() if history.height else None
tiles = st.columns(4)
tiles[0].metric(t("data_version").capitalize(), fmt.number(version, lang))
tiles[1].metric(
    pick("Laatste import", "Last import"),
    fmt.day(last.date(), lang) if last else fmt.DASH,  # type: ignore[union-attr]
    help=pick("om {t}", "at {t}", t=f"{last:%H:%M}") if last else None,
)
tiles[2].metric(pick("Geïmporteerde bestanden", "Files imported"), fmt.number(history.height, lang))
tiles[3].metric(
    pick("Versies om naar terug te gaan", "Versions to roll back to"),
    fmt.number(len(files.versions()), lang),
)

# --- 1. Files ---------------------------------------------------------------------------------
st.header(pick("Importeren", "Import"))
st.subheader(pick("1. Bestanden kiezen", "1. Choose files"))
uploads.discard_older(importer.UPLOAD_FOLDER)
round_ = st.session_state.setdefault("data_round", 0)
left, right = st.columns([2, 1])
chosen_files = left.file_uploader(
    pick("Exports uit het HR-systeem", "Exports from the HR system"),
    type=[suffix.lstrip(".") for suffix in uploads.UPLOAD_SUFFIXES],
    accept_multiple_files=True,
    key=f"data_upload_{round_}",
    help=pick(
        "CSV of TXT (elk scheidingsteken en elke tekenset), Excel (xlsx) of Parquet; meerdere "
        "bestanden worden samen in één keer geladen.",
        "CSV or TXT (any delimiter and encoding), Excel (xlsx) or Parquet; several files are "
        "loaded together, all or nothing.",
    ),
)
folder = uploads.mappings_folder(files.path)
saved = [path.stem for path in uploads.saved_mappings(folder)]
# Labels worked out here, in the session's language: a widget may format its options later.
no_mapping = pick("— geen —", "— none —")
kind_labels = {kind: importer.kind_label(kind) for kind in KINDS}
saved_name = right.selectbox(
    pick("Opgeslagen koppeling gebruiken", "Use a saved mapping"),
    ["", *saved],
    format_func=lambda name: name or no_mapping,
    key="data_saved_mapping",
    help=pick(
        "Koppelingen staan als TOML-bestand in de map 'mappings' naast de gegevens.",
        "Mappings are TOML files in the 'mappings' folder next to the data.",
    ),
)
base = MappingFile()
if saved_name:
    try:
        base = MappingFile.load(folder / f"{saved_name}.toml")
    except MappingError as error:
        right.error(render(error.text, lang, "app"))

# --- 2. Recognition and mapping -----------------------------------------------------------------
previews: list[uploads.Preview] = []
choices: list[dict[str, str]] = []
questions: dict[str, QuestionSpec] = {}  # wide survey exports: header -> the question's mapping
ignored: list[str] = []  # number columns of a wide export that are no question
waves: list[date | None] = []  # the dates typed for wide exports without a wave
if chosen_files:
    st.subheader(pick("2. Herkenning en kolomkoppeling", "2. Recognition and column mapping"))
    st.caption(
        pick(
            "Per bestand: hoe het gelezen is, welke gegevens het bevat en welke kolom waarheen "
            "gaat. Pas een koppeling aan in de kolom 'Laden als'.",
            "Per file: how it was read, what it holds and which column goes where. Change a "
            "mapping in the 'Load as' column.",
        )
    )
for upload in chosen_files or []:
    path = uploads.save_upload(upload.name, upload.getvalue(), importer.UPLOAD_FOLDER)
    digest = path.parent.name
    item = importer.preview(path, None, base)
    with st.container(border=True):
        st.markdown(f"**📄 {item.source}**")
        if not item.headers:
            unreadable = uploads.Issue("unreadable", item.source, (("reason", item.error or ""),))
            st.error(importer.issue_text(unreadable))
            previews.append(item)
            choices.append({})
            continue
        st.caption(importer.dialect_text(item))
        proposed = item.detected_kind or item.nearest_kind
        kind = st.selectbox(
            pick("Soort gegevens", "Kind of data"),
            KINDS,
            index=KINDS.index(proposed) if proposed else None,
            format_func=kind_labels.__getitem__,
            placeholder=pick("Kies de soort gegevens", "Choose the kind of data"),
            key=f"data_kind_{digest}_{saved_name}",
        )
        if item.detected_kind is None:
            st.warning(importer.not_recognised(item))
        if kind and kind != item.kind:
            item = importer.preview(path, kind, base)
        if item.refused:
            refused = ", ".join(f"'{h}'" for h in item.refused)
            st.info(
                pick(
                    "Nooit opgeslagen (bijzondere persoonsgegevens): {h}.",
                    "Never stored (special categories of personal data): {h}.",
                    h=refused,
                ),
                icon=":material/shield:",
            )
        chosen = (
            importer.mapping_editor(item, base, key=f"data_map_{digest}_{item.kind}_{saved_name}")
            if item.kind
            else {}
        )
        if item.questions:
            st.markdown(pick("**Vragen**", "**Questions**"))
            st.caption(
                pick(
                    "Een enquête-export met één kolom per vraag. Geef elke vraag een dimensie en "
                    "een schaal; zet 'Negeren' aan bij een kolom met getallen die geen vraag is. "
                    "Een lege cel is geen antwoord (geen 0).",
                    "A survey export with one column per question. Give each question a "
                    "dimension and a scale; tick 'Ignore' for a column of numbers that is no "
                    "question. An empty cell is no answer (not a 0).",
                )
            )
            specs, skipped = importer.question_editor(
                item, base, key=f"data_questions_{digest}_{saved_name}"
            )
            questions.update(specs)
            ignored += skipped
            lacking = importer.unfinished(specs)
            if lacking:
                st.warning(lacking)
            if importer.needs_wave(item):
                waves.append(importer.wave_input(base, key=f"data_wave_{digest}_{saved_name}"))
        previews.append(item)
        choices.append(chosen)

# --- 3. Check and load -------------------------------------------------------------------------
result = st.session_state.get("data_result")
if previews:
    st.subheader(pick("3. Controleren en laden", "3. Check and load"))
    options = st.columns(3)
    keep_valid = options[0].checkbox(
        pick("Alleen goede regels laden", "Load only the valid rows"),
        key="data_keep_valid",
        help=pick(
            "Regels met fouten worden overgeslagen (en apart te downloaden); anders wordt bij "
            "één fout niets geladen.",
            "Rows with errors are left out (and can be downloaded); otherwise one error stops "
            "the whole import.",
        ),
    )
    replace = options[1].checkbox(
        pick("Bestaande gegevens van deze soort vervangen", "Replace existing data of this kind"),
        key="data_replace",
        help=pick(
            "Leegt eerst de tabellen die deze bestanden vullen (bijvoorbeeld alle medewerkers).",
            "Empties the tables these files feed first (for example all employees).",
        ),
    )
    order_labels = {
        "auto": pick("automatisch herkennen", "detect"),
        "dmy": pick("dag-maand-jaar (31-12-2024)", "day-month-year (31-12-2024)"),
        "mdy": pick("maand/dag/jaar (12/31/2024)", "month/day/year (12/31/2024)"),
        "ymd": pick("jaar-maand-dag (2024-12-31)", "year-month-day (2024-12-31)"),
    }
    date_order = options[2].selectbox(
        pick("Datumnotatie", "Date format"),
        DATE_ORDERS,
        index=DATE_ORDERS.index(base.date_order or "auto"),
        format_func=order_labels.__getitem__,
        key=f"data_date_order_{saved_name}",
    )
    typed = {wave for wave in waves if wave}
    planned = uploads.with_questions(base, questions, ignored, next(iter(typed), None))
    plan = uploads.plan_import(
        previews, choices, planned, None if date_order == "auto" else date_order
    )
    ready = plan.ready and len(typed) <= 1
    if len(typed) > 1:  # a mapping holds one wave
        st.error(
            pick(
                "De enquêtebestanden hebben verschillende enquêtedatums: importeer ze los van "
                "elkaar.",
                "The survey files have different waves: import them one at a time.",
            )
        )
    for issue in plan.problems:
        st.error(importer.issue_text(issue))
    for issue in plan.warnings:
        st.warning(importer.issue_text(issue))

    with st.expander(pick("Koppeling bewaren voor een volgende keer", "Save this mapping")):
        name = st.text_input(
            pick("Naam", "Name"), value=saved_name, key="data_mapping_name", max_chars=80
        )
        if st.button(pick("Koppeling opslaan", "Save mapping"), key="data_save_mapping"):
            # A wave typed here is this file's only: the next wave's file brings its own date.
            keep = dataclasses.replace(uploads.mapping_to_save(plan, previews), wave=base.wave)
            try:
                target = uploads.save_mapping(folder, name, keep)
            except MappingError as error:
                st.error(render(error.text, lang, "app"))
            except ValueError:
                st.error(pick("Geef de koppeling een naam.", "Give the mapping a name."))
            else:
                st.success(pick("Opgeslagen als {f}.", "Saved as {f}.", f=target.name))

    signature = (
        plan.paths,
        plan.kind,
        tuple(sorted(plan.mapping.columns.items())),
        tuple(sorted(plan.mapping.questions.items())),
        plan.mapping.wave,
        plan.mapping.date_order,
        keep_valid,
        replace,
        version,
    )
    buttons = st.columns([1, 1, 4])
    check = buttons[0].button(
        pick("Controleren", "Check"), key="data_check", disabled=not ready, icon=":material/search:"
    )
    load = buttons[1].button(
        pick("Laden", "Load"),
        key="data_load",
        type="primary",
        disabled=not ready,
        icon=":material/upload:",
    )
    buttons[2].caption(
        pick(
            "Controleren voert de import uit op een kopie: u ziet alle fouten en er verandert "
            "niets. Laden gebeurt in één keer: alles of niets.",
            "Check runs the import on a copy: you see every error and nothing changes. Load "
            "happens in one go: all or nothing.",
        )
    )
    if check:
        with st.spinner(pick("Controleren…", "Checking…")):
            report = uploads.check_import(
                plan, files.path, keep_valid=keep_valid, replace=replace, language=lang
            )
        st.session_state["data_checked"] = (signature, report)
        st.session_state.pop("data_result", None)
        result = None
    checked = st.session_state.get("data_checked")
    if checked and checked[0] == signature and not load:
        importer.show_report(checked[1], checked=True, name="controle_fouten")
    if load:
        with st.status(pick("Laden…", "Loading…"), expanded=True) as status:
            st.write(
                pick(
                    "{n} bestand(en) klaargezet",
                    "{n} file(s) ready",
                    n=fmt.number(len(plan.paths), lang),
                )
            )
            st.write(
                pick(
                    "Lezen, koppelen, controleren en laden in één transactie…",
                    "Reading, mapping, checking and loading in one transaction…",
                )
            )
            report = uploads.run_import(
                plan, files.path, keep_valid=keep_valid, replace=replace, language=lang,
                user=importer.signed_in_user(),
            )  # fmt: skip
            if report.loaded:
                status.update(
                    label=pick(
                        "Geladen: dataversie {v}", "Loaded: data version {v}", v=report.data_version
                    ),
                    state="complete",
                    expanded=False,
                )
            else:
                status.update(
                    label=pick("Niet geladen", "Not loaded"), state="error", expanded=False
                )
        rejects = {
            f.rejects_file.name: f.rejects_file.read_bytes()
            for f in report.files
            if f.rejects_file is not None and f.rejects_file.exists()
        }
        result = {"report": report, "rejects": rejects}
        st.session_state["data_result"] = result
        st.session_state.pop("data_checked", None)
        uploads.discard(plan.paths, importer.UPLOAD_FOLDER)
        if report.loaded:
            st.session_state["data_round"] = round_ + 1  # an empty uploader for the next import
            st.rerun()

if result:
    st.markdown(pick("**Resultaat van de laatste import**", "**Result of the last import**"))
    importer.show_report(result["report"], checked=False, name="import_fouten")
    for file_name, content in result["rejects"].items():
        st.download_button(
            pick("Overgeslagen regels: {f}", "Rows left out: {f}", f=file_name),
            content,
            file_name=file_name,
            mime="text/csv",
            key=f"data_rejects_{file_name}",
        )
    if st.button(pick("Sluiten", "Close"), key="data_close_result"):
        st.session_state.pop("data_result", None)
        st.rerun()

# --- History and rollback ----------------------------------------------------------------------
st.header(pick("Importgeschiedenis", "Import history"))
if history.height:
    data, shown = importer.history_table(history)
    downloads(data, "importgeschiedenis", display=shown)
else:
    st.caption(t("no_data"))
undone = uploads.undone_by_rollback(connection(), files.path)
if undone is None:
    st.caption(
        pick(
            "Er is geen eerdere versie bewaard om naar terug te gaan.",
            "No earlier version is kept to go back to.",
        )
    )
else:
    if st.button(
        pick("Laatste import terugdraaien…", "Roll back the last import…"),
        key="data_rollback",
        icon=":material/undo:",
    ):
        st.session_state["data_confirm_rollback"] = True
    if st.session_state.get("data_confirm_rollback"):
        names = ", ".join(undone["file_name"].to_list()) or pick(
            "geen bestanden (alleen een technische wijziging)",
            "no files (a technical change only)",
        )
        st.warning(
            pick(
                "Hiermee gaan de gegevens terug naar de versie van vóór de laatste import. Deze "
                "bestanden verdwijnen weer: {names}. Dit kan niet ongedaan worden gemaakt.",
                "This takes the data back to the version before the last import. These files "
                "are taken out again: {names}. This cannot be undone.",
                names=names,
            ),
            icon=":material/warning:",
        )
        yes, no, _ = st.columns([1, 1, 4])
        if yes.button(
            pick("Ja, terugdraaien", "Yes, roll back"), key="data_rollback_yes", type="primary"
        ):
            new_version = uploads.rollback(files.path)
            for stale in ("data_confirm_rollback", "data_result", "data_checked"):
                st.session_state.pop(stale, None)
            st.session_state["data_message"] = pick(
                "Teruggedraaid: dataversie {v}.", "Rolled back: data version {v}.", v=new_version
            )
            st.rerun()
        if no.button(pick("Annuleren", "Cancel"), key="data_rollback_no"):
            st.session_state.pop("data_confirm_rollback", None)
            st.rerun()

# --- Data quality ------------------------------------------------------------------------------
st.header(pick("Datakwaliteit", "Data quality"))
complete = importer.completeness()
headline = quality.summary(complete)
least = headline["least"]
if least:
    table, column, share = least  # type: ignore[misc]
    title = pick(
        "{c} van {n} kolommen volledig gevuld · minst gevuld: {col} ({tab}, {s})",
        "{c} of {n} columns completely filled · least filled: {col} ({tab}, {s})",
        c=fmt.number(headline["complete"], lang),  # type: ignore[arg-type]
        n=fmt.number(headline["columns"], lang),  # type: ignore[arg-type]
        col=importer.column_label(column),
        tab=importer.kind_label(table),
        s=fmt.percent(share, lang, 0),
    )
else:
    title = pick("Vulgraad per kolom", "Completeness per column")
st.plotly_chart(importer.quality_figure(complete, title), key="data_quality")
st.caption(
    pick(
        "Aandeel regels waarin de kolom een waarde heeft, per tabel. Een lege cel: die tabel heeft "
        "die kolom niet. Er worden geen waarden uit de gegevens getoond.",
        "Share of rows in which the column has a value, per table. An empty cell: that table has "
        "no such column. No values from the data are shown.",
    )
)
with st.expander(t("how_calculated")):
    st.markdown(
        pick(
            "**Vulgraad** = regels met een waarde in de kolom / alle regels van de tabel. Een "
            "lege tabel heeft geen vulgraad. Kolommen die een export niet levert, tellen als leeg.",
            "**Completeness** = rows with a value in the column / all rows of the table. An "
            "empty table has no completeness. Columns an export does not give count as empty.",
        )
    )
    st.caption(f"{t('source')}: analytics/quality.py · completeness")
with st.expander(t("table")):
    data, shown = importer.quality_table(complete)
    downloads(data, "vulgraad", display=shown)
