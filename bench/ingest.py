"""Benchmark of the importer: a Dutch employee export and a large absence export, end to end.

Generates two files the way a Dutch HRIS writes them (semicolons, dd-mm-yyyy, decimal commas,
`45.600,00`; the employee file in cp1252, the absences in UTF-8), then times
`import_files([medewerkers.csv, verzuim.csv], db=...)` into a fresh store, plus `read_file` of each
file on its own. Inside the import, the importer's steps are timed by wrapping them (this process
only; nothing is changed on disk).

This is a benchmark, not a test: it prints figures and never asserts times. It does fail loudly
when the import does not load every generated row, because then the figures mean nothing.

    .venv/bin/python bench/ingest.py                       # 100,000 employees, 1,000,000 absences
    .venv/bin/python bench/ingest.py --employees 10000 --absences 100000
    .venv/bin/python bench/ingest.py --repeat 3 --profile bench/out/ingest.prof
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import gc
import io
import multiprocessing
import os
import platform
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script (`python bench/ingest.py`)
    sys.path.insert(0, str(ROOT))

from analytics import store  # noqa: E402
from analytics.ingest import checks, load  # noqa: E402
from analytics.ingest.readers import read_file  # noqa: E402

TARGET_SECONDS = 10.0  # whole import of the default size on a 2-core machine
DEFAULT_EMPLOYEES = 100_000
DEFAULT_ABSENCES = 1_000_000
SEED = 20261122
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2025, 12, 31)
MIN_EMPLOYMENT_DAYS = 180

EMPLOYEE_FILE = "medewerkers.csv"
ABSENCE_FILE = "verzuim.csv"
EMPLOYEE_HEADERS = (
    "Personeelsnummer",
    "Naam",
    "Geslacht",
    "Geboortedatum",
    "Datum in dienst",
    "Datum uit dienst",
    "Reden uit dienst",
    "Afdeling",
    "Functie",
    "FTE",
    "Soort contract",
    "Bruto jaarsalaris",
)
ABSENCE_HEADERS = ("Personeelsnummer", "Begindatum", "Einddatum", "Soort verzuim", "Percentage")

# Names with letters that cp1252 has and ASCII has not (é, ë, ö, ü, ç, ø, š), so that the
# employee file really needs the cp1252 path.
WOMEN = (
    "Anna", "Sanne", "Emma", "Fleur", "Zoë", "Chloë", "Renée", "Inge", "Fatma", "Noor",
    "Karin", "Mieke", "Lotte", "Eva", "Hélène", "Françoise", "Ilse", "Özlem", "Maaike", "Joëlle",
)  # fmt: skip
MEN = (
    "Daan", "Bram", "Sem", "Luuk", "Jürgen", "Noël", "François", "Søren", "Dušan", "Mohamed",
    "Pieter", "Joost", "Ömer", "Thijs", "Ruud", "Jeroen", "Koen", "Mehmet", "André", "Wouter",
)  # fmt: skip
INFIXES = ("van", "de", "van der", "van den", "ter", "in 't")
LAST_NAMES = (
    "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
    "Dekker", "Brouwer", "Dijkstra", "Kok", "Öztürk", "Çelik", "El Amrani", "Groot", "Berg",
    "Haan", "Vries", "Wit", "Linden", "Veen", "Boer", "Hoek", "Gaalen", "Schröder", "Müller",
)  # fmt: skip
DEPARTMENTS = (
    "Financiën", "Inkoop", "Verkoop", "Marketing & Communicatie", "HR", "ICT", "Logistiek",
    "Productie", "Kwaliteit", "Klantenservice", "Juridische Zaken", "Facilitair", "R&D",
    "Planning", "Onderhoud", "Magazijn", "Bestuurssecretariaat", "Control", "Zorg Noord",
    "Zorg Zuid", "Zorg Oost", "Zorg West", "Projecten", "Data & Analyse",
)  # fmt: skip
JOB_TITLES = (
    "Medewerker", "Senior medewerker", "Teamleider", "Manager", "Adviseur", "Beleidsmedewerker",
    "Controller", "Verpleegkundige", "Verzorgende IG", "Monteur", "Operator", "Planner",
    "Inkoper", "Accountmanager", "Ontwikkelaar", "Functioneel beheerder", "Secretaresse",
    "Magazijnmedewerker", "Chauffeur", "Directeur",
)  # fmt: skip
FTE_VALUES = ("1,00", "0,89", "0,80", "0,72", "0,60", "0,50", "0,33")
FTE_WEIGHTS = (0.45, 0.12, 0.18, 0.08, 0.08, 0.07, 0.02)
REASONS = ("Eigen verzoek", "Ontslag werkgever", "Pensioen", "Einde contract")
REASON_WEIGHTS = (0.55, 0.12, 0.08, 0.25)


# ---------------------------------------------------------------------------------------------
# Data generation (vectorised, deterministic)


def _days(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def _as_dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32)).cast(pl.Date)


def _pick(rng: np.random.Generator, values: tuple[str, ...], n: int, p: Any = None) -> pl.Series:
    return pl.Series(values, dtype=pl.String).gather(rng.choice(len(values), size=n, p=p))


def _keep(values: pl.Series, mask: np.ndarray) -> pl.Series:
    """The values where mask holds, null elsewhere."""
    nulls = pl.repeat(None, len(values), dtype=values.dtype, eager=True)
    return values.zip_with(pl.Series(mask, dtype=pl.Boolean), nulls)


def _euros(cents: np.ndarray) -> pl.Expr:
    """Cents → '45.600,00' (thousands dot, decimal comma); salaries below a million."""
    amount = pl.lit(pl.Series(cents.astype(np.int64)))
    euros = amount // 100
    return (
        pl.when(euros >= 1000)
        .then(
            pl.format(
                "{}.{},{}",
                euros // 1000,
                (euros % 1000).cast(pl.String).str.zfill(3),
                (amount % 100).cast(pl.String).str.zfill(2),
            )
        )
        .otherwise(pl.format("{},{}", euros, (amount % 100).cast(pl.String).str.zfill(2)))
    )


@dataclass(frozen=True)
class Employees:
    frame: pl.DataFrame  # the file's columns, dates still typed
    ids: pl.Series
    hire: np.ndarray  # days since 1970
    last: np.ndarray  # last day absences may use (termination or LAST_DAY), inclusive
    open_ended: np.ndarray  # still employed
    female: np.ndarray


def generate_employees(n: int, rng: np.random.Generator) -> Employees:
    ids = pl.int_range(1, n + 1, eager=True).cast(pl.String).str.zfill(6)
    first_day, last_day = _days(FIRST_DAY), _days(LAST_DAY)
    hire = rng.integers(first_day, last_day - 2 * MIN_EMPLOYMENT_DAYS, size=n)
    ended = rng.random(n) < 0.35
    # A leaver stays at least MIN_EMPLOYMENT_DAYS; the end falls anywhere up to LAST_DAY.
    end = hire + MIN_EMPLOYMENT_DAYS + (rng.random(n) * (last_day - hire - MIN_EMPLOYMENT_DAYS))
    end = end.astype(np.int64)
    last = np.where(ended, end, last_day)
    age_days = rng.integers(18 * 365, 62 * 365, size=n)
    # Every gender and contract cell is filled: when this was written, the importer refused
    # an empty enum cell (see README).
    female = rng.random(n) < 0.52
    reasons = _pick(rng, REASONS, n, REASON_WEIGHTS)
    fte_index = rng.choice(len(FTE_VALUES), size=n, p=FTE_WEIGHTS)
    fte = np.array([float(v.replace(",", ".")) for v in FTE_VALUES])[fte_index]
    full_time_salary = rng.integers(2_600_000, 9_800_000, size=n) // 50 * 50  # cents
    infix = pl.Series(INFIXES, dtype=pl.String).gather(rng.choice(len(INFIXES), size=n))
    name = pl.select(
        pl.concat_str(
            [
                _pick(rng, WOMEN, n).zip_with(pl.Series(female), _pick(rng, MEN, n)),
                _keep(infix, rng.random(n) < 0.3),
                _pick(rng, LAST_NAMES, n),
            ],
            separator=" ",
            ignore_nulls=True,
        )
    ).to_series()
    frame = pl.DataFrame(
        {
            "Personeelsnummer": ids,
            "Naam": name,
            "Geslacht": pl.Series(np.where(female, "Vrouw", "Man")),
            "Geboortedatum": _as_dates(hire - age_days),
            "Datum in dienst": _as_dates(hire),
            "Datum uit dienst": _keep(_as_dates(end), ended),
            "Reden uit dienst": _keep(reasons, ended),
            "Afdeling": _pick(rng, DEPARTMENTS, n),
            "Functie": _pick(rng, JOB_TITLES, n),
            "FTE": pl.Series(FTE_VALUES, dtype=pl.String).gather(fte_index),
            "Soort contract": pl.Series(np.where(rng.random(n) < 0.8, "Vast", "Tijdelijk")),
        }
    ).with_columns(_euros(full_time_salary * fte).alias("Bruto jaarsalaris"))
    return Employees(frame.select(EMPLOYEE_HEADERS), ids, hire, last, ~ended, female)


def generate_absences(staff: Employees, m: int, rng: np.random.Generator) -> pl.DataFrame:
    """m absence rows, each inside its employment, never overlapping per employee.

    Each employee's days are cut into as many equal slots as they have absences; each absence
    lies inside its own slot, so no two touch. Longer employments get more absences.
    """
    span = staff.last - staff.hire + 1
    counts = rng.multinomial(m, span / span.sum())
    too_many = counts > span // 2
    if too_many.any():
        raise SystemExit(
            f"--absences {m} is too many for {len(span)} employees: at least one employment has "
            "fewer than two days per absence; use fewer absences or more employees"
        )
    who = np.repeat(np.arange(len(span)), counts)
    slot = np.arange(m) - np.repeat(np.cumsum(counts) - counts, counts)
    slot_days = span[who] // counts[who]
    # Most spells are short; some last weeks or months (clipped to the slot).
    kind = rng.random(m)
    length = np.where(
        kind < 0.80,
        rng.integers(1, 11, size=m),
        np.where(kind < 0.96, rng.integers(11, 61, size=m), rng.integers(61, 366, size=m)),
    )
    length = np.minimum(length, slot_days)
    start = staff.hire[who] + slot * slot_days + (rng.random(m) * (slot_days - length + 1))
    start = start.astype(np.int64)
    end = start + length - 1
    # The last spell of some people still employed is ongoing (no end date).
    is_last = slot == counts[who] - 1
    ongoing = is_last & staff.open_ended[who] & (rng.random(m) < 0.05)
    pregnancy = staff.female[who] & (rng.random(m) < 0.02)
    other = rng.random(m) < 0.03
    absence_type = np.where(
        pregnancy, "Zwangerschapsverlof", np.where(other, "Calamiteitenverlof", "Ziekte")
    )
    percentage = rng.choice(["100", "50", "75", "25"], size=m, p=[0.85, 0.09, 0.03, 0.03])
    return pl.DataFrame(
        {
            "Personeelsnummer": staff.ids.gather(who),
            "Begindatum": _as_dates(start),
            "Einddatum": _keep(_as_dates(end), ~ongoing),
            "Soort verzuim": pl.Series(absence_type),
            "Percentage": pl.Series(percentage),
        }
    ).select(ABSENCE_HEADERS)


def write_files(directory: Path, employees: int, absences: int, seed: int) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    staff = generate_employees(employees, rng)
    rows = generate_absences(staff, absences, rng)
    staff_path, absence_path = directory / EMPLOYEE_FILE, directory / ABSENCE_FILE
    text = staff.frame.write_csv(separator=";", date_format="%d-%m-%Y")
    staff_path.write_bytes(text.encode("cp1252"))
    rows.write_csv(absence_path, separator=";", date_format="%d-%m-%Y")
    return staff_path, absence_path


# ---------------------------------------------------------------------------------------------
# Timing


@dataclass
class Phases:
    """Seconds per named step, summed over calls, for one import."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds


