"""Cycles: the rounds of the loop that every artefact belongs to."""

from __future__ import annotations

import pandas as pd

from cxdash.storage.db import Store


def current_cycle_id(store: Store) -> int:
    """Return the id of the newest open cycle (the first cycle exists from the start)."""
    found = store.scalar("SELECT max(id) FROM cycles WHERE status = 'open'")
    return int(found if found is not None else store.scalar("SELECT max(id) FROM cycles"))


def list_cycles(store: Store) -> pd.DataFrame:
    """Return every cycle, newest first."""
    return store.df("SELECT * FROM cycles ORDER BY number DESC")
