"""The manager's Overview: the loop picture, headline KPI tiles, top pain points, verified wins."""

from __future__ import annotations

import math
from collections.abc import Callable

import streamlit as st

from cxdash.charts.overview import loop_figure
from cxdash.cycles import STEPS, current_step
from cxdash.headline import KpiTile, kpi_tile
from cxdash.storage.cycles import current_cycle_id, list_cycles
from cxdash.storage.loop import cycle_steps
from cxdash.storage.metrics_source import top_pain_points, weekly_totals
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.storage.verifications import verified_wins
from cxdash.taxonomy import display_names
from cxdash.ui.context import label, lang, store, t
from cxdash.ui.overview_watch import alerts, overdue, survey_tiles

# Each tile: message key, metric source, kind, display scale, formatter, lower-is-better.
TILES: tuple[tuple[str, str, str, float, Callable[[float], str], bool], ...] = (
    ("complaints", "feedback.complaints", "rate", 1.0, lambda v: f"{v:.1f}", True),
    ("csat", "feedback.csat_top2", "share", 100.0, lambda v: f"{v:.1f}%", False),
    ("rating", "feedback.rating_mean", "mean", 1.0, lambda v: f"{v:.2f}", False),
)


def loop_picture() -> None:
    """Show the loop ring coloured by the open cycle's steps, with where each cycle stands."""
    cycles = list_cycles(store())
    open_id = current_cycle_id(store())
    marks = []
    for row in cycles.sort_values("number").itertuples():
        reached = current_step(cycle_steps(store(), int(row.id)))
        done = row.status == "closed"
        marks.append((8 if done else reached, t("overview.loop.mark_closed" if done else
                      "overview.loop.mark_open", n=row.number)))  # fmt: skip
    steps = cycle_steps(store(), open_id)
    reached = current_step(steps)
    number = int(cycles.loc[cycles["id"] == open_id, "number"].iloc[0])
    center = t("overview.loop.center", n=number, step=min(reached, len(STEPS)))
    fig = loop_figure([t(f"cycles.step.{k}") for k in STEPS], steps["status"].tolist(), marks,
                      center)  # fmt: skip
    st.plotly_chart(fig, key="overview_loop")


def show_tile(column: st.delta_generator.DeltaGenerator, key: str, tile: KpiTile | None,
              fmt: Callable[[float], str], lower_better: bool) -> None:  # fmt: skip
    """Show one KPI tile: value with its CI, change against the weeks before, weekly trend."""
    if tile is None or math.isnan(tile.value):
        column.metric(t(f"overview.kpi.{key}"), "–")
        return
    delta = None if math.isnan(tile.previous) else tile.value - tile.previous
    column.metric(
        t(f"overview.kpi.{key}"),
        fmt(tile.value),
        delta=None if delta is None else fmt(delta),
        delta_color="inverse" if lower_better else "normal",
        help=t("overview.kpi.help", low=fmt(tile.low), high=fmt(tile.high), n=f"{tile.n:,}"),
        chart_data=[v for v in tile.trend if not math.isnan(v)],
        border=True,
    )
    column.caption(t("overview.kpi.ci", low=fmt(tile.low), high=fmt(tile.high), n=f"{tile.n:,}"))


def kpi_tiles() -> None:
    """Show the headline tiles (last 4 weeks against the 4 before, with 95% CIs)."""
    st.subheader(t("overview.kpi.header"))
    columns = st.columns(len(TILES))
    for column, (key, source, kind, scale, fmt, lower) in zip(columns, TILES, strict=True):
        tile = kpi_tile(weekly_totals(store(), source, {}), kind, scale=scale)
        show_tile(column, key, tile, fmt, lower)


def pain_points() -> None:
    """Show the top problem categories by volume, with their negative share."""
    st.subheader(t("overview.pain.header"))
    found = top_pain_points(store())
    names = display_names(load_taxonomy(store()), lang())
    if found.empty:
        st.caption(t("overview.pain.none"))
        return
    shown = {
        t("overview.pain.category"): [
            names.get(c) or label("category", c) for c in found["category"]
        ],
        t("overview.pain.volume"): found["volume"],
        t("overview.pain.share"): (found["share"] * 100).round(1),
        t("overview.pain.negative"): (found["negative_share"] * 100).round(1),
    }
    st.dataframe(shown, hide_index=True, key="overview_pain")


def wins() -> None:
    """Show the verified improvements, newest first."""
    st.subheader(t("overview.wins.header"))
    found = verified_wins(store())
    if found.empty:
        st.caption(t("overview.wins.none"))
        return
    for row in found.itertuples():
        effect = f"{row.effect * 100:+.1f} pp" if row.kind == "share" else f"{row.effect:+.2f}"
        st.success(t("overview.wins.item", cycle=row.cycle_number, effect=effect,
                     p=f"{row.p_value:.4f}"), icon=":material/verified:")  # fmt: skip
        st.text(row.title)


def manager_overview() -> None:
    """Show the manager's block: loop, KPIs, survey scores, wins, alerts, pain points, overdue."""
    left, right = st.columns([1, 1])
    with left:
        loop_picture()
    with right:
        kpi_tiles()
        survey_tiles()
        wins()
    alerts()
    pain_points()
    overdue()