def _label(name: str, args: tuple[Any, ...]) -> str:
    """A step's name plus the file or table it worked on, where the arguments say."""
    for arg in args:
        if isinstance(arg, Path):
            return f"{name} {arg.name}"
        if name in ("_check", "_insert", "checks.run") and isinstance(arg, str):
            return f"{name} {arg}"
        source = getattr(arg, "source", None) or getattr(getattr(arg, "report", None), "file", None)
        if isinstance(source, str):
            return f"{name} {source}"
    return name


@contextlib.contextmanager
def instrumented(phases: Phases) -> Iterator[None]:
    """Time the importer's steps by wrapping them in their modules (restored afterwards).

    Steps that a later version of the importer no longer has are skipped, not an error.
    """
    targets: list[tuple[Any, str, str]] = [
        (load, "_sha256", "sha256"),
        (load, "read_file", "read_file"),
        (load, "map_columns", "map_columns"),
        (load, "convert", "convert"),
        (load, "_derive", "_derive"),
        (load, "_required_nulls", "_required_nulls"),
        (load, "merge_contract_rows", "merge_contract_rows employments"),
        (load, "_check", "_check"),
        (load, "_insert", "_insert"),
        (checks, "run", "checks.run"),
    ]
    saved: list[tuple[Any, str, Any]] = []

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases.add(_label(name, args), time.perf_counter() - began)

        return wrapper

    original_write = store.write

    @contextlib.contextmanager
    def timed_write(*args: Any, **kwargs: Any) -> Iterator[Any]:
        began = time.perf_counter()
        with original_write(*args, **kwargs) as writer:
            phases.add("store: open copy + migrate", time.perf_counter() - began)
            yield writer
            began = time.perf_counter()
        phases.add("store: commit + checkpoint + swap", time.perf_counter() - began)

    for module, attribute, name in targets:
        if hasattr(module, attribute):
            function = getattr(module, attribute)
            saved.append((module, attribute, function))
            setattr(module, attribute, timed(name, function))
    saved.append((store, "write", original_write))
    store.write = timed_write  # type: ignore[assignment]
    try:
        yield
    finally:
        for module, attribute, function in saved:
            setattr(module, attribute, function)


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_import(
    paths: list[Path], db: Path, expected: dict[str, int]
) -> tuple[float, float, Phases]:
    """One import into a new store: (wall seconds, CPU seconds of all threads, steps)."""
    phases = Phases()
    with instrumented(phases):
        cpu = time.process_time()
        began = time.perf_counter()
        report = load.import_files(paths, db=db)
        elapsed = time.perf_counter() - began
        cpu = time.process_time() - cpu
    loaded = {f.file: f.rows_loaded for f in report.files}
    if not report.loaded or loaded != expected:
        print(report.format(max_errors=20), file=sys.stderr)
        raise SystemExit(
            f"benchmark invalid: the import did not load the generated data "
            f"(loaded={report.loaded}, rows loaded {loaded}, expected {expected})"
        )
    return elapsed, cpu, phases


