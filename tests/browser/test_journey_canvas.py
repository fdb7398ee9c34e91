"""The journey page in a real browser: drag persists, graph clicks show evidence, text is inert."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from playwright.sync_api import expect

from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch
from cxdash.storage.journeys import add_card
from tests.browser.conftest import assert_no_exception, wait_for_app

CARD = '[data-testid="journey-card"]'
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def served(start_server, demo_template, tmp_path_factory):
    """The demo served with hostile customer text on a card and as a problem category."""
    db = tmp_path_factory.mktemp("journey") / "journey.duckdb"
    shutil.copy(demo_template, db)
    opened = open_store(db)
    add_card(opened, 1, {"stage_key": "use", "lane": "scenario", "text": XSS})
    hostile = pd.DataFrame(
        {
            "text": [XSS] * 12,
            "category": [XSS] * 12,
            "product": ["broadband"] * 12,
            "rating": [1.0] * 12,
            "customer_id": [f"X{i}" for i in range(12)],
        }
    )
    insert_batch(opened, hostile, {"file_name": "hostile.csv", "cycle_id": 1})
    opened.close()
    return start_server(db)


@pytest.fixture
def dialogs(page):
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    return fired


def _open_canvas(page, url):
    page.goto(f"{url}/journeys?lang=en")
    wait_for_app(page)
    page.locator(CARD, has_text="Overcharged").wait_for()


def test_customer_text_on_a_card_is_inert(page, served, dialogs):
    _open_canvas(page, served)
    card = page.locator(CARD, has_text="<img src=x")
    card.wait_for()
    assert XSS in card.inner_text()
    assert card.locator("img").count() == 0
    assert dialogs == []


def test_clicking_a_graph_node_shows_its_evidence(page, served, dialogs):
    _open_canvas(page, served)
    page.get_by_text("Relationship graph", exact=True).click()
    canvas = page.frame_locator('iframe[title="streamlit_agraph.agraph"]').locator("canvas")
    canvas.wait_for()
    box = canvas.bounding_box()
    # The busiest touchpoint sits at the centre of the graph.
    canvas.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    heading = page.locator("h3", has_text="Touchpoint: Network in use")
    heading.wait_for()
    page.locator('[data-testid="stMetric"]', has_text="Negative share").wait_for()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert_no_exception(page)
    assert dialogs == []


def test_dragged_card_stays_in_its_new_stage_after_reload(page, served, dialogs):
    _open_canvas(page, served)
    target = page.locator('[data-testid="journey-cell-repair-pain_point"]')
    page.locator(CARD, has_text="Overcharged").drag_to(target)
    target.locator(CARD, has_text="Overcharged").wait_for()
    page.reload()
    _open_canvas(page, served)
    moved = page.locator('[data-testid="journey-cell-repair-pain_point"]')
    assert moved.locator(CARD, has_text="Overcharged").count() == 1
    before = page.locator('[data-testid="journey-cell-bill-pain_point"]')
    assert before.locator(CARD, has_text="Overcharged").count() == 0
    assert_no_exception(page)
    assert dialogs == []


def _stage_order(page):
    heads = page.locator('[data-testid^="journey-stage-"]')
    return [h.get_attribute("data-testid").removeprefix("journey-stage-") for h in heads.all()]


def test_reordered_stages_stay_in_their_new_order_after_reload(page, served, dialogs):
    _open_canvas(page, served)
    assert _stage_order(page) == ["order", "install", "use", "bill", "repair"]
    repair = page.locator('[data-testid="journey-stage-repair"]')
    repair.drag_to(page.locator('[data-testid="journey-stage-install"]'))
    heads = page.locator('[data-testid^="journey-stage-"]')
    expect(heads.nth(1)).to_have_attribute("data-testid", "journey-stage-repair")
    page.reload()
    _open_canvas(page, served)
    assert _stage_order(page) == ["order", "repair", "install", "use", "bill"]
    # Cards travel with their stage: the repair column still holds its hotline card.
    cell = page.locator('[data-testid="journey-cell-repair-pain_point"]')
    assert cell.locator(CARD, has_text="Long hotline queue").count() == 1
    assert_no_exception(page)
    assert dialogs == []
