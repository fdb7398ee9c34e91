"""Bad files offered for import: each is refused with a message key and writes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from cxdash.errors import InvalidInput
from cxdash.ingest.readers import MAX_FILE_BYTES, read_table


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (16 * 1024 * 1024)
            for _ in range(70):
                member.write(block)
    return buf.getvalue()


BAD_FILES = [
    ("empty file", b"", "a.csv", "import.empty"),
    ("header only", "内容,时间\n".encode(), "a.csv", "import.no_rows"),
    ("binary garbage named .csv", bytes(range(256)) * 50, "a.csv", "import.not_text"),
    ("damaged xlsx", b"PK\x03\x04broken", "a.xlsx", "import.bad_xlsx"),
    ("truncated JSON", b'[{"text": "a"', "a.json", "import.bad_json"),
    ("JSON that is not a list of objects", b"[1, 2, 3]", "a.json", "import.bad_json"),
    ("damaged parquet", b"PAR1" + b"\x00" * 100, "a.parquet", "import.bad_parquet"),
    ("ragged CSV", b"a,b\n1,2\n3,4,5,6\n", "a.csv", "import.bad_csv"),
]


@pytest.mark.parametrize(
    ("name", "raw", "filename", "key"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_is_refused_and_nothing_is_written(demo_store, ledger, name, raw, filename, key):
    with ledger.scenario("bad_input", name, demo_store), pytest.raises(InvalidInput) as caught:
        read_table(raw, filename)
    assert caught.value.key == key


def test_xlsx_zip_bomb_is_refused_before_unpacking(demo_store, ledger):
    bomb = _zip_bomb()
    assert len(bomb) < 10 * 1024 * 1024
    scenario = ledger.scenario("bad_input", "XLSX zip bomb (1.1 GB unpacked)", demo_store)
    with scenario, pytest.raises(InvalidInput) as caught:
        read_table(bomb, "bomb.xlsx")
    assert caught.value.key == "import.too_large"


def test_file_over_the_limit_is_refused(demo_store, ledger):
    huge = b"x" * (MAX_FILE_BYTES + 1)
    scenario = ledger.scenario("bad_input", "file over the upload limit", demo_store)
    with scenario, pytest.raises(InvalidInput) as caught:
        read_table(huge, "huge.csv")
    assert caught.value.key == "import.too_large"
