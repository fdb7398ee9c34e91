"""The Cycles and Retrospective pages on empty and demo workspaces, and their key flows."""

from __future__ import annotations

from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.loop import carry_overs


def test_cycles_page_on_an_empty_workspace_shows_cycle_one(db_path, run_page):
    at = run_page("pages/cycles.py", lang="en")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Current step"] == "Step 1"


def test_closing_an_unverified_cycle_is_refused_with_a_reason(db_path, run_page):
    at = run_page("pages/cycles.py", lang="en")
    at.button(key="cycles_close").click()
    at.run()
    assert any("step 8" in e.value for e in at.error)


def test_demo_cycle_two_shows_the_carried_problems(demo_db, run_page):
    at = run_page("pages/cycles.py", lang="zh")
    assert not at.exception
    carried = at.dataframe[1].value
    assert any("西区宽带安装慢" in t for t in carried.iloc[:, 2])


def test_signing_off_step_eight_and_closing_opens_the_next_cycle(demo_db, run_page):
    at = run_page("pages/cycles.py", lang="en")
    at.selectbox(key="cycles_step").select_index(7)  # step 8
    at.selectbox(key="cycles_status").select_index(2)  # done
    submit = next(b for b in at.button if b.label.startswith("Update step"))
    submit.click()
    at.run()
    at.text_area(key="cycles_new_problems_2").set_value("Roaming bill shock\n")
    at.button(key="cycles_close").click()
    at.run()
    assert not at.exception, at.exception
    assert any("Cycle 3 is open" in s.value for s in at.success)
    store = open_store(demo_db)
    try:
        new_id = current_cycle_id(store)
        titles = carry_overs(store, new_id)["title"].tolist()
    finally:
        store.close()
    assert "Roaming bill shock" in titles
    assert any("west" in title for title in titles)  # still open, carried again


def test_retrospective_saves_notes_and_finds_lessons(demo_db, run_page):
    at = run_page("pages/retrospective.py", lang="en")
    assert not at.exception
    at.text_area(key="retro_note_execution").set_value("Install crews were short in the west")
    at.text_area(key="retro_lesson_execution").set_value("Book crews before the campaign")
    picker = at.selectbox(key="retro_solution")
    assert picker.value is None
    # the demo's cycle-2 draft about slow installation in the west
    at_west = next(i for i, o in enumerate(picker.options) if "西部地区宽带安装" in o)
    west = picker.options[at_west]
    picker.select_index(at_west)
    next(b for b in at.button if b.label == "Save retrospective").click()
    at.run()
    assert any("1 retrospective notes saved" in s.value for s in at.success)
    at.text_input(key="retro_search").set_value("crews")
    at.run()
    table = at.dataframe[0].value
    assert len(table) == 1
    assert west.endswith("缩短西部地区宽带安装等待时间 (cycle 2)")
    assert table["Solution"].tolist() == ["缩短西部地区宽带安装等待时间"]


def test_retrospective_on_an_empty_workspace_has_an_empty_state(db_path, run_page):
    at = run_page("pages/retrospective.py", lang="zh")
    assert not at.exception
    assert at.info
