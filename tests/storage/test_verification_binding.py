"""Verifications name a real solution: migration 0501 binds old free text; saves refuse others."""

from __future__ import annotations

import pytest

from cxdash.errors import InvalidInput
from cxdash.i18n import translate
from cxdash.solutions import Solution, solution_to_record
from cxdash.storage import db as storage_db
from cxdash.storage import open_store
from cxdash.storage.solutions import save_solution
from cxdash.storage.verifications import list_verifications, load_verification, save_verification

RESULT = {"verdict": "no_change", "test": {"effect": 0.0, "p_value": 0.5}}
METRIC = {"kind": "share", "source": "feedback.category_share", "filters": {}, "better": "lower"}
OLD_ROWS = ("2", "#1", "Faster installs", "billing-error-fix", None)


def _solution(store, title: str) -> int:
    return save_solution(store, solution_to_record(Solution(title, 1, problems=("p",))))


def test_saving_with_an_unknown_solution_is_refused_and_translated(store):
    fix_id = _solution(store, "Billing fix")
    for bad in ("billing-error-fix", "99", 99):
        with pytest.raises(InvalidInput) as caught:
            save_verification(store, 1, "Check", METRIC, {}, RESULT, bad)
        assert caught.value.key == "verify.error.unknown_solution"
    message = translate("verify.error.unknown_solution", "en", solution="99")
    assert message == 'There is no solution "99". Pick an existing solution from the list.'
    assert list_verifications(store).empty
    saved = save_verification(store, 1, "Check", METRIC, {}, RESULT, str(fix_id))
    assert load_verification(store, saved)["solution_id"] == fix_id
    unlinked = save_verification(store, 1, "Unlinked", METRIC, {}, RESULT, "  ")
    assert load_verification(store, unlinked)["solution_id"] is None


def test_migration_binds_ids_and_titles_and_keeps_the_old_text(db_path, monkeypatch):
    # A workspace made before 0501 (the later, unrelated ones such as the audit log included).
    earlier = [m for m in storage_db.load_migrations() if not m.name.startswith("0501")]
    monkeypatch.setattr(storage_db, "load_migrations", lambda: earlier)
    old = open_store(db_path)
    _solution(old, "Billing fix")
    _solution(old, "Faster installs")
    with old.transaction() as tx:
        for n, ref in enumerate(OLD_ROWS):
            tx.execute(
                "INSERT INTO verifications (cycle_id, solution_id, title, metric, inputs, result,"
                " verdict) VALUES (1, ?, ?, '{}', '{}', '{}', 'no_change')",
                [ref, f"v{n}"],
            )
    old.close()
    monkeypatch.undo()
    migrated = open_store(db_path)
    try:
        assert "0501_verification_solution" in migrated.applied_migrations()
        rows = migrated.df(
            "SELECT title, solution_id, solution_label FROM verifications ORDER BY id"
        )
        assert rows["solution_id"].tolist()[:3] == [2, 1, 2]
        assert rows["solution_id"].isna().tolist() == [False, False, False, True, True]
        assert rows["solution_label"].tolist()[:4] == list(OLD_ROWS[:4])
        assert list_verifications(migrated)["solution_title"].tolist()[2:] == [
            "Faster installs",
            "Billing fix",
            "Faster installs",
        ]
    finally:
        migrated.close()
