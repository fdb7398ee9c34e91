"""In a real browser: the Overview's loop picture and tiles, and a verification chart."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception, wait_for_app


def test_overview_renders_the_loop_picture_and_kpi_tiles(page, demo_server):
    page.goto(f"{demo_server}/?lang=en")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot", timeout=120_000)
    assert_no_exception(page)
    loop_text = page.locator(".js-plotly-plot").first.inner_text()
    assert "Verify & retrospective" in loop_text and "Cycle 2" in loop_text
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=120_000)
    tiles = page.locator('[data-testid="stMetric"]')
    labels = " ".join(tiles.all_inner_texts())
    assert "Complaints per day" in labels and "CSAT" in labels


def test_overview_reads_in_chinese(page, demo_server):
    page.goto(f"{demo_server}/?lang=zh")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot", timeout=120_000)
    assert "验证与复盘" in page.locator(".js-plotly-plot").first.inner_text()
    assert "已验证的改善" in page.locator('[data-testid="stMain"]').inner_text()


def test_verification_chart_renders_with_the_change_date(page, demo_server):
    page.goto(f"{demo_server}/verify?lang=en")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot", timeout=120_000)
    assert_no_exception(page)
    chart = page.locator(".js-plotly-plot").first
    assert "Change date" in chart.inner_text()
    assert chart.locator("path.js-line").count() >= 2
    assert "Verified improvement" in page.locator('[data-testid="stMain"]').inner_text()
