"""A deterministic, bilingual year of customer feedback (VOC) for a telecom-style operator.

``generate_feedback(n, seed)`` returns one row per item, mostly Chinese, some English, built
from the phrase banks in ``cxdash.demo.phrases``. Planted stories, visible by simple aggregation:

1. **Billing-error spike, March 2026.** A billing-system upgrade goes wrong: billing_error items
   in 2026-03 are about 4x the monthly average of the other months, in every region, mostly on
   hotline, complaint_escalation and app_feedback. Knock-on effects: more hotline_wait in March
   and more refund_delay in late March and April.
2. **Slow broadband installation in the west.** All year, broadband_install_delay is about 4x as
   large a share of the west region's broadband and installation items as of the other regions'.
3. **App login problems after the 5.0 release on 2026-06-15.** app_login volume in the six weeks
   after the release is about 6x the six weeks before, fading after a month; some texts name
   the update ("升级到新版本后", "after the 5.0 update").

Background patterns: more feedback around Chinese New Year (February 2026) and in summer, less
at weekends and at night; TV complaints during the 2026 World Cup, roaming complaints in travel
seasons, price complaints in January; families write more about broadband, WiFi and TV,
enterprises more on the hotline and by escalation, long-standing customers more about prices.
Ratings follow the sentiment of the text; ``topic`` and ``kind`` are ground truth, ``category``
is the sparse label a complaint team would have recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from cxdash.demo.phrases import EN, TOPIC_LABELS, ZH, parse_bank

DEMO_START = date(2025, 11, 1)
DEMO_END = date(2026, 10, 31)
APP_RELEASE = date(2026, 6, 15)

TOPICS: tuple[str, ...] = tuple(TOPIC_LABELS)
CHANNELS = (
    "hotline",
    "online_chat",
    "app_feedback",
    "store",
    "social_media",
    "complaint_escalation",
)
SEGMENTS = ("consumer", "family", "enterprise")
TENURES = ("new", "established", "long")
PRODUCTS = ("broadband", "mobile", "tv", "billing", "installation_repair", "app", "stores")
REGIONS = ("north", "south", "east", "west", "central", "coastal")
KINDS = ("problem", "need", "praise", "other")
LANGS = ("zh", "en")
COLUMNS = (
    "source_id",
    "received_at",
    "channel",
    "customer_id",
    "segment",
    "tenure",
    "product",
    "region",
    "rating",
    "text",
    "lang",
    "topic",
    "kind",
    "category",
)

_SEGMENT_P = (0.72, 0.20, 0.08)
_TENURE_P = (0.25, 0.45, 0.30)
_REGION_P = (0.20, 0.20, 0.20, 0.13, 0.15, 0.12)
_EN_SHARE = np.array([0.20, 0.15, 0.35])
_CUSTOMERS_PER_ITEM = 0.4

_KIND_MIX = {
    "PN": (78, 22, 0, 0),
    "NP": (25, 75, 0, 0),
    "N": (0, 1, 0, 0),
    "G": (0, 0, 1, 0),
    "O": (0, 0, 0, 1),
}
_CHANNEL_MIX = {
    "default": (38, 18, 18, 8, 8, 10),
    "billing": (36, 10, 27, 5, 5, 17),
    "install": (40, 18, 12, 5, 8, 17),
    "app": (12, 18, 55, 2, 10, 3),
    "store": (15, 5, 12, 50, 13, 5),
    "voice": (45, 12, 15, 2, 18, 8),
    "spam": (40, 8, 15, 2, 30, 5),
    "praise": (30, 20, 22, 20, 8, 0),
    "need": (15, 20, 45, 6, 14, 0),
    "hours": (12, 10, 25, 35, 18, 0),
    "enquiry": (45, 30, 15, 10, 0, 0),
}
_TOPIC_SPEC: dict[str, tuple[float, str, str, dict[str, float]]] = {
    "billing_error": (5.5, "PN", "billing", {"billing": 8, "mobile": 1, "broadband": 1}),
    "broadband_install_delay": (2.5, "PN", "install", {"installation_repair": 7, "broadband": 3}),
    "broadband_speed": (7.0, "PN", "default", {"broadband": 1}),
    "broadband_outage": (6.0, "PN", "default", {"broadband": 9, "installation_repair": 1}),
    "mobile_signal": (7.0, "PN", "default", {"mobile": 1}),
    "mobile_data_plan": (5.0, "PN", "billing", {"mobile": 8, "billing": 2}),
    "app_login": (2.5, "PN", "app", {"app": 1}),
    "app_usability": (4.5, "PN", "app", {"app": 1}),
    "tv_channels": (3.5, "PN", "default", {"tv": 1}),
    "store_service": (4.5, "PN", "store", {"stores": 1}),
    "hotline_wait": (5.5, "PN", "voice", {"billing": 3, "mobile": 3, "broadband": 3, "tv": 1}),
    "repair_response": (4.0, "PN", "install", {"installation_repair": 7, "broadband": 2, "tv": 1}),
    "contract_cancel": (3.5, "PN", "default", {"broadband": 4, "mobile": 4, "tv": 2}),
    "price_complaint": (5.0, "PN", "default", {"mobile": 5, "broadband": 4, "tv": 1}),
    "privacy_spam": (3.5, "PN", "spam", {"mobile": 1}),
    "praise_staff": (
        6.0,
        "G",
        "praise",
        {"stores": 4, "installation_repair": 3, "mobile": 2, "broadband": 1},
    ),
    "praise_speed": (
        4.0,
        "G",
        "praise",
        {"installation_repair": 4, "broadband": 3, "app": 2, "mobile": 1},
    ),
    "need_feature": (5.0, "N", "need", {"app": 6, "mobile": 2, "billing": 2}),
    "need_store_hours": (2.0, "NP", "hours", {"stores": 1}),
    "general_enquiry": (7.0, "O", "enquiry", {"billing": 3, "mobile": 3, "broadband": 3, "tv": 1}),
    "number_porting": (2.0, "PN", "default", {"mobile": 1}),
    "refund_delay": (2.5, "PN", "billing", {"billing": 1}),
    "wifi_coverage": (3.0, "PN", "default", {"broadband": 9, "installation_repair": 1}),
    "sim_activation": (2.0, "PN", "store", {"mobile": 1}),
}
_ATTRIBUTE_MULT: dict[str, dict[str, float]] = {
    "consumer": {
        "mobile_signal": 1.3,
        "mobile_data_plan": 1.4,
        "app_login": 1.2,
        "app_usability": 1.2,
        "number_porting": 1.3,
    },
    "family": {
        "broadband_speed": 1.8,
        "broadband_outage": 1.3,
        "tv_channels": 2.5,
        "wifi_coverage": 2.0,
        "need_feature": 1.3,
        "mobile_signal": 0.8,
    },
    "enterprise": {
        "billing_error": 1.5,
        "broadband_outage": 1.6,
        "hotline_wait": 1.3,
        "repair_response": 1.5,
        "tv_channels": 0.3,
        "privacy_spam": 0.5,
    },
    "new": {
        "broadband_install_delay": 1.6,
        "sim_activation": 1.8,
        "number_porting": 1.8,
        "contract_cancel": 0.6,
        "price_complaint": 0.6,
    },
    "long": {"price_complaint": 1.8, "contract_cancel": 1.3, "praise_staff": 1.2},
    "west": {"broadband_install_delay": 6.0},
}
_SEGMENT_CHANNEL = (
    (1, 1.1, 1.15, 1, 1.2, 0.8),
    (1, 1, 1, 1.2, 0.9, 0.9),
    (1.5, 0.8, 0.6, 0.7, 0.3, 2.5),
)
_WINDOWS = (
    ("billing_error", "2026-03-01", "2026-03-03", 2.5),
    ("billing_error", "2026-03-04", "2026-03-31", 4.8),
    ("billing_error", "2026-04-01", "2026-04-10", 1.8),
    ("hotline_wait", "2026-03-04", "2026-04-05", 1.5),
    ("refund_delay", "2026-03-20", "2026-04-30", 2.0),
    ("tv_channels", "2026-06-11", "2026-07-19", 1.8),
    ("broadband_outage", "2026-07-01", "2026-08-31", 1.4),
    ("price_complaint", "2026-01-01", "2026-01-31", 1.4),
    ("mobile_data_plan", "2026-02-07", "2026-02-28", 1.6),
    ("mobile_data_plan", "2026-07-10", "2026-08-31", 1.4),
    ("mobile_data_plan", "2026-10-01", "2026-10-10", 1.6),
    ("app_usability", "2026-06-15", "2026-08-09", 1.4),
)
_MONTH_FACTOR = (1.05, 1.1, 1.0, 0.95, 0.95, 1.0, 1.15, 1.2, 1.05, 0.9, 0.95, 1.0)
_WEEKDAY_FACTOR = (1.1, 1.0, 1.0, 1.0, 0.95, 0.8, 0.72)
_HOURS = {
    "hotline": "2 1 1 1 1 1 3 10 25 40 45 40 30 35 40 40 35 30 25 25 20 15 8 4",
    "online_chat": "5 3 2 1 1 2 5 12 20 30 32 30 28 30 30 30 30 30 32 36 38 34 24 12",
    "app_feedback": "10 6 3 2 2 3 8 18 24 25 25 26 28 26 25 25 26 28 30 34 38 38 30 20",
    "store": "0 0 0 0 0 0 0 0 0 20 30 32 28 26 30 30 32 34 32 26 15 0 0 0",
    "social_media": "15 10 6 3 2 3 6 12 18 20 22 24 28 24 22 22 24 26 30 34 38 40 34 24",
    "complaint_escalation": "0 0 0 0 0 0 0 0 20 40 40 35 20 35 40 40 35 20 3 3 3 3 3 3",
}
_KIND_BY_CHANNEL = (
    (1, 1, 1, 1),
    (1, 1, 1, 1),
    (1, 1.5, 1, 1),
    (1, 1, 1.2, 1),
    (1.3, 1, 1, 0.5),
    (5, 0.2, 0, 0),
)
_LEVEL_BY_CHANNEL = ((45, 35, 20),) * 4 + ((20, 40, 40), (10, 40, 50))
_RATED = np.array([0.4, 0.6, 0.9, 0.7, 0.0, 0.0])
_RATING_MEAN = np.array([2.2, 3.0, 4.6, 3.4])
_LABELLED = np.array([0.22, 0.03, 0.02, 0.04, 0.03, 0.85])
_VERSIONS = ("4.9", "5.0", "5.0.1")
_STORY_KEYS = ("", "story billing_spike", "story app_release")
_END_MARKS = frozenset("。！？.!?")
_NUMBERS = {
    "amount": (*(str(v) for v in range(8, 300)), "19.9", "29.5", "58.8", "99.9", "128.6"),
    "fee": ("59", "79", "99", "129", "159", "199", "239", "299"),
    "minutes": ("10", "15", "20", "25", "30", "40", "45", "50", "60", "90"),
    "speed": ("100", "200", "300", "500", "1000"),
    "actual": ("1", "2", "3", "5", "8", "10", "12", "15", "20", "30"),
    "gb": ("10", "20", "30", "40", "60", "100"),
    "diff": ("10", "15", "20", "30", "40", "50"),
    "ticket": tuple(str(9_100_000 + 7_919 * i) for i in range(400)),
}
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_GOLDEN = 0x9E3779B97F4A7C15


class _Bank(NamedTuple):
    """One language's phrases, arranged for fast lookup by code."""

    bodies: tuple[tuple[tuple[str, ...], ...], ...]
    openers: tuple[tuple[str, ...], ...]
    closers: tuple[tuple[str, ...], ...]
    emotions: tuple[tuple[str, ...], ...]
    stories: tuple[tuple[str, ...], ...]
    details: tuple[tuple[tuple[str, ...], ...], ...]
    who: tuple[tuple[str, ...], ...]
    slots: dict[str, tuple[str, ...]]
    typos: tuple[tuple[str, str], ...]
    ends: tuple[tuple[str, ...], tuple[str, ...]]
    months: tuple[str, ...]
    joiner: str
    casual: Callable[[str], str]


