"""The Verification page names real solutions: the demo's saved check and a new one picked by id."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cxdash.solutions import solution_from_record, solution_to_record
from cxdash.storage import open_store
from cxdash.storage.solutions import load_solution, save_solution
from cxdash.storage.verifications import list_verifications, load_verification, save_verification


def test_the_demo_verification_names_the_billing_fix_solution(demo_db, run_page):
    for lang, words in (("en", "Solution: #1 修复计费系统升级引发的账单错误"),
                        ("zh", "方案：#1 修复计费系统升级引发的账单错误")):  # fmt: skip
        at = run_page("pages/verify.py", lang=lang)
        assert not at.exception, at.exception
        assert any(c.value.startswith(words) for c in at.caption), [c.value for c in at.caption]


def test_a_new_verification_is_saved_against_the_picked_solution(demo_db, run_page):
    at = run_page("pages/verify.py", lang="en")
    at.selectbox(key="verify_source").select_index(2)  # mean rating
    at.run()
    at.date_input(key="verify_change").set_value(dt.date(2026, 6, 15))
    at.button(key="verify_run").click().run()
    picker = at.selectbox(key="verify_solution")
    assert picker.options[0] == "(no solution)"
    assert "#2 缩短西部地区宽带安装等待时间" in picker.options
    picker.set_value(2)
    at.text_input(key="verify_title").set_value("Installs after the new rota")
    at.button(key="verify_save").click().run()
    assert not at.exception and not at.error
    opened = open_store(demo_db)
    try:
        saved = list_verifications(opened)
    finally:
        opened.close()
    newest = saved.iloc[0]
    assert newest["title"] == "Installs after the new rota" and newest["solution_id"] == 2
    assert newest["solution_title"] == "缩短西部地区宽带安装等待时间"


def test_a_deep_link_opens_one_saved_verification(demo_db, run_page):
    opened = open_store(demo_db)
    try:
        first = load_verification(opened, 1)
        later = save_verification(opened, 2, "Later check", first["metric"], first["inputs"],
                                  {**first["result"], "verdict": "no_change"}, 2)  # fmt: skip
    finally:
        opened.close()
    at = run_page("pages/verify.py", lang="en")
    assert at.selectbox(key="verify_open").value == later  # the newest opens by default
    at = run_page("pages/verify.py", lang="en")
    at.query_params["verification"] = "1"
    at.run()
    assert at.selectbox(key="verify_open").value == 1
    assert any("Verified improvement" in s.value for s in at.success)


def test_the_tracker_link_opens_a_closed_cycles_solution(demo_db, run_page):
    at = run_page("pages/solutions.py", lang="en")
    assert at.selectbox(key="solution_pick").value == 0  # a new draft by default
    assert "#1 修复计费系统升级引发的账单错误" in at.selectbox(key="solution_pick").options
    at.query_params["solution"] = "1"
    at.run()
    assert at.selectbox(key="solution_pick").value == 1
    assert [c.value for c in at.caption if c.value.startswith("Status:")] == [
        "Status: Done · version 3"
    ]


def test_the_report_offers_every_cycles_solutions_and_an_empty_cycle_says_so(demo_db, run_page):
    at = run_page("pages/report.py", lang="en")
    assert at.selectbox(key="report_solution").options == [
        "#2 缩短西部地区宽带安装等待时间",  # the open cycle's first
        "#1 修复计费系统升级引发的账单错误",
    ]
    opened = open_store(demo_db)
    try:  # cycle 2's only solution is dropped: the cycle report has nothing to show
        draft = solution_from_record(load_solution(opened, 2))
        save_solution(opened, solution_to_record(replace(draft, status="dropped")))
    finally:
        opened.close()
    at = run_page("pages/report.py", lang="en")
    at.segmented_control(key="report_mode").set_value("cycle").run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == [
        "This cycle has no solutions yet. Earlier cycles' solutions open under One solution."
    ]
