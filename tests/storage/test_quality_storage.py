"""Service-quality storage on a real DuckDB file: indicators, tickets, customers, rules, runs."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput, NotFound
from cxdash.indicators import Indicator, threshold_alerts
from cxdash.solutions import Solution, solution_to_record
from cxdash.storage import customers, risk, tickets
from cxdash.storage import indicators as saved
from cxdash.storage.solutions import save_solution
from cxdash.storage.taxonomy import save_taxonomy
from cxdash.taxonomy import builtin_taxonomy


def _define(store):
    saved.save_indicator(store, Indicator("csat", "CSAT", "KPI", "%", "higher", 85.0, 75.0))
    saved.save_indicator(store, Indicator("wait", "Wait", "KCI", "days", "lower", 3.0, 5.0))


def test_migration_is_recorded(store):
    assert "0600_quality" in store.applied_migrations()


def test_indicators_links_and_values_round_trip(store):
    _define(store)
    saved.add_link(store, "csat", "wait")
    saved.add_link(store, "csat", "wait")
    assert saved.list_links(store).values.tolist() == [["csat", "wait"]]
    values = pd.DataFrame(
        {
            "indicator": ["wait", "wait"],
            "period": pd.to_datetime(["2026-01-01", "2026-02-01"]),
            "segment": ["west", None],
            "value": [4.0, 6.0],
        }
    )
    assert saved.save_values(store, values, "test.csv") == 2
    loaded = saved.load_values(store)
    assert loaded["segment"].tolist() == ["all", "west"]
    alerts = threshold_alerts(store)
    assert alerts["key"].tolist() == ["wait"]
    with pytest.raises(InvalidInput):
        saved.add_link(store, "wait", "csat")


def test_values_for_unknown_indicators_write_nothing(store):
    _define(store)
    values = pd.DataFrame(
        {
            "indicator": ["wait", "ghost"],
            "period": pd.to_datetime(["2026-01-01"] * 2),
            "value": [1.0, 2.0],
        }
    )
    with pytest.raises(InvalidInput) as err:
        saved.save_values(store, values, "x")
    assert "ghost" in err.value.params["keys"]
    assert saved.load_values(store).empty


def test_deleting_an_indicator_removes_its_links_and_values(store):
    _define(store)
    saved.add_link(store, "csat", "wait")
    saved.delete_indicator(store, "wait")
    assert saved.list_links(store).empty
    with pytest.raises(NotFound):
        saved.get_indicator(store, "wait")


def test_tickets_replace_by_id_and_record_a_root_cause(store):
    frame = pd.DataFrame(
        {
            "ticket_id": ["T1", "T2"],
            "opened_at": pd.to_datetime(["2026-01-01", "2026-01-02"]),
            "status": ["Open", "closed"],
        }
    )
    tickets.save_tickets(store, frame, "a.csv")
    tickets.save_tickets(store, frame.assign(status=["closed", "closed"]), "b.csv")
    assert tickets.count_tickets(store) == 2
    save_taxonomy(store, builtin_taxonomy("telecom"), "builtin")
    solution = save_solution(store, solution_to_record(Solution("Fix tariffs", 1)))
    tickets.record_root_cause(
        store, "T1", "wrong tariff", "billing_error", str(solution), rectified=True
    )
    row = tickets.load_tickets(store).iloc[0]
    assert (row.root_cause, row.root_cause_category, row.solution_id) == (
        "wrong tariff",
        "billing_error",
        str(solution),
    )
    assert pd.notna(row.rectified_at)
    with pytest.raises(NotFound):
        tickets.record_root_cause(store, "T9", "x", None, None)
    with pytest.raises(InvalidInput):
        tickets.record_root_cause(store, "T1", "  ", None, None)
    with pytest.raises(InvalidInput) as err:
        tickets.record_root_cause(store, "T2", "x", "no_such_category", None)
    assert err.value.key == "quality.cause_category_unknown"
    with pytest.raises(NotFound) as missing:
        tickets.record_root_cause(store, "T2", "x", None, str(solution + 1))
    assert missing.value.key == "quality.solution_not_found"
    assert pd.isna(tickets.load_tickets(store).iloc[1].root_cause)


def test_customer_tables_keep_raw_features_and_refuse_duplicate_ids(store):
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "y": pd.array([1, None], dtype="Int64"),
            "plan": ["=x", "basic"],
            "speed": ["100", ""],
        }
    )
    table_id = customers.save_customer_table(store, "c.csv", frame, "id", "y")
    loaded = customers.load_customer_table(store, table_id)
    assert loaded.columns.tolist() == ["customer_id", "label", "plan", "speed"]
    assert loaded["label"].tolist()[0] == 1 and pd.isna(loaded["label"].iloc[1])
    assert loaded["plan"].tolist() == ["=x", "basic"]
    with pytest.raises(InvalidInput):
        customers.save_customer_table(store, "d.csv", frame.assign(id=["a", "a"]), "id", "y")
    assert len(customers.list_customer_tables(store)) == 1


def test_veto_rules_and_runs(store):
    with pytest.raises(InvalidInput):
        risk.add_veto_rule(store, "complaints >=")
    rule_id = risk.add_veto_rule(store, "complaints >= 3")
    risk.set_veto_rule_active(store, rule_id, False)
    assert risk.list_veto_rules(store, active_only=True).empty
    scores = pd.DataFrame(
        {
            "customer_id": ["a", "b"],
            "score": [0.2, 0.9],
            "vetoed_by": [None, None],
            "reasons": [None, "x=1 (+5 pts)"],
        }
    )
    run_id = risk.save_run(store, 1, "logistic", {"comparison": []}, scores, cycle_id=1)
    risk.link_run_to_solution(store, run_id, "S-1")
    run = risk.latest_run(store, 1)
    assert run is not None and (run["id"], run["solution_id"]) == (run_id, "S-1")
    assert risk.load_scores(store, run_id)["customer_id"].tolist() == ["b", "a"]


def test_demo_workspace_has_the_planted_alert_and_relation(demo_store):
    from cxdash.indicators import analyse_link

    assert threshold_alerts(demo_store)["key"].tolist() == ["first_response"]
    result = analyse_link("install_csat", "install_wait", saved.load_values(demo_store))
    assert result.correlation["high"] < -0.5
    assert tickets.count_tickets(demo_store) == 3000


def _survey_with_answers(store, cycle_id=1):
    from cxdash.storage.survey_responses import import_responses
    from cxdash.storage.surveys import create_survey
    from cxdash.surveys import Question, parse_wide

    questions = [Question("nps", "nps", "Recommend us?"), Question("note", "open", "Why?")]
    survey = create_survey(store, "Relationship", questions, cycle_id=cycle_id)
    frame = pd.DataFrame(
        {
            "respondent": ["a", "b", "c", "d"],
            "submitted_at": ["2026-03-02", "2026-03-05", "2026-03-09", "2026-04-01"],
            "nps": ["10", "9", "3", "7"],
        }
    )
    people, answers = parse_wide(frame, questions)
    import_responses(store, survey, people, answers)
    return survey


def test_current_cycle_survey_scores_join_the_indicator_tree(store):
    survey = _survey_with_answers(store)
    key = f"s{survey}_nps"
    inds, values = saved.tree_inputs(store)
    assert [(i.key, i.kind, i.unit) for i in inds] == [(key, "KQI", "pts")]
    mine = values[values["indicator_key"] == key].sort_values("period")
    # March: 2 promoters, 1 detractor of 3 → 33.3; April: one passive → 0
    assert mine["value"].round(1).tolist() == [33.3, 0.0]
    other_inds, other_values = saved.survey_derived(store, cycle_id=2)
    assert other_inds == [] and other_values.empty
    saved.save_indicator(store, Indicator("loyalty", "Loyalty", "KPI", "pts", "higher"))
    saved.add_link(store, "loyalty", key)
    assert saved.list_links(store).values.tolist() == [["loyalty", key]]
    saved.save_indicator(store, Indicator(key, "Relationship NPS", "KQI", "pts", "higher", 30, 5))
    alerts = threshold_alerts(store)
    assert alerts["key"].tolist() == [key]
    assert alerts["value"].iloc[0] == pytest.approx(0.0)


def test_demo_root_causes_name_taxonomy_categories_and_real_solutions(demo_store):
    from cxdash.storage.solutions import list_solutions
    from cxdash.storage.taxonomy import load_taxonomy

    traced = tickets.load_tickets(demo_store).dropna(subset=["root_cause"])
    assert set(traced["root_cause_category"]) <= set(load_taxonomy(demo_store)["key"])
    linked = traced.dropna(subset=["solution_id"])
    assert set(linked["root_cause_category"]) == {"billing_error", "broadband_install_delay"}
    assert set(linked["solution_id"]) <= {str(i) for i in list_solutions(demo_store)["id"]}
