"""Before/after chart of a verified metric: weekly estimates with CI bands and the change date."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cxdash.stats import Estimate


def _band(series: pd.DataFrame, name: str, color: str) -> list[go.Scatter]:
    x = list(series["period"]) + list(series["period"])[::-1]
    y = list(series["high"]) + list(series["low"])[::-1]
    return [
        go.Scatter(x=x, y=y, fill="toself", fillcolor=color, opacity=0.18, line={"width": 0},
                   hoverinfo="skip", showlegend=False),
        go.Scatter(x=series["period"], y=series["value"], mode="lines+markers", name=name,
                   line={"color": color}, customdata=series["n"],
                   hovertemplate="%{x|%Y-%m-%d}: %{y:.3g} (n=%{customdata})<extra></extra>"),
    ]  # fmt: skip


def before_after_figure(
    weekly: pd.DataFrame,
    change_date: pd.Timestamp,
    periods: tuple[Estimate, Estimate],
    labels: dict[str, str],
) -> go.Figure:
    """Return weekly estimates with 95% bands, the period means with CIs, and the change marked.

    labels: 'before', 'after', 'change', 'y' (display texts chosen by the caller).
    """
    fig = go.Figure()
    before = weekly[weekly["period"] < change_date]
    after = weekly[weekly["period"] >= change_date]
    for part, key, color in ((before, "before", "#8c8c8c"), (after, "after", "#1f77b4")):
        if len(part):
            fig.add_traces(_band(part, labels[key], color))
    for est, part, color in ((periods[0], before, "#595959"), (periods[1], after, "#0b4f8a")):
        if len(part):
            x0, x1 = part["period"].min(), part["period"].max()
            fig.add_shape(type="rect", x0=x0, x1=x1, y0=est.low, y1=est.high, fillcolor=color,
                          opacity=0.12, line={"width": 0})  # fmt: skip
            fig.add_shape(type="line", x0=x0, x1=x1, y0=est.value, y1=est.value,
                          line={"color": color, "dash": "dash"})  # fmt: skip
    fig.add_vline(x=change_date, line={"color": "#d62728", "width": 2})
    fig.add_annotation(x=change_date, y=1, yref="paper", text=labels["change"], showarrow=False,
                       xanchor="left", font={"color": "#d62728"})  # fmt: skip
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      yaxis_title=labels["y"], legend={"orientation": "h"})  # fmt: skip
    return fig
