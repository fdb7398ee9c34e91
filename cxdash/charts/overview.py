"""The loop as a picture: the eight steps on a ring, each cycle placed at the step it reached."""

from __future__ import annotations

import math

import plotly.graph_objects as go

STATUS_COLORS = {"done": "#2ca02c", "doing": "#ff7f0e", "todo": "#c7c7c7"}


def _ring(count: int) -> list[tuple[float, float]]:
    # clockwise from the top, like the method's drawing of the loop
    return [
        (
            math.cos(math.pi / 2 - 2 * math.pi * i / count),
            math.sin(math.pi / 2 - 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def loop_figure(
    step_labels: list[str],
    statuses: list[str],
    cycle_marks: list[tuple[int, str]],
    center: str,
) -> go.Figure:
    """Return the ring of steps coloured by the open cycle's statuses, with cycle markers.

    step_labels and statuses are in step order; cycle_marks holds (step reached 1–9, label).
    All texts are app-written labels chosen by the caller.
    """
    points = _ring(len(step_labels))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[*xs, xs[0]], y=[*ys, ys[0]], mode="lines",
                             line={"color": "#d0d0d0", "width": 3}, hoverinfo="skip"))  # fmt: skip
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=step_labels, textposition="middle center",
        marker={"size": 58, "color": [STATUS_COLORS.get(s, "#c7c7c7") for s in statuses],
                "line": {"color": "white", "width": 2}},
        textfont={"size": 11}, hoverinfo="text", hovertext=step_labels,
    ))  # fmt: skip
    for offset, (step, label) in enumerate(cycle_marks):
        x, y = points[min(step, len(points)) - 1]
        fig.add_annotation(x=x * 1.38, y=y * 1.38 - 0.12 * offset, text=label, showarrow=False,
                           font={"size": 12, "color": "#0b4f8a"})  # fmt: skip
    fig.add_annotation(x=0, y=0, text=center, showarrow=False, font={"size": 15})
    axis = {"visible": False, "range": [-1.75, 1.75]}
    fig.update_layout(height=420, showlegend=False, xaxis=axis, yaxis={**axis, "scaleanchor": "x"},
                      margin={"l": 0, "r": 0, "t": 0, "b": 0})  # fmt: skip
    return fig
