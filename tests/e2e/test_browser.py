"""The dashboard in a real browser: `streamlit run app.py` on a small store, driven by headless
Chromium through Playwright.

Debian's Chromium is used (`apt-get install chromium`; never `playwright install`, which downloads).
Without it the test is skipped, unless KOERS_REQUIRE_BROWSER=1 (set by CI), then it fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from analytics.ingest.load import import_files

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60.0
PAGE_TIMEOUT_MS = 30_000

EMPLOYEES = """\
Personeelsnummer;Naam;Geslacht;Datum in dienst;Datum uit dienst
1001;Anna de Vries;V;01-02-2015;
1002;Bram Jansen;M;15-03-2018;31-12-2023
1003;Carla Bakker;V;01-09-2020;
1004;Daan Visser;M;01-01-2012;30-06-2022
1005;Eva Smit;V;01-05-2019;
1006;Femke Mulder;V;01-10-2021;
"""
ABSENCES = """\
Personeelsnummer;Begindatum;Einddatum;Soort verzuim;Percentage
1001;10-01-2024;12-01-2024;Ziekte;100
1003;05-02-2024;20-02-2024;Ziekte;50
1005;01-03-2024;;Ziekte;100
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _log_tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with 6 employments and 3 absences, made through the importer."""
    folder = tmp_path_factory.mktemp("koers-e2e")
    employees = folder / "medewerkers.csv"
    employees.write_text(EMPLOYEES, encoding="utf-8")
    absences = folder / "verzuim.csv"
    absences.write_text(ABSENCES, encoding="utf-8")
    db = folder / "store" / "koers.duckdb"
    report = import_files([employees, absences], db=db)
    assert report.loaded, report.format()
    return db


@pytest.fixture(scope="session")
def app_url(store_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free port with KOERS_DB set; stopped after the session."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "KOERS_DB": str(store_db)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(f"{url}/_stcore/health"):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {process.returncode}:\n{_log_tail(log)}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy after {STARTUP_TIMEOUT_S:.0f} s:\n{_log_tail(log)}"
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (overrides pytest-playwright's fixture of the same name)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("KOERS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KOERS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page per test (overrides pytest-playwright's fixture of the same name)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def _wait_for_app(page: Page) -> None:
    """Until the script has run: the page title is set, metrics shown and no run in progress."""
    expect(page).to_have_title("Koers", timeout=PAGE_TIMEOUT_MS)
    page.locator('[data-testid="stMetric"]').first.wait_for(state="visible")
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")


def _metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    expect(metric).to_have_count(1)
    value = metric.locator('[data-testid="stMetricValue"]')
    expect(value).to_be_visible()
    return value.inner_text().strip()


def test_dashboard_renders_store_counts(app_url: str, page: Page, tmp_path: Path) -> None:
    page.goto(app_url, wait_until="domcontentloaded")
    _wait_for_app(page)

    expect(page.get_by_role("heading", name="Koers", exact=True)).to_be_visible()
    expect(page.get_by_text("Gegevens geladen (dataversie 1)")).to_be_visible()
    assert _metric_value(page, "Dienstverbanden") == "6"
    assert _metric_value(page, "Verzuimregels") == "3"
    assert _metric_value(page, "Functiehistorie") == "0"
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()

    screenshot = tmp_path / "koers-app.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000
