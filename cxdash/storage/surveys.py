"""Surveys: versioned definitions, invitation tokens, responses and their answers."""

from __future__ import annotations

import json
import secrets
from typing import Any

import duckdb
import pandas as pd

from cxdash.errors import InvalidInput, NotFound
from cxdash.storage.db import Store
from cxdash.surveys import Question, check_questions


def new_token() -> str:
    """Return a fresh URL-safe token that is hard to guess."""
    return secrets.token_urlsafe(9)


def _write_questions(tx: duckdb.DuckDBPyConnection, version_id: int, qs: list[Question]) -> None:
    """Insert the questions of one version in their order."""
    tx.executemany(
        "INSERT INTO survey_questions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                version_id,
                pos,
                q.key,
                q.qtype,
                q.text,
                q.touchpoint,
                json.dumps(q.options),
                q.required,
            ]
            for pos, q in enumerate(qs, start=1)
        ],
    )


def create_survey(store: Store, name: str, questions: list[Question], **meta: Any) -> int:
    """Create a survey with its first version.

    meta: purpose, lang, cycle_id, one_per_token, token, and kano_study_id for a survey that
    collects a KANO study's answers.
    """
    if not name.strip():
        raise InvalidInput("surveys.name_needed")
    check_questions(questions)
    with store.transaction() as tx:
        row = tx.execute(
            "INSERT INTO surveys (name, purpose, lang, cycle_id, public_token, one_per_token,"
            " kano_study_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                name.strip(),
                meta.get("purpose", "touchpoint"),
                meta.get("lang", "zh"),
                meta.get("cycle_id", 1),
                meta.get("token") or new_token(),
                bool(meta.get("one_per_token", False)),
                meta.get("kano_study_id"),
            ],
        ).fetchone()
        survey_id = int(row[0]) if row else 0
        _insert_version(tx, survey_id, 1, questions, None)
    return survey_id


def _insert_version(
    tx: duckdb.DuckDBPyConnection, survey_id: int, number: int, qs: list[Question], note: str | None
) -> int:
    """Insert one version row and its questions; return the version id."""
    row = tx.execute(
        "INSERT INTO survey_versions (survey_id, version, note) VALUES (?, ?, ?) RETURNING id",
        [survey_id, number, note],
    ).fetchone()
    version_id = int(row[0]) if row else 0
    _write_questions(tx, version_id, qs)
    return version_id


def add_version(store: Store, survey_id: int, questions: list[Question], note: str = "") -> int:
    """Save the questions as the survey's next version; return its number."""
    check_questions(questions)
    with store.transaction() as tx:
        found = tx.execute(
            "SELECT coalesce(max(version), 0) FROM survey_versions WHERE survey_id = ?", [survey_id]
        ).fetchone()
        number = int(found[0]) + 1 if found else 1
        _insert_version(tx, survey_id, number, questions, note or None)
    return number


def list_surveys(store: Store) -> pd.DataFrame:
    """Return every survey with its latest version, cycle number and response count."""
    return store.df(
        "SELECT s.*, c.number AS cycle_number,"
        " (SELECT max(version) FROM survey_versions v WHERE v.survey_id = s.id) AS version,"
        " (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses"
        " FROM surveys s LEFT JOIN cycles c ON c.id = s.cycle_id ORDER BY s.id DESC"
    )


def get_survey(store: Store, survey_id: int) -> dict[str, Any]:
    """Return one survey's row as a dict with its latest version id and number."""
    frame = store.df(
        "SELECT s.*, v.id AS version_id, v.version, c.number AS cycle_number FROM surveys s"
        " JOIN survey_versions v ON v.survey_id = s.id LEFT JOIN cycles c ON c.id = s.cycle_id"
        " WHERE s.id = ? ORDER BY v.version DESC LIMIT 1",
        [survey_id],
    )
    if frame.empty:
        raise NotFound("surveys.not_found", survey=survey_id)
    return frame.iloc[0].to_dict()


def version_questions(store: Store, version_id: int) -> list[Question]:
    """Return the questions of one version in order."""
    rows = store.rows(
        "SELECT key, qtype, text, touchpoint, options, required FROM survey_questions"
        " WHERE version_id = ? ORDER BY position",
        [version_id],
    )
    return [
        Question(k, t, x, tp, tuple(json.loads(o or "[]")), bool(r)) for k, t, x, tp, o, r in rows
    ]


def survey_questions(store: Store, survey_id: int) -> list[Question]:
    """Return every question any version asked, worded as in its latest version."""
    rows = store.rows(
        "SELECT key, qtype, text, touchpoint, options, required FROM ("
        " SELECT q.*, v.version, row_number() OVER (PARTITION BY q.key ORDER BY v.version DESC) rn"
        " FROM survey_questions q JOIN survey_versions v ON v.id = q.version_id"
        " WHERE v.survey_id = ?) WHERE rn = 1 ORDER BY version DESC, position",
        [survey_id],
    )
    return [
        Question(k, t, x, tp, tuple(json.loads(o or "[]")), bool(r)) for k, t, x, tp, o, r in rows
    ]


def create_invitations(
    store: Store, survey_id: int, count: int, segment: str | None = None
) -> list[str]:
    """Create count personal invitation tokens for a survey; return them."""
    return add_invitations(store, survey_id, [new_token() for _ in range(max(count, 0))], segment)


def add_invitations(
    store: Store, survey_id: int, tokens: list[str], segment: str | None = None
) -> list[str]:
    """Record the given personal invitation tokens for a survey; return them."""
    if not tokens:
        return []
    with store.transaction() as tx:
        tx.executemany(
            "INSERT INTO survey_invitations (token, survey_id, segment) VALUES (?, ?, ?)",
            [[tok, survey_id, segment] for tok in tokens],
        )
    return tokens


def resolve_token(store: Store, token: str) -> dict[str, Any] | None:
    """Return the survey a public or invitation token opens, with whether it was already used."""
    found = store.rows(
        "SELECT survey_id, segment, used_at IS NOT NULL, true FROM survey_invitations"
        " WHERE token = ?"
        " UNION ALL SELECT id, NULL, false, false FROM surveys WHERE public_token = ?",
        [token, token],
    )
    if not found:
        return None
    survey_id, segment, used, personal = found[0]
    return {
        "survey_id": int(survey_id),
        "segment": segment,
        "used": bool(used),
        "personal": bool(personal),
    }
