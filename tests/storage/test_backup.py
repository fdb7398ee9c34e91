"""Backups: a lossless round trip, verified restores, automatic rotation, and the CLI."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from cxdash.backup import auto_backup, create_backup, restore_backup, verify_backup
from cxdash.cli import main
from cxdash.errors import InvalidInput
from cxdash.storage.audit import list_audit
from cxdash.storage.backup import table_fingerprints


def test_round_trip_is_lossless_table_by_table(demo_store, tmp_path):
    before = table_fingerprints(demo_store)
    backup = create_backup(demo_store, tmp_path / "backups")
    with demo_store.transaction() as tx:
        tx.execute("DELETE FROM feedback WHERE id % 3 = 0")
        tx.execute("DELETE FROM touchpoints")
    assert table_fingerprints(demo_store) != before
    restore_backup(demo_store, backup)
    after = table_fingerprints(demo_store)
    audit_before, audit_after = before.pop("audit_log"), after.pop("audit_log")
    assert after == before
    assert after["feedback"][0] == 20_000
    # The audit log keeps the deletions made after the backup, and the restore itself.
    assert audit_after[0] == audit_before[0] + 2
    assert list_audit(demo_store).iloc[0].action == "workspace.restore"


def test_restored_sequences_continue_after_the_restored_ids(demo_store, tmp_path):
    backup = create_backup(demo_store, tmp_path)
    restore_backup(demo_store, backup)
    with demo_store.transaction() as tx:
        new_id = tx.execute("INSERT INTO feedback (text) VALUES ('new') RETURNING id").fetchone()[0]
    assert new_id > 20_000


def _rewrite(source, target, damage):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, damage(info.filename, data))


@pytest.mark.parametrize(
    ("damage", "key"),
    [
        (
            lambda name, data: data[:-10] + b"0123456789" if name == "feedback.parquet" else data,
            "backup.checksum_mismatch",
        ),
        (lambda name, data: b"{}" if name == "manifest.json" else data, "backup.no_manifest"),
    ],
)
def test_damaged_backup_is_refused_and_nothing_changes(demo_store, tmp_path, damage, key):
    good = create_backup(demo_store, tmp_path)
    bad = tmp_path / "bad.zip"
    _rewrite(good, bad, damage)
    with demo_store.transaction() as tx:
        tx.execute("DELETE FROM feedback WHERE id <= 100")
    before = table_fingerprints(demo_store)
    with pytest.raises(InvalidInput) as caught:
        restore_backup(demo_store, bad)
    assert caught.value.key == key
    assert table_fingerprints(demo_store) == before


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(InvalidInput) as caught:
        verify_backup(fake)
    assert caught.value.key == "backup.not_a_backup"


def test_automatic_backups_keep_the_newest(store, tmp_path):
    folder = tmp_path / "auto"
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(5):
        auto_backup(store, folder, keep=3, now=start + timedelta(days=day))
    assert auto_backup(store, folder, keep=3, now=start + timedelta(days=4, hours=2)) is None
    names = sorted(p.name for p in folder.glob("*.zip"))
    assert names == [f"cxdash-auto-2026010{d}.zip" for d in (3, 4, 5)]


def test_cli_backup_and_restore(demo_db, tmp_path, capsys):
    assert main(["backup", "--db", str(demo_db), "--out", str(tmp_path / "b")]) == 0
    made = next((tmp_path / "b").glob("*.zip"))
    assert main(["restore", str(made), "--db", str(demo_db)]) == 0
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"garbage")
    assert main(["restore", str(bad), "--db", str(demo_db)]) == 2
    assert "bad.zip" in capsys.readouterr().err


def test_a_backup_someone_makes_is_audited_and_only_admins_record_it(demo_store, tmp_path):
    from cxdash.access import CURRENT_ACTOR, Actor, Role
    from cxdash.errors import PermissionDenied
    from cxdash.storage.backup import record_backup

    made = create_backup(demo_store, tmp_path)
    record_backup(demo_store, made.name, 3)
    entry = list_audit(demo_store).iloc[0]
    assert (entry.action, entry.actor) == ("workspace.backup", "local")
    assert made.name in entry.detail
    token = CURRENT_ACTOR.set(Actor("vic", Role.VIEWER))
    try:
        with pytest.raises(PermissionDenied):
            record_backup(demo_store, made.name, 3)
    finally:
        CURRENT_ACTOR.reset(token)
