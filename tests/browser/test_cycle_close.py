"""In a real browser: closing a verified cycle opens the next one with the carried problems."""

from __future__ import annotations

import shutil

from cxdash.storage import open_store
from cxdash.storage.loop import set_step
from tests.browser.conftest import assert_no_exception, wait_for_app


def test_closing_a_cycle_opens_the_next_with_carried_problems(
    page, start_server, demo_template, tmp_path
):
    db = tmp_path / "closing.duckdb"
    shutil.copy(demo_template, db)
    store = open_store(db)
    set_step(store, 2, 8, "done")  # cycle 2's verification is signed off
    store.close()
    url = start_server(db)
    page.goto(f"{url}/cycles?lang=en")
    wait_for_app(page)
    page.get_by_label("New problems found during verification (one per line)").fill(
        "Roaming bill shock"
    )
    page.get_by_role("button", name="Close cycle 2 and open the next").click()
    page.wait_for_function(
        "() => (document.querySelector('[data-testid=\"stMain\"]')?.innerText || '')"
        ".includes('Cycle 3 is open')"
    )
    wait_for_app(page)
    assert_no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    assert "Problems carried in from the previous round" in text
    # the next close form starts from the still-open carried problems, shown as chips
    page.wait_for_function(
        "() => { const main = document.querySelector('[data-testid=\"stMain\"]')?.innerText || '';"
        " return main.includes('Roaming bill shock') && main.includes('Slow broadband'); }",
        timeout=120_000,
    )
