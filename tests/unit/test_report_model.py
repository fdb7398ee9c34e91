"""The one-page report: the method's order, numbers traced to evidence, neutral placeholders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cxdash.report import SECTION_ORDER, build_report, report_filename, with_live_numbers
from cxdash.reports.html import report_html
from cxdash.reports.markdown import report_markdown
from cxdash.solutions import Action, Evidence, Indicator, RootCause, Solution, Verification

MONTHLY = {"2026-01": 60, "2026-02": 70, "2026-03": 222, "2026-04": 63}
EVIDENCE = Evidence(
    "feedback_query",
    "账单反馈（3月）",
    {"matched": 222, "total": 1812, "share_pct": 12.3, "monthly": MONTHLY},
    {"terms": ["账单", "bill"], "start": "2026-03-01", "end": "2026-03-31"},
    ("账单多扣了255元", "<b>bill</b> wrong", "third"),
)
SOLUTION = Solution(
    "修复账单错误",
    1,
    problems=("三月账单错误激增",),
    evidence=(EVIDENCE,),
    root_cause=RootCause("five_whys", ("多扣费", "计费规则迁移错误")),
    actions=(Action("回滚计费规则", "IT", "王工", date(2026, 4, 15)),),
    monitoring=(Indicator("账单投诉占比", "KPI"),),
    verification=Verification("账单反馈占比", 12.3, 4.0, "两比例 z 检验", 1800, date(2026, 9, 30)),
    risks="影响新套餐",
    contingency="保留快照",
    support="IT 排期两周",
    impact=5,
    effort=2,
)
AS_OF = date(2026, 10, 31)


def test_sections_follow_the_methods_order():
    report = build_report([SOLUTION], SOLUTION.title, "en", AS_OF)
    assert (
        tuple(s.key for s in report.sections)
        == SECTION_ORDER
        == (
            "customers_say",
            "problem",
            "cause",
            "proposal",
            "execution",
            "support",
        )
    )
    assert [s.heading for s in report.sections][:2] == ["What customers say", "The problem"]


def test_every_number_is_traced_to_its_evidence():
    report = build_report([SOLUTION], SOLUTION.title, "en", AS_OF)
    said = report.sections[0]
    (figure,) = said.figures
    assert figure.value == "222 of 1,812 items (12.3%)"
    assert "账单|bill" in figure.source and "2026-03-01…2026-03-31" in figure.source
    assert said.chart is not None
    assert dict(zip(said.chart.categories, said.chart.values, strict=True)) == MONTHLY
    assert said.chart.source == figure.source
    assert said.quotes == EVIDENCE.quotes


def test_the_plan_and_the_risks_reach_the_execution_section():
    report = build_report([SOLUTION], SOLUTION.title, "zh", AS_OF)
    text = "\n".join(report.sections[4].lines)
    assert "从 12.3 到 4" in text and "1800" in text and "2026-09-30" in text
    assert "风险：影响新套餐" in text and "应急预案：保留快照" in text
    assert report.sections[3].lines[0] == "修复账单错误（优先级：高，得分 20）"


def test_a_cycle_report_names_each_solution():
    other = replace(SOLUTION, title="西部安装", evidence=(), problems=("等待长",))
    report = build_report([SOLUTION, other], "Cycle 1", "en", AS_OF)
    problems = report.sections[1].lines
    assert problems == ("■ 修复账单错误", "三月账单错误激增", "■ 西部安装", "等待长")
    assert report.subtitle == "2 solution(s) · as of 2026-10-31"


def test_empty_parts_say_so_instead_of_inventing_content():
    bare = Solution("Bare", 1, problems=("p",))
    report = build_report([bare], "Bare", "en", AS_OF)
    assert report.sections[0].lines == ("No data support yet.",)
    assert report.sections[2].lines == ("No cause analysis yet.",)
    assert report.sections[5].lines == ("No support requested yet.",)


def test_live_numbers_replace_the_snapshot_by_position():
    fresh = {"matched": 230, "total": 1900, "share_pct": 12.1, "monthly": MONTHLY}
    report = build_report([with_live_numbers(SOLUTION, {0: fresh})], "t", "en", AS_OF)
    assert report.sections[0].figures[0].value == "230 of 1,900 items (12.1%)"


def test_markdown_and_html_keep_user_text_inert():
    hostile = replace(SOLUTION, title="<script>x</script> *bold*")
    report = build_report([hostile], hostile.title, "en", AS_OF)
    markdown, html = report_markdown(report), report_html(report)
    assert "<script>" not in markdown and "\\*bold\\*" in markdown
    assert "<script>" not in html and "&lt;b&gt;bill&lt;/b&gt;" in html
    sections = [markdown.index(f"## {s.heading}") for s in report.sections]
    assert sections == sorted(sections)


def test_file_names_are_safe():
    report = build_report([SOLUTION], "a/b: c?", "en", AS_OF)
    assert report_filename(report, "pdf") == "a-b--c.pdf"
