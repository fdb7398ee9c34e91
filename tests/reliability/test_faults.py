"""Faults: a killed writer, a locked, read-only, full, corrupt or foreign database file."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from cxdash.errors import StorageError
from cxdash.storage import open_store
from cxdash.storage.backup import table_fingerprints
from cxdash.storage.feedback import count_feedback, insert_batch

ROOT = Path(__file__).resolve().parents[2]

KILLED_WRITER = """
import sys
import pandas as pd
from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch
store = open_store(sys.argv[1])
items = pd.DataFrame({"text": ["line " + str(i) * 40 for i in range(1_500_000)]})
print("writing", flush=True)
insert_batch(store, items, {"file_name": "huge.csv"})
print("done", flush=True)
"""

HOLDER = """
import sys, time
from cxdash.storage import open_store
store = open_store(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def _spawn(code: str, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, str(db)],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_kill_minus_nine_during_an_import_leaves_no_partial_batch(demo_template, tmp_path, ledger):
    db = tmp_path / "killed.duckdb"
    shutil.copy(demo_template, db)
    before = table_fingerprints(opened := open_store(db))
    opened.close()
    writer = _spawn(KILLED_WRITER, db)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    time.sleep(1.5)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert "done" not in writer.stdout.read()
    reopened = open_store(db)
    after = table_fingerprints(reopened)
    assert reopened.scalar("SELECT count(*) FROM import_batches WHERE file_name = 'huge.csv'") == 0
    reopened.close()
    ledger.note(
        "fault",
        "kill -9 of a process in the middle of a 1.5M-row import",
        0 if after == before else abs(after["feedback"][0] - before["feedback"][0]) or 1,
    )


def test_database_locked_by_another_process_gets_a_clear_error(demo_db, ledger):
    holder = _spawn(HOLDER, demo_db)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(StorageError) as caught:
            open_store(demo_db)
        assert caught.value.key == "storage.in_use"
    finally:
        holder.kill()
        holder.wait(timeout=10)
    with ledger.scenario("fault", "database file locked by another process", open_store(demo_db)):
        pass


def test_read_only_workspace_refuses_writes_and_keeps_data(demo_db, ledger):
    store = open_store(demo_db, read_only=True)
    with ledger.scenario("fault", "write to a workspace opened read-only", store):
        with pytest.raises(StorageError) as caught:
            insert_batch(store, pd.DataFrame({"text": ["x"]}), {"file_name": "x.csv"})
        assert caught.value.key == "storage.read_only"
    store.close()


def _mount_tmpfs(target: Path, size: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def test_full_disk_rolls_back_the_import(tmp_path, ledger):
    disk = tmp_path / "small-disk"
    if not _mount_tmpfs(disk, "6m"):
        pytest.skip("mounting a small tmpfs needs root; the disk-full fault was not injected")
    try:
        store = open_store(disk / "ws.duckdb")
        insert_batch(store, pd.DataFrame({"text": ["kept"] * 100}), {"file_name": "small.csv"})
        items = pd.DataFrame({"text": [f"{i:08d}" * 50 for i in range(400_000)]})
        with ledger.scenario("fault", "disk full in the middle of an import", store):
            with pytest.raises(StorageError) as caught:
                insert_batch(store, items, {"file_name": "big.csv"})
            assert caught.value.key in {"storage.disk_full", "storage.failed"}
        assert count_feedback(store) == 100
        store.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("random bytes named .duckdb", lambda p: p.write_bytes(bytes(range(256)) * 4000)),
        (
            "a SQLite database",
            lambda p: sqlite3.connect(p).execute("create table t(x)").connection.commit(),
        ),
        ("a truncated cxdash database", None),
    ],
)
def test_corrupt_or_foreign_file_is_refused_and_left_as_it_was(
    tmp_path, demo_template, name, make, ledger
):
    target = tmp_path / "given.duckdb"
    if make is None:
        target.write_bytes(demo_template.read_bytes()[: 64 * 1024])
    else:
        make(target)
    original = target.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_store(target)
    assert caught.value.key in {"storage.corrupt", "storage.failed"}
    ledger.note(
        "fault", f"corrupt or foreign database: {name}", 0 if target.read_bytes() == original else 1
    )
