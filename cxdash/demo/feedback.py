"""A deterministic, bilingual year of customer feedback (VOC) for a telecom-style operator.

``generate_feedback(n, seed)`` returns one row per item, mostly Chinese, some English, drawn
from the phrase banks and weight tables in ``cxdash.demo.phrases``. Planted stories, visible by
simple aggregation:

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

from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from cxdash.demo import phrases as ph

DEMO_START = date(2025, 11, 1)
DEMO_END = date(2026, 10, 31)
APP_RELEASE = date(2026, 6, 15)

TOPIC_LABELS = ph.TOPIC_LABELS
TOPICS = ph.TOPICS
CHANNELS = (
    "hotline",
    "online_chat",
    "app_feedback",
    "store",
    "social_media",
    "complaint_escalation",
)
SEGMENTS = ph.SEGMENTS
TENURES = ph.TENURES
PRODUCTS = ("broadband", "mobile", "tv", "billing", "installation_repair", "app", "stores")
REGIONS = ("north", "south", "east", "west", "central", "coastal")
KINDS = ph.KINDS
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

_MONTH_FACTOR = (1.05, 1.1, 1.0, 0.95, 0.95, 1.0, 1.15, 1.2, 1.05, 0.9, 0.95, 1.0)
_WEEKDAY_FACTOR = (1.1, 1.0, 1.0, 1.0, 0.95, 0.8, 0.72)
_RATING_MEAN = np.array([2.2, 3.0, 4.6, 3.4])
_VERSIONS = ("4.9", "5.0", "5.0.1")
_END_MARKS = frozenset("。！？.!?")
_GOLDEN = 0x9E3779B97F4A7C15


def _numbers(table: str, keys: tuple[str, ...]) -> np.ndarray:
    """Return a numeric text table as an array whose rows follow the given keys."""
    rows = {key: [float(v) for v in values] for key, *values in ph.parse_table(table)}
    return np.array([rows[key] for key in keys])


def _factors(pairs: list[str]) -> dict[str, float]:
    """Return 'name:factor' fields as a dict."""
    return {name: float(factor) for name, factor in (pair.split(":") for pair in pairs)}


def _topic_model() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return per-topic base shares and kind, channel and product weights, in TOPICS order."""
    spec = {topic: fields for topic, *fields in ph.parse_table(ph.TOPIC_TABLE)}
    kinds = [spec[t][1] for t in TOPICS]
    mixes = [spec[t][2] for t in TOPICS]
    products = [_factors(spec[t][3:]) for t in TOPICS]
    return (
        np.array([float(spec[t][0]) for t in TOPICS]),
        _numbers(ph.KIND_MIX_TABLE, tuple(kinds)),
        _numbers(ph.CHANNEL_MIX_TABLE, tuple(mixes)),
        np.array([[mix.get(p, 0.0) for p in PRODUCTS] for mix in products]),
    )


_SHARE, _TOPIC_KINDS, _TOPIC_CHANNELS, _TOPIC_PRODUCTS = _topic_model()
_CHANNEL = _numbers(ph.CHANNEL_TABLE, CHANNELS)


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


_BANKS = (ph.build_bank("zh"), ph.build_bank("en"))


def _body(bank: ph.Bank, topic: int, kind: int, level: int, seed: int, salt: int) -> str:
    """Return a topic template for the kind, ended with punctuation fitting its intensity."""
    text = _pick(bank.bodies[topic][kind], seed, salt)
    if text[-1] in _END_MARKS:
        return text
    return text + _pick(bank.ends[level == 2 or kind == 2], seed, 7)


def _head(bank: ph.Bank, row: tuple[int, ...]) -> list[str]:
    """Return the pieces before the body: an opener, an emotion and a story hint, each optional."""
    kind, level, story, seed = row[2], row[3], row[6], row[-1]
    head = [_pick(bank.openers[kind], seed, 1)] if _mix(seed, 2) % 100 < 30 else []
    if level:
        head.append(_pick(bank.emotions[level], seed, 3))
    if story and _mix(seed, 4) % 100 < 40:
        head.append(_pick(bank.stories[story], seed, 5))
    return head


def _tail(bank: ph.Bank, row: tuple[int, ...]) -> list[str]:
    """Return the pieces after the body: a personal detail and a closer, each optional."""
    kind, level, seg, ten, seed = row[2], row[3], row[4], row[5], row[-1]
    tail = []
    if kind == 0 and _mix(seed, 11) % 100 < 40:
        tail.append(_pick(bank.details[seg][ten], seed, 12))
    if _mix(seed, 13) % 100 < 35:
        angry = level == 2 and _mix(seed, 14) % 2 == 0
        tail.append(_pick(bank.closers[4 if angry else kind], seed, 15))
    return tail


