"""KANO needs analysis: needs, paired questionnaire, answer import, categories and priorities."""

import pandas as pd
import streamlit as st

from cxdash.charts.surveys import kano_quadrant
from cxdash.errors import CxDashError
from cxdash.kano import (
    CATEGORIES,
    analyse,
    answers_from_table,
    categorise_answers,
    compare_segments,
    priority_list,
)
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.kano import (
    add_answers,
    create_study,
    list_studies,
    need_categories,
    save_features,
    study_answers,
    study_features,
)
from cxdash.survey_scores import neutralise
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, store, t
from cxdash.ui.kano_survey import kano_questionnaire, kano_survey_panel
from cxdash.ui.survey_widgets import show_table, upload_table

st.title(t("kano.title"))
st.caption(t("kano.caption"))
db = store()
studies = list_studies(db)

with st.expander(t("kano.new_study"), expanded=studies.empty):
    if studies.empty:
        st.info(t("kano.empty"), icon=":material/lightbulb:")
    name = st.text_input(t("kano.study_name"), key="kano_new_name")
    if st.button(t("kano.create"), key="kano_create", disabled=not can_write(), type="primary"):
        try:
            st.session_state["kano_study"] = create_study(db, name, current_cycle_id(db))
            st.rerun()
        except CxDashError as err:
            show_error(err)
if studies.empty:
    st.stop()

titles = dict(zip(studies["id"], studies["name"], strict=True))
study = int(st.selectbox(t("kano.study"), list(titles), format_func=titles.get, key="kano_study"))
features = study_features(db, study)
typed = st.text_area(
    t("kano.features"),
    "\n".join(features),
    help=t("kano.features_help"),
    key=f"kano_features_{study}",
)
suggested = need_categories(db)
picked = st.multiselect(t("kano.from_feedback"), suggested, key="kano_from_feedback")
if st.button(t("kano.save_features"), key="kano_save_features", disabled=not can_write()):
    saved = save_features(db, study, typed.splitlines() + picked)
    st.success(t("kano.saved_features", count=saved))
    features = study_features(db, study)

tab_keys = ("analysis", "segments", "questionnaire", "survey", "import")
tabs = st.tabs([t(f"kano.tab_{k}") for k in tab_keys])
with tabs[2]:
    kano_questionnaire(features)

with tabs[3]:
    kano_survey_panel(db, study, titles[study], features)

with tabs[4]:
    st.caption(t("kano.import_help"))
    table = upload_table(t("kano.upload"), "kano_upload")
    if table is not None:
        try:
            coded = categorise_answers(answers_from_table(table))
        except CxDashError as err:
            show_error(err)
        else:
            st.info(t("kano.import_preview", rows=len(coded), features=coded["feature"].nunique()))
            if st.button(
                t("kano.import_do"), key="kano_import", disabled=not can_write(), type="primary"
            ):
                added = add_answers(db, study, coded, "upload")
                st.success(t("kano.imported", rows=added))

answers = study_answers(db, study)
with tabs[0]:
    if answers.empty:
        st.info(t("kano.no_results"))
    else:
        result = analyse(answers)
        labels = {f"cat_{c}": t(f"kano.category.{c}") for c in CATEGORIES}
        labels.update(x=t("kano.worse"), y=t("kano.better"))
        st.plotly_chart(kano_quadrant(result, labels), key="kano_quadrant")
        show_table(result, "kano_table")
        st.subheader(t("kano.priority"))
        ranked = priority_list(result)
        ranked["reason"] = [t(r) for r in ranked["reason"]]
        show_table(
            ranked[["rank", "feature", "category", "better", "worse", "reason"]], "kano_priority"
        )
        st.download_button(
            t("kano.download_priority"),
            neutralise(pd.DataFrame(ranked)).to_csv(index=False),
            "kano_priority.csv",
            "text/csv",
            key="kano_download",
        )

with tabs[1]:
    if answers.empty or answers["segment"].isna().all():
        st.info(t("kano.no_segments"))
    else:
        side = compare_segments(answers).pivot(
            index="feature", columns="segment", values=["category", "better", "worse"]
        )
        side.columns = [f"{seg} · {stat}" for stat, seg in side.columns]
        st.dataframe(side.reset_index(), hide_index=True, key="kano_segments")
