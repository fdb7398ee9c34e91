"""The workspace page backs up and refuses nothing silently."""

from __future__ import annotations


def test_backup_button_writes_a_backup_zip(demo_db, run_page):
    at = run_page("pages/workspace.py", lang="en")
    at.button(key="backup_now").click().run()
    assert not at.exception
    assert at.success and "Backup created" in at.success[0].value
    assert list((demo_db.parent / "backups").glob("cxdash-2*.zip"))


def test_first_visit_of_the_day_makes_an_automatic_backup(demo_db, run_page):
    run_page("pages/overview.py")
    assert list((demo_db.parent / "backups").glob("cxdash-auto-*.zip"))
