"""KANO studies: the needs they test and the answer pairs collected for them."""

from __future__ import annotations

import pandas as pd

from cxdash.errors import InvalidInput
from cxdash.storage.db import Store

ANSWER_FIELDS = ("respondent", "feature", "functional", "dysfunctional", "importance", "segment")


def create_study(store: Store, name: str, cycle_id: int) -> int:
    """Create a KANO study in a cycle; return its id."""
    if not name.strip():
        raise InvalidInput("kano.name_needed")
    with store.transaction() as tx:
        row = tx.execute(
            "INSERT INTO kano_studies (name, cycle_id) VALUES (?, ?) RETURNING id",
            [name.strip(), cycle_id],
        ).fetchone()
    return int(row[0]) if row else 0


def list_studies(store: Store) -> pd.DataFrame:
    """Return the KANO studies, newest first, with their need and answer counts."""
    return store.df(
        "SELECT s.*, (SELECT count(*) FROM kano_features f WHERE f.study_id = s.id) AS features,"
        " (SELECT count(*) FROM kano_answers a WHERE a.study_id = s.id) AS answers"
        " FROM kano_studies s ORDER BY s.id DESC"
    )


def save_features(store: Store, study_id: int, names: list[str], source: str = "typed") -> int:
    """Replace the study's needs with the names given (blank and repeated ones dropped)."""
    clean = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    with store.transaction() as tx:
        tx.execute("DELETE FROM kano_features WHERE study_id = ?", [study_id])
        if not clean:
            return 0
        tx.executemany(
            "INSERT INTO kano_features (study_id, position, name, source) VALUES (?, ?, ?, ?)",
            [[study_id, pos, name, source] for pos, name in enumerate(clean, start=1)],
        )
    return len(clean)


def study_features(store: Store, study_id: int) -> list[str]:
    """Return the study's needs in order."""
    rows = store.rows(
        "SELECT name FROM kano_features WHERE study_id = ? ORDER BY position", [study_id]
    )
    return [r[0] for r in rows]


def add_answers(store: Store, study_id: int, answers: pd.DataFrame, batch: str) -> int:
    """Append coded answer pairs (feature, functional, dysfunctional, …) in one transaction."""
    frame = answers.reindex(columns=list(ANSWER_FIELDS)).astype(object)
    frame = frame.where(frame.notna(), None).assign(study_id=study_id, batch=batch)
    frame["importance"] = pd.to_numeric(frame["importance"], errors="coerce").astype("float64")
    fields = ", ".join(("study_id", *ANSWER_FIELDS, "batch"))
    with store.transaction() as tx:
        tx.register("incoming_kano", frame)
        tx.execute(f"INSERT INTO kano_answers ({fields}) SELECT {fields} FROM incoming_kano")
        tx.unregister("incoming_kano")
        known = {
            r[0]
            for r in tx.execute(
                "SELECT name FROM kano_features WHERE study_id = ?", [study_id]
            ).fetchall()
        }
        extra = [f for f in dict.fromkeys(frame["feature"]) if f not in known]
        start = len(known)
        if not extra:
            return len(frame)
        tx.executemany(
            "INSERT INTO kano_features (study_id, position, name, source)"
            " VALUES (?, ?, ?, 'import')",
            [[study_id, start + i, name] for i, name in enumerate(extra, start=1)],
        )
    return len(frame)


# Complete pairs given through the study's surveys: one row per response and KANO question.
_SURVEY_PAIRS = (
    "SELECT 'survey-' || r.id AS respondent, q.text AS feature,"
    " max(a.value_text) FILTER (WHERE a.item = 'functional') AS functional,"
    " max(a.value_text) FILTER (WHERE a.item = 'dysfunctional') AS dysfunctional,"
    " max(a.value_num) FILTER (WHERE a.item = 'importance') AS importance, r.segment"
    " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
    " JOIN surveys s ON s.id = r.survey_id"
    " JOIN survey_questions q ON q.version_id = r.version_id AND q.key = a.question_key"
    " WHERE s.kano_study_id = ? AND q.qtype = 'kano'"
    " GROUP BY r.id, q.text, r.segment"
    " HAVING functional IS NOT NULL AND dysfunctional IS NOT NULL"
)


def study_answers(store: Store, study_id: int) -> pd.DataFrame:
    """Return the study's answer pairs: imported ones, then those given through its surveys."""
    return store.df(
        f"SELECT {', '.join(ANSWER_FIELDS)} FROM kano_answers WHERE study_id = ?"
        f" UNION ALL SELECT {', '.join(ANSWER_FIELDS)} FROM ({_SURVEY_PAIRS})",
        [study_id, study_id],
    )


def study_surveys(store: Store, study_id: int) -> pd.DataFrame:
    """Return the surveys collecting a study's answers, with their token and response count."""
    return store.df(
        "SELECT s.id, s.name, s.lang, s.public_token, s.created_at,"
        " (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses"
        " FROM surveys s WHERE s.kano_study_id = ? ORDER BY s.id DESC",
        [study_id],
    )


def need_categories(store: Store, limit: int = 30) -> list[str]:
    """Return the categories a person labelled as needs in the feedback, most frequent first."""
    rows = store.rows(
        "SELECT category FROM feedback WHERE kind = 'need' AND category IS NOT NULL"
        " GROUP BY category ORDER BY count(*) DESC LIMIT ?",
        [limit],
    )
    return [r[0] for r in rows]
