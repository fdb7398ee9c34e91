"""In a browser: a TOP key point opens a prefilled solution, and a KANO survey is answered."""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_exception


def _settled(page, timeout: float = 240_000) -> None:
    """Wait, patiently on a loaded machine, until the script run has finished."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
        && document.querySelector('[data-testid="stMain"] h1')""",
        timeout=timeout,
    )


def _served_copy(start_server, demo_template, tmp_path, name):
    db = tmp_path / f"{name}.duckdb"
    shutil.copy(demo_template, db)
    return start_server(db)


def test_key_point_link_opens_a_draft_with_its_evidence(
    browser, start_server, demo_template, tmp_path
):
    url = _served_copy(start_server, demo_template, tmp_path, "keypoint")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(f"{url}/key_points?lang=en")
    _settled(page)
    page.get_by_role("link", name="Write a solution").click()
    page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Solutions'")
    page.get_by_text("This draft answers the key point").wait_for()
    _settled(page)
    assert_no_exception(page)
    assert "kp_tp=" in page.url and "kp_cat=" in page.url
    problems = page.get_by_label("Problems / key points (one per line)")
    # The value arrives with the widget's first render; wait for it rather than read at once.
    expect(problems).to_have_value(re.compile(r"^TOP key point #1:"), timeout=60_000)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Status: Draft", exact=False).wait_for()
    assert_no_exception(page)
    context.close()


def test_kano_survey_is_answered_on_a_phone_and_counted(
    browser, start_server, demo_template, tmp_path
):
    url = _served_copy(start_server, demo_template, tmp_path, "kano")
    desk = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = desk.new_page()
    page.set_default_timeout(180_000)
    page.goto(f"{url}/kano?lang=en")
    _settled(page)
    page.get_by_role("tab", name="Through a survey").click()
    page.get_by_role("button", name="Create the KANO survey").click()
    code = page.locator('[data-testid="stCode"]', has_text="/respond?s=").first
    code.wait_for()
    link = re.search(r"/respond\?s=\S+", code.inner_text()).group(0)
    page.get_by_text("Survey (0 responses)").wait_for()

    phone_context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True, has_touch=True
    )
    phone = phone_context.new_page()
    phone.set_default_timeout(180_000)
    phone.goto(f"{url}{link}")
    _settled(phone)
    assert_no_exception(phone)
    groups = phone.locator('[data-testid="stForm"] [role="radiogroup"]')
    phone.get_by_role("button", name="Submit").wait_for()
    expect(groups).to_have_count(12)  # the form renders its questions over several deltas
    for i in range(groups.count()):
        answer = "I expect it" if i % 2 == 0 else "I dislike it"
        groups.nth(i).get_by_text(answer, exact=True).click()
    phone.get_by_role("button", name="Submit").click()
    phone.wait_for_function("() => document.querySelector('h1')?.innerText.includes('Thank you')")
    phone_context.close()

    page.reload()
    _settled(page)
    page.get_by_role("tab", name="Through a survey").click()
    page.get_by_text("Survey (1 responses)").wait_for()
    assert_no_exception(page)
    desk.close()
