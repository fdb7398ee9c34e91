"""The form of a new verification: metric, window, change date, units; runs the engine."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from cxdash.errors import InvalidInput
from cxdash.evidence import result_record
from cxdash.storage.metrics_source import categories, observations, population_mix, unit_values
from cxdash.ui.context import store, t
from cxdash.ui.verify_panels import spec_from_widgets, window
from cxdash.verify import MetricSpec, Unit, verify

DIMENSIONS = ["", "region", "segment", "channel"]
MIX = ["channel", "segment", "region"]


def _units() -> tuple[str, str, str]:
    cols = st.columns(3)
    dim = cols[0].selectbox(
        t("verify.dimension"),
        DIMENSIONS,
        key="verify_dim",
        format_func={d: t(f"verify.dim.{d or 'all'}") for d in DIMENSIONS}.__getitem__,
    )
    values = unit_values(store(), dim) if dim else []
    treated = cols[1].selectbox(t("verify.treated"), ["", *values], key="verify_treated")
    control = cols[2].selectbox(t("verify.control"), ["", *values], key="verify_control")
    return dim, treated or "", control or ""


def _inputs(first: date, last: date) -> dict[str, Any]:
    span = st.date_input(t("verify.window"), (first, last), key="verify_window")
    middle = first + (last - first) / 2
    change = st.date_input(t("verify.change_date"), value=middle, key="verify_change")
    dim, treated, control = _units()
    worst = st.checkbox(t("verify.chosen_as_worst"), key="verify_worst")
    mix = st.selectbox(
        t("verify.mix_dimension"),
        MIX,
        key="verify_mix",
        format_func={d: t(f"verify.dim.{d}") for d in MIX}.__getitem__,
    )
    target = st.number_input(t("verify.target"), min_value=0.0, value=0.0, key="verify_target")
    return {
        "change_date": f"{change}",
        "window": [f"{d}" for d in span] if isinstance(span, tuple) else [f"{span}"],
        "treated": [dim, treated] if dim and treated else None,
        "control": [dim, control] if dim and control else None,
        "chosen_as_worst": bool(worst),
        "mix_dimension": mix,
        "target": float(target),
    }


def run(spec: MetricSpec, inputs: dict[str, Any]) -> dict[str, Any]:
    """Return the result record of the verification the inputs describe."""
    if len(inputs["window"]) != 2:
        raise InvalidInput("verify.error.window")
    obs = window(observations(store(), spec.source, dict(spec.filters)), *inputs["window"])
    when = pd.Timestamp(inputs["change_date"])
    end = pd.Timestamp(inputs["window"][1]) + pd.Timedelta(days=1)
    found = verify(
        obs,
        spec,
        when,
        treated=Unit(*inputs["treated"]) if inputs["treated"] else None,
        control=Unit(*inputs["control"]) if inputs["control"] else None,
        chosen_as_worst=inputs["chosen_as_worst"],
        population=population_mix(store(), inputs["mix_dimension"], when, end),
        mix_dimension=inputs["mix_dimension"],
        target=inputs["target"] or None,
    )
    return result_record(found)


def new_verification(first: date, last: date) -> tuple[MetricSpec, dict[str, Any]] | None:
    """Show the form; return the spec and inputs when the user asks to run it."""
    spec = spec_from_widgets(categories(store()))
    inputs = _inputs(first, last)
    if st.button(t("verify.run"), key="verify_run", type="primary"):
        return spec, inputs
    return None
