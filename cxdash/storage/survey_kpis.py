"""Survey answers behind the Overview's NPS, CSAT and CES tiles, by the cycle of their survey."""

from __future__ import annotations

import pandas as pd

from cxdash.storage.db import Store

SCORED_TYPES = ("nps", "csat", "ces")


def cycle_survey_scores(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the numeric NPS/CSAT/CES answers (metric, value) of one cycle's surveys."""
    return store.df(
        "SELECT q.qtype AS metric, a.value_num AS value FROM survey_answers a"
        " JOIN survey_responses r ON r.id = a.response_id"
        " JOIN surveys s ON s.id = r.survey_id"
        " JOIN survey_questions q ON q.version_id = r.version_id AND q.key = a.question_key"
        " WHERE s.cycle_id = ? AND list_contains(?, q.qtype) AND a.value_num IS NOT NULL",
        [cycle_id, list(SCORED_TYPES)],
    )


def latest_scored_cycle(store: Store, cycle_id: int) -> int | None:
    """Return the cycle itself when its surveys hold scored answers, else the newest earlier one."""
    found = store.scalar(
        "SELECT s.cycle_id FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
        " JOIN surveys s ON s.id = r.survey_id"
        " JOIN survey_questions q ON q.version_id = r.version_id AND q.key = a.question_key"
        " JOIN cycles c ON c.id = s.cycle_id"
        " WHERE list_contains(?, q.qtype) AND a.value_num IS NOT NULL"
        " AND c.number <= (SELECT number FROM cycles WHERE id = ?)"
        " ORDER BY c.number DESC LIMIT 1",
        [list(SCORED_TYPES), cycle_id],
    )
    return None if found is None else int(found)
