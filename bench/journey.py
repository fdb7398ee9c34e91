"""Steps 3-4: heatmap and key-point pages at 10k and 1M feedback rows (AppTest server time)."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench._data import scratch
from cxdash.demo import demo_items
from cxdash.storage import open_store
from cxdash.storage.feedback import count_feedback, insert_batch

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("pages/heatmap.py", "pages/key_points.py", "pages/journeys.py")
CHUNK = 100_000


def _workspace(rows: int) -> Path:
    """Return a workspace with rows generated items (chunks of the demo generator, reused)."""
    path = scratch(f"journey-{rows}.duckdb")
    store = open_store(path)
    try:
        if count_feedback(store) != rows:
            store.close()
            path.unlink()
            store = open_store(path)
            chunk = demo_items(n=min(rows, CHUNK), seed=11)
            for i in range(max(1, rows // CHUNK)):
                batch = chunk.assign(source_id=chunk["source_id"] + f"-{i}")
                insert_batch(store, batch, {"file_name": f"bench-{i}.csv", "cycle_id": 1})
    finally:
        store.close()
    return path


def _page_seconds(db: Path, script: str, runs: int = 5) -> tuple[float, float]:
    """Return the AppTest run time of a page's first view and the median of the views after."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    os.environ["CXDASH_DB"] = str(db)
    times = []
    for _ in range(runs + 1):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.query_params["lang"] = "en"
        at.run()
        PagesManager.uses_pages_directory = False
        at.switch_page(script)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times[0], statistics.median(times[1:])


def _raw_seconds(db: Path) -> float:
    """Return the time of the raw baseline: one GROUP BY over the feedback table."""
    store = open_store(db)
    times = []
    try:
        for _ in range(6):
            start = time.perf_counter()
            store.df("SELECT product, category, count(*) FROM feedback GROUP BY ALL")
            times.append(time.perf_counter() - start)
    finally:
        store.close()
    return statistics.median(times[1:])


def run() -> str:
    """Return the Markdown section: page times at 10k and 1M rows and their ratios."""
    small, large = _workspace(10_000), _workspace(1_000_000)
    lines = [
        "## Journey, heatmap and key points (steps 3-4)\n",
        "AppTest server time per page run: the first view (aggregates computed in SQL) and the",
        "median of 5 later views (aggregates cached until the feedback or its labels change).",
        "Target: 1M/10k ratio ≤ 2.0.\n",
        "| what | 10k rows | 1M rows | ratio |",
        "|---|---|---|---|",
    ]
    raw = (_raw_seconds(small), _raw_seconds(large))
    lines.append(
        f"| raw GROUP BY baseline | {raw[0]:.3f} s | {raw[1]:.3f} s | {raw[1] / raw[0]:.1f} |"
    )
    for script in PAGES:
        s, big = _page_seconds(small, script), _page_seconds(large, script)
        lines.append(
            f"| `{script}` first view | {s[0]:.2f} s | {big[0]:.2f} s | {big[0] / s[0]:.2f} |"
        )
        lines.append(
            f"| `{script}` later views | {s[1]:.2f} s | {big[1]:.2f} s | {big[1] / s[1]:.2f} |"
        )
    return "\n".join(lines) + "\n"
