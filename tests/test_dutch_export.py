"""A Dutch HRIS export, loaded the way a new user would: no mapping file, no options."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from analytics import store
from analytics.cli import main

EMPLOYEES = [
    "Personeelsnummer;Naam;Geslacht;Geboortedatum;Datum in dienst;Datum uit dienst;"
    "Reden uit dienst;Afdeling;Functie;FTE;Soort contract;Bruto jaarsalaris",
    "001;Anna de Vries;Vrouw;12-03-1985;01-02-2018;;;Financiën;Controller;0,80;Vast;52.400,00",
    "002;Piet Jansen;Man;23-11-1979;15-06-2015;31-05-2024;Eigen verzoek;Financiën;Boekhouder;"
    "1,00;Vast;41.200,50",
    "003;Sanne Bakker;Vrouw;05-07-1995;01-09-2022;31-08-2024;Einde contract;Logistiek;Planner;"
    "1,00;Tijdelijk;36.000,00",
    "004;Mohammed El Amrani;Man;30-01-1990;01-03-2020;;;Logistiek;Chauffeur;1,00;Vast;34.500,00",
    "005;Jeroen Smit;Man;14-02-1970;01-01-2010;;;Logistiek;Teamleider;1,00;Vast;58.000,00",
    "006;Eva Müller;Vrouw;19-09-1988;01-04-2021;;;Financiën;Analist;0,60;Vast;46.000,00",
    "007;Lotte Visser;Vrouw;02-12-1992;01-10-2023;;;HR;Adviseur;0,89;Uitzendkracht;40.000,00",
    "008;Bram Claes;Man;17-08-1983;01-05-2024;;;Logistiek;Planner;1,00;Vast;39.000,00",
    "009;Fleur Mulder;Vrouw;28-04-1999;01-01-2024;30-04-2024;Ontslag werkgever;Logistiek;"
    "Magazijn;0,50;Tijdelijk;28.000,00",
    "010;Daan de Boer;Man;03-10-1961;01-01-2001;31-10-2024;Pensioen;Financiën;Controller;1,00;"
    "Vast;61.000,00",
]
ABSENCES = [
    "Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage",
    "001;10-01-2024;19-01-2024;Ziekte;100",
    "004;15-02-2024;;Ziekte;50",
    "006;01-03-2024;30-06-2024;Zwangerschapsverlof;100",
    "005;13-11-2023;02-01-2024;Ziekte;100",
]


EVERY_KEY = (
    "headcount_start", "headcount_end", "average_headcount", "fte_end", "average_fte", "hires",
    "leavers", "turnover_rate", "voluntary_turnover_rate", "involuntary_turnover_rate",
    "regretted_turnover_rate", "stability_index", "absence_rate", "absence_frequency",
    "average_absence_duration", "zero_absence_rate", "female_share", "gender_pay_gap_mean",
    "gender_pay_gap_median", "enps", "response_rate", "span_of_control_mean", "layers_max",
)  # fmt: skip


@pytest.fixture
def exports(tmp_path: Path) -> tuple[Path, Path, Path]:
    employees = tmp_path / "medewerkers.csv"
    employees.write_bytes(("\r\n".join(EMPLOYEES) + "\r\n").encode("cp1252"))
    absences = tmp_path / "verzuim.csv"
    absences.write_bytes(("\r\n".join(ABSENCES) + "\r\n").encode("cp1252"))
    return employees, absences, tmp_path / "koers.duckdb"


def test_loads_without_mapping_and_stores_canonical_values(
    exports: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    employees, absences, db = exports
    assert main(["load", str(employees), str(absences), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "medewerkers.csv → employments" in out
    assert "verzuim.csv → absences" in out
    assert "encoding Windows-1252, delimiter semicolon" in out
    assert "Loaded. Data version 1." in out
    con = store.connect_reader(db)
    try:
        rows = con.sql(
            "SELECT employee_id, gender, birth_date, hire_date, termination_date, "
            "termination_type, termination_reason, department, fte, contract_type, annual_salary "
            "FROM employments WHERE employee_id IN ('002', '007', '009') ORDER BY employee_id"
        ).fetchall()
        assert rows == [
            ("002", "M", date(1979, 11, 23), date(2015, 6, 15), date(2024, 5, 31),
             "voluntary", "Eigen verzoek", "Financiën", 1.0, "permanent", 41200.5),
            ("007", "F", date(1992, 12, 2), date(2023, 10, 1), None,
             None, None, "HR", 0.89, "flex", 40000.0),
            ("009", "F", date(1999, 4, 28), date(2024, 1, 1), date(2024, 4, 30),
             "involuntary", "Ontslag werkgever", "Logistiek", 0.5, "temporary", 28000.0),
        ]  # fmt: skip
        types = con.sql(
            "SELECT employee_id, absence_type, percentage, end_date FROM absences "
            "ORDER BY employee_id"
        ).fetchall()
        assert types == [
            ("001", "sickness", 100.0, date(2024, 1, 19)),
            ("004", "sickness", 50.0, None),
            ("005", "sickness", 100.0, date(2024, 1, 2)),
            ("006", "pregnancy", 100.0, date(2024, 6, 30)),
        ]
    finally:
        con.close()


def test_metrics_for_2024(
    exports: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    employees, absences, db = exports
    assert main(["load", str(employees), str(absences), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["metrics", "--db", str(db), "--from", "2024-01-01", "--to", "2024-12-31",
                 "--json", "--min-group-size", "3"]) == 0  # fmt: skip
    result = json.loads(capsys.readouterr().out)
    metrics = result["metrics"]
    assert result["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    # Every key of the command-line contract is there; what cannot be computed is null.
    assert set(EVERY_KEY) <= set(metrics)
    assert metrics["enps"] is None and metrics["response_rate"] is None  # no survey loaded
    # Flex worker 007 is left out. In service on 1 Jan: 001 002 003 004 005 006 009 010 = 8;
    # on 31 Dec: 001 004 005 006 008 = 5. Hires: 008, 009. Leavers: 002 003 009 010.
    assert metrics["headcount_start"] == 8
    assert metrics["headcount_end"] == 5
    assert metrics["hires"] == 2
    assert metrics["leavers"] == 4
    days = {  # days in service in 2024 (366 days)
        "001": 366, "004": 366, "005": 366, "006": 366,
        "002": 152, "003": 244, "008": 245, "009": 121, "010": 305,
    }  # fmt: skip
    average = sum(days.values()) / 366
    assert metrics["average_headcount"] == pytest.approx(average)
    assert metrics["turnover_rate"] == pytest.approx(4 / average)
    assert metrics["voluntary_turnover_rate"] == pytest.approx(1 / average)
    assert metrics["involuntary_turnover_rate"] == pytest.approx(1 / average)
    # Sick days × share × fte in 2024: 001 10 × 0.8; 004 open from 15 Feb at 50 % (321 days);
    # 005 on 1–2 Jan. Pregnancy leave (006) is not sickness. Available fte-days: 2250.9.
    assert metrics["absence_rate"] == pytest.approx((8 + 160.5 + 2) / 2250.9)
    # On 31 Dec: 001 and 006 women, 004, 005 and 008 men.
    assert metrics["female_share"] == pytest.approx(2 / 5)


def test_breakdown_withholds_small_departments(
    exports: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    employees, absences, db = exports
    sales = employees.with_name("verkoop.csv")
    rows = [EMPLOYEES[0]] + [
        f"1{n:02d};Verkoper {n};Man;01-01-1980;13-01-2020;;;Verkoop;Verkoper;1,00;Vast;40.000,00"
        for n in range(6)
    ]
    sales.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["load", str(employees), str(sales), str(absences), "--db", str(db)]) == 0
    capsys.readouterr()
    args = ["metrics", "--db", str(db), "--from", "2024-01-01", "--to", "2024-12-31"]
    assert main([*args, "--by", "department", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["by"] == "department"
    groups = {g["group"]: g for g in result["groups"]}
    # Financiën: 001 002 006 010 = 4 people → hidden. Logistiek: 003 004 005 008 009 = 5 → hidden
    # too (complement protection: the next smallest). Verkoop: 6 → shown.
    assert groups["Verkoop"]["suppressed"] == []
    assert groups["Verkoop"]["metrics"]["headcount_end"] == 6
    assert groups["Verkoop"]["metrics"]["leavers"] == 0
    for hidden in ("Financiën", "Logistiek"):
        assert set(groups[hidden]["suppressed"]) >= {"headcount_end", "leavers", "turnover_rate"}
        assert all(v is None for v in groups[hidden]["metrics"].values())
    assert "HR" not in groups  # the only HR person is a flex worker, outside the population
