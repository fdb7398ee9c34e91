"""In a real browser: a new user imports a ticket file with Chinese headers and reads the funnel."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception
from tests.browser.test_quality_pages import SLOW, _open

TICKETS_CSV = (
    "工单号,受理时间,首次响应时间,解决时间,工单状态,地区,根因\n"
    "A1,2026-03-01 08:00,2026-03-01 09:00,2026-03-01 18:00,closed,west,光猫故障\n"
    "A2,2026-03-02 08:00,2026-03-02 10:00,2026-03-04 08:00,closed,east,\n"
    "A3,2026-03-03 08:00,,,open,west,\n"
    "A4,not a date,2026-03-04 09:00,,open,east,\n"
)


def test_ticket_import_then_funnel_and_root_cause_coverage(page, start_server, tmp_path):
    url = start_server(tmp_path / "empty.duckdb")
    _open(page, f"{url}/complaints?lang=en")
    page.get_by_role("tab", name="Import").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "工单.csv", "mimeType": "text/csv", "buffer": TICKETS_CSV.encode()}]
    )
    page.get_by_text("1 of 4 rows have problems").wait_for(timeout=SLOW)
    page.locator('[data-testid="stDataFrame"]').last.wait_for()
    page.get_by_text("Skip the rows with problems").click()
    page.get_by_role("button", name="Import 3 rows").click()
    page.get_by_text("3 tickets imported").wait_for(timeout=SLOW)
    _open(page, f"{url}/complaints?lang=en")
    assert_no_exception(page)
    page.wait_for_selector(".js-plotly-plot g.funnellayer", timeout=SLOW)
    coverage = page.locator('[data-testid="stMetric"]', has_text="Root-cause coverage")
    assert "33.3%" in coverage.inner_text()


CAUSES_CSV = (
    "工单号,受理时间,工单状态,根因,根因分类\n"
    "B1,2026-03-01 08:00,closed,光缆被挖断,宽带断网\n"
    "B2,2026-03-02 08:00,closed,未知,火星故障\n"
)


def test_ticket_import_binds_root_cause_categories_and_warns_about_unknown_ones(
    page, start_server, tmp_path
):
    from cxdash.storage import open_store
    from cxdash.storage.taxonomy import save_taxonomy
    from cxdash.taxonomy import builtin_taxonomy

    db = tmp_path / "taxonomy.duckdb"
    store = open_store(db)
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin")
    store.close()
    url = start_server(db)
    _open(page, f"{url}/complaints?lang=en")
    page.get_by_role("tab", name="Import").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "causes.csv", "mimeType": "text/csv", "buffer": CAUSES_CSV.encode()}]
    )
    page.get_by_text("These root-cause categories are not in the taxonomy").wait_for(timeout=SLOW)
    assert "火星故障" in page.locator('[data-testid="stAlert"]', has_text="火星故障").inner_text()
    page.get_by_role("button", name="Import 2 rows").click()
    page.get_by_text("2 tickets imported").wait_for(timeout=SLOW)
    assert_no_exception(page)
