"""Exports of the one-page report and the meeting minutes: PPTX, PDF (via HTML) and Markdown."""

from __future__ import annotations

from cxdash.errors import InvalidInput
from cxdash.report import Report

FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "md": "text/markdown",
}


def export_report(report: Report, fmt: str) -> bytes:
    """Return the report exported in fmt (pptx, pdf or md)."""
    if fmt == "pptx":
        from cxdash.reports.pptx import report_pptx

        return report_pptx(report)
    if fmt == "pdf":
        from cxdash.reports.html import report_html
        from cxdash.reports.pdf import html_to_pdf

        return html_to_pdf(report_html(report))
    if fmt == "md":
        from cxdash.reports.markdown import report_markdown

        return report_markdown(report).encode("utf-8")
    raise InvalidInput("report.error.unknown_format", fmt=fmt)
