"""Writes are checked on the server side: a viewer's transaction is refused and changes nothing."""

from __future__ import annotations

import pytest

from cxdash.access import CURRENT_ACTOR, Actor, Role
from cxdash.errors import PermissionDenied
from cxdash.storage.audit import list_audit, record
from cxdash.storage.backup import table_fingerprints


@pytest.fixture
def as_actor():
    tokens = []

    def use(name: str, role: Role) -> None:
        tokens.append(CURRENT_ACTOR.set(Actor(name, role)))

    yield use
    for token in reversed(tokens):
        CURRENT_ACTOR.reset(token)


def test_viewer_cannot_write(store, as_actor):
    before = table_fingerprints(store)
    as_actor("mgr", Role.VIEWER)
    with pytest.raises(PermissionDenied), store.transaction() as tx:
        tx.execute("DELETE FROM touchpoints")
    assert table_fingerprints(store) == before


@pytest.mark.parametrize(
    ("role", "needs", "allowed"),
    [
        (Role.EDITOR, Role.EDITOR, True),
        (Role.EDITOR, Role.ADMIN, False),
        (Role.ADMIN, Role.ADMIN, True),
        (Role.VIEWER, Role.RESPONDENT, True),
        (Role.RESPONDENT, Role.EDITOR, False),
    ],
)
def test_role_ranks(store, as_actor, role, needs, allowed):
    as_actor("someone", role)
    if allowed:
        with store.transaction(needs) as tx:
            tx.execute("SELECT 1")
    else:
        with pytest.raises(PermissionDenied), store.transaction(needs):
            pass


def test_audit_entries_carry_the_actor(store, as_actor):
    as_actor("lin", Role.EDITOR)
    with store.transaction() as tx:
        record(tx, "touchpoint.rename", "touchpoint", "app", old="App", new="App 自助")
    entry = list_audit(store, actor="lin").iloc[0]
    assert (entry.actor, entry.role, entry.action, entry.entity_id) == (
        "lin",
        "editor",
        "touchpoint.rename",
        "app",
    )
    assert list_audit(store, actor="nobody").empty


def test_every_write_is_audited_with_its_caller(store, as_actor):
    import pandas as pd

    from cxdash.storage.feedback import insert_batch

    as_actor("kim", Role.EDITOR)
    insert_batch(store, pd.DataFrame({"text": ["slow"]}), {"file_name": "a.csv"})
    entries = list_audit(store, actor="kim")
    assert entries.action.tolist() == ["cxdash.storage.feedback.insert_batch"]


def test_an_explicit_entry_replaces_the_automatic_one(store, as_actor):
    as_actor("kim", Role.EDITOR)
    with store.transaction() as tx:
        tx.execute("UPDATE touchpoints SET name_en = 'App' WHERE key = 'app'")
        record(tx, "touchpoint.rename", "touchpoint", "app")
    assert list_audit(store, actor="kim").action.tolist() == ["touchpoint.rename"]
