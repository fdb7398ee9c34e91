"""Survey designer helpers: questions from TOP key points, and a preview of the draft."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.keypoints import top_key_points
from cxdash.question_bank import propose_for_key_points
from cxdash.storage import Store
from cxdash.storage.survey_responses import open_answers
from cxdash.survey_scores import filter_open_answers
from cxdash.survey_text import category_shares, classify_open_answers
from cxdash.surveys import Question
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, lang, show_error, t

TOP_N = 10


def key_point_questions(
    db: Store, cycle_id: int, touchpoints: pd.DataFrame, names: dict[str, str]
) -> list[Question]:
    """Let the user pick TOP key points; return the questions proposed for them."""
    top = top_key_points(db, cycle_id, TOP_N)
    if top.empty:
        st.caption(t("surveys.no_key_points"))
        return []
    points = {
        int(r.rank): {"touchpoint": str(r.touchpoint), "label": label("category", r.category)}
        for r in top.itertuples(index=False)
    }
    picked = st.multiselect(
        t("surveys.from_key_points"),
        list(points),
        format_func=lambda k: t(
            "surveys.key_point_option",
            rank=k,
            touchpoint=names.get(points[k]["touchpoint"], points[k]["touchpoint"]),
            category=points[k]["label"],
        ),
        key="new_key_points",
        help=t("surveys.from_key_points_help"),
    )
    return propose_for_key_points(
        [points[k] for k in picked], touchpoints.to_dict("records"), lang()
    )


def draft_preview(questions: list[Question]) -> None:
    """Show the questions the new survey will start with."""
    if not questions:
        st.caption(t("surveys.draft_empty"))
        return
    frame = pd.DataFrame(
        {
            t("surveys.col_type"): [q.qtype.upper() for q in questions],
            t("surveys.col_text"): [q.text for q in questions],
            t("surveys.col_touchpoint"): [q.touchpoint or "" for q in questions],
        }
    )
    st.caption(t("surveys.draft_count", count=len(questions)))
    st.dataframe(frame, hide_index=True, key="new_draft_preview")


def open_answers_section(db: Store, survey_id: int, texts: dict[str, str]) -> None:
    """Show the open answers with their step 2 categories and shares, and a classify run."""
    answers = open_answers(db, survey_id)
    st.caption(t("results.open_note"))
    pending = int(answers["category_origin"].isna().sum())
    if pending:
        cols = st.columns([3, 1], vertical_alignment="center")
        if not cols[1].button(
            t("results.classify_open"),
            key="classify_open",
            type="primary",
            disabled=not can_write(),
        ):
            cols[0].info(t("results.open_pending", count=pending), icon=":material/label:")
        else:
            try:
                placed = classify_open_answers(db, survey_id)
            except CxDashError as err:
                show_error(err)
            else:
                cols[0].success(t("results.open_classified", count=pending, placed=placed))
                answers = open_answers(db, survey_id)
    shares = category_shares(answers[answers["category_origin"].notna()])
    if not shares.empty:
        shown = shares.assign(category=[label("category", c) for c in shares["category"]])
        st.bar_chart(shown.set_index("category")["answers"], horizontal=True, height=260)
        st.dataframe(
            shown.rename(columns=lambda c: t(f"results.open_col_{c}")),
            hide_index=True,
            key="open_shares",
            column_config={
                t("results.open_col_share"): st.column_config.NumberColumn(format="percent")
            },
        )
    keyword = st.text_input(t("results.keyword"), key="open_keyword")
    found = filter_open_answers(answers, keyword)
    table = pd.DataFrame(
        {
            t("results.question"): found["question_key"].map(texts),
            t("results.open_col_category"): [
                label("category", c) if isinstance(c, str) else "" for c in found["category"]
            ],
            t("results.open_col_text"): found["text"],
            t("results.group.segment"): found["segment"],
            t("results.open_col_when"): found["submitted_at"],
        }
    )
    st.dataframe(table, hide_index=True, key="open_table")
