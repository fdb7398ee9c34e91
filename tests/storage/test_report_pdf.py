"""The PDF export of a demo report: printed by Chromium, rendered to PNG, its Chinese title read."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from cxdash.meetings import meeting_from_record
from cxdash.report import build_report
from cxdash.reports import export_report
from cxdash.reports.html import report_html
from cxdash.reports.minutes import minutes_html
from cxdash.reports.pdf import chromium_path, html_to_pdf
from cxdash.solutions import solution_from_record
from cxdash.storage.meetings import load_meeting
from cxdash.storage.solutions import load_solution

pytestmark = pytest.mark.skipif(
    chromium_path() is None or shutil.which("pdftoppm") is None,
    reason="needs chromium and poppler-utils (pdftoppm, pdftotext)",
)


def _text_and_png(pdf: bytes, folder: Path) -> tuple[str, Path]:
    source = folder / "out.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(folder / "page"),
        ],
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text, folder / "page.png"


def test_report_pdf_renders_and_carries_the_chinese_title(demo_store, tmp_path):
    solution = solution_from_record(load_solution(demo_store, 1))
    report = build_report([solution], solution.title, "zh", date(2026, 10, 31))
    pdf = export_report(report, "pdf")
    assert pdf.startswith(b"%PDF")
    text, png = _text_and_png(pdf, tmp_path)
    assert "修复计费系统升级引发的账单错误" in text
    assert "客户说什么" in text and "260 条 / 共 1,812 条" in text
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000


def test_minutes_pdf_lists_the_overdue_item(demo_store, tmp_path):
    meeting = meeting_from_record(load_meeting(demo_store, 1))
    pdf = html_to_pdf(minutes_html(meeting, "zh", date(2026, 10, 31), {1: "账单"}))
    text, _ = _text_and_png(pdf, tmp_path)
    assert "会议纪要：账单错误改善方案沟通会" in text
    assert "上线计费变更的业务验收清单" in text and "已逾期" in text


def test_html_escapes_before_printing():
    html = report_html(build_report([], "<img src=x onerror=alert(1)>", "en", date(2026, 1, 1)))
    assert "<img" not in html
