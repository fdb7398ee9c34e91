"""Steps 3-4 as a new user tries them in the browser, on a private copy of the demo workspace.

Table method edit, the emotion curve beside the hand-entered one, the worst heatmap cell's
complaints and the TOP-10 export. (Dragging cards and stages: test_journey_canvas.py.)
"""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from playwright.sync_api import expect

from cxdash.demo.journeys import BROADBAND_STAGES
from cxdash.heatmap import build_heatmap, worst_cell
from cxdash.keypoints import top_key_points
from cxdash.storage import journey_data as data
from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.touchpoints import list_touchpoints
from tests.browser.conftest import assert_no_exception, wait_for_app

CARD = '[data-testid="journey-card"]'
# Counts finished script runs from the moment it is installed (stApp's script-state attribute).
WATCH_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runs = 0; window.__seen = false;
  if (window.__watch) window.__watch.disconnect();
  window.__watch = new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') window.__seen = true;
    else if (state === 'notRunning' && window.__seen) { window.__runs += 1; window.__seen = false; }
  });
  window.__watch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


@pytest.fixture(scope="module")
def walk(start_server, demo_template, tmp_path_factory):
    """The served demo copy, with what the data say about its worst cell and its TOP-10."""
    db = tmp_path_factory.mktemp("walkthrough") / "walk.duckdb"
    shutil.copy(demo_template, db)
    opened = open_store(db)
    try:
        cycle = current_cycle_id(opened)
        cells = data.heatmap_cells(data.rollup(opened, cycle))
        order = list(list_touchpoints(opened)["key"])
        worst = worst_cell(build_heatmap(cells, "volume", order))
        assert worst is not None
        items = data.cell_items(opened, cycle, "touchpoint", *worst)
        top = top_key_points(opened, cycle, 10)
    finally:
        opened.close()
    return {
        "url": start_server(db),
        "worst": list(worst),
        "shown": len(items),
        "first": items["text"].iloc[0],
        "top": top,
    }


def _after_run(page, action) -> None:
    """Do action (a click or key press) and wait until the script run it causes has finished."""
    page.evaluate(WATCH_RUNS)
    action()
    page.wait_for_function("() => window.__runs > 0", timeout=60_000)


def _journeys(page, url: str, view: str | None = None) -> None:
    """Open the demo broadband journey (label method first), then switch to view if given."""
    page.goto(f"{url}/journeys?lang=en")
    wait_for_app(page)
    page.locator(CARD).first.wait_for()
    if view:
        _after_run(page, lambda: page.get_by_text(view, exact=True).click())


def test_table_method_edit_of_an_expectation_persists(page, walk):
    _journeys(page, walk["url"], "Table method")
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    for _ in range(20):  # let late elements above the grid settle before clicking into it
        page.wait_for_timeout(250)
        now = grid.bounding_box()
        if now == box:
            break
        box = now
    # The first stage column, first element row (Scenarios); Expectations is a few rows down.
    page.mouse.click(box["x"] + 160, box["y"] + 35 + 17)
    editor = page.locator("#portal textarea")
    for _ in range(6):
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        editor.wait_for()
        if "Clear price" in editor.input_value():
            break
        page.keyboard.press("Escape")
        editor.wait_for(state="detached")
    assert "Clear price" in editor.input_value()
    editor.fill("Price shown before checkout")
    _after_run(page, lambda: page.keyboard.press("Enter"))
    _after_run(page, lambda: page.get_by_role("button", name="Save table").click())
    _journeys(page, walk["url"])
    cell = page.locator('[data-testid="journey-cell-order-expectation"]')
    expect(cell.locator(CARD)).to_have_count(1)
    expect(cell.locator(CARD)).to_contain_text("Price shown before checkout")
    assert_no_exception(page)


def test_computed_emotion_curve_is_drawn_beside_the_hand_entered_one(page, walk):
    _journeys(page, walk["url"], "Emotion curve")
    page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').wait_for()
    traces = page.evaluate(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot')"
        ".data.map(t => ({name: t.name, x: t.x, y: t.y}))"
    )
    names = [t["name"] for t in traces]
    assert names == ["Hand-entered emotion", "Emotion computed from feedback"]
    hand, computed = traces
    assert hand["x"] == [label for _, label, _ in BROADBAND_STAGES]
    assert hand["y"] == [emotion for _, _, emotion in BROADBAND_STAGES]
    assert computed["x"] == hand["x"]
    found = [v for v in computed["y"] if v is not None]
    assert len(found) >= 3
    assert all(-2 <= v <= 2 for v in found)
    assert found != hand["y"]
    assert_no_exception(page)


def test_worst_heatmap_cell_opens_its_complaints(page, walk):
    page.goto(f"{walk['url']}/heatmap?lang=en")
    wait_for_app(page)
    page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point').first.wait_for(
        state="attached", timeout=90_000
    )
    # The cell with the highest value on the drawn heatmap, and its clickable overlay marker.
    worst = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
        const heat = gd._fullData[0], marks = gd._fullData[1]; let best = null;
        Array.from(heat.z).forEach((row, r) => Array.from(row).forEach((v, c) => {
          if (Number.isFinite(v) && (best === null || v > best.v))
            best = {v, x: heat.x[c], y: heat.y[r]};
        }));
        const i = marks.x.findIndex((x, k) => x === best.x && marks.y[k] === best.y);
        return {index: i, key: marks.customdata[i], x: best.x, y: best.y}; }"""
    )
    assert worst["key"] == walk["worst"]
    expect(page.get_by_text(f"Highest cell: {worst['y']} × {worst['x']}")).to_be_visible()
    marker = page.locator(".scatterlayer .point").nth(worst["index"])
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("h3", has_text=f"{worst['y']} × {worst['x']}").wait_for()
    expect(page.get_by_text(f"Showing {walk['shown']} items", exact=False)).to_be_visible()
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid.get_by_text(walk["first"], exact=True)).to_have_count(1)
    assert_no_exception(page)


def test_top_10_key_points_export(page, walk, tmp_path):
    page.goto(f"{walk['url']}/key_points?lang=en")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    exported = pd.read_csv(io.StringIO(saved.read_bytes().decode("utf-8-sig")))
    assert list(exported["rank"]) == list(range(1, 11))
    pairs = list(zip(exported["touchpoint"], exported["category"], strict=True))
    top = walk["top"]
    assert pairs == list(zip(top["touchpoint"], top["category"], strict=True))
    for column in ("volume_share", "negative_share", "trend", "impact_mean", "probable_false"):
        assert exported[column].notna().any(), column
    assert_no_exception(page)
