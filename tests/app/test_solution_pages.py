"""The solutions, report and meetings pages in AppTest: forms, refusals, presentation, overdue."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from cxdash.solutions import solution_from_record
from cxdash.storage import open_store
from cxdash.storage.solutions import load_solution
from tests.conftest import APP


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _status(db_path, solution_id):
    opened = open_store(db_path)
    try:
        return solution_from_record(load_solution(opened, solution_id))
    finally:
        opened.close()


def _move(at, solution_id, target):
    at.selectbox(key=f"solution_move_{solution_id}").set_value(target).run()
    at.button(key=f"solution_apply_{solution_id}").click().run()
    return at


def test_a_new_solution_cannot_be_approved_until_complete(db_path, run_page):
    at = run_page("pages/solutions.py", lang="en")
    at.text_input(key="solution_title_new").input("Speed up installs")
    at.text_area(key="solution_problems_new").input("Installs wait too long")
    _button(at, "Save").click().run()
    assert not at.exception
    assert at.selectbox(key="solution_pick").value == 1
    _move(at, 1, "reviewed")
    assert _status(db_path, 1).status == "reviewed"
    _move(at, 1, "approved")
    assert any("cannot be approved" in e.value for e in at.error)
    refusal = at.warning[-1].value
    for missing in ("Data support", "A verification metric", "Risks", "A contingency plan"):
        assert missing in refusal
    assert _status(db_path, 1).status == "reviewed"


def test_saving_without_a_problem_is_refused(db_path, run_page):
    at = run_page("pages/solutions.py", lang="zh")
    at.text_input(key="solution_title_new").input("无问题的方案")
    _button(at, "保存").click().run()
    assert [e.value for e in at.error] == ["请至少写一条它要解决的问题或关键点。"]


def test_the_demo_draft_is_refused_then_approved_once_completed(demo_db, run_page):
    at = run_page("pages/solutions.py", lang="en")
    at.selectbox(key="solution_pick").set_value(2).run()
    _move(at, 2, "reviewed")
    _move(at, 2, "approved")
    refusal = at.warning[-1].value
    assert "Risks" in refusal and "Data support" not in refusal
    at.text_input(key="solution_metric_2").input("West install complaints (%)")
    at.number_input(key="solution_baseline_2").set_value(7.5)
    at.number_input(key="solution_target_2").set_value(3.0)
    at.text_area(key="solution_risks_2").input("Contractors may not be available")
    at.text_area(key="solution_contingency_2").input("Borrow crews from the east")
    _button(at, "Save").click().run()
    assert not at.exception and not at.error
    _move(at, 2, "approved")
    saved = _status(demo_db, 2)
    assert saved.status == "approved"
    assert saved.verification.baseline == 7.5 and saved.risks.startswith("Contractors")


def test_report_preview_follows_the_methods_order(demo_db, run_page):
    at = run_page("pages/report.py", lang="en")
    at.selectbox(key="report_solution").set_value(1).run()
    headings = [h.value for h in at.subheader]
    assert headings == [
        "What customers say",
        "The problem",
        "The cause",
        "What we propose",
        "How we execute and verify",
        "The support we need",
    ]
    assert any("260 of 1,812 items (14.3%)" in x.value for x in at.text)


def test_presentation_mode_steps_through_the_slides(demo_db, run_page):
    at = run_page("pages/report.py", lang="zh")
    at.query_params["present"] = "1"
    at.query_params["solution"] = "1"
    at.run()
    assert at.title[0].value == "修复计费系统升级引发的账单错误"
    assert at.button(key="present_prev").disabled
    at.button(key="present_next").click().run()
    assert [h.value for h in at.subheader] == ["客户说什么"]
    assert any("260 条 / 共 1,812 条（占 14.3%）" in x.value for x in at.text)
    at.button(key="present_exit").click().run()
    assert at.title[0].value == "一页汇报"


def test_survey_summary_describes_the_demo(demo_db, run_page):
    at = run_page("pages/report.py", lang="en")
    at.session_state["report_mode"] = "summary"
    at.run()
    assert not at.exception
    assert at.text[0].value == "The period holds 20,000 feedback items in 6 groups by region."


def test_report_page_on_an_empty_workspace_says_what_to_do(db_path, run_page):
    at = run_page("pages/report.py", lang="en")
    assert "Solutions page" in at.info[0].value


def test_meetings_flag_the_overdue_item_as_of_the_demo_end(demo_db, run_page):
    at = run_page("pages/meetings.py", lang="en")
    at.date_input(key="meeting_as_of").set_value(date(2026, 10, 31)).run()
    assert at.warning[0].value == "1 action item(s) overdue (as of 2026-10-31)"
    at.selectbox(key="meeting_pick").set_value(1).run()
    assert [e.value for e in at.error] == ["Overdue: 上线计费变更的业务验收清单"]
    at.date_input(key="meeting_as_of").set_value(date(2026, 5, 1)).run()
    assert not at.warning and not at.error


def test_a_meeting_without_attendees_is_refused(db_path, run_page):
    at = run_page("pages/meetings.py", lang="en")
    assert "first department-heads meeting" in at.info[0].value
    at.text_input(key="meeting_title_new").input("Kick-off")
    _button(at, "Save meeting").click().run()
    assert [e.value for e in at.error] == ["Add at least one attendee."]


def test_evidence_is_computed_from_feedback_and_can_be_removed(demo_db, run_page):
    at = run_page("pages/solutions.py", lang="en")
    at.selectbox(key="solution_pick").set_value(2).run()
    at.text_input(key="evidence_label").input("West, March")
    at.text_input(key="evidence_terms").input("安装, install")
    at.selectbox(key="evidence_dimension").set_value("region").run()
    at.selectbox(key="evidence_value_region").set_value("west")
    at.button(key="evidence_add").click().run()
    assert not at.exception and not at.error
    added = _status(demo_db, 2).evidence[-1]
    assert added.label == "West, March" and added.reference["region"] == "west"
    assert added.numbers["matched"] == 191 and len(added.quotes) == 3
    at.multiselect(key="evidence_drop_2").set_value([0]).run()
    at.button(key="evidence_drop_apply_2").click().run()
    assert [e.label for e in _status(demo_db, 2).evidence] == ["West, March"]


def test_a_key_point_can_open_a_prefilled_draft(db_path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["problem"] = "Slow installs in the west"
    at.switch_page("pages/solutions.py")
    at.run()
    assert at.text_input(key="solution_title_new").value == "Slow installs in the west"
    assert at.text_area(key="solution_problems_new").value == "Slow installs in the west"
