"""The seeded demo workspace: a telecom operator's year of feedback and the loop built on it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd

from cxdash.demo.feedback import generate_feedback
from cxdash.storage import Store
from cxdash.storage.feedback import count_feedback, insert_batch

DEMO_ROWS = 20_000
DEMO_SEED = 7


def demo_items(n: int = DEMO_ROWS, seed: int = DEMO_SEED) -> pd.DataFrame:
    """Return the demo feedback shaped as stored items (ground-truth columns dropped)."""
    frame = generate_feedback(n=n, seed=seed)
    items = frame.drop(columns=["topic"])
    labelled = items["category"].notna()
    items["kind"] = items["kind"].where(labelled, None)
    items["rating_max"] = items["rating"].where(items["rating"].isna(), 5.0)
    items["row_hash"] = [
        hashlib.sha1(f"{s}|{t}".encode()).hexdigest()
        for s, t in zip(items.source_id, items.text, strict=True)
    ]
    return items


def seed_feedback(store: Store) -> None:
    """Write the demo feedback as one import batch."""
    items = demo_items()
    batch = {
        "file_name": "demo-telecom-voc.csv",
        "source": "demo",
        "file_format": "generated",
        "rows_in_file": len(items),
        "rows_imported": len(items),
        "cycle_id": 1,
        "created_by": "demo",
    }
    insert_batch(store, items, batch)


# Each later part of the loop appends its own seeder; they run in this order.
def seed_classification(store: Store) -> None:
    """Load the built-in telecom taxonomy and label the demo feedback with it."""
    from cxdash.classify import run_classification
    from cxdash.storage.taxonomy import save_taxonomy
    from cxdash.taxonomy import builtin_taxonomy

    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin", "telecom", by="demo")
    run_classification(store, unlabelled=0)


def seed_later_steps(store: Store) -> None:
    """Close cycle 1 as verified, then seed cycle 2's journeys, surveys, solutions and quality."""
    from cxdash.demo.journeys import seed_journeys
    from cxdash.demo.quality import seed_quality
    from cxdash.demo.solutions import seed_solutions
    from cxdash.demo.surveys import seed_surveys
    from cxdash.demo.verify import seed_verification

    for seeder in (seed_verification, seed_journeys, seed_surveys, seed_solutions, seed_quality):
        seeder(store)


# Each part of the loop seeds its own data, in the loop's order.
SEEDERS: list[Callable[[Store], None]] = [seed_feedback, seed_classification, seed_later_steps]


def seed_demo(store: Store) -> int:
    """Seed every part of the demo workspace into an empty store; return the feedback count."""
    if count_feedback(store):
        return count_feedback(store)
    for seeder in SEEDERS:
        seeder(store)
    return count_feedback(store)
