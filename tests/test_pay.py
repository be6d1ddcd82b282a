"""Pay equity (EU 2023/970 Art. 9): hourly pay, mean and median gaps, variable pay, quartiles,
categories with the Art. 10 flag, the report, and the privacy rule counted per gender."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics import store
from analytics.metrics import pay
from analytics.metrics.base import Filters, Period, Settings
from tests.support import load, write

HEADER = (
    "Personeelsnummer;Geslacht;Datum in dienst;Datum uit dienst;Afdeling;Schaal;Soort contract;"
    "FTE;Bruto jaarsalaris;Variabele beloning\n"
)
HOURS = 40 * 52  # full-time hours a year (fulltime_hours 40)


def _row(
    pid: str,
    gender: str,
    hourly: float,
    *,
    grade: str = "8",
    fte: float = 1.0,
    bonus: float | None = None,
    contract: str = "Vast",
    dept: str = "Zorg",
) -> str:
    salary = f"{hourly * HOURS * fte:.2f}".replace(".", ",")
    variable = "" if bonus is None else f"{bonus:.2f}".replace(".", ",")
    fte_text = f"{fte:.2f}".replace(".", ",")
    return f"{pid};{gender};01-01-2015;;{dept};{grade};{contract};{fte_text};{salary};{variable}"


def _year(**settings: object) -> Filters:
    period = Period(date(2025, 1, 1), date(2025, 12, 31))
    return Filters(period, settings=Settings(**settings))  # type: ignore[arg-type]


@pytest.fixture
def connect(tmp_path: Path, db: Path):  # type: ignore[no-untyped-def]
    connections = []

    def _open(rows: list[str]):  # type: ignore[no-untyped-def]
        load([write(tmp_path / "mensen.csv", HEADER + "\n".join(rows) + "\n")], db)
        connection = store.connect_reader(db)
        connections.append(connection)
        return store.cursor(connection)

    yield _open
    for connection in connections:
        connection.close()


# The spec's test vector: hourly pay M [20, 25, 30, 45], F [18, 22, 28].
VECTOR = [_row(f"M{i}", "M", h) for i, h in enumerate((20, 25, 30, 45))] + [
    _row(f"F{i}", "V", h) for i, h in enumerate((18, 22, 28))
]


def _total(frame: pl.DataFrame) -> dict[str, object]:
    return frame.filter(pl.col("component") == "total").row(0, named=True)


def test_spec_vector_mean_and_median_gap(connect) -> None:  # type: ignore[no-untyped-def]
    con = connect(VECTOR)
    total = _total(pay.pay_gaps(con, _year(min_group_size=3)))
    # mean M 30, F 22.667: (30 − 22.667) / 30 = 24.44 %; median M 27.5, F 22: 20.0 %.
    assert total["mean_gap"] == pytest.approx(0.244444, abs=1e-6)
    assert total["median_gap"] == pytest.approx(0.20)
    assert (total["female"], total["male"]) == (3, 4)
    assert total["mean_male_eur"] == pytest.approx(30.0)
    assert total["median_female_eur"] == pytest.approx(22.0)
    overview = pay.overview(con, _year(min_group_size=3), None)
    assert overview.rows() == [("all", pytest.approx(0.244444, abs=1e-6), 0.2, False)]


def test_withheld_with_fewer_than_the_minimum_women(connect) -> None:  # type: ignore[no-untyped-def]
    con = connect(VECTOR)
    # Default minimum 5: three women (and four men) are too few, though seven people are not.
    total = _total(pay.pay_gaps(con, _year()))
    assert total["suppressed"] is True
    assert total["mean_gap"] is None and total["female"] is None
    assert pay.overview(con, _year(), None)["gender_pay_gap_mean"].to_list() == [None]


def test_negative_gap_when_women_earn_more(connect) -> None:  # type: ignore[no-untyped-def]
    rows = [_row(f"M{i}", "M", 20) for i in range(3)] + [_row(f"F{i}", "V", 30) for i in range(3)]
    total = _total(pay.pay_gaps(connect(rows), _year(min_group_size=3)))
    assert total["mean_gap"] == pytest.approx(-0.5)
    assert total["median_gap"] == pytest.approx(-0.5)


def test_hourly_pay_part_time_basic_and_variable(connect) -> None:  # type: ignore[no-untyped-def]
    rows = [
        # Men: 20/h full time with 2,080 bonus (1/h); 20/h at 0.5 fte with 1,040 bonus (1/h).
        _row("M1", "M", 20, bonus=2080),
        _row("M2", "M", 20, fte=0.5, bonus=1040),
        _row("M3", "M", 20),
        # Women: 18/h at 0.8 fte with 832 bonus (0.5/h); two at 18/h without.
        _row("F1", "V", 18, fte=0.8, bonus=832),
        _row("F2", "V", 18),
        _row("F3", "V", 18),
    ]
    con = connect(rows)
    frame = pay.pay_gaps(con, _year(min_group_size=3))
    gaps = {row["component"]: row for row in frame.rows(named=True)}
    # Total hourly: M 21, 21, 20 (mean 62/3); F 18.5, 18, 18 (mean 54.5/3).
    assert gaps["total"]["mean_gap"] == pytest.approx((62 / 3 - 54.5 / 3) / (62 / 3))
    assert gaps["total"]["median_gap"] == pytest.approx((21 - 18) / 21)
    # Basic only: 20 against 18.
    assert gaps["basic"]["mean_gap"] == pytest.approx(0.10)
    # Variable only, among those receiving it: M 1, 1 (2 men) against F 0.5 (1 woman): too few
    # at a minimum of 3; the raw figures say (1 − 0.5) / 1 = 50 %.
    assert gaps["variable"]["suppressed"] is True
    raw = pay.pay_gaps_raw(con, _year(), None).filter(pl.col("component") == "variable")
    assert (raw["female"].item(), raw["male"].item()) == (1, 2)
    assert raw["mean_gap"].item() == pytest.approx(0.5)
    # Part (e): 2 of 3 men and 1 of 3 women receive variable pay (raw; public needs 3 each).
    shares = pay.variable_pay_shares(con, _year(min_group_size=3))
    assert dict(shares.select("gender", "share").iter_rows()) == {
        "F": pytest.approx(1 / 3),
        "M": pytest.approx(2 / 3),
    }


def test_categories_and_the_art10_flag_at_exactly_5_percent(connect) -> None:  # type: ignore[no-untyped-def]
    # Grade A: men 30,040/yr, women 28,538/yr (95 %): exactly 5 %, which floating point makes
    # 0.04999999999999993. Grade B: women 28,539/yr: 4.997 %. Grade C: women earn 10 % more.
    rows = []
    for i in range(3):
        rows += [
            _row(f"AM{i}", "M", 30040 / HOURS, grade="A"),
            _row(f"AF{i}", "V", 28538 / HOURS, grade="A"),
            _row(f"BM{i}", "M", 30040 / HOURS, grade="B"),
            _row(f"BF{i}", "V", 28539 / HOURS, grade="B"),
            _row(f"CM{i}", "M", 20, grade="C"),
            _row(f"CF{i}", "V", 22, grade="C"),
        ]
    categories = pay.category_gaps(connect(rows), _year(min_group_size=3))
    total_rows = categories.filter(pl.col("component") == "total").rows(named=True)
    totals = {row["group"]: row for row in total_rows}
    assert totals["A"]["mean_gap"] == pytest.approx(0.05)
    assert totals["A"]["art10_flag"] is True
    assert totals["A"]["assessment"] == "potential joint pay assessment (Art. 10)"
    assert totals["B"]["mean_gap"] == pytest.approx(1501 / 30040)
    assert totals["B"]["art10_flag"] is False and totals["B"]["assessment"] is None
    assert totals["C"]["mean_gap"] == pytest.approx(-0.10)
    assert totals["C"]["art10_flag"] is False
    # Never the word violation; the flag sits on the total-pay row only.
    assert not categories["assessment"].drop_nulls().str.contains("violation").any()
    assert categories.filter(pl.col("component") != "total")["art10_flag"].null_count() == 3


def test_quartiles_by_hand(connect) -> None:  # type: ignore[no-untyped-def]
    con = connect(VECTOR)
    # Ranked: 18F 20M 22F 25M 28F 30M 45M, n = 7; quartile = ceil(4 · rank / 7):
    # rank 1 → 1; 2, 3 → 2; 4, 5 → 3; 6, 7 → 4.
    raw = pay.pay_quartiles_raw(con, _year())
    assert raw.select("quartile", "female", "male").rows() == [
        (1, 1.0, 0.0), (2, 1.0, 1.0), (3, 1.0, 1.0), (4, 0.0, 2.0),
    ]  # fmt: skip
    assert raw["female_share"].to_list() == [1.0, 0.5, 0.5, 0.0]
    # The public figures: at most one woman and two men per quartile, all below 3.
    public = pay.pay_quartiles(con, _year(min_group_size=3))
    assert public["suppressed"].to_list() == [True] * 4
    assert public["female_share"].null_count() == 4


def test_quartiles_spread_equal_pay_across_a_boundary(connect) -> None:  # type: ignore[no-untyped-def]
    rows = [
        _row("F1", "V", 10), _row("F2", "V", 10), _row("M1", "M", 10),  # ranks 1-3
        _row("F3", "V", 20), _row("M2", "M", 20),  # ranks 4-5
        _row("F4", "V", 30), _row("M3", "M", 40), _row("M4", "M", 50),  # ranks 6, 7, 8
    ]  # fmt: skip
    raw = pay.pay_quartiles_raw(connect(rows), _year())
    # n = 8, two places per quartile. The three at 10 fill quartile 1 and one place of 2: each
    # counts 2/3 in quartile 1 and 1/3 in 2. The two at 20 share ranks 4 (q2) and 5 (q3).
    expected = [
        (1, 4 / 3, 2 / 3),
        (2, 2 / 3 + 1 / 2, 1 / 3 + 1 / 2),
        (3, 1 / 2 + 1, 1 / 2),
        (4, 0.0, 2.0),
    ]
    for got, want in zip(raw.select("quartile", "female", "male").rows(), expected, strict=True):
        assert got == pytest.approx(want)
    assert raw["workers"].to_list() == [2, 2, 2, 2]


def test_privacy_is_counted_per_gender_with_complement(connect) -> None:  # type: ignore[no-untyped-def]
    rows = []
    # Grade A: 2 women, 20 men; B: 6 and 6; C: 8 and 7; D: 9 and 9. Minimum 5.
    for grade, women, men in (("A", 2, 20), ("B", 6, 6), ("C", 8, 7), ("D", 9, 9)):
        rows += [_row(f"{grade}F{i}", "V", 20 + i, grade=grade) for i in range(women)]
        rows += [_row(f"{grade}M{i}", "M", 21 + i, grade=grade) for i in range(men)]
    con = connect(rows)
    gaps = pay.pay_gaps(con, _year(), "grade").filter(pl.col("component") == "total")
    hidden = dict(gaps.select("group", "suppressed").iter_rows())
    # A's two women would show their pay beside twenty men: withheld. Then the women's total
    # minus B, C and D would give A's women back, so the smallest other (B) goes too.
    assert hidden == {"A": True, "B": True, "C": False, "D": False}
    assert gaps.filter(pl.col("suppressed"))["mean_gap"].null_count() == 2
    report = pay.pay_report(con, _year())
    assert report.withheld_categories == 2
    flagged = report.g_categories.filter(pl.col("suppressed"))["art10_flag"]
    assert flagged.null_count() == flagged.len()


def test_people_outside_the_gap_are_counted(connect) -> None:  # type: ignore[no-untyped-def]
    rows = [_row(f"M{i}", "M", 20) for i in range(5)] + [_row(f"F{i}", "V", 20) for i in range(5)]
    rows += [_row(f"X{i}", "X", 25) for i in range(3)] + [_row("U1", "", 25)]
    rows += ["N1;V;01-01-2015;;Zorg;8;Vast;1,00;;", "N2;M;01-01-2015;;Zorg;8;Vast;1,00;;"]
    rows += [_row("Flex1", "V", 99, contract="Uitzendkracht")]  # not counted at all
    con = connect(rows)
    assert pay.pay_gaps(con, _year())["mean_gap"].to_list() == [0.0, 0.0]
    outside = pay.not_in_gap(con, _year(min_group_size=3))
    counts = dict(outside.select("reason", "persons").iter_rows())
    # 3 X ≥ 3 shown; 1 unknown withheld, and the smallest other (no pay data, 2) with it.
    assert counts == {"X": 3, "no pay data": None, "unknown gender": None}
    shares = pay.variable_pay_shares(con, _year())
    # Nobody has a bonus value: part (e) is unknown, not 0 % (see the next test for values).
    assert shares.select("gender", "workers", "share").rows() == [("F", 5, None), ("M", 5, None)]


def test_one_bonus_value_makes_empty_bonus_cells_no_bonus(connect) -> None:  # type: ignore[no-untyped-def]
    """As soon as the data hold a bonus value for anyone, an empty cell is no bonus: one man with
    1.000 and one woman with an explicit 0 give women 0/5 = 0 % and men 1/5 = 20 %."""
    rows = [_row(f"M{i}", "M", 20) for i in range(5)] + [_row(f"F{i}", "V", 20) for i in range(5)]
    rows[0] = _row("M0", "M", 20, bonus=1000.0)
    rows[5] = _row("F0", "V", 20, bonus=0.0)
    shares = pay.variable_pay_shares(connect(rows), _year())
    assert shares.select("gender", "receiving", "share").rows() == [("F", 0, 0.0), ("M", 1, 0.2)]


def test_report_parts_a_to_g(connect) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for i in range(12):
        rows += [
            _row(f"M{i}", "M", 20 + 2 * i, grade="7", bonus=1000 if i < 3 else None),
            _row(f"F{i}", "V", 19 + 2 * i, grade="7", bonus=500 if i < 3 else None),
        ]
    report = pay.pay_report(connect(rows), _year(min_group_size=3))
    assert report.reference_date == date(2025, 12, 31)
    assert report.category == "grade"
    assert report.label.startswith("Decision support, not a legal finding")
    assert report.label_nl.startswith("Beslissingsondersteuning")
    # (a) and (c): hourly (salary + bonus) / 2080. Men 20..42 step 2 plus 1000/2080 for three.
    men = [20 + 2 * i + (1000 / HOURS if i < 3 else 0) for i in range(12)]
    women = [19 + 2 * i + (500 / HOURS if i < 3 else 0) for i in range(12)]
    mean_m, mean_f = sum(men) / 12, sum(women) / 12
    assert report.a_gender_pay_gap_mean == pytest.approx((mean_m - mean_f) / mean_m)
    median_m, median_f = (men[5] + men[6]) / 2, (women[5] + women[6]) / 2
    assert report.c_gender_pay_gap_median == pytest.approx((median_m - median_f) / median_m)
    # (b) and (d): variable pay among the three receiving it: 1000 against 500 a year.
    assert report.b_variable_pay_gap_mean == pytest.approx(0.5)
    assert report.d_variable_pay_gap_median == pytest.approx(0.5)
    # (e) 3 of 12 each; (f) n = 24, women and men alternate up the ranking: 3 and 3 in each
    # quartile of 6; (g) one category, grade 7.
    assert report.e_variable_pay_shares["share"].to_list() == [0.25, 0.25]
    assert report.f_quartiles["workers"].to_list() == [6, 6, 6, 6]
    assert report.f_quartiles["female_share"].to_list() == [0.5] * 4
    assert report.g_categories["group"].unique().to_list() == ["7"]
    with pytest.raises(AttributeError):
        report.category = "job_title"  # type: ignore[misc]


# --- The sample organisation (sample_data/README.md) -------------------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = sorted(SAMPLE.glob("*.csv"))
    if not files:
        pytest.skip("sample_data/*.csv not present")
    path = tmp_path_factory.mktemp("sample") / "koers.duckdb"
    load(files, path)
    connection = store.connect_reader(path)
    yield store.cursor(connection)
    connection.close()


def test_sample_gap_on_31_december_2025(sample) -> None:  # type: ignore[no-untyped-def]
    report = pay.pay_report(sample, _year())
    # The README gives mean 9.0 % and median 4.0 % with the same formula (flex excluded), to one
    # decimal: the exact values must round to them, i.e. lie in [8.95 %, 9.05 %) and
    # [3.95 %, 4.05 %).
    assert 0.0895 <= report.a_gender_pay_gap_mean < 0.0905
    assert 0.0395 <= report.c_gender_pay_gap_median < 0.0405
    # 17.5 % of men and 8.4 % of women receive variable pay.
    shares = dict(report.e_variable_pay_shares.select("gender", "share").iter_rows())
    assert round(shares["M"], 3) == 0.175 and round(shares["F"], 3) == 0.084
    # Schalen 10, 11, 12: 5.3 %, 5.9 %, 8.1 %, all flagged; schaal 13 (two women) is withheld.
    totals = report.g_categories.filter(pl.col("component") == "total")
    by_grade = {row["group"]: row for row in totals.rows(named=True)}
    for grade, gap in (("10", 0.053), ("11", 0.059), ("12", 0.081)):
        assert round(by_grade[grade]["mean_gap"], 3) == gap
        assert by_grade[grade]["art10_flag"] is True
    assert by_grade["13"]["suppressed"] is True and by_grade["13"]["art10_flag"] is None
    # Schalen 4-9: between −2.5 % and +2 %, none flagged.
    for grade in ("4", "5", "6", "7", "8", "9"):
        assert -0.025 <= by_grade[grade]["mean_gap"] <= 0.02
        assert by_grade[grade]["art10_flag"] is False


def test_overview_gap_includes_variable_pay(connect) -> None:  # type: ignore[no-untyped-def]
    # Zorg: men at 20 €/h, one with a bonus of 2,080 € (1 €/h), women at 20 €/h; Staf only men.
    rows = (
        [_row("M0", "M", 20, bonus=2080.0), _row("M1", "M", 20), _row("M2", "M", 20)]
        + [_row(f"F{i}", "V", 20) for i in range(3)]
        + [_row(f"S{i}", "M", 25, dept="Staf") for i in range(3)]
    )
    con = connect(rows)
    frame = pay.overview(con, _year(min_group_size=3), "department")
    # Zorg men: 21, 20, 20 → mean 61/3; the gap (61/3 − 20) / (61/3) = 1/61; medians equal.
    assert frame.rows() == [
        ("Staf", None, None, False),  # no women: no gap, nothing withheld
        ("Zorg", pytest.approx(1 / 61), 0.0, False),
    ]
    total = _total(pay.pay_gaps(con, _year(min_group_size=3)))
    assert total["mean_male_eur"] == pytest.approx((21 + 20 + 20 + 25 * 3) / 6)
