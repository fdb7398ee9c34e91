"""Both languages have every message, and every key the code asks for exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from cxdash import i18n
from cxdash.config import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    sorted((ROOT / "cxdash").rglob("*.py"))
    + sorted((ROOT / "pages").glob("*.py"))
    + [ROOT / "app.py"]
)
KEY_FUNCS = {
    "t",
    "translate",
    "CxDashError",
    "InvalidInput",
    "StorageError",
    "NotFound",
    "StaleEdit",
    "PermissionDenied",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _literal_keys() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = (
                node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            )
            first = node.args[0]
            if (
                name in KEY_FUNCS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found[first.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_catalog_has_every_language_for_every_key():
    incomplete = [
        key
        for key, texts in i18n.catalog().items()
        if any(not texts.get(lang, "").strip() for lang in LANGUAGES)
    ]
    assert incomplete == []


def test_translations_use_the_same_placeholders():
    mismatched = [
        key
        for key, texts in i18n.catalog().items()
        if len({frozenset(PLACEHOLDER.findall(texts[lang])) for lang in LANGUAGES}) > 1
    ]
    assert mismatched == []


def test_every_key_used_in_code_exists():
    missing = {k: where for k, where in _literal_keys().items() if not i18n.has(k)}
    assert missing == {}


def test_every_page_and_section_has_a_title():
    from cxdash.ui.nav import PAGES, SECTION_ORDER

    keys = [f"nav.{p.url_path.replace('-', '_')}" for p in PAGES]
    keys += [f"section.{s}" for s in SECTION_ORDER]
    assert [k for k in keys if not i18n.has(k)] == []


def test_translate_fills_parameters_and_falls_back_to_key():
    assert i18n.translate("overview.span", "en", first="a", last="b") == "Time span: a to b"
    assert i18n.translate("no.such.key", "zh") == "no.such.key"
