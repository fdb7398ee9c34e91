"""Widgets of the verification page: the metric picker and the evidence panel."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from cxdash.charts.verify import before_after_figure
from cxdash.evidence import period_series
from cxdash.stats import Estimate
from cxdash.storage.metrics_source import SOURCES, observations
from cxdash.ui.context import label, store, t
from cxdash.verify import MetricSpec

VERDICT_BOX = {"improved": st.success, "worse": st.error, "no_change": st.info,
               "insufficient": st.warning}  # fmt: skip
DEFAULT_BETTER = {"feedback.category_share": "lower", "feedback.complaints": "lower"}


def fmt(kind: str, value: float | None, delta: bool = False) -> str:
    """Return a number formatted for the metric kind (shares in %, points for differences)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if kind == "share":
        return f"{value * 100:+.1f} pp" if delta else f"{value * 100:.1f}%"
    if kind == "rate" and delta:
        return f"×{value:.2f}"
    return f"{value:+.2f}" if delta else f"{value:.2f}"


def spec_from_widgets(categories: list[str]) -> MetricSpec:
    """Show the metric picker and return the chosen spec."""
    names = {s: t(f"verify.source.{s.split('.')[1]}") for s in SOURCES}
    source = st.selectbox(
        t("verify.metric"), list(SOURCES), key="verify_source", format_func=names.__getitem__
    )
    filters: tuple[tuple[str, str], ...] = ()
    if source == "feedback.category_share":
        shown = {c: label("category", c) for c in categories}
        chosen = st.selectbox(
            t("verify.category"), categories, key="verify_category", format_func=shown.__getitem__
        )
        filters = (("category", chosen or ""),)
    better = DEFAULT_BETTER.get(source, "higher")
    options = ["lower", "higher"]
    better = st.radio(
        t("verify.better"),
        options,
        index=options.index(better),
        key="verify_better",
        horizontal=True,
        format_func={b: t(f"verify.{b}") for b in options}.__getitem__,
    )
    return MetricSpec(SOURCES[source][0], source, filters, better)


def window(obs: pd.DataFrame, start: Any, end: Any) -> pd.DataFrame:
    """Return the observations within [start, end] (dates)."""
    ts = pd.to_datetime(obs["ts"])
    return obs[(ts >= pd.Timestamp(start)) & (ts < pd.Timestamp(end) + pd.Timedelta(days=1))]


def chart(spec: MetricSpec, inputs: dict[str, Any], result: dict[str, Any], key: str) -> None:
    """Show the before/after chart of the metric over the verification window."""
    obs = observations(store(), spec.source, dict(spec.filters))
    obs = window(obs, *inputs["window"])
    if inputs.get("treated"):
        dim, value = inputs["treated"]
        obs = obs[obs[dim] == value]
    weekly = period_series(obs, spec.kind)
    periods = (Estimate(**result["before"]), Estimate(**result["after"]))
    labels = {k: t(f"verify.chart.{k}") for k in ("before", "after", "change")}
    labels["y"] = t(f"verify.source.{spec.source.split('.')[1]}")
    fig = before_after_figure(weekly, pd.Timestamp(inputs["change_date"]), periods, labels)
    st.plotly_chart(fig, key=key)


def _verdict(kind: str, result: dict[str, Any]) -> None:
    test, power = result["test"], result["power"]
    numbers = t("verify.numbers", before=fmt(kind, result["before"]["value"]),
                after=fmt(kind, result["after"]["value"]), effect=fmt(kind, test["effect"], True),
                low=fmt(kind, test["low"], True), high=fmt(kind, test["high"], True),
                test=t(f"verify.test.{test['test']}"), p=f"{test['p_value']:.4f}")  # fmt: skip
    text = t(f"verify.verdict.{result['verdict']}") + " " + numbers
    if result["verdict"] == "insufficient" and "underpowered" in result["reasons"]:
        text += " " + t("verify.need_more", n=f"{power['more_needed']:,}")
    VERDICT_BOX[result["verdict"]](text)


def _tests_table(kind: str, result: dict[str, Any]) -> None:
    rows = [r for r in (result["test"], result["extra_test"]) if r]
    if result["did"]:
        rows.append({"test": "did", "statistic": None, **result["did"]})
    table = pd.DataFrame({
        t("verify.col.test"): [t(f"verify.test.{r['test']}") for r in rows],
        t("verify.col.statistic"): [r.get("statistic") for r in rows],
        t("verify.col.p"): [r["p_value"] for r in rows],
        t("verify.col.effect"): [fmt(kind if r["test"] != "did" else "mean", r["effect"], True)
                                 for r in rows],
        t("verify.col.ci"): [f"{fmt(kind, r['low'], True)} … {fmt(kind, r['high'], True)}"
                             for r in rows],
    })  # fmt: skip
    st.dataframe(table, hide_index=True)


def evidence(kind: str, result: dict[str, Any]) -> None:
    """Show the verdict, tests, power, bias check, DiD and regression-to-the-mean warning."""
    _verdict(kind, result)
    cols = st.columns(3)
    cols[0].metric(t("verify.before"), fmt(kind, result["before"]["value"]),
                   help=t("verify.n", n=result["before"]["n"]))  # fmt: skip
    cols[1].metric(t("verify.after"), fmt(kind, result["after"]["value"]),
                   help=t("verify.n", n=result["after"]["n"]))  # fmt: skip
    cols[2].metric(t("verify.effect"), fmt(kind, result["test"]["effect"], True))
    _tests_table(kind, result)
    power = result["power"]
    st.markdown(t("verify.power", mde=fmt(kind, power["mde"]), target=fmt(kind, power["target"])))
    bias = result["bias"]
    if bias:
        key = "verify.bias_off" if bias["biased"] else "verify.bias_ok"
        numbers = {"chi2": f"{bias['chi2']:.1f}", "p": f"{bias['p_value']:.3g}"}
        numbers |= {"raw": fmt(kind, bias["raw"]), "weighted": fmt(kind, bias["weighted"])}
        st.markdown(t(key, dimension=t(f"verify.dim.{bias['dimension']}"), **numbers))
    if result["rtm_warning"]:
        st.warning(t("verify.rtm"), icon=":material/trending_down:")
