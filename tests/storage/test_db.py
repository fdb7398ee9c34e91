"""The workspace database: migrations, transactions and clear errors on bad files."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import StorageError
from cxdash.storage import open_store
from cxdash.storage.db import Migration, load_migrations
from cxdash.storage.feedback import count_feedback, insert_batch


def test_fresh_database_applies_every_migration(store):
    assert store.applied_migrations() == [m.name for m in load_migrations()]


def test_migrate_is_idempotent(store):
    assert store.migrate() == []


def test_upgrade_keeps_existing_data(db_path):
    first = open_store(db_path)
    insert_batch(first, pd.DataFrame({"text": ["slow line"]}), {"file_name": "a.csv"})
    extra = Migration("9999_test_extra", "CREATE TABLE later_feature (id INTEGER);")
    assert first.migrate([*load_migrations(), extra]) == ["9999_test_extra"]
    assert count_feedback(first) == 1
    first.close()


def test_failed_migration_leaves_no_trace(store):
    broken = Migration("9998_broken", "CREATE TABLE half_done (id INTEGER); SELECT * FROM nowhere;")
    with pytest.raises(StorageError):
        store.migrate([broken])
    assert "9998_broken" not in store.applied_migrations()
    assert (
        store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name='half_done'")
        == 0
    )


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.execute("INSERT INTO feedback (text) VALUES ('kept?')")
        raise RuntimeError("boom")
    assert count_feedback(store) == 0


def test_foreign_file_is_refused_with_a_clear_error(tmp_path):
    foreign = tmp_path / "notes.duckdb"
    foreign.write_bytes(b"this is not a database" * 500)
    with pytest.raises(StorageError) as caught:
        open_store(foreign)
    assert caught.value.key in {"storage.corrupt", "storage.failed"}


def test_insert_batch_records_batch_and_items(store):
    items = pd.DataFrame({"text": ["a", "b"], "channel": ["hotline", "store"]})
    batch_id = insert_batch(store, items, {"file_name": "x.csv", "rows_imported": 2})
    assert store.scalar("SELECT count(*) FROM feedback WHERE batch_id = ?", [batch_id]) == 2
