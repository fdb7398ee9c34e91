"""Taxonomy versions, labels with origins, the human-label guard, clusters and the CLI."""

from __future__ import annotations

import pandas as pd

from cxdash.classify import run_classification
from cxdash.cli import main
from cxdash.discover import map_cluster, run_discovery
from cxdash.storage.clusters import latest_run, list_clusters, member_ids, merge_clusters
from cxdash.storage.feedback import insert_batch
from cxdash.storage.labels import (
    labels_of,
    set_person_label,
    write_machine_labels,
)
from cxdash.storage.taxonomy import current_version, list_versions, load_taxonomy, save_taxonomy
from cxdash.taxonomy import builtin_taxonomy, rename_category

TEXTS = ["账单多扣了{}元", "宽带断网{}天了", "App登录收不到验证码{}次", "营业厅排队{}分钟"]
TOPICS = ["billing_error", "broadband_outage", "app_login", "store_service"]


def _seed(store, n: int = 80) -> None:
    rows = [
        {
            "text": TEXTS[i % 4].format(i),
            "received_at": pd.Timestamp("2026-01-01") + pd.Timedelta(days=i),
            "channel": "hotline",
            "category": TOPICS[i % 4] if i < 16 else None,
        }
        for i in range(n)
    ]
    insert_batch(store, pd.DataFrame(rows), {"file_name": "t.csv", "rows_imported": n})


def test_every_change_is_a_new_version_and_old_versions_stay(store):
    first = save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    tax = rename_category(load_taxonomy(store), "billing_error", "计费出错", "Billing mistakes")
    second = save_taxonomy(store, tax, "rename", "billing_error")
    assert second > first and current_version(store) == second
    assert (
        load_taxonomy(store, first).set_index("key").at["billing_error", "name_en"]
        == "Billing error"
    )
    assert (
        load_taxonomy(store).set_index("key").at["billing_error", "name_en"] == "Billing mistakes"
    )
    assert list_versions(store)["change"].tolist() == ["rename", "builtin"]


def test_a_machine_never_overwrites_a_human_label(store):
    _seed(store, 8)
    set_person_label(store, [1], "category", "app_login", "human", 1)
    machine = pd.DataFrame(
        {
            "feedback_id": [1, 2],
            "category": ["billing_error"] * 2,
            "category_origin": "model",
            "category_conf": 0.9,
            "taxonomy_version": 1,
        }
    )
    write_machine_labels(store, machine)
    found = labels_of(store, [1, 2]).set_index("feedback_id")
    assert found.at[1, "category"] == "app_login" and found.at[1, "category_origin"] == "human"
    assert found.at[2, "category"] == "billing_error" and found.at[2, "category_origin"] == "model"


def test_a_cluster_mapping_never_replaces_a_single_human_label(store):
    _seed(store, 8)
    set_person_label(store, [1], "category", "app_login", "human")
    set_person_label(store, [1, 2], "category", "billing_error", "cluster")
    found = labels_of(store, [1, 2]).set_index("feedback_id")
    assert found.at[1, "category"] == "app_login"
    assert found.at[2, "category_origin"] == "cluster"


def test_classification_labels_everything_and_keeps_a_correction(store):
    _seed(store)
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    first = run_classification(store, unlabelled=0)
    assert first.items == 80 and first.trained_on == 16
    labels = labels_of(store, list(range(1, 81))).set_index("feedback_id")
    assert labels.loc[17:20, "category"].tolist() == TOPICS
    assert set(labels["sentiment"]) <= {"negative", "neutral", "positive"}
    assert labels["taxonomy_version"].eq(current_version(store)).all()
    set_person_label(store, [30], "category", "store_service", "human")
    run_classification(store, unlabelled=0)
    kept = labels_of(store, [30]).iloc[0]
    assert (kept["category"], kept["category_origin"]) == ("store_service", "human")


def test_discovery_runs_are_reproducible_and_mapping_labels_members(store):
    _seed(store)
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    first = run_discovery(store, {}, k=4)
    second = run_discovery(store, {}, k=4)
    sizes = [list_clusters(store, r)["size"].tolist() for r in (first, second)]
    assert sizes[0] == sizes[1] == [20, 20, 20, 20]
    key, count = map_cluster(store, second, 0, "新类别", None)
    assert count == 20 and key in set(load_taxonomy(store)["key"])
    origins = labels_of(store, member_ids(store, second, 0))["category_origin"]
    assert origins.eq("cluster").all()
    merge_clusters(store, second, 0, 1)
    assert list_clusters(store, second)["size"].max() == 40
    assert latest_run(store)["k"] == 4


