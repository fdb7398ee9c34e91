"""Solutions, evidence and meetings in a real DuckDB file: round trips, counts and the demo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cxdash.demo.feedback import DEMO_END
from cxdash.errors import InvalidInput, StaleEdit
from cxdash.meetings import meeting_from_record, overdue_items
from cxdash.solutions import (
    Evidence,
    Solution,
    missing_for_approval,
    solution_from_record,
    solution_to_record,
)
from cxdash.storage.evidence import feedback_evidence, summary_counts
from cxdash.storage.meetings import list_action_items, list_meetings, load_meeting
from cxdash.storage.solutions import list_solutions, load_solution, save_solution

MARCH = {"terms": ["账单", "bill"], "start": "2026-03-01", "end": "2026-03-31"}


def _by_pandas(store, terms, start, end, region=None):
    frame = store.df("SELECT text, region, received_at FROM feedback")
    day = frame["received_at"].dt.normalize()
    in_period = (day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))
    hit = frame["text"].str.lower().apply(lambda x: any(t.lower() in x for t in terms))
    if region:
        hit &= frame["region"] == region
    return int((hit & in_period).sum()), int(in_period.sum())


def test_feedback_evidence_counts_match_an_independent_count(demo_store):
    found = feedback_evidence(demo_store, "Billing in March", MARCH)
    matched, total = _by_pandas(demo_store, ["账单", "bill"], "2026-03-01", "2026-03-31")
    nums = found["numbers"]
    assert (nums["matched"], nums["total"]) == (matched, total)
    assert nums["share_pct"] == round(100 * matched / total, 1)
    assert nums["monthly"]["2026-03"] == matched
    assert max(nums["monthly"], key=nums["monthly"].get) == "2026-03"


def test_quotes_are_real_matching_texts_in_the_asked_language(demo_store):
    found = feedback_evidence(demo_store, "Billing in March", MARCH, lang="zh")
    assert len(found["quotes"]) == 3
    texts = set(demo_store.df("SELECT text FROM feedback WHERE lang = 'zh'")["text"])
    assert all(q in texts and ("账单" in q or "bill" in q.lower()) for q in found["quotes"])


def test_region_filter_and_period_are_applied(demo_store):
    ref = {
        "terms": ["安装", "install"],
        "region": "west",
        "start": "2025-11-01",
        "end": "2026-10-31",
    }
    nums = feedback_evidence(demo_store, "West installs", ref)["numbers"]
    matched, _ = _by_pandas(demo_store, ["安装", "install"], "2025-11-01", "2026-10-31", "west")
    assert nums["matched"] == matched


@pytest.mark.parametrize("ref", [{"start": "2026-04-01", "end": "2026-03-01"}, {"terms": ["x"]}])
def test_a_bad_period_is_refused(store, ref):
    with pytest.raises(InvalidInput) as err:
        feedback_evidence(store, "x", ref)
    assert err.value.key == "solutions.error.period"


def test_a_solution_round_trips_with_evidence_and_actions(demo_store):
    found = feedback_evidence(demo_store, "Billing in March", MARCH)
    draft = Solution("Fix billing", 1, problems=("errors",), evidence=(Evidence(**found),))
    new_id = save_solution(demo_store, solution_to_record(draft))
    loaded = solution_from_record(load_solution(demo_store, new_id))
    assert loaded.evidence[0].numbers == found["numbers"]
    assert loaded.evidence[0].id is not None
    assert replace(loaded, id=None, evidence=()) == replace(draft, evidence=())


def test_saving_a_stale_copy_is_refused_and_changes_nothing(store):
    new_id = save_solution(store, solution_to_record(Solution("A", 1, problems=("p",))))
    first = solution_from_record(load_solution(store, new_id))
    save_solution(store, solution_to_record(replace(first, title="B")))
    with pytest.raises(StaleEdit):
        save_solution(store, solution_to_record(replace(first, title="C")))
    assert load_solution(store, new_id)["title"] == "B"
    assert load_solution(store, new_id)["version"] == 2


def test_removing_evidence_deletes_only_that_item(store):
    items = tuple(Evidence("indicator", f"E{i}", {"v": i}, {}, ()) for i in range(3))
    new_id = save_solution(store, solution_to_record(Solution("A", 1, ("p",), items)))
    loaded = solution_from_record(load_solution(store, new_id))
    kept = (loaded.evidence[0], loaded.evidence[2])
    save_solution(store, solution_to_record(replace(loaded, evidence=kept)))
    labels = [e["label"] for e in load_solution(store, new_id)["evidence"]]
    assert labels == ["E0", "E2"]


def test_the_demo_holds_one_complete_approved_and_one_incomplete_draft(demo_store):
    listing = list_solutions(demo_store).sort_values("id")
    # cycle 1's fix was approved, carried out and verified (done); cycle 2 holds the draft
    assert list(listing["status"]) == ["done", "draft"]
    assert list(listing["cycle_number"]) == [1, 2]
    approved, draft = (solution_from_record(load_solution(demo_store, int(i))) for i in listing.id)
    assert missing_for_approval(approved) == []
    assert "risks" in missing_for_approval(draft) and "verification_metric" in missing_for_approval(
        draft
    )
    spike = approved.evidence[0].numbers
    assert spike["monthly"]["2026-03"] > 2 * spike["monthly"]["2026-02"]


def test_the_demo_meeting_has_three_items_one_overdue_at_the_demo_end(demo_store):
    meetings = list_meetings(demo_store)
    assert list(meetings["kind"]) == ["department_heads"]
    meeting = meeting_from_record(load_meeting(demo_store, int(meetings.id[0])))
    assert len(meeting.action_items) == 3
    assert [i.title for i in overdue_items(meeting, DEMO_END)] == ["上线计费变更的业务验收清单"]
    assert overdue_items(meeting, date(2026, 5, 1)) == []
    assert len(list_action_items(demo_store)) == 3


def test_summary_counts_add_up_to_the_period(demo_store):
    counts = summary_counts(demo_store, "region", "2026-03-01", "2026-03-31")
    _, total = _by_pandas(demo_store, [""], "2026-03-01", "2026-03-31")
    assert counts["items"].sum() == total
    kinds = counts[["problem", "need", "praise", "other", "unlabelled"]].sum(axis=1)
    assert (kinds == counts["items"]).all()


def test_terms_are_literal_text_not_patterns(store):
    items = pd.DataFrame(
        {
            "text": ["扣了99.9元", "扣了9909元", "(a+b) fee", "A+B FEE"],
            "received_at": pd.Timestamp("2026-03-05"),
        }
    )
    from cxdash.storage.feedback import insert_batch

    insert_batch(store, items, {"file_name": "t", "cycle_id": 1})
    ref = {"start": "2026-03-01", "end": "2026-03-31"}
    assert feedback_evidence(store, "x", {**ref, "terms": ["99.9元"]})["numbers"]["matched"] == 1
    assert feedback_evidence(store, "x", {**ref, "terms": ["(a+b)"]})["numbers"]["matched"] == 1
    assert feedback_evidence(store, "x", {**ref, "terms": ["a+b fee"]})["numbers"]["matched"] == 1
    assert feedback_evidence(store, "x", {**ref, "terms": ["Fee"]})["numbers"]["matched"] == 2
