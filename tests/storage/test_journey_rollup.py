"""The stored journey rollup: every write that changes what it counts leaves it equal to a fresh
computation, so a page reading it never shows stale numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.access import CURRENT_ACTOR, Actor, Role
from cxdash.classify import run_classification
from cxdash.storage import journey_data as data
from cxdash.storage import journey_rollup as jr
from cxdash.storage.backup import table_fingerprints
from cxdash.storage.batches import undo_batch
from cxdash.storage.feedback import insert_batch
from cxdash.storage.labels import set_person_label, write_machine_labels
from cxdash.storage.taxonomy import save_taxonomy, save_touchpoints
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.taxonomy import builtin_taxonomy

TEXTS = ["账单多扣了{}元", "宽带断网{}天了", "App登录收不到验证码{}次", "营业厅排队{}分钟"]
TOPICS = ["billing_error", "broadband_outage", "app_login", "store_service"]


def _import(store, n: int = 40, start: str = "2026-01-01", name: str = "t.csv") -> int:
    rows = [
        {
            "text": TEXTS[i % 4].format(i),
            "received_at": pd.Timestamp(start) + pd.Timedelta(days=i),
            "channel": "hotline",
            "rating": float(1 + i % 5),
            "category": TOPICS[i % 4] if i < 12 else None,
        }
        for i in range(n)
    ]
    return insert_batch(store, pd.DataFrame(rows), {"file_name": name, "cycle_id": 1})


def _assert_stored_is_fresh(store, cycle: int = 1) -> pd.DataFrame:
    """The stored rollup is valid (a page would read it, not scan) and equals a fresh scan."""
    kept = jr.stored(store, cycle)
    assert kept is not None, "the stored rollup is missing or stale after the write"
    fresh = jr.compute(store, cycle)
    assert len(fresh) > 0
    pd.testing.assert_frame_equal(
        kept.reset_index(drop=True), fresh.reset_index(drop=True), check_exact=False, rtol=1e-9
    )
    return kept


def _cell(rolled, touchpoint, category) -> int:
    cells = data.key_point_cells(rolled).set_index(["touchpoint", "category"])
    return int(cells["volume"].get((touchpoint, category), 0))


def test_an_import_leaves_the_stored_rollup_fresh(store):
    _import(store)
    first = _assert_stored_is_fresh(store)
    _import(store, 20, start="2026-03-01", name="more.csv")
    second = _assert_stored_is_fresh(store)
    assert second["volume"].sum() == first["volume"].sum() + 20
    # The later import moved the midpoint of the span: periods were recounted, not added.
    assert set(second["period"]) == {"earlier", "recent"}


def test_undoing_an_import_leaves_the_stored_rollup_fresh(store):
    _import(store)
    later = _import(store, 20, start="2026-03-01", name="more.csv")
    undo_batch(store, later)
    assert _assert_stored_is_fresh(store)["volume"].sum() == 40


def test_a_person_correction_adjusts_the_stored_rollup(store):
    _import(store)
    before = _cell(_assert_stored_is_fresh(store), "billing", "billing_error")
    set_person_label(store, [1], "category", "app_login", "human")
    set_person_label(store, [1], "touchpoint", "app", "human")
    after = _assert_stored_is_fresh(store)
    assert _cell(after, "billing", "billing_error") == before - 1
    # Correcting an item a person already labelled changes the numbers again.
    set_person_label(store, [1], "category", "store_service", "human")
    again = _assert_stored_is_fresh(store)
    assert _cell(again, "app", "store_service") == 1
    assert _cell(again, "app", "app_login") == _cell(after, "app", "app_login") - 1


def test_machine_labels_and_reclassify_leave_the_stored_rollup_fresh(store):
    _import(store)
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    run_classification(store, unlabelled=0)
    labelled = _assert_stored_is_fresh(store)
    set_person_label(store, [13], "category", "hotline_wait", "human")
    run_classification(store, unlabelled=0)
    relabelled = _assert_stored_is_fresh(store)
    assert relabelled["volume"].sum() == labelled["volume"].sum() == 40
    machine = pd.DataFrame(
        {"feedback_id": [2, 3], "sentiment": ["positive"] * 2, "sentiment_origin": "model"}
    )
    machine["sentiment_score"] = 0.9
    write_machine_labels(store, machine)
    _assert_stored_is_fresh(store)


def test_a_large_label_write_rebuilds_instead_of_adjusting(store, monkeypatch):
    _import(store)
    monkeypatch.setattr(jr, "DELTA_LIMIT", 1)
    set_person_label(store, [1, 2, 3], "category", "hotline_wait", "human")
    assert _cell(_assert_stored_is_fresh(store), "billing", "hotline_wait") == 1


def test_a_touchpoint_moved_to_another_stage_shows_at_once(store):
    _import(store)
    touchpoints = list_touchpoints(store, active_only=False)
    moved = touchpoints.copy()
    moved.loc[moved["key"] == "billing", "stage"] = "use"
    save_touchpoints(store, moved)
    rolled = _assert_stored_is_fresh(store)
    assert set(rolled.loc[rolled["touchpoint"] == "billing", "stage"]) == {"use"}


def test_a_write_behind_its_back_is_never_served(store):
    _import(store)
    with store.transaction() as tx:  # a write that does not refresh the stored rollup
        tx.execute(
            "INSERT INTO item_labels (feedback_id, category, touchpoint)"
            " VALUES (1, 'tv_channels', 'tv_service')"
        )
    assert jr.stored(store, 1) is None
    assert _cell(data.rollup(store, 1), "tv_service", "tv_channels") == 1
    _assert_stored_is_fresh(store)  # the read rebuilt and stored it once


def test_a_viewer_reading_a_stale_rollup_gets_fresh_numbers_and_writes_nothing(store):
    _import(store)
    with store.transaction() as tx:
        tx.execute("UPDATE import_batches SET undone_at = current_timestamp")
    before = table_fingerprints(store)
    token = CURRENT_ACTOR.set(Actor("vic", Role.VIEWER))
    try:
        assert data.rollup(store, 1).empty
    finally:
        CURRENT_ACTOR.reset(token)
    assert table_fingerprints(store) == before


def test_another_cycle_is_built_on_first_read(store):
    _import(store)
    with store.transaction() as tx:
        tx.execute("INSERT INTO cycles (id, number, name) VALUES (2, 2, 'Cycle 2')")
    assert jr.stored(store, 2) is None
    pd.testing.assert_frame_equal(data.rollup(store, 2), jr.compute(store, 2))
    assert jr.stored(store, 2) is not None


def _all_labelled(store) -> pd.DataFrame:
    frame = store.df(
        f"WITH {data.LABELLED} SELECT l.*, coalesce(tp.stage, 'other') AS stage FROM labelled l"
        " LEFT JOIN touchpoints tp ON tp.key = l.touchpoint",
        {"cycle": 1},
    )
    frame["neg"] = frame["sentiment"].eq("negative")
    return frame


def _expected(frame: pd.DataFrame, limit: int) -> list[int]:
    """Negatives first, then newest first (undated last), then by id: the whole slice sorted."""
    ordered = frame.sort_values(
        ["neg", "received_at", "id"], ascending=[False, False, True], na_position="last"
    )
    return ordered["id"].head(limit).tolist()


@pytest.mark.parametrize("limit", [1, 3, 10, 60])
def test_quotes_and_cell_items_read_a_window_yet_match_the_whole_slice(store, limit):
    _import(store, 200)  # 200 days from Jan 2026, two in five items rated 1-2 (negative)
    praise = pd.DataFrame(
        {
            "text": [f"alles gut {i}" for i in range(80)],
            "received_at": pd.date_range("2026-07-20", periods=80, freq="D"),
            "category": [TOPICS[i % 4] for i in range(80)],
            "rating": 5.0,
        }
    )  # then 80 days without a negative: the newest negatives lie months back
    insert_batch(store, praise.assign(channel="hotline"), {"file_name": "p.csv", "cycle_id": 1})
    undated = pd.DataFrame({"text": ["kein Datum", "sans date"], "rating": [1.0, None]})
    insert_batch(store, undated.assign(channel="hotline"), {"file_name": "u.csv", "cycle_id": 1})
    set_person_label(store, [5, 6, 7], "sentiment", "negative", "human")
    every = _all_labelled(store)
    for tp in [*every["touchpoint"].unique(), "nowhere"]:
        found = data.quotes(store, 1, touchpoint=tp, limit=limit)
        assert found["id"].tolist() == _expected(every[every["touchpoint"] == tp], limit), tp
    for cat in every["category"].dropna().unique():
        found = data.quotes(store, 1, category=cat, limit=limit)
        assert found["id"].tolist() == _expected(every[every["category"] == cat], limit), cat
    for (stage, cat), cell in every.dropna(subset=["category"]).groupby(["stage", "category"]):
        found = data.cell_items(store, 1, "stage", stage, cat, limit=limit)
        assert found["id"].tolist() == _expected(cell, limit), (stage, cat)
