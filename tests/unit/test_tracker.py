"""The tracker's pure functions: progress, due date, overdue work, verdicts, filters and board."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxdash.solutions import STATUSES
from cxdash.tracker import (
    board_columns,
    choices,
    filter_tracker,
    overdue_items,
    overdue_work,
    tracker_table,
)

AS_OF = date(2026, 5, 1)
SOLUTIONS = pd.DataFrame(
    {
        "id": [1, 2, 3],
        "cycle_id": [1, 1, 2],
        "cycle_number": [1, 1, 2],
        "title": ["Billing fix", "Faster installs", "App login"],
        "status": ["in_progress", "draft", "verifying"],
        "owner": ["CX team", "", "Ops"],
        "plan_due": ["2026-09-30", None, None],
    }
)
STEPS = pd.DataFrame(
    {
        "solution_id": [1, 1, 1, 3],
        "solution": ["Billing fix", "Billing fix", "Billing fix", "App login"],
        "step": ["Roll back", "Checklist", "Hotline", "Patch"],
        "department": ["IT", "Finance", "Care", "IT"],
        "owner": ["Wang", "Li", "Zhao", "Chen"],
        "due_date": pd.to_datetime(["2026-04-15", "2026-04-30", "2026-06-30", "2026-03-01"]),
        "status": ["done", "in_progress", "open", "done"],
    }
)
ITEMS = pd.DataFrame(
    {
        "id": [10, 11],
        "cycle_id": [1, 1],
        "meeting": ["Kick-off", "Kick-off"],
        "solution_id": [1.0, None],
        "solution": ["Billing fix", None],
        "title": ["Send minutes", "Book a room"],
        "owner": ["Zhang", "Zhang"],
        "department": ["CX", "CX"],
        "due_date": pd.to_datetime(["2026-04-20", "2026-04-01"]),
        "status": ["open", "blocked"],
    }
)
VERDICTS = pd.DataFrame(
    {"solution_id": [1, 3], "verdict": ["improved", "insufficient"], "verification_id": [7, 9]}
)


def _table():
    return tracker_table(SOLUTIONS, STEPS, ITEMS, VERDICTS, AS_OF).set_index("id")


def test_progress_is_the_share_of_done_steps_and_due_prefers_the_plan():
    table = _table()
    assert table["actions_done"].tolist() == [1, 0, 1]
    assert table["actions_total"].tolist() == [3, 0, 1]
    assert table.loc[1, "progress"] == 1 / 3 and table.loc[2, "progress"] == 0.0
    assert table.loc[1, "due"] == date(2026, 9, 30)  # the verification plan's date
    assert table.loc[3, "due"] == date(2026, 3, 1)  # else the last step's
    assert table.loc[2, "due"] is None


def test_overdue_counts_steps_and_linked_meeting_items_that_are_not_done():
    table = _table()
    # Billing fix: "Checklist" (due 04-30, in progress) and the linked "Send minutes" (04-20)
    assert table.loc[1, "overdue_actions"] == 1 and table.loc[1, "overdue_items"] == 1
    assert table.loc[3, "overdue_actions"] == 0  # its only step is done
    assert table["verdict"].tolist() == ["improved", "", "insufficient"]
    assert table["verification_id"].tolist() == [7, None, 9]


def test_overdue_work_merges_meeting_items_and_steps_most_late_first():
    late = overdue_work(ITEMS, STEPS, AS_OF)
    assert late["title"].tolist() == ["Book a room", "Send minutes", "Checklist"]
    assert late["days_late"].tolist() == [30, 11, 1]
    assert late["meeting"].tolist() == ["Kick-off", "Kick-off", ""]
    assert overdue_items(ITEMS, date(2026, 4, 1)).empty  # due today is not late yet


def test_overdue_work_without_any_meeting_item_or_step_is_empty():
    # A workspace with feedback but no solutions or meetings yet (a first import).
    late = overdue_work(ITEMS.iloc[0:0], STEPS.iloc[0:0], AS_OF)
    assert late.empty
    assert "days_late" in late.columns


def test_filters_match_any_department_or_person_involved():
    table = tracker_table(SOLUTIONS, STEPS, ITEMS, VERDICTS, AS_OF)
    assert filter_tracker(table, department="IT")["id"].tolist() == [1, 3]
    assert filter_tracker(table, owner="Zhang")["id"].tolist() == [1]  # a meeting item owner
    assert filter_tracker(table, owner="CX team")["id"].tolist() == [1]  # the solution owner
    assert filter_tracker(table, "Finance", "Chen").empty
    assert choices(table, "departments") == ["CX", "Care", "Finance", "IT"]


def test_board_has_one_column_per_status_in_flow_order():
    columns = board_columns(tracker_table(SOLUTIONS, STEPS, ITEMS, VERDICTS, AS_OF))
    assert list(columns) == list(STATUSES)
    assert columns["in_progress"]["title"].tolist() == ["Billing fix"]
    assert columns["done"].empty


def test_no_solutions_give_an_empty_table_with_its_columns():
    empty = tracker_table(SOLUTIONS.iloc[:0], STEPS.iloc[:0], ITEMS.iloc[:0], VERDICTS.iloc[:0],
                          AS_OF)  # fmt: skip
    assert empty.empty and "progress" in empty.columns
    assert tracker_table(SOLUTIONS, STEPS.iloc[:0], ITEMS.iloc[:0], VERDICTS.iloc[:0], AS_OF)[
        "actions_total"
    ].tolist() == [0, 0, 0]
