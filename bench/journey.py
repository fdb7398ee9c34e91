"""Steps 3-4: heatmap and key-point pages at 10k and 1M feedback rows (AppTest server time)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench._data import scratch
from cxdash.demo import demo_items
from cxdash.demo.journeys import seed_journeys
from cxdash.storage import journey_data, open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.feedback import count_feedback, insert_batch
from cxdash.storage.journeys import list_maps

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("pages/heatmap.py", "pages/key_points.py", "pages/journeys.py")
CHUNK = 100_000


def _workspace(rows: int) -> Path:
    """Return a workspace with rows generated items and the demo's two journey maps (reused)."""
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
        if list_maps(store, current_cycle_id(store)).empty:
            seed_journeys(store)
    finally:
        store.close()
    return path


def _view_seconds(script: str, cold: bool) -> float:
    """Return the AppTest run time of one view of a page, from empty caches when cold."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params["lang"] = "en"
    at.run()
    PagesManager.uses_pages_directory = False
    at.switch_page(script)
    if cold:
        st.cache_data.clear()
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, at.exception
    return elapsed


def _page_seconds(db: Path, script: str, runs: int = 5) -> tuple[float, float]:
    """Return the best times of a page's first view (empty caches) and of its later views.

    Best of runs: the machine is shared, and the minimum is the least disturbed sample.
    """
    os.environ["CXDASH_DB"] = str(db)
    first = min(_view_seconds(script, cold=True) for _ in range(runs))
    later = min(_view_seconds(script, cold=False) for _ in range(runs))
    return first, later


def _query_seconds(db: Path) -> tuple[float, float]:
    """Return the median times of the raw baseline (one GROUP BY) and of the journey rollup."""
    store = open_store(db)
    raw, rolled = [], []
    try:
        for _ in range(6):
            start = time.perf_counter()
            store.df("SELECT product, category, count(*) FROM feedback GROUP BY ALL")
            raw.append(time.perf_counter() - start)
            start = time.perf_counter()
            journey_data.rollup(store, current_cycle_id(store))
            rolled.append(time.perf_counter() - start)
    finally:
        store.close()
    return min(raw[1:]), min(rolled[1:])


def _row(what: str, small: float, large: float) -> str:
    return f"| {what} | {small:.3f} s | {large:.3f} s | {large / small:.2f} |"


def run() -> str:
    """Return the Markdown section: page times at 10k and 1M rows and their ratios."""
    small, large = _workspace(10_000), _workspace(1_000_000)
    os.environ["CXDASH_DB"] = str(small)
    for script in PAGES:  # warm-up: imports and the first AppTest start are not page time
        _view_seconds(script, cold=True)
    load = os.getloadavg()[0]
    lines = [
        "## Journey, heatmap and key points (steps 3-4)\n",
        "AppTest server time per page run, best of 5 (the machine is shared and busy; the",
        "minimum is the least disturbed sample). The first view, from empty caches, pays one",
        "scan of the feedback (`journey_data.rollup`: items grouped by the raw columns their",
        "labels come from, labels derived once per group; every aggregate of the three pages",
        "is computed from that small frame). Later views reuse the cached rollup until the",
        "feedback or its labels change. Both workspaces hold the demo's two journey maps.",
        "Target: 1M/10k ratio ≤ 2.0.\n",
        "| what | 10k rows | 1M rows | ratio |",
        "|---|---|---|---|",
    ]
    raw_small, rollup_small = _query_seconds(small)
    raw_large, rollup_large = _query_seconds(large)
    lines.append(_row("raw GROUP BY baseline (query only)", raw_small, raw_large))
    lines.append(_row("`journey_data.rollup` (query only)", rollup_small, rollup_large))
    first, later = [], []
    for script in PAGES:
        s, big = _page_seconds(small, script), _page_seconds(large, script)
        lines.append(_row(f"`{script}` first view", s[0], big[0]))
        lines.append(_row(f"`{script}` later views", s[1], big[1]))
        first.append(big[0] / s[0])
        later.append(big[1] / s[1])
    end = os.getloadavg()[0]
    lines += _reading(first, later, raw_large / raw_small, rollup_large / rollup_small)
    lines.append(
        f"At 1M rows the rollup query takes {rollup_large / raw_large:.0f}x the raw baseline's"
        " time: it joins the import batches and the item labels and groups by ten columns."
    )
    lines.append(f"\nLoad average (1 min) at the start and end of the page runs: {load:.1f} and")
    lines.append(f"{end:.1f}, on 2 cores.")
    return "\n".join(lines) + "\n"


def _reading(first: list[float], later: list[float], raw: float, rolled: float) -> list[str]:
    """Return the paragraph that reads the table against the target and the raw limit."""
    met = "within" if max(later) <= 2.0 else "above"
    return [
        f"\nLater views: ratios {min(later):.2f}-{max(later):.2f}, {met} the target.",
        f"First views: ratios {min(first):.2f}-{max(first):.2f}. A first view has to scan the",
        f"feedback once: the rollup query scales {rolled:.1f}x from 10k to 1M rows, in line with",
        f"the raw GROUP BY baseline ({raw:.1f}x), so what is left is the scan itself, not",
        "per-row work in pandas; a cold first view reaches 2.0 only where the page's fixed",
        "cost at 10k outweighs that scan.",
    ]
