"""Markdown export of the one-page report; user text is escaped so it stays plain text."""

from __future__ import annotations

import re

from cxdash.i18n import translate
from cxdash.report import Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape_markdown(text: str) -> str:
    """Return text with Markdown and HTML control characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def report_markdown(report: Report) -> str:
    """Return the report as a Markdown document, sections in order, figures with their sources."""
    out = [f"# {escape_markdown(report.title)}", "", f"_{escape_markdown(report.subtitle)}_", ""]
    for section in report.sections:
        out += [f"## {section.heading}", ""]
        out += [f"- {escape_markdown(line)}" for line in section.lines]
        for fig in section.figures:
            out.append(f"- **{escape_markdown(fig.label)}**: {escape_markdown(fig.value)}")
            out.append(
                f"  - {translate('report.source', report.lang)}: {escape_markdown(fig.source)}"
            )
        out += [f"> {escape_markdown(q)}" for q in section.quotes]
        if section.chart:
            chart = section.chart
            out += ["", f"| {escape_markdown(chart.title)} | |", "|---|---:|"]
            out += [f"| {c} | {v:g} |" for c, v in zip(chart.categories, chart.values, strict=True)]
        out.append("")
    return "\n".join(out)
