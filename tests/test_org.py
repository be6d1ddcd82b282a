"""Organisation structure: spans and layers by hand on a small tree with a cycle and unknown
managers, the span bands, the unit treemap, the privacy rule; the sample organisation's figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics import store
from analytics.metrics import org
from analytics.metrics.base import Filters, Settings
from tests.support import load, write

ORG = """Eenheid;Bovenliggende eenheid
Directie;
Zorg;Directie
Staf;Directie
Wijk;Zorg
"""

# On 31 December 2024, under the population rules (013 has left, 015 is an agency worker):
#   001 (top) ─┬─ 002 ─┬─ 004 ── 007        layers 1, 2, 3, 4
#              │       ├─ 005, 006
#              └─ 003 ── 008
#   009 → 099 (never employed), 014 → 013 (left), 016 → 015 (flex): unknown managers, layer 1
#   010 ⇄ 011 (a cycle), 012 → 010 (below the cycle), 017 → 017 (manages themself)
HEADER = "Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling;Leidinggevende;Soort contract"
PEOPLE = f"""{HEADER};FTE
001;01-01-2020;;Directie;;Vast;1,0
002;01-01-2020;;Zorg;001;Vast;1,0
003;01-01-2020;;Staf;001;Vast;1,0
004;01-01-2020;;Zorg;002;Vast;0,5
005;01-01-2020;;Zorg;002;Vast;1,0
006;01-01-2020;;Zorg;002;Vast;1,0
007;01-01-2020;;Zorg;004;Vast;1,0
008;01-01-2020;;Staf;003;Vast;1,0
009;01-01-2020;;Staf;099;Vast;1,0
010;01-01-2020;;Staf;011;Vast;1,0
011;01-01-2020;;Staf;010;Vast;1,0
012;01-01-2020;;Staf;010;Vast;1,0
013;01-01-2020;30-06-2024;Zorg;002;Vast;1,0
014;01-01-2020;;Zorg;013;Vast;1,0
015;01-01-2020;;Zorg;002;Uitzendkracht;1,0
016;01-01-2020;;Zorg;015;Vast;1,0
017;01-01-2020;;Staf;017;Vast;1,0
"""

YEAR = Filters.for_period(date(2024, 1, 1), date(2024, 12, 31))
SMALL = Settings(min_group_size=3)


@pytest.fixture
def con(tmp_path: Path, db: Path):  # type: ignore[no-untyped-def]
    load([write(tmp_path / "org.csv", ORG), write(tmp_path / "mensen.csv", PEOPLE)], db)
    connection = store.connect_reader(db)
    yield store.cursor(connection)
    connection.close()


def test_reporting_lines_by_hand() -> None:
    tree = pl.DataFrame({
        "employee_id": ["a", "b", "c", "d", "e", "f", "g", "h"],
        "manager_id": [None, "a", "b", "x", "f", "e", "e", "h"],
    })  # fmt: skip
    lines = {r["employee_id"]: r for r in org.reporting_lines_raw(tree).iter_rows(named=True)}
    assert {k: v["layer"] for k, v in lines.items()} == {
        "a": 1, "b": 2, "c": 3, "d": 1, "e": None, "f": None, "g": None, "h": None,
    }  # fmt: skip
    assert {k for k, v in lines.items() if v["in_cycle"]} == {"e", "f", "h"}
    assert {k for k, v in lines.items() if v["unknown_manager"]} == {"d"}
    # e manages f and g; h's report to themself is no direct report.
    assert {k: v["direct_reports"] for k, v in lines.items()} == {
        "a": 1, "b": 1, "c": 0, "d": 0, "e": 2, "f": 1, "g": 0, "h": 0,
    }  # fmt: skip


def test_a_long_chain_ends() -> None:
    # A line of 500 people and a cycle of 500: the walk stops, nothing loops.
    line = [str(i) for i in range(500)]
    ring = [f"r{i}" for i in range(500)]
    tree = pl.DataFrame({
        "employee_id": line + ring,
        "manager_id": [None, *line[:-1]] + [ring[(i + 1) % 500] for i in range(500)],
    })  # fmt: skip
    lines = org.reporting_lines_raw(tree)
    assert lines["layer"].max() == 500
    assert int(lines["in_cycle"].sum()) == 500


def test_spans_and_layers_of_the_small_tree(con) -> None:  # type: ignore[no-untyped-def]
    row = org.org_structure_raw(con, YEAR, None).row(0, named=True)
    # 15 counted people in service; managers 001 (2), 002 (3: 013 left, 015 is flex),
    # 003 (1), 004 (1), 010 (2: 011 and 012), 011 (1); 017's self-report does not count.
    assert (row["population"], row["managers"]) == (15, 6)
    assert row["span_of_control_mean"] == pytest.approx(10 / 6)
    assert row["span_of_control_median"] == pytest.approx(1.5)
    assert row["narrow_span_share"] == pytest.approx(5 / 6)
    assert row["non_managers_per_manager"] == pytest.approx(9 / 6)
    # Layers 1: 001, 009, 014, 016; 2: 002, 003; 3: 004, 005, 006, 008; 4: 007.
    assert row["layers_max"] == 4
    assert row["layers_median"] == 2  # 11 people with a layer: the sixth is in layer 2


def test_layer_distribution_and_span_bands(con) -> None:  # type: ignore[no-untyped-def]
    layers = org.layer_distribution(con, YEAR)
    assert layers["employees"].to_list() == [4, 2, 4, 1]
    bands = org.span_bands(con, YEAR)
    assert dict(zip(bands["band"].to_list(), bands["managers"].to_list(), strict=True)) == {
        "narrow": 5, "player/coach": 1, "coach": 0, "supervisor": 0, "facilitator": 0,
        "coordinator": 0,
    }  # fmt: skip
    assert bands["share"].sum() == pytest.approx(1.0)


def test_data_problems_are_counted(con) -> None:  # type: ignore[no-untyped-def]
    problems = org.reporting_problems(con, YEAR)
    assert problems == org.OrgProblems(
        unknown_manager=3, unknown_manager_ids=3, in_cycle=3, below_cycle=1
    )
    assert problems.total == 7


def test_flex_managers_count_when_flex_is_included(con) -> None:  # type: ignore[no-untyped-def]
    flex = Filters(YEAR.period, settings=Settings(include_flex=True))
    row = org.org_structure_raw(con, flex, None).row(0, named=True)
    # 015 joins: 002 has 4 reports, 015 manages 016 (now in layer 4, not an unknown manager).
    assert (row["population"], row["managers"]) == (16, 7)
    assert row["span_of_control_mean"] == pytest.approx(12 / 7)
    assert org.reporting_problems(con, flex).unknown_manager == 2


def test_groups_take_the_managers_own_attributes(con) -> None:  # type: ignore[no-untyped-def]
    raw = org.org_structure_raw(con, YEAR, "department")
    rows = {r["group"]: r for r in raw.iter_rows(named=True)}
    # 001 is in Directie but manages people in Zorg and Staf: their span counts whole.
    assert rows["Directie"]["span_of_control_mean"] == 2
    assert (rows["Zorg"]["managers"], rows["Zorg"]["span_of_control_mean"]) == (2, 2.0)
    assert rows["Zorg"]["layers_max"] == 4
    assert rows["Staf"]["span_of_control_mean"] == pytest.approx(4 / 3)
    assert rows["Staf"]["layers_max"] == 3
    zorg = org.org_structure_raw(con, Filters(YEAR.period, org_units=("Zorg",)), None)
    assert zorg.select("population", "managers", "layers_max").row(0) == (7, 2, 4)


def test_small_groups_are_withheld(con) -> None:  # type: ignore[no-untyped-def]
    public = org.org_structure(con, YEAR, "department")
    hidden = dict(zip(public["group"].to_list(), public["suppressed"].to_list(), strict=True))
    # Directie is one person; one of the two groups of 7 goes too (complement protection).
    assert hidden["Directie"] is True
    assert sum(hidden.values()) == 2
    assert public.filter(pl.col("suppressed"))["span_of_control_mean"].null_count() == 2
    bands = org.span_bands(con, YEAR, "department")
    assert bands.filter(pl.col("group") == "Directie")["managers"].null_count() == 6
    overview = org.overview(con, YEAR, None)
    assert overview.row(0) == ("all", pytest.approx(10 / 6), 4, False)


def test_unit_tree_for_a_treemap(con) -> None:  # type: ignore[no-untyped-def]
    raw = org.unit_tree_raw(con, YEAR)
    rows = {r["unit"]: r for r in raw.iter_rows(named=True)}
    assert {u: (r["parent"], r["headcount"], r["fte"]) for u, r in rows.items()} == {
        "Directie": (None, 1, 1.0),
        "Zorg": ("Directie", 7, 6.5),  # 004 works half time; 013 left, 015 is flex
        "Staf": ("Directie", 7, 7.0),
        "Wijk": ("Zorg", 0, 0.0),
    }
    public = org.unit_tree(con, YEAR)
    shown = {r["unit"]: (r["headcount"], r["suppressed"]) for r in public.iter_rows(named=True)}
    assert shown["Directie"] == (None, True)
    assert shown["Wijk"] == (0, False)  # nobody works there: nothing to protect
    assert [shown["Zorg"][1], shown["Staf"][1]].count(True) == 1  # the complement
    zorg = org.unit_tree_raw(con, Filters(YEAR.period, org_units=("Zorg",)))
    assert zorg.select("unit", "parent", "headcount").rows() == [
        ("Wijk", "Zorg", 0),
        ("Zorg", None, 7),
    ]


def test_without_managers_nothing_is_computed(tmp_path: Path, db: Path) -> None:
    people = "Personeelsnummer;Datum in dienst\n" + "".join(
        f"{i:03d};01-01-2020\n" for i in range(1, 7)
    )
    load([write(tmp_path / "m.csv", people)], db)
    connection = store.connect_reader(db)
    try:
        row = org.overview(store.cursor(connection), YEAR, None).row(0)
        assert row == ("all", None, None, False)
    finally:
        connection.close()


# The unit hierarchy as derived once per import: five levels deep (level 3 is the deepest kept),
# and K1 ⇄ K2 a cycle that no top unit reaches.
UNITS = """Eenheid;Omschrijving;Bovenliggende eenheid
D;Directie;
Z;Zorg;D
W;Wijk;Z
WN;Wijk Noord;W
T;Team Noord;WN
S;Staf;D
K1;Kring een;K2
K2;Kring twee;K1
"""
STAFF_HEADER = (
    "Personeelsnummer;Datum in dienst;Datum uit dienst;Reden uit dienst;Afdeling;Geboortedatum;"
    "Bonus"
)


def _derived(tmp_path: Path, db: Path, staff: str) -> dict[str, list[tuple[object, ...]]]:
    load([write(tmp_path / "org.csv", UNITS), write(tmp_path / "mensen.csv", staff)], db)
    connection = store.connect_reader(db)
    try:
        return {
            "labels": connection.sql("SELECT * FROM org_unit_labels ORDER BY unit_id").fetchall(),
            "levels": connection.sql("SELECT * FROM org_unit_levels ORDER BY unit_id").fetchall(),
            "segments": connection.sql(
                "SELECT employee_id, department, org_level_1, org_level_2, org_level_3, "
                "generation, annual_bonus, termination_reason "
                "FROM employment_segments ORDER BY employee_id"
            ).fetchall(),
            # as stored: by last day, open segments last (a one-day query skips row groups)
            "stored": connection.sql("SELECT employee_id FROM employment_segments").fetchall(),
        }
    finally:
        connection.close()


def test_the_unit_hierarchy_is_derived_by_name(tmp_path: Path, db: Path) -> None:
    # Three departments by name, one by code: units are labelled by name.
    staff = f"""{STAFF_HEADER}
