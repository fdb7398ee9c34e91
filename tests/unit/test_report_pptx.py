"""The PPTX export read back with python-pptx: 16:9, slide titles, text, fonts and chart data."""

from __future__ import annotations

from io import BytesIO

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from cxdash.report import build_report
from cxdash.reports.pptx import report_pptx
from tests.unit.test_report_model import AS_OF, MONTHLY, SOLUTION


def _deck(lang: str = "zh"):
    report = build_report([SOLUTION], SOLUTION.title, lang, AS_OF)
    return report, Presentation(BytesIO(report_pptx(report)))


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_the_deck_is_16_by_9_with_a_title_slide_then_sections_in_order():
    report, deck = _deck()
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles == [SOLUTION.title, *(s.heading for s in report.sections)]
    assert titles[1:3] == ["客户说什么", "问题是什么"]


def test_slide_text_holds_the_figures_sources_and_quotes():
    _, deck = _deck()
    said = _texts(deck.slides[1])
    assert "222 条 / 共 1,812 条（占 12.3%）" in said
    assert "2026-03-01…2026-03-31" in said
    assert "账单多扣了255元" in said
    assert "回滚计费规则" in _texts(deck.slides[4])


def test_the_chart_is_native_and_holds_the_evidence_series():
    _, deck = _deck()
    charts = [s.chart for s in deck.slides[1].shapes if s.has_chart]
    assert len(charts) == 1
    plot = charts[0].plots[0]
    assert list(plot.categories) == list(MONTHLY)
    assert list(plot.series[0].values) == [float(v) for v in MONTHLY.values()]
    assert not any(s.has_chart for slide in list(deck.slides)[2:] for s in slide.shapes)


def test_every_run_names_a_cjk_east_asian_font():
    _, deck = _deck()
    runs = [
        run
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for para in shape.text_frame.paragraphs
        for run in para.runs
    ]
    assert runs
    for run in runs:
        east_asian = run._r.get_or_add_rPr().find(qn("a:ea"))
        assert east_asian is not None and east_asian.get("typeface") == "Noto Sans CJK SC"
