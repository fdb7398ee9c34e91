"""The service-quality demo: a 3K indicator tree, complaint tickets and a customer table.

Planted stories, deterministic from a fixed seed:

1. **Installation wait drives installation CSAT.** Monthly by region, CSAT ≈ 95 − 3·wait(days) +
   noise; the west waits about twice as long and has the lowest CSAT all year.
2. **First response slows in the last month**, so the first-response KCI crosses its threshold
   (an alert for the Overview).
3. **Tickets**: west installation complaints resolve slowly; some old tickets are stuck open.
4. **Customers**: dissatisfied = logistic(complaints, outages, repairs, slow speed, short tenure)
   plus noise, so the model has a known signal to find.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxdash.demo.feedback import CHANNELS, DEMO_START, REGIONS
from cxdash.indicators import Indicator
from cxdash.storage import Store
from cxdash.storage import indicators as ind_store
from cxdash.storage.customers import save_customer_table
from cxdash.storage.risk import add_veto_rule
from cxdash.storage.solutions import list_solutions
from cxdash.storage.tickets import save_tickets

SEED = 11
MONTHS = pd.date_range(pd.Timestamp(DEMO_START), periods=12, freq="MS")
INDICATORS = (
    Indicator("install_csat", "装机满意度 Installation CSAT", "KPI", "%", "higher", 85.0, 75.0),
    Indicator("nps", "净推荐值 NPS", "KPI", "pts", "higher", 30.0, 10.0),
    Indicator("install_wait", "装机等待时长 Installation wait", "KCI", "days", "lower", 3.0, 5.0),
    Indicator("first_response", "首次响应时长 First response", "KCI", "h", "lower", 2.0, 4.0),
    Indicator("fcr", "一次解决率 First-contact resolution", "KCI", "%", "higher", 80.0, 70.0),
    Indicator("speed_felt", "感知网速 Perceived speed", "KQI", "1-5", "higher", 4.2, 3.8),
)
LINKS = (
    ("install_csat", "install_wait"),
    ("nps", "first_response"),
    ("nps", "fcr"),
    ("nps", "speed_felt"),
)
TICKET_CATEGORIES = (
    "broadband_install_delay",
    "billing_error",
    "broadband_outage",
    "broadband_speed",
    "repair_response",
    "app_login",
    "refund_delay",
)
# Which demo solution each traced root-cause category is rectified by (matched by title words).
SOLUTION_FOR = {"billing_error": "账单错误", "broadband_install_delay": "宽带安装"}
VETO_RULES = ("complaints_30d >= 3", "outages_30d >= 3 and repairs_90d >= 1")


def indicator_values(seed: int = SEED) -> pd.DataFrame:
    """Return monthly values by region for the demo indicators, with the planted relations."""
    rng = np.random.default_rng(seed)
    rows = []
    for region in REGIONS:
        base_wait = 5.8 if region == "west" else rng.uniform(2.0, 3.2)
        for m, month in enumerate(MONTHS):
            wait = max(0.5, base_wait + 0.6 * np.sin(m / 2) + rng.normal(0, 0.35))
            response = 1.6 + 0.1 * m / 11 + (2.9 if m == 11 else 0) + rng.normal(0, 0.2)
            fcr = 82 - 2.0 * response + rng.normal(0, 1.5)
            speed = 4.3 + rng.normal(0, 0.12) - (0.3 if region == "west" else 0)
            values = {
                "install_wait": wait,
                "install_csat": 95 - 3.0 * wait + rng.normal(0, 1.2),
                "first_response": response,
                "fcr": fcr,
                "speed_felt": speed,
                "nps": 20 + 0.6 * (fcr - 75) + 12 * (speed - 4.2) + rng.normal(0, 2.5),
            }
            rows += [
                {"indicator": k, "period": month, "segment": region, "value": round(v, 2)}
                for k, v in values.items()
            ]
    return pd.DataFrame(rows)


def demo_tickets(n: int = 3000, seed: int = SEED) -> pd.DataFrame:
    """Return the demo complaint tickets over the feedback year, with consistent timestamps."""
    rng = np.random.default_rng(seed)
    opened = pd.Timestamp(DEMO_START) + pd.to_timedelta(rng.uniform(0, 364, n), unit="D")
    category = rng.choice(TICKET_CATEGORIES, n, p=[0.2, 0.2, 0.15, 0.15, 0.12, 0.1, 0.08])
    region = rng.choice(REGIONS, n)
    slow = 1 + 2.5 * ((region == "west") & (category == "broadband_install_delay"))
    response_h = rng.gamma(2.0, 1.0, n) * slow
    resolve_h = response_h + rng.gamma(2.0, 14.0, n) * slow
    age_h = (pd.Timestamp("2026-10-31 23:00") - opened).total_seconds() / 3600
    resolved = (resolve_h < age_h) & (rng.uniform(size=n) > 0.04)
    traced = resolved & (rng.uniform(size=n) < 0.55)
    rectified = traced & (rng.uniform(size=n) < 0.7)
    contacts = 1 + rng.poisson(0.35 * slow, n)
    reopened = (resolved & (rng.uniform(size=n) < 0.07)).astype(int)
    return pd.DataFrame(
        {
            "ticket_id": [f"T{i:05d}" for i in range(1, n + 1)],
            "opened_at": opened,
            "first_response_at": (opened + pd.to_timedelta(response_h, unit="h")).where(
                resolved | (rng.uniform(size=n) < 0.5)
            ),
            "resolved_at": (opened + pd.to_timedelta(resolve_h, unit="h")).where(resolved),
            "status": np.where(resolved, "closed", rng.choice(["open", "in_progress"], n)),
            "origin": np.where(rng.uniform(size=n) < 0.08, "proactive", "complaint"),
            "category": category,
            "region": region,
            "channel": rng.choice(CHANNELS, n),
            "contacts": contacts,
            "reopened": reopened,
            "root_cause": pd.Series("工单溯源：" + pd.Series(category)).where(traced),
            "root_cause_category": pd.Series(category).where(traced),
            "rectified_at": (opened + pd.to_timedelta(resolve_h + 240, unit="h")).where(rectified),
        }
    )


def link_solutions(tickets: pd.DataFrame, solutions: pd.DataFrame) -> pd.DataFrame:
    """Return the tickets with traced root causes linked to the demo solution that fixes them."""
    out = tickets.assign(solution_id=None)
    for category, words in SOLUTION_FOR.items():
        found = solutions[solutions["title"].str.contains(words, regex=False)]
        if found.empty:
            continue
        traced = out["root_cause_category"] == category
        out.loc[traced, "solution_id"] = str(int(found["id"].iloc[0]))
    return out


def demo_customers(n: int = 2500, seed: int = SEED) -> pd.DataFrame:
    """Return the demo customer table (raw text cells) with a known dissatisfaction signal."""
    rng = np.random.default_rng(seed)
    tenure = rng.integers(1, 120, n)
    plan = rng.choice(["basic", "standard", "premium", "family"], n, p=[0.35, 0.35, 0.1, 0.2])
    speed = rng.choice([50, 100, 300, 500, 1000], n, p=[0.15, 0.3, 0.3, 0.15, 0.1])
    outages, complaints = rng.poisson(0.6, n), rng.poisson(0.4, n)
    repairs, billing = rng.poisson(0.3, n), rng.poisson(0.5, n)
    logit = (
        -2.6
        + 0.9 * complaints
        + 0.55 * outages
        + 0.5 * repairs
        + 0.25 * billing
        + 0.8 * (speed <= 50)
        - 0.012 * tenure
        + rng.normal(0, 0.6, n)
    )
    label = rng.uniform(size=n) < 1 / (1 + np.exp(-logit))
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(1, n + 1)],
            "dissatisfied": np.where(label, "1", "0"),
            "tenure_months": tenure,
            "plan": plan,
            "speed_mbps": speed,
            "outages_30d": outages,
            "complaints_30d": complaints,
            "repairs_90d": repairs,
            "billing_events_90d": billing,
            "region": rng.choice(REGIONS, n),
        }
    )
    return frame.astype(str)


def seed_quality(store: Store) -> None:
    """Seed the indicator tree with values, the tickets, the customer table and veto rules."""
    for indicator in INDICATORS:
        ind_store.save_indicator(store, indicator)
    for kpi, driver in LINKS:
        ind_store.add_link(store, kpi, driver)
    ind_store.save_values(store, indicator_values(), source="demo")
    save_tickets(store, link_solutions(demo_tickets(), list_solutions(store)), source="demo")
    customers = demo_customers()
    customers["dissatisfied"] = customers["dissatisfied"].astype(int)
    save_customer_table(store, "demo-customers.csv", customers, "customer_id", "dissatisfied")
    for rule in VETO_RULES:
        add_veto_rule(store, rule, note="demo")
