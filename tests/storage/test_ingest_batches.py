"""Writing a batch: one transaction, duplicate files and rows, undo, templates."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from cxdash.errors import InvalidInput, NotFound, StorageError
from cxdash.ingest.pipeline import ImportOptions, commit, prepare, prepare_manual
from cxdash.storage.batches import (
    delete_template,
    find_imported_file,
    list_batches,
    list_templates,
    save_template,
    undo_batch,
)
from cxdash.storage.feedback import count_feedback, insert_batch

CSV = (
    "投诉内容,时间,渠道,评分,点赞数\n"
    "宽带太慢了,2024/1/5,热线,五星,3\n"
    "账单多扣了钱,2024-01-05 13:00,App,2,0\n"
).encode()


def _batches(store) -> int:
    return int(store.scalar("SELECT count(*) FROM import_batches"))


def test_a_clean_file_is_written_as_one_recorded_batch(store):
    prepared = prepare(store, CSV, "export.csv")
    result = commit(store, prepared)
    assert (result.imported, result.skipped) == (2, 0)
    batch = list_batches(store).iloc[0]
    assert batch["file_name"] == "export.csv" and batch["encoding"] == "utf-8"
    assert (batch["rows_in_file"], batch["rows_imported"], batch["rows_skipped"]) == (2, 2, 0)
    assert batch["sha256"] == prepared.sha256
    mapping = json.loads(store.scalar("SELECT mapping FROM import_batches"))
    assert mapping["fields"]["text"] == "投诉内容"
    rows = store.df("SELECT text, channel, rating, rating_max, extra FROM feedback ORDER BY id")
    assert rows["rating"].tolist() == [5.0, 2.0]
    assert rows["rating_max"].tolist() == [5.0, 5.0]
    assert json.loads(rows["extra"].iloc[0]) == {"点赞数": "3"}


def test_a_failing_write_leaves_nothing_behind(store):
    items = pd.DataFrame({"text": ["ok", None]})  # the second row breaks NOT NULL on text
    with pytest.raises(StorageError):
        insert_batch(store, items, {"file_name": "x.csv", "rows_in_file": 2})
    assert (_batches(store), count_feedback(store)) == (0, 0)


def test_the_same_file_twice_is_a_problem_and_writes_nothing(store):
    commit(store, prepare(store, CSV, "export.csv"))
    again = prepare(store, CSV, "copy-of-export.csv")
    keys = [p.key for p in again.report.problems]
    assert keys[0] == "import.problem.file_already_imported"
    assert again.report.problems[0].params["batch"] == 1
    assert keys.count("import.problem.duplicate_in_workspace") == 2
    with pytest.raises(InvalidInput) as caught:
        commit(store, again)
    assert caught.value.key == "import.has_problems"
    with pytest.raises(InvalidInput) as caught:
        commit(store, again, skip_bad_rows=True)
    assert caught.value.key == "import.nothing_left"
    assert (_batches(store), count_feedback(store)) == (1, 2)


def test_skipping_bad_rows_writes_only_the_good_ones(store):
    raw = b"text,date\nfine,2024-01-05\n,2024-01-06\nalso fine,never\n"
    prepared = prepare(store, raw, "a.csv")
    assert prepared.report.bad_rows == 2
    result = commit(store, prepared, skip_bad_rows=True)
    assert (result.imported, result.skipped) == (1, 2)
    assert store.scalar("SELECT rows_skipped FROM import_batches") == 2
    assert store.rows("SELECT text FROM feedback") == [("fine",)]


def test_undo_deletes_the_items_and_keeps_the_batch_as_history(store):
    first = commit(store, prepare(store, CSV, "one.csv"))
    commit(store, prepare(store, b"text\nother\n", "two.csv"))
    assert undo_batch(store, first.batch_id) == 2
    assert count_feedback(store) == 1
    history = list_batches(store).set_index("id")
    assert pd.notna(history.loc[first.batch_id, "undone_at"])
    assert find_imported_file(store, prepare(store, CSV, "one.csv").sha256) is None
    with pytest.raises(NotFound):
        undo_batch(store, first.batch_id)
    with pytest.raises(NotFound):
        undo_batch(store, 999)


def test_an_undone_file_can_be_imported_again(store):
    first = commit(store, prepare(store, CSV, "one.csv"))
    undo_batch(store, first.batch_id)
    again = prepare(store, CSV, "one.csv")
    assert again.report.clean
    assert commit(store, again).imported == 2


def test_templates_are_saved_listed_replaced_and_deleted(store):
    save_template(store, "热线系统", {"fields": {"text": "投诉内容"}})
    save_template(store, "热线系统", {"fields": {"text": "内容", "channel": "渠道"}})
    assert list_templates(store) == {"热线系统": {"fields": {"text": "内容", "channel": "渠道"}}}
    delete_template(store, "热线系统")
    assert list_templates(store) == {}


def test_an_explicit_mapping_and_default_channel_are_used(store):
    raw = b"a,b,c\nhello,2024-01-05,x\n"
    options = ImportOptions(mapping={"text": "a", "received_at": "b"}, channel="store")
    commit(store, prepare(store, raw, "a.csv", options))
    assert store.rows("SELECT text, channel, extra FROM feedback") == [
        ("hello", "store", '{"c":"x"}')
    ]


def test_a_manual_item_is_validated_and_recorded_as_its_own_batch(store):
    bad = prepare_manual(store, {"text": "  ", "rating": 9.0, "rating_max": 5.0})
    assert {p.key for p in bad.report.problems} == {
        "import.problem.missing_text",
        "import.problem.rating_out_of_range",
    }
    good = prepare_manual(
        store,
        {"text": "会上客户说装机太慢", "channel": "meeting", "rating": 2.0, "rating_max": 5.0},
    )
    assert good.report.clean
    result = commit(store, good)
    batch = list_batches(store).iloc[0]
    assert (batch["source"], batch["rows_imported"], result.imported) == ("manual", 1, 1)
    assert store.rows("SELECT text, channel, rating, rating_max, lang FROM feedback") == [
        ("会上客户说装机太慢", "meeting", 2.0, 5.0, "zh")
    ]


def test_jsonl_and_parquet_files_import_like_csv(store):
    jsonl = '{"comment": "slow", "date": "2024-01-05", "meta": {"agent": "A7"}}\n'
    result = commit(store, prepare(store, jsonl.encode(), "chat.jsonl"))
    buf = io.BytesIO()
    pd.DataFrame({"内容": ["网速慢"], "评分": [2], "时间": ["2024/1/6"]}).to_parquet(buf)
    commit(store, prepare(store, buf.getvalue(), "reviews.parquet"))
    rows = store.df("SELECT batch_id, text, rating, extra FROM feedback ORDER BY batch_id")
    assert rows["text"].tolist() == ["slow", "网速慢"]
    assert json.loads(rows["extra"].iloc[0]) == {"meta.agent": "A7"}
    assert rows["rating"].iloc[1] == 2.0
    assert list_batches(store)["file_format"].tolist() == ["parquet", "jsonl"]
    assert result.batch_id == 1
