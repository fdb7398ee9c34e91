"""The explorer in a browser: plotly charts, a channel filter, CSV download, inert user text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch
from tests.browser.conftest import assert_no_exception, wait_for_app

FORMULA = '=HYPERLINK("http://evil.example","点我")'
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile_server(start_server, tmp_path_factory) -> str:
    """The app on a workspace whose feedback holds a formula and HTML that would run if rendered."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    texts = [FORMULA, SCRIPT, IMAGE, "+1 加一", "@所有人 网速慢", "普通的反馈"]
    items = pd.DataFrame(
        {
            "received_at": pd.date_range("2026-03-01 09:00", periods=len(texts), freq="D"),
            "channel": ["hotline", "store", "app_feedback", "hotline", "store", "hotline"],
            "segment": ["consumer"] * len(texts),
            "text": texts,
        }
    )
    store = open_store(db)
    insert_batch(store, items, {"file_name": "hostile.csv", "rows_imported": len(texts)})
    store.close()
    return start_server(db)


@pytest.fixture(autouse=True)
def patient_page(page):
    """Allow slow renders on a busy machine: these are waits, never timed assertions."""
    page.set_default_timeout(120_000)
    return page


def _open(page, base: str, query: str = "") -> None:
    """Open the explorer at its URL (with optional filter parameters) and wait for its table."""
    page.goto(f"{base}/feedback?lang=en{query}")
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stAlert"]')


def _matching_text(page) -> str:
    return page.locator('[data-testid="stMarkdown"]', has_text="Matching").first.inner_text()


def test_explorer_renders_plotly_charts(page, demo_server):
    _open(page, demo_server)
    page.wait_for_selector(".js-plotly-plot")
    assert_no_exception(page)
    assert page.locator(".js-plotly-plot").count() >= 3
    assert "Matching: 20,000 items" in _matching_text(page)
    assert page.locator(".js-plotly-plot").first.locator(".legendtext", has_text="Hotline").count()


def test_channel_filter_from_the_sidebar_and_the_url(page, demo_server):
    _open(page, demo_server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    option = page.get_by_role("option", name="Store", exact=True)
    for _ in range(3):  # a rerun that lands while the list opens closes it again: reopen
        sidebar.locator('[data-testid="stMultiSelect"]', has_text="Channel").click()
        try:
            option.wait_for(timeout=20_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMarkdown]')]"
        ".some(e => e.innerText.startsWith('Matching:') && !e.innerText.includes('20,000 items'))"
    )
    assert_no_exception(page)
    narrowed = _matching_text(page)
    # Streamlit writes the shown label into the URL; the link also carries the language.
    assert "channel=Store" in page.url
    _open(page, demo_server, "&channel=Store")
    page.wait_for_selector(".js-plotly-plot")
    assert _matching_text(page) == narrowed


def test_csv_download_has_bom_and_neutralised_formulas(page, hostile_server, tmp_path: Path):
    _open(page, hostile_server)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in text
    assert '"' + FORMULA.replace('"', '""') not in text
    assert "'+1 加一" in text and "'@所有人 网速慢" in text
    assert saved.name.endswith(".csv")


def test_html_in_feedback_is_shown_as_inert_text(page, hostile_server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open(page, hostile_server, "&q=alert")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    assert_no_exception(page)
    assert "Matching: 2 items" in _matching_text(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("img[src=x]").count() == 0
    assert main.locator("script", has_text="alert").count() == 0
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid.get_by_text(SCRIPT, exact=True)).to_have_count(1)
    expect(grid.get_by_text(IMAGE, exact=True)).to_have_count(1)
    # Choosing a row shows its full text below the table, still as plain text.
    grid.scroll_into_view_if_needed()
    box = grid.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    detail = page.locator(".st-key-item_detail [data-testid='stText']")
    detail.wait_for()
    assert detail.inner_text() in {SCRIPT, IMAGE}
    assert main.locator("img[src=x]").count() == 0
    assert dialogs == []