def profile_import(paths: list[Path], db: Path, output: Path | None, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    report = load.import_files(paths, db=db)
    profiler.disable()
    if not report.loaded:
        print(report.format(max_errors=20), file=sys.stderr)
        raise SystemExit("benchmark invalid: the profiled import did not load")
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(output)
    for order in ("cumulative", "tottime"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        print(f"\n--- cProfile, top {top} by {order} ---")
        print(buffer.getvalue().split("\n\n", 1)[-1].rstrip())


# ---------------------------------------------------------------------------------------------
# Report


def _fmt_rate(rows: int | None, seconds: float) -> str:
    # Steps of a few milliseconds give meaningless rates.
    return f"{rows / seconds:>12,.0f}" if rows and seconds >= 0.005 else ""


def _summary(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def _generate(directory: Path, employees: int, absences: int, seed: int) -> tuple[Path, Path]:
    """Generate in a child process, so that the peak RSS measured here is the importer's."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(write_files, directory, employees, absences, seed).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=DEFAULT_EMPLOYEES, metavar="N")
    parser.add_argument("--absences", type=int, default=DEFAULT_ABSENCES, metavar="M")
    parser.add_argument("--repeat", type=int, default=1, metavar="K", help="imports to time")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--profile",
        nargs="?",
        const="",
        metavar="FILE",
        help="profile one more import with cProfile (and save the stats to FILE if given)",
    )
    parser.add_argument("--top", type=int, default=25, help="rows of the profile to print")
    args = parser.parse_args(argv)
    if args.employees < 1 or args.absences < 0 or args.repeat < 1:
        parser.error("need --employees >= 1, --absences >= 0, --repeat >= 1")

    print(
        f"Koers importer benchmark: {args.employees:,} employees, {args.absences:,} absences, "
        f"{args.repeat} run(s); {date.today().isoformat()}, {_cores()} cores, "
        f"Python {platform.python_version()}, polars {pl.__version__}, duckdb {duckdb.__version__}"
    )
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="koers-bench-") as tmp:
        directory = Path(tmp)
        began = time.perf_counter()
        paths = list(_generate(directory, args.employees, args.absences, args.seed))
        staff_path, absence_path = paths
        print(
            f"generated in {time.perf_counter() - began:.1f} s: {staff_path.name} "
            f"{staff_path.stat().st_size / 1e6:.1f} MB (cp1252), {absence_path.name} "
            f"{absence_path.stat().st_size / 1e6:.1f} MB (UTF-8)"
        )
        rss_before = peak_rss_mb()
        rows = {staff_path.name: args.employees, absence_path.name: args.absences}
        table_rows = {"employments": args.employees, "absences": args.absences}
        total_rows = args.employees + args.absences

        reads: dict[str, list[float]] = defaultdict(list)
        imports: list[float] = []
        cpu_times: list[float] = []
        steps: dict[str, list[float]] = defaultdict(list)
        for run in range(args.repeat):
            gc.collect()
            elapsed, cpu, phases = run_import(paths, directory / f"koers-{run}.duckdb", rows)
            imports.append(elapsed)
            cpu_times.append(cpu)
            for name, seconds in phases.seconds.items():
                steps[name].append(seconds)
            rss_import = peak_rss_mb()
            for path in paths:
                gc.collect()
                began = time.perf_counter()
                read_file(path)
                reads[path.name].append(time.perf_counter() - began)
        load_after = os.getloadavg()[0]

        head = "min (s)" if args.repeat > 1 else "time (s)"
        print(f"\n{'phase':<46}{head:>10}{'median (s)':>12}{'rows/s':>13}")
        print("-" * 81)
        for path in paths:
            low, mid = _summary(reads[path.name])
            name = f"read_file {path.name} (alone)"
            print(f"{name:<46}{low:>10.2f}{mid:>12.2f} {_fmt_rate(rows[path.name], low)}")
        low, mid = _summary(imports)
        name = "import_files, end to end"
        print(f"{name:<46}{low:>10.2f}{mid:>12.2f} {_fmt_rate(total_rows, low)}")
        for name, values in steps.items():
            low_step, mid_step = _summary(values)
            step_rows = next((r for f, r in rows.items() if name.endswith(f" {f}")), None)
            step_rows = step_rows or next(
                (r for t, r in table_rows.items() if name.endswith(f" {t}")), None
            )
            print(
                f"  {name:<44}{low_step:>10.2f}{mid_step:>12.2f} {_fmt_rate(step_rows, low_step)}"
            )
        rest = [
            imports[i] - sum(v[i] for k, v in steps.items() if not k.startswith("checks.run"))
            for i in range(args.repeat)
        ]
        low_rest, mid_rest = _summary(rest)
        print(f"  {'(rest: concat, filters, Python glue)':<44}{low_rest:>10.2f}{mid_rest:>12.2f}")
        print("-" * 81)
        print("  checks.run (the SQL checks) is part of _check; no other steps nest")

        default_size = (args.employees, args.absences) == (DEFAULT_EMPLOYEES, DEFAULT_ABSENCES)
        target = TARGET_SECONDS * (
            1.0 if default_size else total_rows / (DEFAULT_EMPLOYEES + DEFAULT_ABSENCES)
        )
        ratio = mid / target
        if default_size:
            verdict = "within the target" if ratio <= 1 else "over the target"
            scope = ""
        else:
            verdict = "indicative only: fixed costs weigh more in a small run"
            scope = f" (the {TARGET_SECONDS:.0f} s target scaled by the row count)"
        print(
            f"\nimport (median): {mid:.2f} s for {total_rows:,} rows = {total_rows / mid:,.0f} "
            f"rows/s; target {target:.2f} s{scope} → ratio {ratio:.2f} ({verdict})"
        )
        cpu = statistics.median(cpu_times)
        print(
            f"  CPU time of the import (all threads): {cpu:.2f} s, "
            f"{cpu / mid:.2f} cores busy on average"
        )
        print(
            f"peak RSS: {rss_import:,.0f} MB after the import "
            f"({rss_before:,.0f} MB before it: interpreter and libraries)"
        )
        print(
            f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after"
            + ("  — other processes shared the cores" if max(load_before, load_after) > 1 else "")
        )

        if args.profile is not None:
            print("\nprofiling one more import …")
            output = Path(args.profile) if args.profile else None
            profile_import(paths, directory / "koers-profile.duckdb", output, args.top)
            if output is not None:
                print(f"\nprofile saved to {output} (open with `python -m pstats {output}`)")
    return 0


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 0


if __name__ == "__main__":
    sys.exit(main())
