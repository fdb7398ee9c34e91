"""Metric sources over the demo feedback and the demo's verified billing fix."""

from __future__ import annotations

import pytest

from cxdash.errors import InvalidInput
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.loop import carry_overs, cycle_steps, metric_history
from cxdash.storage.metrics_source import (
    observations,
    population_mix,
    snapshot_metrics,
    top_pain_points,
    weekly_totals,
)
from cxdash.storage.retrospectives import search_notes
from cxdash.storage.verifications import list_verifications, load_verification


def test_category_share_observations_are_labelled_items_only(demo_store):
    obs = observations(demo_store, "feedback.category_share", {"category": "billing_error"})
    labelled = demo_store.scalar("SELECT count(*) FROM feedback WHERE category IS NOT NULL")
    hits = demo_store.scalar("SELECT count(*) FROM feedback WHERE category = 'billing_error'")
    assert len(obs) == labelled and obs["value"].sum() == hits
    assert list(obs.columns) == ["ts", "value", "segment", "region", "channel"]


def test_filters_are_whitelisted_and_category_is_required(demo_store):
    west = observations(demo_store, "feedback.csat_top2", {"region": "west", "evil": "x"})
    assert set(west["region"]) == {"west"}
    with pytest.raises(InvalidInput):
        observations(demo_store, "feedback.category_share", {})
    with pytest.raises(InvalidInput):
        observations(demo_store, "feedback.nothing", {})


def test_weekly_totals_add_up_to_the_items(demo_store):
    weekly = weekly_totals(demo_store, "feedback.csat_top2", {})
    rated = demo_store.scalar("SELECT count(*) FROM feedback WHERE rating IS NOT NULL")
    assert weekly["n"].sum() == rated
    assert (weekly["k"] == weekly["k2"]).all()  # 0/1 values


def test_population_mix_counts_every_item_in_the_window(demo_store):
    mix = population_mix(demo_store, "channel", "2025-01-01", "2030-01-01")
    assert mix.sum() == 20_000
    with pytest.raises(InvalidInput):
        population_mix(demo_store, "text", "2025-01-01", "2030-01-01")


def test_top_pain_points_lead_with_the_billing_spike(demo_store):
    top = top_pain_points(demo_store, 3)
    assert top.iloc[0]["category"] == "billing_error"
    assert top["volume"].is_monotonic_decreasing


def test_snapshot_metrics_have_intervals(demo_store):
    found = {m["metric"]: m for m in snapshot_metrics(demo_store, "2026-01-01", "2026-02-01")}
    assert found["complaints_per_day"]["low"] < found["complaints_per_day"]["value"]
    assert 0 < found["csat_top2"]["low"] < found["csat_top2"]["value"] < found["csat_top2"]["high"]


def test_demo_has_cycle_one_verified_and_cycle_two_open_with_carry_overs(demo_store):
    assert current_cycle_id(demo_store) == 2
    saved = list_verifications(demo_store, 1)
    assert saved["verdict"].tolist() == ["improved"]
    result = load_verification(demo_store, int(saved["id"].iloc[0]))["result"]
    assert result["test"]["test"] == "two_proportion_z" and result["test"]["p_value"] < 0.01
    assert result["bias"]["biased"]  # labelled items lean on hotline and escalations
    assert "west" in " ".join(carry_overs(demo_store, 2)["title"])
    assert set(cycle_steps(demo_store, 1)["status"]) == {"done"}
    assert len(search_notes(demo_store, cycle_id=1)) == 5
    assert not metric_history(demo_store).empty
