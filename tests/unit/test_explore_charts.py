"""Feedback charts: translated labels in, plotly figures out, no Streamlit involved."""

from __future__ import annotations

import pandas as pd

from cxdash.charts.feedback import AxisLabels, rating_chart, top_chart, volume_chart

AXES = AxisLabels("反馈量趋势", "时间", "反馈条数")
NAMES = {"hotline": "客服热线", "store": "营业厅"}


def test_volume_chart_stacks_one_labelled_trace_per_key_largest_first():
    volume = pd.DataFrame(
        {
            "period": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-04-01", "2026-04-01"]),
            "key": ["store", "hotline", "store", "hotline"],
            "items": [1, 5, 2, 6],
        }
    )
    fig = volume_chart(volume, AXES, lambda k: NAMES[k])
    assert [trace.name for trace in fig.data] == ["客服热线", "营业厅"]
    assert list(fig.data[0].y) == [5, 6]
    assert fig.layout.barmode == "stack"
    assert fig.layout.title.text == "反馈量趋势"
    assert fig.layout.xaxis.title.text == "时间" and fig.layout.yaxis.title.text == "反馈条数"


def test_top_chart_puts_the_largest_on_top_with_its_share():
    counts = pd.DataFrame({"key": ["store", "hotline"], "items": [1, 3]})
    fig = top_chart(counts, AXES, lambda k: NAMES[k])
    bar = fig.data[0]
    assert list(bar.y) == ["营业厅", "客服热线"]  # plotly draws the last category on top
    assert list(bar.text) == ["25%", "75%"]


def test_rating_chart_treats_ratings_as_categories():
    fig = rating_chart(pd.DataFrame({"rating": [1, 5], "items": [4, 2]}), AXES)
    assert list(fig.data[0].x) == ["1", "5"]
    assert fig.layout.xaxis.type == "category"


def test_charts_of_nothing_are_empty_not_errors():
    empty = pd.DataFrame(columns=["period", "key", "items"])
    assert volume_chart(empty, AXES, str).data == ()
    assert len(top_chart(pd.DataFrame({"key": [], "items": []}), AXES, str).data[0].y) == 0
