"""Engagement: eNPS, favourable shares, dimension scores, response rate, changes between waves and
the privacy rule on respondents; the sample organisation's survey as a sanity check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics import store
from analytics.metrics import engagement
from analytics.metrics.base import Filters, Settings
from tests.support import load, write

WAVE_1 = date(2023, 9, 30)
WAVE_2 = date(2024, 3, 31)
YEAR = Filters.for_period(date(2024, 1, 1), date(2024, 12, 31))
SMALL = Settings(min_group_size=3)

ORG = """Eenheid;Bovenliggende eenheid
Top;
Zorg;Top
A;Zorg
B;Zorg
C;Top
"""

QUESTIONS = """Vraagcode;Vraag;Dimensie;Schaal min;Schaal max
ENPS01;Zou je ons aanbevelen?;enps;0;10
V5;Vijfpuntsvraag;veiligheid;1;5
V7;Zevenpuntsvraag;veiligheid;1;7
U6;Nul tot zes (UWES);bevlogenheid;0;6
K4;Vierpuntsvraag;klimaat;1;4
"""

# Wave 2 (31 March 2024). A: the spec's eNPS vector; V7 answered by five of the ten only.
A_ENPS = [10, 9, 9, 8, 7, 7, 6, 5, 3, 10]
A_V5 = [5, 4, 3, 2, 1, 4, 4, 3, 5, 2]  # favourable 4-5: 5 of 10; mean 3.3
A_V7 = [7, 6, 5, 4, 1]  # favourable 6-7: 2 of 5 (a 5 is favourable on 1-5 only); mean 4.6
A_U6 = [6, 5, 4, 0, 3, 6, 2, 5, 1, 4]  # 0-6 is 7 points: favourable 5-6: 4 of 10; mean 3.6
A_K4 = [4, 3, 3, 2, 1, 4, 4, 3, 2, 1]  # 4 points: no favourable share; mean 2.7
B_ENPS = [9, 9, 9, 6, 7, 8]  # (3 - 1) / 6
B_V5 = [4, 4, 4, 4, 4, 1]
C_ENPS = [10, 10, 0]  # (2 - 1) / 3
C_V5 = [5, 5, 1]
# Wave 1 (30 September 2023): only four of A answered.
A_ENPS_1 = [10, 10, 6, 8]  # (2 - 1) / 4


def _answers(wave: date, department: str, prefix: str, **questions: list[int]) -> list[str]:
    rows = []
    for question, scores in questions.items():
        for number, score in enumerate(scores, start=1):
            rows.append(f"{wave:%d-%m-%Y};{prefix}{number:02d};{department};{question};{score}")
    return rows


RESPONSES = (
    "\n".join(
        [
            "Peildatum;Respondent;Afdeling;Vraagcode;Score",
            *_answers(WAVE_1, "A", "R1A", ENPS01=A_ENPS_1),
            *_answers(WAVE_2, "A", "R2A", ENPS01=A_ENPS, V5=A_V5, V7=A_V7, U6=A_U6, K4=A_K4),
            *_answers(WAVE_2, "B", "R2B", ENPS01=B_ENPS, V5=B_V5),
            *_answers(WAVE_2, "C", "R2C", ENPS01=C_ENPS, V5=C_V5),
        ]
    )
    + "\n"
)


def _employees() -> str:
    """A: 20 people, B: 8 plus an agency worker (not counted), C: 4; all in service since 2020."""
    rows = ["Personeelsnummer;Datum in dienst;Datum uit dienst;Afdeling;Soort contract"]
    people = [("A", 20, "Vast"), ("B", 8, "Vast"), ("B", 1, "Uitzendkracht"), ("C", 4, "Vast")]
    number = 0
    for department, count, contract in people:
        for _ in range(count):
            number += 1
            rows.append(f"{number:03d};01-01-2020;;{department};{contract}")
    return "\n".join(rows) + "\n"


@pytest.fixture
def survey_db(tmp_path: Path, db: Path) -> Path:
    files = {
        "org.csv": ORG,
        "mensen.csv": _employees(),
        "vragen.csv": QUESTIONS,
        "antwoorden.csv": RESPONSES,
    }
    load([write(tmp_path / name, text) for name, text in files.items()], db)
    return db


@pytest.fixture
def con(survey_db: Path):  # type: ignore[no-untyped-def]
    connection = store.connect_reader(survey_db)
    yield store.cursor(connection)
    connection.close()


def _by_group(frame: pl.DataFrame, column: str, wave: date = WAVE_2) -> dict[str, object]:
    rows = frame.filter(pl.col("wave") == wave)
    return dict(zip(rows["group"].to_list(), rows[column].to_list(), strict=True))


def test_enps_of_the_spec_vector(con) -> None:  # type: ignore[no-untyped-def]
    # 4 promoters (40 %) − 3 detractors (30 %) = +10, stored as the fraction 0.10.
    raw = engagement.enps_raw(con, YEAR, "department").filter(pl.col("group") == "A")
    assert raw.select("respondents", "promoters", "passives", "detractors").row(0) == (10, 4, 3, 3)
    assert raw["enps"].item() == pytest.approx(0.10)
    public = engagement.enps(con, YEAR, "department")
    assert _by_group(public, "enps")["A"] == pytest.approx(0.10)


def test_enps_of_the_whole_wave(con) -> None:  # type: ignore[no-untyped-def]
    whole = engagement.enps(con, YEAR)
    # Promoters 4 + 3 + 2, detractors 3 + 1 + 1, of 19 answers.
    assert _by_group(whole, "enps") == {"all": pytest.approx((9 - 5) / 19)}
    assert whole["wave"].to_list() == [WAVE_2]  # waves in the period only


def test_favourable_on_five_and_seven_point_scales(con) -> None:  # type: ignore[no-untyped-def]
    items = engagement.item_scores_raw(con, YEAR, "department").filter(pl.col("group") == "A")
    rows = {r["question_id"]: r for r in items.iter_rows(named=True)}
    assert rows["V5"]["favourable_share"] == pytest.approx(5 / 10)
    assert rows["V5"]["mean_score"] == pytest.approx(3.3)
    assert rows["V7"]["favourable_share"] == pytest.approx(2 / 5)  # 5 of 7 is not favourable
    assert rows["V7"]["answers"] == 5
    assert rows["V7"]["mean_score"] == pytest.approx(4.6)
    assert rows["U6"]["favourable_share"] == pytest.approx(4 / 10)  # 0-6: top two are 5 and 6
    assert rows["K4"]["favourable_share"] is None  # a 4-point scale has no favourable share
    assert rows["K4"]["mean_score"] == pytest.approx(2.7)
    assert rows["ENPS01"]["favourable_share"] is None


def test_dimension_score_is_the_mean_of_item_shares(con) -> None:  # type: ignore[no-untyped-def]
    cells = engagement.dimension_scores_raw(con, YEAR, "department").filter(pl.col("group") == "A")
    rows = {r["dimension"]: r for r in cells.iter_rows(named=True)}
    assert set(rows) == {"veiligheid", "bevlogenheid", "klimaat"}  # eNPS is not a dimension
    safety = rows["veiligheid"]
    # (0.5 + 0.4) / 2 = 0.45, not the pooled 7 / 15; means (3.3 + 4.6) / 2, not 56 / 15.
    assert safety["score"] == pytest.approx(0.45)
    assert safety["mean_score"] == pytest.approx(3.95)
    assert (safety["respondents"], safety["items"]) == (10, 2)
    assert rows["bevlogenheid"]["score"] == pytest.approx(0.4)
    assert rows["bevlogenheid"]["mean_score"] == pytest.approx(3.6)
    assert rows["klimaat"]["score"] is None
    assert rows["klimaat"]["mean_score"] == pytest.approx(2.7)


def test_heatmap_withholds_small_cells_and_their_complement(con) -> None:  # type: ignore[no-untyped-def]
    safety = pl.col("dimension") == "veiligheid"
    heatmap = engagement.dimension_scores(con, YEAR, "department").filter(safety)
    # C has 3 respondents (< 5); B (6) goes too, so that A and the total cannot reveal C.
    assert _by_group(heatmap, "suppressed") == {"A": False, "B": True, "C": True}
    assert _by_group(heatmap, "score") == {"A": pytest.approx(0.45), "B": None, "C": None}
    assert _by_group(heatmap, "respondents") == {"A": 10, "B": None, "C": None}
    items = engagement.item_scores(con, YEAR, "department").filter(pl.col("question_id") == "V5")
    assert _by_group(items, "favourable_share") == {"A": 0.5, "B": None, "C": None}
    small = engagement.dimension_scores(con, Filters(YEAR.period, settings=SMALL), "department")
    # With a minimum of 3 every cell shows: B 5 of 6 favourable, C 2 of 3.
    assert _by_group(small.filter(safety), "score") == pytest.approx(
        {"A": 0.45, "B": 5 / 6, "C": 2 / 3}
    )


def test_response_rate_from_the_headcount(con) -> None:  # type: ignore[no-untyped-def]
    raw = engagement.response_rate_raw(con, YEAR, "department")
    # The agency worker in B is not invited: 8 people, as the headcount counts them.
    assert _by_group(raw, "invited") == {"A": 20, "B": 8, "C": 4}
    assert _by_group(raw, "response_rate") == pytest.approx({"A": 0.5, "B": 0.75, "C": 0.75})
    whole = engagement.response_rate_raw(con, YEAR, None)
    assert whole.select("respondents", "invited").row(0) == (19, 32)
    levels = engagement.response_rate_raw(con, YEAR, "org_level_2")
    assert _by_group(levels, "response_rate") == pytest.approx({"Zorg": 16 / 28, "C": 3 / 4})


def test_response_rate_with_supplied_invited_counts(tmp_path: Path, survey_db: Path) -> None:
    invited = "Peildatum;Afdeling;Uitgenodigd\n31-03-2024;A;25\n"
    load([write(tmp_path / "uitgenodigd.csv", invited)], survey_db)
    connection = store.connect_reader(survey_db)
    try:
        con = store.cursor(connection)
        raw = engagement.response_rate_raw(con, YEAR, "department")
        # A's supplied count wins over its headcount (20); B and C keep their headcount.
        assert _by_group(raw, "invited") == {"A": 25, "B": 8, "C": 4}
        assert _by_group(raw, "response_rate")["A"] == pytest.approx(10 / 25)
        whole = engagement.response_rate_raw(con, YEAR, None)
        assert whole["response_rate"].item() == pytest.approx(19 / 37)
    finally:
        connection.close()


def test_response_rate_withholds_small_groups(con) -> None:  # type: ignore[no-untyped-def]
    public = engagement.response_rate(con, YEAR, "department")
    assert _by_group(public, "suppressed") == {"A": False, "B": True, "C": True}
    assert _by_group(public, "invited") == {"A": 20, "B": None, "C": None}
    # Breakdowns the invited count is not known for give no rate.
    assert engagement.response_rate_raw(con, YEAR, "gender")["response_rate"].to_list() == [None]


def test_change_between_waves_needs_both_waves_shown(con) -> None:  # type: ignore[no-untyped-def]
    changes = engagement.wave_changes(con, YEAR)
    enps = changes.filter(pl.col("measure") == "enps").row(0, named=True)
    # The September 2023 wave had 4 respondents (< 5): no change is shown.
    assert enps["previous_wave"] == WAVE_1
    assert (enps["previous_value"], enps["change"], enps["suppressed"]) == (None, None, True)
    assert enps["value"] == pytest.approx(4 / 19)
    shown = engagement.wave_changes(con, Filters(YEAR.period, settings=SMALL), "department")
    row = shown.filter((pl.col("measure") == "enps") & (pl.col("group") == "A")).row(0, named=True)
    assert row["change"] == pytest.approx(0.10 - 0.25)
    assert row["suppressed"] is False
    # B answered only in 2024: nothing to compare with.
    row_b = shown.filter((pl.col("measure") == "enps") & (pl.col("group") == "B")).row(
        0, named=True
    )
    assert (row_b["previous_value"], row_b["change"]) == (None, None)


def test_overview_uses_the_latest_wave_in_the_period(con) -> None:  # type: ignore[no-untyped-def]
    both = Filters.for_period(date(2023, 1, 1), date(2024, 12, 31))
    row = engagement.overview(con, both, None).row(0, named=True)
    assert row["enps"] == pytest.approx(4 / 19)
    assert row["response_rate"] == pytest.approx(19 / 32)
    assert row["suppressed"] is False
    only_first = Filters.for_period(date(2023, 1, 1), date(2023, 12, 31))
    first = engagement.overview(con, only_first, None).row(0, named=True)
    assert (first["enps"], first["suppressed"]) == (None, True)  # 4 respondents


def test_what_a_response_does_not_carry_is_null(con) -> None:  # type: ignore[no-untyped-def]
    assert engagement.overview(con, YEAR, "grade").height == 0
    by_location = Filters(YEAR.period, locations=("Utrecht",))
    assert engagement.enps(con, by_location).height == 0
    assert engagement.overview(con, by_location, None).row(0) == ("all", None, None, False)
    no_wave = Filters.for_period(date(2025, 1, 1), date(2025, 12, 31))
    assert engagement.overview(con, no_wave, None).row(0) == ("all", None, None, False)


def test_without_respondent_ids_privacy_counts_enps_answers(tmp_path: Path, db: Path) -> None:
    answers = "\n".join(
        [
            "Peildatum;Afdeling;Vraagcode;Score",
            *(f"31-03-2024;A;ENPS01;{s}" for s in [9, 9, 9, 8, 2, 10]),
            *(f"31-03-2024;A;V5;{s}" for s in [5, 4, 4, 3, 2, 1, 5]),
        ]
    )
    load([write(tmp_path / "v.csv", QUESTIONS), write(tmp_path / "a.csv", answers + "\n")], db)
    connection = store.connect_reader(db)
    try:
        con = store.cursor(connection)
        assert engagement.respondents_raw(con, YEAR, None)["respondents"].to_list() == [6]
        cell = engagement.dimension_scores_raw(con, YEAR, None).row(0, named=True)
        assert cell["respondents"] == 7  # the most answers one question got
        assert cell["score"] == pytest.approx(4 / 7)
        # No employments: nobody invited is known, so no response rate.
        assert engagement.response_rate_raw(con, YEAR, None)["response_rate"].to_list() == [None]
        assert engagement.enps(con, YEAR)["enps"].item() == pytest.approx((4 - 1) / 6)
    finally:
        connection.close()


# --- The sample organisation (sample_data/README.md) -------------------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sample") / "koers.duckdb"
    load(sorted(SAMPLE.glob("*.csv")), path)
    connection = store.connect_reader(path)
    yield store.cursor(connection)
    connection.close()


def test_sample_enps_rises_from_plus_6_to_plus_18(sample) -> None:  # type: ignore[no-untyped-def]
    every = engagement.enps(sample, Filters.for_period(date(2021, 1, 1), date(2025, 12, 31)))
    points = dict(
        zip(every["wave"].to_list(), (every["enps"] * 100).round(0).to_list(), strict=True)
    )
    # The README's figures, computed by its generator with the same definition.
    assert len(points) == 10
    assert points[date(2021, 3, 31)] == 6
    assert points[date(2025, 9, 30)] == 18
    # 2024 lies between: up in March, down in September after the reorganisation.
    assert 6 < points[date(2024, 3, 31)] < 18
    assert 6 < points[date(2024, 9, 30)] < points[date(2024, 3, 31)]
    units = engagement.enps(sample, YEAR, "department")
    logistiek = units.filter((pl.col("group") == "Logistiek") & (pl.col("wave") == WAVE_2))
    assert round(logistiek["enps"].item() * 100) == -26
    supply = units.filter((pl.col("group") == "Supply Chain") & (pl.col("wave").dt.month() == 9))
    assert round(supply["enps"].item() * 100) == -31


def test_sample_response_rate_and_scores_2024(sample) -> None:  # type: ignore[no-untyped-def]
    rates = engagement.response_rate(sample, YEAR)
    # README: 65-70 % of the headcount; both 2024 waves lie in that band.
    assert rates.height == 2
    assert all(0.65 <= rate <= 0.70 for rate in rates["response_rate"].to_list())
    row = engagement.overview(sample, YEAR, None).row(0, named=True)
    assert row["enps"] == pytest.approx(engagement.enps(sample, YEAR)["enps"][-1])
    assert 0.65 <= row["response_rate"] <= 0.70
    scores = engagement.dimension_scores(sample, YEAR)
    # README: about two thirds favourable on both dimensions (69 % and 67 % over all waves).
    assert scores.height == 4
    assert all(0.6 <= score <= 0.75 for score in scores["score"].to_list())
    heatmap = engagement.dimension_scores(sample, YEAR, "department")
    hidden = set(heatmap.filter(pl.col("suppressed"))["group"].to_list())
    # Only the small units (the board and the divisions' staff) fall below five respondents.
    assert hidden <= {"Directie", "Divisie Zorg", "Divisie Hulpmiddelen",
                      "Divisie Klant & Service", "Divisie Bedrijfsvoering"}  # fmt: skip


def test_response_rate_of_two_waves_in_one_query(tmp_path: Path, survey_db: Path) -> None:
    invited = "Peildatum;Afdeling;Uitgenodigd\n31-03-2024;A;25\n"
    load([write(tmp_path / "uitgenodigd.csv", invited)], survey_db)
    connection = store.connect_reader(survey_db)
    try:
        con = store.cursor(connection)
        both = Filters.for_period(date(2023, 1, 1), date(2024, 12, 31))
        raw = engagement.response_rate_raw(con, both, "department")
        rows = {(r["wave"], r["group"]): r for r in raw.iter_rows(named=True)}
        # September 2023: only A answered (4 of its 20); B and C were invited (their headcount)
        # and nobody answered. March 2024: A's supplied 25, B and C their headcount.
        assert {key: (r["respondents"], r["invited"]) for key, r in rows.items()} == {
            (WAVE_1, "A"): (4, 20),
            (WAVE_1, "B"): (0, 8),
            (WAVE_1, "C"): (0, 4),
            (WAVE_2, "A"): (10, 25),
            (WAVE_2, "B"): (6, 8),
            (WAVE_2, "C"): (3, 4),
        }
        assert rows[(WAVE_1, "A")]["response_rate"] == pytest.approx(0.2)
        assert rows[(WAVE_1, "B")]["response_rate"] == 0.0
    finally:
        connection.close()


def test_overview_by_organisation_level(con) -> None:  # type: ignore[no-untyped-def]
    frame = engagement.overview(con, Filters(YEAR.period, settings=SMALL), "org_level_2")
    rows = {row[0]: row[1:] for row in frame.rows()}
    # Zorg = A + B: promoters 4 + 3, detractors 3 + 1 of 16 answers; 16 of 28 invited.
    # C: (2 − 1) / 3 and 3 of 4.
    assert rows == {
        "C": (pytest.approx(1 / 3), 0.75, False),
        "Zorg": (pytest.approx(3 / 16), pytest.approx(16 / 28), False),
    }
    # The same figures as enps and response_rate of the wave give.
    scores = engagement.enps(con, Filters(YEAR.period, settings=SMALL), "org_level_2")
    assert _by_group(scores, "enps") == {"C": rows["C"][0], "Zorg": rows["Zorg"][0]}
