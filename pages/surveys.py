"""Survey builder: questions from the bank per touchpoint, versions, link and QR code, imports."""

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.question_bank import nps_question, propose_for_touchpoints
from cxdash.storage.cycles import current_cycle_id, list_cycles
from cxdash.storage.survey_responses import import_responses
from cxdash.storage.surveys import (
    add_version,
    create_invitations,
    create_survey,
    get_survey,
    list_surveys,
    survey_questions,
    version_questions,
)
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.survey_scores import neutralise, qr_png
from cxdash.survey_text import classify_open_answers
from cxdash.surveys import PURPOSES, needs_nps_warning, parse_responses
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, lang, show_error, store, t
from cxdash.ui.survey_design import draft_preview, key_point_questions
from cxdash.ui.survey_widgets import import_columns, question_editor, upload_table

st.title(t("surveys.title"))
st.caption(t("surveys.caption"))
db = store()
surveys = list_surveys(db)
touchpoints = list_touchpoints(db)
cycle_id = current_cycle_id(db)
cycles = list_cycles(db)
cycle_number = int(cycles.loc[cycles["id"] == cycle_id, "number"].iloc[0])

with st.expander(t("surveys.new"), expanded=surveys.empty):
    if surveys.empty:
        st.info(t("surveys.empty"), icon=":material/edit_note:")
    name = st.text_input(t("surveys.name"), key="new_name")
    purpose = st.radio(
        t("surveys.purpose"),
        PURPOSES,
        horizontal=True,
        key="new_purpose",
        format_func={p: label("survey_purpose", p) for p in PURPOSES}.__getitem__,
    )
    names = dict(zip(touchpoints["key"], touchpoints[f"name_{lang()}"], strict=True))
    chosen = st.multiselect(
        t("surveys.touchpoints"), list(names), format_func=names.get, key="new_touchpoints"
    )
    from_points = key_point_questions(db, cycle_id, touchpoints, names)
    with_nps = st.checkbox(t("surveys.add_nps"), key="new_nps")
    one_per = st.checkbox(t("surveys.one_per_token"), key="new_one_per")
    tps = touchpoints[touchpoints["key"].isin(chosen)].to_dict("records")
    proposed = propose_for_touchpoints(tps, lang()) + from_points
    proposed += [nps_question(lang())] if with_nps else []
    draft_preview(proposed)
    if needs_nps_warning(proposed, purpose, cycle_number):
        st.warning(t("surveys.nps_warning"), icon=":material/warning:")
    if st.button(
        t("surveys.create"), key="create_survey", disabled=not can_write(), type="primary"
    ):
        try:
            new_id = create_survey(
                db,
                name,
                proposed,
                purpose=purpose,
                lang=lang(),
                cycle_id=cycle_id,
                one_per_token=one_per,
            )
        except CxDashError as err:
            show_error(err)
        else:
            st.session_state["survey_pick"] = new_id
            st.rerun()

if surveys.empty:
    st.stop()
ids = list(surveys["id"])
titles = dict(zip(surveys["id"], surveys["name"], strict=True))
survey_id = st.selectbox(t("surveys.pick"), ids, format_func=titles.get, key="survey_pick")
survey = get_survey(db, int(survey_id))
responses = int(surveys.loc[surveys["id"] == survey_id, "responses"].iloc[0])
st.caption(
    t(
        "surveys.version",
        version=survey["version"],
        responses=responses,
        cycle=t("surveys.cycle", number=survey["cycle_number"]),
    )
)

questions = question_editor(version_questions(db, int(survey["version_id"])), "question_table")
if needs_nps_warning(questions, str(survey["purpose"]), int(survey["cycle_number"])):
    st.warning(t("surveys.nps_warning"), icon=":material/warning:")
if st.button(t("surveys.save_version"), key="save_version", disabled=not can_write()):
    try:
        st.success(t("surveys.saved_version", version=add_version(db, int(survey_id), questions)))
    except CxDashError as err:
        show_error(err)

st.subheader(t("surveys.link"))
base = st.text_input(t("surveys.base_url"), "http://localhost:8501", key="base_url")
link = f"{base.rstrip('/')}/respond?s={survey['public_token']}&lang={survey['lang']}"
cols = st.columns([3, 1])
cols[0].code(link, language=None)
cols[0].caption(t("surveys.link_help"))
cols[1].image(qr_png(link), width=180)
count = st.number_input(t("surveys.invitations"), 0, 100_000, 0, key="invite_count")
if (
    st.button(t("surveys.make_invitations"), key="make_invitations", disabled=not can_write())
    and count
):
    tokens = create_invitations(db, int(survey_id), int(count))
    links = pd.DataFrame({"link": [f"{base.rstrip('/')}/respond?s={tok}" for tok in tokens]})
    st.success(t("surveys.invitations_made", count=len(tokens)))
    st.download_button(
        t("surveys.download_invitations"),
        neutralise(links).to_csv(index=False),
        "invitations.csv",
        "text/csv",
        key="download_invitations",
    )

st.subheader(t("surveys.import_title"))
st.caption(t("surveys.import_help"))
table = upload_table(t("surveys.upload"), "response_upload")
if table is not None:
    table = import_columns(table)
    skip = st.checkbox(t("surveys.skip_bad"), key="import_skip_bad")
    try:
        people, answers = parse_responses(table, survey_questions(db, int(survey_id)), skip)
    except CxDashError as err:
        show_error(err)
    else:
        st.info(t("surveys.import_preview", people=len(people), answers=len(answers)))
        if st.button(
            t("surveys.import_do"), key="import_responses", disabled=not can_write(), type="primary"
        ):
            count = import_responses(db, int(survey_id), people, answers)
            classify_open_answers(db, int(survey_id))
            st.success(t("surveys.imported", count=count))
