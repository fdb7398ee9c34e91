"""Cycles, steps, artefacts, carry-overs, retrospective notes and verifications in a real DuckDB."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.solutions import Solution, solution_to_record
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.loop import (
    carry_overs,
    close_cycle,
    cycle_steps,
    list_artefacts,
    metric_history,
    register_artefact,
    set_step,
)
from cxdash.storage.retrospectives import add_notes, search_notes
from cxdash.storage.solutions import save_solution
from cxdash.storage.verifications import (
    list_verifications,
    load_verification,
    save_verification,
    verified_wins,
)

RESULT = {"verdict": "improved", "test": {"effect": -0.05, "p_value": 0.01}}
METRIC = {"kind": "share", "source": "feedback.category_share", "filters": {}, "better": "lower"}
SNAPSHOT = [{"metric": "csat_top2", "value": 0.2, "low": 0.18, "high": 0.22, "n": 900,
             "start": "2026-01-01", "end": "2026-04-01"}]  # fmt: skip


def test_a_new_workspace_has_cycle_one_with_eight_todo_steps(store):
    steps = cycle_steps(store, 1)
    assert list(steps["step"]) == list(range(1, 9))
    assert set(steps["status"]) == {"todo"}


def test_marking_a_step_done_signs_it_off(store):
    set_step(store, 1, 3, "done", "journey map v1")
    row = cycle_steps(store, 1).set_index("step").loc[3]
    assert row["status"] == "done" and row["signed_off_by"] == "local"
    assert row["note"] == "journey map v1" and pd.notna(row["signed_off_at"])
    set_step(store, 1, 3, "doing")
    assert pd.isna(cycle_steps(store, 1).set_index("step").loc[3, "signed_off_by"])


def test_bad_step_or_status_is_refused(store):
    with pytest.raises(InvalidInput):
        set_step(store, 1, 9, "done")
    with pytest.raises(InvalidInput):
        set_step(store, 1, 2, "finished")


def test_closing_needs_the_verification_step_signed_off(store):
    with pytest.raises(InvalidInput) as err:
        close_cycle(store, 1, [("new", "x")], [])
    assert err.value.key == "cycles.error.not_verified"
    assert current_cycle_id(store) == 1


def test_closing_a_verified_cycle_opens_the_next_with_carried_problems(store):
    set_step(store, 1, 8, "done")
    new_id = close_cycle(store, 1, [("unresolved", "west install"), ("new", "app login")],
                         SNAPSHOT)  # fmt: skip
    assert current_cycle_id(store) == new_id != 1
    carried = carry_overs(store, new_id)
    assert list(carried["title"]) == ["west install", "app login"]
    assert list(carried["origin"]) == ["unresolved", "new"]
    assert cycle_steps(store, new_id).set_index("step").loc[1, "status"] == "doing"
    assert metric_history(store)["value"].tolist() == [0.2]
    with pytest.raises(InvalidInput):
        close_cycle(store, 1, [], [])


def test_artefacts_register_once_per_cycle_kind_and_id(store):
    register_artefact(store, 1, 5, "survey", "17", "Touchpoint survey")
    register_artefact(store, 1, 5, "survey", "17", "Touchpoint survey")
    assert len(list_artefacts(store, 1)) == 1


def test_verification_is_saved_with_inputs_results_and_as_an_artefact(store):
    fix = Solution("Billing-error fix", 1, problems=("Wrong bills",))
    fix_id = save_solution(store, solution_to_record(fix))
    new_id = save_verification(store, 1, "Billing fix", METRIC, {"change_date": "2026-04-15"},
                               RESULT, fix_id)  # fmt: skip
    loaded = load_verification(store, new_id)
    assert loaded["result"]["test"]["effect"] == -0.05
    assert loaded["solution_id"] == fix_id and loaded["solution_title"] == "Billing-error fix"
    assert list_verifications(store, 1)["title"].tolist() == ["Billing fix"]
    assert verified_wins(store)["effect"].tolist() == [-0.05]
    assert list_artefacts(store, 1)["kind"].tolist() == ["verification"]


def test_verification_needs_a_title(store):
    with pytest.raises(InvalidInput):
        save_verification(store, 1, "  ", METRIC, {}, RESULT)
    assert list_verifications(store).empty


def test_retrospective_notes_are_saved_together_and_searchable(store):
    notes = {"communication": ("Billing team agreed late", "Show the chart first"),
             "mistakes": ("Sample skewed to hotline", ""), "thinking": ("", "")}  # fmt: skip
    fix_id = save_solution(store, solution_to_record(Solution("Billing-error fix", 1)))
    assert add_notes(store, 1, notes, fix_id) == 2
    assert len(search_notes(store, "HOTLINE")) == 1
    assert search_notes(store, lessons_only=True)["lesson"].tolist() == ["Show the chart first"]
    found = search_notes(store, "billing-error")  # the linked solution's title is searched too
    assert found["solution"].tolist() == ["Billing-error fix"] * 2
    assert found["solution_id"].tolist() == [str(fix_id)] * 2


def test_a_retrospective_linked_to_an_unknown_solution_is_refused(store):
    with pytest.raises(InvalidInput) as err:
        add_notes(store, 1, {"execution": ("Late", "")}, 999)
    assert err.value.key == "retro.error.solution"
    assert search_notes(store).empty


def test_empty_or_unknown_retrospective_is_refused_and_nothing_written(store):
    with pytest.raises(InvalidInput):
        add_notes(store, 1, {"execution": (" ", "")})
    with pytest.raises(InvalidInput):
        add_notes(store, 1, {"feelings": ("x", "")})
    assert search_notes(store).empty
