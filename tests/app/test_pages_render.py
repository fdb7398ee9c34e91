"""Every page in the navigation renders without an exception, on an empty and a demo workspace."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch
from cxdash.ui.nav import PAGES

SCRIPTS = [p.script for p in PAGES]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("script", SCRIPTS)
def test_page_renders_on_empty_workspace(db_path, run_page, script, lang):
    at = run_page(script, lang=lang)
    assert not at.exception, at.exception
    assert at.title, f"{script} shows no title"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("script", SCRIPTS)
def test_page_renders_on_demo_workspace(demo_db, run_page, script, lang):
    at = run_page(script, lang=lang)
    assert not at.exception, at.exception
    assert at.title, f"{script} shows no title"


def test_overview_shows_headline_counts_of_the_demo(demo_db, run_page):
    at = run_page("pages/overview.py", lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Feedback items"] == "20,000"


def test_overview_empty_state_says_what_to_do(db_path, run_page):
    at = run_page("pages/overview.py", lang="en")
    assert any("Import" in info.value for info in at.info)


@pytest.fixture
def undated_db(db_path):
    """A first import of reviews with text and rating but no dates, and nothing else."""
    store = open_store(db_path)
    reviews = pd.DataFrame(
        {
            "text": ["安装师傅迟到两天", "账单多扣了钱", "网速很快，满意", "Great support"] * 10,
            "rating": [1.0, 2.0, 5.0, 4.0] * 10,
        }
    )
    insert_batch(store, reviews, {"file_name": "reviews.csv"})
    store.close()
    return db_path


@pytest.mark.parametrize("script", SCRIPTS)
def test_page_renders_on_a_first_import_without_dates(undated_db, run_page, script):
    at = run_page(script, lang="en")
    assert not at.exception, at.exception
    assert at.title, f"{script} shows no title"
