"""The organisation filter: the unit tree it lists (depth-first, as departments name units, former
departments and unreachable units at the top), the names it shows, the sub-units it says are
included, and the sidebar on the sample organisation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from analytics.metrics.scope import unit_outline
from tests.support import load, write
from ui import fmt
from ui.filters import INDENT, below, unit_names

# Units named by code; the employments use the codes, so units are shown by their codes.
# Z20 and Z10 are listed in reverse to check the order; C1 ⇄ C2 is a cycle nobody can reach.
ORG = """Eenheid;Omschrijving;Bovenliggende eenheid
D;Directie;
Z;Zorg;D
Z20;Wijk Noord;Z
Z10;Wijk Zuid;Z
S;Staf;D
C1;Kring een;C2
C2;Kring twee;C1
"""
PEOPLE = """Personeelsnummer;Datum in dienst;Afdeling
001;01-01-2020;D
002;01-01-2020;Z10
003;01-01-2020;Z20
004;01-01-2020;S
005;01-01-2020;OUD
"""


def test_the_outline_is_the_tree_depth_first(tmp_path: Path, db: Path) -> None:
    report = load([write(tmp_path / "org.csv", ORG), write(tmp_path / "mensen.csv", PEOPLE)], db)
    assert report.loaded, report.format()
    con = store.connect_reader(db)
    try:
        outline = unit_outline(store.cursor(con))
    finally:
        con.close()
    assert outline.select("unit", "parent", "depth", "sub_units", "in_org_units").rows() == [
        ("D", None, 0, 4, True),
        ("S", "D", 1, 0, True),
        ("Z", "D", 1, 2, True),
        ("Z10", "Z", 2, 0, True),
        ("Z20", "Z", 2, 0, True),
        ("C1", None, 0, 0, False),  # on a cycle: the hierarchy cannot place it
        ("C2", None, 0, 0, False),
        ("OUD", None, 0, 0, False),  # a department that is no org unit
    ]
    assert outline["path"].to_list()[3] == ["D", "Z", "Z10"]


def _outline(rows: list[tuple[str, list[str], bool]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unit": [unit for unit, _, _ in rows],
            "path": [path for _, path, _ in rows],
            "depth": [len(path) - 1 for _, path, _ in rows],
            "in_org_units": [listed for _, _, listed in rows],
        }
    )


def test_names_are_indented_by_depth() -> None:
    outline = _outline(
        [
            ("D", ["D"], True),
            ("Z", ["D", "Z"], True),
            ("W", ["D", "Z", "W"], True),
            ("Oud", ["Oud"], False),
        ]
    )
    assert unit_names(outline) == {"D": "D", "Z": INDENT + "Z", "W": INDENT * 2 + "W", "Oud": "Oud"}
    assert INDENT.strip() == ""  # white space the browser does not collapse
    assert " " not in INDENT


def test_below_lists_the_sub_units_not_chosen_themselves() -> None:
    outline = _outline(
        [
            ("D", ["D"], True),
            ("Z", ["D", "Z"], True),
            ("W", ["D", "Z", "W"], True),
            ("S", ["D", "S"], True),
        ]
    )
    assert below(outline, ["Z"]) == ["W"]
    assert below(outline, ["Z", "W"]) == []
    assert below(outline, ["D"]) == ["Z", "W", "S"]
    assert below(outline, []) == []


def test_the_sidebar_lists_the_tree_and_filters_a_division(app: AppTest, sample_db: Path) -> None:
    app.run()
    assert not app.exception
    units = app.multiselect(key="units")
    # The sample's single top unit (Directie) heads the list; the divisions follow, each with its
    # departments right below it; the former departments Inkoop and Logistiek come last.
    assert units.options[:5] == [
        "Directie",
        INDENT + "Divisie Bedrijfsvoering",
        INDENT * 2 + "Facilitair",
        INDENT * 2 + "Financiën",
        INDENT * 2 + "HR",
    ]
    assert units.options[-2:] == ["Inkoop", "Logistiek"]
    # Contract types and work arrangements are stored as codes and shown in words.
    assert app.multiselect(key="contracts").options == ["Flex", "Stage", "Vast", "Tijdelijk"]
    assert app.multiselect(key="arrangements").options == ["Hybride", "Op locatie", "Op afstand"]
    assert INDENT + "Divisie Zorg" in units.options
    units.set_value(["Divisie Zorg"]).run()
    assert not app.exception
    caption = [c.value for c in app.sidebar.caption if "onderliggende" in c.value]
    assert caption == [
        "Met onderliggende eenheden: Ergotherapie & Advies, Thuisondersteuning, Wijkverpleging"
    ]
    con = store.connect_reader(sample_db)
    try:
        year = Period(date(2025, 1, 1), date(2025, 12, 31))  # the sidebar's default period
        figures = compute_metrics(store.cursor(con), Filters(year, org_units=("Divisie Zorg",)))
    finally:
        con.close()
    tiles = {metric.label: metric.value for metric in app.metric}
    assert tiles["Verloop"] == fmt.percent(figures["metrics"]["turnover_rate"], "nl")
    assert tiles["Verloop"] != "13,2 %"  # the whole organisation's 2025 turnover
