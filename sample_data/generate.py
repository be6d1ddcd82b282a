"""Deterministic generator of the Koers sample data.

It simulates a fictional Dutch organisation (Zorg & Zaken Groep, see `catalogue.py`) day by day
through events (hires, exits, promotions, successions, the 2024 reorganisation) and writes what its
HR system would export, in the Dutch dialect: `;`-separated, dd-mm-yyyy dates, decimal commas.

    python -m sample_data.generate --out DIR --employees 1500 --years 7 --seed 2024

The same arguments always give byte-identical files: one seeded `random.Random` drives the
simulation, one seeded NumPy generator the survey, and nothing reads the clock or uses `hash()`.
"""

from __future__ import annotations

import argparse
import codecs
import heapq
import math
import random
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from analytics import contract
from sample_data import catalogue as cat

DEFAULT_OUT = Path(__file__).resolve().parent

EMPLOYEE_HEADERS = (
    "Personeelsnummer",
    "Naam",
    "Geslacht",
    "Geboortedatum",
    "Datum in dienst",
    "Datum uit dienst",
    "Soort uitdiensttreding",
    "Reden uit dienst",
    "Betreurd vertrek",
    "Afdeling",
    "Functie",
    "Functiegroep",
    "Schaal",
    "Leidinggevende",
    "Vestiging",
    "Provincie",
    "Werkplek",
    "Soort contract",
    "FTE",
    "Bruto jaarsalaris",
    "Variabele beloning",
)
JOB_HEADERS = (
    "Personeelsnummer",
    "Ingangsdatum",
    "Einddatum",
    "Afdeling",
    "Functie",
    "Functiegroep",
    "Schaal",
    "Leidinggevende",
    "Vestiging",
    "Werkplek",
    "Soort contract",
    "FTE",
    "Bruto jaarsalaris",
)
ABSENCE_HEADERS = (
    "Personeelsnummer",
    "Begindatum",
    "Einddatum",
    "Soort verzuim",
    "Percentage",
    "Verzuimmelding",
)
ORG_HEADERS = ("Eenheid", "Omschrijving", "Bovenliggende eenheid", "Leidinggevende")
QUESTION_HEADERS = ("Vraagcode", "Vraag", "Dimensie", "Schaal min", "Schaal max")
ANSWER_HEADERS = ("Peildatum", "Respondent", "Afdeling", "Vraagcode", "Score")

# kind (a canonical table name) -> (file name, headers, encoding). cp1252 because AFAS-style
# employee exports are; the BOM on verzuim.csv because Excel-minded tools write one.
FILES: dict[str, tuple[str, tuple[str, ...], str]] = {
    contract.EMPLOYMENTS.name: ("medewerkers.csv", EMPLOYEE_HEADERS, "cp1252"),
    contract.JOB_HISTORY.name: ("functiehistorie.csv", JOB_HEADERS, "utf-8"),
    contract.ABSENCES.name: ("verzuim.csv", ABSENCE_HEADERS, "utf-8-sig"),
    contract.ORG_UNITS.name: ("organisatie.csv", ORG_HEADERS, "utf-8"),
    contract.SURVEY_QUESTIONS.name: ("enquete_vragen.csv", QUESTION_HEADERS, "utf-8"),
    contract.SURVEY_RESPONSES.name: ("enquete_antwoorden.csv", ANSWER_HEADERS, "utf-8"),
}

INF = 10**9
EPOCH = date(1970, 1, 1).toordinal()

# Employment kinds and roles.
REGULAR, FLEX, INTERN = 0, 1, 2
STAFF, TEAMLEAD, MANAGER = 0, 1, 2

# Termination types as the HRIS writes them.
VOL, INVOL, RETIRE, END, DEATH = (
    "Vrijwillig",
    "Onvrijwillig",
    "Pensioen",
    "Einde contract",
    "Overlijden",
)
VOLUNTARY_REASONS = (
    ("Ander werk", 0.38),
    ("Eigen verzoek", 0.17),
    ("Verhuizing", 0.08),
    ("Studie", 0.05),
    ("Werk-privébalans", 0.09),
    ("Werkdruk", 0.07),
    ("Salaris", 0.06),
    ("Doorgroeimogelijkheden", 0.07),
    ("Onvrede over leidinggevende", 0.03),
)
INVOLUNTARY_REASONS = (
    ("Ontslag werkgever", 0.35),
    ("Disfunctioneren", 0.33),
    ("Vaststellingsovereenkomst", 0.27),
    ("Dringende reden", 0.05),
)

# Events: (day, priority, seq, kind, subject, argument). Within a day hires and successions come
# first, then whole-organisation events (a wave snapshot must see that day's hires), then
# individual changes, and exits last (the termination date is the last day in service).
EV_HIRE, EV_SUCC_TEAM, EV_SUCC_UNIT = 0, 1, 2
EV_YEAR, EV_WAVE, EV_POLICY, EV_REORG_SELECT, EV_REORG_MERGE = 10, 11, 12, 13, 14
EV_PROMOTE, EV_TRANSFER, EV_FTE, EV_CONTRACT_END, EV_CONVERT, EV_ARRANGE = 20, 21, 22, 23, 24, 25
EV_EXIT = 30

ON_SITE, HYBRID, REMOTE = "Op locatie", "Hybride", "Thuis"
HOURS = (16, 20, 24, 28, 32, 36, 40)
HOURS_WEIGHTS = {
    "F": (0.07, 0.11, 0.19, 0.22, 0.21, 0.11, 0.09),
    "M": (0.01, 0.02, 0.04, 0.06, 0.15, 0.20, 0.52),
    "X": (0.03, 0.06, 0.10, 0.14, 0.20, 0.17, 0.30),
}
# Flu peaks in the first quarter; summer is quiet. Relative start rate of sick spells per month.
SEASON = (1.55, 1.65, 1.35, 1.0, 0.85, 0.75, 0.6, 0.65, 0.9, 1.05, 1.15, 1.3)
SHORT_DAYS = tuple(range(1, 15))
SHORT_WEIGHTS = (14, 17, 15, 12, 9, 6, 8, 4, 3, 3, 2, 2, 2, 3)  # bumps at one and two weeks
SHORT_CUM = tuple(accumulate(SHORT_WEIGHTS))


class Unit:
    __slots__ = (
        "children",
        "description",
        "index",
        "level",
        "manager",
        "merged_into",
        "name",
        "parent",
        "spec",
        "teams",
        "vacancies",
    )

    def __init__(
        self,
        name: str,
        description: str,
        parent: Unit | None,
        level: int,
        spec: cat.Department | None,
        index: int,
    ) -> None:
        self.name = name
        self.description = description
        self.parent = parent
        self.level = level  # 0 Directie, 1 divisie, 2 afdeling
        self.spec = spec
        self.index = index
        self.manager: Emp | None = None
        self.teams: list[Team] = []
        self.children: list[Unit] = []
        self.vacancies: dict[Vacancy, None] = {}  # open positions another employee may move into
        self.merged_into: Unit | None = None


class Team:
    """A team inside a unit. Not an org unit in the export: it shows only through manager ids."""

    __slots__ = ("has_lead", "leader", "location", "members", "merged_into", "unit")

    def __init__(self, unit: Unit, location: str, has_lead: bool) -> None:
        self.unit = unit
        self.location = location
        self.has_lead = has_lead  # False: the unit manager leads the members directly
        self.leader: Emp | None = None
        self.members: dict[Emp, None] = {}
        self.merged_into: Team | None = None


class Person:
    __slots__ = ("birth", "emps", "gender", "name", "number")

    def __init__(self, name: str, gender: str, birth: int) -> None:
        self.name = name
        self.gender = gender
        self.birth = birth
        self.emps: list[Emp] = []
        self.number = 0  # assigned at the end, in order of first hire


class Vacancy:
    __slots__ = ("job", "kind", "open", "team", "unit")

    def __init__(self, unit: Unit, team: Team | None, kind: int, job: cat.Job | None) -> None:
        self.unit = unit
        self.team = team
        self.kind = kind
        self.job = job
        self.open = True


class Emp:
    """One employment period of a person, with its current state and its open job-history row."""

    __slots__ = (
        "arrangement",
        "contract",
        "contract_end",
        "cur_from",
        "cur_mgr",
        "cur_sal",
        "cur_state",
        "exit_day",
        "exit_reason",
        "exit_type",
        "family",
        "fte",
        "grade",
        "hire",
        "index",
        "job",
        "kind",
        "last_preg",
        "location",
        "office",
        "person",
        "reason",
        "regretted",
        "renewals",
        "replace",
        "role",
        "salary",
        "sick_unit",
        "step",
        "team",
        "term",
        "title",
        "ttype",
        "unit",
    )

    def __init__(self, index: int, person: Person, hire: int, unit: Unit, role: int, kind: int):
        self.index = index
        self.person = person
        self.hire = hire
        self.unit = unit
        self.sick_unit = unit.spec  # department at hire drives the sickness risk
        self.role = role
        self.kind = kind
        self.team: Team | None = None
        self.job: cat.Job | None = None
        self.title = ""
        self.family = ""
        self.grade = 0  # 0 = no schaal (interns, agency workers)
        self.step = 0
        self.location = ""
        self.office = False
        self.arrangement = ON_SITE
        self.contract = "Vast"
        self.fte = 100  # hundredths
        self.salary = -1  # cents, -1 = unknown (agency workers are paid by the agency)
        self.term: int | None = None
        self.ttype = ""
        self.reason = ""
        self.regretted = ""
        self.exit_day = INF
        self.exit_type = ""
        self.exit_reason = ""
        self.contract_end = INF
        self.renewals = 0
        self.replace = True  # False when the position is cut: no successor, no replacement
        self.last_preg = -INF
        self.cur_from = -1
        self.cur_state = -1
        self.cur_mgr = -1
        self.cur_sal = -1


def _ordinal(y: int, m: int, d: int) -> int:
    return date(y, m, d).toordinal()


def _add_years(day: int, years: int) -> int:
    d = date.fromordinal(day)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:  # 29 February
        return date(d.year + years, 3, 1).toordinal()


