"""Printable HTML of the report and the minutes: every user text escaped, CJK fonts first."""

from __future__ import annotations

from html import escape

from cxdash.report import Chart, Report

FONT_STACK = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Noto Sans", sans-serif'
STYLE = f"""
@page {{ size: A4; margin: 14mm; }}
body {{ font-family: {FONT_STACK}; font-size: 10.5pt; color: #1f2933; }}
h1 {{ font-size: 18pt; margin: 0 0 2mm; }} h2 {{ font-size: 12pt; margin: 4mm 0 1mm;
color: #0b5cad; border-bottom: 1px solid #c9d6e3; }}
p.sub {{ color: #52606d; margin: 0 0 3mm; }} ul {{ margin: 0; padding-left: 5mm; }}
blockquote {{ margin: 1mm 0; padding-left: 3mm; border-left: 3px solid #9fb3c8; color: #334e68; }}
.src {{ color: #7b8794; font-size: 8pt; }} .bar {{ background: #0b5cad; height: 3mm; }}
table {{ border-collapse: collapse; }} td {{ padding: 0 2mm; font-size: 8.5pt; }}
"""


def page(title: str, body: list[str], lang: str) -> str:
    """Return a complete HTML document with the shared print style."""
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )


def _chart_rows(chart: Chart) -> list[str]:
    top = max(chart.values) or 1.0
    rows = [f"<p>{escape(chart.title)}</p><table>"]
    for cat, value in zip(chart.categories, chart.values, strict=True):
        width = 60.0 * value / top
        rows.append(
            f'<tr><td>{escape(cat)}</td><td><div class="bar" style="width:{width:.1f}mm">'
            f"</div></td><td>{value:g}</td></tr>"
        )
    return [*rows, "</table>"]


def report_html(report: Report) -> str:
    """Return the one-page report as printable HTML."""
    body = [f"<h1>{escape(report.title)}</h1>", f'<p class="sub">{escape(report.subtitle)}</p>']
    for section in report.sections:
        body.append(f"<h2>{escape(section.heading)}</h2><ul>")
        body += [f"<li>{escape(line)}</li>" for line in section.lines]
        body += [
            f"<li><b>{escape(f.label)}</b>: {escape(f.value)}"
            f'<br><span class="src">{escape(f.source)}</span></li>'
            for f in section.figures
        ]
        body.append("</ul>")
        body += [f"<blockquote>{escape(q)}</blockquote>" for q in section.quotes]
        if section.chart:
            body += _chart_rows(section.chart)
    return page(report.title, body, report.lang)
