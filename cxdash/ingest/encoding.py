"""Which encoding a text export is in: BOMs, strict UTF-8, GB18030 for Chinese, else a guess."""

from __future__ import annotations

import charset_normalizer

from cxdash.errors import InvalidInput

UTF8_CHECK_BYTES = 4 * 1024 * 1024


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


def _is_utf8(raw: bytes) -> bool:
    """Return whether the file's first megabytes are UTF-8 (the parser checks the rest)."""
    head = raw[:UTF8_CHECK_BYTES]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return len(raw) > len(head) and exc.start >= len(head) - 3
    return True


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
    if _is_utf8(raw):
        return "utf-8"
    try:
        if _looks_chinese(raw.decode("gb18030")):
            return "gb18030"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw[:200_000]).best()
    if best is None:
        raise InvalidInput("import.not_text")
    return str(best.encoding)


def _refuse_binary(sample: str) -> None:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in sample or controls > 0.01 * max(len(sample), 1):
        raise InvalidInput("import.not_text")


def decode_text(raw: bytes) -> tuple[str, str]:
    """Return the file's text and the encoding it was read with; refuse binary content."""
    encoding = detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InvalidInput("import.not_text") from exc
    _refuse_binary(text[:20_000])
    return text.lstrip("\ufeff"), encoding


def utf8_bytes(raw: bytes) -> tuple[bytes, str]:
    """Return the file as UTF-8 bytes without a BOM, and the encoding it came in."""
    encoding = detect_encoding(raw)
    if encoding in ("utf-8", "utf-8-sig"):
        _refuse_binary(raw[:20_000].decode("utf-8", errors="ignore"))
        return raw.removeprefix(b"\xef\xbb\xbf"), encoding
    text, encoding = decode_text(raw)
    return text.encode("utf-8"), encoding
