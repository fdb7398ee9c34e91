"""Reading uploaded tables: encodings, delimiters, XLSX layouts, JSON, and refusals."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cxdash.errors import InvalidInput
from cxdash.ingest.readers import read_table, unique_headers

CSV_TEXT = "投诉内容,时间,渠道\n宽带太慢了,2024/1/5,热线\n账单多扣了钱,2024-01-05 13:00,App\n"


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
    ],
)
def test_encodings_are_detected(encoding, detected):
    table = read_table(CSV_TEXT.encode(encoding), "export.csv")
    assert table.encoding == detected
    assert list(table.frame.columns) == ["投诉内容", "时间", "渠道"]
    assert table.frame.iloc[1, 0] == "账单多扣了钱"


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_is_sniffed(delimiter):
    table = read_table(CSV_TEXT.replace(",", delimiter).encode(), "export.csv")
    assert table.delimiter == delimiter
    assert table.frame.shape == (2, 3)


def _xlsx(rows: list[list[object]], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_title_row_above_header_is_skipped():
    raw = _xlsx([["客户反馈导出 2024年1月"], [], ["内容", "时间", "评分"], ["慢", "2024/1/5", 2]])
    table = read_table(raw, "export.xlsx")
    assert list(table.frame.columns) == ["内容", "时间", "评分"]
    assert table.frame.iloc[0].tolist() == ["慢", "2024/1/5", "2"]


def test_xlsx_merged_group_header_uses_the_real_header_below():
    raw = _xlsx(
        [["客户信息", None, "反馈"], ["客户", "地区", "内容"], ["C1", "north", "慢"]], "A1:B1"
    )
    table = read_table(raw, "export.xlsx")
    assert list(table.frame.columns) == ["客户", "地区", "内容"]
    assert table.frame.shape == (1, 3)


def test_empty_cells_become_missing_and_values_strings():
    table = read_table(b"text,rating\nslow,\nfast,  5 \n", "a.csv")
    assert table.frame["rating"].isna().tolist() == [True, False]
    assert table.frame["rating"].iloc[1] == "5"


def test_json_array_and_jsonl():
    assert read_table(b'[{"text": "a", "meta": {"x": 1}}]', "a.json").frame.columns.tolist() == [
        "text",
        "meta.x",
    ]
    assert read_table(b'{"text": "a"}\n{"text": "b"}\n', "a.jsonl").frame.shape == (2, 1)


@pytest.mark.parametrize(
    ("raw", "name", "key"),
    [
        (b"", "a.csv", "import.empty"),
        (b"   \n\n", "a.csv", "import.empty"),
        (b"text,rating\n", "a.csv", "import.no_rows"),
        (bytes(range(256)) * 20, "a.csv", "import.not_text"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "import.bad_xlsx"),
        (b'{"text": ', "a.json", "import.bad_json"),
        (b"PAR1garbage", "a.parquet", "import.bad_parquet"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(raw, name, key):
    with pytest.raises(InvalidInput) as caught:
        read_table(raw, name)
    assert caught.value.key == key


def test_duplicate_and_blank_headers_are_made_unique():
    assert unique_headers(["a", "a", None, ""]) == ["a", "a_2", "column_3", "column_4"]


def test_quoted_line_breaks_stay_inside_their_cell():
    raw = b'id,text\n1,"first line\nsecond line"\n2,plain\n'
    table = read_table(raw, "a.csv")
    assert table.frame["text"].tolist() == ["first line\nsecond line", "plain"]


def test_csv_title_line_above_the_header_is_skipped():
    raw = "投诉导出 2024年1月\n内容,时间,渠道\n慢,2024/1/5,热线\n".encode()
    table = read_table(raw, "a.csv")
    assert list(table.frame.columns) == ["内容", "时间", "渠道"]
    assert table.first_row == 3


def test_cells_are_stripped_and_blank_cells_missing():
    table = read_table(b"text,channel\n  padded  ,   \n", "a.csv")
    assert table.frame.loc[0, "text"] == "padded"
    assert table.frame["channel"].isna().all()


def test_a_row_wider_than_the_first_line_is_refused_with_its_line():
    rows = [f"{i},ok" for i in range(5000)]
    rows[30] = "30,late,surprise"  # past the first rows, which hold no third field
    raw = ("id,text\n" + "\n".join(rows) + "\n").encode()  # row 30 is line 32
    with pytest.raises(InvalidInput) as err:
        read_table(raw, "a.csv")
    assert err.value.key == "import.bad_csv"
    assert err.value.params["detail"] == "line 32: more fields than the 2 in the first line"


def test_blank_trailing_fields_do_not_make_a_row_ragged():
    raw = b"id,text\n1,ok,\n2,fine,,\n"
    table = read_table(raw, "a.csv")
    assert table.frame["text"].tolist() == ["ok", "fine"]
