"""Benchmark of the metrics engine against a straightforward pandas implementation.

Builds the sample organisation at scale (the sample generator's parameters: 100,000 employees over
10 years by default), loads it through the importer, and times per metric group the engine's
functions (best of `--repeat`, after one cold run) and the pandas baseline in
`bench/baseline_pandas.py`. Prints the figures, the ratio baseline / engine, the targets and the
peak memory. A benchmark, not a test: it asserts nothing about time.

Targets on a 2-core machine: the overview metric set for one period ≤ 0.5 s; a monthly series over
10 years ≤ 2 s; ≥ 10× faster than the pandas baseline; peak RSS ≤ 2 GB.

    .venv/bin/python bench/metrics.py                           # 100,000 employees, 10 years
    .venv/bin/python bench/metrics.py --employees 10000         # quick run
    .venv/bin/python bench/metrics.py --db bench/out/big.duckdb # reuse (or keep) a built store
"""

from __future__ import annotations

import argparse
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script (`python bench/metrics.py`)
    sys.path.insert(0, str(ROOT))

from analytics import store  # noqa: E402
from analytics.metrics import (  # noqa: E402
    Filters,
    Period,
    absence,
    compute_metrics,
    diversity,
    engagement,
    headcount,
    org,
    pay,
    turnover,
)
from bench import baseline_pandas  # noqa: E402

START_YEAR = 2019  # the sample generator's first year
OVERVIEW_TARGET = 0.5
SERIES_TARGET = 2.0
SPEEDUP_TARGET = 10.0
RSS_TARGET_MB = 2048
OVERVIEW = "overview: every command-line key, one year"
HEADCOUNT = "headcount + FTE, one year"
TURNOVER = "turnover, one year"
ABSENCE = "absence rate etc., one year"
FEMALE = "female share, one date"
PAY = "pay gap, one date"
ENPS = "eNPS, one year"
SPAN = "span of control, one date"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(cold, best warm) seconds."""
    started = time.perf_counter()
    action()
    cold = time.perf_counter() - started
    best = cold
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return cold, best


def build_store(db: Path, employees: int, years: int) -> None:
    """Generate and import in a child process, so that the peak memory measured here is the
    metrics', not the generator's or the importer's."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        command = [
            sys.executable, "-m", "analytics", "sample", "--out", folder,
            "--employees", str(employees), "--years", str(years), "--load", "--db", str(db),
        ]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stdout[-4000:], done.stderr[-4000:], file=sys.stderr)
            raise SystemExit(1)
        rows = sum(int(n.replace(",", "")) for n in re.findall(r"loaded (\d+)", done.stdout))
        print(f"generated and imported {employees:,} employees × {years} years ({rows:,} rows) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per measurement")
    parser.add_argument("--db", type=Path, help="store to reuse, or to build and keep")
    parser.add_argument("--no-baseline", action="store_true", help="skip the pandas baseline")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "koers.duckdb"
        if not db.exists():
            build_store(db, args.employees, args.years)
        con = store.connect_reader(db)
        cur = store.cursor(con)
        last = START_YEAR + args.years - 1
        year = Filters(Period(date(last, 1, 1), date(last, 12, 31)))
        span = Filters(Period(date(START_YEAR, 1, 1), date(last, 12, 31)))
        rss_before = peak_rss_mb()

        n = args.years
        hc, fte_dept, to, ab = headcount, headcount, turnover, absence
        engine: dict[str, Callable[[], object]] = {
            OVERVIEW: lambda: compute_metrics(cur, year),
            HEADCOUNT: lambda: hc.headcount(cur, year),
            "headcount by department, one year": lambda: fte_dept.headcount(
                cur, year, "department"
            ),
            TURNOVER: lambda: to.turnover(cur, year),
            ABSENCE: lambda: ab.absence(cur, year),
            FEMALE: lambda: diversity.gender_shares(cur, year),
            PAY: lambda: pay.pay_gaps(cur, year),
            ENPS: lambda: engagement.enps(cur, year),
            SPAN: lambda: org.org_structure(cur, year),
            f"monthly headcount series, {n} years": lambda: hc.headcount_series(cur, span),
            f"monthly turnover series, {n} years": lambda: to.turnover_series(cur, span),
            f"rolling 12-month turnover, {n} years": lambda: to.rolling_turnover(cur, span),
            f"monthly absence series, {n} years": lambda: ab.absence_series(cur, span),
        }
        # The engine first, so that its peak memory is measured before pandas loads the tables.
        timings = {name: timed(action, args.repeat) for name, action in engine.items()}
        engine_rss = peak_rss_mb()

        baseline_times: dict[str, float] = {}
        if not args.no_baseline:
            started = time.perf_counter()
            t = baseline_pandas.load_tables(cur)
            print(f"pandas baseline: tables read in {time.perf_counter() - started:.1f} s "
                  "(not counted)")  # fmt: skip
            b = baseline_pandas
            s, e = year.period.start, year.period.end
            parts: dict[str, Callable[[], object]] = {
                HEADCOUNT: lambda: b.headcount_overview(t, s, e),
                TURNOVER: lambda: b.turnover_overview(t, s, e),
                ABSENCE: lambda: b.absence_rate(t, s, e),
                FEMALE: lambda: b.female_share(t, e),
                PAY: lambda: b.pay_gap(t, e),
                ENPS: lambda: b.enps(t, s, e),
                SPAN: lambda: b.span_of_control(t, e),
            }
            baseline_times = {name: timed(part, 0)[1] for name, part in parts.items()}
            baseline_times[OVERVIEW] = sum(baseline_times.values())
            series = f"monthly headcount series, {n} years"
            baseline_times[series] = timed(
                lambda: b.headcount_series(t, span.period.start, span.period.end), 0
            )[1]

        print()
        print(f"{'metric group':48} {'cold s':>8} {'engine s':>9} {'pandas s':>9} {'ratio':>8}")
        print("-" * 86)
        ratios: list[float] = []
        for name, (cold, warm) in timings.items():
            line = f"{name:48} {cold:8.3f} {warm:9.3f}"
            if name in baseline_times:
                ratio = baseline_times[name] / warm
                ratios.append(ratio)
                line += f" {baseline_times[name]:9.3f} {ratio:7.1f}×"
            print(line)
        print("-" * 86)
        overview_time = timings[OVERVIEW][1]
        series_worst = max(
            w for name, (_, w) in timings.items() if "series" in name or "rolling" in name
        )
        print(f"overview: {overview_time:.3f} s (target ≤ {OVERVIEW_TARGET} s, ratio "
              f"{overview_time / OVERVIEW_TARGET:.2f})")  # fmt: skip
        print(f"slowest monthly series: {series_worst:.3f} s (target ≤ {SERIES_TARGET} s, "
              f"ratio {series_worst / SERIES_TARGET:.2f})")  # fmt: skip
        if ratios:
            print(f"speed-up over pandas: {min(ratios):.1f}× to {max(ratios):.1f}× "
                  f"(target ≥ {SPEEDUP_TARGET:.0f}×)")  # fmt: skip
        print(f"peak RSS of the engine: {engine_rss:.0f} MB (target ≤ {RSS_TARGET_MB} MB; "
              f"{rss_before:.0f} MB before the metrics); with the pandas baseline: "
              f"{peak_rss_mb():.0f} MB")  # fmt: skip
        print(f"machine: {platform.machine()}, Python {platform.python_version()}")
        con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
