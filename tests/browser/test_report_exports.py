"""The report page in a real browser: both exports download, presentation mode hides the chrome."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

from playwright.sync_api import expect
from pptx import Presentation

from tests.browser.conftest import ROOT, assert_no_exception, wait_for_app

ARTIFACTS = ROOT / "test-artifacts"
DEFAULT_TITLE = "缩短西部地区宽带安装等待时间"


def _download(page, label: str, folder: Path) -> Path:
    button = page.get_by_role("button", name=label)
    button.wait_for(timeout=90_000)
    with page.expect_download(timeout=90_000) as info:
        button.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_pptx_and_pdf_download_from_the_report_page(page, demo_server, tmp_path):
    page.goto(f"{demo_server}/report?lang=zh")
    wait_for_app(page)
    assert_no_exception(page)
    pptx = _download(page, "下载 PPTX", tmp_path)
    assert pptx.suffix == ".pptx"
    deck = Presentation(BytesIO(pptx.read_bytes()))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles[:2] == [DEFAULT_TITLE, "客户说什么"]
    pdf = _download(page, "下载 PDF", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert DEFAULT_TITLE in text


def test_presentation_mode_shows_slides_without_the_sidebar(
    page, start_server, demo_template, tmp_path
):
    # A fresh server whose very first request is the presentation deep link.
    db = tmp_path / "present.duckdb"
    shutil.copy(demo_template, db)
    server = start_server(db)
    page.goto(f"{server}/report?lang=zh&present=1&solution=1")
    wait_for_app(page)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "修复计费系统升级引发的账单错误"
    # The style element and the slide arrive as separate deltas: wait for the browser to apply it.
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden(timeout=30_000)
    expect(page.locator('[data-testid="stHeader"]')).to_be_hidden(timeout=30_000)
    page.get_by_role("button", name="下一页").click(timeout=90_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stMain\"] h3')]"
        ".some(h => h.innerText.trim() === '客户说什么')",
        timeout=90_000,
    )
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-presentation.png"))
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert "260 条 / 共 1,812 条" in page.locator('[data-testid="stMain"]').inner_text()
