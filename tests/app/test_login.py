"""Logging in: off without users, required with them, rate-limited, and viewers write nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cxdash.access import Role
from cxdash.auth import MAX_FAILURES, authenticate, hash_password, wait_before_next_try
from cxdash.errors import PermissionDenied
from cxdash.storage.backup import table_fingerprints
from cxdash.storage.users import save_user


@pytest.fixture
def team(demo_store):
    save_user(demo_store, "ada", Role.ADMIN, hash_password("admin-pass-1"))
    save_user(demo_store, "vic", Role.VIEWER, hash_password("viewer-pass-1"))
    save_user(demo_store, "eve", Role.EDITOR, hash_password("editor-pass-1"))
    return demo_store


def _log_in(at, name, password):
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return at


def test_no_login_without_users(demo_db, run_page):
    at = run_page("pages/overview.py")
    assert at.title[0].value == "Overview"


def test_users_make_login_required_and_a_wrong_password_is_refused(team, run_page):
    at = run_page("pages/overview.py")
    assert at.title[0].value == "Log in"
    _log_in(at, "vic", "wrong-password")
    assert "wrong" in at.error[0].value
    _log_in(at, "vic", "viewer-pass-1")
    assert at.title[0].value == "Overview"


def test_viewer_does_not_get_admin_pages(team, run_page):
    at = _log_in(run_page("pages/overview.py"), "vic", "viewer-pass-1")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/workspace.py")


def test_editor_cannot_manage_users_through_the_storage_layer(team):
    from cxdash.access import CURRENT_ACTOR, Actor

    token = CURRENT_ACTOR.set(Actor("eve", Role.EDITOR))
    try:
        before = table_fingerprints(team)
        with pytest.raises(PermissionDenied):
            save_user(team, "mallory", Role.ADMIN, hash_password("whatever-1"))
        assert table_fingerprints(team) == before
    finally:
        CURRENT_ACTOR.reset(token)


def test_failed_logins_lock_the_name_for_a_while(team):
    now = datetime(2026, 11, 1, 9, 0)
    for i in range(MAX_FAILURES):
        with pytest.raises(PermissionDenied):
            authenticate(team, "vic", "nope", now + timedelta(seconds=i))
    with pytest.raises(PermissionDenied) as caught:
        authenticate(team, "vic", "viewer-pass-1", now + timedelta(minutes=1))
    assert caught.value.key == "auth.locked"
    assert (
        authenticate(team, "vic", "viewer-pass-1", now + timedelta(minutes=20)).role is Role.VIEWER
    )


def test_wait_grows_only_after_the_limit():
    now = datetime(2026, 1, 1, 12, 0)
    fails = [now - timedelta(minutes=m) for m in (10, 8, 6, 4)]
    assert wait_before_next_try(fails, now) == timedelta(0)
    assert wait_before_next_try([*fails, now], now) == timedelta(minutes=5)


def test_a_page_run_without_app_py_still_asks_for_a_login(team, run_page, monkeypatch):
    monkeypatch.setenv("CXDASH_TEST_LEGACY_PAGES", "1")
    at = run_page("pages/workspace.py")
    assert at.title[-1].value == "Log in"
    assert not at.dataframe