def _parts(bank: ph.Bank, row: tuple[int, ...], slots: _Slots, fresh: _Slots) -> list[str]:
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
        return text.replace(*bank.typos[_mix(seed, 18) % len(bank.typos)], 1)
    return text


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
    for topic, start, end, factor in ph.parse_table(ph.WINDOWS_TABLE):
        inside = (days >= np.datetime64(start)) & (days <= np.datetime64(end))
        mult[inside, TOPICS.index(topic)] *= float(factor)
    since = (days - np.datetime64(APP_RELEASE)).astype(int)
    fading = 1 + 6 * np.exp(-np.maximum(since - 28, 0) / 21)
    mult[:, TOPICS.index("app_login")] *= np.where(since >= 0, fading, 1.0)
    return mult


def _attribute_mult(values: tuple[str, ...]) -> np.ndarray:
    """Return the (value, topic) multipliers of one customer attribute."""
    table = np.ones((len(values), len(TOPICS)))
    for value, *pairs in ph.parse_table(ph.ATTRIBUTE_TABLE):
        for topic, factor in _factors(pairs).items():
            if value in values:
                table[values.index(value), TOPICS.index(topic)] = factor
    return table


def _topic_table(time_mult: np.ndarray) -> np.ndarray:
    """Return topic weights for every (segment, tenure, region, day) group, flattened."""
    seg = _attribute_mult(SEGMENTS)[:, None, None, None, :]
    ten = _attribute_mult(TENURES)[None, :, None, None, :]
    reg = _attribute_mult(REGIONS)[None, None, :, None, :]
    table = _SHARE * seg * ten * reg * time_mult[None, None, None, :, :]
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
    if n <= activity.size:
        return rng.permutation(activity.size)
    extra = rng.choice(activity.size, n - activity.size, p=activity / activity.sum())
    return rng.permutation(np.concatenate([np.arange(activity.size), extra]))


def _channel_kind_level(
    rng: np.random.Generator, topic: np.ndarray, segment: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return channel, kind and problem intensity (0-2) codes for each item."""
    chan_w = _TOPIC_CHANNELS[:, None, :] * _CHANNEL[:, 9:12].T[None, :, :]
    channel = _grouped_choice(rng, chan_w.reshape(-1, 6), topic * 3 + segment)
    kind_w = _TOPIC_KINDS[:, None, :] * _CHANNEL[None, :, 2:6]
    kind = _grouped_choice(rng, kind_w.reshape(-1, 4), topic * 6 + channel)
    level = _grouped_choice(rng, _CHANNEL[:, 6:9], channel)
    return channel, kind, np.where(kind == 0, level, 0)


def _received_at(rng: np.random.Generator, day: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Return timestamps (ns) with each channel's own time-of-day profile."""
    hour = _grouped_choice(rng, _numbers(ph.HOURS_TABLE, CHANNELS), channel)
    seconds = day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, day.size)
    start = np.datetime64(DEMO_START, "ns")
    return start + seconds.astype("timedelta64[s]").astype("timedelta64[ns]")


def _ratings(
    rng: np.random.Generator, kind: np.ndarray, level: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    """Return 1-5 ratings that follow the text's sentiment, NaN where the channel has none."""
    rated = rng.random(kind.size) < _CHANNEL[channel, 0]
    score = _RATING_MEAN[kind] - 0.55 * level + rng.normal(0.0, 0.75, kind.size)
    return np.where(rated, np.clip(np.rint(score), 1, 5), np.nan)


def _categories(
    rng: np.random.Generator, topic: np.ndarray, kind: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    """Return the complaint team's label (the topic key) on a minority of items, else None."""
    chance = _CHANNEL[channel, 1] * np.where(kind >= 2, 0.25, 1.0)
    labels = np.array(TOPICS, dtype=object)[topic]
    labels[rng.random(topic.size) >= chance] = None
    return labels


def _draw_items(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Return the coded attributes of n items, in arbitrary order."""
    days, month, base = _calendar()
    time_mult = _time_multipliers(days)
    day_p = base * (time_mult @ (_SHARE / _SHARE.sum()))
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
    items["product"] = _grouped_choice(rng, _TOPIC_PRODUCTS, topic)
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
    codes = {"channel": CHANNELS, "segment": SEGMENTS, "tenure": TENURES, "product": PRODUCTS}
    codes |= {"region": REGIONS, "lang": LANGS, "topic": TOPICS, "kind": KINDS}
    frame = pd.DataFrame(
        {key: np.array(values, dtype=object)[items[key]] for key, values in codes.items()}
    )
    frame["source_id"] = [f"DEMO-{i:0{max(6, len(str(n)))}d}" for i in range(1, n + 1)]
    frame["received_at"] = items["received_at"].astype("datetime64[ns]")
    frame["customer_id"] = items["customer"]
    frame["rating"] = items["rating"].astype(float)
    frame["text"] = _texts(rng, items)
    frame["category"] = items["category"]
    return frame.loc[:, list(COLUMNS)]
