"""Benchmark of the dashboard pages: each page's AppTest run on the sample organisation, cold
(empty caches) and cached (the same filters again). Target: ≤ 1 s per page, cached.

A benchmark, not a test: it prints figures and the ratio against the target, asserts nothing.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script (`python bench/pages.py`)
    sys.path.insert(0, str(ROOT))

CACHED_TARGET = 1.0
PAGES = (
    "pages/overview.py",
    "pages/turnover.py",
    "pages/absence.py",
    "pages/diversity.py",
    "pages/engagement.py",
    "pages/organisation.py",
    "pages/data.py",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="cached runs per page")
    args = parser.parse_args(argv)

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from analytics.bootstrap import ensure_store

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "koers.duckdb"
        started = time.perf_counter()
        ensure_store(db)
        print(f"sample store built in {time.perf_counter() - started:.1f} s")
        os.environ["KOERS_DB"] = str(db)
        print(f"{'page':28} {'cold s':>8} {'cached s':>9} {'target':>7} {'ratio':>6}")
        worst = 0.0
        for page in PAGES:
            st.cache_data.clear()
            st.cache_resource.clear()
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            started = time.perf_counter()
            app.run()  # the default page (the overview), with empty caches
            cold = time.perf_counter() - started
            if page != PAGES[0]:
                st.cache_data.clear()
                app.switch_page(page)
                started = time.perf_counter()
                app.run()
                cold = time.perf_counter() - started
            failed = [e.value for e in app.exception]
            warm = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                app.run()
                warm.append(time.perf_counter() - started)
            cached = statistics.median(warm)
            worst = max(worst, cached)
            note = f"  ERROR: {failed[0][:60]}" if failed else ""
            print(
                f"{page:28} {cold:8.2f} {cached:9.2f} {CACHED_TARGET:7.1f} "
                f"{cached / CACHED_TARGET:6.2f}{note}"
            )
        print(f"slowest cached page: {worst:.2f} s (target ≤ {CACHED_TARGET} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