001;01-01-2020;;;Wijk Noord;15-03-1970;1200,00
002;01-01-2020;;;Directie;01-01-1964;
003;01-01-2020;31-03-2024;Verhuizing;T;01-01-1997;
004;01-01-2020;;;Oud;;
005;01-01-2020;;;Staf;31-12-2012;
"""
    derived = _derived(tmp_path, db, staff)
    assert derived["labels"] == [
        ("D", "Directie"), ("K1", "Kring een"), ("K2", "Kring twee"), ("S", "Staf"),
        ("T", "Team Noord"), ("W", "Wijk"), ("WN", "Wijk Noord"), ("Z", "Zorg"),
    ]  # fmt: skip
    assert derived["levels"] == [
        ("D", "Directie", "Directie", None, None, ["D"]),
        ("S", "Staf", "Directie", "Staf", None, ["D", "S"]),
        ("T", "Team Noord", "Directie", "Zorg", "Wijk", ["D", "Z", "W", "WN", "T"]),
        ("W", "Wijk", "Directie", "Zorg", "Wijk", ["D", "Z", "W"]),
        ("WN", "Wijk Noord", "Directie", "Zorg", "Wijk", ["D", "Z", "W", "WN"]),
        ("Z", "Zorg", "Directie", "Zorg", None, ["D", "Z"]),
    ]  # the cycle K1 ⇄ K2 has a label but no levels
    assert derived["segments"] == [
        ("001", "Wijk Noord", "Directie", "Zorg", "Wijk", "Generatie X (1965-1980)", 1200.0, None),
        # a top unit is its own level 2 and 3
        ("002", "Directie", "Directie", "Directie", "Directie", "Babyboom (1946-1964)", None, None),
        # a code where units go by name is no unit: its own level at every level
        ("003", "T", "T", "T", "T", "Generatie Z (1997-2012)", None, "Verhuizing"),
        ("004", "Oud", "Oud", "Oud", "Oud", None, None, None),
        ("005", "Staf", "Directie", "Staf", "Staf", "Generatie Z (1997-2012)", None, None),
    ]
    assert [row[0] for row in derived["stored"]] == ["003", "001", "002", "004", "005"]


def test_the_unit_hierarchy_is_derived_by_code(tmp_path: Path, db: Path) -> None:
    # Departments by code as often as by name: units are labelled by code.
    staff = f"""{STAFF_HEADER}
