"""The reliability ledger: every scenario compares table checksums before and after itself.

At the end of the run the ledger is written to docs/reliability.md with the count of bad inputs
tried, faults injected and concurrent-session scenarios run, and the rows lost in each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cxdash.storage import Store
from cxdash.storage.backup import table_fingerprints

ROOT = Path(__file__).resolve().parents[2]
LEDGER_DIR = ROOT / "test-artifacts" / "reliability"
REPORT = ROOT / "docs" / "reliability.md"
KINDS = {
    "bad_input": "Bad inputs tried",
    "fault": "Faults injected",
    "concurrency": "Concurrent-session scenarios",
}


def rows_lost(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> int:
    """Return how many rows differ between two fingerprints (0 when every table is identical)."""
    lost = 0
    for table, (count, digest) in before.items():
        now_count, now_digest = after.get(table, (0, ""))
        if (count, digest) != (now_count, now_digest):
            lost += max(abs(count - now_count), 1)
    return lost


class Ledger:
    """Collects scenarios of one test process into a JSON-lines file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def scenario(
        self, kind: str, name: str, store: Store, expected: Callable[[dict], dict] | None = None
    ) -> Iterator[None]:
        """Run a scenario and record the rows it lost; `expected` adjusts the intended change."""
        before = table_fingerprints(store)
        yield
        after = table_fingerprints(store)
        wanted = expected(before) if expected else before
        lost = rows_lost(wanted, after)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"kind": kind, "name": name, "rows_lost": lost}) + "\n")
        assert lost == 0, f"{name}: {lost} rows lost or changed"

    def note(self, kind: str, name: str, lost: int) -> None:
        """Record a scenario whose checksums were compared by the test itself."""
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"kind": kind, "name": name, "rows_lost": lost}) + "\n")
        assert lost == 0, f"{name}: {lost} rows lost or changed"


@pytest.fixture(scope="session")
def ledger() -> Ledger:
    """The process's ledger file (merged into docs/reliability.md at the end of the run)."""
    LEDGER_DIR.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return Ledger(LEDGER_DIR / f"{worker}.jsonl")


def _write_report() -> None:
    rows = [
        json.loads(line)
        for p in sorted(LEDGER_DIR.glob("*.jsonl"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if not rows:
        return
    lines = [
        "# Reliability",
        "",
        "Written by the reliability suite (`tests/reliability/`, part of `make test`). Each",
        "scenario compares every table's row count and content checksum before and after.",
        "",
        "| what | scenarios | rows lost |",
        "|---|---|---|",
    ]
    for kind, title in KINDS.items():
        mine = [r for r in rows if r["kind"] == kind]
        lines.append(f"| {title} | {len(mine)} | {sum(r['rows_lost'] for r in mine)} |")
    lines += ["", "## Scenarios", "", "| kind | scenario | rows lost |", "|---|---|---|"]
    lines += [
        f"| {r['kind']} | {r['name']} | {r['rows_lost']} |"
        for r in sorted(rows, key=lambda r: (r["kind"], r["name"]))
    ]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start from an empty ledger in the controlling process."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None and LEDGER_DIR.exists():
        for old in LEDGER_DIR.glob("*.jsonl"):
            old.unlink()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Merge the ledgers into docs/reliability.md once, in the controlling process."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None and LEDGER_DIR.exists():
        _write_report()
