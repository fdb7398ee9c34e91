"""The journey, heatmap and key-point pages in AppTest, on empty and demo workspaces."""

from __future__ import annotations

from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.journeys import list_maps, load_map


def _maps(path):
    opened = open_store(path)
    try:
        return list_maps(opened, current_cycle_id(opened))
    finally:
        opened.close()


def test_journeys_empty_state_and_a_blank_map(db_path, run_page):
    at = run_page("pages/journeys.py", lang="en")
    assert any("no journey map yet" in i.value for i in at.info)
    at.text_input(key="journey_new_name").input("Mobile")
    at.button(key="journey_new_submit").click().run()
    assert not at.exception
    assert list(_maps(db_path)["name"]) == ["Mobile"]
    for view in ("label", "table", "emotion", "graph", "evidence"):
        at.segmented_control(key="journey_view").set_value(view).run()
        assert not at.exception, view


def test_journeys_refuses_a_nameless_map(db_path, run_page):
    at = run_page("pages/journeys.py", lang="en")
    at.button(key="journey_new_submit").click().run()
    assert any("name" in e.value for e in at.error)
    assert _maps(db_path).empty


def test_demo_journey_drafts_from_a_high_volume_event(demo_db, run_page):
    at = run_page("pages/journeys.py", lang="zh")
    at.text_input(key="journey_new_name").input("Install path")
    at.radio(key="journey_new_how").set_value("event")
    at.selectbox(key="journey_new_category").set_value("broadband_install_delay")
    at.button(key="journey_new_submit").click().run()
    assert not at.exception
    maps = _maps(demo_db)
    assert "Install path" in set(maps["name"])
    new_id = int(maps.set_index("name").loc["Install path", "id"])
    opened = open_store(demo_db)
    _, stages, cards = load_map(opened, new_id)
    opened.close()
    assert "install" in set(stages["key"])
    assert (cards["lane"] == "touchpoint").sum() >= 2


def test_demo_journey_views_render(demo_db, run_page):
    at = run_page("pages/journeys.py", lang="en")
    for view in ("table", "emotion", "evidence"):
        at.segmented_control(key="journey_view").set_value(view).run()
        assert not at.exception, view
    evidence = next(d.value for d in at.dataframe if "evidence_items" in d.value.columns)
    assert evidence["evidence"].isin(["none", "partial", "strong"]).all()
    assert len(evidence) == 25


def test_demo_journey_adds_and_renames_a_card(demo_db, run_page):
    at = run_page("pages/journeys.py", lang="en")
    at.text_input(key="journey_add_text").input("Wants evening slots")
    at.selectbox(key="journey_add_lane").set_value("expectation")
    at.button(key="journey_add_submit").click().run()
    assert not at.exception
    opened = open_store(demo_db)
    cards = load_map(opened, 1)[2]
    opened.close()
    assert "Wants evening slots" in set(cards["text"])


def test_heatmap_empty_and_demo(db_path, run_page):
    at = run_page("pages/heatmap.py", lang="en")
    assert any("No classified feedback" in i.value for i in at.info)


def test_heatmap_demo_switches_rows_and_colour(demo_db, run_page):
    at = run_page("pages/heatmap.py", lang="en")
    at.segmented_control(key="heatmap_by").set_value("stage").run()
    at.segmented_control(key="heatmap_metric").set_value("negative_share").run()
    assert not at.exception
    assert any("Highest cell" in c.value for c in at.caption)


def test_key_points_demo_ranks_and_reclusters(demo_db, run_page):
    at = run_page("pages/key_points.py", lang="en")
    table = at.dataframe[0].value
    assert len(table) == 10
    assert list(table["Rank"]) == list(range(1, 11))
    at.button(key="keypoints_cluster").click().run()
    assert not at.exception
    assert len(at.dataframe[1].value) == 5


def test_key_points_empty_state(db_path, run_page):
    at = run_page("pages/key_points.py", lang="en")
    assert any("no key points" in i.value for i in at.info)
