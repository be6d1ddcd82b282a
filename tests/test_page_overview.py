"""The Overview page on the sample organisation."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import store
from analytics.metrics import Filters, Period, compute_metrics
from tests.support import load, write
from ui import fmt


@pytest.fixture(scope="module")
def years(sample_db: Path) -> tuple[dict, dict]:
    """The command line's figures for 2025 (the sidebar's default period) and 2024 (its
    comparison)."""
    con = store.connect_reader(sample_db)
    try:
        now = compute_metrics(con, Filters(Period(date(2025, 1, 1), date(2025, 12, 31))))
        before = compute_metrics(con, Filters(Period(date(2024, 1, 1), date(2024, 12, 31))))
    finally:
        con.close()
    return now, before


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


def test_trend_titles_compare_the_last_month_with_a_year_earlier(
    app: AppTest, years: tuple[dict, dict]
) -> None:
    """With the last full year chosen, the 24-month lines end in December 2025 and their titles
    compare it with December 2024: the same figures as the tiles and their change."""
    app.run()
    now, before = years
    headcount = (now["metrics"]["headcount_end"], before["metrics"]["headcount_end"])
    turnover = (now["metrics"]["turnover_rate"], before["metrics"]["turnover_rate"])
    assert headcount[0] > headcount[1] and turnover[0] < turnover[1]  # the sample's story
    layouts = [json.loads(chart.proto.spec)["layout"] for chart in app.get("plotly_chart")]
    titles = [(lay["title"]["text"], lay["title"]["subtitle"]["text"]) for lay in layouts]
    assert titles[0] == (
        f"Bezetting einde periode steeg naar {fmt.number(headcount[0], 'nl')}",
        f"dec 2025 (dec 2024: {fmt.number(headcount[1], 'nl')})",
    )
    assert titles[1] == (
        f"Verloop daalde naar {fmt.percent(turnover[0], 'nl')}",
        f"dec 2025 (dec 2024: {fmt.percent(turnover[1], 'nl')})",
    )
    assert titles[2][1].startswith("dec 2025 (dec 2024: ")
    tiles = {m.label: m for m in app.metric}
    assert tiles["Bezetting einde periode"].value == fmt.number(headcount[0], "nl")
    assert tiles["Verloop"].value == fmt.percent(turnover[0], "nl")


def test_key_figures_table_with_downloads(app: AppTest, years: tuple[dict, dict]) -> None:
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table.columns) == [
        "Kengetal",
        "Deze periode",
        "Vergelijkingsperiode",
        "Verandering",
    ]
    tiles = {m.label: m for m in app.metric}
    assert sorted(table["Kengetal"]) == sorted(tiles)  # one row per tile
    for _, row in table.iterrows():
        assert row["Deze periode"] == tiles[row["Kengetal"]].value
        assert row["Verandering"] == tiles[row["Kengetal"]].delta
    now, before = years
    change = now["metrics"]["headcount_end"] - before["metrics"]["headcount_end"]
    assert table["Verandering"][0] == fmt.signed(change, "nl")
    assert len(app.get("download_button")) == 2  # CSV and Excel


def test_without_an_absence_registration_absence_is_unknown_not_zero(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only employees loaded: the overview shows no absence figure ("–") and says why, and the
    Absence page asks for an absence export instead of showing 0 %."""
    import streamlit as st

    # Eight people from January 2020; the one leaver's last day sets the last full year: 2024.
    people = "".join(f"{n:03d};{13 + n}-01-2020;;ICT\n" for n in range(1, 9))
    header = "Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling\n"
    leaver = "009;13-01-2020;30-12-2025;ICT\n"
    load([write(tmp_path / "medewerkers.csv", header + people + leaver)], db)
    monkeypatch.setenv("KOERS_DB", str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Verzuimpercentage"] == fmt.DASH
    assert tiles["Bezetting einde periode"] == "9"  # on 31-12-2024
    message = "Er zijn nog geen verzuimgegevens geladen"
    assert any(message in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2  # headcount and turnover; no absence line
    at.switch_page("pages/absence.py")
    at.run()
    assert not at.exception
    assert any(message in i.value for i in at.info)
    assert not at.metric and not at.get("plotly_chart")
