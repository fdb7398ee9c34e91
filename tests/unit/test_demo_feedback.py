"""The demo feedback generator: shape, determinism, realism and the three planted stories."""

from __future__ import annotations

import string

import numpy as np
import pandas as pd
import pytest

from cxdash.demo import phrases
from cxdash.demo.feedback import (
    CHANNELS,
    COLUMNS,
    DEMO_END,
    DEMO_START,
    PRODUCTS,
    REGIONS,
    SEGMENTS,
    TOPIC_LABELS,
    TOPICS,
    generate_feedback,
)

EXPECTED_COLUMNS = [
    "source_id", "received_at", "channel", "customer_id", "segment", "tenure", "product",
    "region", "rating", "text", "lang", "topic", "kind", "category",
]  # fmt: skip
RELEASE = pd.Timestamp("2026-06-15")
SIX_WEEKS = pd.Timedelta(weeks=6)
ZH_CUES = ("希望", "建议", "能不能", "可不可以", "就好了", "麻烦", "最好能")
EN_CUES = ("please", "could you", "would be", "possible", "suggest", "i'd", "should", "can you")
FIXED_SLOTS = {"month", "version", "years", "who", "our"}


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return generate_feedback()


@pytest.fixture(scope="module", params=[7, 2024])
def story(request: pytest.FixtureRequest) -> pd.DataFrame:
    return generate_feedback(20_000, request.param)


def test_same_arguments_give_the_same_frame():
    pd.testing.assert_frame_equal(generate_feedback(3_000, 11), generate_feedback(3_000, 11))


def test_another_seed_gives_other_items():
    first, second = generate_feedback(2_000, 1), generate_feedback(2_000, 2)
    assert (first["text"] != second["text"]).mean() > 0.9


def test_columns_and_dtypes(demo):
    assert list(demo.columns) == EXPECTED_COLUMNS == list(COLUMNS)
    assert len(demo) == 20_000
    assert demo["received_at"].dtype == np.dtype("datetime64[ns]")
    assert demo["rating"].dtype == np.float64
    for column in set(EXPECTED_COLUMNS) - {"received_at", "rating"}:
        assert pd.api.types.is_string_dtype(demo[column]), column
    assert demo["source_id"].is_unique
    assert demo["source_id"].iloc[0] == "DEMO-000001"
    assert demo["received_at"].is_monotonic_increasing


def test_small_and_empty_frames_keep_the_columns():
    for n in (0, 1, 7):
        frame = generate_feedback(n, 3)
        assert len(frame) == n
        assert list(frame.columns) == EXPECTED_COLUMNS


def test_value_domains(demo):
    assert set(demo["channel"]) == set(CHANNELS)
    assert set(demo["segment"]) == set(SEGMENTS)
    assert set(demo["tenure"]) == {"new", "established", "long"}
    assert set(demo["product"]) == set(PRODUCTS)
    assert set(demo["region"]) == set(REGIONS) and "west" in REGIONS
    assert set(demo["lang"]) == {"zh", "en"}
    assert set(demo["topic"]) == set(TOPICS)
    assert set(demo["kind"]) == {"problem", "need", "praise", "other"}
    assert demo["customer_id"].str.fullmatch(r"C\d{6}").all()
    days = demo["received_at"].dt.date
    assert days.min() >= DEMO_START and days.max() <= DEMO_END
    ratings = demo["rating"].dropna()
    assert ratings.between(1, 5).all() and (ratings == ratings.round()).all()


def test_topics_have_labels_in_both_languages():
    assert len(TOPICS) >= 20
    assert set(TOPIC_LABELS) == set(TOPICS)
    assert all(label["zh"] and label["en"] for label in TOPIC_LABELS.values())


def test_customers_repeat_with_stable_attributes(demo):
    assert 6_000 <= demo["customer_id"].nunique() <= 10_000
    per_customer = demo.groupby("customer_id")[["segment", "tenure", "region", "lang"]].nunique()
    assert (per_customer == 1).all().all()


def test_mostly_chinese(demo):
    assert abs((demo["lang"] == "zh").mean() - 0.8) < 0.04


def test_texts_are_varied(demo):
    assert demo["text"].nunique() >= 5_000
    assert demo.groupby("topic")["text"].nunique().min() >= 100
    assert not demo["text"].str.contains(r"[{}]").any()


def test_text_lengths_are_realistic(demo):
    zh_chars = demo.loc[demo["lang"] == "zh", "text"].str.len()
    en_words = demo.loc[demo["lang"] == "en", "text"].str.split().str.len()
    assert zh_chars.between(10, 200).all() and zh_chars.std() > 8
    assert en_words.between(5, 60).all() and en_words.std() > 4


