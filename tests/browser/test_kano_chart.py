"""The KANO Better versus |Worse| quadrant chart renders as a plotly chart in the browser."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception, wait_for_app


def test_kano_quadrant_chart_renders(page, demo_server):
    page.set_default_timeout(90_000)
    page.goto(f"{demo_server}/kano?lang=en")
    wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible")
    assert chart.locator(".scatterlayer .point").count() == 6
    assert "Better" in chart.inner_text()
    assert_no_exception(page)
