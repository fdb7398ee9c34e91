"""Reading uploaded tables: format, encoding and delimiter detection into a frame of strings."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

import charset_normalizer
import pandas as pd

from cxdash.errors import InvalidInput

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024
HEADER_SCAN_ROWS = 10
DELIMITERS = ",;\t|"
FORMATS = ("csv", "xlsx", "json", "jsonl", "parquet")


@dataclass(frozen=True)
class RawTable:
    """A table as read from a file: every cell a string or None, plus how it was read."""

    frame: pd.DataFrame
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 0


def detect_format(raw: bytes, filename: str) -> str:
    """Return the file format from its leading bytes, then its name."""
    name = filename.lower()
    if raw[:4] == b"PAR1":
        return "parquet"
    if raw[:2] == b"PK":
        return "xlsx"
    if name.endswith(".jsonl") or name.endswith(".ndjson"):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".xlsx", ".xlsm")):
        raise InvalidInput("import.bad_xlsx", name=filename)
    return "csv"


def _looks_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 127]
    cjk = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    return bool(wide) and cjk / len(wide) >= 0.6


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:4000]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def detect_encoding(raw: bytes) -> str:
    """Return the encoding: a BOM, else strict UTF-8, else GB18030 for Chinese, else a guess."""
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return name
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return utf16
    for name in ("utf-8", "gb18030"):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "utf-8" or _looks_chinese(text):
            return name
    best = charset_normalizer.from_bytes(raw[:200_000]).best()
    if best is None:
        raise InvalidInput("import.not_text")
    return str(best.encoding)


def decode_text(raw: bytes) -> tuple[str, str]:
    """Return the file's text and the encoding it was read with; refuse binary content."""
    encoding = detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InvalidInput("import.not_text") from exc
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in sample or controls > 0.01 * max(len(sample), 1):
        raise InvalidInput("import.not_text")
    return text.lstrip("\ufeff"), encoding


def sniff_delimiter(text: str) -> str:
    """Return the CSV delimiter that splits the first lines most consistently."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.splitlines()[0].count(d) if sample else 0 for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def unique_headers(names: list[object]) -> list[str]:
    """Return header names made non-empty and unique (a, a_2, column_3 …)."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names, start=1):
        base = str(name).strip() if name is not None and str(name).strip() else f"column_{i}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return out


def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with every cell a stripped string, or None where empty."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        values = frame[col].astype("object").where(frame[col].notna(), None)
        cleaned = [None if v is None else str(v).strip() or None for v in values]
        out[col] = pd.Series(cleaned, index=frame.index, dtype="object")
    return out.reset_index(drop=True)


def _read_csv(raw: bytes) -> RawTable:
    text, encoding = decode_text(raw)
    if not text.strip():
        raise InvalidInput("import.empty")
    delimiter = sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            header=None,
            skip_blank_lines=True,
            on_bad_lines="error",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise InvalidInput("import.bad_csv", detail=str(exc)[:200]) from exc
    return _with_header(frame, "csv", encoding=encoding, delimiter=delimiter)


def _header_row(frame: pd.DataFrame) -> int:
    top = frame.head(HEADER_SCAN_ROWS)
    filled = (top.notna() & top.astype("object").ne("")).sum(axis=1).tolist()
    widest = max(filled, default=0)
    for i, count in enumerate(filled):
        below = filled[i + 1] if i + 1 < len(filled) else 0
        # A title line, or a merged group header above the real one, fills fewer cells.
        if count >= 0.6 * widest and below <= count:
            return i
    return 0


def _with_header(frame: pd.DataFrame, fmt: str, **how: str) -> RawTable:
    frame = frame.dropna(how="all").reset_index(drop=True)
    if frame.empty:
        raise InvalidInput("import.empty")
    row = _header_row(frame)
    header = frame.iloc[row].tolist()
    body = frame.iloc[row + 1 :]
    if body.empty:
        raise InvalidInput("import.no_rows")
    body.columns = unique_headers(header)
    return RawTable(
        as_strings(body), fmt, how.get("encoding"), how.get("delimiter"), header_row=row
    )


def _check_zip(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InvalidInput("import.bad_xlsx", name="xlsx") from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise InvalidInput("import.too_large", limit_mb=MAX_XLSX_UNPACKED_BYTES // 2**20)


def _read_xlsx(raw: bytes, sheet: str | int | None) -> RawTable:
    import openpyxl

    _check_zip(raw)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for damaged files
        raise InvalidInput("import.bad_xlsx", name="xlsx") from exc
    ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet or 0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise InvalidInput("import.empty")
    frame = pd.DataFrame(rows, dtype="object")
    return _with_header(frame, "xlsx")


def _read_json(raw: bytes, lines: bool) -> RawTable:
    text, encoding = decode_text(raw)
    if not text.strip():
        raise InvalidInput("import.empty")
    try:
        records = (
            [json.loads(line) for line in text.splitlines() if line.strip()]
            if lines
            else json.loads(text)
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput("import.bad_json", line=exc.lineno) from exc
    if isinstance(records, dict):
        records = next((v for v in records.values() if isinstance(v, list)), [records])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InvalidInput("import.bad_json", line=1)
    if not records:
        raise InvalidInput("import.no_rows")
    frame = pd.json_normalize(records)
    frame.columns = unique_headers(list(frame.columns))
    return RawTable(as_strings(frame), "jsonl" if lines else "json", encoding=encoding)


def _read_parquet(raw: bytes) -> RawTable:
    try:
        frame = pd.read_parquet(io.BytesIO(raw))
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise InvalidInput("import.bad_parquet") from exc
    if frame.empty:
        raise InvalidInput("import.no_rows")
    frame.columns = unique_headers(list(frame.columns))
    return RawTable(as_strings(frame), "parquet")


def read_table(raw: bytes, filename: str, *, sheet: str | int | None = None) -> RawTable:
    """Return the uploaded file as a table of strings; raise InvalidInput with the reason if not."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput("import.too_large", limit_mb=MAX_FILE_BYTES // 2**20)
    if not raw.strip():
        raise InvalidInput("import.empty")
    fmt = detect_format(raw, filename)
    if fmt == "xlsx":
        return _read_xlsx(raw, sheet)
    if fmt == "parquet":
        return _read_parquet(raw)
    if fmt in ("json", "jsonl"):
        return _read_json(raw, lines=fmt == "jsonl")
    return _read_csv(raw)
