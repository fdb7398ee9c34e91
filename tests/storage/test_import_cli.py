"""`python -m cxdash import`: a summary and exit 0, or every problem, exit 2 and nothing written."""

from __future__ import annotations

from cxdash.cli import main
from cxdash.storage import open_store

GOOD = (
    "留言编号,留言用户,留言时间,留言详情,点赞数\n"
    "1,U1,2019/2/28 11:25:05,路灯坏了,3\n"
    "2,U2,2019/3/1 08:00:00,噪音扰民,0\n"
)
BAD = "text,date,rating\nfine,2024-01-05,4\n,2024-01-06,5\nok,someday,6/5\n"


def _counts(db) -> tuple[int, int]:
    store = open_store(db)
    try:
        return (
            int(store.scalar("SELECT count(*) FROM feedback")),
            int(store.scalar("SELECT count(*) FROM import_batches")),
        )
    finally:
        store.close()


def test_a_clean_file_imports_with_a_summary(tmp_path, db_path, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_LANG", "en")
    path = tmp_path / "messages.csv"
    path.write_text(GOOD, encoding="gbk")
    assert main(["import", str(path), "--db", str(db_path), "--channel", "web"]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 of 2 rows (0 skipped) as batch #1: messages.csv" in out
    store = open_store(db_path)
    rows = store.rows("SELECT source_id, customer_id, channel, text FROM feedback ORDER BY 1")
    store.close()
    assert rows == [("1", "U1", "web", "路灯坏了"), ("2", "U2", "web", "噪音扰民")]


def test_problems_exit_2_list_every_row_and_write_nothing(tmp_path, db_path, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_LANG", "en")
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "Row 3 [Feedback text]: The feedback text is empty" in err
    assert "Row 4 [Received at]: Unrecognised date: someday" in err
    assert "Row 4 [Rating]: Rating 6/5 is outside 0–5" in err
    assert "3 problems in 2 rows; nothing was written." in err
    assert _counts(db_path) == (0, 0)


def test_skip_bad_rows_imports_the_rest(tmp_path, db_path, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_LANG", "zh")
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path), "--skip-bad-rows"]) == 0
    assert "已导入 1 行（共 3 行，跳过 2 行）" in capsys.readouterr().out
    assert _counts(db_path) == (1, 1)


def test_explicit_map_options_and_bad_ones(tmp_path, db_path, capsys, monkeypatch):
    monkeypatch.setenv("CXDASH_LANG", "en")
    path = tmp_path / "odd.csv"
    path.write_text("a,b\nhello,2024-01-05\n", encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path), "--map", "text=b"]) == 0
    assert main(["import", str(path), "--db", str(db_path), "--map", "text=zz"]) == 2
    assert "The file has no such columns: zz" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.csv"), "--db", str(db_path)]) == 2
    assert _counts(db_path) == (1, 1)
