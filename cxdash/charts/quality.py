"""Service-quality figures: the 3K indicator tree, link views, complaint funnel, model charts."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

RAG_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "none": "#9e9e9e"}
ROOT_ID = "__root__"


def _fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]


def indicator_tree(tree: pd.DataFrame, root_label: str, target_label: str) -> go.Figure:
    """Return a treemap of KPIs with their linked drivers, coloured by red/amber/green status."""
    ids = [ROOT_ID, *tree["id"]]
    parents = ["", *[p or ROOT_ID for p in tree["parent"]]]
    labels = [root_label, *[f"{k} · {n}" for k, n in zip(tree["kind"], tree["name"], strict=True)]]
    text = [""] + [
        f"{_fmt(v)} {u} ({target_label} {_fmt(t)})"
        for v, u, t in zip(tree["value"], tree["unit"], tree["target"], strict=True)
    ]
    colours = ["#eceff1", *[RAG_COLOURS[s] for s in tree["status"]]]
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            parents=parents,
            labels=labels,
            text=text,
            textinfo="label+text",
            marker={"colors": colours},
            hovertemplate="%{label}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(margin={"t": 10, "l": 0, "r": 0, "b": 0}, height=420)
    return fig


def link_scatter(pairs: pd.DataFrame, x_label: str, y_label: str) -> go.Figure:
    """Return the driver-vs-KPI scatter, one colour per segment."""
    fig = go.Figure()
    for segment, part in pairs.groupby("segment"):
        fig.add_scatter(
            x=part["value_driver"], y=part["value_kpi"], mode="markers", name=str(segment)
        )
    fig.update_layout(xaxis_title=x_label, yaxis_title=y_label, height=380, margin={"t": 20})
    return fig


def lag_bars(lags: pd.DataFrame, lag_label: str, rho_label: str) -> go.Figure:
    """Return Spearman rho by lag with its confidence interval as error bars."""
    fig = go.Figure(
        go.Bar(
            x=lags["lag"],
            y=lags["rho"],
            error_y={
                "type": "data",
                "symmetric": False,
                "array": lags["high"] - lags["rho"],
                "arrayminus": lags["rho"] - lags["low"],
            },
        )
    )
    fig.update_layout(xaxis_title=lag_label, yaxis_title=rho_label, yaxis_range=[-1, 1], height=320)
    return fig


def funnel(counts: pd.DataFrame, stage_labels: dict[str, str]) -> go.Figure:
    """Return the complaint funnel: tickets reaching each stage, with the share of intake."""
    fig = go.Figure(
        go.Funnel(
            y=[stage_labels[s] for s in counts["stage"]],
            x=counts["tickets"],
            textinfo="value+percent initial",
        )
    )
    fig.update_layout(height=380, margin={"t": 10, "l": 10})
    return fig


def funnel_split(long: pd.DataFrame, dimension: str, stage_labels: dict[str, str]) -> go.Figure:
    """Return one funnel per value of a dimension, side by side."""
    fig = go.Figure()
    for value, part in long.groupby(dimension, sort=False):
        fig.add_trace(
            go.Funnel(
                name=str(value),
                y=[stage_labels[s] for s in part["stage"]],
                x=part["tickets"],
                textinfo="value",
            )
        )
    fig.update_layout(height=420, margin={"t": 10, "l": 10})
    return fig


def lift_chart(lift: pd.DataFrame, decile_label: str, lift_label: str) -> go.Figure:
    """Return lift by score decile with the no-model line at 1."""
    fig = go.Figure(go.Bar(x=lift["decile"], y=lift["lift"], text=lift["lift"].round(2)))
    fig.add_hline(y=1.0, line_dash="dash")
    fig.update_layout(xaxis_title=decile_label, yaxis_title=lift_label, height=340)
    return fig


def calibration_plot(table: pd.DataFrame, predicted_label: str, observed_label: str) -> go.Figure:
    """Return the reliability curve: observed rate against mean predicted score per bin."""
    top = float(max(table["predicted"].max(), table["observed"].max(), 0.05))
    fig = go.Figure()
    fig.add_scatter(x=[0, top], y=[0, top], mode="lines", line={"dash": "dash"}, showlegend=False)
    fig.add_scatter(
        x=table["predicted"], y=table["observed"], mode="lines+markers", showlegend=False
    )
    fig.update_layout(xaxis_title=predicted_label, yaxis_title=observed_label, height=340)
    return fig


def importance_bars(importance: pd.DataFrame, label: str) -> go.Figure:
    """Return permutation importance per feature as horizontal bars, largest on top."""
    shown = importance.head(15).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=shown["importance"],
            y=shown["feature"],
            orientation="h",
            error_x={"type": "data", "array": shown["std"]},
        )
    )
    fig.update_layout(xaxis_title=label, height=max(260, 28 * len(shown)), margin={"t": 10})
    return fig
