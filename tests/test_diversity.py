"""Diversity on the last day of the period: gender shares with X and unknown, the age pyramid at
the AOW boundary, generations, managers, the Blau index and the privacy rule for small cells."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from analytics import store
from analytics.metrics import diversity
from analytics.metrics.base import Filters, Period, Settings
from tests.support import load, write

HEADER = "Personeelsnummer;Geslacht;Geboortedatum;Datum in dienst;Datum uit dienst;Afdeling;"
HEADER += "Schaal;Leidinggevende;Soort contract\n"


def _people(rows: list[str]) -> str:
    return HEADER + "\n".join(rows) + "\n"


def _connect(tmp_path: Path, db: Path, text: str):  # type: ignore[no-untyped-def]
    load([write(tmp_path / "mensen.csv", text)], db)
    return store.connect_reader(db)


def _year(year: int, **settings: object) -> Filters:
    period = Period(date(year, 1, 1), date(year, 12, 31))
    return Filters(period, settings=Settings(**settings))  # type: ignore[arg-type]


# Zorg: 6 women, 4 men, 3 X, 3 unknown; Staf: 2 women, 3 men, 1 X. Plus people who do not count
# on 31-12-2025: a leaver, a flex worker, and someone hired in 2026.
ZORG = (
    [f"Z{i:02};V;01-01-1980;01-01-2015;;Zorg;6;;Vast" for i in range(6)]
    + [f"Z{i:02};M;01-01-1980;01-01-2015;;Zorg;6;;Vast" for i in range(6, 10)]
    + [f"Z{i:02};X;01-01-1980;01-01-2015;;Zorg;6;;Vast" for i in range(10, 13)]
    + [f"Z{i:02};;01-01-1980;01-01-2015;;Zorg;6;;Vast" for i in range(13, 16)]
)
STAF = [
    "S01;V;01-01-1970;01-01-2015;;Staf;9;;Vast",
    "S02;V;01-01-1970;01-01-2015;;Staf;9;;Vast",
    "S03;M;01-01-1970;01-01-2015;;Staf;9;;Vast",
    "S04;M;01-01-1970;01-01-2015;;Staf;9;;Vast",
    "S05;M;01-01-1970;01-01-2015;;Staf;9;;Vast",
    "S06;X;01-01-1970;01-01-2015;;Staf;9;;Vast",
]
NOT_COUNTED = [
    "L01;V;01-01-1980;01-01-2015;30-12-2025;Zorg;6;;Vast",
    "F01;V;01-01-1980;01-01-2015;;Zorg;6;;Uitzendkracht",
    "N01;M;01-01-1980;01-01-2026;;Zorg;6;;Vast",
]


@pytest.fixture
def units(tmp_path: Path, db: Path):  # type: ignore[no-untyped-def]
    connection = _connect(tmp_path, db, _people(ZORG + STAF + NOT_COUNTED))
    yield store.cursor(connection)
    connection.close()


def _by_group(frame: pl.DataFrame) -> dict[str, dict[str, object]]:
    return {row["group"]: row for row in frame.iter_rows(named=True)}


def test_counts_on_the_last_day_leave_out_leavers_flex_and_future_hires(units) -> None:  # type: ignore[no-untyped-def]
    raw = diversity.gender_counts_raw(units, _year(2025), "department")
    cells = {(r["group"], r["category"]): r["headcount"] for r in raw.iter_rows(named=True)}
    assert cells == {
        ("Zorg", "F"): 6, ("Zorg", "M"): 4, ("Zorg", "X"): 3, ("Zorg", "(onbekend)"): 3,
        ("Staf", "F"): 2, ("Staf", "M"): 3, ("Staf", "X"): 1,
    }  # fmt: skip


def test_female_share_leaves_x_and_unknown_out(units) -> None:  # type: ignore[no-untyped-def]
    whole = diversity.gender_shares(units, _year(2025, min_group_size=3)).row(0, named=True)
    # F / (F + M) = 8 / 15, not 8 / 22: X and unknown are their own counts.
    assert whole["female_share"] == pytest.approx(8 / 15)
    assert whole["male_share"] == pytest.approx(7 / 15)
    assert (whole["group"], whole["female"], whole["male"]) == ("all", 8, 7)
    assert (whole["x"], whole["unknown"], whole["suppressed"]) == (4, 3, False)
    rows = _by_group(diversity.gender_shares(units, _year(2025, min_group_size=3), "department"))
    assert rows["Zorg"]["female_share"] == pytest.approx(6 / 10)
    assert rows["Staf"]["female_share"] == pytest.approx(2 / 5)
    assert diversity.overview(units, _year(2025, min_group_size=3), None).rows() == [
        ("all", pytest.approx(8 / 15), False)
    ]


def test_small_x_counts_are_withheld_across_groups(units) -> None:  # type: ignore[no-untyped-def]
    rows = _by_group(diversity.gender_shares(units, _year(2025, min_group_size=3), "department"))
    # Staf's single X is fewer than 3; Zorg's 3 X go too, since the whole organisation's 4 X
    # minus Zorg's 3 would reveal Staf's one.
    assert rows["Staf"]["x"] is None
    assert rows["Zorg"]["x"] is None
    assert rows["Zorg"]["unknown"] == 3
    # The binary make-up stays: both groups hold at least the minimum.
    assert (rows["Staf"]["female"], rows["Staf"]["male"]) == (2, 3)
    assert rows["Staf"]["suppressed"] is False
    # The group's total is not repeated, so F + M + X + unknown cannot be subtracted here.
    assert "population" not in rows["Staf"]


def test_default_minimum_and_filters(units) -> None:  # type: ignore[no-untyped-def]
    rows = _by_group(diversity.gender_shares(units, _year(2025), "department"))
    # Minimum 5: X 3 and 1 are both withheld (together still 4: nothing else to hide on that
    # line, and the whole organisation's X count of 4 is withheld as well); unknown 3 too.
    assert rows["Zorg"]["x"] is None and rows["Staf"]["x"] is None
    assert rows["Zorg"]["unknown"] is None
    assert rows["Zorg"]["female_share"] == pytest.approx(0.6)
    assert diversity.gender_shares(units, _year(2025))["x"].item() is None
    # A filter that leaves fewer than five: Staf's two women.
    women = Filters(_year(2025).period, genders=("F",), org_units=("Staf",))
    assert diversity.gender_shares(units, women)["suppressed"].to_list() == [True]
    binary = Filters(_year(2025).period, genders=("F", "M"), org_units=("Staf",))
    assert diversity.gender_shares(units, binary)["female_share"].item() == pytest.approx(0.4)


def test_small_department_withheld_whole(tmp_path: Path, db: Path) -> None:
    text = _people(ZORG + STAF[:4])  # Staf: 2 women, 2 men
    connection = _connect(tmp_path, db, text)
    try:
        con = store.cursor(connection)
        rows = _by_group(diversity.gender_shares(con, _year(2025), "department"))
        assert rows["Staf"]["suppressed"] is True
        assert rows["Staf"]["female"] is None and rows["Staf"]["female_share"] is None
        # With only two groups, hiding one small group hides the other (complement).
        assert rows["Zorg"]["suppressed"] is True
        overview = diversity.overview(con, _year(2025), "department")
        assert overview.columns == ["group", "female_share", "suppressed"]
        assert overview["female_share"].to_list() == [None, None]
    finally:
        connection.close()


def test_blau_index_60_40(units) -> None:  # type: ignore[no-untyped-def]
    assert diversity.blau([0.6, 0.4], 2) == pytest.approx((0.48, 0.96))
    assert diversity.blau([], 2) == (None, None)
    rows = _by_group(diversity.blau_index(units, _year(2025, min_group_size=3), "department"))
    # Zorg: F 6, M 4 → 1 − 0.36 − 0.16 = 0.48; normalised by (k − 1) / k = 1/2 → 0.96.
    assert rows["Zorg"]["blau_index"] == pytest.approx(0.48)
    assert rows["Zorg"]["blau_index_normalised"] == pytest.approx(0.96)
    # Outside F and M: 3 X + 3 unknown of 16, but Zorg's X cell is withheld (module note).
    assert rows["Zorg"]["outside_share"] is None
    assert rows["Staf"]["blau_index"] == pytest.approx(1 - 0.4**2 - 0.6**2)


def test_blau_with_three_categories(units) -> None:  # type: ignore[no-untyped-def]
    whole = diversity.blau_index(units, _year(2025, min_group_size=3, blau_categories=3))
    # F 8, M 7, X 4 (unknown 3 left out): p = 8/19, 7/19, 4/19; max (k − 1) / k = 2/3.
    index = 1 - (8 / 19) ** 2 - (7 / 19) ** 2 - (4 / 19) ** 2
    assert whole["blau_index"].item() == pytest.approx(index)
    assert whole["blau_index_normalised"].item() == pytest.approx(index / (2 / 3))
    assert whole["outside_share"].item() == pytest.approx(3 / 22)


AOW = [
    "A1;V;15-11-1960;01-01-2010;;Zorg;6;;Vast",  # 67y1m on 31-12-2027, 68y1m on 31-12-2028
    "B1;M;15-11-1961;01-01-2010;;Zorg;6;;Vast",  # 66y1m on 31-12-2027, 67y1m on 31-12-2028
    "C1;V;30-09-1961;01-01-2010;;Zorg;6;;Vast",  # 67y3m on 30-12-2028
    "D1;M;01-01-2003;01-01-2020;;Zorg;6;;Vast",  # 24 / 25 on 31-12-2027 / 2028
]


def test_age_bands_at_the_aow_boundary_2027_and_2028(tmp_path: Path, db: Path) -> None:
    connection = _connect(tmp_path, db, _people(AOW))
    try:
        con = store.cursor(connection)

        def bands(year: int) -> dict[str, int]:
            raw = diversity.age_counts_raw(con, _year(year))
            return dict(raw.group_by("group").agg(pl.col("headcount").sum()).iter_rows())

        # 2027: AOW age 67. A (67y1m) is past it, B and C (66) are not.
        assert bands(2027) == {"AOW+": 1, "55-AOW": 2, "15-25": 1}
        # 2028: AOW age 67y3m. B at 67y1m is below it now; C reaches 67y3m on 30-12-2028.
        assert bands(2028) == {"AOW+": 2, "55-AOW": 1, "25-35": 1}
    finally:
        connection.close()


def test_age_pyramid_by_band_and_gender(tmp_path: Path, db: Path) -> None:
    young = [f"Y{i};{'V' if i < 4 else 'M'};15-06-1995;01-01-2020;;Zorg;6;;Vast" for i in range(7)]
    old = [f"O{i};{'V' if i < 3 else 'M'};15-06-1965;01-01-2020;;Zorg;6;;Vast" for i in range(6)]
    odd = ["O9;X;15-06-1965;01-01-2020;;Zorg;6;;Vast"]
    connection = _connect(tmp_path, db, _people(young + old + odd))
    try:
        con = store.cursor(connection)
        pyramid = diversity.age_pyramid(con, _year(2025, min_group_size=3))
        rows = {(r["band"], r["gender"]): r for r in pyramid.iter_rows(named=True)}
        # 30 on 31-12-2025: 25-35; 60: 55-AOW. Bands come in age order.
        assert pyramid["band"].unique(maintain_order=True).to_list() == ["25-35", "55-AOW"]
        assert rows[("25-35", "F")]["headcount"] == 4
        assert rows[("25-35", "M")]["share"] == pytest.approx(3 / 14)
        assert rows[("55-AOW", "M")]["headcount"] == 3
        # One X: withheld; nothing else on the X line to hide with it, so it stays alone.
        assert rows[("55-AOW", "X")]["headcount"] is None
        assert rows[("55-AOW", "X")]["suppressed"] is True
    finally:
        connection.close()


def test_generations_us_convention_boundaries(tmp_path: Path, db: Path) -> None:
    rows = [
        "G1;V;31-12-1964;01-01-2020;;Zorg;6;;Vast",
        "G2;V;01-01-1965;01-01-2020;;Zorg;6;;Vast",
        "G3;M;31-12-1980;01-01-2020;;Zorg;6;;Vast",
        "G4;M;01-01-1981;01-01-2020;;Zorg;6;;Vast",
        "G5;V;01-01-1997;01-01-2020;;Zorg;6;;Vast",
        "G6;M;;01-01-2020;;Zorg;6;;Vast",
    ]
    connection = _connect(tmp_path, db, _people(rows))
    try:
        con = store.cursor(connection)
        frame = diversity.generations(con, _year(2025, min_group_size=3))
        counts = dict(frame.select("generation", "headcount").iter_rows())
        assert counts == {
            "Babyboom (1946-1964)": 1,
            "Generatie X (1965-1980)": 2,
            "Millennials (1981-1996)": 1,
            "Generatie Z (1997-2012)": 1,
            "(onbekend)": 1,
        }
        assert frame["share"].sum() == pytest.approx(1.0)
    finally:
        connection.close()


def test_managers_are_those_with_a_report_in_service(tmp_path: Path, db: Path) -> None:
    rows = [
        "M1;V;01-01-1970;01-01-2015;;Zorg;10;;Vast",
        "M2;M;01-01-1970;01-01-2015;;Zorg;10;;Vast",
        "M3;V;01-01-1970;01-01-2015;;Zorg;10;;Vast",  # her only report left in 2024
        *(f"E{i};V;01-01-1990;01-01-2015;;Zorg;6;M1;Vast" for i in range(3)),
        *(f"E{i};M;01-01-1990;01-01-2015;;Zorg;6;M2;Vast" for i in range(3, 6)),
        "E9;M;01-01-1990;01-01-2015;30-06-2024;Zorg;6;M3;Vast",
    ]
    connection = _connect(tmp_path, db, _people(rows))
    try:
        con = store.cursor(connection)
        roles = _by_group(diversity.gender_by_role(con, _year(2025, min_group_size=3)))
        # Two managers (M1, M2) are fewer than 3: withheld, and the other group with them.
        assert roles["manager"]["suppressed"] is True
        cells = diversity.gender_by_role_raw(con, _year(2025))
        counted = {(r["group"], r["category"]): r["headcount"] for r in cells.iter_rows(named=True)}
        assert counted == {
            ("manager", "F"): 1, ("manager", "M"): 1,
            ("non-manager", "F"): 4, ("non-manager", "M"): 3,
        }  # fmt: skip
    finally:
        connection.close()


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


def test_sample_on_31_december_2025(sample) -> None:  # type: ignore[no-untyped-def]
    # README, all 1,557 in service (flex included): 54.8 % women, 44.3 % men, 0.9 % X, ages 18
    # to 66, 133 people with direct reports.
    everyone = _year(2025, include_flex=True)
    row = diversity.gender_shares(sample, everyone).row(0, named=True)
    total = row["female"] + row["male"] + row["x"] + row["unknown"]
    assert total == 1557
    shares = (row["female"] / total, row["male"] / total, row["x"] / total)
    assert tuple(round(share, 3) for share in shares) == (0.548, 0.443, 0.009)
    pyramid = diversity.age_pyramid(sample, everyone)
    assert set(pyramid["band"]) == {"15-25", "25-35", "35-45", "45-55", "55-AOW"}
    roles = diversity.gender_by_role(sample, everyone).filter(pl.col("group") == "manager")
    # 60 women and 71 men; the 2 X managers are withheld (fewer than 5).
    assert roles.select("female", "male", "x").row(0) == (60, 71, None)
    # Without flex workers (the default): women are 55.1 % of women and men.
    default = diversity.overview(sample, _year(2025), None)
    assert round(default["female_share"].item(), 3) == 0.551


def test_a_transfer_on_the_last_day_counts_once(tmp_path: Path, db: Path) -> None:
    # T01 moves from Zorg to Staf on 31-12-2025: two segments, one of them on the last day.
    people = _people(ZORG[:5] + STAF[:5] + ["T01;V;01-01-1980;01-01-2015;;Zorg;6;;Vast"])
    history = "Personeelsnummer;Ingangsdatum;Einddatum;Afdeling\n"
    history += "T01;01-01-2015;30-12-2025;Zorg\nT01;31-12-2025;;Staf\n"
    load([write(tmp_path / "mensen.csv", people), write(tmp_path / "historie.csv", history)], db)
    connection = store.connect_reader(db)
    try:
        con = store.cursor(connection)
        cells = diversity.gender_counts_raw(con, _year(2025), "department")
        assert sorted(cells.rows()) == [("Staf", "F", 3), ("Staf", "M", 3), ("Zorg", "F", 5)]
        whole = diversity.gender_shares(con, _year(2025, min_group_size=3))
        assert whole.select("female", "male").row(0) == (8, 3)
    finally:
        connection.close()