def _add_months(day: int, months: int) -> int:
    d = date.fromordinal(day)
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    for dd in (d.day, 30, 29, 28):
        try:
            return date(y, m, dd).toordinal()
        except ValueError:
            continue
    raise AssertionError("unreachable")


def cao_index(year: int) -> float:
    """Collective-agreement pay index relative to 2019."""
    if year <= 2019:
        return (1 + cat.CAO_RAISE_DEFAULT) ** (year - 2019)
    idx = 1.0
    for y in range(2020, year + 1):
        idx *= 1 + cat.CAO_RAISE.get(y, cat.CAO_RAISE_DEFAULT)
    return idx


def _largest_remainder(weights: list[float], total: int) -> list[int]:
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    exact = [w / s * total for w in weights]
    out = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _merged_department() -> cat.Department:
    """Supply Chain: Inkoop and Logistiek in one department, a quarter of their positions fewer."""
    parts = [d for d in cat.DEPARTMENTS if d.name in cat.REORG_FROM]
    total = sum(d.share for d in parts)
    jobs = tuple(
        cat.Job(
            j.title, j.family, j.grade_lo, j.grade_hi, j.weight * d.share / total, j.female, j.next
        )
        for d in parts
        for j in d.jobs
    )
    logistiek = parts[-1]
    return cat.Department(
        cat.REORG_INTO,
        cat.REORG_DIVISION,
        cat.REORG_DESCRIPTION,
        total * 0.78,
        logistiek.locations,
        False,
        jobs,
        lead_grade=logistiek.lead_grade,
        manager_grade=13,
        flex=logistiek.flex,
        sickness=1.15,
        leaving=logistiek.leaving,
        growth=0.5,
        engagement=-0.1,
    )


# Jobs in frontline departments that are nonetheless desk work (and may work hybrid).
OFFICE_JOBS = frozenset(
    {
        "Administratief medewerker zorg",
        "Coördinator thuisondersteuning",
        "Logistiek planner",
        "Werkvoorbereider",
        "Inkoopassistent",
        "Inkoper",
        "Senior inkoper",
        "Contractmanager",
    }
)


