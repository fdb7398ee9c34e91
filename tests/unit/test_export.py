"""Exports: formula neutralisation (OWASP CSV injection), CSV with BOM, streaming XLSX."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

import cxdash.export as export
from cxdash.errors import InvalidInput
from cxdash.export import (
    BOM,
    export_bytes,
    format_for,
    neutralise,
    neutralise_frame,
    write_csv,
    write_xlsx,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("=1+1", "'=1+1"),
        ("a=b", "a=b"),
        ("网速慢 -2 分", "网速慢 -2 分"),
        ("", ""),
        (" =x", " =x"),
        (5, 5),
        (None, None),
    ],
)
def test_neutralise_spec_table(cell, expected):
    assert neutralise(cell) == expected


def test_neutralise_frame_touches_only_risky_text_cells():
    frame = pd.DataFrame(
        {"text": ["=SUM(A1)", "fine", None], "rating": [-2.0, 3.0, None], "id": [1, 2, 3]}
    )
    out = neutralise_frame(frame)
    assert out["text"].tolist()[:2] == ["'=SUM(A1)", "fine"]
    assert pd.isna(out["text"].tolist()[2])
    assert out["rating"].tolist()[:2] == [-2.0, 3.0]
    assert frame["text"].tolist()[0] == "=SUM(A1)"


def _chunks() -> list[pd.DataFrame]:
    first = pd.DataFrame(
        {
            "id": [1, 2],
            "received_at": pd.to_datetime(["2026-03-01 08:30:00", "2026-03-02 09:00:00"]),
            "text": ["账单多扣了 20 元", '=HYPERLINK("x")'],
            "rating": [1.0, None],
        }
    )
    second = pd.DataFrame(
        {
            "id": [3],
            "received_at": pd.to_datetime(["2026-03-03 10:00:00"]),
            "text": ["@everyone, line1\nline2"],
            "rating": [5.0],
        }
    )
    return [first, second]


def test_csv_has_a_bom_one_header_and_neutralised_cells():
    buffer = io.BytesIO()
    assert write_csv(_chunks(), buffer) == 3
    raw = buffer.getvalue()
    assert raw.startswith(BOM)
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back.columns.tolist() == ["id", "received_at", "text", "rating"]
    assert back["id"].tolist() == [1, 2, 3]
    assert back["text"].tolist() == [
        "账单多扣了 20 元",
        '\'=HYPERLINK("x")',
        "'@everyone, line1\nline2",
    ]
    assert back["received_at"].tolist()[0] == "2026-03-01 08:30:00"


def test_csv_of_an_empty_result_keeps_its_header():
    raw = export_bytes(iter([pd.DataFrame(columns=["id", "text"])]), "csv")
    assert raw == BOM + b'"id","text"\n'


def test_xlsx_round_trips_values_and_neutralises_formulas():
    buffer = io.BytesIO()
    assert write_xlsx(_chunks(), buffer) == 3
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("id", "received_at", "text", "rating")
    assert rows[2][2] == '\'=HYPERLINK("x")'
    assert rows[1][1].isoformat() == "2026-03-01T08:30:00"
    assert rows[2][3] is None
    assert len(rows) == 4
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_drops_control_characters_excel_forbids():
    buffer = io.BytesIO()
    write_xlsx([pd.DataFrame({"text": ["bell\x07 and nul\x00 gone"]})], buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet["A2"].value == "bell and nul gone"


def test_xlsx_refuses_more_rows_than_a_sheet_holds(monkeypatch):
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    with pytest.raises(InvalidInput) as caught:
        write_xlsx(_chunks(), io.BytesIO())
    assert caught.value.key == "export.too_many_rows"


@pytest.mark.parametrize(("name", "fmt"), [("a.csv", "csv"), ("out/B.XLSX", "xlsx")])
def test_format_for_reads_the_extension(name, fmt):
    assert format_for(name) == fmt


@pytest.mark.parametrize("name", ["a.txt", "noext", "a.xls"])
def test_format_for_rejects_other_extensions(name):
    with pytest.raises(InvalidInput) as caught:
        format_for(name)
    assert caught.value.key == "export.bad_format"
