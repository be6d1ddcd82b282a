"""The Absence page on the sample organisation."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from analytics.metrics.absence import POORTWACHTER_WEEKS, absence, open_spells
from ui import fmt

YEAR = Filters(Period(date(2025, 1, 1), date(2025, 12, 31)))  # the sidebar's default period
DEPARTMENT = "Wijkverpleging"


@pytest.fixture
def page(app: AppTest) -> AppTest:
    app.switch_page("pages/absence.py")
    app.run()
    assert not app.exception
    return app


def tiles(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def figure(app: AppTest, key: str) -> dict:
    for chart in app.get("plotly_chart"):
        if key in chart.proto.id:
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no chart {key}")


def expected(sample_db: Path, filters: Filters) -> dict:
    con = store.connect_reader(sample_db)
    try:
        return absence(con, filters).row(0, named=True)
    finally:
        con.close()


def test_renders_with_kpis_equal_to_the_command_line(page: AppTest, sample_db: Path) -> None:
    assert page.title[0].value == "Verzuim"
    con = store.connect_reader(sample_db)
    try:
        metrics = compute_metrics(con, YEAR)["metrics"]
        spells = open_spells(con, YEAR).row(0, named=True)
    finally:
        con.close()
    shown = tiles(page)
    assert shown["Verzuimpercentage"] == fmt.percent(metrics["absence_rate"], "nl")
    assert shown["Meldingsfrequentie"] == fmt.number(metrics["absence_frequency"], "nl", 2)
    assert shown["Gemiddelde verzuimduur"] == fmt.number(
        metrics["average_absence_duration"], "nl", 1
    )
    assert shown["Nulverzuim"] == fmt.percent(metrics["zero_absence_rate"], "nl")
    assert all(m.delta for m in page.metric)  # every tile shows its change

    charts = [json.loads(c.proto.spec) for c in page.get("plotly_chart")]
    assert len(charts) == 8  # 4 trends, duration classes, Poortwachter, verzuimvenster, heatmap
    assert all(f["layout"]["title"]["text"] for f in charts)

    # The trend carries the CBS benchmark, its source and extraction date in a caption.
    trend = figure(page, "absence_trend_rate")
    assert any(trace["name"].startswith("CBS ") for trace in trend["data"])
    captions = " ".join(c.value for c in page.caption)
    assert "80072NED" in captions and "opgehaald 22-11-2026" in captions

    # Open spells: counts per milestone, no names.
    bars = figure(page, "absence_open")["data"][0]
    assert bars["x"] == [spells[f"reached_week_{w}"] for w in POORTWACHTER_WEEKS]
    assert all(name.startswith("Week ") for name in bars["y"])

    # Heatmap: months in Dutch, the last five years.
    heat = figure(page, "absence_heatmap")["data"][0]
    assert heat["x"][:3] == ["jan", "feb", "mrt"]
    assert heat["y"] == ["2021", "2022", "2023", "2024", "2025"]
    assert len(page.get("download_button")) == 2


def test_language_switch(page: AppTest) -> None:
    page.session_state["language"] = "en"
    page.run()
    assert page.title[0].value == "Absence"
    assert {"Absence rate", "Zero absence rate"} <= set(tiles(page))
    assert figure(page, "absence_heatmap")["data"][0]["x"][:3] == ["Jan", "Feb", "Mar"]
    assert "retrieved" in " ".join(c.value for c in page.caption)


def test_a_filter_and_the_sector_change_the_figures(page: AppTest) -> None:
    before = tiles(page)["Verzuimpercentage"]
    names = {t["name"] for t in figure(page, "absence_trend_rate")["data"]}
    page.multiselect(key="locations").set_value(["Utrecht"]).run()
    assert not page.exception
    assert tiles(page)["Verzuimpercentage"] != before
    page.selectbox(key="absence_sector").set_value("Q").run()
    changed = {t["name"] for t in figure(page, "absence_trend_rate")["data"]}
    assert changed != names
    assert any("Gezondheids- en welzijnszorg" in name for name in changed)


def test_clicking_a_department_filters_the_page(page: AppTest, sample_db: Path) -> None:
    point = figure(page, "absence_window")["data"][0]
    assert DEPARTMENT in point["customdata"]
    whole = tiles(page)["Verzuimpercentage"]
    page.session_state["absence_window"] = {
        "selection": {"points": [{"x": 1.0, "y": 0.06, "customdata": DEPARTMENT}]}
    }
    page.run()
    assert not page.exception
    drilled = expected(sample_db, Filters(YEAR.period, org_units=(DEPARTMENT,)))
    assert tiles(page)["Verzuimpercentage"] == fmt.percent(drilled["absence_rate"], "nl")
    assert tiles(page)["Verzuimpercentage"] != whole
    assert any(DEPARTMENT in i.value for i in page.info)
    page.button(key="absence_back_top").click().run()
    assert tiles(page)["Verzuimpercentage"] == whole

    # "Back" starts a fresh chart (a new key), so no old selection chooses the department again;
    # drill_chart's own back button under the chart works too.
    page.session_state["absence_window_1"] = {
        "selection": {"points": [{"x": 1.0, "y": 0.06, "customdata": DEPARTMENT}]}
    }
    page.run()
    assert tiles(page)["Verzuimpercentage"] != whole
    page.button(key="absence_window_1_back").click().run()
    assert tiles(page)["Verzuimpercentage"] == whole
    assert not [b for b in page.button if b.key.endswith("_back") or b.key == "absence_back_top"]


def test_too_few_people_show_only_a_message(page: AppTest) -> None:
    page.multiselect(key="units").set_value(["Juridische Zaken"])
    page.multiselect(key="contracts").set_value(["intern"]).run()
    assert not page.exception
    assert page.warning and "Minder dan 5 personen" in page.warning[0].value
    assert not page.metric and not page.get("plotly_chart")
