"""The import page in AppTest: the steps after an upload, manual entry, history and undo.

AppTest cannot drive a file uploader, so the tests put the uploaded bytes where the uploader
leaves them (session state `import_upload`); the browser test covers the real upload.
"""

from __future__ import annotations

from cxdash.storage import open_store

PAGE = "pages/import.py"
CSV = (
    "投诉内容,时间,渠道,评分,点赞数\n"
    "宽带太慢了,2024/1/5,热线,五星,3\n"
    "账单多扣了钱,2024-01-05 13:00,App,2,0\n"
    ",2024年1月5日,App,3,1\n"
    "<script>alert(1)</script> **粗体**,2024-01-07,App,4,0\n"
).encode("gbk")


def _counts(db) -> tuple[int, int]:
    store = open_store(db)
    try:
        return (
            int(store.scalar("SELECT count(*) FROM feedback")),
            int(store.scalar("SELECT count(*) FROM import_batches")),
        )
    finally:
        store.close()


def _frame_with(at, column: str):
    """Return the first shown table that has the column, or None."""
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def _uploaded(run_page, data: bytes = CSV, name: str = "hotline.csv", lang: str = "en"):
    at = run_page(PAGE, lang=lang)
    at.session_state["import_upload"] = {"name": name, "data": data}
    at.run()
    assert not at.exception, at.exception
    return at


def test_empty_state_says_what_to_do(db_path, run_page):
    at = run_page(PAGE, lang="en")
    assert not at.exception
    assert any("Upload an export" in i.value for i in at.info)
    assert any("Nothing has been imported yet" in i.value for i in at.info)


def test_upload_is_previewed_with_suggested_mapping(db_path, run_page):
    at = _uploaded(run_page)
    assert any("encoding gb18030" in c.value for c in at.caption)
    picked = {s.label: s.value for s in at.selectbox}
    assert picked["Feedback text"] == "投诉内容"
    assert picked["Received at"] == "时间"
    assert picked["Rating"] == "评分"
    assert at.dataframe[0].value.shape == (4, 5)


def test_problems_block_the_import_until_bad_rows_are_skipped(db_path, run_page):
    at = _uploaded(run_page)
    at.button(key="import_validate").click().run()
    problems = _frame_with(at, "Problem")
    assert problems.iloc[0].tolist() == [4, "Feedback text", "The feedback text is empty"]
    assert at.button(key="import_commit").disabled
    assert _counts(db_path) == (0, 0)
    at.checkbox(key="import_skip_bad").check().run()
    at.button(key="import_commit").click().run()
    assert not at.exception, at.exception
    assert any("Imported 3 rows (1 skipped) as batch #1" in s.value for s in at.success)
    assert _counts(db_path) == (3, 1)
    assert "import_upload" not in at.session_state


def test_user_text_with_script_and_markdown_is_shown_inert(db_path, run_page):
    at = _uploaded(run_page)
    rendered = [m.value for m in at.markdown]
    assert not any("<script>" in m or "粗体" in m for m in rendered)
    assert "<script>alert(1)</script> **粗体**" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_a_changed_mapping_needs_a_new_check(db_path, run_page):
    at = _uploaded(run_page)
    at.button(key="import_validate").click().run()
    assert _frame_with(at, "Problem") is not None
    at.selectbox(key="import_map_text_").select("渠道").run()
    assert _frame_with(at, "Problem") is None


def test_a_template_is_saved_and_offered_again(db_path, run_page):
    at = _uploaded(run_page)
    at.text_input(key="import_template_name").input("热线系统").run()
    at.button(key="import_template_save").click().run()
    at = _uploaded(run_page)
    assert at.selectbox(key="import_template").value == "热线系统"
    other = _uploaded(run_page, data=b"comment,date\nslow,2024-01-05\n", name="other.csv")
    assert other.selectbox(key="import_template").value == ""


def test_manual_item_is_added_and_validated(db_path, run_page):
    at = run_page(PAGE, lang="en")
    at.button(key="manual_submit").click().run()
    assert _frame_with(at, "Problem").iloc[0, 2] == "The feedback text is empty"
    assert _counts(db_path) == (0, 0)
    at.text_area(key="manual_text").input("会上客户说装机太慢")
    at.text_input(key="manual_channel").input("meeting")
    at.button(key="manual_submit").click().run()
    assert not at.exception, at.exception
    assert any("Added as batch #1" in s.value for s in at.success)
    assert _counts(db_path) == (1, 1)


def test_history_shows_batches_and_undo_deletes_the_rows(demo_db, run_page):
    at = run_page(PAGE, lang="zh")
    history = _frame_with(at, "rows_imported")
    assert history["rows_imported"].tolist() == [20000]
    assert at.button(key="import_undo").disabled
    at.checkbox(key="import_undo_sure").check().run()
    at.button(key="import_undo").click().run()
    assert not at.exception, at.exception
    assert any("已撤销批次 #1" in s.value for s in at.success)
    assert _counts(demo_db) == (0, 1)
    assert _frame_with(at, "rows_imported")["undone_at"].notna().all()
