"""Explorer speed at 10k and 1M items (AppTest run time), and export speed against DuckDB's COPY.

The 1M workspace is ten copies of a generated 100k-item year (source ids made unique), written
batch by batch with the same `insert_batch` an import uses.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psutil
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench._data import ROOT, scratch
from cxdash.demo import demo_items
from cxdash.explore import make_filter
from cxdash.export import write_export
from cxdash.storage import Store, open_store
from cxdash.storage.explore import EXPORT_COLUMNS, iter_export
from cxdash.storage.feedback import insert_batch

SIZES = (10_000, 1_000_000)
BLOCK = 100_000
RUNS = 5


def _workspace(rows: int) -> Path:
    """Return a workspace file holding rows generated items, building it when missing."""
    path = scratch(f"explore-{rows}.duckdb")
    if path.exists():
        return path
    store = open_store(path)
    block = demo_items(n=min(rows, BLOCK), seed=11)
    for copy in range(max(1, rows // BLOCK)):
        items = block.assign(source_id=block["source_id"] + f"-{copy}")
        insert_batch(store, items, {"file_name": f"bench-{copy}.csv", "rows_imported": len(items)})
    store.close()
    return path


def _page_seconds(db: Path, fresh: bool) -> float:
    """Return the wall time of one explorer page run in AppTest (caches cleared when fresh)."""
    os.environ["CXDASH_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/feedback.py")
    if fresh:
        st.cache_data.clear()
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(str(at.exception))
    return elapsed


def _sampled(chunks: Iterator[pd.DataFrame], samples: list[int]) -> Iterator[pd.DataFrame]:
    """Yield the chunks unchanged, recording the process's resident memory at each one."""
    proc = psutil.Process()
    for chunk in chunks:
        samples.append(proc.memory_info().rss)
        yield chunk
    samples.append(proc.memory_info().rss)


def _export_seconds(store: Store, out: Path) -> tuple[float, float]:
    """Return the seconds and resident-memory growth (MB) of a full CSV export to out."""
    samples = [psutil.Process().memory_info().rss]
    start = time.perf_counter()
    with out.open("wb") as handle:
        write_export(_sampled(iter_export(store, make_filter()), samples), "csv", handle)
    return time.perf_counter() - start, (max(samples) - samples[0]) / 1e6


def _copy_seconds(store: Store, out: Path) -> float:
    """Return the seconds DuckDB's own COPY takes to write the same rows and columns as CSV."""
    cur = store.cursor()
    start = time.perf_counter()
    cur.execute(
        f"COPY (SELECT {', '.join(EXPORT_COLUMNS)} FROM feedback ORDER BY received_at, id)"
        f" TO '{out}' (HEADER, DELIMITER ',')"
    )
    cur.close()
    return time.perf_counter() - start


def _page_table(dbs: dict[int, Path]) -> tuple[list[str], dict[str, float]]:
    """Return the Markdown rows of page timings per size and the 1M/10k ratios."""
    cases = [(n, fresh) for n in SIZES for fresh in (True, False)]
    runs: dict[tuple[int, bool], list[float]] = {case: [] for case in cases}
    for _ in range(RUNS):  # interleaved, so a burst of load on the machine hits every case
        for n, fresh in cases:
            runs[(n, fresh)].append(_page_seconds(dbs[n], fresh))
    timing = {case: min(found) for case, found in runs.items()}
    lines = ["| items | page run, fresh cache (s) | page run, warm cache (s) |", "|---:|---:|---:|"]
    lines += [f"| {n:,} | {timing[(n, True)]:.2f} | {timing[(n, False)]:.2f} |" for n in SIZES]
    small, large = SIZES
    ratios = {
        "fresh": timing[(large, True)] / timing[(small, True)],
        "warm": timing[(large, False)] / timing[(small, False)],
    }
    return lines, ratios


def run() -> str:
    """Return the explorer benchmark section in Markdown."""
    dbs = {n: _workspace(n) for n in SIZES}
    page_lines, ratios = _page_table(dbs)
    store = open_store(dbs[SIZES[-1]])
    ours, memory = _export_seconds(store, scratch("explore-export.csv"))
    copy = _copy_seconds(store, scratch("explore-copy.csv"))
    store.close()
    return "\n".join(
        [
            "## Explore feedback (step 1)",
            "",
            f"Explorer page (`pages/feedback.py`) run time in AppTest, best of {RUNS}:",
            "",
            *page_lines,
            "",
            f"- Ratio 1M / 10k, fresh cache: **{ratios['fresh']:.2f}x** (target ≤ 2.0)",
            f"- Ratio 1M / 10k, warm cache: **{ratios['warm']:.2f}x** (target ≤ 2.0)",
            "",
            f"Export of all {SIZES[-1]:,} items to CSV (UTF-8 BOM, formula cells neutralised):",
            "",
            f"- cxdash export: {ours:.2f} s, resident memory growth {memory:.0f} MB",
            f"- DuckDB `COPY … TO` baseline (no neutralisation): {copy:.2f} s",
            f"- Ratio: **{ours / copy:.2f}x**",
        ]
    )
