"""KANO through the survey module: the paired questionnaire, and surveys that collect answers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.i18n import translate
from cxdash.kano import ANSWERS
from cxdash.question_bank import kano_questions
from cxdash.storage import Store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.kano import study_surveys
from cxdash.storage.surveys import create_survey
from cxdash.survey_scores import neutralise
from cxdash.ui.auth import can_write
from cxdash.ui.context import lang, show_error, t

LANGS = {"zh": "中文", "en": "English"}


def kano_questionnaire(features: list[str]) -> None:
    """Show the paired KANO questionnaire in a chosen language, with a CSV download."""
    qlang = st.radio(
        t("kano.questionnaire_lang"),
        ["zh", "en"],
        horizontal=True,
        format_func={"zh": "中文", "en": "English"}.get,
        key="kano_qlang",
    )
    answers = " / ".join(translate(f"kano.answer.{a}", qlang) for a in ANSWERS)
    rows = []
    for feature in features:
        for kind in ("functional", "dysfunctional"):
            rows.append(
                {
                    "feature": feature,
                    "column": f"{feature} [{kind[0].upper()}]",
                    "question": translate(f"kano.{kind}", qlang, feature=feature),
                    "answers": answers,
                }
            )
        rows.append(
            {
                "feature": feature,
                "column": f"{feature} importance",
                "question": translate("kano.importance", qlang, feature=feature),
                "answers": "1–5",
            }
        )
    frame = pd.DataFrame(rows, columns=["feature", "column", "question", "answers"])
    st.dataframe(frame, hide_index=True, key="kano_questionnaire")
    st.download_button(
        t("kano.download_questionnaire"),
        neutralise(frame).to_csv(index=False),
        f"kano_questionnaire_{qlang}.csv",
        "text/csv",
        key="kano_q_download",
    )


def kano_survey_panel(db: Store, study: int, name: str, features: list[str]) -> None:
    """Let the user make a survey asking the study's KANO pairs; list its surveys and links."""
    st.caption(t("kano.survey_help"))
    if not features:
        st.info(t("kano.survey_no_features"))
        return
    cols = st.columns(2)
    qlang = str(
        cols[0].radio(
            t("kano.questionnaire_lang"),
            list(LANGS),
            index=list(LANGS).index(lang()) if lang() in LANGS else 0,
            horizontal=True,
            format_func=lambda k: LANGS[k],
            key="kano_survey_lang",
        )
    )
    importance = cols[1].checkbox(t("kano.with_importance"), key="kano_survey_importance")
    questions = kano_questions(features, qlang, importance)
    if st.button(
        t("kano.survey_create"),
        key="kano_survey_create",
        type="primary",
        disabled=not can_write(),
    ):
        try:
            create_survey(
                db,
                t("kano.survey_name", name=name),
                questions,
                purpose="relationship",
                lang=qlang,
                cycle_id=current_cycle_id(db),
                kano_study_id=study,
                one_per_token=False,
            )
        except CxDashError as err:
            show_error(err)
        else:
            st.success(t("kano.survey_created", count=len(questions)))
    _linked_surveys(db, study)


def _linked_surveys(db: Store, study: int) -> None:
    """Show the surveys collecting the study's answers with their respondent links."""
    linked = study_surveys(db, study)
    if linked.empty:
        return
    base = st.text_input(t("surveys.base_url"), "http://localhost:8501", key="kano_base_url")
    for row in linked.itertuples(index=False):
        st.markdown(f"**{t('kano.survey_line', responses=int(row.responses))}**")
        st.text(str(row.name))
        st.code(f"{base.rstrip('/')}/respond?s={row.public_token}&lang={row.lang}", language=None)
