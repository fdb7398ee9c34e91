"""The pain-point heatmap in a real browser: clicking a cell lists that cell's items."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception, wait_for_app


def test_clicking_a_heatmap_cell_drills_into_its_items(page, demo_server):
    page.goto(f"{demo_server}/heatmap?lang=en")
    wait_for_app(page)
    marker = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point').first
    marker.wait_for(state="attached", timeout=90_000)
    cell = page.evaluate(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " const trace = gd.data[1]; return trace.customdata[0]; }"
    )
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    heading = page.locator("h3", has_text=cell[1])
    heading.wait_for()
    table = page.locator('[data-testid="stDataFrame"]')
    table.first.wait_for()
    assert page.get_by_text("Showing", exact=False).count() >= 1
    assert_no_exception(page)