def test_needs_carry_request_cues(demo):
    needs = demo[demo["kind"] == "need"]
    zh = needs.loc[needs["lang"] == "zh", "text"]
    en = needs.loc[needs["lang"] == "en", "text"].str.lower()
    assert zh.map(lambda text: any(cue in text for cue in ZH_CUES)).mean() > 0.95
    assert en.map(lambda text: any(cue in text for cue in EN_CUES)).mean() > 0.95


def test_every_template_uses_known_slots():
    for lang in ("zh", "en"):
        bank = phrases.build_bank(lang)
        templates = [t for topic in bank.bodies for kind in topic for t in kind]
        templates += [t for group in bank.details for tenure in group for t in tenure]
        templates += [t for group in (*bank.openers, *bank.closers, *bank.stories) for t in group]
        fields = {f for t in templates for _, f, _, _ in string.Formatter().parse(t) if f}
        assert fields <= set(bank.slots) | FIXED_SLOTS, fields - set(bank.slots)


def test_story_billing_error_spike_in_march_2026(story):
    billing = story[story["topic"] == "billing_error"]
    month = billing["received_at"].dt.to_period("M")
    per_month = month.value_counts()
    march = pd.Period("2026-03", "M")
    assert per_month[march] >= 3 * per_month.drop(march).mean()
    spike = billing[month == march]
    assert spike["region"].nunique() == len(REGIONS)
    assert spike["channel"].isin(["hotline", "complaint_escalation", "app_feedback"]).mean() > 0.6


def test_story_slow_installation_in_the_west(story):
    fixed_line = story[story["product"].isin(["broadband", "installation_repair"])]
    delayed = fixed_line["topic"] == "broadband_install_delay"
    in_west = fixed_line["region"] == "west"
    assert delayed[in_west].mean() >= 3 * delayed[~in_west].mean()
    quarter = fixed_line["received_at"].dt.quarter
    for q in range(1, 5):
        assert (
            delayed[in_west & (quarter == q)].mean()
            >= 2 * delayed[~in_west & (quarter == q)].mean()
        )


def test_story_app_login_problems_after_the_release(story):
    login = story[story["topic"] == "app_login"]
    at = login["received_at"]
    after = at.between(RELEASE, RELEASE + SIX_WEEKS, inclusive="left").sum()
    before = at.between(RELEASE - SIX_WEEKS, RELEASE, inclusive="left").sum()
    assert after >= 4 * before
    mentions = login["text"].str.contains(r"新版本|5\.0|update|更新")
    assert mentions[at >= RELEASE].sum() >= 20
    assert not mentions[at < RELEASE].any()


def test_volume_has_seasons_weekends_and_nights(demo):
    at = demo["received_at"]
    per_day = at.dt.normalize().value_counts()
    weekend = per_day.index.day_of_week >= 5
    assert per_day[weekend].mean() < 0.85 * per_day[~weekend].mean()
    assert (at.dt.hour < 6).mean() < 0.06
    per_month = at.dt.month.value_counts()
    assert per_month[2] > per_month[4] and per_month[8] > per_month[5]


def test_plausible_correlations(demo):
    by_segment = pd.crosstab(demo["segment"], demo["product"], normalize="index")
    home = by_segment[["broadband", "tv"]].sum(axis=1)
    assert home["family"] > home["consumer"] + 0.03
    channels = pd.crosstab(demo["segment"], demo["channel"], normalize="index")
    voice = channels[["hotline", "complaint_escalation"]].sum(axis=1)
    assert voice["enterprise"] > voice["consumer"] + 0.1


def test_ratings_follow_sentiment(demo):
    rated = demo.dropna(subset=["rating"])
    means = rated.groupby("kind")["rating"].mean()
    assert means["problem"] < 2.2 < means["need"] < means["praise"]
    assert rated.groupby("kind")["rating"].median()["praise"] >= 4
    sentiment = rated["kind"].map({"problem": -1, "need": 0, "other": 0, "praise": 1})
    assert sentiment.corr(rated["rating"], method="spearman") > 0.5


def test_ratings_exist_only_where_the_channel_asks(demo):
    has_rating = demo["rating"].notna().groupby(demo["channel"]).mean()
    assert has_rating["social_media"] == 0 and has_rating["complaint_escalation"] == 0
    assert has_rating["app_feedback"] > 0.8
    assert 0.3 < has_rating["hotline"] < 0.5


def test_category_is_a_sparse_human_label(demo):
    labelled = demo[demo["category"].notna()]
    assert 0.10 <= len(labelled) / len(demo) <= 0.20
    assert (labelled["category"] == labelled["topic"]).all()
    assert labelled["channel"].isin(["complaint_escalation", "hotline"]).mean() > 0.8
