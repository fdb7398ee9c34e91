"""Figures for KANO and survey results: the Better/|Worse| quadrant, scores with CIs, trends.

User text (needs, questions, groups) is HTML-escaped because plotly renders a few tags.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

CATEGORY_COLOURS = {
    "M": "#d62728",
    "O": "#1f77b4",
    "A": "#2ca02c",
    "I": "#7f7f7f",
    "R": "#9467bd",
    "Q": "#bcbd22",
}


def kano_quadrant(table: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure:
    """Return the Better (y) versus |Worse| (x) scatter with quadrant lines at 0.5."""
    fig = go.Figure()
    for category, group in table.groupby("category", sort=False):
        fig.add_trace(
            go.Scatter(
                x=group["worse"].abs(),
                y=group["better"],
                mode="markers+text",
                text=[html.escape(str(f)) for f in group["feature"]],
                textposition="top center",
                name=labels.get(f"cat_{category}", str(category)),
                marker={"size": 14, "color": CATEGORY_COLOURS.get(str(category), "#333")},
            )
        )
    for name, x, y in (("A", 0.25, 0.95), ("O", 0.75, 0.95), ("I", 0.25, 0.05), ("M", 0.75, 0.05)):
        fig.add_annotation(
            x=x, y=y, text=labels.get(f"cat_{name}", name), showarrow=False, opacity=0.5
        )
    fig.add_hline(y=0.5, line_dash="dot")
    fig.add_vline(x=0.5, line_dash="dot")
    fig.update_layout(
        xaxis={"title": labels.get("x", "|Worse|"), "range": [0, 1]},
        yaxis={"title": labels.get("y", "Better"), "range": [0, 1]},
        height=480,
        margin={"t": 30},
    )
    return fig


def score_bars(table: pd.DataFrame, label_col: str, title: str) -> go.Figure:
    """Return horizontal bars of a score per group with 95% CI error bars."""
    fig = go.Figure(
        go.Bar(
            x=table["value"],
            y=[html.escape(str(v)) for v in table[label_col]],
            orientation="h",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": table["high"] - table["value"],
                "arrayminus": table["value"] - table["low"],
            },
            text=[f"{v:.1f} (n={n})" for v, n in zip(table["value"], table["n"], strict=True)],
        )
    )
    fig.update_layout(title=title, height=max(240, 40 * len(table) + 120), margin={"l": 10})
    return fig


def trend_with_band(table: pd.DataFrame, period_col: str, title: str) -> go.Figure:
    """Return the score per period as a line with its 95% CI as a shaded band."""
    x = table[period_col].astype(str)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=table["high"], line={"width": 0}, showlegend=False))
    fig.add_trace(
        go.Scatter(
            x=x,
            y=table["low"],
            fill="tonexty",
            line={"width": 0},
            fillcolor="rgba(31,119,180,0.2)",
            showlegend=False,
        )
    )
    fig.add_trace(go.Scatter(x=x, y=table["value"], mode="lines+markers", name=title))
    fig.update_layout(title=title, height=360, margin={"t": 40})
    return fig


def distribution_bars(dist: pd.DataFrame, title: str) -> go.Figure:
    """Return the share of answers per scale point."""
    fig = go.Figure(go.Bar(x=dist["point"].astype(str), y=dist["share"], text=dist["count"]))
    fig.update_layout(title=title, height=280, yaxis={"tickformat": ".0%"}, margin={"t": 40})
    return fig


def penalty_reward_bars(table: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure:
    """Return diverging bars: the penalty (negative) and the reward (positive) per driver."""
    names = [html.escape(str(d)) for d in table["driver"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=table["penalty"],
            orientation="h",
            name=labels.get("penalty", "penalty"),
            marker_color="#d62728",
        )
    )
    fig.add_trace(
        go.Bar(
            y=names,
            x=table["reward"],
            orientation="h",
            name=labels.get("reward", "reward"),
            marker_color="#2ca02c",
        )
    )
    fig.update_layout(barmode="relative", height=max(260, 32 * len(table) + 120))
    return fig
