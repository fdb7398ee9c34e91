"""In a browser: a mapped cluster labels its items; a corrected label survives reclassifying."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pandas as pd
import pytest
from playwright.sync_api import expect

from cxdash.storage import open_store
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.taxonomy import display_names
from tests.browser.conftest import assert_no_exception, pick_option, wait_for_app, wait_idle


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
    wait_idle(page)
    page.wait_for_selector(".st-key-lookup_table >> text=human", timeout=120_000)


def _names(db) -> dict[str, str]:
    """Return the workspace's category display names in Chinese (read before the server opens)."""
    store = open_store(db)
    try:
        return display_names(load_taxonomy(store), "zh")
    finally:
        store.close()


@pytest.fixture
def served_with_names(start_server, demo_template, tmp_path):
    db = tmp_path / "discover.duckdb"
    shutil.copy(demo_template, db)
    names = _names(db)
    return start_server(db), names


def test_name_and_map_a_cluster_then_see_its_labels_in_the_explorer(
    page, served_with_names, tmp_path
):
    url, names = served_with_names
    shown = names["billing_error"]
    _open(page, f"{url}/discover?lang=zh")
    page.get_by_label("簇数 k（0 = 自动建议）").fill("4")
    page.get_by_label("最多条数").fill("400")
    page.get_by_label("最多条数").press("Enter")
    page.get_by_role("button", name="开始聚类").click()
    page.wait_for_selector(".st-key-card_0", timeout=600_000)
    wait_idle(page)
    card = page.locator(".st-key-card_0")
    # Entering the name reruns the page; open the picker only once that run has settled, or
    # the rerun closes its list under the click.
    card.get_by_label("簇名称").fill("浏览器里命名的簇")
    card.get_by_label("簇名称").press("Enter")
    wait_idle(page)
    pick_option(page, card.locator("[data-testid='stSelectbox']"), "计费错误", shown)
    wait_idle(page)
    expect(card.get_by_label("簇名称")).to_have_value("浏览器里命名的簇")
    card.get_by_role("button", name="保存并打标签").click()
    page.wait_for_selector(f"text=标为「{shown}」", timeout=120_000)
    assert_no_exception(page)
    _open(page, f"{url}/discover?lang=zh")
    expect(
        page.locator(".st-key-card_0").get_by_text("浏览器里命名的簇", exact=True)
    ).to_be_visible()

    # The explorer's export carries the members' labels; one member's text finds it in the table.
    _open(page, f"{url}/feedback?lang=zh")
    with page.expect_download(timeout=300_000) as info:
        page.get_by_role("button", name="下载 CSV").click()
    saved = tmp_path / "export.csv"
    info.value.save_as(saved)
    rows = pd.read_csv(saved, encoding="utf-8-sig")
    mapped = rows[(rows["category_origin"] == "cluster") & (rows["category"] == "billing_error")]
    assert len(mapped) > 0
    needle = str(mapped["text"].iloc[0])[:15]
    page.set_viewport_size({"width": 3600, "height": 1000})  # every label column on screen
    _open(page, f"{url}/feedback?lang=zh&q={quote(needle)}")
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid.get_by_text(shown, exact=True).first).to_be_attached()
    expect(grid.get_by_text("簇映射", exact=True).first).to_be_attached()
    assert_no_exception(page)
