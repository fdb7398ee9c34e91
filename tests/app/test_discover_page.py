"""Discover page: a status box while it runs, the largest clusters first, more on request, reuse."""

from __future__ import annotations

import re

from cxdash.discover import run_discovery
from cxdash.ingest.pipeline import commit, prepare
from cxdash.storage import open_store
from cxdash.storage.clusters import list_clusters, merge_clusters

CARD = re.compile(r"^\*\*Cluster (\d+): \*\*$")


def _cards(at) -> list[int]:
    return [int(m.group(1)) for m in (CARD.match(md.value) for md in at.markdown) if m]


def _run(at, k: int, limit: int = 1_000):
    at.number_input(key="disc_k").set_value(k)
    at.number_input(key="disc_limit").set_value(limit)
    return at.button(key="disc_run").click().run()


def _latest(db) -> int:
    opened = open_store(db)
    try:
        return int(opened.scalar("SELECT max(id) FROM cluster_runs"))
    finally:
        opened.close()


def _members(db, run_id: int) -> list[tuple[int, int]]:
    opened = open_store(db)
    try:
        rows = opened.rows(
            "SELECT feedback_id, cluster_no FROM cluster_members WHERE run_id = ? ORDER BY 1",
            [run_id],
        )
    finally:
        opened.close()
    return [(int(a), int(b)) for a, b in rows]


def test_the_ten_largest_clusters_show_first_and_more_follow_on_request(demo_db, run_page):
    at = _run(run_page("pages/discover.py", lang="en", timeout=300), k=12)
    assert not at.exception
    box = at.status[0]
    assert box.state == "complete"
    assert box.label.startswith("Clustering done: 1000 items, k = 12, in ")
    run_id = _latest(demo_db)
    opened = open_store(demo_db)
    largest = list_clusters(opened, run_id)["cluster_no"].astype(int).tolist()
    opened.close()
    assert len(largest) == 12
    assert _cards(at) == largest[:10]
    assert any("Showing the 10 largest of 12 clusters" in c.value for c in at.caption)

    at.button(key="disc_more").click().run()
    assert not at.exception
    assert _cards(at) == largest
    assert not [b for b in at.button if b.key == "disc_more"]


def test_running_again_with_the_same_settings_reuses_the_same_clusters(demo_db, run_page):
    at = _run(run_page("pages/discover.py", lang="en", timeout=300), k=6)
    first = _latest(demo_db)
    at.button(key="disc_run").click().run()
    assert not at.exception
    box = at.status[0]
    assert box.state == "complete"
    assert any("the earlier result is reused" in md.value for md in box.markdown)
    second = _latest(demo_db)
    assert second == first + 1
    assert _members(demo_db, second) == _members(demo_db, first)

    _run(at, k=5)
    assert not at.exception
    assert not any("reused" in md.value for md in at.status[0].markdown)
    assert len(_cards(at)) == 5


def test_an_import_between_two_runs_is_clustered_again(demo_db, run_page):
    at = _run(run_page("pages/discover.py", lang="en", timeout=300), k=6)
    opened = open_store(demo_db)
    try:
        raw = "text,date\n宽带又断网了，今天第三次,2024-03-01\n".encode()
        assert commit(opened, prepare(opened, raw, "one_more.csv"), classify=False).imported == 1
    finally:
        opened.close()
    at.button(key="disc_run").click().run()
    assert not at.exception
    assert at.status[0].state == "complete"
    assert not any("reused" in md.value for md in at.status[0].markdown)


def test_a_catch_all_cluster_is_pointed_out_with_a_way_forward(demo_db, run_page):
    opened = open_store(demo_db)
    try:
        run_id = run_discovery(opened, {}, None, limit=600)
        numbers = list_clusters(opened, run_id)["cluster_no"].astype(int).tolist()
        assert len(numbers) >= 4
        for other in numbers[1:-1]:
            merge_clusters(opened, run_id, numbers[0], other)
        sizes = list_clusters(opened, run_id).set_index("cluster_no")["size"]
    finally:
        opened.close()
    share = sizes[numbers[0]] / sizes.sum()
    assert share > 0.5
    at = run_page("pages/discover.py", lang="en", timeout=300)
    assert not at.exception
    said = [w.value for w in at.warning if "catch-all" in w.value]
    assert len(said) == 1
    assert said[0].startswith(f"Cluster {numbers[0]} holds {share:.0%} of the items")

    at = run_page("pages/discover.py", lang="zh", timeout=300)
    assert [w.value for w in at.warning if "大杂烩" in w.value]
