"""The message catalog: one key, a Chinese and an English text, read from cxdash/messages/*.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxdash.config import LANGUAGES

CATALOG_DIR = Path(__file__).resolve().parent / "messages"


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, dict[str, str]], src: str) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
            if key in out:
                raise ValueError(f"message key {key!r} is defined twice (again in {src})")
            out[key] = {lang: str(text) for lang, text in value.items()}
        elif isinstance(value, dict):
            _flatten(value, key, out, src)
        else:
            raise ValueError(f"message {key!r} in {src} must be a table of zh/en texts")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Return every message key with its texts by language, merged from all catalog files."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOG_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), "", merged, path.name)
    return merged


def has(key: str) -> bool:
    """Return whether the catalog holds the key."""
    return key in catalog()


def translate(key: str, lang: str, **params: Any) -> str:
    """Return the message for key in lang with params filled in; the key itself when unknown."""
    entry = catalog().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("en") or key
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def label(prefix: str, value: object, lang: str) -> str:
    """Return the display label of a stored value (such as a channel key), or the value itself."""
    key = f"{prefix}.{value}"
    return translate(key, lang) if has(key) else str(value)
