"""The survey summary (step 6): a neutral, descriptive account of a cycle's feedback or a survey.

The method asks for a chosen angle of analysis, charts for numeric results, shares by type and
magnitude for text feedback, and statements that describe without judging. The templates here
only state counts, shares and means; they never call a result good, bad, better or worse.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cxdash.i18n import translate

TYPE_COLUMNS = ("problem", "need", "praise", "other", "unlabelled")
NEEDED = ("value", "items", "rated", "rating_sum")


@dataclass(frozen=True)
class SummaryRow:
    """One value of the chosen dimension: its count, share, mean rating and type shares."""

    value: str
    items: int
    share_pct: float
    rated: int
    mean_rating: float | None
    type_shares: dict[str, float]


def summarize(counts: pd.DataFrame) -> list[SummaryRow]:
    """Return the shares and means per value from a counts frame (value, items, rated, …).

    The frame may come from the feedback table (storage.evidence.summary_counts) or from survey
    results grouped the same way; type columns that are absent count as zero.
    """
    missing = [c for c in NEEDED if c not in counts.columns]
    if missing:
        raise ValueError(f"summary counts need columns {missing}")
    total = int(counts["items"].sum())
    rows = []
    for rec in counts.to_dict("records"):
        items, rated = int(rec["items"]), int(rec["rated"])
        shares = {t: _pct(int(rec.get(t, 0) or 0), items) for t in TYPE_COLUMNS if t in rec}
        mean = round(float(rec["rating_sum"]) / rated, 2) if rated else None
        rows.append(SummaryRow(str(rec["value"]), items, _pct(items, total), rated, mean, shares))
    return rows


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def describe(rows: list[SummaryRow], dimension_label: str, lang: str) -> list[str]:
    """Return neutral sentences: each value's count and share, mean rating and its type mix."""
    if not rows:
        return [translate("summary.empty", lang)]
    total = sum(r.items for r in rows)
    lines = [translate("summary.total", lang, n=f"{total:,}", k=len(rows), dim=dimension_label)]
    for row in rows:
        line = translate(
            "summary.row", lang, value=row.value, n=f"{row.items:,}", share=f"{row.share_pct:.1f}"
        )
        if row.mean_rating is not None:
            line += translate(
                "summary.rating", lang, mean=f"{row.mean_rating:.2f}", rated=f"{row.rated:,}"
            )
        mix = [
            translate(f"summary.type.{t}", lang) + f" {s:.1f}%"
            for t, s in row.type_shares.items()
            if s > 0
        ]
        if mix:
            line += translate("summary.mix", lang, mix=", ".join(mix))
        lines.append(line)
    return lines
