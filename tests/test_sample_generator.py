"""The sample-data generator: determinism, the exact export dialect, and the data's invariants."""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from sample_data.generate import generate

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"

# Written out here rather than imported, so a change to the generator's headers fails a test.
HEADERS = {
    "medewerkers.csv": (
        "Personeelsnummer;Naam;Geslacht;Geboortedatum;Datum in dienst;Datum uit dienst;"
        "Soort uitdiensttreding;Reden uit dienst;Betreurd vertrek;Afdeling;Functie;Functiegroep;"
        "Schaal;Leidinggevende;Vestiging;Provincie;Werkplek;Soort contract;FTE;Bruto jaarsalaris;"
        "Variabele beloning"
    ),
    "functiehistorie.csv": (
        "Personeelsnummer;Ingangsdatum;Einddatum;Afdeling;Functie;Functiegroep;Schaal;"
        "Leidinggevende;Vestiging;Werkplek;Soort contract;FTE;Bruto jaarsalaris"
    ),
    "verzuim.csv": "Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage;Verzuimmelding",
    "organisatie.csv": "Eenheid;Omschrijving;Bovenliggende eenheid;Leidinggevende",
    "enquete_vragen.csv": "Vraagcode;Vraag;Dimensie;Schaal min;Schaal max",
    "enquete_antwoorden.csv": "Peildatum;Respondent;Afdeling;Vraagcode;Score",
}
ENCODINGS = {"medewerkers.csv": "cp1252", "verzuim.csv": "utf-8-sig"}
KINDS = {
    "employments": "medewerkers.csv",
    "job_history": "functiehistorie.csv",
    "absences": "verzuim.csv",
    "org_units": "organisatie.csv",
    "survey_questions": "enquete_vragen.csv",
    "survey_responses": "enquete_antwoorden.csv",
}
FLEX = {"Uitzendkracht", "Oproepkracht"}
FAR = date(9999, 12, 31)
DATE_RE = re.compile(r"^\d{2}-\d{2}-\d{4}$")
MONEY_RE = re.compile(r"^\d{1,3}(\.\d{3})*,\d{2}$")


def read(folder: Path, name: str) -> list[dict[str, str]]:
    text = (folder / name).read_bytes().decode(ENCODINGS.get(name, "utf-8"))
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def day(value: str) -> date:
    assert DATE_RE.match(value), value
    return datetime.strptime(value, "%d-%m-%Y").date()


def opt_day(value: str) -> date | None:
    return day(value) if value else None


def money(value: str) -> float:
    assert MONEY_RE.match(value), value
    return float(value.replace(".", "").replace(",", "."))


def fte(value: str) -> float:
    assert re.match(r"^[01],\d{2}$", value), value
    number = float(value.replace(",", "."))
    assert 0 < number <= 1.0
    return number


