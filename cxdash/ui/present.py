"""Presentation mode: the report as full-screen slides with large type and no app chrome."""

from __future__ import annotations

import streamlit as st

from cxdash.report import Report
from cxdash.ui.context import inert, t
from cxdash.ui.solution_report import render_section

SLIDE_KEY = "present_slide"
# Fixed CSS written by the app (no user text): hide the sidebar, header and toolbar, enlarge type.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMain"] .block-container { max-width: 1280px; padding-top: 1.5rem; }
[data-testid="stMain"] h1 { font-size: 3rem; }
[data-testid="stMain"] h3 { font-size: 2.4rem; }
[data-testid="stMain"] [data-testid="stText"] { font-size: 1.6rem; line-height: 1.5;
  font-family: inherit; white-space: pre-wrap; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1rem; }
</style>
"""


def hide_chrome() -> None:
    """Apply the fixed presentation CSS: a constant written by the app, never user text.

    ``st.html`` with only a style element adds the style without taking space on the page.
    """
    st.html(PRESENT_CSS)


def _move(step: int, total: int) -> None:
    current = int(st.session_state.get(SLIDE_KEY, 0))
    st.session_state[SLIDE_KEY] = max(0, min(total - 1, current + step))


def _exit() -> None:
    st.query_params.pop("present", None)
    st.session_state[SLIDE_KEY] = 0


def _controls(index: int, total: int) -> None:
    cols = st.columns([1, 1, 4, 1], vertical_alignment="center")
    cols[0].button(
        t("report.present.prev"),
        key="present_prev",
        on_click=_move,
        args=(-1, total),
        disabled=index == 0,
        icon=":material/arrow_back:",
    )
    cols[1].button(
        t("report.present.next"),
        key="present_next",
        on_click=_move,
        args=(1, total),
        disabled=index == total - 1,
        icon=":material/arrow_forward:",
    )
    cols[2].caption(t("report.present.position", n=index + 1, total=total))
    cols[3].button(t("report.present.exit"), key="present_exit", on_click=_exit)


def present(report: Report, snapshot: Report) -> None:
    """Show one slide of the report (title first), with previous/next and exit controls on top."""
    hide_chrome()
    total = len(report.sections) + 1
    index = max(0, min(total - 1, int(st.session_state.get(SLIDE_KEY, 0))))
    _controls(index, total)
    if index == 0:
        st.title(inert(report.title), anchor=False)
        st.text(report.subtitle)
        for n, section in enumerate(report.sections, start=1):
            st.text(f"{n}. {section.heading}")
        st.caption(t("report.live_note"))
    else:
        render_section(report.sections[index - 1], snapshot.sections[index - 1], side=True)
