"""The Diversity & pay page on the sample organisation."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from analytics.metrics import pay as pay_metrics
from ui import fmt

PAGE = "pages/diversity.py"
YEAR = Filters(Period(date(2025, 1, 1), date(2025, 12, 31)))  # the sidebar's default period
GRADE = "12"


@pytest.fixture(scope="module")
def expected(sample_db: Path) -> dict:
    """The command line's figures and the pay report for the default period, whole and for one
    grade, straight from analytics."""
    con = store.connect_reader(sample_db)
    try:
        graded = Filters(YEAR.period, grades=(GRADE,))
        return {
            "all": compute_metrics(con, YEAR)["metrics"],
            "grade": compute_metrics(con, graded)["metrics"],
            "report": pay_metrics.pay_report(con, YEAR),
        }
    finally:
        con.close()


def open_page(app: AppTest) -> AppTest:
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    return app


def tiles(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def texts(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in app.get(kind)]
    return "\n".join(str(p) for p in parts)


def test_renders_the_command_line_figures_and_the_pay_report(app: AppTest, expected: dict) -> None:
    """One render (each costs seconds), checked for the tiles, the charts and the pay report."""
    open_page(app)
    assert app.title[0].value == "Diversiteit & beloning"
    shown, metrics = tiles(app), expected["all"]
    assert shown["Aandeel vrouwen"] == fmt.percent(metrics["female_share"], "nl")
    assert shown["Loonkloof (gemiddeld)"] == fmt.percent(metrics["gender_pay_gap_mean"], "nl")
    assert shown["Loonkloof (mediaan)"] == fmt.percent(metrics["gender_pay_gap_median"], "nl")
    assert shown["Bezetting einde periode"] == fmt.number(metrics["headcount_end"], "nl")
    charts = figures(app)
    assert len(charts) == 7
    assert all(f["layout"]["title"]["text"] for f in charts)

    report = expected["report"]
    page_text = texts(app)
    assert "Beslissingsondersteuning, geen juridisch oordeel" in page_text
    assert "schending" not in page_text.lower()
    # The category chart marks exactly the categories analytics flags, in the flag's words.
    flag = "mogelijke gezamenlijke beloningsbeoordeling (art. 10)"
    (chart,) = [f for f in figures(app) if any(t.get("name") == flag for t in f["data"])]
    marked = next(t for t in chart["data"] if t["name"] == flag)["x"]
    flagged = report.categories.filter(pl.col("art10_flag"))["group"].to_list()
    assert sorted(marked) == sorted(flagged) and flagged
    # Parts (a)–(g) in the table, with (a) and (c) as analytics computes them.
    table = next(d.value for d in app.dataframe if "Onderdeel" in d.value.columns)
    assert "".join(sorted(set(table["Onderdeel"]))) == "abcdefg"
    rows = dict(zip(table["Onderdeel"], table["Uitkomst"], strict=False))
    assert rows["a"] == fmt.percent(report.a_gender_pay_gap_mean, "nl")
    assert rows["c"] == fmt.percent(report.c_gender_pay_gap_median, "nl")
    # Withheld categories are explained.
    assert report.withheld_categories > 0
    assert f"Afgeschermd: {report.withheld_categories} schalen" in page_text


def test_language_switch(app: AppTest) -> None:
    open_page(app)
    app.session_state["language"] = "en"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Diversity & pay"
    assert {"Female share", "Gender pay gap (mean)"} <= set(tiles(app))
    page_text = texts(app)
    assert "Decision support, not a legal finding" in page_text
    assert "US convention" in page_text
    names = {t.get("name") for f in figures(app) for t in f["data"]}
    assert {"Women", "Men", "potential joint pay assessment (Art. 10)"} <= names


def test_a_filter_changes_the_figures(app: AppTest) -> None:
    open_page(app)
    before = tiles(app)
    app.multiselect(key="locations").set_value(["Utrecht"]).run()
    assert not app.exception
    after = tiles(app)
    assert after["Bezetting einde periode"] != before["Bezetting einde periode"]
    assert after["Aandeel vrouwen"] != before["Aandeel vrouwen"]


def test_clicking_a_grade_filters_the_page_and_back_restores_it(
    app: AppTest, expected: dict
) -> None:
    open_page(app)
    everyone = tiles(app)
    app.session_state["div_grade"] = {"selection": {"points": [{"x": GRADE, "customdata": GRADE}]}}
    app.run()
    assert not app.exception
    metrics = expected["grade"]
    shown = tiles(app)
    assert shown["Aandeel vrouwen"] == fmt.percent(metrics["female_share"], "nl")
    assert shown["Bezetting einde periode"] == fmt.number(metrics["headcount_end"], "nl")
    assert shown["Loonkloof (gemiddeld)"] == fmt.percent(metrics["gender_pay_gap_mean"], "nl")
    assert any("Gefilterd op schaal 12" in i.value for i in app.info)
    back = app.button(key="div_grade_back")
    assert back.label == "Terug naar alle groepen"
    back.click().run()
    assert not app.exception
    assert tiles(app) == everyone
    assert not [b for b in app.button if b.key and b.key.endswith("_back")]


def test_pay_categories_can_be_job_families(app: AppTest, sample_db: Path) -> None:
    """Part (g) per job family instead of per grade: the chart's categories and flags are the
    ones analytics computes with pay_category = job_family."""
    open_page(app)
    app.segmented_control(key="pay_category").set_value("job_family").run()
    assert not app.exception
    con = store.connect_reader(sample_db)
    try:
        settings = YEAR.settings.__class__(pay_category="job_family")
        report = pay_metrics.pay_report(con, Filters(YEAR.period, settings=settings))
    finally:
        con.close()
    assert report.category == "job_family"
    shown_groups = report.categories.filter(
        (pl.col("component") == "total") & ~pl.col("suppressed")
    )["group"].to_list()
    (chart,) = [f for f in figures(app) if any(t.get("name") == "Onder 5 %" for t in f["data"])]
    assert chart["layout"]["xaxis"]["title"]["text"] == "Functiefamilie"
    on_chart = [x for trace in chart["data"] for x in trace.get("x") or []]
    assert sorted(on_chart) == sorted(shown_groups) and shown_groups
    assert "functiefamilie" in texts(app)