def test_cli_classify_loads_a_builtin_and_labels(db_path, capsys):
    from cxdash.storage import open_store

    opened = open_store(db_path)
    _seed(opened, 20)
    opened.close()
    assert main(["classify", "--db", str(db_path), "--taxonomy", "telecom"]) == 0
    assert "20" in capsys.readouterr().out


def test_a_new_import_is_classified_automatically(demo_store, tmp_path):
    from cxdash.ingest.pipeline import commit, prepare

    raw = "内容,时间\n账单又多扣了我五十块钱，请核实退款,2026-10-30\n".encode("gbk")
    done = commit(demo_store, prepare(demo_store, raw, "late.csv"))
    labels = demo_store.df(
        "SELECT l.category, l.category_origin FROM item_labels l JOIN feedback f"
        " ON f.id = l.feedback_id WHERE f.batch_id = ?",
        [done.batch_id],
    )
    assert len(labels) == 1
    assert labels.category_origin[0] in {"rule", "model"}
    assert labels.category[0] == "billing_error"


def test_explorer_and_export_show_every_label_with_origin_and_confidence(store):
    from cxdash.explore import make_filter
    from cxdash.storage.explore import fetch_page, iter_export

    _seed(store, 40)
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    run_classification(store, unlabelled=0)
    set_person_label(store, [30], "category", "store_service", "human")
    exported = pd.concat(iter_export(store, make_filter())).set_index("id")
    for facet in ("category", "kind", "sentiment", "touchpoint"):
        assert {facet, f"{facet}_origin"} <= set(exported.columns)
    assert exported[["category_conf", "kind_conf", "sentiment_score"]].notna().all().all()
    assert exported.at[30, "category"] == "store_service"
    assert exported.at[30, "category_origin"] == "human"
    assert set(exported["sentiment_origin"]) <= {"model", "rating"}
    page = fetch_page(store, make_filter(), offset=0, limit=50, sort="id", descending=False)
    assert page.set_index("id").at[30, "category_origin"] == "human"
    assert page["kind"].notna().all()


def test_cli_export_feedback_includes_the_labels(db_path, tmp_path):
    from cxdash.storage import open_store

    opened = open_store(db_path)
    _seed(opened, 20)
    opened.close()
    assert main(["classify", "--db", str(db_path), "--taxonomy", "telecom"]) == 0
    out = tmp_path / "feedback.csv"
    assert main(["export", "feedback", "--db", str(db_path), "--out", str(out)]) == 0
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert {"category_origin", "category_conf", "kind_origin", "touchpoint_origin"} <= set(
        frame.columns
    )
    assert frame["category_origin"].isin(["human", "rule", "model"]).all()


def test_a_classify_run_adapts_sentiment_to_the_unrated_items(store):
    rated = [("菜品鲜嫩可口", 5.0)] * 100 + [("菜品发硬难咽", 1.0)] * 100
    places = ("房间", "早餐", "前台", "浴室")
    praise = [(f"{p}巴适，{w}", None) for p in places for w in ("很满意", "很好", "太棒了")]
    blame = [(f"{p}拉胯，{w}", None) for p in places for w in ("很失望", "太差了", "很生气")]
    unrated = (praise + blame) * 4
    new_words = [("床铺巴适", None), ("床铺拉胯", None)]
    rows = [
        {
            "text": text,
            "received_at": pd.Timestamp("2026-01-01"),
            "channel": "app",
            "rating": rating,
            "rating_max": 5.0 if rating else None,
        }
        for text, rating in rated + unrated + new_words
    ]
    insert_batch(store, pd.DataFrame(rows), {"file_name": "t.csv", "rows_imported": len(rows)})
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    run_classification(store, unlabelled=0)
    labels = labels_of(store, [297, 298, 1, 101]).set_index("feedback_id")
    found = labels[["sentiment", "sentiment_origin"]].apply(tuple, axis=1).to_dict()
    assert found[297] == ("positive", "model")
    assert found[298] == ("negative", "model")
    assert found[1] == ("positive", "rating") and found[101] == ("negative", "rating")
