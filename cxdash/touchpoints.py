"""Service touchpoints for each item: from its category, its channel, its product or its words."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cxdash.text import normalise

CHANNEL_TOUCHPOINT = {
    "hotline": "hotline",
    "online_chat": "online_chat",
    "app_feedback": "app",
    "store": "store",
}
PRODUCT_TOUCHPOINT = {
    "broadband": "network",
    "mobile": "network",
    "tv": "tv_service",
    "billing": "billing",
    "installation_repair": "repair",
    "app": "app",
    "stores": "store",
}
KEYWORD_TOUCHPOINT = (
    ("installation", r"安装|装宽带|上门|install"),
    ("repair", r"报修|维修|报障|repair|technician"),
    ("billing", r"账单|扣费|话费|缴费|充值|bill|charge|payment"),
    ("app", r"\bapp\b|客户端|登录|log ?in"),
    ("hotline", r"热线|客服电话|10000|hotline"),
    ("store", r"营业厅|门店|store"),
    ("cancellation", r"销户|退订|携号转网|cancel|port"),
    ("tv_service", r"电视|机顶盒|\btv\b"),
    ("network", r"信号|网速|断网|wifi|signal|internet|broadband"),
)
_KEYWORDS = [(key, re.compile(p)) for key, p in KEYWORD_TOUCHPOINT]


def keyword_touchpoint(text: str) -> str | None:
    """Return the first touchpoint whose cue words the text holds, or None."""
    folded = normalise(text)
    return next((key for key, pattern in _KEYWORDS if pattern.search(folded)), None)


def assign_touchpoints(
    items: pd.DataFrame, category_touchpoint: dict[str, str], known: set[str]
) -> pd.DataFrame:
    """Return touchpoint and confidence per item: category's, then keywords, channel, product."""
    by_category = items["category"].map(category_touchpoint)
    by_words = items["text"].map(keyword_touchpoint)
    by_channel = items["channel"].map(CHANNEL_TOUCHPOINT)
    by_product = items["product"].map(PRODUCT_TOUCHPOINT)
    chosen = pd.Series(None, index=items.index, dtype=object)
    conf = pd.Series(0.0, index=items.index)
    for source, weight in (
        (by_product, 0.4),
        (by_channel, 0.5),
        (by_words, 0.6),
        (by_category, 0.8),
    ):
        usable = source.notna() & source.isin(known)
        chosen = chosen.where(~usable, source)
        conf = conf.where(~usable, weight)
    out = pd.DataFrame({"touchpoint": chosen, "confidence": conf})
    return out.assign(confidence=np.where(out["touchpoint"].isna(), np.nan, out["confidence"]))
