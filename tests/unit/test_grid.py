"""Cells read back from an edited table: empty cells of every kind are empty."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from cxdash.ui.grid import cell_day, cell_text


def test_empty_cells_of_every_kind_read_as_empty_text():
    assert [cell_text(v) for v in (None, np.nan, pd.NaT, "")] == ["", "", "", ""]
    assert cell_text(" step ") == " step "
    assert cell_text(3) == "3"


def test_date_cells_read_as_days_or_none():
    assert cell_day(pd.Timestamp("2026-05-01 13:00")) == date(2026, 5, 1)
    assert cell_day("2026-05-01") == date(2026, 5, 1)
    assert [cell_day(v) for v in (None, np.nan, pd.NaT, "")] == [None, None, None, None]
