"""Hostile user text in a real browser: shown as text on every page that shows it, exported inert.

A feedback text and a solution (title, problem, action step) hold HTML that would run if rendered,
a script tag, Markdown links and an image, and spreadsheet formulas.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from cxdash.solutions import Action, Solution, solution_to_record
from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.feedback import insert_batch
from cxdash.storage.solutions import save_solution
from tests.browser.conftest import assert_no_exception, wait_for_app

IMAGE = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=2</script>"
LINK = "[click me](http://evil.example/)"
PIXEL = "![pixel](http://evil.example/pixel.png)"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]
TITLE = f"Fix {IMAGE} {LINK} **now**"
STEP = f"{SCRIPT} {PIXEL}"
MARK = "zzinject"


def _plain(shown: str) -> str:
    """Return shown text without the invisible word joiners that keep URLs from linking."""
    return shown.replace("\u2060", "")


@pytest.fixture(scope="module")
def hostile(start_server, demo_template, tmp_path_factory) -> tuple[str, int]:
    """The demo workspace plus hostile feedback and a hostile solution; its URL and solution id."""
    db = tmp_path_factory.mktemp("inject") / "inject.duckdb"
    shutil.copy(demo_template, db)
    texts = [f"{MARK} {IMAGE}", f"{MARK} {SCRIPT}", f"{MARK} {LINK} {PIXEL}", *FORMULAS]
    items = pd.DataFrame(
        {
            "received_at": pd.date_range("2026-03-01 09:00", periods=len(texts), freq="h"),
            "channel": "hotline",
            "segment": "consumer",
            "text": texts,
        }
    )
    store = open_store(db)
    insert_batch(store, items, {"file_name": "inject.csv", "rows_imported": len(texts)})
    solution = Solution(
        TITLE,
        current_cycle_id(store),
        problems=(LINK, FORMULAS[0]),
        actions=(Action(STEP, "IT", "ops", date(2020, 1, 1), "open"),),
        risks=SCRIPT,
        owner=FORMULAS[1],
    )
    solution_id = save_solution(store, solution_to_record(solution))
    store.close()
    return start_server(db), solution_id


@pytest.fixture(autouse=True)
def watched(page):
    """Collect dialogs; every test ends checking that no payload ran and no link was made."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_default_timeout(120_000)
    yield page
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("img[src=x]").count() == 0
    assert main.locator("a[href^='http://evil']").count() == 0
    assert main.locator("img[src^='http://evil']").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []


def test_solution_page_shows_hostile_text_as_text(page, hostile):
    url, solution_id = hostile
    page.goto(f"{url}/solutions?lang=en")
    wait_for_app(page)
    page.get_by_role("combobox", name="Open solution").click()
    page.get_by_role("option", name=f"#{solution_id} {TITLE}", exact=True).click()
    title = page.locator(f".st-key-solution_title_{solution_id} input")
    expect(title).to_have_value(TITLE)
    assert_no_exception(page)
    overdue = page.get_by_test_id("stAlert").filter(has_text="Action overdue").first.inner_text()
    assert STEP in _plain(overdue)
    risks = page.locator(f".st-key-solution_risks_{solution_id} textarea")
    expect(risks).to_have_value(SCRIPT)


def test_report_shows_hostile_title_as_text(page, hostile, tmp_path: Path):
    url, solution_id = hostile
    page.goto(f"{url}/report?lang=en")
    wait_for_app(page)
    picked = page.locator(".st-key-report_solution input")
    expect(picked).to_have_value(f"#{solution_id} {TITLE}")
    heading = page.locator('[data-testid="stMain"] h2').first
    assert _plain(heading.inner_text()) == TITLE
    assert_no_exception(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    saved = tmp_path / "report.md"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "\\<img src=x onerror=window.\\_\\_pwned=1\\>" in text
    assert "\\[click me\\](http://evil.example/)" in text
    assert IMAGE not in text


def test_explorer_shows_markdown_as_text_and_exports_formulas_inert(page, hostile, tmp_path):
    url, _ = hostile
    page.goto(f"{url}/feedback?lang=en&q={MARK}")
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stDataFrame"]')
    assert_no_exception(page)
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid.get_by_text(f"{MARK} {LINK} {PIXEL}", exact=True)).to_have_count(1)
    page.goto(f"{url}/feedback?lang=en")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Excel").click()
    saved = tmp_path / "feedback.xlsx"
    info.value.save_as(saved)
    sheet = load_workbook(saved, read_only=True).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    column = header.index("text")
    cells = [r[column] for r in sheet.iter_rows(min_row=2, values_only=True)]
    for formula in FORMULAS:
        assert "'" + formula in cells and formula not in cells
    assert not any(str(c).startswith(("=", "+", "@", "-")) for c in cells if c)
