"""In a real browser: a corrected label survives reclassification."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import assert_no_exception, wait_for_app


@pytest.fixture
def served(start_server, demo_template, tmp_path):
    db = tmp_path / "classify.duckdb"
    shutil.copy(demo_template, db)
    return start_server(db), db


def _open(page, url: str) -> None:
    """Open a page and wait for its first run, which is slow while the models load."""
    page.goto(url)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stMain\"] h1')",
        timeout=300_000,
    )
    wait_for_app(page)


def _wait_idle(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000
    )


def test_correct_a_label_then_reclassify_and_it_stays(page, served):
    url, _ = served
    _open(page, f"{url}/classify?lang=zh")
    first = page.locator("[class*='st-key-queue_']").first
    fid = int(first.get_attribute("class").split("st-key-queue_")[1].split()[0])
    first.get_by_role("button", name="确认").click()
    page.wait_for_selector("text=已记录人工标签", timeout=120_000)
    page.get_by_role("button", name="立即分类").click()
    page.wait_for_selector("text=已分类", timeout=600_000)
    assert_no_exception(page)
    page.get_by_label("查看某条反馈的标签（输入编号）").fill(str(fid))
    page.get_by_label("查看某条反馈的标签（输入编号）").press("Enter")
    _wait_idle(page)
    page.wait_for_selector(".st-key-lookup_table >> text=human", timeout=120_000)
