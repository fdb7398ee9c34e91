"""The complaint funnel on a hand-checked set of four tickets."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash import complaints as cp

T0 = pd.Timestamp("2026-03-01 08:00")


def _h(hours: float | None) -> pd.Timestamp | None:
    return None if hours is None else T0 + pd.Timedelta(hours=hours)


def tickets() -> pd.DataFrame:
    rows = [
        # id, response h, resolved h, status, origin, contacts, reopened, root cause, rectified h
        ("T1", 1, 10, "closed", "complaint", 1, 0, "wrong plan", 30, "west"),
        ("T2", 3, 100, "closed", "complaint", 2, 1, None, None, "west"),
        ("T3", None, None, "open", "proactive", None, 0, None, None, "east"),
        ("T4", 2, 20, "closed", "complaint", 1, 0, "bad cable", None, "east"),
    ]
    return pd.DataFrame(
        {
            "ticket_id": [r[0] for r in rows],
            "opened_at": [T0] * 4,
            "first_response_at": [_h(r[1]) for r in rows],
            "resolved_at": [_h(r[2]) for r in rows],
            "status": [r[3] for r in rows],
            "origin": [r[4] for r in rows],
            "contacts": [r[5] for r in rows],
            "reopened": [r[6] for r in rows],
            "root_cause": [r[7] for r in rows],
            "rectified_at": [_h(r[8]) for r in rows],
            "category": ["install", "install", "billing", "billing"],
            "region": [r[9] for r in rows],
            "channel": ["hotline"] * 4,
        }
    )


def test_stage_metrics_match_hand_computation():
    m = cp.stage_metrics(tickets())
    assert m.tickets == 4
    assert m.prevention_share == pytest.approx(0.25)
    assert m.response_median == pytest.approx(2.0)
    assert m.resolution_median == pytest.approx(20.0)
    assert m.first_contact_resolution == pytest.approx(2 / 3)
    assert m.reopen_rate == pytest.approx(1 / 3)
    assert m.root_cause_coverage == pytest.approx(0.5)
    assert m.rectification_completion == pytest.approx(0.5)


def test_funnel_counts_each_stage_reached():
    counts = cp.funnel_counts(tickets()).set_index("stage")["tickets"].to_dict()
    assert counts == {"intake": 4, "responded": 3, "resolved": 3, "root_cause": 2, "rectified": 1}


def test_funnel_splits_by_region():
    long = cp.funnel_by(tickets(), "region")
    west = long[long.region == "west"].set_index("stage")["tickets"]
    assert west["intake"] == 2 and west["root_cause"] == 1
    with pytest.raises(ValueError):
        cp.funnel_by(tickets(), "text; DROP TABLE")


def test_slow_and_stuck_tickets_are_listed_worst_first():
    late = cp.slow_and_stuck(tickets(), slow_hours=72, stuck_days=7, as_of=_h(24 * 10))
    assert list(late["ticket_id"]) == ["T3", "T2"]
    assert list(late["problem"]) == ["stuck", "slow"]
    assert late["hours"].iloc[0] == pytest.approx(240)


def test_empty_frame_gives_undefined_shares_not_errors():
    m = cp.stage_metrics(tickets().iloc[0:0])
    assert m.tickets == 0
    assert pd.isna(m.root_cause_coverage)