001;01-01-2020;;;WN;01-01-1945;
002;01-01-2020;;;Staf;01-01-1981;
"""
    derived = _derived(tmp_path, db, staff)
    assert [label for _, label in derived["labels"]] == [
        "D", "K1", "K2", "S", "T", "W", "WN", "Z",
    ]  # fmt: skip
    assert derived["levels"][2] == ("T", "T", "D", "Z", "W", ["D", "Z", "W", "WN", "T"])
    assert derived["segments"] == [
        ("001", "WN", "D", "Z", "W", "overig", None, None),
        ("002", "Staf", "Staf", "Staf", "Staf", "Millennials (1981-1996)", None, None),
    ]


# --- The sample organisation (sample_data/README.md) -------------------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sample") / "koers.duckdb"
    load(sorted(SAMPLE.glob("*.csv")), path)
    connection = store.connect_reader(path)
    yield store.cursor(connection)
    connection.close()


def test_sample_figures_as_the_readme_states(sample) -> None:  # type: ignore[no-untyped-def]
    # README, 31-12-2025 with everybody in service (flex included): 133 people with direct
    # reports, spans 3 to 18, median 13.
    end_2025 = Filters(
        Filters.for_period(date(2025, 1, 1), date(2025, 12, 31)).period,
        settings=Settings(include_flex=True),
    )
    row = org.org_structure(sample, end_2025).row(0, named=True)
    assert (row["population"], row["managers"], row["span_of_control_median"]) == (1557, 133, 13)
    assert row["narrow_span_share"] == 0  # nobody below 3
    bands = org.span_bands(sample, end_2025)
    assert bands.filter(pl.col("band") == "narrow")["managers"].item() == 0
    assert bands.filter(pl.col("band") == "coordinator")["managers"].item() >= 1  # up to 18


def test_sample_figures_2024(sample) -> None:  # type: ignore[no-untyped-def]
    year = Filters.for_period(date(2024, 1, 1), date(2024, 12, 31))
    row = org.org_structure(sample, year).row(0, named=True)
    # Flex out (the default): 1,471 in service on 31-12-2024 (README's headcount table).
    assert row["population"] == 1471
    # Teams of about ten under a teamleider: spans 3-18, so mean and median lie in 8-15.
    assert 8 <= row["span_of_control_mean"] <= 15
    assert 8 <= row["span_of_control_median"] <= 15
    assert 120 <= row["managers"] <= 140
    # algemeen directeur → directeuren → managers → teamleiders → employees: five layers.
    assert row["layers_max"] == 5
    assert org.reporting_problems(sample, year).total == 0  # every manager is in service
    units = org.unit_tree(sample, year)
    assert "Supply Chain" in units["unit"].to_list()
    visible = units.filter(~pl.col("suppressed") & pl.col("in_org_units"))
    assert visible["headcount"].sum() <= 1471


def test_reporting_lines_keep_the_tree_order_and_group_reports() -> None:
    # a ─┬─ b, d          g → x (not in the tree): layer 1, manages h
    #    └─ c ─┬─ e, f    listed reports before their managers, shuffled
    tree = pl.DataFrame({
        "employee_id": ["e", "b", "h", "f", "a", "d", "c", "g"],
        "manager_id": ["c", "a", "g", "c", None, "a", "a", "x"],
    })  # fmt: skip
    lines = org.reporting_lines_raw(tree)
    assert lines["employee_id"].to_list() == tree["employee_id"].to_list()
    assert lines["layer"].to_list() == [3, 2, 2, 3, 1, 2, 2, 1]
    assert lines["direct_reports"].to_list() == [0, 0, 0, 0, 3, 0, 2, 1]
    assert lines["unknown_manager"].to_list() == [False] * 7 + [True]
    assert not lines["in_cycle"].any()


def test_filters_and_whole_population_give_the_same_lines(con) -> None:  # type: ignore[no-untyped-def]
    # A filter that keeps everybody takes the two-query path; no filter the one-query path.
    everybody = Filters(YEAR.period, contract_types=("permanent", "temporary", "intern"))
    whole = org.org_structure_raw(con, YEAR, "department")
    filtered = org.org_structure_raw(con, everybody, "department")
    assert filtered.rows() == whole.rows()
    # Zorg on 31-12-2024: 002 004 005 006 007 014 016 (013 has left, 015 is flex); 002 and 004
    # manage.
    zorg = whole.filter(pl.col("group") == "Zorg")
    assert zorg.select("population", "managers").row(0) == (7, 2)
