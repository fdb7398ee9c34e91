"""The question bank: proposed CSAT, CES, NPS and open questions per touchpoint and key point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cxdash.i18n import translate
from cxdash.surveys import Question

# Touchpoint-specific wording where a generic sentence would read badly; others use the generic one.
_SPECIFIC: dict[str, dict[str, tuple[str, str]]] = {
    "installation": {
        "csat": (
            "您对本次上门安装的整体满意度如何？",
            "How satisfied are you with the installation visit?",
        ),
        "ces": (
            "预约并完成安装有多容易？",
            "How easy was it to book and complete the installation?",
        ),
    },
    "billing": {
        "csat": (
            "您对账单的准确和清晰程度满意吗？",
            "How satisfied are you with the accuracy and clarity of your bill?",
        ),
        "ces": ("查询账单和缴费有多容易？", "How easy was it to check and pay your bill?"),
    },
    "hotline": {
        "csat": ("您对本次热线服务满意吗？", "How satisfied are you with this hotline call?"),
        "ces": (
            "通过热线解决问题有多容易？",
            "How easy was it to get your issue solved on the hotline?",
        ),
    },
    "repair": {
        "csat": ("您对本次报障维修满意吗？", "How satisfied are you with the fault repair?"),
        "ces": (
            "报障并等到修复有多容易？",
            "How easy was it to report the fault and get it fixed?",
        ),
    },
    "app": {
        "csat": ("您对 App 自助服务满意吗？", "How satisfied are you with the app's self-service?"),
        "ces": ("在 App 里办成这件事有多容易？", "How easy was it to get this done in the app?"),
    },
}
_GENERIC = {
    "csat": ("您对「{name}」的满意度如何？", "How satisfied are you with {name}?"),
    "ces": ("在「{name}」办成事有多容易？", "How easy was it to get things done at {name}?"),
    "open": (
        "关于「{name}」，有什么想告诉我们的？",
        "What would you like to tell us about {name}?",
    ),
}
_NPS = (
    "您有多大可能把我们推荐给亲友？",
    "How likely are you to recommend us to a friend or colleague?",
)
_KEY_POINT = {
    "csat": (
        "您对「{name}」中的「{theme}」满意吗？",
        "How satisfied are you with {theme} at {name}?",
    ),
    "ces": (
        "在「{name}」处理「{theme}」有多容易？",
        "How easy was it to deal with {theme} at {name}?",
    ),
    "open": ("关于「{theme}」，我们怎样做会更好？", "What could we do better about {theme}?"),
}


def _pick(texts: tuple[str, str], lang: str) -> str:
    """Return the text in the language asked for (Chinese first, English otherwise)."""
    return texts[0] if lang == "zh" else texts[1]


def _name(touchpoint: Mapping[str, Any], lang: str) -> str:
    """Return a touchpoint's display name."""
    return str(touchpoint.get(f"name_{lang}") or touchpoint.get("name_en") or touchpoint["key"])


def propose_for_touchpoints(touchpoints: list[Mapping[str, Any]], lang: str) -> list[Question]:
    """Return a CSAT, a CES and an open question per touchpoint, worded in lang."""
    proposed = []
    for tp in touchpoints:
        key, name = str(tp["key"]), _name(tp, lang)
        for qtype in ("csat", "ces", "open"):
            texts = _SPECIFIC.get(key, {}).get(qtype) or _GENERIC[qtype]
            text = _pick(texts, lang).format(name=name)
            proposed.append(Question(f"{key}_{qtype}", qtype, text, key))
    return proposed


def propose_for_key_points(
    key_points: list[Mapping[str, Any]], touchpoints: list[Mapping[str, Any]], lang: str
) -> list[Question]:
    """Return a CSAT, a CES and an open question per key point dict (touchpoint, theme, label)."""
    names = {str(tp["key"]): _name(tp, lang) for tp in touchpoints}
    proposed = []
    for pos, point in enumerate(key_points, start=1):
        tp = str(point.get("touchpoint") or "")
        theme = str(point.get("label") or point.get("theme") or "")
        for qtype, texts in _KEY_POINT.items():
            text = _pick(texts, lang).format(name=names.get(tp, tp), theme=theme)
            proposed.append(Question(f"kp{pos}_{qtype}", qtype, text, tp or None))
    return proposed


def nps_question(lang: str) -> Question:
    """Return the standard 0–10 recommendation question."""
    return Question("nps", "nps", _pick(_NPS, lang))


def kano_questions(features: list[str], lang: str, importance: bool = False) -> list[Question]:
    """Return one KANO question per need: the functional and dysfunctional pair (Berger et al.

    1993), worded in lang, plus the self-stated importance question when asked for.
    """
    parts = ("functional", "dysfunctional", "importance")[: 3 if importance else 2]
    return [
        Question(
            f"kano_{pos}",
            "kano",
            feature,
            options=tuple(translate(f"kano.{part}", lang, feature=feature) for part in parts),
            required=True,
        )
        for pos, feature in enumerate(dict.fromkeys(f.strip() for f in features if f.strip()), 1)
    ]