class _Slots(dict[str, str]):
    """Slot values of one text: the fixed ones given, the rest drawn from its seed when used."""

    def __init__(self, pool: dict[str, tuple[str, ...]], seed: int, fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self.pool = pool
        self.seed = seed

    def __missing__(self, key: str) -> str:
        self[key] = _pick(self.pool[key], self.seed, int.from_bytes(key.encode(), "little"))
        return self[key]


def _mix(seed: int, salt: int) -> int:
    """Return a well-spread integer derived from a row seed and a salt."""
    return ((seed ^ (salt * _GOLDEN)) * _GOLDEN >> 64) & 0xFFFFFFFF


def _pick(options: tuple[str, ...], seed: int, salt: int) -> str:
    """Return one of the options, chosen by the seed and salt."""
    return options[_mix(seed, salt) % len(options)]


def _casual_zh(text: str) -> str:
    """Return a Chinese text written casually, with spaces for commas and full stops."""
    return " ".join(text.translate({ord("，"): " ", ord("。"): " "}).split())


def _casual_en(text: str) -> str:
    """Return an English text written casually, lower case and abbreviated."""
    text = text.lower().replace("'", "").replace(" you ", " u ").replace("please", "pls")
    return text.rstrip(".")


def _build_bank(raw: str, lang: str) -> _Bank:
    """Return the lookup structure of one language's phrase bank."""
    s = parse_bank(raw)
    wraps = s["wrap need"]
    bodies = tuple(
        tuple(w.replace("{x}", c) for c in s.get(f"{t} need", ()) for w in wraps)
        if k == "need"
        else s.get(f"{t} {k}", ())
        for t in TOPICS
        for k in KINDS
    )
    details = tuple(
        tuple(s["detail any"] + s[f"detail {g}"] + s[f"detail {t}"] for t in TENURES)
        for g in SEGMENTS
    )
    slots = {key[5:]: v for key, v in s.items() if key.startswith("slot ")} | _NUMBERS
    zh = lang == "zh"
    return _Bank(
        bodies=tuple(bodies[i : i + len(KINDS)] for i in range(0, len(bodies), len(KINDS))),
        openers=tuple(s[f"open {k}"] for k in KINDS),
        closers=tuple(s[f"close {k}"] for k in (*KINDS, "angry")),
        emotions=((), s["emotion 1"], s["emotion 2"]),
        stories=tuple(s.get(key, ()) for key in _STORY_KEYS),
        details=details,
        who=tuple(s[f"who {g}"] for g in SEGMENTS),
        slots=slots,
        typos=tuple((a, b) for a, b in (e.split(">") for e in s["typo"])),
        ends=(("。",), ("！", "！！", "。")) if zh else ((".",), ("!", "!!", ".")),
        months=tuple(str(m) for m in range(1, 13)) if zh else _MONTHS_EN,
        joiner="" if zh else " ",
        casual=_casual_zh if zh else _casual_en,
    )


_BANKS = (_build_bank(ZH, "zh"), _build_bank(EN, "en"))


def _body(bank: _Bank, topic: int, kind: int, level: int, seed: int, salt: int) -> str:
    """Return a topic template for the kind, ended with punctuation fitting its intensity."""
    text = _pick(bank.bodies[topic][kind], seed, salt)
    if text[-1] in _END_MARKS:
        return text
    return text + _pick(bank.ends[level == 2 or kind == 2], seed, 7)


def _head(bank: _Bank, row: tuple[int, ...]) -> list[str]:
    """Return the pieces before the body: an opener, an emotion and a story hint, each optional."""
    kind, level, story, seed = row[2], row[3], row[6], row[-1]
    head = [_pick(bank.openers[kind], seed, 1)] if _mix(seed, 2) % 100 < 30 else []
    if level:
        head.append(_pick(bank.emotions[level], seed, 3))
    if story and _mix(seed, 4) % 100 < 40:
        head.append(_pick(bank.stories[story], seed, 5))
    return head


def _tail(bank: _Bank, row: tuple[int, ...]) -> list[str]:
    """Return the pieces after the body: a personal detail and a closer, each optional."""
    kind, level, seg, ten, seed = row[2], row[3], row[4], row[5], row[-1]
    tail = []
    if kind == 0 and _mix(seed, 11) % 100 < 40:
        tail.append(_pick(bank.details[seg][ten], seed, 12))
    if _mix(seed, 13) % 100 < 35:
        angry = level == 2 and _mix(seed, 14) % 2 == 0
        tail.append(_pick(bank.closers[4 if angry else kind], seed, 15))
    return tail


def _parts(bank: _Bank, row: tuple[int, ...], slots: _Slots, fresh: _Slots) -> list[str]:
    """Return the filled pieces of one text; a second body, if any, gets its own slot values."""
    topic, kind, level, seed = row[1], row[2], row[3], row[-1]
    head = _head(bank, row)
    body = _body(bank, topic, kind, level, seed, 6)
    second = _body(bank, topic, kind, level, seed, 8)
    extra = [second.format_map(fresh)] if second != body and _mix(seed, 10) % 100 < 15 else []
    filled = [p.format_map(slots) for p in (*head, body, *_tail(bank, row))]
    return filled[: len(head) + 1] + extra + filled[len(head) + 1 :]


def _compose(row: tuple[int, ...]) -> str:
    """Return one feedback text for a row of codes (lang, topic, kind, ..., seed)."""
    lang, _, _, _, seg, _, _, month, version, years, seed = row
    bank = _BANKS[lang]
    who = _pick(bank.who[seg], seed, 16)
    fixed = {"month": bank.months[month], "version": _VERSIONS[version], "years": str(years)}
    fixed |= {"who": who, "our": who}
    parts = _parts(
        bank, row, _Slots(bank.slots, seed, fixed), _Slots(bank.slots, seed ^ _GOLDEN, fixed)
    )
    if lang:
        parts = [p[0].upper() + p[1:] for p in parts]
    text = bank.joiner.join(parts)
    roll = _mix(seed, 17) % 100
    if roll < 7:
        return bank.casual(text)
    if roll < 13:
        return text.replace(*_pick_pair(bank.typos, seed), 1)
    return text


def _pick_pair(pairs: tuple[tuple[str, str], ...], seed: int) -> tuple[str, str]:
    """Return one typo pair (right, wrong), chosen by the seed."""
    return pairs[_mix(seed, 18) % len(pairs)]


def _grouped_choice(rng: np.random.Generator, weights: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Return one category index per row, drawn from the weight row its group selects."""
    weights = np.asarray(weights, dtype=float)
    totals = weights.sum(axis=1, keepdims=True)
    probs = np.where(totals > 0, weights / np.where(totals > 0, totals, 1), 1 / weights.shape[1])
    k = probs.shape[1]
    cum = np.cumsum(probs, axis=1) + np.arange(probs.shape[0])[:, None]
    picked = np.searchsorted(cum.ravel(), group + rng.random(group.size), side="right")
    return np.clip(picked - group * k, 0, k - 1)


def _calendar() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return each demo day's date, month index (0-11) and base volume weight."""
    days = np.arange(np.datetime64(DEMO_START), np.datetime64(DEMO_END) + 1)
    month = days.astype("datetime64[M]").astype(int) % 12
    weekday = (days.astype(int) + 3) % 7
    cny = np.exp(-0.5 * ((days - np.datetime64("2026-02-17")).astype(int) / 7.0) ** 2)
    base = np.take(_MONTH_FACTOR, month) * np.take(_WEEKDAY_FACTOR, weekday) * (1 + 0.35 * cny)
    return days, month, base


def _time_multipliers(days: np.ndarray) -> np.ndarray:
    """Return the (day, topic) volume multipliers behind the seasonal and planted stories."""
    mult = np.ones((days.size, len(TOPICS)))
    for topic, start, end, factor in _WINDOWS:
        inside = (days >= np.datetime64(start)) & (days <= np.datetime64(end))
        mult[inside, TOPICS.index(topic)] *= factor
    since = (days - np.datetime64(APP_RELEASE)).astype(int)
    fading = 1 + 6 * np.exp(-np.maximum(since - 28, 0) / 21)
    mult[:, TOPICS.index("app_login")] *= np.where(since >= 0, fading, 1.0)
    return mult


def _attribute_mult(values: tuple[str, ...]) -> np.ndarray:
    """Return the (value, topic) multipliers of one customer attribute."""
    table = np.ones((len(values), len(TOPICS)))
    for i, value in enumerate(values):
        for topic, factor in _ATTRIBUTE_MULT.get(value, {}).items():
            table[i, TOPICS.index(topic)] = factor
    return table


def _topic_table(time_mult: np.ndarray) -> np.ndarray:
    """Return topic weights for every (segment, tenure, region, day) group, flattened."""
    share = np.array([_TOPIC_SPEC[t][0] for t in TOPICS])
    seg = _attribute_mult(SEGMENTS)[:, None, None, None, :]
    ten = _attribute_mult(TENURES)[None, :, None, None, :]
    reg = _attribute_mult(REGIONS)[None, None, :, None, :]
    table = share * seg * ten * reg * time_mult[None, None, None, :, :]
    return table.reshape(-1, len(TOPICS))


class _Customers(NamedTuple):
    """The customer base: attributes per customer and how often each writes."""

    ids: np.ndarray
    segment: np.ndarray
    tenure: np.ndarray
    region: np.ndarray
    lang: np.ndarray
    years: np.ndarray
    activity: np.ndarray


def _customers(rng: np.random.Generator, count: int) -> _Customers:
    """Return a customer base of the given size with stable segment, tenure, region, language."""
    segment = rng.choice(len(SEGMENTS), count, p=_SEGMENT_P)
    tenure = rng.choice(len(TENURES), count, p=_TENURE_P)
    region = rng.choice(len(REGIONS), count, p=_REGION_P)
    lang = (rng.random(count) < _EN_SHARE[segment]).astype(np.int64)
    years = np.select(
        [tenure == 0, tenure == 1], [0, rng.integers(2, 6, count)], rng.integers(6, 21, count)
    )
    activity = rng.lognormal(0.0, 0.8, count) * np.where(segment == 2, 1.8, 1.0)
    width = max(6, len(str(3 * count)))
    numbers = rng.choice(10**width, count, replace=False)
    ids = np.array([f"C{v:0{width}d}" for v in numbers], dtype=object)
    return _Customers(ids, segment, tenure, region, lang, years, activity)


def _writers(rng: np.random.Generator, n: int, activity: np.ndarray) -> np.ndarray:
    """Return the customer index of each item: everyone writes once, the active ones more."""
    extra = rng.choice(activity.size, n - activity.size, p=activity / activity.sum())
    return rng.permutation(np.concatenate([np.arange(activity.size), extra]))


def _channel_kind_level(rng: np.random.Generator, topic: np.ndarray, segment: np.ndarray) -> tuple:
    """Return channel, kind and problem intensity (0-2) codes for each item."""
    mixes = [_TOPIC_SPEC[t] for t in TOPICS]
    chan_w = np.array([_CHANNEL_MIX[m[2]] for m in mixes], dtype=float)[:, None, :]
    channel = _grouped_choice(
        rng, (chan_w * np.array(_SEGMENT_CHANNEL)).reshape(-1, 6), topic * 3 + segment
    )
    kind_w = np.array([_KIND_MIX[m[1]] for m in mixes], dtype=float)[:, None, :]
    kind = _grouped_choice(
        rng, (kind_w * np.array(_KIND_BY_CHANNEL)).reshape(-1, 4), topic * 6 + channel
    )
    level = _grouped_choice(rng, np.array(_LEVEL_BY_CHANNEL, dtype=float), channel)
    return channel, kind, np.where(kind == 0, level, 0)


def _products(rng: np.random.Generator, topic: np.ndarray) -> np.ndarray:
    """Return the product code of each item, drawn from its topic's product mix."""
    table = np.array([[_TOPIC_SPEC[t][3].get(p, 0.0) for p in PRODUCTS] for t in TOPICS])
    return _grouped_choice(rng, table, topic)


def _received_at(rng: np.random.Generator, day: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Return timestamps (ns) with each channel's own time-of-day profile."""
    hours = np.array([[float(v) for v in _HOURS[c].split()] for c in CHANNELS])
    hour = _grouped_choice(rng, hours, channel)
    seconds = day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, day.size)
    start = np.datetime64(DEMO_START, "ns")
    return start + seconds.astype("timedelta64[s]").astype("timedelta64[ns]")


def _ratings(
    rng: np.random.Generator, kind: np.ndarray, level: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    """Return 1-5 ratings that follow the text's sentiment, NaN where the channel has none."""
    rated = rng.random(kind.size) < _RATED[channel]
    score = _RATING_MEAN[kind] - 0.55 * level + rng.normal(0.0, 0.75, kind.size)
    return np.where(rated, np.clip(np.rint(score), 1, 5), np.nan)


def _categories(
    rng: np.random.Generator, topic: np.ndarray, kind: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    """Return the complaint team's label (the topic key) on a minority of items, else None."""
    chance = _LABELLED[channel] * np.where(kind >= 2, 0.25, 1.0)
    labelled = rng.random(topic.size) < chance
    return np.where(labelled, np.array(TOPICS, dtype=object)[topic], None)


def _draw_items(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Return the coded attributes of n items, in arbitrary order."""
    days, month, base = _calendar()
    time_mult = _time_multipliers(days)
    share = np.array([_TOPIC_SPEC[t][0] for t in TOPICS])
    day_p = base * (time_mult @ (share / share.sum()))
    people = _customers(rng, min(n, max(1, round(n * _CUSTOMERS_PER_ITEM))))
    who = _writers(rng, n, people.activity)
    seg, ten, reg = people.segment[who], people.tenure[who], people.region[who]
    day = rng.choice(days.size, n, p=day_p / day_p.sum())
    group = ((seg * len(TENURES) + ten) * len(REGIONS) + reg) * days.size + day
    topic = _grouped_choice(rng, _topic_table(time_mult), group)
    channel, kind, level = _channel_kind_level(rng, topic, seg)
    items = {"customer": people.ids[who], "segment": seg, "tenure": ten, "region": reg}
    items |= {"lang": people.lang[who], "years": people.years[who], "day": day}
    items |= {"month": month[day], "topic": topic, "channel": channel, "kind": kind}
    items["level"] = level
    items["product"] = _products(rng, topic)
    items["received_at"] = _received_at(rng, day, channel)
    items["rating"] = _ratings(rng, kind, level, channel)
    items["category"] = _categories(rng, topic, kind, channel)
    return items


def _story_codes(items: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Return each item's story code (0 none, 1 billing spike, 2 app release) and app version."""
    since = items["day"] - (APP_RELEASE - DEMO_START).days
    version = np.select([since < 0, since < 21], [0, 1], 2)
    spike = (items["topic"] == TOPICS.index("billing_error")) & (items["month"] == 2)
    login = (items["topic"] == TOPICS.index("app_login")) & (since >= 0) & (since < 70)
    return np.select([spike, login], [1, 2], 0), version


def _texts(rng: np.random.Generator, items: dict[str, np.ndarray]) -> list[str]:
    """Return the text of every item, assembled from the phrase banks."""
    story, version = _story_codes(items)
    seeds = rng.integers(0, 2**62, items["topic"].size)
    keys = ("lang", "topic", "kind", "level", "segment", "tenure")
    columns = [items[k] for k in keys] + [story, items["month"], version, items["years"], seeds]
    out: list[str] = []
    for start in range(0, seeds.size, 50_000):
        block = [c[start : start + 50_000].tolist() for c in columns]
        out.extend(_compose(row) for row in zip(*block, strict=True))
    return out


def generate_feedback(n: int = 20_000, seed: int = 7) -> pd.DataFrame:
    """Return the demo feedback items, one row per item, deterministic for (n, seed)."""
    rng = np.random.default_rng(seed)
    drawn = _draw_items(rng, n)
    order = np.argsort(drawn["received_at"], kind="stable")
    items = {key: values[order] for key, values in drawn.items()}
    frame = pd.DataFrame(
        {
            "source_id": [f"DEMO-{i:0{max(6, len(str(n)))}d}" for i in range(1, n + 1)],
            "received_at": items["received_at"].astype("datetime64[ns]"),
            "channel": np.array(CHANNELS, dtype=object)[items["channel"]],
            "customer_id": items["customer"],
            "segment": np.array(SEGMENTS, dtype=object)[items["segment"]],
            "tenure": np.array(TENURES, dtype=object)[items["tenure"]],
            "product": np.array(PRODUCTS, dtype=object)[items["product"]],
            "region": np.array(REGIONS, dtype=object)[items["region"]],
            "rating": items["rating"].astype(float),
            "text": _texts(rng, items),
            "lang": np.array(LANGS, dtype=object)[items["lang"]],
            "topic": np.array(TOPICS, dtype=object)[items["topic"]],
            "kind": np.array(KINDS, dtype=object)[items["kind"]],
            "category": items["category"],
        }
    )
    return frame.loc[:, list(COLUMNS)]
