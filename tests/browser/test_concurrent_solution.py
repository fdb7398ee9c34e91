"""Two browser windows edit the same solution: the later save is refused with the current value."""

from __future__ import annotations

import shutil

import pytest

from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.solutions import list_solutions, load_solution
from tests.browser.conftest import assert_no_exception, wait_for_app


@pytest.fixture
def windows(browser):
    """Two separate browser contexts, as two people (or two windows without shared cookies)."""
    contexts = [
        browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        for _ in range(2)
    ]
    pages = [c.new_page() for c in contexts]
    for opened in pages:
        opened.set_default_timeout(120_000)
    yield pages
    for context in contexts:
        context.close()


def _open_solution(page, url: str, solution_id: int, title: str) -> None:
    page.goto(f"{url}/solutions?lang=en")
    wait_for_app(page)
    page.get_by_role("combobox", name="Open solution").click()
    page.get_by_role("option", name=f"#{solution_id} {title}", exact=True).click()
    page.locator(f".st-key-solution_title_{solution_id} input").wait_for()
    assert_no_exception(page)


def _edit_title(page, solution_id: int, text: str) -> None:
    field = page.locator(f".st-key-solution_title_{solution_id} input")
    field.fill(text)
    page.get_by_test_id("stForm").get_by_role("button", name="Save", exact=True).click()


def test_second_window_save_is_refused_with_the_current_value(
    windows, start_server, demo_template, tmp_path
):
    db = tmp_path / "two-windows.duckdb"
    shutil.copy(demo_template, db)
    store = open_store(db)
    first = list_solutions(store, current_cycle_id(store)).iloc[0]
    solution_id, title = int(first["id"]), str(first["title"])
    version = int(load_solution(store, solution_id)["version"])
    store.close()
    url = start_server(db)
    window_a, window_b = windows
    _open_solution(window_a, url, solution_id, title)
    _open_solution(window_b, url, solution_id, title)

    _edit_title(window_a, solution_id, "Title from window A")
    window_a.get_by_text(f"version {version + 1}").first.wait_for()

    _edit_title(window_b, solution_id, "Title from window B")
    window_b.get_by_text(f"Save refused: solution #{solution_id} was changed").wait_for()
    assert_no_exception(window_b)
    shown = window_b.locator(".st-key-solution_stale").inner_text()
    assert "Title: Title from window A" in shown
    # Nothing is lost: window B's input is still in its form, window A's save stands.
    field_b = window_b.locator(f".st-key-solution_title_{solution_id} input")
    assert field_b.input_value() == "Title from window B"
    _open_solution(window_a, url, solution_id, "Title from window A")
    field_a = window_a.locator(f".st-key-solution_title_{solution_id} input")
    assert field_a.input_value() == "Title from window A"
    window_a.get_by_text(f"version {version + 1}").first.wait_for()

    # Having seen the current value, window B saves on top of it.
    _edit_title(window_b, solution_id, "Title from window B, after reading A")
    window_b.get_by_text(f"version {version + 2}").first.wait_for()
    assert_no_exception(window_b)
    _open_solution(window_a, url, solution_id, "Title from window B, after reading A")
    assert field_a.input_value() == "Title from window B, after reading A"
