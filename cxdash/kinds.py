"""The kind of each item: problem, need (request or suggestion), praise or other.

Cue phrases in both languages decide first (希望…, 建议…, 能不能…, 要是…就好了, "please add",
"it would be nice"); items without a cue fall back on their sentiment. Once people have labelled
kinds, the supervised classifier of `cxdash.classify` takes over where it is confident.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cxdash.text import normalise

KINDS = ("problem", "need", "praise", "other")
_NEED = re.compile(
    r"希望|建议|能不能|可不可以|能否|要是.{0,12}就好了|如果.{0,12}就好了|请.{0,3}(增加|加个|提供|开通|延长)"
    r"|最好能|应该(增加|提供)|麻烦.{0,4}(增加|提供)|期待|盼望|想要.{0,6}功能|加个|增加一个"
    r"|please (add|let|make|offer|provide|consider|extend)|it would be (nice|great|good)"
    r"|would be (nice|great|helpful)|could you (add|let|please)|would it be possible|i wish"
    r"|i would like|i'd like|suggest|hope you|should (add|offer|open)|why not"
)
_PRAISE = re.compile(
    r"表扬|感谢|谢谢|点赞|赞一个|好评|非常满意|很满意|耐心|热情|辛苦了|给力|太快了|效率(很|真|特别)?高"
    r"|thank|great job|well done|kudos|impressed|excellent|very helpful|so helpful"
    r"|shout.?out|praise"
)
_QUESTION = re.compile(
    r"请问|咨询|想了解|想问|怎么(办理|开通|续费|查询|查)|如何|是否|多少钱|在哪|[?？]$"
    r"|^(how|what|where|when|can i|is there|do you)\b|enquir|inquir"
)
_PROBLEM = re.compile(
    r"不能|无法|没法|失败|故障|错误|问题|多扣|投诉|一直|还没|太慢|很慢|差|卡|断|没人|不到"
    r"|cannot|can't|won't|failed|fails|error|wrong|broken|nobody|never|still|slow|problem|charged"
)


def cue_kind(text: str, sentiment: float = 0.0) -> tuple[str, float]:
    """Return the kind a text's cue phrases point to, with a confidence."""
    folded = normalise(text)
    problem = bool(_PROBLEM.search(folded))
    if _NEED.search(folded):
        return "need", 0.8 if not problem else 0.6
    if _PRAISE.search(folded) and not problem and sentiment >= 0:
        return "praise", 0.8
    if problem or sentiment < -0.15:
        return "problem", 0.7 if problem else 0.5
    if _QUESTION.search(folded):
        return "other", 0.6
    if sentiment > 0.15:
        return "praise", 0.5
    return "other", 0.4


def cue_kinds(texts: Sequence[str], sentiments: Sequence[float] | None = None) -> pd.DataFrame:
    """Return kind and confidence from cue phrases for each text."""
    scores = np.zeros(len(texts)) if sentiments is None else np.asarray(sentiments, dtype=float)
    found = [cue_kind(t, float(s)) for t, s in zip(texts, np.nan_to_num(scores), strict=True)]
    return pd.DataFrame(found, columns=["kind", "confidence"])
