"""Concurrent sessions writing through one server process: no lost or torn writes."""

from __future__ import annotations

import threading

import pandas as pd

from cxdash.storage.feedback import count_feedback, insert_batch

THREADS = 8
WRITES = 25


def _old_rows(store, last_id):
    return store.rows(
        "SELECT count(*), coalesce(bit_xor(hash(f::VARCHAR)), 0)::VARCHAR FROM feedback f"
        " WHERE id <= ?",
        [last_id],
    )[0]


def test_parallel_sessions_each_write_their_batches(demo_store, ledger):
    last_id = demo_store.scalar("SELECT max(id) FROM feedback")
    before_count, before_old = count_feedback(demo_store), _old_rows(demo_store, last_id)
    errors: list[BaseException] = []

    def session(n: int) -> None:
        try:
            for i in range(WRITES):
                items = pd.DataFrame({"text": [f"session {n} item {i}"] * 3})
                insert_batch(demo_store, items, {"file_name": f"s{n}-{i}.csv"})
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=session, args=(n,)) for n in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    expected = before_count + THREADS * WRITES * 3
    lost = abs(expected - count_feedback(demo_store))
    lost += 0 if _old_rows(demo_store, last_id) == before_old else 1
    ledger.note("concurrency", f"{THREADS} sessions × {WRITES} imports at once", lost)


def test_readers_see_whole_batches_only(demo_store, ledger):
    seen_partial = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            counts = demo_store.rows(
                "SELECT batch_id, count(*) FROM feedback WHERE batch_id > 1 GROUP BY batch_id"
            )
            seen_partial.extend(c for _, c in counts if c != 500)

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        for i in range(20):
            insert_batch(demo_store, pd.DataFrame({"text": [f"b{i}"] * 500}), {"file_name": f"{i}"})
    finally:
        stop.set()
        watcher.join()
    ledger.note(
        "concurrency", "a reader during 20 imports never sees half a batch", len(seen_partial)
    )
