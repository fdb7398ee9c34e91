"""A GBK CSV uploaded through the real file input, mapped, checked, imported and then counted."""

from __future__ import annotations

from tests.browser.conftest import assert_no_exception, wait_for_app

CSV = (
    "投诉内容,时间,渠道,评分\n"
    "宽带太慢了，晚上根本打不开网页,2024/1/5,热线,二星\n"
    "账单多扣了20元,2024-01-05 13:00,App,1\n"
    "装机师傅很专业,2024年1月6日,营业厅,5\n"
)


def test_gbk_upload_is_mapped_imported_and_counted(page, start_server, tmp_path):
    url = start_server(tmp_path / "upload.duckdb")
    export = tmp_path / "热线导出.csv"
    export.write_bytes(CSV.encode("gbk"))
    page.goto(f"{url}/import?lang=zh")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    page.get_by_text("编码 gb18030").wait_for()
    assert_no_exception(page)
    page.get_by_role("button", name="检查数据").click()
    page.get_by_text("没有发现问题，可以导入。").wait_for()
    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_text("已导入 3 行（跳过 0 行），批次 #1：热线导出.csv").wait_for()
    assert_no_exception(page)
    page.goto(f"{url}/overview?lang=zh")
    wait_for_app(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="反馈条数")
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == "3"
