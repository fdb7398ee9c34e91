"""Shared fixtures: real DuckDB files in temporary folders, the demo workspace, and AppTest runs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from cxdash.storage import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def served_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run AppTest the way a server runs after its first request: always through app.py.

    AppTest re-detects the legacy pages/ folder on every run and then runs a page script without
    app.py, which a live server does only before st.navigation has been called once. The page
    gate for that case has its own test (tests/app/test_login.py).
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        if os.environ.get("CXDASH_TEST_LEGACY_PAGES") != "1":
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workspace path, also set as CXDASH_DB for the code under test."""
    path = tmp_path / "workspace.duckdb"
    monkeypatch.setenv("CXDASH_DB", str(path))
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An empty, migrated workspace."""
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, seeded once per test process; copy it before writing to it."""
    from cxdash.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    seeded = open_store(path)
    seed_demo(seeded)
    seeded.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, db_path: Path) -> Path:
    """A private copy of the demo workspace, set as CXDASH_DB."""
    shutil.copy(demo_template, db_path)
    return db_path


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    """An open private copy of the demo workspace."""
    opened = open_store(demo_db)
    yield opened
    opened.close()


def _run_page(
    script: str, lang: str = "en", timeout: float = 60, session: dict | None = None
) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params["lang"] = lang
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    if script != "pages/overview.py":
        at.switch_page(script)
        at.run()
    return at


@pytest.fixture
def run_page() -> Callable[..., AppTest]:
    """Run app.py in AppTest and switch to a page script; returns the finished AppTest."""
    return _run_page
