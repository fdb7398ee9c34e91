"""Optimistic version checks: a stale save is refused with the current values."""

from __future__ import annotations

import pytest

from cxdash.errors import NotFound, StaleEdit
from cxdash.i18n import translate
from cxdash.storage.versioned import update_versioned


@pytest.fixture
def notes(store):
    with store.transaction() as tx:
        tx.execute("CREATE TABLE notes (id INTEGER, body VARCHAR, version INTEGER DEFAULT 1)")
        tx.execute("INSERT INTO notes (id, body) VALUES (1, 'first')")
    return store


def test_save_from_the_current_version_bumps_it(notes):
    with notes.transaction() as tx:
        assert update_versioned(tx, "notes", "id", 1, 1, {"body": "second"}) == 2
    assert notes.rows("SELECT body, version FROM notes") == [("second", 2)]


def test_second_window_saving_an_old_version_is_refused_with_the_current_value(notes):
    with notes.transaction() as tx:
        update_versioned(tx, "notes", "id", 1, 1, {"body": "from window A"})
    with pytest.raises(StaleEdit) as caught, notes.transaction() as tx:
        update_versioned(tx, "notes", "id", 1, 1, {"body": "from window B"})
    assert caught.value.params["current"]["body"] == "from window A"
    assert "version 2" in translate(caught.value.key, "en", **caught.value.params)
    assert notes.rows("SELECT body, version FROM notes") == [("from window A", 2)]


def test_saving_a_deleted_record_says_so(notes):
    with pytest.raises(NotFound), notes.transaction() as tx:
        update_versioned(tx, "notes", "id", 99, 1, {"body": "x"})


def test_identifiers_must_be_plain(notes):
    with pytest.raises(ValueError), notes.transaction() as tx:
        update_versioned(tx, "notes; DROP TABLE notes", "id", 1, 1, {"body": "x"})
