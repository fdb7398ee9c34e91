"""Service touchpoints: where a customer meets the operator."""

from __future__ import annotations

import pandas as pd

from cxdash.storage.db import Store


def list_touchpoints(store: Store, *, active_only: bool = True) -> pd.DataFrame:
    """Return the service touchpoints in journey order."""
    where = "WHERE active" if active_only else ""
    return store.df(f"SELECT * FROM touchpoints {where} ORDER BY sort_order, key")
