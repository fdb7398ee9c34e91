"""The classify benchmark's curve-only run splices its figures into the saved section."""

from __future__ import annotations

import pytest

from bench import classify

SAVED = """## Classify (step 2)

| discover row | NMI 0.618 | 22.4 s |

Classifier macro-F1 against the human category (old):

| labels | baseline | cxdash |
|---|---|---|
| 20 per class | 0.726 | 0.793 |

English cross-check, `cfpb_complaints_sample` narratives against Product:

| 20 per class | 0.584 | 0.702 |

Targets:

| target | required | measured | met |
|---|---|---|---|
| clustering NMI, online_shopping_10_cats | ≥ 0.6 | 0.618 | yes |
| macro-F1 at 20 labels a category | ≥ 0.8 | 0.793 | no, short by 0.007 |
| sentiment accuracy, waimai_10k | ≥ 0.85 | 0.876 | yes |

Where a target is missed, what was tried:

- an old note

_Run 2026-11-22 17:57 UTC on x86_64, Python 3.11.7._
"""


def test_splice_replaces_curve_targets_and_notes_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "FOUND", {"f1_cat_20": 0.79, "f1_cat_20_mean": 0.812})
    monkeypatch.setattr(classify, "NOTES", "\nWhere a target is missed, what was tried:\n\n- new\n")
    section = ["Classifier macro-F1 (new)", "", "| 20 per class | 0.7 | 0.71 ± 0.01 |"]
    out = classify.splice_curve(SAVED, section).splitlines()

    assert "Classifier macro-F1 (new)" in out
    assert "Classifier macro-F1 against the human category (old):" not in out
    assert "| 20 per class | 0.726 | 0.793 |" not in out
    assert any(line.startswith("_The learning curve was re-run on its own") for line in out)
    # untouched parts keep their figures and their order
    for kept in ("| discover row | NMI 0.618 | 22.4 s |", "| 20 per class | 0.584 | 0.702 |"):
        assert kept in out
    targets = [line for line in out if line.startswith(("| clustering", "| macro", "| senti"))]
    assert targets == [
        "| clustering NMI, online_shopping_10_cats | ≥ 0.6 | 0.618 | yes |",
        "| macro-F1 at 20 labels a category | ≥ 0.8 | 0.790 | no, short by 0.010 |",
        "| macro-F1 at 20 labels a category, mean of 5 draws | ≥ 0.8 | 0.812 | yes |",
        "| sentiment accuracy, waimai_10k | ≥ 0.85 | 0.876 | yes |",
    ]
    assert "- new" in out and "- an old note" not in out
    assert out[-1] == "_Run 2026-11-22 17:57 UTC on x86_64, Python 3.11.7._"
