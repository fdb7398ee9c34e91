"""The KANO Better versus |Worse| quadrant chart renders as a plotly chart in the browser."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception


def _settled(page, timeout: float = 240_000) -> None:
    """Wait, patiently on a loaded machine, until the script run has finished."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
        && document.querySelector('[data-testid="stMain"] h1')""",
        timeout=timeout,
    )


def test_kano_quadrant_chart_renders(page, demo_server):
    page.set_default_timeout(180_000)
    page.goto(f"{demo_server}/kano?lang=en")
    _settled(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible")
    assert chart.locator(".scatterlayer .point").count() == 6
    assert "Better" in chart.inner_text()
    assert_no_exception(page)
