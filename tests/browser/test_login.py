"""Logging in through a real browser: the form, the signed-in line, and a viewer's menu."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from cxdash.access import Role
from cxdash.auth import hash_password
from cxdash.storage import open_store
from cxdash.storage.users import save_user
from tests.browser.conftest import assert_no_exception, wait_for_app


@pytest.fixture
def team(start_server, demo_template, tmp_path):
    """The demo served to a team of an admin and a viewer; returns its address."""
    db = tmp_path / "team.duckdb"
    shutil.copy(demo_template, db)
    store = open_store(db)
    save_user(store, "ada", Role.ADMIN, hash_password("admin-pass-1"))
    save_user(store, "vic", Role.VIEWER, hash_password("viewer-pass-1"))
    store.close()
    return start_server(db)


def test_viewer_logs_in_and_sees_no_admin_pages(page, team):
    url = team
    page.goto(f"{url}/workspace?lang=en")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().strip() == "Log in"
    page.get_by_role("textbox", name="User name").fill("vic")
    page.get_by_role("textbox", name="Password").fill("viewer-pass-1")
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("vic (Viewer (read-only))").wait_for()
    assert_no_exception(page)
    page.wait_for_function("() => document.querySelector('h1')?.innerText.trim() === 'Overview'")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Workspace" not in sidebar and "Audit log" not in sidebar


def test_viewer_sees_the_journey_canvas_read_only(page, team):
    url = team
    page.goto(f"{url}/journeys?lang=en")
    wait_for_app(page)
    page.get_by_role("textbox", name="User name").fill("vic")
    page.get_by_role("textbox", name="Password").fill("viewer-pass-1")
    page.get_by_role("button", name="Log in").click()
    card = page.locator('[data-testid="journey-card"]', has_text="Overcharged")
    card.wait_for()
    assert_no_exception(page)
    board = page.locator(".jc-board")
    expect(board).to_have_class(re.compile(r"\bjc-readonly\b"))
    assert page.locator(".jc-del").count() == 0  # no delete buttons on any card
    card.drag_to(page.locator('[data-testid="journey-cell-repair-pain_point"]'))
    page.wait_for_timeout(1500)  # a drag would have sent a move and rerun by now
    bill = page.locator('[data-testid="journey-cell-bill-pain_point"]')
    assert bill.locator('[data-testid="journey-card"]', has_text="Overcharged").count() == 1
    assert page.get_by_text("not allowed", exact=False).count() == 0
    assert_no_exception(page)
