"""Demo of step 8 and the loop: cycle 1 verified and closed, cycle 2 open with carried problems.

The billing-error fix (cycle 1's solution) went live on 2026-04-15; its verification compares the
billing-error share of labelled feedback in the two months before and after, with the real tests
over the demo data, and is saved against that solution.
"""

from __future__ import annotations

import pandas as pd

from cxdash.cycles import STEPS
from cxdash.demo.solutions import finish_billing_fix, seed_billing_fix
from cxdash.evidence import result_record
from cxdash.storage import Store
from cxdash.storage.loop import close_cycle, register_artefact, set_step
from cxdash.storage.metrics_source import observations, population_mix, snapshot_metrics
from cxdash.storage.retrospectives import add_notes
from cxdash.storage.verifications import save_verification
from cxdash.verify import MetricSpec, verify

FIX_DATE = "2026-04-15"
WINDOW = ("2026-02-15", "2026-06-15")
BILLING = MetricSpec("share", "feedback.category_share", (("category", "billing_error"),), "lower")

RETRO = {
    "communication": (
        "账单团队起初认为是个别用户问题；拿出按周的投诉占比图后才同意优先处理。",
        "先给数据图，再谈原因：业务方看到趋势比听结论更容易接受。",
    ),
    "execution": (
        "修复在 4 月 15 日上线，但退款补偿拖到 4 月底，退款延迟的投诉随之上升。",
        "修复方案要同时安排补偿流程，否则会把一个问题变成两个问题。",
    ),
    "thinking": ("只看了热线渠道的工单，低估了 App 反馈里的同类问题。", ""),
    "mistakes": (
        "验证最初只用了有标签的投诉样本，渠道构成与全部反馈差异很大（卡方检验显著）。",
        "验证时先检查样本构成，必要时看加权后的估计。",
    ),
    "solution": (
        "Billing-error share fell from about 18% to about 11% of labelled items (z-test).",
        "Keep the weekly billing-error share on the monitoring list for one more cycle.",
    ),
}


def _window(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    ts = pd.to_datetime(frame["ts"])
    return frame[(ts >= start) & (ts < end)]


def _billing_verification(store: Store) -> dict:
    obs = _window(observations(store, BILLING.source, dict(BILLING.filters)), *WINDOW)
    population = population_mix(store, "channel", FIX_DATE, WINDOW[1])
    found = verify(obs, BILLING, FIX_DATE, population=population, mix_dimension="channel")
    return result_record(found)


def seed_verification(store: Store) -> None:
    """Verify cycle 1's billing fix, write its retrospective, close cycle 1, open cycle 2."""
    billing_id = seed_billing_fix(store)
    result = _billing_verification(store)
    inputs = {"change_date": FIX_DATE, "window": list(WINDOW), "mix_dimension": "channel"}
    title = "账单错误修复 / Billing-error fix"
    save_verification(store, 1, title, BILLING.as_dict(), inputs, result, billing_id)
    finish_billing_fix(store, billing_id)
    register_artefact(store, 1, 1, "import_batch", "1", "demo-telecom-voc.csv")
    for step in range(1, len(STEPS) + 1):
        set_step(store, 1, step, "done")
    add_notes(store, 1, RETRO, billing_id)
    carried = [
        ("unresolved", "西区宽带安装慢 / Slow broadband installation in the west"),
        ("new", "App 5.0 升级后登录失败 / App login failures after the 5.0 release"),
        ("new", "账单修复后退款延迟 / Refund delays after the billing fix"),
    ]
    new_cycle = close_cycle(store, 1, carried, snapshot_metrics(store, "2025-11-01", FIX_DATE))
    set_step(store, new_cycle, 1, "done")
    set_step(store, new_cycle, 2, "doing")
