"""A respondent answers the public link on a phone, and the answer shows up in the results."""

from __future__ import annotations

import shutil

from tests.browser.conftest import assert_no_exception


def _settled(page, timeout: float = 240_000) -> None:
    """Wait, patiently on a loaded machine, until the script run has finished."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
        && document.querySelector('[data-testid="stMain"] h1')""",
        timeout=timeout,
    )


TOKEN = "demo-install-billing"


def test_phone_respondent_answer_is_counted(browser, start_server, demo_template, tmp_path):
    db = tmp_path / "respond.duckdb"
    shutil.copy(demo_template, db)
    url = start_server(db)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    phone.set_default_timeout(180_000)
    phone.goto(f"{url}/respond?s={TOKEN}&lang=en")
    _settled(phone)
    assert_no_exception(phone)
    groups = phone.locator('[data-testid="stForm"] [data-testid="stButtonGroup"]')
    phone.get_by_role("button", name="Submit").wait_for()
    groups.nth(5).wait_for()
    assert groups.count() == 6  # four touchpoint scales, overall CSAT and likelihood to recommend
    for i in range(groups.count()):
        groups.nth(i).get_by_role("radio", name="4", exact=True).click()
    phone.locator("textarea").first.fill("Technician was on time")
    phone.get_by_role("button", name="Submit").click()
    phone.wait_for_function("() => document.querySelector('h1')?.innerText.includes('Thank you')")
    assert_no_exception(phone)
    context.close()

    desk = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    results = desk.new_page()
    results.set_default_timeout(180_000)
    results.goto(f"{url}/?lang=en")
    _settled(results)
    results.get_by_role("link", name="Survey results").click()
    results.wait_for_function("() => document.querySelector('h1')?.innerText === 'Survey results'")
    metric = results.locator('[data-testid="stMetricValue"]').first
    metric.wait_for()
    assert metric.inner_text().strip() == "421"
    _settled(results)
    results.get_by_role("tab", name="Open answers").click()
    panel = results.locator('[data-testid="stTabs"] [role="tabpanel"]:visible')
    panel.get_by_text("Open answers are shown as written").wait_for()
    assert_no_exception(results)
    desk.close()
