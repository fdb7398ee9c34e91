"""A subject line beside the body: stored, exported, backed up, migrated, searched and read."""

from __future__ import annotations

import io

import pandas as pd

from cxdash.backup import create_backup, restore_backup
from cxdash.classify import run_classification
from cxdash.cli import main
from cxdash.discover import run_discovery
from cxdash.explore import FeedbackFilter
from cxdash.ingest.pipeline import commit, prepare, prepare_manual
from cxdash.storage import open_store
from cxdash.storage.batches import undo_batch
from cxdash.storage.clusters import items_to_cluster
from cxdash.storage.explore import count_items, fetch_page, iter_export
from cxdash.storage.feedback import count_feedback, insert_batch
from cxdash.storage.labels import labels_of
from cxdash.storage.taxonomy import save_taxonomy
from cxdash.taxonomy import builtin_taxonomy

SUBJECT = "0002_feedback_subject"
CSV = (
    "留言编号,留言主题,留言时间,留言详情\n"
    "1,A市宽带断网三天,2024/1/5,上周就反映过了，到现在还没有人来处理。\n"
    '2,"=HYPERLINK(""http://x"",""y"")",2024/1/6,  账单多扣了二十元  \n'
    "3,,2024/1/7,营业厅排队太久\n"
).encode()


def _subjects(store) -> list[tuple[str, str | None]]:
    return [(str(r[0]), r[1]) for r in store.rows("SELECT text, subject FROM feedback ORDER BY id")]


def test_a_subject_column_is_suggested_stored_and_the_body_kept_verbatim(store):
    prepared = prepare(store, CSV, "messages.csv")
    assert prepared.mapping["subject"] == "留言主题"
    assert prepared.mapping["text"] == "留言详情"
    commit(store, prepared)
    assert _subjects(store) == [
        ("上周就反映过了，到现在还没有人来处理。", "A市宽带断网三天"),
        ("账单多扣了二十元", '=HYPERLINK("http://x","y")'),
        ("营业厅排队太久", None),
    ]
    extra = store.rows("SELECT extra FROM feedback WHERE id = 1")[0][0]
    assert extra is None or "留言主题" not in str(extra)


def test_a_manual_item_can_carry_a_subject(store):
    prepared = prepare_manual(store, {"text": "晚上网速很慢", "subject": "网速慢"})
    commit(store, prepared)
    assert _subjects(store) == [("晚上网速很慢", "网速慢")]


def test_export_carries_the_subject_with_formulas_neutralised(store, db_path, tmp_path):
    commit(store, prepare(store, CSV, "messages.csv"))
    store.close()
    out = tmp_path / "out.csv"
    assert main(["export", "feedback", "--db", str(db_path), "--out", str(out)]) == 0
    back = pd.read_csv(io.BytesIO(out.read_bytes()), encoding="utf-8-sig")
    columns = list(back.columns)
    assert columns.index("subject") == columns.index("text") - 1
    assert back["subject"].tolist()[:2] == ["A市宽带断网三天", '\'=HYPERLINK("http://x","y")']
    assert back["subject"].isna().tolist() == [False, False, True]


def test_the_explorer_pages_and_searches_the_subject(store):
    commit(store, prepare(store, CSV, "messages.csv"))
    page = fetch_page(store, FeedbackFilter(), offset=0, limit=10, sort="id", descending=False)
    assert page["subject"].tolist()[0] == "A市宽带断网三天"
    assert count_items(store, FeedbackFilter(text="断网")) == 1
    assert count_items(store, FeedbackFilter(text="hyperlink")) == 1
    assert count_items(store, FeedbackFilter(text="排队")) == 1
    chunk = next(iter_export(store, FeedbackFilter(text="断网")))
    assert chunk["text"].tolist() == ["上周就反映过了，到现在还没有人来处理。"]


def test_backup_and_restore_keep_the_subject(store, tmp_path):
    commit(store, prepare(store, CSV, "messages.csv"))
    before = _subjects(store)
    backup = create_backup(store, tmp_path / "backups")
    with store.transaction() as tx:
        tx.execute("UPDATE feedback SET subject = 'changed'")
    restore_backup(store, backup)
    assert _subjects(store) == before


def test_undo_removes_the_items_with_their_subjects(store):
    result = commit(store, prepare(store, CSV, "messages.csv"))
    assert undo_batch(store, result.batch_id) == 3
    assert count_feedback(store) == 0
    commit(store, prepare(store, CSV, "messages.csv"))
    assert _subjects(store)[0][1] == "A市宽带断网三天"


def test_a_database_from_before_the_subject_gains_the_column_and_keeps_its_items(db_path):
    first = open_store(db_path)
    with first.transaction() as tx:
        tx.execute("ALTER TABLE feedback DROP COLUMN subject")
        tx.execute("DELETE FROM schema_migrations WHERE name = ?", [SUBJECT])
    with first.transaction() as tx:
        tx.execute("INSERT INTO feedback (text, channel) VALUES ('老数据', 'hotline')")
    assert SUBJECT not in first.applied_migrations()
    first.close()
    reopened = open_store(db_path)
    assert SUBJECT in reopened.applied_migrations()
    assert _subjects(reopened) == [("老数据", None)]
    insert_batch(
        reopened, pd.DataFrame({"text": ["新数据"], "subject": ["主题"]}), {"file_name": "n"}
    )
    assert _subjects(reopened) == [("老数据", None), ("新数据", "主题")]
    reopened.close()


def test_classification_reads_the_subject_but_stores_the_body_alone(store):
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom")
    items = pd.DataFrame(
        {
            "text": ["上周就反映过了，到现在还没有人来处理。"] * 2,
            "subject": ["宽带断网三天", None],
            "source_id": ["a", "b"],
        }
    )
    insert_batch(store, items, {"file_name": "t.csv"})
    run_classification(store)
    labels = labels_of(store, [1, 2]).set_index("feedback_id")
    assert labels.at[1, "category"] == "broadband_outage"
    assert labels.at[1, "category_origin"] == "rule"
    assert pd.isna(labels.at[2, "category"])
    assert _subjects(store)[0] == ("上周就反映过了，到现在还没有人来处理。", "宽带断网三天")


def test_discovery_clusters_on_subject_and_body(store):
    bodies = ["请处理", "望重视"]
    subjects = ["学校课业负担太重作业太多", "公交线路太少出行难坐车难"]
    rows = [
        {"text": bodies[i % 2], "subject": f"{subjects[(i // 2) % 2]}{i}", "source_id": str(i)}
        for i in range(40)
    ]
    insert_batch(store, pd.DataFrame(rows), {"file_name": "d.csv"})
    assert items_to_cluster(store, {})["subject"].notna().all()
    run_id = run_discovery(store, {}, k=2)
    members = store.df(
        "SELECT f.subject, m.cluster_no FROM cluster_members m JOIN feedback f"
        " ON f.id = m.feedback_id WHERE m.run_id = ?",
        [run_id],
    )
    topic = members["subject"].str.contains("课业")
    # The bodies alternate independently of the subjects; the clusters follow the subjects.
    assert members.groupby(topic)["cluster_no"].nunique().tolist() == [1, 1]
    assert members.loc[topic, "cluster_no"].iloc[0] != members.loc[~topic, "cluster_no"].iloc[0]
