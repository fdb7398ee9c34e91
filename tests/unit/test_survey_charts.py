"""Charts and display helpers keep user text inert."""

from __future__ import annotations

import pandas as pd

from cxdash.charts.surveys import kano_quadrant
from cxdash.survey_scores import neutralise, qr_png
from cxdash.ui.survey_widgets import inert


def test_quadrant_escapes_html_in_need_names():
    table = pd.DataFrame(
        {
            "feature": ["<a href='x'>e-invoice</a>"],
            "category": ["M"],
            "better": [0.3],
            "worse": [-0.8],
        }
    )
    fig = kano_quadrant(table, {})
    assert fig.data[0].text[0] == "&lt;a href=&#x27;x&#x27;&gt;e-invoice&lt;/a&gt;"
    assert fig.data[0].x[0] == 0.8


def test_markdown_is_escaped_for_labels():
    assert inert("**bold** [x](http://a) :red[hi]") == (
        "\\*\\*bold\\*\\* \\[x\\]\\(http\u2060\\://a\\) \\:red\\[hi\\]"
    )


def test_exports_neutralise_formula_cells_and_qr_is_png():
    out = neutralise(pd.DataFrame({"a": ["=1+1", "@x", "ok", "-3"]}))
    assert list(out["a"]) == ["'=1+1", "'@x", "ok", "'-3"]
    assert qr_png("http://localhost:8501/respond?s=abc")[:8] == b"\x89PNG\r\n\x1a\n"


def test_bare_urls_and_addresses_cannot_become_links():
    shown = inert("see https://evil.example, www.evil.example or boss@evil.example")
    assert "https://" not in shown.replace("\\", "") and "www." not in shown.replace("\\", "")
    assert "s@" not in shown
    # Only an invisible word joiner is added: the reader sees the same characters.
    assert shown.replace("\u2060", "").replace("\\", "") == (
        "see https://evil.example, www.evil.example or boss@evil.example"
    )
