"""The journey canvas in a real browser: drag persists, customer text stays inert."""

from __future__ import annotations

import shutil

import pytest

from cxdash.storage import open_store
from cxdash.storage.journeys import add_card
from tests.browser.conftest import assert_no_exception, wait_for_app

CARD = '[data-testid="journey-card"]'
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def served(start_server, demo_template, tmp_path):
    db = tmp_path / "journey.duckdb"
    shutil.copy(demo_template, db)
    opened = open_store(db)
    add_card(opened, 1, {"stage_key": "use", "lane": "scenario", "text": XSS})
    opened.close()
    return start_server(db)


def _open_canvas(page, url):
    page.goto(f"{url}/journeys?lang=en")
    wait_for_app(page)
    page.locator(CARD, has_text="Overcharged").wait_for()


def test_dragged_card_stays_in_its_new_stage_after_reload(page, served):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open_canvas(page, served)
    target = page.locator('[data-testid="journey-cell-repair-pain_point"]')
    page.locator(CARD, has_text="Overcharged").drag_to(target)
    target.locator(CARD, has_text="Overcharged").wait_for()
    page.wait_for_timeout(1500)
    page.reload()
    _open_canvas(page, served)
    moved = page.locator('[data-testid="journey-cell-repair-pain_point"]')
    assert moved.locator(CARD, has_text="Overcharged").count() == 1
    before = page.locator('[data-testid="journey-cell-bill-pain_point"]')
    assert before.locator(CARD, has_text="Overcharged").count() == 0
    assert_no_exception(page)
    assert dialogs == []


def test_customer_text_on_a_card_is_inert(page, served):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open_canvas(page, served)
    card = page.locator(CARD, has_text="<img src=x")
    card.wait_for()
    assert XSS in card.inner_text()
    assert card.locator("img").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []
