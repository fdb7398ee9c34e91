"""The app loads in a real browser and switches language."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception, wait_for_app


def test_app_loads_without_exception(page, demo_server):
    page.goto(f"{demo_server}/?lang=zh")
    wait_for_app(page)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "总览"


def test_language_switch_changes_the_whole_ui(page, demo_server):
    page.goto(f"{demo_server}/?lang=zh")
    wait_for_app(page)
    page.get_by_role("radio", name="English").click()
    page.wait_for_function(
        "() => { const main = document.querySelector('[data-testid=\"stMain\"]')?.innerText || '';"
        " return main.includes('Feedback items') && !main.includes('反馈条数'); }"
    )
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Overview"
    assert "lang=en" in page.url
