"""The browser tier: the app server (`python -m cxdash.ui.serve`) driven by Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the browser tier; without Chromium skip it loudly, or fail it under CI."""
    here = Path(__file__).parent
    browser_items = [i for i in items if here in Path(str(i.fspath)).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.xdist_group("browser"))
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    reason = "Debian chromium is not installed: run `make browser-deps` as root"
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], str]]:
    """A factory that serves the app on a workspace file and returns its base URL."""
    procs: list[subprocess.Popen[bytes]] = []
    logs = tmp_path_factory.mktemp("streamlit-logs")

    def start(db: Path) -> str:
        port = _free_port()
        env = {**os.environ, "CXDASH_DB": str(db), "CXDASH_LANG": "zh"}
        cmd = [
            sys.executable,
            "-m",
            "cxdash.ui.serve",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        log = (logs / f"{port}.log").open("wb")
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc)
        return url

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def demo_server(
    start_server: Callable[[Path], str],
    demo_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    """The app served on a private copy of the demo workspace, shared by read-only tests."""
    db = tmp_path_factory.mktemp("served") / "demo.duckdb"
    shutil.copy(demo_template, db)
    return start_server(db)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium per test process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page (own context) at a desktop size; screenshots land in test-artifacts/."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True
    )
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


def wait_for_app(page: object) -> None:
    """Wait until the Streamlit script has finished its run."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stMain\"] h1')",
        timeout=60_000,
    )


def wait_idle(page: object, timeout: int = 300_000) -> None:
    """Wait until no script run is under way and no element is left stale by the last one."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=timeout,
    )


def assert_no_exception(page: object) -> None:
    """Fail when the page shows a Streamlit exception box."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def pick_option(page: object, box: object, search: str, shown: str, tries: int = 3) -> None:
    """Pick `shown` in a selectbox by typing `search`, again if a rerun closes the list meanwhile.

    A rerun that lands while the list is open re-renders it and detaches the option under the
    click; a person would open the list again, and so does this.
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(tries):
        box.click()
        page.keyboard.type(search)
        try:
            page.get_by_role("option", name=shown, exact=True).click(timeout=20_000)
            return
        except PlaywrightError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
