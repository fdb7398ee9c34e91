"""Survey results: scores with 95% CIs, trend, segments, key drivers, open answers, sample sizes."""

import streamlit as st

from cxdash.charts.surveys import distribution_bars, score_bars, trend_with_band
from cxdash.metrics import compare_groups, distribution
from cxdash.storage.survey_responses import response_counts, survey_answers
from cxdash.storage.surveys import list_surveys, survey_questions
from cxdash.survey_scores import (
    GROUPS,
    monthly_scores,
    question_scores,
    scored_questions,
)
from cxdash.surveys import SCORED
from cxdash.ui.context import store, t
from cxdash.ui.survey_design import open_answers_section
from cxdash.ui.survey_widgets import (
    driver_section,
    pick_question,
    sample_size_planner,
    show_table,
)

st.title(t("results.title"))
st.caption(t("results.caption"))
db = store()
surveys = list_surveys(db)
surveys = surveys[surveys["responses"] > 0]
if surveys.empty:
    st.info(t("results.empty"), icon=":material/poll:")
    with st.expander(t("sampling.title")):
        sample_size_planner()
    st.stop()

titles = dict(zip(surveys["id"], surveys["name"], strict=True))
survey_id = int(
    st.selectbox(t("surveys.pick"), list(titles), format_func=titles.get, key="results_survey")
)
questions = survey_questions(db, survey_id)
answers = survey_answers(db, survey_id)
counts = response_counts(db, survey_id)
cols = st.columns(3)
cols[0].metric(t("results.responses"), f"{counts['responses']:,}")
rate = f"{counts['responses'] / counts['invited']:.1%}" if counts["invited"] else None
cols[1].metric(t("results.rate"), rate or t("results.rate_unknown"))
scored = scored_questions(questions)
if any(q.qtype == "kano" for q in questions):
    st.info(t("results.kano_note"), icon=":material/lightbulb:")
texts = {q.key: q.text for q in questions}
group_labels = {None: t("results.overall"), **{g: t(f"results.group.{g}") for g in GROUPS}}
tabs = st.tabs(
    [t(f"results.tab_{k}") for k in ("scores", "trend", "segments", "drivers", "open", "sample")]
)

with tabs[0]:
    if not scored:
        st.info(t("results.no_scored"))
    else:
        group = st.selectbox(
            t("results.group_by"),
            [None, *GROUPS],
            key="score_group",
            format_func=group_labels.__getitem__,
        )
        table = question_scores(answers, questions, group)
        show_table(table, "score_table", hide=("question_key", "share_high", "share_low"))
        st.caption(t("results.ci_note"))
        chosen = pick_question(scored, texts, "score_question")
        mine = table[table["question_key"] == chosen.key]
        label_col = group or "item"
        st.plotly_chart(
            score_bars(mine, label_col, t(f"metrics.{SCORED[chosen.qtype]}")), key="score_chart"
        )
        values = answers.loc[answers["question_key"] == chosen.key, "value_num"].dropna()
        st.plotly_chart(
            distribution_bars(
                distribution(values, SCORED[chosen.qtype]), t("results.distribution")
            ),
            key="dist_chart",
        )

with tabs[1]:
    if scored:
        chosen = pick_question(scored, texts, "trend_question")
        trend = monthly_scores(answers, chosen)
        st.plotly_chart(
            trend_with_band(trend, "month", t(f"metrics.{SCORED[chosen.qtype]}")), key="trend_chart"
        )
        show_table(trend, "trend_table", hide=("share_high", "share_low"))

with tabs[2]:
    if scored:
        chosen = pick_question(scored, texts, "segment_question")
        dim = st.selectbox(
            t("results.group_by"),
            ["region", "segment", "version", "source"],
            format_func=group_labels.__getitem__,
            key="segment_dim",
        )
        mine = answers[(answers["question_key"] == chosen.key) & answers["value_num"].notna()]
        compared = compare_groups(mine.fillna({dim: "—"}), SCORED[chosen.qtype], dim, "value_num")
        show_table(compared, "segment_table")
        st.caption(t("results.segment_note"))

with tabs[3]:
    driver_section(answers, questions)

with tabs[4]:
    open_answers_section(db, survey_id, texts)

with tabs[5]:
    sample_size_planner()
