"""Survey responses: submitting through a link, importing from a file, and reading answers back."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from cxdash.access import Role
from cxdash.errors import InvalidInput
from cxdash.storage.audit import record
from cxdash.storage.db import Store
from cxdash.storage.surveys import get_survey, resolve_token

ANSWER_FIELDS = ("response_id", "question_key", "item", "value_num", "value_text")


def _write_answers(tx: duckdb.DuckDBPyConnection, answers: pd.DataFrame) -> None:
    """Append answer rows (response_id, question_key, item, value_num, value_text)."""
    frame = answers.reindex(columns=list(ANSWER_FIELDS))
    frame["item"] = [("" if pd.isna(v) else str(v)) for v in frame["item"]]
    frame["value_num"] = pd.to_numeric(frame["value_num"], errors="coerce").astype("float64")
    frame["value_text"] = (
        frame["value_text"].astype(object).where(frame["value_text"].notna(), None)
    )
    tx.register("incoming_answers", frame)
    fields = ", ".join(ANSWER_FIELDS)
    tx.execute(f"INSERT INTO survey_answers ({fields}) SELECT {fields} FROM incoming_answers")
    tx.unregister("incoming_answers")


def submit_response(store: Store, token: str, answers: pd.DataFrame, **meta: Any) -> int:
    """Store one response given through a link token, all or nothing; return its id.

    A personal token of a one-response-per-token survey is accepted once.
    """
    opened = resolve_token(store, token)
    if opened is None:
        raise InvalidInput("surveys.bad_token")
    survey = get_survey(store, opened["survey_id"])
    # The public page's anonymous respondent may write exactly this: one response to the
    # survey its token opens.
    with store.transaction(Role.RESPONDENT) as tx:
        if opened["personal"] and survey["one_per_token"]:
            used = tx.execute(
                "UPDATE survey_invitations SET used_at = current_timestamp"
                " WHERE token = ? AND used_at IS NULL RETURNING token",
                [token],
            ).fetchall()
            if not used:
                raise InvalidInput("surveys.already_answered")
        elif opened["personal"]:
            tx.execute(
                "UPDATE survey_invitations SET used_at = coalesce(used_at, current_timestamp)"
                " WHERE token = ?",
                [token],
            )
        row = tx.execute(
            "INSERT INTO survey_responses (survey_id, version_id, token, source, segment, region)"
            " VALUES (?, ?, ?, 'link', ?, ?) RETURNING id",
            [
                survey["id"],
                survey["version_id"],
                token,
                meta.get("segment") or opened["segment"],
                meta.get("region"),
            ],
        ).fetchone()
        response_id = int(row[0]) if row else 0
        _write_answers(tx, answers.assign(response_id=response_id))
        record(tx, "survey.respond", "survey_response", response_id, survey=int(survey["id"]))
    return response_id


def import_responses(
    store: Store,
    survey_id: int,
    people: pd.DataFrame,
    answers: pd.DataFrame,
    source: str = "import",
) -> int:
    """Write imported respondents who gave any answer, with their answers, in one transaction."""
    survey = get_survey(store, survey_id)
    answered = people["respondent"].isin(set(answers["respondent"]))
    people = people[answered].drop_duplicates("respondent").reset_index(drop=True)
    people = people.assign(
        submitted_at=people["submitted_at"].fillna(pd.Timestamp.now().floor("s")),
        survey_id=survey_id,
        version_id=survey["version_id"],
        source=source,
    )
    with store.transaction() as tx:
        tx.register("incoming_people", people)
        created = tx.execute(
            "INSERT INTO survey_responses (survey_id, version_id, respondent, source, segment,"
            " region, submitted_at) SELECT survey_id, version_id, respondent, source, segment,"
            " region, submitted_at FROM incoming_people RETURNING respondent, id"
        ).fetchall()
        tx.unregister("incoming_people")
        ids = dict(created)
        _write_answers(tx, answers.assign(response_id=answers["respondent"].map(ids)))
    return len(people)


def survey_answers(store: Store, survey_id: int) -> pd.DataFrame:
    """Return every answer of a survey with its response's time, segment, region and source."""
    return store.df(
        "SELECT a.response_id, a.question_key, a.item, a.value_num, a.value_text,"
        " r.submitted_at, r.segment, r.region, r.source, v.version"
        " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
        " JOIN survey_versions v ON v.id = r.version_id WHERE r.survey_id = ?",
        [survey_id],
    )


def response_counts(store: Store, survey_id: int) -> dict[str, int]:
    """Return the responses, the invitations sent and the invitations answered."""
    row = store.rows(
        "SELECT (SELECT count(*) FROM survey_responses WHERE survey_id = ?),"
        " (SELECT count(*) FROM survey_invitations WHERE survey_id = ?),"
        " (SELECT count(*) FROM survey_invitations WHERE survey_id = ? AND used_at IS NOT NULL)",
        [survey_id, survey_id, survey_id],
    )[0]
    return {"responses": int(row[0]), "invited": int(row[1]), "answered": int(row[2])}


def open_answers(store: Store, survey_id: int, limit: int = 500) -> pd.DataFrame:
    """Return the newest open-text answers with their question, time and segment."""
    return store.df(
        "SELECT a.question_key, a.value_text AS text, a.category, a.category_origin,"
        " r.submitted_at,"
        " r.segment, r.region"
        " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
        " JOIN survey_questions q ON q.version_id = r.version_id AND q.key = a.question_key"
        " WHERE r.survey_id = ? AND q.qtype = 'open' AND a.value_text IS NOT NULL"
        " ORDER BY r.submitted_at DESC LIMIT ?",
        [survey_id, limit],
    )


# "none" marks an answer the classifier has seen but could not place; it may be tried again.
MACHINE_ORIGINS = ("model", "rule", "none")


def open_answers_to_classify(store: Store, survey_id: int) -> pd.DataFrame:
    """Return the open answers of a survey that carry no person's category (machine or none)."""
    return store.df(
        "SELECT a.response_id, a.question_key, a.item, a.value_text AS text"
        " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
        " JOIN survey_questions q ON q.version_id = r.version_id AND q.key = a.question_key"
        " WHERE r.survey_id = ? AND q.qtype = 'open' AND a.value_text IS NOT NULL"
        " AND (a.category_origin IS NULL OR a.category_origin IN (SELECT unnest(?)))"
        " ORDER BY a.response_id, a.question_key",
        [survey_id, list(MACHINE_ORIGINS)],
    )


def write_answer_categories(store: Store, survey_id: int, labels: pd.DataFrame) -> int:
    """Set machine categories on open answers (never over a person's); return the rows given."""
    frame = labels.reindex(
        columns=["response_id", "question_key", "item", "category", "origin"]
    ).astype({"category": object, "origin": object})
    frame = frame.where(frame.notna(), None)
    with store.transaction() as tx:
        tx.register("incoming_categories", frame)
        tx.execute(
            "UPDATE survey_answers a SET category = c.category, category_origin = c.origin"
            " FROM incoming_categories c WHERE a.response_id = c.response_id"
            " AND a.question_key = c.question_key AND a.item = c.item"
            " AND (a.category_origin IS NULL OR a.category_origin IN (SELECT unnest(?)))",
            [list(MACHINE_ORIGINS)],
        )
        tx.unregister("incoming_categories")
        record(tx, "survey.classify", "survey", survey_id, answers=len(frame))
    return len(frame)
