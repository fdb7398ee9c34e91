"""The journey canvas: a drag board of cards in stage columns and element lanes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

_HERE = Path(__file__).resolve().parent

_canvas = st.components.v2.component(
    "cxdash_journey_canvas",
    html="<div class='jc-root'></div>",
    css=(_HERE / "canvas.css").read_text(encoding="utf-8"),
    js=(_HERE / "canvas.js").read_text(encoding="utf-8"),
)


def journey_canvas(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    """Show the canvas and return the user's last action (move, reorder, delete) or None."""
    result = _canvas(data=data, key=key, on_action_change=lambda: None, height="content")
    action = getattr(result, "action", None)
    return action if isinstance(action, dict) else None
