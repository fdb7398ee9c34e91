"""A viewer clicks every button on every page it can open, and nothing in the workspace changes."""

from __future__ import annotations

import pytest
from streamlit.proto.Dataframe_pb2 import Dataframe

from cxdash.access import Actor, Role
from cxdash.auth import hash_password
from cxdash.i18n import translate
from cxdash.storage import open_store
from cxdash.storage.backup import table_fingerprints
from cxdash.storage.meetings import list_meetings
from cxdash.storage.solutions import list_solutions
from cxdash.storage.users import save_user
from cxdash.ui.nav import PAGES

VIEWER = Actor("vic", Role.VIEWER)
LOGS = {"audit_log", "login_attempts"}
REFUSAL = translate("auth.not_allowed", "en", user="vic", role="viewer")
VIEWER_PAGES = [p.script for p in PAGES if VIEWER.may(p.needs) and not p.hidden]


def _content(store):
    return {k: v for k, v in table_fingerprints(store).items() if k not in LOGS}


def _editable_grids(at) -> list[str]:
    """Return the ids of data editors a viewer could still type into or add rows to."""
    found: list[str] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            editor = child.type == "dataframe" and proto is not None and proto.editing_mode
            if editor and (not proto.disabled or proto.editing_mode != Dataframe.EditingMode.FIXED):
                found.append(proto.id)
            walk(child)

    walk(at._tree)
    return found


def _click_every_enabled_button(at, script: str) -> None:
    """Press every enabled button of the page once; none may be refused as a write."""
    index = 0
    while index < len(at.button):
        button = at.button[index]
        index += 1
        if button.disabled or button.key == "logout":
            continue  # a browser user cannot press a disabled one; logging out ends the test
        label = button.label
        button.click().run()
        assert not at.exception, (script, index, at.exception)
        # A write control a viewer can press is a trap: it must be hidden or disabled.
        refused = [e.value for e in at.error if e.value.startswith(REFUSAL)]
        assert not refused, (script, label, refused)


def _press_everything_and_find_nothing_changed(at, script: str, db, before) -> None:
    """No grid takes typing, no enabled button is a write, and the workspace is unchanged."""
    assert not _editable_grids(at), script
    _click_every_enabled_button(at, script)
    store = open_store(db)
    try:
        assert _content(store) == before, script
    finally:
        store.close()


@pytest.fixture
def viewer_workspace(demo_db):
    store = open_store(demo_db)
    save_user(store, "ada", Role.ADMIN, hash_password("admin-pass-1"))
    save_user(store, "vic", Role.VIEWER, hash_password("viewer-pass-1"))
    before = _content(store)
    store.close()
    return demo_db, before


@pytest.mark.parametrize("script", VIEWER_PAGES)
def test_viewer_clicking_everything_changes_nothing(viewer_workspace, run_page, script):
    db, before = viewer_workspace
    at = run_page("pages/overview.py", lang="en", session={"actor": VIEWER})
    if script != "pages/overview.py":
        at.switch_page(script).run()
    assert at.title[0].value != "Log in"
    _press_everything_and_find_nothing_changed(at, script, db, before)


# Pages whose write controls only appear once a record is open: open the newest, then press.
OPENED = [
    ("pages/solutions.py", "solution_pick", list_solutions),
    ("pages/meetings.py", "meeting_pick", list_meetings),
]


@pytest.mark.parametrize(("script", "picker", "listing"), OPENED)
def test_viewer_with_a_record_open_meets_no_enabled_write_control(
    viewer_workspace, run_page, script, picker, listing
):
    db, before = viewer_workspace
    store = open_store(db)
    newest = int(listing(store).iloc[0]["id"])  # both pages list every cycle's records
    store.close()
    at = run_page("pages/overview.py", lang="en", session={"actor": VIEWER})
    at.switch_page(script).run()
    at.session_state[picker] = newest
    at.run()
    assert not at.exception
    assert at.selectbox(key=picker).value == newest
    _press_everything_and_find_nothing_changed(at, script, db, before)


def test_viewer_sees_the_journey_table_read_only(viewer_workspace, run_page):
    at = run_page("pages/overview.py", lang="en", session={"actor": VIEWER})
    at.switch_page("pages/journeys.py").run()
    at.session_state["journey_view"] = "table"
    at.run()
    assert not at.exception
    grids = [e for e in at.get("dataframe") if getattr(e, "proto", None) and e.proto.editing_mode]
    assert grids, "the table method shows its grid"
    assert not _editable_grids(at)


def test_an_editor_can_type_into_the_journey_table(demo_db, run_page):
    at = run_page("pages/journeys.py", lang="en")
    at.session_state["journey_view"] = "table"
    at.run()
    assert not at.exception
    assert _editable_grids(at), "without users the local admin edits the grid"
