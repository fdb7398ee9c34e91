"""Feedback volume charts: volume over time stacked by a dimension, top values, rating mix."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from cxdash.explore import shares

# A colour-blind-safe qualitative palette (Okabe & Ito 2008), then plotly's defaults.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)
_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    "hovermode": "x unified",
    "template": "plotly_white",
}


@dataclass(frozen=True)
class AxisLabels:
    """The translated title and axis titles of one chart."""

    title: str
    x: str
    y: str


def volume_chart(volume: pd.DataFrame, axes: AxisLabels, label: Callable[[str], str]) -> go.Figure:
    """Return stacked bars of item counts per period (columns period, key, items) by key."""
    fig = go.Figure()
    totals = volume.groupby("key")["items"].sum().sort_values(ascending=False)
    for i, key in enumerate(totals.index):
        part = volume[volume["key"] == key]
        fig.add_bar(
            x=part["period"],
            y=part["items"],
            name=label(str(key)),
            marker_color=PALETTE[i % len(PALETTE)],
        )
    fig.update_layout(barmode="stack", title=axes.title, **_LAYOUT)
    fig.update_xaxes(title_text=axes.x)
    fig.update_yaxes(title_text=axes.y)
    return fig


def top_chart(counts: pd.DataFrame, axes: AxisLabels, label: Callable[[str], str]) -> go.Figure:
    """Return horizontal bars of the largest values (columns key, items), biggest on top."""
    ordered = shares(counts).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered["items"],
            y=[label(str(k)) for k in ordered["key"]],
            orientation="h",
            text=[f"{v:.0%}" for v in ordered["share"]],
            textposition="auto",
            marker_color=PALETTE[0],
        )
    )
    fig.update_layout(title=axes.title, showlegend=False, **{**_LAYOUT, "hovermode": "closest"})
    fig.update_xaxes(title_text=axes.x)
    fig.update_yaxes(title_text=axes.y)
    return fig


def rating_chart(counts: pd.DataFrame, axes: AxisLabels) -> go.Figure:
    """Return bars of how many items carry each rating (columns rating, items)."""
    fig = go.Figure(
        go.Bar(x=counts["rating"].astype(str), y=counts["items"], marker_color=PALETTE[2])
    )
    fig.update_layout(title=axes.title, showlegend=False, **{**_LAYOUT, "hovermode": "closest"})
    fig.update_xaxes(title_text=axes.x, type="category")
    fig.update_yaxes(title_text=axes.y)
    return fig


def labeller(labels: Mapping[str, str]) -> Callable[[str], str]:
    """Return a function giving each key its display label, or the key itself when unknown."""
    return lambda key: labels.get(key, key)
