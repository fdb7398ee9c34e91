"""PPTX export of the report: 16:9 slides, CJK fonts on every run, a native editable bar chart."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from cxdash.i18n import translate
from cxdash.report import Chart, Report, Section

LATIN_FONT = "Noto Sans CJK SC"
EAST_ASIAN_FONT = "Noto Sans CJK SC"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
TITLE_ONLY_LAYOUT = 5
BLANK_TITLE_LAYOUT = 0


def _set_font(run: object, size: int, bold: bool = False) -> None:
    """Set the run's Latin and east-asian typefaces and size."""
    font = run.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold = LATIN_FONT, Pt(size), bold
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    for tag in ("a:ea", "a:cs"):
        found = rpr.find(qn(tag))
        if found is None:
            found = rpr.makeelement(qn(tag), {})
            rpr.append(found)
        found.set("typeface", EAST_ASIAN_FONT)


def _write(frame: object, lines: list[tuple[str, int, bool]]) -> None:
    """Fill a text frame with (text, size, bold) paragraphs."""
    frame.word_wrap = True  # type: ignore[attr-defined]
    for i, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[attr-defined]
        run = para.add_run()
        run.text = text
        _set_font(run, size, bold)


def _title(slide: object, text: str, size: int = 30) -> None:
    shape = slide.shapes.title  # type: ignore[attr-defined]
    shape.left, shape.top, shape.width, shape.height = (
        Inches(0.5),
        Inches(0.3),
        Inches(12.3),
        Inches(1.0),
    )
    shape.text_frame.clear()
    _write(shape.text_frame, [(text, size, True)])


def _section_lines(section: Section, lang: str) -> list[tuple[str, int, bool]]:
    lines = [(line, 16, False) for line in section.lines]
    for fig in section.figures:
        lines.append((f"{fig.label}: {fig.value}", 16, True))
        lines.append((f"{translate('report.source', lang)}: {fig.source}", 10, False))
    lines += [(f"“{q}”", 14, False) for q in section.quotes]
    return lines


def _add_chart(slide: object, chart: Chart) -> None:
    data = CategoryChartData()
    data.categories = list(chart.categories)
    data.add_series(chart.title, list(chart.values))
    frame = slide.shapes.add_chart(  # type: ignore[attr-defined]
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(7.2), Inches(1.5), Inches(5.6), Inches(4.8), data
    )
    frame.chart.has_legend = False
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = chart.title
    _set_font(frame.chart.chart_title.text_frame.paragraphs[0].runs[0], 12)


def _section_slide(deck: Any, section: Section, lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, section.heading)
    width = Inches(6.4) if section.chart else Inches(12.3)
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), width, Inches(5.6))
    _write(box.text_frame, _section_lines(section, lang))
    if section.chart:
        _add_chart(slide, section.chart)


def report_pptx(report: Report) -> bytes:
    """Return the report as a 16:9 PPTX: a title slide, then one slide per section in order."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(WIDTH), Emu(HEIGHT)
    first = deck.slides.add_slide(deck.slide_layouts[BLANK_TITLE_LAYOUT])
    _title(first, report.title, 36)
    subtitle = first.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width = Inches(0.5), Inches(3.0), Inches(12.3)
    first.shapes.title.top = Inches(1.6)
    subtitle.text_frame.clear()
    _write(subtitle.text_frame, [(report.subtitle, 18, False)])
    for section in report.sections:
        _section_slide(deck, section, report.lang)
    out = BytesIO()
    deck.save(out)
    return out.getvalue()
