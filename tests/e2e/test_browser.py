"""The dashboard in a real browser: `streamlit run app.py` on a small store, driven by headless
Chromium through Playwright.

Debian's Chromium is used (`apt-get install chromium`; never `playwright install`, which downloads).
Without it the tests are skipped, unless KOERS_REQUIRE_BROWSER=1 (set by CI): then they fail.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from analytics.ingest.load import import_files
from tests.support import APP_ABSENCES, APP_EMPLOYEES, APP_MORE_ABSENCES

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
FIRST_RUN_TIMEOUT_MS = 120_000


# ---------------------------------------------------------------------------------------------
# Store and server


def _build_store(folder: Path) -> Path:
    """A store with 6 employments and 3 absences (data version 1), made through the importer."""
    folder.mkdir(parents=True, exist_ok=True)
    employees = folder / "medewerkers.csv"
    employees.write_text(APP_EMPLOYEES, encoding="utf-8")
    absences = folder / "verzuim.csv"
    absences.write_text(APP_ABSENCES, encoding="utf-8")
    db = folder / "store" / "koers.duckdb"
    report = import_files([employees, absences], db=db)
    assert report.loaded, report.format()
    assert report.data_version == 1
    return db


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


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _start_streamlit(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run app.py` from the repository root on a free port, with KOERS_DB set; returns
    once /_stcore/health answers (fails the test if it does not within STARTUP_TIMEOUT_S)."""
    port = _free_port()
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
    env = {**os.environ, "KOERS_DB": str(db)}
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    try:
        while not _healthy(f"{url}/_stcore/health"):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode}:\n{_log_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy after {STARTUP_TIMEOUT_S:.0f} s:\n{_log_tail(log)}"
                )
            time.sleep(0.2)
    except BaseException:
        _stop(process)
        raise
    return process, url


StartServer = Callable[[Path], str]


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StartServer]:
    """Starts a dashboard on the given store; every server is stopped at the end of the session."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(db: Path) -> str:
        log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
        process, url = _start_streamlit(db, log)
        processes.append(process)
        return url

    try:
        yield start
    finally:
        for process in processes:
            _stop(process)


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """Headless Debian Chromium, launched directly rather than through pytest-playwright's
    fixtures (so that CLI options such as --browser cannot swap in a downloaded browser)."""
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
def app_page(chromium_browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page per test."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def shared_app_url(
    chromium_browser: Browser,  # first: no server is started when the browser is missing
    start_server: StartServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    """The dashboard on the bundled sample organisation, loaded as on a first start."""
    from analytics.bootstrap import ensure_store

    db = tmp_path_factory.mktemp("koers-sample") / "koers.duckdb"
    ensure_store(db)
    return start_server(db)


# ---------------------------------------------------------------------------------------------
# Page helpers

PAGES = {  # url path → page title (Dutch, the default language)
    "": "Overzicht",
    "turnover": "Verloop",
    "absence": "Verzuim",
    "diversity": "Diversiteit & beloning",
    "engagement": "Betrokkenheid",
    "organisation": "Organisatie",
    "data": "Gegevens",
}


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    _wait_for_app(page)


def _wait_for_app(page: Page) -> None:
    """Until the script has run: a heading is shown (the first request to a new server waits for
    its imports), the title is set and no run is in progress."""
    page.locator("h1").first.wait_for(state="visible", timeout=FIRST_RUN_TIMEOUT_MS)
    titles = "|".join(["Koers", *PAGES.values(), *ENGLISH.values()])
    expect(page).to_have_title(re.compile(titles))
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")
    page.wait_for_timeout(500)  # charts draw after the script has finished


def _no_exception(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


# ---------------------------------------------------------------------------------------------
# Tests


ENGLISH = {  # url path → page title when the browser asks for English
    "": "Overview",
    "turnover": "Turnover",
    "absence": "Absence",
    "diversity": "Diversity & pay",
    "engagement": "Engagement",
    "organisation": "Organisation",
    "data": "Data",
}


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_every_page_renders(app_page: Page, shared_app_url: str, path: str, tmp_path: Path) -> None:
    page = app_page
    _open(page, f"{shared_app_url}/{path}")
    expect(page.locator("h1").first).to_have_text(PAGES[path])
    _no_exception(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    screenshot = tmp_path / f"koers-{path or 'overview'}.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 20_000


@pytest.mark.parametrize("path", list(ENGLISH), ids=[p or "overview" for p in ENGLISH])
def test_every_page_renders_in_english_for_an_english_browser(
    chromium_browser: Browser, shared_app_url: str, path: str
) -> None:
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page = context.new_page()
        _open(page, f"{shared_app_url}/{path}")
        expect(page.locator("h1").first).to_have_text(ENGLISH[path])
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text("Language", exact=True)).to_be_visible()
        expect(sidebar.get_by_text("Compare with", exact=True)).to_be_visible()
        _no_exception(page)
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
    finally:
        context.close()


def test_a_deep_link_on_a_fresh_server_goes_through_the_app(
    app_page: Page, start_server: StartServer, tmp_path: Path
) -> None:
    """The very first request to a new server is for /turnover: Streamlit would run the page file
    on its own (a pages/ folder app, file names in the navigation, no wide layout); the page
    restarts the run through app.py, so the navigation shows the Dutch page titles."""
    page = app_page
    url = start_server(_build_store(tmp_path / "exports"))
    page.goto(f"{url}/turnover", wait_until="domcontentloaded")
    _wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Verloop")
    navigation = page.locator('[data-testid="stSidebarNav"]')
    for title in PAGES.values():
        expect(navigation.get_by_text(title, exact=True)).to_be_visible()
    expect(navigation.get_by_text("turnover", exact=True)).to_have_count(0)
    expect(navigation.get_by_text("app", exact=True)).to_have_count(0)
    _no_exception(page)
    expect(page).to_have_url(f"{url}/turnover")


def test_clicking_a_bar_filters_the_page(app_page: Page, shared_app_url: str) -> None:
    page = app_page
    _open(page, f"{shared_app_url}/turnover")
    bar = page.locator(".js-plotly-plot .barlayer .point path").first
    bar.wait_for(state="visible")
    box = bar.bounding_box()
    assert box is not None
    # Plotly's drag layer sits above the bars: click the bar's centre with the mouse.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    back = page.get_by_role("button", name="Terug naar alle groepen")
    back.first.wait_for(state="visible")
    _no_exception(page)
    back.first.click()
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")
    expect(back).to_have_count(0)


def test_import_from_another_process_shows_after_reload(
    app_page: Page, start_server: StartServer, tmp_path: Path
) -> None:
    """The command line imports while the server process holds the store open; a new session
    (page reload) shows the new data version without restarting the server."""
    page = app_page
    db = _build_store(tmp_path / "exports")
    _open(page, start_server(db))
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("dataversie 1")).to_be_visible()

    more = tmp_path / "exports" / "verzuim_2024-06.csv"
    more.write_text(APP_MORE_ABSENCES, encoding="utf-8")
    report = import_files([more], db=db)
    assert report.loaded, report.format()
    assert report.data_version == 2

    page.reload(wait_until="domcontentloaded")
    _wait_for_app(page)
    expect(sidebar.get_by_text("dataversie 2")).to_be_visible()
    expect(sidebar.get_by_text("verzuim_2024-06.csv")).to_be_visible()
    _no_exception(page)
