"""Subject lines in AppTest: offered at import, stored, and shown above or beside the body."""

from __future__ import annotations

import pandas as pd

from cxdash.classify import run_classification
from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch
from cxdash.storage.taxonomy import save_taxonomy
from cxdash.taxonomy import builtin_taxonomy

CSV = (
    "留言编号,留言用户,留言主题,留言时间,留言详情,点赞数\n"
    "1,A001,A市宽带断网三天,2024/1/5,上周就反映过了，到现在还没有人来处理。,3\n"
    "2,A002,**账单**多扣,2024/1/6,账单多扣了二十元,0\n"
).encode()


def _uploaded(run_page, lang: str):
    at = run_page("pages/import.py", lang=lang)
    at.session_state["import_upload"] = {"name": "messages.csv", "data": CSV}
    at.run()
    assert not at.exception, at.exception
    return at


def test_import_offers_the_subject_and_stores_it(db_path, run_page):
    at = _uploaded(run_page, "en")
    picked = {s.label: s.value for s in at.selectbox}
    assert picked["Subject (title)"] == "留言主题"
    assert picked["Feedback text"] == "留言详情"
    kept = next(c.value for c in at.caption if "kept as extra" in c.value)
    assert "点赞数" in kept and "留言主题" not in kept
    at.button(key="import_validate").click().run()
    at.button(key="import_commit").click().run()
    assert not at.exception, at.exception
    store = open_store(db_path)
    try:
        rows = store.rows("SELECT subject, text FROM feedback ORDER BY id")
    finally:
        store.close()
    assert rows == [
        ("A市宽带断网三天", "上周就反映过了，到现在还没有人来处理。"),
        ("**账单**多扣", "账单多扣了二十元"),
    ]


def test_the_mapping_form_names_the_subject_in_chinese(db_path, run_page):
    at = _uploaded(run_page, "zh")
    picked = {s.label: s.value for s in at.selectbox}
    assert picked["主题（标题）"] == "留言主题"


def test_the_manual_form_takes_a_subject(db_path, run_page):
    at = run_page("pages/import.py", lang="en")
    at.text_input(key="manual_subject").input("网速慢")
    at.text_area(key="manual_text").input("晚上网速很慢")
    at.button(key="manual_submit").click().run()
    assert not at.exception, at.exception
    store = open_store(db_path)
    try:
        assert store.rows("SELECT subject, text FROM feedback") == [("网速慢", "晚上网速很慢")]
    finally:
        store.close()


def _seed(db_path) -> None:
    store = open_store(db_path)
    try:
        save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
        items = pd.DataFrame(
            {
                "text": ["上周就反映过了，到现在还没有人来处理。", "账单多扣了二十元"],
                "subject": ["宽带断网三天 **急**", None],
                "received_at": pd.to_datetime(["2026-03-01", "2026-03-02"]),
                "channel": ["web", "web"],
            }
        )
        insert_batch(store, items, {"file_name": "m.csv"})
        run_classification(store)
    finally:
        store.close()


def test_the_explorer_shows_a_subject_column_next_to_the_text(db_path, run_page):
    _seed(db_path)
    at = run_page("pages/feedback.py", lang="en")
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table.columns).index("subject") == list(table.columns).index("text") - 1
    assert sorted(table["subject"].dropna()) == ["宽带断网三天 **急**"]


def test_the_explorer_leaves_out_an_empty_subject_column(demo_db, run_page):
    at = run_page("pages/feedback.py", lang="en")
    assert not at.exception, at.exception
    assert "subject" not in at.dataframe[0].value.columns


def test_the_review_queue_shows_the_subject_in_bold_and_inert(db_path, run_page):
    _seed(db_path)
    at = run_page("pages/classify.py", lang="en")
    assert not at.exception, at.exception
    bold = [m.value for m in at.markdown if m.value.startswith("**宽带断网三天")]
    assert bold == [r"**宽带断网三天 \*\*急\*\***"]
    assert "上周就反映过了，到现在还没有人来处理。" in [x.value for x in at.text]
