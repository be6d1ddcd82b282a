"""No public metric function returns a figure about fewer than the minimum number of people.

Every public function of every metric module is called on a tiny organisation (four people, with
absences, pay, a survey and an org chart) and must withhold everything it returns.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from datetime import date

import duckdb
import polars as pl
import pytest

from analytics import store
from analytics.metrics import DOMAINS, Filters, Period
from analytics.metrics.headcount import headcount_raw
from tests.support import load, write

# Functions that describe no people: pure arithmetic, public benchmark data, or data problems.
NOT_ABOUT_PEOPLE = {
    "absence.cbs_benchmark",  # national statistics
    "absence.frequency_factor",  # a number from the period's length
    "absence.months_of",  # calendar months
    "diversity.blau",  # arithmetic on given shares
    "org.reporting_problems",  # counts of data errors for the people who fix the data
}

PEOPLE = (
    (
        "Personeelsnummer;Geslacht;Geboortedatum;Datum in dienst;Datum uit dienst;Reden uit dienst;"
        "Afdeling;Leidinggevende;Schaal;FTE;Bruto jaarsalaris;Variabele beloning\n"
    )
    + """\
001;Vrouw;14-03-1980;13-01-2015;;;Zorg;;10;1,0;60.000,00;5.000,00
002;Man;14-03-1985;13-01-2018;;;Zorg;001;8;0,8;40.000,00;
003;Vrouw;14-03-1990;13-01-2019;30-09-2024;Eigen verzoek;Staf;001;8;1,0;42.000,00;
004;Man;14-03-1995;13-01-2024;;;Staf;001;7;1,0;35.000,00;1.000,00
"""
)
ABSENCES = """Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
001;15-01-2024;19-01-2024;Ziekte;100
002;13-02-2024;;Ziekte;50
004;13-05-2024;28-05-2024;Ziekte;100
"""
ORG = "Eenheid;Bovenliggende eenheid\nDirectie;\nZorg;Directie\nStaf;Directie\n"
QUESTIONS = (
    "Vraagcode;Vraag;Dimensie;Schaal min;Schaal max\n"
    "Q1;Aanbevelen?;enps;0;10\nQ2;Veilig?;veiligheid;1;5\n"
)
ANSWERS = "Peildatum;Respondent;Afdeling;Vraagcode;Score\n" + "".join(
    f"30-09-2024;R{n};{'Zorg' if n < 3 else 'Staf'};{q};{s}\n"
    for n in range(1, 5)
    for q, s in (("Q1", 6 + n), ("Q2", 1 + n))
)  # fmt: skip


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("tiny")
    files = [
        write(folder / name, text)
        for name, text in (
            ("org.csv", ORG), ("mensen.csv", PEOPLE), ("verzuim.csv", ABSENCES),
            ("vragen.csv", QUESTIONS), ("antwoorden.csv", ANSWERS),
        )
    ]  # fmt: skip
    load(files, folder / "koers.duckdb")
    connection = store.connect_reader(folder / "koers.duckdb")
    yield store.cursor(connection)
    connection.close()


def _public_functions() -> list[tuple[str, Callable[..., object]]]:
    found = []
    for module in DOMAINS:
        short = module.__name__.rsplit(".", 1)[-1]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if name.endswith("_raw") or f"{short}.{name}" in NOT_ABOUT_PEOPLE:
                continue
            found.append((f"{short}.{name}", function))
    return found


def _figures_withheld(result: object) -> list[str]:
    """What a result shows about people; empty when everything is withheld."""
    if isinstance(result, pl.DataFrame):
        if result.height == 0:
            return []
        if "suppressed" not in result.columns:
            return [f"no suppressed column: {result.columns}"]
        # A row still shown may carry labels, nulls and zeros (a zero describes nobody).
        numbers = [c for c, t in result.schema.items() if t.is_numeric()]
        shown = result.filter(~pl.col("suppressed"))
        return [
            f"shown: {row}"
            for row in shown.iter_rows(named=True)
            if any(row[c] not in (None, 0) for c in numbers)
        ]
    if dataclasses.is_dataclass(result):
        problems = []
        for field in dataclasses.fields(result):
            if field.name.startswith("withheld"):
                continue  # how many parts were withheld: about the report, not about people
            problems += _figures_withheld(getattr(result, field.name))
        return problems
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        return [f"a bare number: {result}"]
    return []


FUNCTIONS = _public_functions()
CASES = [
    (name, function, by)
    for name, function in FUNCTIONS
    for by in (None, "department")
    if by is None or "by" in inspect.signature(function).parameters
]
YEAR = Filters(Period(date(2024, 1, 1), date(2024, 12, 31)))


def test_every_module_has_public_functions() -> None:
    modules = {name.split(".")[0] for name, _ in FUNCTIONS}
    assert modules == {"headcount", "turnover", "absence", "diversity", "pay", "engagement", "org"}


def test_the_check_sees_an_unsuppressed_figure(con: duckdb.DuckDBPyConnection) -> None:
    """The same tiny organisation through a never-to-show function is caught by the check."""
    assert _figures_withheld(headcount_raw(con, YEAR, None)) != []


@pytest.mark.parametrize(("name", "function", "by"), CASES, ids=[f"{n}-{b}" for n, _, b in CASES])
def test_nothing_about_fewer_than_five_people_leaves_analytics(
    con: duckdb.DuckDBPyConnection, name: str, function: Callable[..., object], by: str | None
) -> None:
    arguments = {"by": by} if "by" in inspect.signature(function).parameters else {}
    result = function(con, YEAR, **arguments)
    assert _figures_withheld(result) == [], name
