"""The Organisation page on the sample organisation (default period: the last full year, 2025)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics, headcount, org
from ui import fmt

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
PAGE = "pages/organisation.py"
LABELS = {  # the tiles' Dutch labels (registry) and units
    "headcount_end": ("Bezetting einde periode", "persons"),
    "fte_end": ("Fte einde periode", "fte"),
    "span_of_control_mean": ("Gemiddelde span of control", "ratio"),
    "layers_max": ("Aantal lagen", "layers"),
}


def expected_tiles(sample_db: Path, **options: object) -> dict[str, str]:
    """The four tiles as the page should show them, from the command line's metric set (whole
    organisation) or the analytics functions (a unit)."""
    con = store.connect_reader(sample_db)
    try:
        if options:
            filters = Filters(YEAR, **options)  # type: ignore[arg-type]
            values = {
                **headcount.headcount(con, filters).row(0, named=True),
                **org.org_structure(con, filters).row(0, named=True),
            }
        else:
            values = compute_metrics(con, Filters(YEAR))["metrics"]
    finally:
        con.close()
    return {name: fmt.value(unit, values[key], "nl") for key, (name, unit) in LABELS.items()}


def tiles(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


@pytest.fixture
def page(app: AppTest) -> AppTest:
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    return app


def test_renders_with_kpis_equal_to_the_command_line(page: AppTest, sample_db: Path) -> None:
    assert page.title[0].value == "Organisatie"
    assert tiles(page) == expected_tiles(sample_db)
    charts = figures(page)
    assert len(charts) == 5  # treemap, headcount/FTE trend, span bands, layers, span per department
    assert all(f["layout"]["title"]["text"] for f in charts)
    treemap = charts[0]["data"][0]
    assert treemap["type"] == "treemap"
    assert "Directie" in treemap["ids"]  # a withheld unit stays in the hierarchy without a value
    assert treemap["values"][treemap["ids"].index("Directie")] == 0
    assert len(charts[1]["data"][0]["x"]) == 24  # months
    con = store.connect_reader(sample_db)
    try:
        bands = org.span_bands(con, Filters(YEAR))
    finally:
        con.close()
    narrow = bands.filter(bands["band"] == "narrow")["managers"].item()
    title = charts[2]["layout"]["title"]["text"]
    assert ("met minder dan 3 medewerkers" in title) and (
        title.startswith("Geen") if narrow == 0 else title.startswith(fmt.number(narrow, "nl"))
    )
    assert charts[2]["data"][0]["y"] == bands["managers"].to_list()
    panels = [e.label for e in page.expander]
    assert "Tabel per eenheid op 31-12-2025" in panels and "Hoe is dit berekend?" in panels
    assert len(page.get("download_button")) == 2  # CSV and Excel


def test_an_organisation_filter_changes_the_figures(page: AppTest, sample_db: Path) -> None:
    before = tiles(page)
    page.multiselect(key="units").set_value(["Divisie Zorg"]).run()
    assert not page.exception
    after = tiles(page)
    assert after == expected_tiles(sample_db, org_units=("Divisie Zorg",))
    assert after["Bezetting einde periode"] != before["Bezetting einde periode"]


def test_language_switch(page: AppTest) -> None:
    page.session_state["language"] = "en"
    page.run()
    assert page.title[0].value == "Organisation"
    assert {"Headcount at end", "FTE at end", "Mean span of control"} <= set(tiles(page))
    bands = figures(page)[2]["data"][0]["x"]
    assert bands[0] == "Narrow<br>(1–2)"
    assert "Coordinator<br>(16+)" in bands


@pytest.mark.parametrize(
    ("chart", "point"),
    [
        ("organisation_drill", {"y": "ICT", "customdata": "ICT"}),
        ("organisation_treemap", {"id": "ICT", "label": "ICT", "parent": "Divisie Zorg"}),
    ],
)
def test_clicking_a_unit_filters_the_page(
    page: AppTest, sample_db: Path, chart: str, point: dict
) -> None:
    whole = tiles(page)
    page.session_state[chart] = {"selection": {"points": [point]}}
    page.run()
    assert not page.exception
    shown = tiles(page)
    assert shown == expected_tiles(sample_db, org_units=("ICT",))
    assert shown["Bezetting einde periode"] != whole["Bezetting einde periode"]
    assert page.button(key="organisation_back").label == "Terug naar alle groepen"
