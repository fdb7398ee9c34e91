"""Which problems a closing cycle offers to carry on: open carried items, unverified, unfinished."""

from __future__ import annotations

import pandas as pd

from cxdash.cycles import carry_over_candidates

CHECKS = pd.DataFrame({"title": ["Billing fix", "App login"], "verdict": ["improved", "no_change"]})
CARRIED = pd.DataFrame({"title": ["Slow installs", "Old issue"], "status": ["open", "done"]})
SOLUTIONS = pd.DataFrame(
    {
        "title": ["Billing fix", "Install rota", "Dropped idea", "App login"],
        "status": ["done", "draft", "dropped", "verifying"],
    }
)


def test_unfinished_solutions_join_open_items_and_unverified_checks_once():
    found = carry_over_candidates(CHECKS, CARRIED, SOLUTIONS)
    assert found == ["Slow installs", "App login", "Install rota"]


def test_without_solutions_only_items_and_checks_are_offered():
    assert carry_over_candidates(CHECKS, CARRIED) == ["Slow installs", "App login"]
    assert carry_over_candidates(CHECKS.iloc[:0], CARRIED.iloc[:0], SOLUTIONS.iloc[:0]) == []
