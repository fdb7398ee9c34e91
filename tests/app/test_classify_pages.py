"""Step 2 pages in AppTest: loading a taxonomy, the review queue and the dimension pivot."""

from __future__ import annotations

from cxdash.storage import open_store
from cxdash.storage.labels import labels_of


def test_taxonomy_page_loads_the_builtin_on_an_empty_workspace(db_path, run_page):
    at = run_page("pages/taxonomy.py", lang="en")
    assert any("no taxonomy" in i.value for i in at.info)
    at.button(key="builtin_telecom").click().run()
    assert not at.exception
    assert any("version v1" in c.value for c in at.caption)


def test_review_queue_correction_is_saved_as_human(demo_db, run_page):
    at = run_page("pages/classify.py", lang="en")
    assert not at.exception
    first = next(s.key for s in at.selectbox if s.key and s.key.startswith("fix_"))
    fid = int(first.split("_")[1])
    at.selectbox(key=first).select_index(1)
    at.button(key=f"fix_save_{fid}").click().run()
    assert not at.exception
    opened = open_store(demo_db)
    saved = labels_of(opened, [fid]).iloc[0]
    assert (saved["category"], saved["category_origin"]) == ("billing_error", "human")


def test_dimensions_page_lists_the_planted_billing_spike(demo_db, run_page):
    at = run_page("pages/dimensions.py", lang="en")
    assert not at.exception
    assert any(frame.value.shape[0] > 10 for frame in at.dataframe)


def test_dimensions_page_compares_the_month_the_user_picks(demo_db, run_page):
    at = run_page("pages/dimensions.py", lang="en")
    months = at.selectbox(key="dim_month").options
    assert months == sorted(months, reverse=True) and len(months) >= 2
    assert any(c.value.startswith(f"{months[0]} against") for c in at.caption)
    at.selectbox(key="dim_month").select(months[1]).run()
    assert not at.exception
    assert any(c.value.startswith(f"{months[1]} against {months[2]}") for c in at.caption)


def test_review_queue_opens_each_picker_on_the_model_suggestion(demo_db, run_page):
    # "Confirm" without touching the picker keeps the suggested category, not the first one.
    at = run_page("pages/classify.py", lang="en")
    pickers = [s for s in at.selectbox if s.key and s.key.startswith("fix_")]
    assert pickers
    opened = open_store(demo_db)
    ids = [int(s.key.split("_")[1]) for s in pickers]
    suggested = labels_of(opened, ids).set_index("feedback_id")["category"]
    opened.close()
    for picker, fid in zip(pickers, ids, strict=True):
        assert picker.value == suggested[fid]
    assert any(p.index != 0 for p in pickers)  # not all suggestions are the first category
