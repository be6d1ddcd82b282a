"""The command line: help on every command, exit codes, the metrics JSON contract, rollback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from analytics.cli import build_parser, main

EMPLOYEES = "Personeelsnummer;Datum in dienst;Datum uit dienst\n" + "".join(
    f"{n:03d};15-01-2020;{'30-06-2024' if n < 3 else ''}\n" for n in range(12)
)


@pytest.mark.parametrize("command", ["load", "sample", "metrics", "rollback", "status"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m analytics {command}")
    assert len(out.splitlines()) > 4


def test_top_level_help_lists_the_commands() -> None:
    text = build_parser().format_help()
    for command in ("load", "sample", "metrics", "rollback", "status"):
        assert command in text


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    source = tmp_path / "medewerkers.csv"
    source.write_text(EMPLOYEES, encoding="utf-8")
    path = tmp_path / "koers.duckdb"
    assert main(["load", str(source), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def test_metrics_json_contract(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["metrics", "--db", str(db), "--from", "2024-01-01", "--to", "2024-12-31", "--json"])
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"period", "metrics"}
    assert result["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    metrics = result["metrics"]
    for key in (
        "headcount_start",
        "headcount_end",
        "average_headcount",
        "hires",
        "leavers",
        "turnover_rate",
    ):
        assert key in metrics
    assert (metrics["headcount_start"], metrics["headcount_end"], metrics["leavers"]) == (12, 9, 3)
    # 9 people all year, 3 until 30 June (182 days of 366).
    average = (9 * 366 + 3 * 182) / 366
    assert metrics["average_headcount"] == pytest.approx(average)
    assert metrics["turnover_rate"] == pytest.approx(3 / average)


def test_metrics_text_output(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", "--db", str(db), "--from", "2024-01-01", "--to", "2024-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Period 2024-01-01 – 2024-12-31" in out
    assert "leavers: 3" in out


def test_metrics_refuses_an_unknown_dimension(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "metrics",
            "--db",
            str(db),
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--by",
            "salary; DROP",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "cannot break down by 'salary; DROP'" in err
    assert "department" in err


def test_metrics_refuses_a_reversed_period(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", "--db", str(db), "--from", "2024-12-31", "--to", "2024-01-01"]) == 1
    assert "--to is before --from" in capsys.readouterr().err


def test_min_group_size_never_below_three(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(
            [
                "metrics",
                "--db",
                str(db),
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
                "--min-group-size",
                "2",
            ]
        )
    assert exited.value.code == 2
    assert "never below 3" in capsys.readouterr().err


def test_small_population_is_withheld_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "klein.csv"
    source.write_text(
        "Personeelsnummer;Datum in dienst\n001;15-01-2020\n002;15-01-2020\n", encoding="utf-8"
    )
    path = tmp_path / "koers.duckdb"
    assert main(["load", str(source), "--db", str(path)]) == 0
    capsys.readouterr()
    assert (
        main(["metrics", "--db", str(path), "--from", "2024-01-01", "--to", "2024-12-31", "--json"])
        == 0
    )
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert metrics["headcount_end"] is None
    assert all(value is None for value in metrics.values())


def test_status_and_rollback(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    more = tmp_path / "meer.csv"
    more.write_text("Personeelsnummer;Datum in dienst\n100;13-02-2021\n", encoding="utf-8")
    assert main(["load", str(more), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["status", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "data version: 2" in out
    assert "employments: 13 rows" in out
    assert main(["rollback", "--db", str(db)]) == 0
    assert "data version is now 3" in capsys.readouterr().out
    assert main(["status", "--db", str(db)]) == 0
    assert "employments: 12 rows" in capsys.readouterr().out


def test_load_reports_errors_on_stderr_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "fout.csv"
    bad.write_text("Personeelsnummer;Datum in dienst\n001;31-02-2020\n", encoding="utf-8")
    assert main(["load", str(bad), "--db", str(tmp_path / "koers.duckdb")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        "fout.csv, row 2, column 'Datum in dienst': '31-02-2020': expected a date like 31-12-2024"
        in captured.err
    )
    assert "Nothing was loaded; the store is unchanged." in captured.err


def test_text_output_says_why_a_group_is_withheld(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "afdelingen.csv"
    rows = ["Personeelsnummer;Datum in dienst;Afdeling"]
    rows += [f"{n:03d};15-01-2020;Zorg" for n in range(7)]
    rows += [f"{n:03d};15-01-2020;HR" for n in range(10, 12)]
    rows += [f"{n:03d};15-01-2020;ICT" for n in range(20, 26)]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "koers.duckdb"
    assert main(["load", str(source), "--db", str(db)]) == 0
    capsys.readouterr()
    args = ["metrics", "--db", str(db), "--from", "2024-01-01", "--to", "2024-12-31"]
    assert main([*args, "--by", "department"]) == 0
    out = capsys.readouterr().out
    withheld = "  not shown: fewer than 5 people (or it would reveal a group that is)"
    # HR (2) is hidden, ICT (6) too as the next smallest; Zorg (7) is shown.
    hr, ict, zorg = out.split("department = ")[1:]
    assert hr == f"HR\n{withheld}\n"
    assert ict == f"ICT\n{withheld}\n"
    assert zorg.startswith(
        "Zorg\n  headcount_start: 7\n  headcount_end: 7\n  average_headcount: 7.0000\n"
        "  fte_end: 7.0000\n  average_fte: 7.0000\n  hires: 0\n  leavers: 0\n"
        "  turnover_rate: 0.0000\n"
    )
    assert "  enps: –\n" in zorg  # no survey loaded: the figure cannot be computed


def test_sheet_and_date_order_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import polars as pl

    workbook = tmp_path / "export.xlsx"
    with __import__("xlsxwriter").Workbook(workbook) as book:
        pl.DataFrame({"Personeelsnummer": ["001"], "Datum in dienst": ["01-02-2020"]}).write_excel(
            book, worksheet="Oud"
        )
        pl.DataFrame(
            {"Personeelsnummer": ["001", "002"], "Datum in dienst": ["03-04-2020", "05-06-2021"]}
        ).write_excel(book, worksheet="Medewerkers")
    db = tmp_path / "koers.duckdb"
    # Every day is 12 or less: the order must be given.
    assert main(["load", str(workbook), "--db", str(db), "--sheet", "Medewerkers"]) == 1
    assert "every date could be day-month or month-day" in capsys.readouterr().err
    args = ["load", str(workbook), "--db", str(db), "--sheet", "Medewerkers", "--date-order", "dmy"]
    assert main(args) == 0
    assert "export.xlsx [Medewerkers] → employments" in capsys.readouterr().out
    from analytics import store

    con = store.connect_reader(db)
    try:
        assert con.sql("SELECT employee_id, hire_date FROM employments ORDER BY 1").fetchall() == [
            ("001", date(2020, 4, 3)),
            ("002", date(2021, 6, 5)),
        ]
    finally:
        con.close()


def test_load_speaks_dutch_with_lang_nl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "fout.csv"
    bad.write_text("Personeelsnummer;Datum in dienst\n001;31-02-2020\n", encoding="utf-8")
    db = tmp_path / "koers.duckdb"
    assert main(["load", str(bad), "--db", str(db), "--lang", "nl"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "fout.csv → medewerkers",
        "  gelezen als: tekenset UTF-8, scheidingsteken puntkomma",
        "  kolom 'Personeelsnummer' → personeelsnummer",
        "  kolom 'Datum in dienst' → datum in dienst",
        "  datumvolgorde dd-mm-jjjj (1 datum(s) met een dag boven 12 vooraan)",
        "  rijen gelezen 1, geladen 0, geweigerd 1",
        "1 fout(en):",
        "  fout.csv, rij 2, kolom 'Datum in dienst': '31-02-2020': "
        "verwacht een datum als 31-12-2024 (dd-mm-jjjj)",
        "Er is niets geladen; de gegevens zijn ongewijzigd.",
    ]

    good = tmp_path / "goed.csv"
    good.write_text("Personeelsnummer;Datum in dienst\n001;13-02-2020\n", encoding="utf-8")
    assert main(["load", str(good), "--db", str(db), "--lang", "nl"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Geladen. Dataversie 1."

    mapping = tmp_path / "koppeling.toml"
    mapping.write_text('kind = "medewerkers"\n', encoding="utf-8")
    assert (
        main(["load", str(good), "--db", str(db), "--mapping", str(mapping), "--lang", "nl"]) == 1
    )
    assert capsys.readouterr().err.startswith(
        "fout: koppeling.toml: kind 'medewerkers' is niet een van employments, "
    )
    # English stays the default.
    assert main(["load", str(good), "--db", str(db), "--mapping", str(mapping)]) == 1
    assert capsys.readouterr().err.startswith(
        "error: koppeling.toml: kind 'medewerkers' is not one of employments, "
    )


def test_lang_accepts_only_english_and_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["load", "x.csv", "--lang", "de"])
    assert exited.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err
