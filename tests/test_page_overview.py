"""The Overview page on the sample organisation."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from ui import fmt


def test_renders_with_kpis_equal_to_the_command_line(app: AppTest, sample_db: Path) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Overzicht"
    tiles = {m.label: m.value for m in app.metric}
    # The sidebar's default period is the last full year of the data: 2025.
    con = store.connect_reader(sample_db)
    try:
        expected = compute_metrics(con, Filters(Period(date(2025, 1, 1), date(2025, 12, 31))))
    finally:
        con.close()
    metrics = expected["metrics"]
    assert tiles["Bezetting einde periode"] == fmt.number(metrics["headcount_end"], "nl")
    assert tiles["Verloop"] == fmt.percent(metrics["turnover_rate"], "nl")
    assert tiles["Verzuimpercentage"] == fmt.percent(metrics["absence_rate"], "nl")
    figures = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    assert len(figures) == 3
    assert all(f["layout"]["title"]["text"] for f in figures)


def test_language_switch(app: AppTest) -> None:
    app.run()
    app.session_state["language"] = "en"
    app.run()
    assert app.title[0].value == "Overview"
    assert "Turnover rate" in {m.label for m in app.metric}


def test_a_filter_changes_the_figures(app: AppTest) -> None:
    app.run()
    before = {m.label: m.value for m in app.metric}["Bezetting einde periode"]
    app.multiselect(key="locations").set_value(["Utrecht"]).run()
    after = {m.label: m.value for m in app.metric}["Bezetting einde periode"]
    assert before != after
