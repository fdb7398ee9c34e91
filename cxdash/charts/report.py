"""Figures of the report and the survey summary: evidence series and per-dimension bars."""

from __future__ import annotations

import plotly.graph_objects as go

from cxdash.report import Chart
from cxdash.summary import SummaryRow

FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif"
BLUE = "#0b5cad"


def evidence_bars(chart: Chart, height: int = 320) -> go.Figure:
    """Return a bar figure of an evidence series (for example items per month)."""
    fig = go.Figure(go.Bar(x=list(chart.categories), y=list(chart.values), marker_color=BLUE))
    fig.update_layout(
        title=chart.title,
        height=height,
        font_family=FONT,
        margin={"l": 40, "r": 10, "t": 50, "b": 40},
    )
    return fig


def summary_bars(rows: list[SummaryRow], items_label: str, rating_label: str) -> go.Figure:
    """Return bars of item counts per value with the mean rating as a line on a second axis."""
    values = [r.value for r in rows]
    fig = go.Figure(
        go.Bar(x=values, y=[r.items for r in rows], name=items_label, marker_color=BLUE)
    )
    fig.add_trace(
        go.Scatter(
            x=values,
            y=[r.mean_rating for r in rows],
            name=rating_label,
            yaxis="y2",
            mode="lines+markers",
        )
    )
    fig.update_layout(
        font_family=FONT,
        height=360,
        margin={"l": 40, "r": 40, "t": 30, "b": 40},
        yaxis={"title": items_label},
        yaxis2={"title": rating_label, "overlaying": "y", "side": "right", "range": [0, 5]},
    )
    return fig


def type_mix_bars(rows: list[SummaryRow], type_labels: dict[str, str], axis: str) -> go.Figure:
    """Return stacked bars of each value's feedback-type shares (percent)."""
    fig = go.Figure()
    for key, label in type_labels.items():
        fig.add_trace(
            go.Bar(
                x=[r.value for r in rows], y=[r.type_shares.get(key, 0.0) for r in rows], name=label
            )
        )
    fig.update_layout(
        barmode="stack",
        font_family=FONT,
        height=340,
        yaxis={"title": axis},
        margin={"l": 40, "r": 10, "t": 30, "b": 40},
    )
    return fig