class Simulation:
    def __init__(self, employees: int, start_year: int, years: int, seed: int) -> None:
        if employees < 50:
            raise ValueError("employees must be at least 50")
        if years < 1:
            raise ValueError("years must be at least 1")
        self.rng = random.Random(seed)
        self.seed = seed
        self.n = employees
        self.scale = employees / 1500
        self.start_year = start_year
        self.end_year = start_year + years - 1
        self.w0 = _ordinal(start_year, 1, 1)
        self.w1 = _ordinal(self.end_year, 12, 31)
        self.heap: list[tuple[int, int, int, int, Any, Any]] = []
        self.seq = 0
        self.persons: list[Person] = []
        self.emps: list[Emp] = []
        self.active: dict[Emp, None] = {}
        self.units: list[Unit] = []
        self.unit_by_name: dict[str, Unit] = {}
        self.alumni: list[Emp] = []
        self.pregnancies: list[tuple[int, int, int]] = []  # (emp index, first day, last day)
        self.waves: list[tuple[int, list[int]]] = []  # (wave day, unit index per employee)
        self.states: dict[tuple[object, ...], int] = {}
        self.state_list: list[tuple[object, ...]] = []
        # Closed job-history rows, column by column (compact at 100k employees x 10 years).
        self.jh_emp = array("q")
        self.jh_from = array("q")
        self.jh_to = array("q")
        self.jh_state = array("q")
        self.jh_mgr = array("q")
        self.jh_sal = array("q")
        self.salary_cache: dict[tuple[int, int, int], float] = {}
        self.static_jobs = {
            t: cat.Job(t, f, g, g, 1.0, fe) for t, f, g, fe in cat.TOP_STAFF + cat.DIVISION_STAFF
        }
        # Fixed dates of the story.
        self.policy_day = _ordinal(2021, 10, 1)  # hybrid-working policy
        self.reorg = start_year <= 2024 <= self.end_year
        self.announce_day = _ordinal(2024, 2, 1)  # request for advice to the works council
        self.select_day = _ordinal(2024, 6, 1)  # peildatum for the afspiegeling
        self.cut_early = _ordinal(2024, 6, 30)
        self.merge_day = _ordinal(2024, 7, 1)
        self.cut_late = _ordinal(2024, 9, 30)
        self.freeze_end = _ordinal(2024, 10, 1)
        self.reorg_units = (*cat.REORG_FROM, cat.REORG_INTO)
        self.dissolve: list[Team] = []
        self.merged_spec = _merged_department()

    # ----------------------------------------------------------------- events and rows

    def _push(self, day: int, kind: int, subject: Any, arg: Any = None) -> None:
        if day > self.w1:
            return
        self.seq += 1
        heapq.heappush(self.heap, (day, kind // 10, self.seq, kind, subject, arg))

    def _state_id(self, e: Emp) -> int:
        key = (
            e.unit.name,
            e.title,
            e.family,
            e.grade,
            e.location,
            e.arrangement,
            e.contract,
            e.fte,
        )
        sid = self.states.get(key)
        if sid is None:
            sid = len(self.state_list)
            self.states[key] = sid
            self.state_list.append(key)
        return sid

    def _manager_of(self, e: Emp) -> Emp | None:
        u: Unit | None
        if e.role == STAFF:
            lead = e.team.leader if e.team is not None else None
            if lead is not None:
                return lead
            u = e.unit
        elif e.role == TEAMLEAD:
            u = e.unit
        else:
            u = e.unit.parent
        # A unit without a manager (between an exit and the successor) escalates upwards.
        while u is not None and (u.manager is None or u.manager is e):
            u = u.parent
        return None if u is None else u.manager

    def _apply(self, e: Emp, day: int) -> None:
        """Record e's current state from `day` on, opening a job-history row when it changed."""
        sid = self._state_id(e)
        mgr = self._manager_of(e)
        mi = -1 if mgr is None else mgr.index
        sal = e.salary
        if e.cur_from < 0:
            e.cur_from = day
        elif e.cur_state == sid and e.cur_mgr == mi and e.cur_sal == sal:
            return
        elif e.cur_from != day:
            self._flush(e, day - 1)
            e.cur_from = day
        e.cur_state, e.cur_mgr, e.cur_sal = sid, mi, sal

    def _flush(self, e: Emp, to: int) -> None:
        self.jh_emp.append(e.index)
        self.jh_from.append(e.cur_from)
        self.jh_to.append(to)
        self.jh_state.append(e.cur_state)
        self.jh_mgr.append(e.cur_mgr)
        self.jh_sal.append(e.cur_sal)

    # ----------------------------------------------------------------- pay

    def _ft_salary(self, grade: int, step: int, year: int) -> float:
        key = (grade, step, year)
        v = self.salary_cache.get(key)
        if v is None:
            lo = cat.SCALE_4_MIN_2019 * cat.SCALE_RATIO ** (grade - 4)
            v = lo * (1 + cat.SCALE_SPAN * step / (cat.STEPS - 1)) * cao_index(year)
            self.salary_cache[key] = v
        return v

    def _set_salary(self, e: Emp, day: int) -> None:
        if e.kind == INTERN:
            e.salary = round(cat.INTERN_ALLOWANCE * e.fte)
        elif e.contract == "Uitzendkracht":
            e.salary = -1
        else:
            year = date.fromordinal(day).year
            e.salary = round(self._ft_salary(e.grade, e.step, year) * e.fte)

    def _step_for(self, grade: int, min_amount: float, year: int) -> int:
        for s in range(cat.STEPS):
            if self._ft_salary(grade, s, year) >= min_amount:
                return s
        return cat.STEPS - 1

    # ----------------------------------------------------------------- people

    def _name(self, gender: str, age: float) -> str:
        r = self.rng
        pool = {"F": cat.FIRST_NAMES_F, "M": cat.FIRST_NAMES_M}.get(gender, cat.FIRST_NAMES_X)
        first = pool[r.randrange(len(pool))]
        tv, sn = cat.SURNAMES[r.randrange(len(cat.SURNAMES))]
        last = f"{tv} {sn}" if tv else sn
        if gender == "F" and age > 30 and r.random() < 0.12:  # partner's name first, own name after
            tv2, sn2 = cat.SURNAMES[r.randrange(len(cat.SURNAMES))]
            last = f"{tv2} {sn2}-{last}" if tv2 else f"{sn2}-{last}"
        return f"{first} {last}"

    def _new_person(self, gender: str, age: float, day: int) -> Person:
        birth = day - int(age * 365.25)
        p = Person(self._name(gender, age), gender, birth)
        self.persons.append(p)
        return p

    def _gender(self, female: float) -> str:
        r = self.rng
        if r.random() < 0.006:
            return "X"
        return "F" if r.random() < female else "M"

    def _hours(self, gender: str, role: int, spec: cat.Department | None) -> int:
        r = self.rng
        if role != STAFF:  # leaders work (nearly) full time
            weights = (0.45, 0.3, 0.25) if gender == "F" else (0.15, 0.2, 0.65)
            return r.choices((32, 36, 40), weights)[0] * 100 // 40
        h = r.choices(HOURS, HOURS_WEIGHTS[gender])[0]
        if spec is not None and spec.sickness >= 1.3 and r.random() < 0.5:
            h = max(12, h - 4)  # home care runs on small contracts
        return h * 100 // 40

    def _arrangement(self, office: bool, day: int) -> str:
        if not office:
            return ON_SITE
        x = self.rng.random()
        if day < self.policy_day:
            return ON_SITE if x < 0.82 else HYBRID if x < 0.95 else REMOTE
        return ON_SITE if x < 0.14 else HYBRID if x < 0.90 else REMOTE

    def _draw_job(self, spec: cat.Department) -> cat.Job:
        return self.rng.choices(spec.jobs, [j.weight for j in spec.jobs])[0]

    def _job_by_title(self, spec: cat.Department | None, title: str) -> cat.Job | None:
        if spec is None:
            return None
        for j in spec.jobs:
            if j.title == title:
                return j
        return None

    def _female_share(self, spec: cat.Department | None) -> float:
        if spec is None:
            return 0.5
        return sum(j.weight * j.female for j in spec.jobs) / sum(j.weight for j in spec.jobs)

    def _is_office(self, unit: Unit, job: cat.Job | None, role: int) -> bool:
        if unit.spec is None or role != STAFF:
            return True  # directors, managers and staff officers work from the office or home
        return unit.spec.office or (job is not None and job.title in OFFICE_JOBS)

    def _hire_age(self, role: int, kind: int, grade: int) -> float:
        b = self.rng.betavariate
        if kind == INTERN:
            return 18 + self.rng.random() * 6
        if role == MANAGER:
            return 36 + b(2, 2) * 24
        if role == TEAMLEAD:
            return 29 + b(2, 2.5) * 28
        if grade >= 11:
            return 27 + b(2, 3) * 33
        if grade >= 7:
            return 21 + b(1.6, 3.2) * 42
        return 18 + b(1.3, 3.0) * 46

    def _role_job(self, unit: Unit, role: int) -> tuple[str, str, int]:
        """Title, family and schaal of a leader of `unit`."""
        if role == TEAMLEAD:
            assert unit.spec is not None
            return f"Teamleider {unit.name}", "Management", unit.spec.lead_grade
        if unit.level == 0:
            return "Algemeen directeur", "Management", 14
        if unit.level == 1:
            short = unit.name.removeprefix("Divisie ")
            return f"Directeur {short}", "Management", 14
        assert unit.spec is not None
        return f"Manager {unit.name}", "Management", unit.spec.manager_grade

    def _leader_female(self, unit: Unit, role: int) -> float:
        if role == TEAMLEAD:
            return self._female_share(unit.spec) * 0.9
        if unit.level == 2:
            return self._female_share(unit.spec) * 0.75
        return 0.35

    def _make_emp(
        self,
        day: int,
        unit: Unit,
        team: Team | None,
        role: int,
        kind: int,
        job: cat.Job | None,
        initial_tenure: float | None = None,
        age: float | None = None,
    ) -> Emp:
        """Create an employment starting on `day` (in the past for the initial population)."""
        r = self.rng
        if role == STAFF:
            assert job is not None
            title, family = job.title, job.family
            grade = job.grade_lo
            if job.grade_hi > job.grade_lo and r.random() < 0.35:
                grade = job.grade_hi
            female = job.female
        else:
            title, family, grade = self._role_job(unit, role)
            female = self._leader_female(unit, role)
        if kind == INTERN:
            title, family, grade = f"Stagiair {unit.name.lower()}", "Stage", 0
        person: Person | None = None
        if kind == REGULAR and role == STAFF and initial_tenure is None:
            person = self._rehire_candidate(day)
        if person is None:
            if age is None:
                age = self._hire_age(role, kind, grade)
            person = self._new_person(self._gender(female), age, day)
        age = (day - person.birth) / 365.25
        e = Emp(len(self.emps), person, day, unit, role, kind)
        self.emps.append(e)
        person.emps.append(e)
        e.team = team
        e.job = job
        e.title, e.family, e.grade = title, family, grade
        e.location = team.location if team is not None else self._unit_location(unit)
        e.office = self._is_office(unit, job, role)
        e.arrangement = self._arrangement(e.office, max(day, self.w0))
        g = person.gender
        if kind == FLEX:
            assert unit.spec is not None and unit.spec.flex is not None
            e.contract = unit.spec.flex[0]
            if e.contract == "Oproepkracht":
                e.fte = r.choice((20, 25, 30, 40, 50))
            else:
                e.fte = r.choice((60, 80, 90, 100, 100))
        elif kind == INTERN:
            e.contract = "Stagiair"
            e.fte = 80 if r.random() < 0.4 else 100
        else:
            e.fte = self._hours(g, role, unit.spec)
        # Pay step: experience, plus a head start for men in the higher schalen. This, together
        # with fewer women in those schalen, is the organisation's gender pay gap.
        if grade:
            exp_years = (
                initial_tenure
                if initial_tenure is not None
                else max(0.0, (age - 24) / 3 * r.random())
            )
            step = int(exp_years * 0.9 + r.random() * 2)
            if g == "M" and grade >= 10:
                step += 3
            e.step = min(cat.STEPS - 1, step)
        self.active[e] = None
        if team is not None and role == STAFF:
            team.members[e] = None
        return e

    def _finish_hire(self, e: Emp, now: int, temp: bool) -> None:
        """Contract, salary, first job-history row and the exits already known at hire.

        `now` is the hire day, or the first day of the window for the initial population.
        """
        r = self.rng
        if temp:
            e.contract = "Tijdelijk"
            months = r.choices((12, 6, 24), (0.7, 0.15, 0.15))[0]
            e.contract_end = _add_months(e.hire, months) - 1
            while e.contract_end < now:  # initial population: a renewal already happened
                e.contract_end = _add_months(e.contract_end + 1, 12) - 1
                e.renewals += 1
        self._set_salary(e, now)
        # Job history starts at the hire date, or on the first day of the window for people hired
        # before it: older mutations were not migrated into this HRIS (their managers, for one,
        # are not in the files).
        self._apply(e, max(e.hire, self.w0))
        if e.kind == REGULAR:
            retire = _add_years(e.person.birth, cat.AOW_AGE) - 1
            self._plan_exit(e, max(retire, now + 1), RETIRE, "Pensioen")
            if temp:
                self._push(e.contract_end, EV_CONTRACT_END, e)
        elif e.kind == FLEX:
            if e.contract == "Oproepkracht":
                stay = 90 + int(r.expovariate(1 / 420))
            else:
                stay = 45 + int(r.expovariate(1 / 260))
            end = e.hire + stay
            if end <= now:
                end = now + 1 + r.randrange(200)
            if r.random() < 0.75:
                self._plan_exit(e, end, END, "Einde inzet")
            else:
                self._plan_exit(e, end, VOL, "Ander werk")
        else:
            d = date.fromordinal(e.hire)
            if d.month >= 7:  # September starters: half a year, some the whole school year
                end = (
                    _ordinal(d.year + 1, 1, 31) if r.random() < 0.7 else _ordinal(d.year + 1, 6, 30)
                )
            else:
                end = _ordinal(d.year, 6, 30)
            self._plan_exit(e, max(end, now + 1), END, "Einde stage")

    def _unit_location(self, unit: Unit) -> str:
        if unit.spec is not None:
            return unit.spec.locations[0]
        for d in cat.DIVISIONS:
            if d.name == unit.name:
                return d.location
        return "Utrecht"

    def _rehire_candidate(self, day: int) -> Person | None:
        """Now and then a regretted leaver comes back (same personeelsnummer, new period)."""
        r = self.rng
        if not self.alumni or r.random() >= 0.006:
            return None
        n = len(self.alumni)
        start = r.randrange(n)
        for k in range(min(n, 40)):
            i = (start + k) % n
            e = self.alumni[i]
            p = e.person
            last = p.emps[-1]
            if last.term is None or last is not e:
                continue
            if 200 <= day - last.term <= 5 * 365 and (day - p.birth) / 365.25 < 58:
                self.alumni.pop(i)
                return p
        return None

    # ----------------------------------------------------------------- exits

    def _plan_exit(self, e: Emp, day: int, ttype: str, reason: str) -> None:
        if day < e.exit_day:
            e.exit_day, e.exit_type, e.exit_reason = day, ttype, reason
            self._push(day, EV_EXIT, e)

    def _age(self, e: Emp, day: int) -> float:
        return (day - e.person.birth) / 365.25

    def _draw_first_year(self, e: Emp, lo: int) -> None:
        """Exits in the first year of service: more leavers, and dismissals in the probation."""
        r = self.rng
        end = e.hire + 364
        lo = max(lo, e.hire + 7)
        if lo > end or e.kind != REGULAR:
            return
        portion = (end - lo + 1) / 365
        age = self._age(e, lo)
        spec = e.unit.spec
        leaving = spec.leaving if spec is not None else 0.8
        young = 1.5 if age < 25 else 1.2 if age < 35 else 0.9 if age < 50 else 0.7
        if e.role != STAFF:
            young *= 0.5
        if r.random() < 0.11 * young * leaving * portion:
            d = lo + int((end - lo + 1) * r.random() ** 1.3)
            self._plan_exit(e, d, VOL, self._pick(VOLUNTARY_REASONS))
        if r.random() < 0.035 * portion:
            if r.random() < 0.5 and e.hire + 60 >= lo:
                d = lo + r.randrange(max(1, e.hire + 60 - lo))
                self._plan_exit(e, d, INVOL, "Ontslag in proeftijd")
            else:
                d = lo + r.randrange(end - lo + 1)
                self._plan_exit(e, d, INVOL, self._pick(INVOLUNTARY_REASONS))

    def _pick(self, options: tuple[tuple[str, float], ...]) -> str:
        return self.rng.choices([o[0] for o in options], [o[1] for o in options])[0]

    def _draw_year(self, e: Emp, year: int, jan1: int) -> None:
        """Exit risks and career events of one calendar year for a regular employee."""
        r = self.rng
        dec31 = _ordinal(year, 12, 31)
        lo = max(jan1, e.hire + 365)  # the first year was drawn at hire
        age = self._age(e, jan1)
        spec = e.unit.spec
        if lo <= dec31:
            portion = (dec31 - lo + 1) / (dec31 - jan1 + 1)
            af = 1.8 if age < 25 else 1.35 if age < 35 else 0.95 if age < 45 else 0.6
            af = af if age < 55 else 0.45
            hv = 0.066 * af * (spec.leaving if spec is not None else 0.8)
            if e.role != STAFF:
                hv *= 0.6
            hi = 0.011
            hd = 0.0002 + 0.00002 * math.exp((age - 30) / 8)
            hr = 0.0 if age < 62 else 0.09 if age < 64 else 0.16
            h = hv + hi + hd + hr
            if r.random() < 1 - math.exp(-h * portion):
                d = lo + r.randrange(dec31 - lo + 1)
                x = r.random() * h
                if x < hv:
                    self._plan_exit(e, d, VOL, self._pick(VOLUNTARY_REASONS))
                elif x < hv + hi:
                    self._plan_exit(e, d, INVOL, self._pick(INVOLUNTARY_REASONS))
                elif x < hv + hi + hd:
                    self._plan_exit(e, d, DEATH, "Overlijden")
                else:
                    self._plan_exit(e, d, RETIRE, "Vervroegd pensioen")
        # Career events, from half a year of service on, for staff below retirement age.
        first = max(jan1, e.hire + 180)
        if e.role == STAFF and first <= dec31 and age < 63 and e.replace:
            span = dec31 - first + 1
            senior_man = e.person.gender == "M" and e.grade >= 9
            if r.random() < (0.07 if senior_man else 0.055):
                self._push(first + r.randrange(span), EV_PROMOTE, e)
            if r.random() < 0.045:
                self._push(first + r.randrange(span), EV_FTE, e)
            if r.random() < 0.025:
                self._push(first + r.randrange(span), EV_TRANSFER, e)
            if e.office and r.random() < 0.03:
                self._push(first + r.randrange(span), EV_ARRANGE, e)
        # Pregnancy leave (16 weeks) for women of 25-42.
        if e.person.gender == "F" and 25 <= age < 42 and jan1 - e.last_preg > 450:
            p = 0.075 if 28 <= age < 36 else 0.045 if age < 39 else 0.02
            if r.random() < p:
                s = max(jan1, e.hire + 60) + r.randrange(365)
                if s <= dec31:
                    e.last_preg = s
                    self.pregnancies.append((e.index, s, s + 111))
                    if r.random() < 0.35:
                        self._push(s + 112, EV_FTE, e, "down")

    # ----------------------------------------------------------------- structure

    def _new_unit(
        self,
        name: str,
        description: str,
        parent: Unit | None,
        level: int,
        spec: cat.Department | None,
    ) -> Unit:
        u = Unit(name, description, parent, level, spec, len(self.units))
        self.units.append(u)
        self.unit_by_name[name] = u
        if parent is not None:
            parent.children.append(u)
        return u

    def _build(self) -> None:
        """The organisation on the first day, with people hired before the window."""
        r = self.rng
        post_merge = self.start_year > 2024
        top = self._new_unit(cat.TOP_UNIT, cat.TOP_DESCRIPTION, None, 0, None)
        for d in cat.DIVISIONS:
            self._new_unit(d.name, d.description, top, 1, None)
        specs = [s for s in cat.DEPARTMENTS if not (post_merge and s.name in cat.REORG_FROM)]
        if post_merge:
            at = next(i for i, s in enumerate(specs) if s.division == cat.REORG_DIVISION)
            specs.insert(at, self.merged_spec)
        for s in specs:
            self._new_unit(s.name, s.description, self.unit_by_name[s.division], 2, s)
        fixed = 1 + len(cat.TOP_STAFF) + len(cat.DIVISIONS) * (1 + len(cat.DIVISION_STAFF))
        budget = max(len(specs) * 3, round(self.n * 0.975) - fixed)
        sizes = [max(3, x) for x in _largest_remainder([s.share for s in specs], budget)]
        self.base_positions = sum(sizes) + fixed
        w0 = self.w0
        initial: list[tuple[Emp, bool]] = []

        def seat(unit: Unit, team: Team | None, role: int, kind: int, job: cat.Job | None) -> None:
            if kind == REGULAR and role == STAFF and r.random() < 0.015:
                # An open position on day one, filled in the first months.
                self._add_vacancy(unit, team, kind, job, w0 + r.randrange(100))
                return
            e, temp = self._initial_emp(unit, team, role, kind, job)
            initial.append((e, temp))

        # Leaders are seated with their units; first rows are written once everyone is seated,
        # so every row has its manager.
        for unit in self.units:
            if unit.level < 2:
                e, temp = self._initial_emp(unit, None, MANAGER, REGULAR, None)
                unit.manager = e
                initial.append((e, temp))
                team = Team(unit, self._unit_location(unit), False)
                unit.teams.append(team)
                staff = cat.TOP_STAFF if unit.level == 0 else cat.DIVISION_STAFF
                for title, *_ in staff:
                    seat(unit, team, STAFF, REGULAR, self.static_jobs[title])
        for unit, size in zip(self.units[1 + len(cat.DIVISIONS) :], sizes, strict=True):
            spec = unit.spec
            assert spec is not None
            e, temp = self._initial_emp(unit, None, MANAGER, REGULAR, None)
            unit.manager = e
            initial.append((e, temp))
            n_staff = size - 1
            if n_staff <= 15:
                teams = [Team(unit, spec.locations[0], False)]
            else:
                k = max(2, round(n_staff / 12.5))
                teams = [
                    Team(unit, spec.locations[i % len(spec.locations)], True) for i in range(k)
                ]
                n_staff -= k
                for t in teams:
                    lead, temp = self._initial_emp(unit, t, TEAMLEAD, REGULAR, None)
                    t.leader = lead
                    initial.append((lead, temp))
            unit.teams.extend(teams)
            counts = _largest_remainder([j.weight for j in spec.jobs], n_staff)
            jobs = [j for j, c in zip(spec.jobs, counts, strict=True) for _ in range(c)]
            r.shuffle(jobs)
            for i, job in enumerate(jobs):
                seat(unit, teams[i % len(teams)], STAFF, REGULAR, job)
            entry = min(spec.jobs, key=lambda j: (j.grade_lo, -j.weight))
            if spec.flex is not None:
                for i in range(round(size * spec.flex[1])):
                    seat(unit, teams[i % len(teams)], STAFF, FLEX, entry)
            for i in range(round(size * spec.interns)):
                seat(unit, teams[i % len(teams)], STAFF, INTERN, entry)
        for e, temp in initial:
            self._finish_hire(e, w0, temp)
            if e.kind == REGULAR:
                self._draw_first_year(e, w0)
                self._draw_year(e, self.start_year, w0)
        self._growth(self.start_year, w0)

    def _initial_emp(
        self, unit: Unit, team: Team | None, role: int, kind: int, job: cat.Job | None
    ) -> tuple[Emp, bool]:
        """Someone already employed on the first day: tenure and age drawn to fit each other."""
        r = self.rng
        w0 = self.w0
        if kind == INTERN:
            hire = _ordinal(self.start_year - 1, 9, 1)
            return self._make_emp(hire, unit, team, role, kind, job, 0.0), False
        if kind == FLEX:
            hire = w0 - r.randrange(300)
            return self._make_emp(hire, unit, team, role, kind, job, 0.0), False
        grade = job.grade_lo if job is not None else self._role_job(unit, role)[2]
        if role == MANAGER:
            age = 38 + r.betavariate(2, 2) * 25
        elif role == TEAMLEAD:
            age = 30 + r.betavariate(2, 2) * 30
        else:
            age = 19 + r.betavariate(1.7, 1.6) * 47
            min_age = 18 + (grade - 4) * 1.3
            if age < min_age:
                age = min_age + r.random() * 6
        age = min(age, 66.5)
        mean = 11.0 if role != STAFF else 8.0
        cap = max(0.0, age - (22 if grade >= 9 else 18.5))
        u = r.random()
        tenure = -mean * math.log(1 - u * (1 - math.exp(-cap / mean))) if cap > 0 else 0.0
        hire = w0 - int(tenure * 365.25)
        e = self._make_emp(hire, unit, team, role, kind, job, tenure, age - tenure)
        # Long-serving staff are more often on the higher schaal of their job.
        if role == STAFF and job is not None and job.grade_hi > job.grade_lo:
            e.grade = job.grade_hi if r.random() < min(0.8, 0.2 + tenure / 10) else job.grade_lo
        temp = (tenure < 1 and r.random() < 0.6) or (1 <= tenure < 2 and r.random() < 0.3)
        return e, temp and role == STAFF

    def _add_vacancy(
        self, unit: Unit, team: Team | None, kind: int, job: cat.Job | None, day: int
    ) -> None:
        v = Vacancy(unit, team, kind, job)
        if kind == REGULAR and unit.level == 2:
            unit.vacancies[v] = None
        self._push(day, EV_HIRE, v)

    def _live_unit(self, unit: Unit) -> Unit:
        while unit.merged_into is not None:
            unit = unit.merged_into
        return unit

    def _live_team(self, team: Team | None, unit: Unit) -> Team:
        while team is not None and team.merged_into is not None:
            team = team.merged_into
        if team is None or team.unit is not unit:
            team = min(unit.teams, key=lambda t: len(t.members))
        return team

    def _frozen(self, unit: Unit, day: int) -> bool:
        return (
            self.reorg
            and self.announce_day <= day < self.freeze_end
            and unit.name in self.reorg_units
        )

    def _growth(self, year: int, jan1: int) -> None:
        """New positions: about 1 % growth a year, none in the reorganisation year."""
        r = self.rng
        rate = 0.0 if year == 2024 else 0.007 if year > 2024 else 0.01
        n = round(self.base_positions * rate)
        depts = [
            u for u in self.units if u.level == 2 and u.merged_into is None and u.spec is not None
        ]
        if n <= 0 or not depts:
            return
        weights = [u.spec.growth * u.spec.share for u in depts if u.spec is not None]
        days = _ordinal(year, 12, 31) - jan1 + 1
        for _ in range(n):
            unit = r.choices(depts, weights)[0]
            assert unit.spec is not None
            self._add_vacancy(
                unit, None, REGULAR, self._draw_job(unit.spec), jan1 + r.randrange(days)
            )

    # ----------------------------------------------------------------- event handlers

    def _hire_external(
        self, day: int, unit: Unit, team: Team | None, role: int, kind: int, job: cat.Job | None
    ) -> Emp:
        r = self.rng
        e = self._make_emp(day, unit, team, role, kind, job)
        # Most Dutch employers start with a fixed-term contract, less so for senior posts.
        if role == MANAGER:
            p_temp = 0.10
        elif role == TEAMLEAD:
            p_temp = 0.30
        else:
            p_temp = 0.75 if e.grade <= 8 else 0.45 if e.grade <= 11 else 0.25
        temp = kind == REGULAR and r.random() < p_temp
        self._finish_hire(e, day, temp)
        self._draw_first_year(e, day)
        return e

    def _on_hire(self, v: Vacancy, day: int) -> None:
        if not v.open:
            return
        v.open = False
        v.unit.vacancies.pop(v, None)
        unit = self._live_unit(v.unit)
        unit.vacancies.pop(v, None)
        if self._frozen(unit, day):
            return  # the position disappears in the reorganisation
        team = self._live_team(v.team, unit)
        job = v.job
        if unit.spec is not None and job is not None and job not in unit.spec.jobs:
            # After the merger the old departments' jobs live on in Supply Chain.
            job = self._job_by_title(unit.spec, job.title) or self._draw_job(unit.spec)
        self._hire_external(day, unit, team, STAFF, v.kind, job)

    def _on_exit(self, e: Emp, day: int) -> None:
        if e.term is not None or e.exit_day != day:
            return
        e.term = day
        e.ttype, e.reason = e.exit_type, e.exit_reason
        e.regretted = self._regretted(e)
        self._flush(e, day)
        del self.active[e]
        if e.ttype == VOL and e.regretted == "Ja" and e.kind == REGULAR:
            self.alumni.append(e)
        if day >= self.w1:
            return  # in service on the last day: the files still show them in their post
        if e.role == STAFF:
            assert e.team is not None
            e.team.members.pop(e, None)
            if e.replace:
                self._replace(e, day)
        elif e.role == TEAMLEAD:
            assert e.team is not None
            e.team.leader = None
            self._push(day + 1, EV_SUCC_TEAM, e.team, e.replace)
        else:
            e.unit.manager = None
            self._push(day + 1, EV_SUCC_UNIT, e.unit, e.replace)

    def _regretted(self, e: Emp) -> str:
        r = self.rng
        if e.ttype == VOL:
            p = 0.3 + (0.12 if e.grade >= 9 else 0.0) + (0.1 if e.term - e.hire > 5 * 365 else 0.0)
            if e.kind != REGULAR:
                p = 0.1
            return "Ja" if r.random() < p else "Nee"
        if e.ttype == END and e.kind == REGULAR:
            return "Ja" if r.random() < 0.12 else "Nee"
        return "Nee"

    def _replace(self, e: Emp, day: int) -> None:
        """A leaver's position is filled again after a vacancy period."""
        r = self.rng
        unit = self._live_unit(e.unit)
        if e.kind == INTERN:  # internships start on 1 February or 1 September
            y = date.fromordinal(day + 1).year
            starts = (_ordinal(y, 2, 1), _ordinal(y, 9, 1), _ordinal(y + 1, 2, 1))
            hire_day = next(s for s in starts if s > day)
        elif e.kind == FLEX:
            hire_day = day + 7 + r.randrange(50)
        else:
            hire_day = day + 1 + min(150, int(r.expovariate(1 / 45)))
        job = e.job
        if e.kind == REGULAR and unit.spec is not None and r.random() < 0.3:
            job = self._draw_job(unit.spec)  # keeps the job mix from drifting upwards
        self._add_vacancy(unit, e.team, e.kind, job, hire_day)

    def _candidates(self, people: list[Emp], day: int, min_years: float) -> list[Emp]:
        return [
            m
            for m in people
            if m.kind == REGULAR
            and m.contract == "Vast"
            and m.replace
            and m.exit_day > day + 180
            and day - m.hire >= min_years * 365
            and self._age(m, day) < 60
        ]

    def _promote_to(self, c: Emp, unit: Unit, team: Team | None, role: int, day: int) -> None:
        old_ft = c.salary / max(c.fte, 1)
        year = date.fromordinal(day).year
        c.role = role
        c.unit = unit
        c.team = team
        c.title, c.family, grade = self._role_job(unit, role)
        c.grade = max(grade, min(14, c.grade + 1))
        c.step = self._step_for(c.grade, old_ft * 1.04, year)
        c.office = True
        c.location = team.location if team is not None else self._unit_location(unit)
        if role != STAFF and c.fte < 80:
            c.fte = 80
        c.job = None
        self._set_salary(c, day)

    def _appoint_team_lead(self, team: Team, day: int) -> None:
        """A successor from the team (promotion) or from outside, starting the day after."""
        r = self.rng
        unit = team.unit
        cands = self._candidates(list(team.members), day, 2)
        if cands and r.random() < 0.6:
            best = max(cands, key=lambda m: (m.grade, m.step, m.hire, -m.index))
            team.members.pop(best)
            self._replace(best, day - 1)
            self._promote_to(best, unit, team, TEAMLEAD, day)
            team.leader = best
            self._apply(best, day)
        else:
            team.leader = self._hire_external(day, unit, team, TEAMLEAD, REGULAR, None)
        for m in list(team.members):
            self._apply(m, day)

    def _appoint_manager(self, unit: Unit, day: int) -> None:
        r = self.rng
        if unit.level == 2:
            leads = [t.leader for t in unit.teams if t.leader is not None]
            if leads:
                pool, p = leads, 0.5
            else:
                pool = [m for t in unit.teams for m in t.members if m.grade >= 9]
                p = 0.4
        else:
            pool = [c.manager for c in unit.children if c.manager is not None]
            p = 0.4 if unit.level == 1 else 0.3
        cands = self._candidates(pool, day, 2)
        if cands and r.random() < p:
            best = max(cands, key=lambda m: (m.grade, m.step, m.hire, -m.index))
            old_role, old_team, old_unit = best.role, best.team, best.unit
            if old_role == STAFF and old_team is not None:
                old_team.members.pop(best)
                self._replace(best, day - 1)
            self._promote_to(best, unit, None, MANAGER, day)
            unit.manager = best
            self._apply(best, day)
            if old_role == TEAMLEAD and old_team is not None:
                old_team.leader = None
                self._appoint_team_lead(old_team, day)
            elif old_role == MANAGER and old_unit is not unit:
                old_unit.manager = None
                self._appoint_manager(old_unit, day)
        else:
            unit.manager = self._hire_external(day, unit, None, MANAGER, REGULAR, None)
        self._refresh_unit(unit, day)

    def _refresh_unit(self, unit: Unit, day: int) -> None:
        """Re-record everyone whose manager is (or falls back to) this unit's manager."""
        for t in unit.teams:
            if t.leader is not None:
                self._apply(t.leader, day)
            else:
                for m in list(t.members):
                    self._apply(m, day)
        for c in unit.children:
            if c.manager is not None:
                self._apply(c.manager, day)
            else:
                self._refresh_unit(c, day)

    def _on_succ_team(self, team: Team, day: int, appoint: bool) -> None:
        if team.merged_into is not None or team.leader is not None:
            return
        if appoint and team.has_lead:
            self._appoint_team_lead(team, day)
        else:
            for m in list(team.members):
                self._apply(m, day)

    def _on_succ_unit(self, unit: Unit, day: int, appoint: bool) -> None:
        if unit.merged_into is not None or unit.manager is not None:
            return
        if appoint:
            self._appoint_manager(unit, day)
        else:
            self._refresh_unit(unit, day)

    def _on_year(self, day: int) -> None:
        """1 January: a periodic step and the CAO raise for everyone, then the year's risks."""
        r = self.rng
        year = date.fromordinal(day).year
        for e in list(self.active):
            if e.kind == INTERN:
                continue
            if e.kind == REGULAR and e.grade and e.step < cat.STEPS - 1:
                # The periodic step is not automatic; in the higher schalen women get it less
                # often (the within-grade part of the pay gap).
                p_step = 0.8 if e.grade >= 10 and e.person.gender == "F" else 0.93
                if r.random() < p_step:
                    e.step += 1
            if e.salary >= 0:
                self._set_salary(e, day)
                self._apply(e, day)
            if e.kind == REGULAR:
                self._draw_year(e, year, day)
        self._growth(year, day)

    def _on_promote(self, e: Emp, day: int) -> None:
        if e.term is not None or e.role != STAFF or e.kind != REGULAR or not e.replace:
            return
        job = e.job
        assert job is not None
        old_ft = e.salary / max(e.fte, 1)
        if e.grade < job.grade_hi:
            e.grade += 1
        else:
            nj = self._job_by_title(e.unit.spec, job.next) if job.next else None
            if nj is None:
                return
            e.job, e.title, e.family = nj, nj.title, nj.family
            e.grade = min(nj.grade_hi, max(nj.grade_lo, e.grade + 1))
            e.office = self._is_office(e.unit, nj, STAFF)
        year = date.fromordinal(day).year
        e.step = self._step_for(e.grade, old_ft * 1.03, year)
        self._set_salary(e, day)
        self._apply(e, day)

    def _on_transfer(self, e: Emp, day: int) -> None:
        """Move into an open position of another department (internal mobility)."""
        r = self.rng
        if e.term is not None or e.role != STAFF or e.kind != REGULAR or not e.replace:
            return
        if e.unit.level != 2 or self._frozen(e.unit, day):
            return
        depts = [
            u
            for u in self.units
            if u.level == 2 and u.merged_into is None and u is not e.unit and u.vacancies
        ]
        if not depts:
            return
        same = [u for u in depts if u.parent is e.unit.parent]
        unit = r.choice(same if same and r.random() < 0.7 else depts)
        if self._frozen(unit, day):
            return
        target = None
        for k, v in enumerate(unit.vacancies):
            if k > 60:
                break
            if (
                v.open
                and v.kind == REGULAR
                and v.job is not None
                and abs(v.job.grade_lo - e.grade) <= 1
            ):
                target = v
                break
        if target is None or target.job is None:
            return
        target.open = False
        del unit.vacancies[target]
        old_team, old_unit = e.team, e.unit
        assert old_team is not None
        old_team.members.pop(e)
        self._add_vacancy(
            old_unit, old_team, REGULAR, e.job, day + 1 + min(150, int(r.expovariate(1 / 45)))
        )
        team = self._live_team(target.team, unit)
        job = target.job
        e.unit, e.team, e.job = unit, team, job
        team.members[e] = None
        e.title, e.family = job.title, job.family
        e.grade = min(job.grade_hi, max(job.grade_lo, e.grade))
        e.location = team.location
        office = self._is_office(unit, job, STAFF)
        if office != e.office:
            e.office = office
            e.arrangement = self._arrangement(office, day)
        self._set_salary(e, day)
        self._apply(e, day)

    def _on_fte(self, e: Emp, day: int, arg: object) -> None:
        r = self.rng
        if e.term is not None or e.kind != REGULAR:
            return
        age = self._age(e, day)
        if arg == "down":  # after pregnancy leave
            new = e.fte - r.choice((10, 20))
        elif e.person.gender == "F" and age < 45:
            new = e.fte + (-r.choice((10, 20)) if r.random() < 0.6 else r.choice((10, 20)))
        elif age >= 58:
            new = e.fte - r.choice((10, 20))
        else:
            new = e.fte + (r.choice((10, 20)) if r.random() < 0.6 else -10)
        new = min(100, max(30 if e.role == STAFF else 80, new))
        if new == e.fte:
            return
        e.fte = new
        self._set_salary(e, day)
        self._apply(e, day)

    def _on_arrange(self, e: Emp, day: int) -> None:
        if e.term is not None or not e.office:
            return
        e.arrangement = self._arrangement(True, day)
        self._apply(e, day)

    def _on_contract_end(self, e: Emp, day: int) -> None:
        """End of a fixed-term contract: permanent, one renewal, or goodbye."""
        r = self.rng
        if e.term is not None or e.contract_end != day or e.exit_day <= day:
            return
        x = r.random()
        if self._frozen(e.unit, day):
            x = 1.0  # not renewed during the reorganisation
        if e.renewals == 0:
            outcome = "vast" if x < 0.45 else "renew" if x < 0.8 else "end"
        elif e.renewals == 1:
            outcome = "vast" if x < 0.75 else "end"
        else:
            outcome = "vast" if x < 1.0 else "end"
        if outcome == "vast":
            self._push(day + 1, EV_CONVERT, e)
        elif outcome == "renew":
            e.renewals += 1
            e.contract_end = _add_months(day + 1, 12) - 1
            self._push(e.contract_end, EV_CONTRACT_END, e)
        else:
            self._plan_exit(e, day, END, "Einde contract")

    def _on_convert(self, e: Emp, day: int) -> None:
        if e.term is not None:
            return
        e.contract = "Vast"
        e.contract_end = INF
        self._apply(e, day)

    def _on_wave(self, day: int) -> None:
        self.waves.append((day, [e.unit.index for e in self.active if e.kind != FLEX]))

    def _on_policy(self, day: int) -> None:
        """1 October 2021: hybrid working becomes the norm for office work."""
        r = self.rng
        for e in list(self.active):
            if e.office and e.arrangement == ON_SITE:
                x = r.random()
                if x < 0.83:
                    e.arrangement = HYBRID if x < 0.78 else REMOTE
                    self._apply(e, day)

    # ----------------------------------------------------------------- the 2024 reorganisation

    def _cut(self, e: Emp, day: int) -> None:
        e.replace = False
        e.exit_day = INF
        self._plan_exit(e, day, INVOL, "Reorganisatie")

    def _on_reorg_select(self, day: int) -> None:
        """Peildatum: who leaves. Staff by the afspiegelingsbeginsel per job, within the site."""
        inkoop, logistiek = (self.unit_by_name[n] for n in cat.REORG_FROM)
        n_cut = max(3, round(cat.REORG_CUT_AT_DEFAULT * self.scale))
        # Logistiek's manager leads the new department; Inkoop's position goes.
        m = inkoop.manager
        if m is not None:
            if m.exit_day > self.cut_early:
                self._cut(m, self.cut_early)
                n_cut -= 1
            else:
                m.replace = False
        # Fewer teams: the smallest led teams are merged away and their leaders leave.
        led = [t for u in (inkoop, logistiek) for t in u.teams if t.leader is not None]
        led = [t for t in led if t.leader is not None and t.leader.exit_day > self.cut_early]
        led.sort(key=lambda t: (len(t.members), self.units.index(t.unit), t.location))
        n_dissolve = min(max(0, len(led) - 2), max(1, round(2 * self.scale)))
        for t in led[:n_dissolve]:
            assert t.leader is not None
            self._cut(t.leader, self.cut_early)
            self.dissolve.append(t)
            n_cut -= 1
        titles = list(cat.REORG_CUT_WEIGHTS)
        pools: dict[str, list[Emp]] = {t: [] for t in titles}
        for u in (inkoop, logistiek):
            last = self.cut_early if u is inkoop else self.cut_late
            for t in u.teams:
                for e in t.members:
                    if (
                        e.title in pools
                        and e.kind == REGULAR
                        and e.contract == "Vast"
                        and e.exit_day > last
                        and day - e.last_preg > 400  # opzegverbod around pregnancy
                    ):
                        pools[e.title].append(e)
        quota = _largest_remainder([cat.REORG_CUT_WEIGHTS[t] for t in titles], max(0, n_cut))
        for title, q in zip(titles, quota, strict=True):
            for e in self._afspiegeling(pools[title], q, day):
                self._cut(e, self.cut_early if e.unit is inkoop else self.cut_late)

    def _afspiegeling(self, pool: list[Emp], count: int, day: int) -> list[Emp]:
        """Dismissals spread over age groups by size; within a group, shortest service first."""
        groups: list[list[Emp]] = [[] for _ in range(5)]
        for e in pool:
            age = self._age(e, day)
            groups[min(4, max(0, int((age - 15) // 10)))].append(e)
        quota = _largest_remainder([float(len(g)) for g in groups], min(count, len(pool)))
        out: list[Emp] = []
        for g, q in zip(groups, quota, strict=True):
            g.sort(key=lambda e: (-e.hire, -e.person.birth, e.index))
            out.extend(g[:q])
        return out

    def _on_reorg_merge(self, day: int) -> None:
        """1 July 2024: Inkoop and Logistiek become Supply Chain; the old units are gone."""
        olds = [self.unit_by_name[n] for n in cat.REORG_FROM]
        div = self.unit_by_name[cat.REORG_DIVISION]
        sc = self._new_unit(cat.REORG_INTO, cat.REORG_DESCRIPTION, div, 2, self.merged_spec)
        div.children.remove(sc)
        div.children.insert(div.children.index(olds[0]), sc)
        for u in olds:
            div.children.remove(u)
        manager = olds[1].manager or olds[0].manager
        teams = [t for u in olds for t in u.teams]
        for u in olds:
            u.merged_into = sc
            u.manager = None
            for v in list(u.vacancies):
                sc.vacancies[v] = None
            u.vacancies.clear()
        keep = [t for t in teams if t.has_lead and t not in self.dissolve]
        gone = [t for t in teams if t not in keep]
        if not keep:  # a small organisation: one team led by the manager
            keep, gone = teams[:1], teams[1:]
        for t in teams:
            t.unit = sc
        sc.teams = keep
        sc.manager = manager
        for t in gone:
            for m in list(t.members):
                same = [k for k in keep if k.location == t.location] or keep
                target = min(same, key=lambda k: (len(k.members), keep.index(k)))
                t.members.pop(m)
                target.members[m] = None
                m.team = target
                m.location = target.location
            t.merged_into = min(keep, key=lambda k: len(k.members))
        if manager is not None:
            manager.unit = sc
            manager.title = self._role_job(sc, MANAGER)[0]
            self._apply(manager, day)
        for t in keep:
            if t.leader is not None:
                t.leader.unit = sc
                t.leader.title = self._role_job(sc, TEAMLEAD)[0]
                self._apply(t.leader, day)
            for m in t.members:
                m.unit = sc
                self._apply(m, day)

    # ----------------------------------------------------------------- run

    def run(self) -> None:
        self._build()
        for y in range(self.start_year + 1, self.end_year + 1):
            self._push(_ordinal(y, 1, 1), EV_YEAR, None)
        for y in range(max(self.start_year, 2021), self.end_year + 1):
            self._push(_ordinal(y, 3, 31), EV_WAVE, None)
            self._push(_ordinal(y, 9, 30), EV_WAVE, None)
        if self.w0 <= self.policy_day <= self.w1:
            self._push(self.policy_day, EV_POLICY, None)
        if self.reorg:
            self._push(self.select_day, EV_REORG_SELECT, None)
            self._push(self.merge_day, EV_REORG_MERGE, None)
        heap = self.heap
        while heap:
            day, _, _, kind, subject, arg = heapq.heappop(heap)
            if kind == EV_EXIT:
                self._on_exit(subject, day)
            elif kind == EV_HIRE:
                self._on_hire(subject, day)
            elif kind == EV_YEAR:
                self._on_year(day)
            elif kind == EV_PROMOTE:
                self._on_promote(subject, day)
            elif kind == EV_FTE:
                self._on_fte(subject, day, arg)
            elif kind == EV_TRANSFER:
                self._on_transfer(subject, day)
            elif kind == EV_ARRANGE:
                self._on_arrange(subject, day)
            elif kind == EV_CONTRACT_END:
                self._on_contract_end(subject, day)
            elif kind == EV_CONVERT:
                self._on_convert(subject, day)
            elif kind == EV_SUCC_TEAM:
                self._on_succ_team(subject, day, bool(arg))
            elif kind == EV_SUCC_UNIT:
                self._on_succ_unit(subject, day, bool(arg))
            elif kind == EV_WAVE:
                self._on_wave(day)
            elif kind == EV_POLICY:
                self._on_policy(day)
            elif kind == EV_REORG_SELECT:
                self._on_reorg_select(day)
            elif kind == EV_REORG_MERGE:
                self._on_reorg_merge(day)
        for e in self.active:
            self._flush(e, -1)  # still employed: the current row stays open
        # Personeelsnummers in order of first hire, so old hands have low numbers.
        order = sorted(self.persons, key=lambda p: (p.emps[0].hire, p.emps[0].index))
        for i, p in enumerate(order, start=1):
            p.number = i


# --------------------------------------------------------------------- absence


def _absences(sim: Simulation) -> dict[str, array]:
    """Sick spells, pregnancy leave and calamity leave per employment, never overlapping."""
    r = random.Random(sim.seed * 7 + 1)
    w0, w1 = sim.w0, sim.w1
    month_base = w0 - 400
    months = [date.fromordinal(d).month - 1 for d in range(month_base, w1 + 800)]
    season_max = max(SEASON)
    accept = [s / season_max for s in SEASON]
    preg: dict[int, list[tuple[int, int]]] = {}
    for idx, s, t in sim.pregnancies:
        preg.setdefault(idx, []).append((s, t))
    out = {k: array("q") for k in ("emp", "start", "end", "type", "pct", "spell")}
    spell_no = 0

    def emit(idx: int, rows: list[tuple[int, int, int]], kind: int, open_end: bool) -> None:
        nonlocal spell_no
        spell_no += 1
        for i, (s, t, pct) in enumerate(rows):
            out["emp"].append(idx)
            out["start"].append(s)
            out["end"].append(-1 if open_end and i == len(rows) - 1 else t)
            out["type"].append(kind)
            out["pct"].append(pct)
            out["spell"].append(spell_no)

    def clip(rows: list[tuple[int, int, int]], last: int) -> list[tuple[int, int, int]]:
        return [(s, min(t, last), p) for s, t, p in rows if s <= last]

    for e in sim.emps:
        if e.contract == "Uitzendkracht":
            continue  # agency workers report sick to the agency, not to us
        ongoing = e.term is None
        last = w1 if ongoing else e.term
        assert last is not None
        lo = max(e.hire, w0 - 365)
        if lo > last:
            continue
        busy = sorted(preg.get(e.index, []))
        busy = [(s, t) for s, t in busy if s <= last]
        for s, t in busy:
            emit(e.index, [(s, min(t, last), 100)], 1, ongoing and t > w1)
        spec = e.sick_unit
        risk = spec.sickness if spec is not None else 0.8
        age = (lo - e.person.birth) / 365.25
        frail = r.gammavariate(2.0, 0.5)
        agef = 1.3 if age < 25 else 1.0 if age < 45 else 0.92
        lam = 1.06 * frail * agef * risk**0.6 / 365 * season_max  # candidate starts per day
        p_long = (0.033 + 0.0012 * max(0.0, age - 25)) * risk
        p_med = 0.09 + 0.001 * max(0.0, age - 25)
        spells: list[tuple[int, int]] = []
        t = lo - 1
        bi = 0
        while True:
            t += 1 + int(r.expovariate(lam))
            if t > last:
                break
            if r.random() > accept[months[t - month_base]]:
                continue
            while bi < len(busy) and busy[bi][1] + 1 < t:
                bi += 1
            if bi < len(busy) and busy[bi][0] - 1 <= t:
                t = busy[bi][1] + 1  # back from leave first
                continue
            x = r.random()
            if x < p_long:
                dur = min(730, 92 + int(r.expovariate(1 / 230)))
            elif x < p_long + p_med:
                dur = min(91, 15 + int(r.expovariate(1 / 28)))
            else:
                dur = SHORT_DAYS[bisect_right(SHORT_CUM, r.random() * SHORT_CUM[-1])]
            end = t + dur - 1
            if bi < len(busy) and end >= busy[bi][0] - 1:
                end = busy[bi][0] - 2  # the leave takes over
                if end < t:
                    t = busy[bi][1] + 1
                    continue
            rows = _phases(r, t, end)
            if end >= w0:
                if ongoing and end > w1:
                    emit(e.index, clip(rows, w1), 0, True)
                else:
                    emit(e.index, clip(rows, last), 0, False)
                spells.append((t, min(end, last)))
            t = end + 1
        # Calamiteitenverlof: a day or two, now and then, when not already absent.
        taken = sorted(spells + busy)
        starts = [s for s, _ in taken]
        c = max(lo, w0) - 1
        while True:
            c += 1 + int(r.expovariate(0.09 / 365))
            if c > last:
                break
            end = min(last, c + (1 if r.random() < 0.2 else 0))
            i = bisect_left(starts, end + 2)
            if i > 0 and taken[i - 1][1] >= c - 1:
                continue
            emit(e.index, [(c, end, 100)], 2, False)
            c = end + 1
    return out


def _phases(r: random.Random, start: int, end: int) -> list[tuple[int, int, int]]:
    """Rows of one spell: long spells recover step by step (100 -> 50 -> 25 %)."""
    dur = end - start + 1
    if dur >= 92:
        a = start + int(dur * (0.35 + 0.35 * r.random()))  # back at 50 % from day a
        if r.random() < 0.4:
            return [(start, a - 1, 100), (a, end, 50)]
        b = a + 1 + int((end - a - 1) * (0.4 + 0.4 * r.random()))  # 25 % from day b
        return [(start, a - 1, 100), (a, b - 1, 50), (b, end, 25)]
    if dur >= 21 and r.random() < 0.2:
        a = start + dur // 2
        return [(start, a - 1, 100), (a, end, 50)]
    return [(start, end, 100)]


# --------------------------------------------------------------------- survey


def _survey(sim: Simulation) -> Iterator[pl.DataFrame]:
    """Anonymous answers, long form, one wave at a time; the reorganised departments score lower
    in 2024 and recover in 2025."""
    rng = np.random.default_rng(sim.seed)
    names = [u.name for u in sim.units]
    engagement = np.array([u.spec.engagement if u.spec is not None else 0.2 for u in sim.units])
    rr_unit = rng.normal(0.0, 0.05, len(names))
    questions = cat.SURVEY_QUESTIONS
    codes = [q[0] for q in questions]
    q = len(questions)
    for day, unit_idx in sim.waves:
        d = date.fromordinal(day)
        units = np.asarray(unit_idx, dtype=np.int64)
        wave_effect = -0.15 if d.year == 2021 and d.month < 6 else 0.03 * (d.year - 2022)
        hit = np.zeros(len(names))
        for i, name in enumerate(names):
            if d.year == 2024 and name in sim.reorg_units:
                hit[i] = -0.55 if d.month < 6 else -0.75
            elif d.year == 2025 and name == cat.REORG_INTO:
                hit[i] = -0.35 if d.month < 6 else -0.15
        rate = np.clip(0.68 + rr_unit + rng.normal(0.0, 0.03, len(names)) + hit * 0.08, 0.5, 0.85)
        who = units[rng.random(units.size) < rate[units]]
        n = who.size
        if n == 0:
            continue
        who = who[rng.permutation(n)]  # numbering says nothing about who answered
        latent = engagement[who] + wave_effect + hit[who] + rng.normal(0.0, 1.0, n)
        scores = []
        for _code, _text, dim, lo, hi, offset in questions:
            if dim == "enps":
                raw = 7.7 + 1.3 * (latent + offset) + rng.normal(0.0, 0.8, n)
            else:
                raw = 3.85 + 0.6 * (latent + offset) + rng.normal(0.0, 0.55, n)
            scores.append(np.clip(np.rint(raw), lo, hi).astype(np.int64))
        width = max(4, len(str(n)))
        prefix = f"R{d.year}{'A' if d.month <= 6 else 'B'}-"
        df = pl.DataFrame(
            {
                "resp": np.repeat(np.arange(1, n + 1, dtype=np.int64), q),
                "unit": np.repeat(who, q),
                "q": np.tile(np.arange(q, dtype=np.int64), n),
                "score": np.stack(scores, axis=1).reshape(-1),
            }
        )
        yield df.select(
            Peildatum=pl.lit(d.strftime("%d-%m-%Y")),
            Respondent=pl.lit(prefix) + pl.col("resp").cast(pl.String).str.zfill(width),
            Afdeling=_lookup("unit", names),
            Vraagcode=_lookup("q", codes),
            Score=pl.col("score").cast(pl.String),
        )


def _lookup(col: str, labels: list[str]) -> pl.Expr:
    """Integer codes -> their labels, vectorised."""
    return pl.col(col).replace_strict(list(range(len(labels))), labels, return_dtype=pl.String)


# --------------------------------------------------------------------- formatting and writing


def _date(col: str) -> pl.Expr:
    c = pl.col(col)
    return pl.when(c >= 0).then((c - EPOCH).cast(pl.Date).dt.strftime("%d-%m-%Y"))


def _money(col: str) -> pl.Expr:
    """Cents -> `45.600,00` (thousands dot, decimal comma); negative = unknown -> empty."""
    c = pl.col(col)
    euros = c // 100
    cents = (c % 100).cast(pl.String).str.zfill(2)
    text = (
        pl.when(euros >= 1_000_000)
        .then(
            pl.format(
                "{}.{}.{},{}",
                euros // 1_000_000,
                (euros // 1000 % 1000).cast(pl.String).str.zfill(3),
                (euros % 1000).cast(pl.String).str.zfill(3),
                cents,
            )
        )
        .when(euros >= 1000)
        .then(
            pl.format("{}.{},{}", euros // 1000, (euros % 1000).cast(pl.String).str.zfill(3), cents)
        )
        .otherwise(pl.format("{},{}", euros, cents))
    )
    return pl.when(c >= 0).then(text)


def _fte(col: str) -> pl.Expr:
    c = pl.col(col)
    return pl.format("{},{}", c // 100, (c % 100).cast(pl.String).str.zfill(2))


CHUNK_ROWS = 200_000  # rows formatted and written at a time: bounds memory at benchmark sizes


def _chunks(
    df: pl.DataFrame, fmt: Callable[[pl.DataFrame], pl.DataFrame]
) -> Iterator[pl.DataFrame]:
    for offset in range(0, max(df.height, 1), CHUNK_ROWS):
        yield fmt(df.slice(offset, CHUNK_ROWS))


def _write(
    chunks: Iterable[pl.DataFrame], path: Path, headers: tuple[str, ...], encoding: str
) -> None:
    """Write `;`-separated CRLF lines; Python does the encoding (cp1252, BOM) as an HRIS would."""
    codec = encoding.removesuffix("-sig")
    with path.open("wb") as f:
        if encoding.endswith("-sig"):
            f.write(codecs.BOM_UTF8)
        header = True
        for df in chunks:
            assert tuple(df.columns) == headers, df.columns
            text = df.write_csv(separator=";", line_terminator="\r\n", include_header=header)
            f.write(text.encode(codec))
            header = False
        if header:  # no rows at all: still a header line
            f.write((";".join(headers) + "\r\n").encode(codec))


def _person_numbers(sim: Simulation) -> np.ndarray:
    """Personeelsnummer (as an integer) of every employment, indexed by employment index."""
    return np.array([e.person.number for e in sim.emps], dtype=np.int64)


def _id(col: str, width: int) -> pl.Expr:
    c = pl.col(col)
    return pl.when(c >= 0).then(c.cast(pl.String).str.zfill(width))


def _employees(sim: Simulation, width: int) -> Iterator[pl.DataFrame]:
    r = random.Random(sim.seed * 7 + 2)
    nums = _person_numbers(sim)
    gender_label = {"F": "Vrouw", "M": "Man", "X": "X"}
    emps = sim.emps
    mgr = np.array([e.cur_mgr for e in emps], dtype=np.int64)
    df = pl.DataFrame(
        {
            "num": nums,
            "state": [e.cur_state for e in emps],
            "mgr_num": np.where(mgr >= 0, nums[np.maximum(mgr, 0)], -1),
            "sal": [e.cur_sal for e in emps],
            "bonus": [_bonus(r, e, sim.w1) for e in emps],
            "name": [e.person.name for e in emps],
            "gender": [gender_label[e.person.gender] for e in emps],
            "birth": [e.person.birth for e in emps],
            "hire": [e.hire for e in emps],
            "term": [-1 if e.term is None else e.term for e in emps],
            "ttype": [e.ttype or None for e in emps],
            "reason": [e.reason or None for e in emps],
            "regret": [e.regretted or None for e in emps],
        },
        schema_overrides={"ttype": pl.String, "reason": pl.String, "regret": pl.String},
    )
    df = df.sort("num", "hire")
    return _chunks(
        df,
        lambda part: _join_state(part, sim).select(
            Personeelsnummer=_id("num", width),
            Naam=pl.col("name"),
            Geslacht=pl.col("gender"),
            Geboortedatum=_date("birth"),
            **{
                "Datum in dienst": _date("hire"),
                "Datum uit dienst": _date("term"),
                "Soort uitdiensttreding": pl.col("ttype"),
                "Reden uit dienst": pl.col("reason"),
                "Betreurd vertrek": pl.col("regret"),
            },
            Afdeling=pl.col("dept"),
            Functie=pl.col("title"),
            Functiegroep=pl.col("family"),
            Schaal=pl.col("grade"),
            Leidinggevende=_id("mgr_num", width),
            Vestiging=pl.col("location"),
            Provincie=pl.col("province"),
            Werkplek=pl.col("arrangement"),
            **{"Soort contract": pl.col("contract")},
            FTE=_fte("fte"),
            **{"Bruto jaarsalaris": _money("sal"), "Variabele beloning": _money("bonus")},
        ),
    )


def _bonus(r: random.Random, e: Emp, w1: int) -> int:
    """Variable pay over the last 12 months: common in sales and for (male) senior staff."""
    if e.kind != REGULAR or e.cur_sal < 0:
        return -1
    g = e.person.gender
    last = e.term if e.term is not None else w1
    months = min(1.0, (last - e.hire + 1) / 365)
    if e.grade >= 14:
        p, lo, hi = 1.0, 0.08, 0.15
    elif e.family == "Commercie":
        p, lo, hi = 0.85, 0.05, 0.15
    elif e.grade >= 10:
        p = 0.45 if g == "M" else 0.22 if g == "F" else 0.3
        lo, hi = 0.03, 0.10
    else:
        if r.random() < 0.05:
            return round(r.randrange(250, 1050, 50) * 100 * months)
        return -1
    if r.random() >= p:
        return -1
    return round(e.cur_sal * (lo + (hi - lo) * r.random()) * months)


def _join_state(df: pl.DataFrame, sim: Simulation) -> pl.DataFrame:
    st = sim.state_list
    states = pl.DataFrame(
        {
            "state": list(range(len(st))),
            "dept": [s[0] for s in st],
            "title": [s[1] for s in st],
            "family": [s[2] for s in st],
            "grade": [str(s[3]) if s[3] else None for s in st],
            "location": [s[4] for s in st],
            "province": [cat.LOCATIONS[str(s[4])] for s in st],
            "arrangement": [s[5] for s in st],
            "contract": [s[6] for s in st],
            "fte": [s[7] for s in st],
        },
        schema_overrides={"state": pl.Int64, "fte": pl.Int64},
    )
    return df.join(states, on="state", how="left")


def _job_history(sim: Simulation, width: int) -> Iterator[pl.DataFrame]:
    nums = _person_numbers(sim)
    key = np.frombuffer(sim.jh_emp, dtype=np.int64)
    mgr = np.frombuffer(sim.jh_mgr, dtype=np.int64)
    df = pl.DataFrame(
        {
            "num": nums[key],
            "from": np.frombuffer(sim.jh_from, dtype=np.int64),
            "to": np.frombuffer(sim.jh_to, dtype=np.int64),
            "state": np.frombuffer(sim.jh_state, dtype=np.int64),
            "mgr_num": np.where(mgr >= 0, nums[np.maximum(mgr, 0)], -1),
            "sal": np.frombuffer(sim.jh_sal, dtype=np.int64),
        }
    )
    df = df.sort("num", "from")
    return _chunks(
        df,
        lambda part: _join_state(part, sim).select(
            Personeelsnummer=_id("num", width),
            Ingangsdatum=_date("from"),
            Einddatum=_date("to"),
            Afdeling=pl.col("dept"),
            Functie=pl.col("title"),
            Functiegroep=pl.col("family"),
            Schaal=pl.col("grade"),
            Leidinggevende=_id("mgr_num", width),
            Vestiging=pl.col("location"),
            Werkplek=pl.col("arrangement"),
            **{"Soort contract": pl.col("contract")},
            FTE=_fte("fte"),
            **{"Bruto jaarsalaris": _money("sal")},
        ),
    )


def _absence_frame(sim: Simulation, width: int) -> Iterator[pl.DataFrame]:
    a = _absences(sim)
    df = pl.DataFrame({k: np.frombuffer(v, dtype=np.int64) for k, v in a.items()})
    df = df.with_columns(num=_person_numbers(sim)[df["emp"].to_numpy()])
    first = df.group_by("spell").agg(spell_start=pl.col("start").min())
    df = df.join(first, on="spell").sort("num", "spell_start", "spell", "start")
    df = df.with_columns(
        sid=(pl.col("spell") != pl.col("spell").shift(1)).fill_null(True).cast(pl.Int64).cum_sum()
    )
    kinds = ["Ziekte", "Zwangerschapsverlof", "Calamiteitenverlof"]
    return _chunks(
        df,
        lambda part: part.select(
            Personeelsnummer=_id("num", width),
            Begindatum=_date("start"),
            Einddatum=_date("end"),
            **{"Soort verzuim": _lookup("type", kinds)},
            Percentage=pl.col("pct").cast(pl.String),
            Verzuimmelding=pl.lit("VZ-") + pl.col("sid").cast(pl.String).str.zfill(6),
        ),
    )


def _organisation(sim: Simulation, width: int) -> Iterator[pl.DataFrame]:
    """The structure on the last day: dissolved units (Inkoop, Logistiek) are not in it."""
    rows: list[tuple[str, str, str | None, str | None]] = []

    def walk(u: Unit) -> None:
        m = u.manager
        rows.append(
            (
                u.name,
                u.description,
                u.parent.name if u.parent is not None else None,
                str(m.person.number).zfill(width) if m is not None else None,
            )
        )
        for c in u.children:
            walk(c)

    walk(sim.units[0])
    yield pl.DataFrame(rows, schema=list(ORG_HEADERS), orient="row")


def _questions() -> Iterator[pl.DataFrame]:
    yield pl.DataFrame(
        [(q[0], q[1], q[2], str(q[3]), str(q[4])) for q in cat.SURVEY_QUESTIONS],
        schema=list(QUESTION_HEADERS),
        orient="row",
    )


def generate(
    out_dir: Path,
    employees: int = 1500,
    start_year: int = 2019,
    years: int = 7,
    seed: int = 2024,
) -> dict[str, Path]:
    """Write the export files into out_dir; return {kind: path}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sim = Simulation(employees, start_year, years, seed)
    sim.run()
    width = max(6, len(str(len(sim.persons))))
    producers: dict[str, Callable[[], Iterable[pl.DataFrame]]] = {
        contract.EMPLOYMENTS.name: lambda: _employees(sim, width),
        contract.JOB_HISTORY.name: lambda: _job_history(sim, width),
        contract.ABSENCES.name: lambda: _absence_frame(sim, width),
        contract.ORG_UNITS.name: lambda: _organisation(sim, width),
        contract.SURVEY_QUESTIONS.name: _questions,
        contract.SURVEY_RESPONSES.name: lambda: _survey(sim),
    }
    paths: dict[str, Path] = {}
    for kind, (name, headers, encoding) in FILES.items():
        path = out_dir / name
        _write(producers[kind](), path, headers, encoding)  # one file at a time: low memory
        paths[kind] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample_data.generate",
        description=f"Write the sample HR exports of {cat.ORGANISATION} (fictional).",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--employees", type=int, default=1500, help="approximate headcount")
    parser.add_argument("--years", type=int, default=7, help="number of calendar years")
    parser.add_argument("--start-year", type=int, default=2019, help="first calendar year")
    parser.add_argument("--seed", type=int, default=2024, help="random seed")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.employees, args.start_year, args.years, args.seed)
    for kind, path in paths.items():
        print(f"{kind:<18} {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
