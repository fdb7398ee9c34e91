"""Concurrent sessions writing through one server process: no lost or torn writes."""

from __future__ import annotations

import threading

import pandas as pd

from cxdash.storage.feedback import count_feedback, insert_batch

THREADS = 8
WRITES = 25


def _all_at_once(session) -> None:
    """Run session(n) for n in 0..THREADS-1 in parallel threads and wait for all of them."""
    workers = [threading.Thread(target=session, args=(n,)) for n in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


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

    _all_at_once(session)
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


def test_parallel_saves_of_one_solution_keep_exactly_one(demo_store, ledger):
    from dataclasses import replace

    from cxdash.errors import StaleEdit
    from cxdash.solutions import solution_from_record, solution_to_record
    from cxdash.storage.backup import table_fingerprints
    from cxdash.storage.solutions import list_solutions, load_solution, save_solution

    solution_id = int(list_solutions(demo_store).iloc[0]["id"])
    record = load_solution(demo_store, solution_id)
    opened = solution_from_record(record)
    before = table_fingerprints(demo_store)
    saved: list[int] = []
    refused: list[StaleEdit] = []
    errors: list[BaseException] = []

    def session(n: int) -> None:
        try:
            edited = replace(opened, title=f"saved by session {n}")
            save_solution(demo_store, solution_to_record(edited))
            saved.append(n)
        except StaleEdit as err:
            refused.append(err)
        except BaseException as exc:
            errors.append(exc)

    _all_at_once(session)
    assert errors == [] and len(saved) == 1 and len(refused) == THREADS - 1
    stored = load_solution(demo_store, solution_id)
    assert stored["version"] == opened.version + 1
    # Every refused session was shown the winner's value, not its own.
    assert {e.params["title"] for e in refused} == {stored["title"]}
    after = table_fingerprints(demo_store)
    changed = {name for name, print_ in before.items() if after.get(name) != print_}
    lost = len(changed - {"solutions", "solution_actions", "audit_log"})
    lost += 0 if stored["title"] == f"saved by session {saved[0]}" else 1
    lost += 0 if stored["actions"] == record["actions"] else 1
    ledger.note("concurrency", f"{THREADS} sessions save one solution from the same version", lost)
