"""The Engagement page on the sample organisation (default period: the last full year, 2025)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from analytics.metrics import engagement as metrics
from ui import fmt

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
PAGE = "pages/engagement.py"


def enps_points(value: float) -> str:
    """eNPS as the page shows it: signed points."""
    return fmt.signed(round(value * 100), "nl")


def cli_keys(sample_db: Path, **options: object) -> dict:
    """enps and response_rate of the latest wave in 2025, as the command line computes them."""
    con = store.connect_reader(sample_db)
    try:
        if not options:
            return compute_metrics(con, Filters(YEAR))["metrics"]
        return metrics.overview(con, Filters(YEAR, **options), None).row(0, named=True)  # type: ignore[arg-type]
    finally:
        con.close()


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
    assert page.title[0].value == "Betrokkenheid"
    expected = cli_keys(sample_db)
    shown = tiles(page)
    assert shown["eNPS"] == enps_points(expected["enps"])
    assert shown["eNPS"].startswith("+")  # the sample's eNPS is positive: shown with its sign
    assert shown["Respons"] == fmt.percent(expected["response_rate"], "nl")
    assert "Psychologische veiligheid" in shown
    charts = figures(page)
    assert len(charts) == 5  # eNPS trend, change since the previous wave, heatmap, items, response
    assert all(f["layout"]["title"]["text"] for f in charts)
    trend = charts[0]["data"][0]
    assert len(trend["x"]) == 10  # two waves a year, 2021-2025
    heatmap = charts[2]
    assert heatmap["data"][0]["x"][0] == "Psychologische veiligheid"  # highlighted, first column
    assert heatmap["layout"]["shapes"]  # the outline around psychological safety
    panels = [e.label for e in page.expander]
    assert "Tabel per afdeling, meting van 30-09-2025" in panels
    assert "Hoe is dit berekend?" in panels
    assert len(page.get("download_button")) == 2  # CSV and Excel


def test_an_organisation_filter_changes_the_figures(page: AppTest, sample_db: Path) -> None:
    before = tiles(page)["eNPS"]
    page.multiselect(key="units").set_value(["Divisie Zorg"]).run()
    assert not page.exception
    expected = cli_keys(sample_db, org_units=("Divisie Zorg",))
    after = tiles(page)
    assert after["eNPS"] == enps_points(expected["enps"])
    assert after["Respons"] == fmt.percent(expected["response_rate"], "nl")
    assert after["eNPS"] != before


def test_language_switch(page: AppTest) -> None:
    page.session_state["language"] = "en"
    page.run()
    assert page.title[0].value == "Engagement"
    assert {"Response rate", "Psychological safety", "Respondents"} <= set(tiles(page))
    heatmap = figures(page)[2]
    assert "Psychological safety" in heatmap["data"][0]["x"]
    assert "Work engagement" in heatmap["data"][0]["x"]


@pytest.mark.parametrize("chart", ["engagement_drill", "engagement_heatmap"])
def test_clicking_a_department_filters_the_page(page: AppTest, sample_db: Path, chart: str) -> None:
    whole = tiles(page)
    page.session_state[chart] = {"selection": {"points": [{"y": "HR", "customdata": "HR"}]}}
    page.run()
    assert not page.exception
    expected = cli_keys(sample_db, org_units=("HR",))
    shown = tiles(page)
    assert shown["eNPS"] == enps_points(expected["enps"])
    assert shown["Respons"] == fmt.percent(expected["response_rate"], "nl")
    assert shown["Respondenten"] != whole["Respondenten"]
    assert page.button(key="engagement_back").label == "Terug naar alle groepen"


def test_filters_a_response_does_not_carry_give_a_message(page: AppTest) -> None:
    page.multiselect(key="locations").set_value(["Utrecht"]).run()
    assert not page.exception
    assert "anoniem" in page.info[0].value
    assert not page.get("plotly_chart")
