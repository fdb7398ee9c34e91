"""The Overview's survey tiles: answers by the survey's cycle, scored with their textbook CIs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from cxdash.headline import survey_scores
from cxdash.storage.loop import close_cycle, set_step
from cxdash.storage.survey_kpis import cycle_survey_scores, latest_scored_cycle
from cxdash.storage.survey_responses import import_responses
from cxdash.storage.surveys import create_survey
from cxdash.surveys import Question, parse_responses

QUESTIONS = [
    Question("rec", "nps", "How likely are you to recommend us?"),
    Question("sat", "csat", "How satisfied are you?"),
    Question("effort", "ces", "How easy was it?"),
    Question("why", "open", "Why?"),
]
NPS = [10, 9, 9, 8, 7, 6, 3, 10, 0, 9]
CSAT = [5, 4, 4, 3, 2, 5, 1, 4, 4, 5]
CES = [2, 3, 1, 5, 7, 2, 2, 3, 4, 1]


def _survey(store, cycle_id: int) -> None:
    survey_id = create_survey(store, f"Cycle {cycle_id}", QUESTIONS, cycle_id=cycle_id)
    wide = pd.DataFrame({"id": [f"p{i}" for i in range(10)], "rec": NPS, "sat": CSAT,
                         "effort": CES, "why": ["ok"] * 10}).astype(str)  # fmt: skip
    people, answers = parse_responses(wide, QUESTIONS)
    import_responses(store, survey_id, people, answers)


def test_scores_match_direct_library_calls(store):
    _survey(store, 1)
    scores = survey_scores(cycle_survey_scores(store, 1))
    promoters, detractors = np.mean(np.array(NPS) >= 9), np.mean(np.array(NPS) <= 6)
    assert scores["nps"].value == 100 * (promoters - detractors) == 20.0
    half = 1.959963984540054 * 100 * math.sqrt((0.5 + 0.3 - 0.2**2) / 10)
    assert math.isclose(scores["nps"].high, 20 + half)
    low, high = proportion_confint(7, 10, alpha=0.05, method="wilson")
    assert scores["csat"].value == 70.0 and math.isclose(scores["csat"].low, 100 * low)
    assert math.isclose(scores["csat"].high, 100 * high)
    interval = sps.t.interval(0.95, 9, loc=np.mean(CES), scale=sps.sem(CES))
    assert math.isclose(scores["ces"].low, interval[0]) and scores["ces"].n == 10


def test_the_open_cycle_falls_back_to_the_latest_cycle_with_answers(store):
    assert latest_scored_cycle(store, 1) is None
    _survey(store, 1)
    for step in range(1, 9):
        set_step(store, 1, step, "done")
    new_cycle = close_cycle(store, 1, [], [])
    assert latest_scored_cycle(store, new_cycle) == 1
    assert cycle_survey_scores(store, new_cycle).empty
    _survey(store, new_cycle)
    assert latest_scored_cycle(store, new_cycle) == new_cycle
    metrics = sorted(cycle_survey_scores(store, new_cycle)["metric"].unique())
    assert metrics == ["ces", "csat", "nps"]