@pytest.fixture(scope="module", params=[(200, 2019, 3), (200, 2023, 3)], ids=["2019-21", "2023-25"])
def small(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small run; the second window contains the 2024 reorganisation."""
    employees, start, years = request.param
    out = tmp_path_factory.mktemp(f"sample{start}")
    generate(out, employees=employees, start_year=start, years=years, seed=11)
    return out


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("default")
    generate(out)
    return out


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", employees=200, start_year=2023, years=3, seed=5)
    b = generate(tmp_path / "b", employees=200, start_year=2023, years=3, seed=5)
    c = generate(tmp_path / "c", employees=200, start_year=2023, years=3, seed=6)
    assert {k: p.name for k, p in a.items()} == KINDS
    for kind in a:
        assert a[kind].read_bytes() == b[kind].read_bytes(), kind
    for kind in ("employments", "job_history", "absences", "survey_responses"):
        assert a[kind].read_bytes() != c[kind].read_bytes(), kind


def test_committed_files_are_what_the_defaults_generate(default_run: Path) -> None:
    for name in HEADERS:
        assert (SAMPLE_DIR / name).read_bytes() == (default_run / name).read_bytes(), (
            f"{name} is stale: run `python -m sample_data.generate`"
        )


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_headers_and_encodings(small: Path, name: str) -> None:
    raw = (small / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (name == "verzuim.csv")
    first = raw.decode(ENCODINGS.get(name, "utf-8")).splitlines()[0]
    assert first == HEADERS[name]


def test_employee_file_is_cp1252_with_accents() -> None:
    raw = (SAMPLE_DIR / "medewerkers.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # accented names are single cp1252 bytes, not UTF-8
    assert any(ch in raw.decode("cp1252") for ch in "éëöï")


class Figures(NamedTuple):
    headcount: int  # excluding flex workers, on the last day
    last_day: date
    emps: list[dict[str, str]]


def check_invariants(folder: Path) -> Figures:
    """Assert the data contract's invariants on one generated folder; return a few figures."""
    emps = read(folder, "medewerkers.csv")
    jobs = read(folder, "functiehistorie.csv")
    absences = read(folder, "verzuim.csv")
    org = read(folder, "organisatie.csv")
    questions = read(folder, "enquete_vragen.csv")
    answers = read(folder, "enquete_antwoorden.csv")
    last_day = max(day(j["Ingangsdatum"]) for j in jobs)
    last_day = date(last_day.year, 12, 31)

    # Employments: valid values, periods of one person never overlap.
    periods: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for e in emps:
        assert re.match(r"^\d{6}$", e["Personeelsnummer"])
        assert e["Geslacht"] in {"Man", "Vrouw", "X"}
        born, hire, term = (
            day(e["Geboortedatum"]),
            day(e["Datum in dienst"]),
            opt_day(e["Datum uit dienst"]),
        )
        assert 17 <= (hire - born).days / 365.25 < 67
        assert term is None or hire <= term <= last_day
        if term is None:
            assert not (
                e["Soort uitdiensttreding"] or e["Reden uit dienst"] or e["Betreurd vertrek"]
            )
        else:
            assert e["Soort uitdiensttreding"] in {
                "Vrijwillig",
                "Onvrijwillig",
                "Pensioen",
                "Einde contract",
                "Overlijden",
            }
            assert e["Reden uit dienst"]
            assert e["Betreurd vertrek"] in {"Ja", "Nee"}
        assert e["Werkplek"] in {"Op locatie", "Hybride", "Thuis"}
        assert e["Soort contract"] in {
            "Vast",
            "Tijdelijk",
            "Uitzendkracht",
            "Oproepkracht",
            "Stagiair",
        }
        assert e["Provincie"] and e["Vestiging"] and e["Afdeling"] and e["Functie"]
        fte(e["FTE"])
        if e["Soort contract"] != "Uitzendkracht":
            assert money(e["Bruto jaarsalaris"]) > 0
        if e["Variabele beloning"]:
            money(e["Variabele beloning"])
        periods[e["Personeelsnummer"]].append((hire, term or FAR))
    for spans in periods.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start

    def in_service(number: str, first: date, last: date) -> bool:
        return any(a <= first and last <= b for a, b in periods.get(number, []))

    # Job history: contiguous per employment, from the hire date (or the window start) to the
    # termination date (or open), with a manager in service for the whole row.
    window_start = min(day(j["Ingangsdatum"]) for j in jobs)  # earlier hires start here
    assert (window_start.month, window_start.day) == (1, 1)
    rows: dict[tuple[str, date], list[tuple[date, date | None]]] = defaultdict(list)
    for j in jobs:
        start, end = day(j["Ingangsdatum"]), opt_day(j["Einddatum"])
        assert end is None or start <= end
        owner = [p for p in periods[j["Personeelsnummer"]] if p[0] <= start <= p[1]]
        assert len(owner) == 1, j
        rows[(j["Personeelsnummer"], owner[0][0])].append((start, end))
        fte(j["FTE"])
        if j["Leidinggevende"]:
            assert j["Leidinggevende"] != j["Personeelsnummer"]
            assert in_service(j["Leidinggevende"], start, min(end or last_day, last_day)), j
    assert sum(1 for j in jobs if not j["Leidinggevende"]) <= 0.01 * len(jobs)  # the top only
    for (number, hire), spans in rows.items():
        term = next(b for a, b in periods[number] if a == hire)
        spans.sort()
        assert spans[0][0] == max(hire, window_start)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end is not None and start == end + timedelta(days=1)
        assert (spans[-1][1] or FAR) == term
    assert len(rows) == len(emps)  # every employment has job history

    # Managers in the employee file are in service on the row's reference day.
    for e in emps:
        if e["Leidinggevende"]:
            ref = opt_day(e["Datum uit dienst"]) or last_day
            assert in_service(e["Leidinggevende"], ref, ref), e

    # Absences: inside an employment, never overlapping; rows of one spell follow day after day.
    by_person: dict[str, list[tuple[date, date, str, str]]] = defaultdict(list)
    for a in absences:
        assert a["Soort verzuim"] in {"Ziekte", "Zwangerschapsverlof", "Calamiteitenverlof"}
        assert 0 < int(a["Percentage"]) <= 100
        assert re.match(r"^VZ-\d{6}$", a["Verzuimmelding"])
        start, end = day(a["Begindatum"]), opt_day(a["Einddatum"])
        stop = end or FAR
        assert any(h <= start and stop <= t for h, t in periods[a["Personeelsnummer"]]), a
        by_person[a["Personeelsnummer"]].append(
            (start, stop, a["Verzuimmelding"], a["Soort verzuim"])
        )
    spell_owner: dict[str, str] = {}
    for number, items in by_person.items():
        items.sort()
        for prev, cur in itertools.pairwise(items):
            assert prev[1] < cur[0], (number, prev, cur)
            if prev[2] == cur[2]:
                assert cur[0] == prev[1] + timedelta(days=1)
        for item in items:
            assert spell_owner.setdefault(item[2], number) == number

    # Organisation: a tree whose managers are in service on the last day.
    units = {u["Eenheid"]: u for u in org}
    assert sum(1 for u in org if not u["Bovenliggende eenheid"]) == 1
    for u in org:
        assert not u["Bovenliggende eenheid"] or u["Bovenliggende eenheid"] in units
        assert in_service(u["Leidinggevende"], last_day, last_day)
    current = [e for e in emps if not e["Datum uit dienst"]]
    assert {e["Afdeling"] for e in current} <= set(units)

    # Survey: known questions, scores on their scale, pseudonymous respondents.
    scale = {q["Vraagcode"]: (int(q["Schaal min"]), int(q["Schaal max"])) for q in questions}
    assert {q["Dimensie"] for q in questions} == {
        "enps",
        "psychologische_veiligheid",
        "bevlogenheid",
    }
    for a in answers:
        day(a["Peildatum"])
        assert re.match(r"^R\d{4}[AB]-\d{4,}$", a["Respondent"])
        lo, hi = scale[a["Vraagcode"]]
        assert lo <= int(a["Score"]) <= hi

    headcount = sum(1 for e in current if e["Soort contract"] not in FLEX)
    return Figures(headcount, last_day, emps)


def test_invariants_small_runs(small: Path) -> None:
    assert 150 <= check_invariants(small).headcount <= 250


def test_committed_files_invariants_and_story() -> None:
    figures = check_invariants(SAMPLE_DIR)
    assert figures.last_day == date(2025, 12, 31)
    assert 1350 <= figures.headcount <= 1650
    emps = figures.emps
    reorg = [e for e in emps if e["Reden uit dienst"] == "Reorganisatie"]
    assert 30 <= len(reorg) <= 50
    assert all(e["Soort uitdiensttreding"] == "Onvrijwillig" for e in reorg)
    assert {e["Datum uit dienst"] for e in reorg} <= {"30-06-2024", "30-09-2024"}
    assert all(e["Afdeling"] in {"Inkoop", "Logistiek", "Supply Chain"} for e in reorg)
    units = {u["Eenheid"] for u in read(SAMPLE_DIR, "organisatie.csv")}
    assert "Supply Chain" in units and not {"Inkoop", "Logistiek"} & units
    rehired = len(emps) - len({e["Personeelsnummer"] for e in emps})
    assert 1 <= rehired <= 15
