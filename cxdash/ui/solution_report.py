"""The report page's parts: loading the solutions, live recounts, the preview and the downloads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

import streamlit as st

from cxdash.charts.report import evidence_bars
from cxdash.errors import CxDashError
from cxdash.report import Report, Section, build_report, report_filename
from cxdash.reports import FORMATS, export_report
from cxdash.reports.pdf import chromium_path
from cxdash.solutions import Solution, solution_from_record
from cxdash.storage import Store
from cxdash.storage.evidence import feedback_numbers
from cxdash.storage.solutions import cycle_name, load_solution
from cxdash.ui.context import inert, lang, show_error, t


def load_solutions(db: Store, ids: list[int]) -> list[Solution]:
    """Return the stored solutions with the given ids, in order."""
    return [solution_from_record(load_solution(db, i)) for i in ids]


def live(db: Store, solution: Solution) -> Solution:
    """Return the solution with its feedback evidence recounted on the current data."""
    fresh = tuple(
        replace(e, numbers=feedback_numbers(db, e.reference)) if e.kind == "feedback_query" else e
        for e in solution.evidence
    )
    return replace(solution, evidence=fresh)


def make_report(db: Store, ids: list[int], cycle_id: int | None, recount: bool) -> Report:
    """Return the report of the given solutions (titled by the cycle when cycle_id is given)."""
    solutions = load_solutions(db, ids)
    if recount:
        solutions = [live(db, s) for s in solutions]
    title = (
        t("report.cycle_title", cycle=cycle_name(db, cycle_id))
        if cycle_id is not None
        else solutions[0].title
    )
    return build_report(solutions, title, lang(), date.today())


def _section_text(section: Section, snapshot: Section | None) -> None:
    for line in section.lines:
        st.text(line)
    old = {f.label: f.value for f in (snapshot.figures if snapshot else ())}
    for fig in section.figures:
        before = old.get(fig.label)
        suffix = (
            t("report.present.snapshot", value=before) if before and before != fig.value else ""
        )
        st.text(f"{fig.label}: {fig.value} {suffix}".rstrip())
        st.caption(f"{t('report.source')}: {inert(fig.source)}")
    for quote in section.quotes:
        st.text(f"“{quote}”")


def render_section(section: Section, snapshot: Section | None = None, side: bool = False) -> None:
    """Show one section: app-written heading, user lines as text, figures, quotes and chart.

    With side=True (slides) the chart sits beside the text so a slide fits one screen.
    """
    st.subheader(section.heading, anchor=False)
    if section.chart is None:
        _section_text(section, snapshot)
        return
    left, right = st.columns([3, 2]) if side else (st.container(), st.container())
    with left:
        _section_text(section, snapshot)
    with right:
        figure = evidence_bars(section.chart, 460 if side else 320)
        st.plotly_chart(figure, key=f"chart_{section.key}")


def render_preview(report: Report) -> None:
    """Show the whole report as it will be exported."""
    st.header(inert(report.title), anchor=False)
    st.caption(inert(report.subtitle))
    for section in report.sections:
        render_section(section)


def downloads(report: Report) -> None:
    """Show the PPTX, PDF and Markdown download buttons; the files are built on click."""
    cols = st.columns(3)
    for col, fmt in zip(cols, ("pptx", "pdf", "md"), strict=True):
        if fmt == "pdf" and chromium_path() is None:
            col.caption(t("report.error.no_chromium"))
            continue
        col.download_button(
            t(f"report.download_{fmt}"),
            data=partial(_export, report, fmt),
            file_name=report_filename(report, fmt),
            mime=FORMATS[fmt],
            key=f"report_dl_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )


def _export(report: Report, fmt: str) -> bytes:
    try:
        return export_report(report, fmt)
    except CxDashError as err:
        show_error(err)
        return b""
