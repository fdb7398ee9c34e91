"""In a real browser: the indicator tree and the funnel draw, and the repair list exports."""

from __future__ import annotations

import shutil

from tests.browser.conftest import assert_no_exception, wait_for_app

SLOW = 180_000  # the first run of a page imports scikit-learn; shared CI machines are slow


def _open(page, url: str) -> None:
    """Go to url and wait, with room for a loaded machine, until the script run has finished."""
    page.set_default_timeout(SLOW)
    page.goto(url)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " && document.querySelector('[data-testid=stMain] h1')",
        timeout=SLOW,
    )
    wait_for_app(page)


def _dismiss_dialog(page) -> None:
    """Close Streamlit's transient "page not found" notice when a deep link shows it."""
    dialog = page.locator('[role="dialog"]')
    if dialog.count():
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached")


def _plot_text(page) -> str:
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=SLOW)
    return page.locator(".js-plotly-plot").first.inner_text()


def test_indicator_tree_renders_with_status_colours(page, demo_server):
    _open(page, f"{demo_server}/indicators?lang=en")
    assert_no_exception(page)
    page.wait_for_selector(".js-plotly-plot g.treemaplayer", timeout=SLOW)
    text = _plot_text(page)
    assert "Installation CSAT" in text and "Installation wait" in text
    fills = page.locator(".js-plotly-plot g.treemaplayer path.surface").evaluate_all(
        "nodes => nodes.map(n => getComputedStyle(n).fill)"
    )
    assert "rgb(198, 40, 40)" in fills  # red: first response crossed its threshold


def test_complaint_funnel_renders_every_stage(page, demo_server):
    _open(page, f"{demo_server}/complaints?lang=en")
    assert_no_exception(page)
    page.wait_for_selector(".js-plotly-plot g.funnellayer", timeout=SLOW)
    text = _plot_text(page)
    for stage in ("Intake", "Responded", "Resolved", "Root cause traced", "Rectified"):
        assert stage in text


def test_repair_list_downloads_as_csv(page, start_server, demo_template, tmp_path):
    db = tmp_path / "risk.duckdb"
    shutil.copy(demo_template, db)
    url = start_server(db)
    _open(page, f"{url}/at_risk?lang=en")
    _dismiss_dialog(page)
    page.get_by_role("button", name="Train and evaluate").click()
    page.get_by_text("Kept model").wait_for(timeout=300_000)
    page.get_by_text("Trained in").wait_for(timeout=SLOW)
    wait_for_app(page)
    _dismiss_dialog(page)
    assert_no_exception(page)
    page.get_by_role("tab", name="Repair list").click()
    with page.expect_download(timeout=SLOW) as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "repair-list.csv"
    body = download.path().read_text(encoding="utf-8-sig")
    header = body.splitlines()[0]
    assert header.split(",")[:3] == ["customer_id", "score", "vetoed_by"]
    assert "complaints_30d >= 3" in body
    assert len(body.splitlines()) > 250
