"""The public respondent page: opened through ?s=TOKEN, no login, one form, then a thank-you."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.storage.survey_responses import submit_response
from cxdash.storage.surveys import get_survey, resolve_token, version_questions
from cxdash.ui.context import show_error, store, t
from cxdash.ui.survey_widgets import answer_form, inert, missing_required

token = str(st.query_params.get("s", "")).strip()
if st.session_state.get("respond_done") == token and token:
    st.title(t("respond.thanks_title"))
    st.success(t("respond.thanks"), icon=":material/check_circle:")
    st.stop()

opened = resolve_token(store(), token) if token else None
if opened is None:
    st.title(t("respond.title"))
    st.info(t("respond.no_token") if not token else t("surveys.bad_token"))
    st.stop()

survey = get_survey(store(), opened["survey_id"])
st.title(inert(survey["name"]))
if opened["personal"] and opened["used"] and survey["one_per_token"]:
    st.info(t("surveys.already_answered"))
    st.stop()

questions = version_questions(store(), int(survey["version_id"]))
answers = answer_form(questions)
if answers is not None:
    missing = missing_required(questions, answers)
    if answers.empty:
        st.warning(t("respond.empty_answer"))
    elif missing:
        st.warning(t("respond.required", questions="; ".join(missing)))
    else:
        try:
            submit_response(store(), token, answers)
        except CxDashError as err:
            show_error(err)
        else:
            st.session_state["respond_done"] = token
            st.rerun()
