"""In a real browser: the tracker board moves a solution between status columns and links to it."""

from __future__ import annotations

import shutil

from tests.browser.conftest import assert_no_exception, wait_for_app


def _main_has(page, text: str) -> None:
    page.wait_for_function(
        "(t) => (document.querySelector('[data-testid=\"stMain\"]')?.innerText || '').includes(t)",
        arg=text,
        timeout=120_000,
    )


def test_a_card_moves_to_the_next_status_column_and_opens_its_solution(
    page, start_server, demo_template, tmp_path
):
    db = tmp_path / "tracker.duckdb"
    shutil.copy(demo_template, db)
    server = start_server(db)
    page.goto(f"{server}/tracker?lang=en")
    wait_for_app(page)
    _main_has(page, "Draft · 1")
    assert_no_exception(page)
    card = page.locator(".st-key-tracker_card_2")
    assert "缩短西部地区宽带安装等待时间" in card.inner_text()
    card.get_by_role("button", name="→ Reviewed").click()
    _main_has(page, "Reviewed · 1")
    _main_has(page, "Draft · 0")
    assert_no_exception(page)
    page.reload()  # a fresh session reads the stored status
    wait_for_app(page)
    _main_has(page, "Reviewed · 1")
    # the moved card now offers the next moves of its new column
    page.locator(".st-key-tracker_card_2").get_by_role("button", name="→ Approved").wait_for()
    page.locator(".st-key-tracker_card_2").get_by_role("link", name="Open solution").click()
    _main_has(page, "Status: Reviewed")
    assert page.locator("h1").first.inner_text().strip() == "Solutions"
