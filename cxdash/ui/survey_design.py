"""Survey designer helpers: questions from TOP key points, and a preview of the draft."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash.keypoints import top_key_points
from cxdash.question_bank import propose_for_key_points
from cxdash.storage import Store
from cxdash.surveys import Question
from cxdash.ui.context import label, lang, t

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
