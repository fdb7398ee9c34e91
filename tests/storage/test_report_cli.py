"""`python -m cxdash report` exports the same report the page shows, and refuses bad input."""

from __future__ import annotations

from io import BytesIO

from pptx import Presentation

from cxdash.cli import main


def test_cli_writes_a_cycle_pptx(demo_db, tmp_path, capsys):
    out = tmp_path / "cycle.pptx"
    assert main(["report", "--db", str(demo_db), "--out", str(out), "--lang", "en"]) == 0
    deck = Presentation(BytesIO(out.read_bytes()))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles[0] == "Cycle 2: customer-experience improvement report"  # the open cycle
    assert titles[1:] == [
        "What customers say",
        "The problem",
        "The cause",
        "What we propose",
        "How we execute and verify",
        "The support we need",
    ]
    assert "Report written" in capsys.readouterr().out


def test_cli_writes_markdown_of_one_solution(demo_db, tmp_path):
    out = tmp_path / "one.md"
    args = ["report", "--db", str(demo_db), "--solution", "1", "--out", str(out), "--lang", "zh"]
    assert main([*args, "--as-of", "2026-10-31"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 修复计费系统升级引发的账单错误")
    assert "260 条 / 共 1,812 条（占 14.3%）" in text


def test_cli_refuses_an_unknown_format_and_a_missing_solution(demo_db, tmp_path, capsys):
    bad = tmp_path / "x.docx"
    assert main(["report", "--db", str(demo_db), "--out", str(bad)]) == 2
    assert not bad.exists()
    assert main(["report", "--db", str(demo_db), "--solution", "99", "--out", str(bad)]) == 2
    assert "99" in capsys.readouterr().err
