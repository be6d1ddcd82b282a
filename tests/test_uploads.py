"""The data page's helpers without Streamlit: uploads, previews, import plans, dry runs, saved
mappings, import history and rollback, and column completeness."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from analytics import quality, store
from analytics.ingest import uploads
from analytics.ingest.mapping import MappingFile
from tests.support import fetch, load, write

EMPLOYEES = """\
Personeelsnummer;Naam;Geslacht;Datum in dienst;Datum uit dienst
1001;Anna de Vries;V;01-02-2015;
1002;Bram Jansen;M;15-03-2018;31-12-2023
1003;Carla Bakker;V;01-09-2020;
1004;Daan Visser;M;13-01-2012;
"""
ABSENCES = """\
Personeelsnummer;Begindatum;Einddatum;Percentage
1001;13-01-2024;15-01-2024;100
1003;05-02-2024;20-02-2024;50
"""


def test_an_upload_keeps_its_name_and_cannot_leave_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    first = uploads.save_upload("medewerkers_2024-03.csv", b"a;b\n1;2\n", folder)
    assert first.name == "medewerkers_2024-03.csv"
    assert first.read_bytes() == b"a;b\n1;2\n"
    assert uploads.save_upload("medewerkers_2024-03.csv", b"a;b\n1;2\n", folder) == first
    other = uploads.save_upload("medewerkers_2024-03.csv", b"a;b\n3;4\n", folder)
    assert other != first and other.name == first.name  # same name, other content: both kept
    sneaky = uploads.save_upload("../../etc/passwd", b"x", folder)
    assert sneaky.parent.parent == folder and sneaky.name == "passwd"
    windows = uploads.save_upload("C:\\Users\\hr\\verzuim.csv", b"y", folder)
    assert windows.name == "verzuim.csv"


def test_a_preview_reads_and_maps_like_the_importer(tmp_path: Path) -> None:
    text = (
        "Personeelsnummer;Naam;Datum in dienst;Salaris;Diagnose\n"
        "1;Één;01-02-2020;€ 3.100;x\n"
        "2;;;;\n"
    )
    path = write(tmp_path / "mw.csv", text, encoding="cp1252")
    item = uploads.preview(path)
    assert item.error is None
    assert item.dialect == {"encoding": "Windows-1252", "delimiter": "semicolon"}
    assert item.rows == 2
    assert (item.detected_kind, item.kind) == ("employments", "employments")
    assert item.columns["Personeelsnummer"] == "employee_id"
    assert item.columns["Datum in dienst"] == "hire_date"
    assert item.refused == {"Diagnose": "health data (diagnosis, cause of sickness)"}
    assert "Diagnose" not in item.columns
    assert item.filled_share["Naam"] == 0.5
    assert item.targets()[0] == "" and "hire_date" in item.targets()
    assert item.missing({"Personeelsnummer": "employee_id"}) == ("hire_date",)


def test_a_file_of_unknown_kind_is_mapped_once_the_kind_is_chosen(tmp_path: Path) -> None:
    path = write(tmp_path / "ziek.csv", "Nr;Eerste dag ziek\n1001;13-01-2024\n")
    item = uploads.preview(path)
    assert item.kind is None and item.detected_kind is None
    assert "cannot tell which table" in (item.error or "")
    chosen = uploads.preview(path, "absences")
    assert chosen.kind == "absences" and chosen.detected_kind is None
    assert chosen.missing(chosen.columns) == ("employee_id", "start_date")
    # The same choice in a mapping file makes the importer detect it on its own.
    mapped = uploads.preview(
        path, mapping=MappingFile(columns={"Nr": "employee_id", "Eerste dag ziek": "start_date"})
    )
    assert mapped.detected_kind == "absences"


def test_an_unreadable_file_says_why(tmp_path: Path) -> None:
    item = uploads.preview(write(tmp_path / "leeg.csv", ""))
    assert not item.headers and "empty" in (item.error or "")
    plan = uploads.plan_import([item], [{}])
    assert [i.code for i in plan.problems] == ["unreadable"] and not plan.ready


def test_a_plan_merges_the_choices_of_several_files(tmp_path: Path) -> None:
    employees = uploads.preview(write(tmp_path / "mw.csv", EMPLOYEES))
    absences = uploads.preview(write(tmp_path / "vz.csv", ABSENCES))
    choice_e = dict(employees.columns) | {"Naam": ""}  # do not load names
    plan = uploads.plan_import([employees, absences], [choice_e, dict(absences.columns)])
    assert plan.ready and plan.kind is None  # two kinds: the importer tells them apart
    assert dict(plan.mapping.columns) == {"Naam": ""}
    # One kind: it is given to the importer.
    alone = uploads.plan_import([absences], [dict(absences.columns)], date_order="dmy")
    assert alone.kind == "absences" and alone.mapping.date_order == "dmy"


def test_a_plan_refuses_what_one_import_cannot_do(tmp_path: Path) -> None:
    employees = uploads.preview(write(tmp_path / "mw.csv", EMPLOYEES))
    absences = uploads.preview(write(tmp_path / "vz.csv", ABSENCES))
    # The same header mapped two ways in two files.
    conflict = uploads.plan_import(
        [employees, absences],
        [
            dict(employees.columns) | {"Personeelsnummer": "name"},
            dict(absences.columns) | {"Personeelsnummer": ""},
        ],
    )
    assert [i.code for i in conflict.problems] == ["conflict"]
    assert conflict.problems[0].get("header") == "Personeelsnummer"
    # Two headers on one column, and a required column left out: warnings the import will report.
    doubled = uploads.plan_import(
        [absences], [dict(absences.columns) | {"Einddatum": "start_date"}]
    )
    assert [i.code for i in doubled.warnings] == ["duplicate"] and doubled.ready
    missing = uploads.plan_import([absences], [dict(absences.columns) | {"Begindatum": ""}])
    assert [(i.code, i.get("columns")) for i in missing.warnings] == [("missing", "start_date")]
    # A kind chosen against detection, next to a file of another kind: one call cannot do both.
    as_history = uploads.preview(tmp_path / "vz.csv", "job_history")
    split = uploads.plan_import([employees, as_history], [dict(employees.columns), {}])
    assert [(i.code, i.file) for i in split.problems] == [("split", "vz.csv")]
    # No kind chosen.
    unknown = uploads.preview(write(tmp_path / "x.csv", "Nr;Iets\n1;2\n"))
    assert [i.code for i in uploads.plan_import([unknown], [{}]).problems] == ["no_kind"]


def test_a_check_reports_everything_and_changes_nothing(tmp_path: Path, db: Path) -> None:
    load([write(tmp_path / "mw.csv", EMPLOYEES)], db)
    version = store.read_data_version(db)
    kept_versions = store.StoreFiles.resolve(db).versions()
    bad = ABSENCES + "9999;13-01-2024;15-01-2024;100\n1001;32-01-2024;;100\n"
    item = uploads.preview(write(tmp_path / "vz.csv", bad))
    plan = uploads.plan_import([item], [dict(item.columns)])
    report = uploads.check_import(plan, db)
    assert not report.loaded
    errors = uploads.error_rows(report)
    assert errors.columns == ["file", "row", "column", "value", "expected"]
    assert sorted(errors["row"].to_list()) == [4, 5]
    assert errors.filter(row=5)["value"].item() == "32-01-2024"
    assert store.read_data_version(db) == version
    assert fetch(db, "SELECT count(*) FROM absences")[0][0] == 0
    assert store.StoreFiles.resolve(db).versions() == kept_versions  # no trace of the dry run
    # Keeping the valid rows, the check says how many would load; still nothing changes.
    kept = uploads.check_import(plan, db, keep_valid=True)
    assert kept.loaded and uploads.file_rows(kept)["rows_loaded"].to_list() == [2]
    assert store.read_data_version(db) == version
    loaded = uploads.run_import(plan, db, keep_valid=True)
    assert loaded.loaded and store.read_data_version(db) == version + 1
    assert fetch(db, "SELECT count(*) FROM absences")[0][0] == 2


def test_a_saved_mapping_reads_back(tmp_path: Path) -> None:
    mapping = MappingFile(
        kind="absences",
        date_order="dmy",
        sheet='Blad "1"',
        columns={'Ziek "vanaf"': "start_date", "C:\\pad": "", "Één": "employee_id"},
        values={"absence_type": {"Zwangerschap/bevalling": "pregnancy"}},
    )
    folder = tmp_path / "mappings"
    path = uploads.save_mapping(folder, "Verzuim / AFAS!", mapping)
    assert path.parent == folder and path.name == "Verzuim _ AFAS.toml"
    again = MappingFile.load(path)
    assert (again.kind, again.date_order, again.sheet) == ("absences", "dmy", 'Blad "1"')
    assert dict(again.columns) == dict(mapping.columns)
    assert {k: dict(v) for k, v in again.values.items()} == {
        "absence_type": {"Zwangerschap/bevalling": "pregnancy"}
    }
    assert uploads.saved_mappings(folder) == [path]
    with pytest.raises(ValueError):
        uploads.save_mapping(folder, " / ", mapping)
    assert uploads.mappings_folder(tmp_path / "store" / "koers.duckdb") == (
        tmp_path / "store" / "mappings"
    )


def test_what_to_save_keeps_the_kind_only_when_chosen(tmp_path: Path) -> None:
    path = write(tmp_path / "ziek.csv", "Nr;Eerste dag ziek\n1001;13-01-2024\n")
    item = uploads.preview(path, "absences")
    choice = {"Nr": "employee_id", "Eerste dag ziek": "start_date"}
    saved = uploads.mapping_to_save(uploads.plan_import([item], [choice]), [item])
    assert saved.kind == "absences" and dict(saved.columns) == choice
    normal = uploads.preview(write(tmp_path / "vz.csv", ABSENCES))
    plain = uploads.mapping_to_save(uploads.plan_import([normal], [dict(normal.columns)]), [normal])
    assert plain.kind is None and not plain.columns


def test_history_and_what_a_rollback_undoes(tmp_path: Path, db: Path) -> None:
    con = store.connect_reader(db)
    try:
        assert uploads.undone_by_rollback(con, db) is None  # nothing kept yet
    finally:
        con.close()
    load([write(tmp_path / "mw.csv", EMPLOYEES)], db)
    load([write(tmp_path / "vz.csv", ABSENCES)], db)
    con = store.connect_reader(db)
    try:
        history = uploads.import_history(con)
        assert history["file_name"].to_list() == ["vz.csv", "mw.csv"]  # newest first
        assert history["rows_loaded"].to_list() == [2, 4]
        undone = uploads.undone_by_rollback(con, db)
    finally:
        con.close()
    assert undone is not None and undone["file_name"].to_list() == ["vz.csv"]
    version = uploads.rollback(db)
    assert version == 3
    con = store.connect_reader(db)
    try:
        assert uploads.import_history(con)["file_name"].to_list() == ["mw.csv"]
        after = uploads.undone_by_rollback(con, db)
        assert after is not None and after["file_name"].to_list() == ["mw.csv"]
    finally:
        con.close()


def test_completeness_counts_filled_cells_per_column(tmp_path: Path, db: Path) -> None:
    load([write(tmp_path / "mw.csv", EMPLOYEES)], db)
    con = store.connect_reader(db)
    try:
        frame = quality.completeness(con)
    finally:
        con.close()
    assert frame.columns == ["table", "column", "rows", "filled_rows", "filled_share"]
    share = {(t, c): s for t, c, s in frame.select("table", "column", "filled_share").rows()}
    assert share[("employments", "employee_id")] == 1.0
    assert share[("employments", "termination_date")] == 0.25  # 1 of 4 by hand
    assert share[("employments", "birth_date")] == 0.0
    assert share[("absences", "start_date")] is None  # an empty table has no share
    assert frame.filter(table="employments")["column"].to_list()[:3] == [
        "employee_id",
        "name",
        "hire_date",
    ]
    headline = quality.summary(frame)
    employment_columns = frame.filter(table="employments").height
    assert headline["columns"] == employment_columns  # only tables with rows
    assert headline["complete"] == 4  # employee_id, name, gender and hire_date
    assert headline["least"][2] == 0.0  # type: ignore[index]


def test_loaded_and_old_uploads_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    path = uploads.save_upload("a.csv", b"x", folder)
    old = uploads.save_upload("b.csv", b"y", folder)
    uploads.discard([path], folder)
    assert not path.parent.exists() and old.exists()
    stale = time.time() - 2 * 86400
    os.utime(old.parent, (stale, stale))
    uploads.discard_older(folder)
    assert not old.parent.exists()
    uploads.discard([tmp_path / "elsewhere" / "c.csv"], folder)  # outside: left alone


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(2, 5, (1, 5)), (1, 6, (1, 7)), (0, 10, (0, 10)), (3, 9, (1, 10)), (0, 4, (0, 5))],
)
def test_a_scale_guessed_from_the_answers_is_the_smallest_usual_one(
    low: float, high: float, expected: tuple[int, int]
) -> None:
    assert uploads.scale_from_answers(low, high) == expected


WIDE = (
    "Afdeling;Hoe waarschijnlijk is het dat je ons aanbeveelt? (0-10);Werkdruk (1-5);"
    "Ik leer veel;Tevredenheid\n"
    "A;9;4;2;3\nA;6;2;5;\nB;10;5;4;4\n"
)


def test_questions_are_proposed_from_mapping_header_and_answers(tmp_path: Path) -> None:
    """The eNPS question is recognised by its 0–10 scale and wording; '(1-5)' in a header gives
    the scale; a bare column gets a scale guessed from its answers (2–5 → 1–5) and no dimension;
    a mapping file outranks both."""
    from analytics.ingest.mapping import QuestionSpec

    path = write(tmp_path / "enquete_2025-06-30.csv", WIDE)
    item = uploads.preview(path)
    assert item.questions == (
        "Hoe waarschijnlijk is het dat je ons aanbeveelt? (0-10)",
        "Werkdruk (1-5)",
        "Ik leer veel",
        "Tevredenheid",
    )
    mapping = MappingFile(questions={"Tevredenheid": QuestionSpec("TEV", "tevredenheid", (1, 7))})
    proposed = {q.header: q for q in uploads.propose_questions(item, mapping)}
    enps = proposed["Hoe waarschijnlijk is het dat je ons aanbeveelt? (0-10)"]
    assert (enps.dimension, enps.scale, enps.dimension_from, enps.scale_from) == (
        "enps",
        (0, 10),
        "enps",
        "header",
    )
    assert enps.seen == (6, 10)
    workload = proposed["Werkdruk (1-5)"]
    assert (workload.dimension, workload.scale, workload.scale_from) == (None, (1, 5), "header")
    learning = proposed["Ik leer veel"]
    assert (learning.dimension, learning.scale, learning.scale_from) == (None, (1, 5), "answers")
    assert learning.question_id == "ik_leer_veel"
    satisfaction = proposed["Tevredenheid"]
    assert (satisfaction.question_id, satisfaction.dimension, satisfaction.scale) == (
        "TEV",
        "tevredenheid",
        (1, 7),
    )
    assert (satisfaction.dimension_from, satisfaction.scale_from) == ("mapping", "mapping")

    chosen = uploads.with_questions(
        mapping,
        {"Werkdruk (1-5)": QuestionSpec(None, "werkdruk", (1, 5))},
        ignored=("Ik leer veel",),
    )
    assert set(chosen.questions) == {"Tevredenheid", "Werkdruk (1-5)"}
    assert chosen.columns == {"Ik leer veel": ""}
