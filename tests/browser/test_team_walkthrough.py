"""Team use end to end, as a new user tries it: users, roles, backup, loss, restore, audit log.

An admin configures a viewer and an editor on the Users page; each logs in in a browser of its
own. The viewer can change nothing; the editor edits a solution. The admin backs up, the editor
deletes a batch of feedback rows (undo import), the admin restores, and everything is back, table
by table. The audit log export tells the whole story.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cxdash.backup import restore_backup
from cxdash.storage import open_store
from cxdash.storage.backup import table_fingerprints
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.solutions import list_solutions, load_solution
from tests.browser.conftest import (
    ROOT,
    _free_port,
    _wait_healthy,
    assert_no_exception,
    wait_for_app,
)

LOGS = {"audit_log", "login_attempts"}
PASSWORDS = {"ada": "admin-pass-1", "vic": "viewer-pass-1", "eve": "editor-pass-1"}


@pytest.fixture
def served(tmp_path: Path, demo_template: Path) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """The app on a private demo copy, in a server this test can stop to read the file."""
    db = tmp_path / "team.duckdb"
    shutil.copy(demo_template, db)
    port = _free_port()
    env = {**os.environ, "CXDASH_DB": str(db), "CXDASH_BACKUPS": str(tmp_path / "backups")}
    cmd = [sys.executable, "-m", "cxdash.ui.serve", "--server.address", "127.0.0.1"]
    cmd += ["--server.port", str(port), "--server.headless", "true"]
    cmd += ["--browser.gatherUsageStats", "false"]
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url, db, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


@pytest.fixture
def people(browser) -> Iterator[dict[str, object]]:
    """One browser context per person: the admin, the viewer and the editor."""
    contexts = {
        name: browser.new_context(
            viewport={"width": 1400, "height": 1000}, locale="en-US", accept_downloads=True
        )
        for name in ("ada", "vic", "eve")
    }
    pages = {name: context.new_page() for name, context in contexts.items()}
    for opened in pages.values():
        opened.set_default_timeout(120_000)
    yield pages
    for context in contexts.values():
        context.close()


def _go(page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}?lang=en")
    wait_for_app(page)
    assert_no_exception(page)


def _nav(page, title: str, path: str) -> None:
    """Open a page through the sidebar, in the same session (a reload would log out).

    A person already on the page does not click its link again: that click reruns the page as a
    page switch, which clears whatever widget (an upload, a picked option) is set meanwhile.
    """
    if re.search(rf"/{path}(\?.*)?$", page.url):
        wait_for_app(page)
        return
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(rf"/{path}(\?.*)?$"), wait_until="commit")
    wait_for_app(page)
    assert_no_exception(page)


def _log_in(page, url: str, path: str, name: str) -> None:
    _go(page, url, path)
    assert page.locator("h1").first.inner_text().strip() == "Log in"
    page.get_by_role("textbox", name="User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Log in").click()
    page.locator('[data-testid="stSidebar"]').get_by_text(f"{name} (").wait_for()
    wait_for_app(page)


def _add_user(page, name: str, role: str) -> None:
    form = page.get_by_test_id("stForm")
    form.get_by_role("textbox", name="User name").fill(name)
    form.get_by_role("combobox", name="Role").click()
    page.get_by_role("option", name=role, exact=True).click()
    form.get_by_role("textbox", name="Password").fill(PASSWORDS[name])
    form.get_by_role("button", name="Save user").click()
    page.get_by_text(f"Saved user {name}.").wait_for()


def _open_solution(page, solution_id: int, title: str) -> None:
    _nav(page, "Solutions", "solutions")
    page.get_by_role("combobox", name="Open solution").click()
    page.get_by_role("option", name=f"#{solution_id} {title}", exact=True).click()
    page.locator(f".st-key-solution_title_{solution_id} input").wait_for()


def _all_feedback_shown(page) -> bool:
    """Open the explorer and return whether it shows all 20,000 demo items."""
    _nav(page, "Explore feedback", "feedback")
    main = page.locator('[data-testid="stMain"]')
    answer = main.get_by_text("Matching:").or_(main.get_by_text("has no feedback yet"))
    answer.first.wait_for()
    return main.get_by_text("Matching: 20,000 items").count() == 1


def _history(page) -> None:
    _nav(page, "Import", "import")
    page.get_by_role("tab", name="Import history").click()


def _download(page, button: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(target)
    return target


def _solution(db: Path) -> tuple[int, str, int]:
    store = open_store(db)
    try:
        first = list_solutions(store, current_cycle_id(store)).iloc[0]
        version = load_solution(store, int(first["id"]))["version"]
        return int(first["id"]), str(first["title"]), int(version)
    finally:
        store.close()


def test_viewer_editor_backup_loss_restore_and_audit(served, people, tmp_path):
    url, db, server = served
    ada, vic, eve = people["ada"], people["vic"], people["eve"]
    solution_id, title, version = _solution(db)

    # Without users the workspace is open; the first user (an admin) turns logging in on.
    _go(ada, url, "users")
    _add_user(ada, "ada", "Admin")
    _log_in(ada, url, "users", "ada")
    _add_user(ada, "vic", "Viewer (read-only)")
    _add_user(ada, "eve", "Editor (CX team)")

    # The viewer reads, but its write controls are disabled and admin pages are not listed.
    _log_in(vic, url, "solutions", "vic")
    sidebar = vic.locator('[data-testid="stSidebar"]').inner_text()
    assert "Workspace" not in sidebar and "Audit log" not in sidebar
    _open_solution(vic, solution_id, title)
    expect(vic.get_by_test_id("stForm").get_by_role("button", name="Save")).to_be_disabled()
    _history(vic)
    vic.get_by_text("Yes, delete all items of this batch").click()
    expect(vic.get_by_role("button", name="Undo import")).to_be_disabled()

    # The editor changes a solution.
    _log_in(eve, url, "solutions", "eve")
    _open_solution(eve, solution_id, title)
    eve.locator(f".st-key-solution_title_{solution_id} input").fill("Edited by eve")
    eve.get_by_test_id("stForm").get_by_role("button", name="Save", exact=True).click()
    eve.get_by_text(f"version {version + 1}").first.wait_for()
    assert _all_feedback_shown(eve)

    # The admin backs up and keeps the file.
    _nav(ada, "Workspace", "workspace")
    ada.get_by_role("button", name="Back up now").click()
    ada.get_by_text("Backup created").wait_for()
    backup = _download(ada, "Download the backup", tmp_path / "backup.zip")

    # The editor deletes a batch of feedback rows.
    _history(eve)
    eve.get_by_text("Yes, delete all items of this batch").click()
    eve.get_by_role("button", name="Undo import").click()
    eve.get_by_text("items deleted").wait_for()
    assert not _all_feedback_shown(eve)

    # The admin restores the backup; the editor sees everything back.
    _nav(ada, "Workspace", "workspace")
    uploader = ada.locator('[data-testid="stFileUploader"]')
    uploader.locator("input[type=file]").set_input_files(backup)
    # The upload reruns the page; tick the confirmation only once the file is listed.
    expect(uploader.get_by_text(backup.name)).to_be_visible(timeout=120_000)
    wait_for_app(ada)
    ada.get_by_text("I understand that restoring replaces all data").click()
    restore = ada.get_by_role("button", name="Restore", exact=True)
    expect(restore).to_be_enabled(timeout=120_000)
    restore.click()
    ada.get_by_text("Restored the backup of").wait_for()
    _open_solution(eve, solution_id, "Edited by eve")
    assert _all_feedback_shown(eve)

    # The audit log (exported by the admin) holds all of it, with who did it.
    _nav(ada, "Audit log", "audit")
    exported = _download(ada, "Export CSV", tmp_path / "audit.csv")
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    done = {(r["actor"], r["action"]) for r in rows}
    for expected in [
        ("local", "user.save"),
        ("ada", "user.save"),
        ("eve", "solution.save"),
        ("ada", "workspace.backup"),
        ("eve", "cxdash.storage.batches.undo_batch"),
        ("ada", "workspace.restore"),
    ]:
        assert expected in done, expected
    # A login is recorded before the session has a user: the entry names who logged in.
    logins = {r["entity_id"] for r in rows if r["action"] == "user.login"}
    assert {"ada", "vic", "eve"} <= logins
    assert not any(r["actor"] == "vic" and r["action"] != "user.login" for r in rows)

    # Table by table, the workspace equals the backup (logs aside, which keep growing).
    server.terminate()
    server.wait(timeout=30)
    reference = open_store(tmp_path / "reference.duckdb")
    restore_backup(reference, backup)
    expected_tables = {k: v for k, v in table_fingerprints(reference).items() if k not in LOGS}
    reference.close()
    final = open_store(db)
    try:
        assert {k: v for k, v in table_fingerprints(final).items() if k not in LOGS} == (
            expected_tables
        )
    finally:
        final.close()
