"""Solutions: the completeness rules, the status flow, priority and the stored record shape."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from cxdash.errors import InvalidInput
from cxdash.solutions import (
    STATUSES,
    TRANSITIONS,
    Action,
    Evidence,
    Indicator,
    RootCause,
    Solution,
    Verification,
    allowed_transitions,
    missing_for_approval,
    overdue_actions,
    priority_band,
    priority_score,
    solution_from_record,
    solution_to_record,
    transition,
    validate_solution,
)

EVIDENCE = Evidence(
    "feedback_query",
    "Billing, March",
    {"matched": 10, "total": 100, "share_pct": 10.0},
    {"terms": ["bill"], "start": "2026-03-01", "end": "2026-03-31"},
    ("my bill is wrong",),
)
PLAN = Verification("billing share (%)", 10.0, 4.0, "two-proportion z-test", 800, date(2026, 9, 30))


def complete(**changes: object) -> Solution:
    base = Solution(
        "Fix billing",
        1,
        problems=("Billing errors",),
        evidence=(EVIDENCE,),
        verification=PLAN,
        risks="Rollback may break plans",
        contingency="Restore snapshot",
    )
    return replace(base, **changes)


def test_a_complete_solution_misses_nothing():
    assert missing_for_approval(complete()) == []


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"evidence": ()}, ["data_support"]),
        ({"verification": replace(PLAN, metric=" ")}, ["verification_metric"]),
        ({"verification": replace(PLAN, baseline=None)}, ["verification_baseline"]),
        ({"verification": replace(PLAN, target=None)}, ["verification_target"]),
        ({"verification": replace(PLAN, target=10.0)}, ["verification_target"]),
        ({"verification": replace(PLAN, baseline=float("nan"))}, ["verification_baseline"]),
        ({"risks": ""}, ["risks"]),
        ({"contingency": "  "}, ["contingency"]),
    ],
)
def test_each_missing_part_is_named(changes, missing):
    assert missing_for_approval(complete(**changes)) == missing


def test_an_empty_draft_lists_everything_missing_in_form_order():
    draft = Solution("Draft", 1, problems=("p",))
    assert missing_for_approval(draft) == [
        "data_support",
        "verification_metric",
        "verification_baseline",
        "verification_target",
        "risks",
        "contingency",
    ]


def test_approval_is_refused_while_parts_are_missing():
    reviewed = complete(status="reviewed", risks="")
    with pytest.raises(InvalidInput) as err:
        transition(reviewed, "approved")
    assert err.value.key == "solutions.error.incomplete"
    assert err.value.params["missing"] == "risks"


def test_the_happy_path_runs_draft_to_done():
    solution = complete()
    for status in ("reviewed", "approved", "in_progress", "verifying", "done"):
        solution = transition(solution, status)
    assert solution.status == "done"
    assert allowed_transitions("done") == ()


@pytest.mark.parametrize(
    ("start", "target"),
    [("draft", "approved"), ("draft", "done"), ("done", "draft"), ("in_progress", "approved")],
)
def test_skipping_steps_is_refused(start, target):
    with pytest.raises(InvalidInput) as err:
        transition(complete(status=start), target)
    assert err.value.key == "solutions.error.transition"


def test_every_status_can_be_dropped_except_done_and_dropped():
    for status in STATUSES:
        can_drop = "dropped" in TRANSITIONS[status]
        assert can_drop == (status not in ("done", "dropped"))


def test_a_dropped_solution_can_be_reopened_as_a_draft():
    assert transition(complete(status="dropped"), "draft").status == "draft"


@pytest.mark.parametrize(
    ("impact", "effort", "score", "band"),
    [
        (5, 1, 25, "high"),
        (5, 2, 20, "high"),
        (3, 3, 9, "medium"),
        (2, 3, 6, "low"),
        (1, 5, 1, "low"),
    ],
)
def test_priority_is_impact_times_ease(impact, effort, score, band):
    assert priority_score(impact, effort) == score
    assert priority_band(impact, effort) == band


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"title": " "}, "solutions.error.title"),
        ({"problems": ("",)}, "solutions.error.problem"),
        ({"impact": 7}, "solutions.error.scale"),
        ({"status": "shipped"}, "solutions.error.status"),
    ],
)
def test_unsaveable_solutions_are_refused_with_a_reason(changes, key):
    with pytest.raises(InvalidInput) as err:
        validate_solution(complete(**changes))
    assert err.value.key == key


def test_an_approved_solution_cannot_be_saved_incomplete():
    with pytest.raises(InvalidInput) as err:
        validate_solution(complete(status="approved", contingency=""))
    assert err.value.key == "solutions.error.incomplete"


def test_overdue_actions_depend_on_the_day_given():
    actions = (
        Action("a", due=date(2026, 5, 1)),
        Action("b", due=date(2026, 5, 1), status="done"),
        Action("c", due=date(2026, 12, 1)),
        Action("d"),
    )
    late = overdue_actions(complete(actions=actions), date(2026, 10, 31))
    assert [a.step for a in late] == ["a"]
    assert overdue_actions(complete(actions=actions), date(2026, 4, 1)) == []


def test_the_record_round_trips():
    solution = complete(
        root_cause=RootCause("fishbone", fishbone=(("process", "no acceptance test"),)),
        actions=(Action("Roll back", "IT", "Wang", date(2026, 4, 15), "done"),),
        monitoring=(Indicator("Billing complaints", "KPI"),),
        id=4,
        version=3,
    )
    assert solution_from_record(solution_to_record(solution)) == solution
