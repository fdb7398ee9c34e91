"""Demo survey and KANO study, tied to the planted feedback stories.

The touchpoint survey asks about installation and billing. Installation CSAT is clearly lower in
the west (the slow-installation story) and billing CSAT dips in March 2026 (the billing-error
spike). The KANO study tests six needs the feedback raises, answered by about 180 customers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxdash.demo.feedback import REGIONS
from cxdash.storage import Store
from cxdash.storage.kano import add_answers, create_study, save_features
from cxdash.storage.survey_responses import import_responses
from cxdash.storage.surveys import add_invitations, create_survey
from cxdash.survey_text import classify_open_answers
from cxdash.surveys import Question, parse_responses

SEED = 11
RESPONSES = 420
INVITED = 1200
DEMO_TOKEN = "demo-install-billing"

QUESTIONS = [
    Question("installation_csat", "csat", "您对本次上门安装的整体满意度如何？", "installation"),
    Question("installation_ces", "ces", "预约并完成安装有多容易？", "installation"),
    Question("billing_csat", "csat", "您对账单的准确和清晰程度满意吗？", "billing"),
    Question("billing_ces", "ces", "查询账单和缴费有多容易？", "billing"),
    Question("overall_csat", "csat", "总体来说，您对我们的服务满意吗？"),
    Question("recommend_nps", "nps", "您有多大可能把我们推荐给亲友？"),
    Question("comment", "open", "还有什么想告诉我们的？"),
]
_COMMENTS = {
    "install_bad": (
        "师傅迟到了两天才来装宽带",
        "The technician came two days late",
        "安装预约一直改期",
    ),
    "bill_bad": ("三月账单多扣了钱，还没退", "My March bill was wrong", "账单看不懂，套餐费对不上"),
    "good": ("师傅很专业，谢谢", "Quick and friendly service", "整体还不错"),
}
# Needs with category shares (M, O, A, I) per segment: consumer, family, enterprise.
KANO_NEEDS = {
    "电子发票 (e-invoice)": ((0.55, 0.2, 0.1, 0.15),) * 2 + ((0.7, 0.2, 0.05, 0.05),),
    "家庭流量共享 (family data sharing)": (
        (0.1, 0.2, 0.45, 0.25),
        (0.15, 0.55, 0.2, 0.1),
        (0.05, 0.1, 0.15, 0.7),
    ),
    "技师上门时间窗提醒 (technician arrival window notice)": ((0.25, 0.5, 0.15, 0.1),) * 3,
    "自助预约报修 (self-service repair booking)": ((0.15, 0.35, 0.35, 0.15),) * 3,
    "账单异常提醒 (unusual bill alert)": ((0.3, 0.45, 0.15, 0.1),) * 3,
    "营业厅延长营业时间 (longer store hours)": ((0.1, 0.15, 0.15, 0.6),) * 3,
}
_PAIRS = {
    "M": ("must", "dislike"),
    "O": ("like", "dislike"),
    "A": ("like", "neutral"),
    "I": ("neutral", "neutral"),
}
_KANO_SEGMENTS = ("consumer", "family", "enterprise")


def _ratings(rng: np.random.Generator, base: np.ndarray, top: int) -> np.ndarray:
    """Return integer ratings 1..top around the given means."""
    return np.clip(np.rint(base + rng.normal(0, 0.8, base.size)), 1, top)


def survey_frame(rng: np.random.Generator) -> pd.DataFrame:
    """Return the demo survey in wide form: one row per respondent."""
    n = RESPONSES
    days = rng.integers(0, 365, n)
    when = pd.Timestamp("2025-11-01") + pd.to_timedelta(days, unit="D")
    region = rng.choice(REGIONS, n)
    west, march = region == "west", (when.year == 2026) & (when.month == 3)
    install = _ratings(rng, np.where(west, 2.7, 4.1), 5)
    bill = _ratings(rng, np.where(march, 2.6, 4.0), 5)
    frame = pd.DataFrame(
        {
            "respondent": [f"demo-{i:04d}" for i in range(n)],
            "date": when,
            "region": region,
            "segment": rng.choice(["consumer", "family", "enterprise"], n, p=[0.7, 0.22, 0.08]),
            "installation_csat": install,
            "installation_ces": _ratings(rng, 8 - install - 0.5, 7),
            "billing_csat": bill,
            "billing_ces": _ratings(rng, 8 - bill - 0.8, 7),
            "overall_csat": _ratings(rng, 0.45 * install + 0.4 * bill + 0.6, 5),
        }
    )
    frame["comment"] = [_comment(rng, i, b) for i, b in zip(install, bill, strict=True)]
    frame["recommend_nps"] = _recommend(frame["overall_csat"].to_numpy())
    return frame


def _recommend(overall: np.ndarray) -> np.ndarray:
    """Return 0-10 likelihood-to-recommend answers that follow overall satisfaction.

    Drawn from their own generator so that the other demo answers stay as they were.
    """
    rng = np.random.default_rng(SEED + 1)
    return np.clip(np.rint(2.2 * overall - 1.0 + rng.normal(0, 1.4, overall.size)), 0, 10)


def _comment(rng: np.random.Generator, install: float, bill: float) -> str | None:
    """Return an open answer matching the ratings, or none (most people skip it)."""
    if rng.random() > 0.35:
        return None
    key = "install_bad" if install <= 2 else "bill_bad" if bill <= 2 else "good"
    return str(rng.choice(_COMMENTS[key]))


def kano_frame(
    rng: np.random.Generator, per_segment: tuple[int, ...] = (110, 50, 20)
) -> pd.DataFrame:
    """Return the KANO answers: every respondent answers every need."""
    rows = []
    for segment, size, col in zip(_KANO_SEGMENTS, per_segment, range(3), strict=True):
        for person in range(size):
            for need, shares in KANO_NEEDS.items():
                cat = str(rng.choice(list("MOAI"), p=shares[col]))
                func, dysf = _PAIRS[cat]
                if rng.random() < 0.04:
                    func, dysf = "like", "like"
                rows.append((f"{segment}-{person}", need, func, dysf, segment))
    return pd.DataFrame(
        rows, columns=["respondent", "feature", "functional", "dysfunctional", "segment"]
    )


def seed_surveys(store: Store) -> None:
    """Write the demo touchpoint survey with its responses, and the demo KANO study."""
    rng = np.random.default_rng(SEED)
    survey_id = create_survey(
        store,
        "2026 触点验证：安装与账单",
        QUESTIONS,
        cycle_id=1,
        purpose="touchpoint",
        lang="zh",
        token=DEMO_TOKEN,
    )
    add_invitations(store, survey_id, [f"demo-invite-{i:04d}" for i in range(INVITED)])
    people, answers = parse_responses(survey_frame(rng), QUESTIONS)
    import_responses(store, survey_id, people, answers, source="demo")
    classify_open_answers(store, survey_id)
    study = create_study(store, "2026 需求 KANO 调研", 1)
    save_features(store, study, list(KANO_NEEDS))
    add_answers(store, study, kano_frame(rng), "demo")
