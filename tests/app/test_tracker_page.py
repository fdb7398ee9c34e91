"""The solution tracker in AppTest: board by status, filters, overdue items, moves and roles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cxdash.access import Actor, Role
from cxdash.auth import hash_password
from cxdash.solutions import solution_from_record, solution_to_record
from cxdash.storage import open_store
from cxdash.storage.solutions import load_solution, save_solution
from cxdash.storage.users import save_user

DEMO_END = date(2026, 10, 31)


def _status(db_path, solution_id: int) -> str:
    opened = open_store(db_path)
    try:
        return solution_from_record(load_solution(opened, solution_id)).status
    finally:
        opened.close()


def _all_cycles(at):
    at.selectbox(key="tracker_cycle").set_value(0).run()
    at.date_input(key="tracker_as_of").set_value(DEMO_END).run()
    return at


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _texts(at) -> list[str]:
    """Return the card titles (the other text lines name the owner)."""
    return [x.value for x in at.text if not x.value.startswith(("Owner:", "负责人："))]


def test_empty_workspace_says_where_solutions_come_from(db_path, run_page):
    for lang, words in (("en", "Solutions page"), ("zh", "「方案」页")):
        at = run_page("pages/tracker.py", lang=lang)
        assert not at.exception, at.exception
        assert words in at.info[0].value


def test_demo_board_shows_the_open_cycle_then_every_cycle(demo_db, run_page):
    at = run_page("pages/tracker.py", lang="en")
    assert not at.exception, at.exception
    assert at.title[0].value == "Solution tracker"
    assert _texts(at) == ["缩短西部地区宽带安装等待时间"]  # cycle 2: the carried-over problem
    assert any(m.value == "**Draft** · 1" for m in at.markdown)
    _all_cycles(at)
    assert _texts(at) == ["缩短西部地区宽带安装等待时间", "修复计费系统升级引发的账单错误"]
    assert any(m.value == "**Done** · 1" for m in at.markdown)
    captions = [c.value for c in at.caption]
    assert "Latest verdict: Verified improvement" in captions
    assert "Owner: 体验管理部" in [x.value for x in at.text] and "Due: 2026-09-30" in captions
    assert "Actions 3/3" in [p.proto.text for p in at.get("progress")]
    assert any(e.value == "1 overdue" for e in at.error)  # the acceptance checklist item
    late = _frame(at, "Days late")
    assert late.iloc[:, 0].tolist() == ["上线计费变更的业务验收清单"]
    assert late["Days late"].tolist() == [(DEMO_END - date(2026, 6, 30)).days]


def test_department_and_owner_filters_and_the_table_view(demo_db, run_page):
    at = _all_cycles(run_page("pages/tracker.py", lang="en"))
    at.selectbox(key="tracker_department").set_value("网络运维").run()
    assert _texts(at) == ["缩短西部地区宽带安装等待时间"]
    at.selectbox(key="tracker_department").set_value("").run()
    at.selectbox(key="tracker_owner").set_value("李娜").run()  # a meeting action owner
    assert _texts(at) == ["修复计费系统升级引发的账单错误"]
    at.segmented_control(key="tracker_view").set_value("table").run()
    table = _frame(at, "Latest verdict")
    assert table["Status"].tolist() == ["Done"] and table["Progress"].tolist() == [100]
    assert table["Latest verdict"].tolist() == ["Verified improvement"]


def test_chinese_board_reads_in_chinese(demo_db, run_page):
    at = _all_cycles(run_page("pages/tracker.py", lang="zh"))
    assert not at.exception, at.exception
    assert at.title[0].value == "方案跟踪看板"
    assert "最近结论：已验证改善" in [c.value for c in at.caption]
    assert "截至 2026-10-31 有 1 项逾期" in [w.value for w in at.warning]


def test_an_editor_moves_a_solution_and_an_incomplete_one_is_refused(demo_db, run_page):
    at = run_page("pages/tracker.py", lang="en")
    at.button(key="tracker_move_2_reviewed").click().run()
    assert not at.exception and not at.error
    assert _status(demo_db, 2) == "reviewed"
    assert any(m.value == "**Reviewed** · 1" for m in at.markdown)
    at.button(key="tracker_move_2_approved").click().run()
    assert any("cannot be approved" in e.value for e in at.error)
    assert _status(demo_db, 2) == "reviewed"


def test_a_viewer_sees_the_board_read_only(demo_db, run_page):
    opened = open_store(demo_db)
    save_user(opened, "ada", Role.ADMIN, hash_password("admin-pass-1"))
    save_user(opened, "vic", Role.VIEWER, hash_password("viewer-pass-1"))
    opened.close()
    at = run_page("pages/tracker.py", lang="en", session={"actor": Actor("vic", Role.VIEWER)})
    assert not at.exception, at.exception
    assert "Read-only: viewers cannot move solutions." in [c.value for c in at.caption]
    assert not [b for b in at.button if b.key and b.key.startswith("tracker_move_")]
    assert _texts(at) == ["缩短西部地区宽带安装等待时间"]


def test_a_move_on_a_solution_changed_meanwhile_is_refused(demo_db, run_page):
    at = run_page("pages/tracker.py", lang="en")
    opened = open_store(demo_db)
    try:  # someone else edits the draft after the board was drawn
        draft = solution_from_record(load_solution(opened, 2))
        save_solution(opened, solution_to_record(replace(draft, owner="Ops")))
    finally:
        opened.close()
    at.button(key="tracker_move_2_reviewed").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Solution #2 was changed by someone else (now version 2) and was not moved. "
        "The board now shows its current state; move it again if still needed."
    ]
    assert _status(demo_db, 2) == "draft"
    at.button(key="tracker_move_2_reviewed").click().run()  # the board now shows the new version
    assert not at.error and _status(demo_db, 2) == "reviewed"


def test_closing_cycle_two_offers_its_unfinished_draft_to_carry_on(demo_db, run_page):
    at = run_page("pages/cycles.py", lang="en")
    offered = at.multiselect(key="cycles_unresolved_2")
    assert "缩短西部地区宽带安装等待时间" in offered.options
    assert "缩短西部地区宽带安装等待时间" in offered.value
