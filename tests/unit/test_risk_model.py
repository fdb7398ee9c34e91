"""The at-risk pipeline on a synthetic table with a known signal, its metrics and its exports."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from cxdash.risk import export_table, neutralise, repair_list, top_reasons, type_features
from cxdash.risk_metrics import expected_calibration_error, lift_by_decile, precision_at_k
from cxdash.risk_run import score_table, train_on_table
from cxdash.rules import parse_rule


def synthetic_customers(n: int = 800, seed: int = 3) -> pd.DataFrame:
    """Outages drive dissatisfaction strongly, the 'legacy' plan a little, noise not at all."""
    rng = np.random.default_rng(seed)
    outages = rng.poisson(1.0, n)
    plan = rng.choice(["legacy", "fibre", "mobile"], n)
    noise = rng.normal(0, 1, n)
    logit = -2.5 + 1.4 * outages + 0.8 * (plan == "legacy")
    label = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(n)],
            "label": pd.array(label, dtype="Int64"),
            "outages": outages.astype(str),
            "plan": plan,
            "noise": noise.round(3).astype(str),
            "note": [f"free text {i}" for i in range(n)],
        }
    )


@pytest.fixture(scope="module")
def trained():
    table = synthetic_customers()
    return table, train_on_table(table)


def test_feature_typing_separates_numbers_categories_and_id_like_text():
    types = type_features(synthetic_customers(), ["outages", "plan", "noise", "note"])
    assert types.numeric == ("outages", "noise")
    assert types.categorical == ("plan",)
    assert types.dropped == ("note",)


def test_model_finds_the_planted_signal(trained):
    _, model = trained
    assert set(model.comparison["model"]) == {"logistic", "boosting"}
    assert model.metrics["roc_auc"] > 0.8
    assert model.metrics["ece"] < 0.1
    assert model.importance["feature"].iloc[0] == "outages"
    noise = model.importance.set_index("feature").loc["noise", "importance"]
    assert noise < model.importance["importance"].iloc[0] / 5


def test_top_reasons_name_the_driver_for_a_high_risk_customer(trained):
    table, model = trained
    worst = table[table["outages"].astype(int) >= 4].head(3)
    reasons = top_reasons(model, worst)["reasons"]
    assert all(r.startswith("outages=") for r in reasons)


def test_scoring_lists_vetoed_customers_whatever_the_score(trained):
    table, model = trained
    scored = score_table(model, table, [parse_rule("noise > 2.5")], top_share=0.05)
    vetoed = scored[scored["vetoed_by"].notna()]
    assert len(vetoed) == int((table["noise"].astype(float) > 2.5).sum()) > 0
    assert vetoed["reasons"].notna().all()
    assert scored["score"].between(0, 1).all()


def test_lift_and_precision_match_hand_counts():
    y = np.array([1, 1] + [0] * 16 + [1, 1])
    scores = np.linspace(1, 0, 20)
    lift = lift_by_decile(y, scores)
    assert lift["lift"].iloc[0] == pytest.approx(5.0)
    assert lift["capture"].iloc[-1] == pytest.approx(1.0)
    assert precision_at_k(y, scores, 4) == pytest.approx(0.5)


def test_expected_calibration_error_hand_case():
    ece = expected_calibration_error(np.array([0, 0, 1, 1]), np.array([0.1, 0.1, 0.9, 0.9]))
    assert ece == pytest.approx(0.1)


def test_repair_list_puts_vetoes_first_then_top_scores():
    ids = pd.Series(["a", "b", "c", "d"])
    vetoes = pd.Series([None, None, "rule", None])
    got = repair_list(ids, np.array([0.9, 0.2, 0.1, 0.5]), vetoes, top_share=0.25)
    assert list(got["customer_id"]) == ["c", "a"]


def test_exports_neutralise_formula_cells():
    frame = pd.DataFrame({"customer_id": ["=HYPERLINK(1)", "+1", "-2", "@x", "ok"], "s": [1] * 5})
    safe = neutralise(frame)
    assert list(safe["customer_id"]) == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "ok"]
    csv = export_table(frame, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv
    book = openpyxl.load_workbook(io.BytesIO(export_table(frame, "xlsx")))
    assert book.active["A2"].value == "'=HYPERLINK(1)"


def test_derived_features_count_yes_flags_and_divide_numbers_learnt_on_training_rows():
    from cxdash.risk_features import COUNT_NAME, DerivedFeatures

    train = pd.DataFrame(
        {
            "tenure": [1.0, 10.0, 20.0],
            "total": [50.0, 500.0, 0.0],
            "senior": [0.0, 1.0, 0.0],
            "tv": ["Yes", "No", "No internet"],
            "backup": ["No", "Yes", "Yes"],
            "plan": ["a", "b", "c"],
        }
    )
    derive = DerivedFeatures(("tenure", "total", "senior"), ("tv", "backup", "plan")).fit(train)
    assert derive.flags_ == ["tv", "backup"]
    assert derive.derived_names() == [
        COUNT_NAME,
        "derived: tenure / total",
        "derived: total / tenure",
    ]
    out = derive.transform(train)
    assert out[COUNT_NAME].tolist() == [1.0, 1.0, 1.0]
    assert out["derived: total / tenure"].tolist() == [50.0, 50.0, 0.0]
    assert np.isnan(out["derived: tenure / total"].iloc[2])
    later = derive.transform(train.assign(plan=["yes", "yes", "yes"]))
    assert later[COUNT_NAME].tolist() == [1.0, 1.0, 1.0]


def test_batched_scoring_matches_scoring_each_frame_alone(trained):
    from cxdash.risk import prepare
    from cxdash.risk_explain import score_variants

    table, model = trained
    x = prepare(table, model.types)
    frames = [x.iloc[:7], x.iloc[7:300], x.iloc[300:301], x.iloc[301:]]
    alone = [model.estimator.predict_proba(f)[:, 1] for f in frames]
    for batch_rows in (10, 400, 10_000):
        together = score_variants(model.estimator, frames, batch_rows=batch_rows)
        assert [len(s) for s in together] == [len(f) for f in frames]
        for a, b in zip(alone, together, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_permutation_importance_matches_a_one_by_one_computation():
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from cxdash.risk_explain import permutation_importance

    rng = np.random.default_rng(0)
    x = pd.DataFrame({"strong": rng.normal(size=300), "weak": rng.normal(size=300)})
    y = (x["strong"] + 0.3 * x["weak"] + rng.normal(0, 0.5, 300) > 0).astype(int).to_numpy()
    model = LogisticRegression().fit(x, y)
    got = permutation_importance(model, x, y, seed=4, repeats=2, rows=1000).set_index("feature")
    shuffle = np.random.default_rng(4)
    base = roc_auc_score(y, model.predict_proba(x)[:, 1])
    for name in x.columns:
        drops = []
        for _ in range(2):
            changed = x.copy()
            changed[name] = x[name].to_numpy()[shuffle.permutation(len(x))]
            drops.append(base - roc_auc_score(y, model.predict_proba(changed)[:, 1]))
        assert got.loc[name, "importance"] == pytest.approx(np.mean(drops))
        assert got.loc[name, "std"] == pytest.approx(np.std(drops))
    assert list(got.index) == ["strong", "weak"]


def test_importance_sample_keeps_the_label_shares():
    from cxdash.risk_explain import stratified_rows

    x = pd.DataFrame({"v": range(2000)})
    y = np.array([1] * 500 + [0] * 1500)
    sample, labels = stratified_rows(x, y, rows=400, seed=0)
    assert len(sample) == 400
    assert labels.mean() == pytest.approx(0.25)
    assert (y[sample["v"].to_numpy()] == labels).all()
    same, _ = stratified_rows(x.iloc[:300], y[:300], rows=400, seed=0)
    assert len(same) == 300


def test_rare_categories_are_grouped_as_learnt_on_training_rows():
    from cxdash.risk_features import OTHER, RareCategories

    train = pd.DataFrame({"plan": ["a"] * 5 + ["b"] * 3 + ["c"], "n": [1.0] * 9})
    grouped = RareCategories(min_count=3).fit(train)
    later = pd.DataFrame({"plan": ["a", "b", "c", "new"], "n": [2.0] * 4})
    out = grouped.transform(later)
    assert out["plan"].tolist() == ["a", "b", OTHER, OTHER]
    assert out["n"].tolist() == [2.0] * 4
    capped = RareCategories(max_categories=2).fit(train)
    assert capped.transform(later)["plan"].tolist() == ["a", OTHER, OTHER, OTHER]
    assert RareCategories(max_categories=3).fit(train).transform(later)["plan"].tolist() == [
        "a",
        "b",
        "c",
        OTHER,
    ]


def test_training_reports_each_stage_in_order():
    from cxdash.risk_run import TRAINING_STAGES

    seen: list[str] = []
    train_on_table(synthetic_customers(n=300), progress=seen.append)
    assert seen == ["logistic", "boosting", "importance"]
    assert tuple(seen) == TRAINING_STAGES[: len(seen)]
