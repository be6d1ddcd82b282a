"""The Turnover page on the sample organisation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from analytics.metrics import turnover as metrics
from ui import fmt

PAGE = "pages/turnover.py"
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))  # the sidebar's default: last full year
CHARTS = 7  # by group, monthly, rolling, types, reasons, retention, first-year


@contextmanager
def reader(sample_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = store.connect_reader(sample_db)
    try:
        yield con
    finally:
        con.close()


def open_page(app: AppTest) -> AppTest:
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    return app


def tiles(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def titles(app: AppTest) -> list[str]:
    return [
        json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")
    ]


def test_renders_with_kpis_equal_to_the_command_line_in_both_languages(
    app: AppTest, sample_db: Path
) -> None:
    open_page(app)
    assert app.title[0].value == "Verloop"
    with reader(sample_db) as con:
        expected = compute_metrics(con, Filters(YEAR))["metrics"]
    shown = tiles(app)
    assert shown["Verloop"] == fmt.percent(expected["turnover_rate"], "nl")
    assert shown["Vrijwillig verloop"] == fmt.percent(expected["voluntary_turnover_rate"], "nl")
    assert shown["Uitstroom"] == fmt.number(expected["leavers"], "nl")
    assert shown["Instroom"] == fmt.number(expected["hires"], "nl")
    assert shown["Stabiliteitsindex"] == fmt.percent(expected["stability_index"], "nl")
    found = titles(app)
    assert len(found) == CHARTS
    assert all(found)
    assert found[0].startswith("Verloop per afdeling: het hoogst bij ")
    assert any("schatting" in title for title in found)  # the 2025 hires: not a full year yet
    assert app.dataframe[0].value.shape[0] > 5  # the table per department
    assert app.info  # groups withheld (small departments, rare reasons) are said to be

    # The language switch (same figures, cached: quick).
    app.session_state["language"] = "en"
    app.run()
    assert app.title[0].value == "Turnover"
    assert {"Turnover rate", "Stability index", "Leavers"} <= set(tiles(app))
    found = titles(app)
    assert found[0].startswith("Turnover rate by department: highest in ")
    assert any(title.startswith("After one year") for title in found)
    assert "%" in tiles(app)["Turnover rate"] and " %" not in tiles(app)["Turnover rate"]


def test_a_filter_changes_the_figures(app: AppTest, sample_db: Path) -> None:
    open_page(app)
    before = tiles(app)["Verloop"]
    app.multiselect(key="locations").set_value(["Utrecht"]).run()
    assert not app.exception
    after = tiles(app)["Verloop"]
    with reader(sample_db) as con:
        expected = metrics.turnover(con, Filters(YEAR, locations=("Utrecht",)))
    assert after == fmt.percent(expected["turnover_rate"].item(), "nl")
    assert before != after


def test_too_few_people_shows_only_a_message(app: AppTest) -> None:
    open_page(app)
    app.multiselect(key="locations").set_value(["Zwolle"])
    app.multiselect(key="contracts").set_value(["intern"])
    app.multiselect(key="arrangements").set_value(["on_site"]).run()
    assert not app.exception
    assert app.warning and "Minder dan 5 personen" in app.warning[0].value
    assert not app.get("plotly_chart") and not app.metric


def test_clicking_a_bar_filters_the_page(app: AppTest, sample_db: Path) -> None:
    open_page(app)
    everyone = tiles(app)["Verloop"]
    # A department: the page takes it as an organisation filter.
    point = {"x": 0.15, "y": "ICT", "customdata": "ICT"}
    app.session_state["turnover_drill_department_0"] = {"selection": {"points": [point]}}
    app.run()
    assert not app.exception
    with reader(sample_db) as con:
        ict = metrics.turnover(con, Filters(YEAR, org_units=("ICT",)))
        young = metrics.turnover(con, Filters(YEAR), by="age_band")
    assert tiles(app)["Verloop"] == fmt.percent(ict["turnover_rate"].item(), "nl")
    assert tiles(app)["Uitstroom"] == fmt.number(ict["leavers"].item(), "nl")
    assert any("afdeling ICT" in info.value for info in app.info)
    back = app.button(key="turnover_drill_department_0_back")
    assert back.label == "Terug naar alle groepen"
    back.click().run()
    assert tiles(app)["Verloop"] == everyone
    assert not [b for b in app.button if b.key and b.key.endswith("_back")]

    # An age band (no such filter): the page keeps that group's row of every figure.
    app.segmented_control(key="turnover_by").set_value("age_band").run()
    point = {"x": "15-25 jaar", "customdata": "15-25"}
    app.session_state["turnover_drill_age_band_1"] = {"selection": {"points": [point]}}
    app.run()
    assert not app.exception
    band = young.filter(young["group"] == "15-25")
    assert tiles(app)["Verloop"] == fmt.percent(band["turnover_rate"].item(), "nl")
    assert tiles(app)["Instroom"] == fmt.number(band["hires"].item(), "nl")
    assert app.button(key="turnover_drill_age_band_1_back").label == "Terug naar alle groepen"
    assert len(titles(app)) == CHARTS


HRDATASET = Path(__file__).resolve().parents[2] / "shared" / "data" / "HRDataset_v14.csv"


@pytest.mark.skipif(not HRDATASET.exists(), reason="shared data not present")
def test_a_small_real_organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HRDataset (311 people): in 2017, the last full year, 8 people left, too few to show per
    termination type or reason, which the page says instead of drawing empty charts; departments
    without leavers show their 0,0 % and the bars carry their values."""
    import streamlit as st

    from analytics.ingest.load import import_files

    db = tmp_path / "store" / "koers.duckdb"
    assert import_files([HRDATASET], db=db).loaded
    monkeypatch.setenv("KOERS_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(
        str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120
    )
    open_page(app)
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Uitstroom"] == "8"
    withheld = [i.value for i in app.info if "Te weinig vertrekkers" in i.value]
    assert (
        withheld
        == ["Te weinig vertrekkers om per groep te tonen: elke groep telt minder dan 5."] * 2
    )
    by_group = json.loads(app.get("plotly_chart")[0].proto.spec)
    bars = by_group["data"][0]
    labels = dict(zip(bars["y"], bars["text"], strict=True))
    assert labels["Sales"] == "0,0 %" and labels["Software Engineering"] == "0,0 %"
    assert labels["Production"] == "5,1 %"
    assert len(app.get("plotly_chart")) == CHARTS - 2
