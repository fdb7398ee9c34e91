"""`python -m cxdash export feedback`: files by extension, stdout, filters and clear errors."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from cxdash.cli import main
from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch


@pytest.fixture
def workspace(store, db_path):
    items = pd.DataFrame(
        {
            "received_at": pd.to_datetime(
                ["2026-03-01 09:00", "2026-03-02 10:00", "2026-04-01 11:00"]
            ),
            "channel": ["hotline", "store", "hotline"],
            "segment": ["consumer", "family", "enterprise"],
            "text": ['=HYPERLINK("http://x","y")', "+86 电话打不通", "账单错误"],
        }
    )
    insert_batch(store, items, {"file_name": "cli.csv", "rows_imported": 3})
    store.close()
    return db_path


def test_csv_to_a_file_with_bom_and_neutralised_cells(workspace, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["export", "feedback", "--db", str(workspace), "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back["text"].tolist() == ['\'=HYPERLINK("http://x","y")', "'+86 电话打不通", "账单错误"]
    assert "3" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.part"))


def test_xlsx_by_extension_with_filters(workspace, tmp_path):
    out = tmp_path / "hotline.xlsx"
    args = ["export", "feedback", "--db", str(workspace), "--out", str(out), "--channel", "hotline"]
    assert main([*args, "--from", "2026-03-01", "--to", "2026-03-31"]) == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][rows[0].index("text")] == '\'=HYPERLINK("http://x","y")'


def test_csv_to_stdout_with_comma_separated_values(workspace, capsysbinary):
    args = ["export", "feedback", "--db", str(workspace), "--segment", "family,enterprise"]
    assert main(args) == 0
    back = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig")
    assert sorted(back["segment"]) == ["enterprise", "family"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "x.txt"], "csv, xlsx"),
        (["--from", "2026-13-01"], "2026-13-01"),
        (["--from", "2026-05-01", "--to", "2026-04-01"], "2026-05-01"),
    ],
)
def test_bad_options_exit_2_with_a_message_and_write_nothing(
    workspace, tmp_path, capsys, extra, message, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "feedback", "--db", str(workspace), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_a_missing_workspace_is_not_created(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert main(["export", "feedback", "--db", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err
    assert not missing.exists()


def test_export_leaves_the_workspace_unchanged(workspace):
    assert (
        main(
            [
                "export",
                "feedback",
                "--db",
                str(workspace),
                "--out",
                str(workspace.with_suffix(".csv")),
            ]
        )
        == 0
    )
    reopened = open_store(workspace)
    assert reopened.scalar("SELECT count(*) FROM feedback") == 3
    reopened.close()
