"""Figures of steps 3 and 4: the emotion curve and the clickable pain-point heatmap."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxdash.heatmap import Heatmap


def emotion_figure(curve: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure:
    """Return the emotion curve: hand-entered and computed emotion per stage (-2..+2)."""
    fig = go.Figure()
    for column, dash in (("hand", "solid"), ("computed", "dot")):
        fig.add_trace(
            go.Scatter(
                x=list(curve["label"]),
                y=list(curve[column]),
                name=labels[column],
                mode="lines+markers",
                line={"dash": dash, "shape": "spline"},
                connectgaps=False,
            )
        )
    fig.update_yaxes(range=[-2.2, 2.2], zeroline=True, title=labels["axis"])
    fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def heatmap_figure(
    heatmap: Heatmap,
    row_labels: Mapping[str, str],
    column_labels: Mapping[str, str],
    colour_title: str,
) -> go.Figure:
    """Return the heatmap with an invisible marker on every cell, so a click selects the cell."""
    x = [column_labels.get(c, c) for c in heatmap.columns]
    y = [row_labels.get(r, r) for r in heatmap.rows]
    fig = go.Figure(
        go.Heatmap(
            z=heatmap.values.to_numpy(),
            x=x,
            y=y,
            colorscale="Reds",
            colorbar={"title": colour_title},
            hoverongaps=False,
        )
    )
    xs, ys, keys, counts = [], [], [], []
    for r, row in enumerate(heatmap.rows):
        for c, col in enumerate(heatmap.columns):
            volume = heatmap.volumes.iat[r, c]
            if volume == volume and volume > 0:
                xs.append(x[c])
                ys.append(y[r])
                keys.append([row, col])
                counts.append(int(volume))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            customdata=keys,
            text=counts,
            mode="markers",
            marker={"size": 18, "opacity": 0.0, "symbol": "square"},
            hovertemplate="%{y} × %{x}<br>n=%{text}<extra></extra>",
            showlegend=False,
        )
    )
    height = max(320, 34 * len(y) + 160)
    fig.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, clickmode="event+select"
    )
    fig.update_xaxes(tickangle=-40)
    return fig
