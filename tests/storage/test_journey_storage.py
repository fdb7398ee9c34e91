"""Journey maps in DuckDB: maps, stages, card positions, versions, and the label queries."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput, StaleEdit
from cxdash.keypoints import top_key_points
from cxdash.storage import journey_data as data
from cxdash.storage import journeys
from cxdash.storage.feedback import insert_batch

STAGES = [("order", "Order", 1.0), ("install", "Install", -1.0), ("bill", "Bill", None)]


def _map(store):
    cards = [
        {"stage_key": "install", "lane": "pain_point", "text": "Late engineer"},
        {"stage_key": "install", "lane": "pain_point", "text": "No call back"},
        {"stage_key": "bill", "lane": "touchpoint", "text": "Bill", "touchpoint": "billing"},
    ]
    return journeys.create_map(store, 1, "Broadband", "Family", STAGES, cards)


def _card(store, map_id, text):
    cards = journeys.load_map(store, map_id)[2]
    return cards[cards["text"] == text].iloc[0]


def test_a_map_keeps_its_stages_cards_and_positions(store):
    map_id = _map(store)
    record, stages, _ = journeys.load_map(store, map_id)
    assert record["name"] == "Broadband" and record["version"] == 1
    assert list(stages["key"]) == ["order", "install", "bill"]
    late = _card(store, map_id, "Late engineer")
    journeys.move_card(store, int(late.id), int(late.version), "bill", "pain_point", 0)
    moved = _card(store, map_id, "Late engineer")
    assert (moved.stage_key, moved.lane, moved.position, moved.version) == (
        "bill",
        "pain_point",
        0,
        2,
    )
    assert journeys.list_maps(store, 1)["cards"].tolist() == [3]


def test_a_stale_move_is_refused_and_changes_nothing(store):
    map_id = _map(store)
    late = _card(store, map_id, "Late engineer")
    journeys.move_card(store, int(late.id), 1, "bill", "pain_point", 0)
    with pytest.raises(StaleEdit):
        journeys.move_card(store, int(late.id), 1, "order", "scenario", 0)
    assert _card(store, map_id, "Late engineer").stage_key == "bill"


def test_moving_into_a_lane_shifts_the_cards_after_it(store):
    map_id = _map(store)
    bill = _card(store, map_id, "Bill")
    journeys.move_card(store, int(bill.id), 1, "install", "pain_point", 0)
    cards = journeys.load_map(store, map_id)[2]
    lane = cards[(cards.stage_key == "install") & (cards.lane == "pain_point")]
    assert list(lane.sort_values("position")["text"]) == ["Bill", "Late engineer", "No call back"]


def test_bad_places_and_texts_are_refused(store):
    map_id = _map(store)
    late = _card(store, map_id, "Late engineer")
    with pytest.raises(InvalidInput):
        journeys.move_card(store, int(late.id), 1, "nowhere", "pain_point", 0)
    with pytest.raises(InvalidInput):
        journeys.move_card(store, int(late.id), 1, "bill", "gossip", 0)
    with pytest.raises(InvalidInput):
        journeys.add_card(store, map_id, {"stage_key": "bill", "lane": "scenario", "text": "  "})
    assert _card(store, map_id, "Late engineer").version == 1


def test_rename_delete_and_stage_reorder_are_versioned(store):
    map_id = _map(store)
    late = _card(store, map_id, "Late engineer")
    assert journeys.rename_card(store, int(late.id), 1, "Engineer came late") == 2
    with pytest.raises(StaleEdit):
        journeys.delete_card(store, int(late.id), 1)
    journeys.delete_card(store, int(late.id), 2)
    assert "Engineer came late" not in set(journeys.load_map(store, map_id)[2]["text"])
    assert journeys.reorder_stages(store, map_id, 1, ["bill", "order", "install"]) == 2
    assert list(journeys.load_map(store, map_id)[1]["key"]) == ["bill", "order", "install"]
    with pytest.raises(StaleEdit):
        journeys.reorder_stages(store, map_id, 1, ["order", "bill", "install"])
    with pytest.raises(InvalidInput):
        journeys.reorder_stages(store, map_id, 2, ["order", "bill"])


def test_grid_save_keeps_unchanged_cards_and_is_all_or_nothing(store):
    map_id = _map(store)
    kept = _card(store, map_id, "No call back")
    cells = {("pain_point", "install"): ["No call back", "Missed slot"]}
    assert journeys.save_grid(store, map_id, 1, cells, {"bill": -2.0}) == 2
    _, stages, cards = journeys.load_map(store, map_id)
    assert _card(store, map_id, "No call back").id == kept.id
    assert set(cards["text"]) == {"No call back", "Missed slot", "Bill"}
    assert stages.set_index("key").loc["bill", "emotion"] == -2.0
    bad = {("pain_point", "install"): ["x" * 400]}
    with pytest.raises(InvalidInput):
        journeys.save_grid(store, map_id, 2, bad, {"bill": 1.0})
    assert journeys.load_map(store, map_id)[0]["version"] == 2
    assert journeys.load_map(store, map_id)[1].set_index("key").loc["bill", "emotion"] == -2.0


def _feedback(store):
    items = pd.DataFrame(
        {
            "text": ["overcharged", "overcharged again", "slow", "ok", "great", "late"],
            "category": [
                "billing_error",
                "billing_error",
                "broadband_speed",
                None,
                None,
                "broadband_install_delay",
            ],
            "product": ["billing", "billing", "broadband", "broadband", "broadband", "broadband"],
            "rating": [1.0, 2.0, 3.0, None, 5.0, 1.0],
            "customer_id": ["a", "a", "b", "c", "a", "a"],
            "received_at": pd.to_datetime(
                ["2026-01-05", "2026-03-01", "2026-01-01", "2026-02-01", "2026-02-01", "2026-01-01"]
            ),
        }
    )
    insert_batch(store, items, {"file_name": "t.csv", "cycle_id": 1})


def test_label_stand_ins_and_aggregates(store):
    _feedback(store)
    rolled = data.rollup(store, 1)
    summary = data.touchpoint_summary(rolled).set_index("touchpoint")
    assert summary.loc["billing", "volume"] == 2
    assert summary.loc["billing", "negative_share"] == 1.0
    assert summary.loc["network", "volume"] == 3  # slow, ok, great (by product)
    assert summary.loc["network", "rated"] == 2
    cells = data.heatmap_cells(rolled, "stage").set_index(["row", "category"])
    assert cells.loc[("pay", "billing_error"), "negative"] == 2
    totals = data.score_totals(rolled)
    assert totals == {"items": 6, "rated": 5, "rating_sum": 12.0, "top2": 1}
    paths = data.event_paths(store, 1, "billing_error").set_index("touchpoint")
    # customer a: installation (Jan 1), billing (Jan 5), network (Feb 1)
    assert list(paths.sort_values("mean_step").index) == ["installation", "billing", "network"]
    assert paths.loc["billing", "complained"] == 1


def test_top_key_points_for_other_steps(store):
    _feedback(store)
    top = top_key_points(store, 1, 2)
    assert len(top) == 2 and list(top["rank"]) == [1, 2]
    for column in ("volume_share", "negative_share", "trend", "impact_mean", "probable_false"):
        assert column in top.columns
    assert top_key_points(store, 1, 0).empty


def test_undone_batches_leave_the_evidence(store):
    _feedback(store)
    with store.transaction() as tx:
        tx.execute("UPDATE import_batches SET undone_at = current_timestamp")
    assert data.touchpoint_summary(data.rollup(store, 1)).empty


def test_classifier_labels_override_the_stand_ins_in_every_aggregate(store):
    _feedback(store)
    ids = dict(store.rows("SELECT text, id FROM feedback"))
    with store.transaction() as tx:
        # "ok": unrated and uncategorised; labelled as a negative WiFi complaint (score -0.8).
        tx.execute(
            "INSERT INTO item_labels (feedback_id, category, sentiment, sentiment_score,"
            " touchpoint) VALUES (?, 'wifi_coverage', 'negative', -0.8, 'network')",
            [ids["ok"]],
        )
        # "great" (rated 5): moved to the store touchpoint, sentiment without a score.
        tx.execute(
            "INSERT INTO item_labels (feedback_id, sentiment, touchpoint)"
            " VALUES (?, 'positive', 'store')",
            [ids["great"]],
        )
    rolled = data.rollup(store, 1)
    summary = data.touchpoint_summary(rolled).set_index("touchpoint")
    # network keeps "slow" (rating 3: neutral, score 0) and gains the labelled "ok" (-0.8).
    assert summary.loc["network", "volume"] == 2
    assert summary.loc["network", "negative"] == 1
    assert summary.loc["network", "negative_share"] == 0.5
    assert summary.loc["network", "sentiment_mean"] == pytest.approx(-0.4)
    assert summary.loc["network", "rated"] == 2
    # store: "great" with the stand-in score of its rating, (5 - 3) / 2.
    assert summary.loc["store", "volume"] == 1
    assert summary.loc["store", "sentiment_mean"] == 1.0
    cells = data.heatmap_cells(rolled).set_index(["row", "category"])
    assert cells.loc[("network", "wifi_coverage"), "negative"] == 1
    # Labels do not change ratings: the score totals are those of the feedback table.
    assert data.score_totals(rolled) == {"items": 6, "rated": 5, "rating_sum": 12.0, "top2": 1}
    keys = data.key_point_cells(rolled).set_index(["touchpoint", "category"])
    # The span runs Jan 1 - Mar 1: Jan 5 falls in the earlier half, Mar 1 in the recent one.
    assert keys.loc[("billing", "billing_error"), ["earlier", "recent"]].tolist() == [1, 1]
    monthly = data.monthly_volume(rolled)
    assert monthly["volume"].sum() == 6
    assert data.category_volumes(rolled).set_index("category")["volume"].to_dict() == {
        "billing_error": 2,
        "broadband_install_delay": 1,
        "broadband_speed": 1,
        "wifi_coverage": 1,
    }
