"""Root causes bound to taxonomy categories and saved solutions: names, paths, ids, unknowns."""

from __future__ import annotations

import pandas as pd

from cxdash.root_causes import bind_tickets, root_cause_view, solution_key
from cxdash.taxonomy import builtin_taxonomy

TAX = builtin_taxonomy("telecom")


def test_categories_match_by_key_name_or_path_and_unknowns_are_listed():
    tickets = pd.DataFrame(
        {
            "ticket_id": ["T1", "T2", "T3", "T4", "T5", "T6"],
            "root_cause_category": [
                "billing_error",
                "Slow  broadband",
                "网络质量 › 宽带断网",
                "Martian billing",
                None,
                "Martian billing",
            ],
        }
    )
    bound = bind_tickets(tickets, TAX, [])
    keys = bound.frame["root_cause_category"].tolist()
    assert keys == ["billing_error", "broadband_speed", "broadband_outage", None, None, None]
    assert bound.unknown_categories == ("Martian billing",)
    assert bound.unknown_solutions == ()


def test_solution_ids_must_name_saved_solutions():
    tickets = pd.DataFrame({"ticket_id": ["T1", "T2", "T3"], "solution_id": ["#3", "7", "S-1"]})
    bound = bind_tickets(tickets, TAX, [3, 4])
    assert bound.frame["solution_id"].tolist() == ["3", None, None]
    assert bound.unknown_solutions == ("7", "S-1")
    assert solution_key(" 4 ", [3, 4]) == "4"
    assert solution_key("4.0", [4]) is None


def test_the_view_shows_category_names_and_solution_titles():
    tickets = pd.DataFrame(
        {
            "ticket_id": ["T1", "T2"],
            "root_cause": ["cable cut", None],
            "root_cause_category": ["broadband_outage", None],
            "solution_id": ["3", None],
            "rectified_at": [pd.NaT, pd.NaT],
        }
    )
    solutions = pd.DataFrame({"id": [3], "title": ["Protect the ducts"]})
    view = root_cause_view(tickets, TAX, solutions, "en")
    assert view["ticket_id"].tolist() == ["T1"]
    assert view.loc[0, "category"] == "Network quality › Broadband outage"
    assert view.loc[0, "solution"] == "#3 Protect the ducts"
