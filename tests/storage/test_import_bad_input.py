"""Awkward and bad files: each is read correctly or refused with a translated reason, and a
refused import leaves the workspace exactly as it was."""

from __future__ import annotations

import io

import openpyxl
import pytest

from cxdash.errors import InvalidInput
from cxdash.i18n import translate
from cxdash.ingest.pipeline import ImportOptions, commit, prepare
from cxdash.ingest.readers import MAX_FILE_BYTES

ROWS = [("宽带太慢了", "2024/1/5", "热线", "2"), ("账单多扣了钱", "2024-01-05 13:00", "App", "1")]
HEADER = ("投诉内容", "时间", "渠道", "评分")


def _csv(rows=ROWS, sep=",", header=HEADER) -> str:
    return "\n".join(sep.join(r) for r in [header, *rows]) + "\n"


def _xlsx(rows: list[list[object]], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if merge:
        book.active.merge_cells(merge)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.fixture
def seeded(store):
    """A workspace that already holds one batch, so 'unchanged' means something."""
    commit(store, prepare(store, b"text\nalready here\n", "first.csv"))
    return store


def _counts(store) -> tuple[int, int]:
    return (
        int(store.scalar("SELECT count(*) FROM feedback")),
        int(store.scalar("SELECT count(*) FROM import_batches")),
    )


def _refused(store, raw: bytes, name: str, **kw) -> str:
    before = _counts(store)
    with pytest.raises(InvalidInput) as caught:
        commit(store, prepare(store, raw, name, **kw))
    assert _counts(store) == before
    message = translate(caught.value.key, "en", **caught.value.params)
    assert message != caught.value.key and "{" not in message
    assert translate(caught.value.key, "zh", **caught.value.params) != message
    return caught.value.key


def _imported_texts(store, raw: bytes, name: str) -> list[str]:
    result = commit(store, prepare(store, raw, name))
    rows = store.rows("SELECT text FROM feedback WHERE batch_id = ? ORDER BY id", [result.batch_id])
    return [r[0] for r in rows]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (_csv().encode("gbk"), "gbk.csv"),
        (_csv().encode("utf-16"), "utf16-bom.csv"),
        (_csv(sep=";").encode(), "semicolon.csv"),
        (_xlsx([["客户反馈导出 2024年1月"], [], list(HEADER), *map(list, ROWS)]), "title.xlsx"),
        (
            _xlsx([["反馈", None, "客户", None], list(HEADER), *map(list, ROWS)], "A1:B1"),
            "merged.xlsx",
        ),
    ],
)
def test_awkward_but_valid_files_are_read_correctly(seeded, raw, name):
    assert _imported_texts(seeded, raw, name) == ["宽带太慢了", "账单多扣了钱"]
    assert seeded.rows("SELECT DISTINCT channel FROM feedback WHERE channel IS NOT NULL") != []


@pytest.mark.parametrize(
    ("raw", "name", "key"),
    [
        (b"", "empty.csv", "import.empty"),
        (b"\n\n  \n", "blank.csv", "import.empty"),
        (_csv(rows=[]).encode(), "header-only.csv", "import.no_rows"),
        (bytes(range(256)) * 40, "garbage.csv", "import.not_text"),
        (b"PK\x03\x04 broken", "broken.xlsx", "import.bad_xlsx"),
    ],
)
def test_unreadable_files_are_refused_and_nothing_changes(seeded, raw, name, key):
    assert _refused(seeded, raw, name) == key


def test_a_file_over_the_upload_limit_is_refused(seeded):
    raw = b"text\n" + b"x" * MAX_FILE_BYTES
    assert _refused(seeded, raw, "huge.csv") == "import.too_large"


def test_mixed_date_formats_are_all_read(seeded):
    rows = [("a", "2024/1/5", "", ""), ("b", "2024-01-05 13:00", "", ""),
            ("c", "2024年1月5日", "", ""), ("d", "45296", "", "")]  # fmt: skip
    batch = commit(seeded, prepare(seeded, _csv(rows).encode(), "dates.csv")).batch_id
    days = seeded.rows(
        "SELECT DISTINCT CAST(received_at AS DATE) FROM feedback WHERE batch_id = ?", [batch]
    )
    assert [str(d[0]) for d in days] == ["2024-01-05"]


def test_an_unreadable_date_refuses_the_whole_file(seeded):
    rows = [("a", "2024/1/5", "", ""), ("b", "next tuesday", "", "")]
    assert _refused(seeded, _csv(rows).encode(), "dates.csv") == "import.has_problems"


def test_ratings_written_as_text_are_stored_as_numbers_with_their_scale(seeded):
    rows = [("a", "", "", "五星"), ("b", "", "", "5 stars"), ("c", "", "", "4/5"),
            ("d", "", "", "★★★")]  # fmt: skip
    commit(seeded, prepare(seeded, _csv(rows).encode(), "ratings.csv"))
    stored = seeded.rows(
        "SELECT rating, rating_max FROM feedback WHERE rating IS NOT NULL ORDER BY text"
    )
    assert stored == [(5.0, 5.0), (5.0, 5.0), (4.0, 5.0), (3.0, 5.0)]


def test_ratings_out_of_range_refuse_the_file(seeded):
    rows = [("a", "", "", "3"), ("b", "", "", "12"), ("c", "", "", "-1")]
    five = ImportOptions(rating_max=5.0)
    assert _refused(seeded, _csv(rows).encode(), "r.csv", options=five) == "import.has_problems"
    report = prepare(seeded, _csv(rows).encode(), "r.csv", five).report
    assert [p.row for p in report.problems] == [3, 4]


def test_formula_cells_are_stored_as_text_unchanged(seeded):
    formula = '=HYPERLINK("http://evil.example","点我")'
    raw = _csv([(formula, "", "", ""), ("+1 下单", "", "", ""), ("@SUM(A1)", "", "", "")])
    texts = _imported_texts(
        seeded, raw.replace(formula, f'"{formula.replace(chr(34), 2 * chr(34))}"').encode(), "f.csv"
    )
    assert texts == [formula, "+1 下单", "@SUM(A1)"]


def test_script_and_markdown_text_is_stored_as_is(seeded):
    texts = ["<script>alert('x')</script>", "**粗体** [link](javascript:alert(1))"]
    raw = _csv([(t, "", "", "") for t in texts]).encode()
    assert _imported_texts(seeded, raw, "s.csv") == texts


def test_duplicate_rows_refuse_the_file_unless_skipped(seeded):
    raw = _csv([ROWS[0], ROWS[1], ROWS[0]]).encode()
    assert _refused(seeded, raw, "dup.csv") == "import.has_problems"
    result = commit(seeded, prepare(seeded, raw, "dup.csv"), skip_bad_rows=True)
    assert (result.imported, result.skipped) == (2, 1)
