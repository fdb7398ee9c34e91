"""The layering rules of the house: who may import streamlit and duckdb, and thin pages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE_FILES = sorted(
    p
    for p in (ROOT / "cxdash").rglob("*.py")
    if "ui" not in p.relative_to(ROOT / "cxdash").parts[:1]
)
ALL_FILES = (
    sorted((ROOT / "cxdash").rglob("*.py"))
    + sorted((ROOT / "pages").glob("*.py"))
    + [ROOT / "app.py"]
)
MAX_PAGE_LINES = 150


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_modules_never_load_streamlit():
    modules = [_module_name(p) for p in CORE_FILES if p.name != "__main__.py"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'streamlit' not in sys.modules, name\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_only_pages_and_ui_import_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in CORE_FILES if "streamlit" in _imported_roots(p)]
    assert offenders == []


def test_only_storage_imports_duckdb():
    offenders = [
        str(p.relative_to(ROOT))
        for p in ALL_FILES
        if "duckdb" in _imported_roots(p) and "storage" not in p.relative_to(ROOT).parts
    ]
    assert offenders == []


def test_only_storage_executes_sql():
    offenders = []
    for path in ALL_FILES:
        if "storage" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if is_call and node.func.attr in {"execute", "executemany", "sql"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_pages_stay_thin():
    fat = {
        p.name: n
        for p in (ROOT / "pages").glob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert fat == {}


def test_no_utils_module():
    assert not list((ROOT / "cxdash").rglob("utils.py"))


def test_no_code_renders_raw_html_except_the_fixed_presentation_style():
    """User text must never reach an HTML renderer: no unsafe_allow_html anywhere, and st.html
    only in cxdash/ui/present.py, where it is given the module's constant stylesheet."""
    found: list[str] = []
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "cxdash").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if any(k.arg == "unsafe_allow_html" for k in node.keywords):
                found.append(where)
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "html":
                constant = [
                    a for a in node.args if isinstance(a, ast.Name) and a.id == "PRESENT_CSS"
                ]
                if path.name != "present.py" or not constant:
                    found.append(where)
    assert found == []
