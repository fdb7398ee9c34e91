"""Every storage function that writes the items, their batches or their labels keeps the stored
journey rollup fresh in the same transaction (journey_rollup.refresh or maintained)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

STORAGE = Path(__file__).resolve().parents[2] / "cxdash" / "storage"
WRITES = re.compile(
    r"(INSERT INTO|UPDATE|DELETE FROM)\s+(feedback|import_batches|item_labels)\b", re.IGNORECASE
)
UPKEEP = ("journey_rollup.refresh(", "maintained(")
# Functions whose writes are kept fresh by their caller's upkeep, or that need none.
EXEMPT = {
    # the batch row of insert_batch, which refreshes once its items are in
    ("feedback.py", "_insert_meta"),
}


def _writing_functions() -> list[tuple[str, str, str]]:
    """Return (file, function, source) of every storage function whose SQL writes those tables."""
    found = []
    for path in sorted(STORAGE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                source = ast.get_source_segment(text, node) or ""
                if WRITES.search(source):
                    found.append((path.name, node.name, source))
    return found


def test_the_write_paths_are_found():
    names = {(f, n) for f, n, _ in _writing_functions()}
    assert {("feedback.py", "insert_batch"), ("labels.py", "set_person_label")} <= names


def test_every_write_of_items_or_labels_keeps_the_rollup_fresh():
    missing = [
        f"{file}:{name}"
        for file, name, source in _writing_functions()
        if (file, name) not in EXEMPT and not any(u in source for u in UPKEEP)
    ]
    assert not missing, f"writes without journey rollup upkeep: {missing}"
