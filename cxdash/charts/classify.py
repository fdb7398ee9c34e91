"""Figures of step 2: the k suggestion curve and a cluster's monthly trend."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go


def k_curve_figure(
    curve: Sequence[Sequence[float]], chosen: int, x_label: str, y_label: str
) -> go.Figure:
    """Return the silhouette-by-k line with the chosen k marked."""
    ks = [int(p[0]) for p in curve]
    scores = [float(p[1]) for p in curve]
    fig = go.Figure(go.Scatter(x=ks, y=scores, mode="lines+markers", name=y_label))
    fig.add_vline(x=chosen, line_dash="dot")
    fig.update_layout(
        height=260,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=x_label,
        yaxis_title=y_label,
    )
    return fig


def trend_figure(values: Sequence[int], label: str) -> go.Figure:
    """Return a small bar chart of a cluster's items per month."""
    fig = go.Figure(go.Bar(y=list(values), name=label))
    fig.update_layout(height=120, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False)
    fig.update_xaxes(visible=False)
    return fig
