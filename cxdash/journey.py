"""Journey maps bound to data: evidence levels, computed emotions, the grid and data drafts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cxdash.errors import InvalidInput

LANES = ("scenario", "touchpoint", "expectation", "pain_point", "opportunity")
EMOTION_ROW = "emotion"
STATUSES = ("draft", "final")
MAX_CARD_TEXT = 300
EMOTION_RANGE = (-2.0, 2.0)

# Evidence behind a card: how many feedback items back it. Below PARTIAL_AT nothing worth
# citing backs it (Smaply's red); from STRONG_AT on, it is a pattern, not an anecdote (green).
PARTIAL_AT = 5
STRONG_AT = 30


def evidence_level(items: int) -> str:
    """Return none, partial or strong for the number of feedback items backing a card."""
    if items >= STRONG_AT:
        return "strong"
    return "partial" if items >= PARTIAL_AT else "none"


def match_touchpoint(text: str, touchpoints: pd.DataFrame) -> str | None:
    """Return the touchpoint key a card text names (key, Chinese or English name), if any."""
    wanted = text.strip().lower()
    for row in touchpoints.itertuples():
        if wanted in (str(row.key).lower(), str(row.name_zh).lower(), str(row.name_en).lower()):
            return str(row.key)
    return None


def stage_touchpoints(cards: pd.DataFrame, touchpoints: pd.DataFrame) -> dict[str, list[str]]:
    """Return per stage key the touchpoint keys its touchpoint cards stand for."""
    found: dict[str, list[str]] = {}
    for card in cards[cards["lane"] == "touchpoint"].itertuples():
        key = card.touchpoint if isinstance(card.touchpoint, str) else None
        key = key or match_touchpoint(str(card.text), touchpoints)
        if key and key not in found.setdefault(str(card.stage_key), []):
            found[str(card.stage_key)].append(key)
    return found


def _card_support(card: pd.Series, places: list[str], cells: pd.DataFrame) -> int:
    scope = cells[cells["touchpoint"].isin(places)] if places else cells.iloc[0:0]
    if isinstance(card["category"], str) and card["category"]:
        scope = cells[cells["category"] == card["category"]]
        scope = scope[scope["touchpoint"].isin(places)] if places else scope
    column = "negative" if card["lane"] == "pain_point" else "volume"
    return int(scope[column].sum())


def card_evidence(
    cards: pd.DataFrame, touchpoints: pd.DataFrame, cells: pd.DataFrame
) -> pd.DataFrame:
    """Return the cards with evidence_items and evidence (none/partial/strong) added.

    A card is backed by the items of its own touchpoint, else of its stage's touchpoints;
    a category narrows that to the category, and a pain point counts negative items only.
    cells holds touchpoint, category, volume and negative counts.
    """
    by_stage = stage_touchpoints(cards, touchpoints)
    out = cards.copy()
    counts = []
    for _, card in cards.iterrows():
        own = card["touchpoint"] if isinstance(card["touchpoint"], str) else None
        if card["lane"] == "touchpoint":
            own = own or match_touchpoint(str(card["text"]), touchpoints)
        places = [own] if own else by_stage.get(str(card["stage_key"]), [])
        counts.append(_card_support(card, places, cells))
    out["evidence_items"] = counts
    out["evidence"] = [evidence_level(n) for n in counts]
    return out


def computed_emotion(summary: pd.DataFrame, places: list[str]) -> float | None:
    """Return the emotion (-2..+2) feedback sentiment gives a stage's touchpoints, or None.

    The mean sentiment score (-1..+1) over the rated items of those touchpoints, weighted by
    how many items each has, scaled to the map's -2..+2 emotion axis.
    """
    rows = summary[summary["touchpoint"].isin(places) & (summary["rated"] > 0)]
    if rows.empty:
        return None
    weighted = (rows["sentiment_mean"] * rows["rated"]).sum() / rows["rated"].sum()
    return round(2.0 * float(weighted), 2)


def emotion_curve(
    stages: pd.DataFrame, cards: pd.DataFrame, touchpoints: pd.DataFrame, summary: pd.DataFrame
) -> pd.DataFrame:
    """Return per stage in order: label, hand-entered emotion and computed emotion."""
    by_stage = stage_touchpoints(cards, touchpoints)
    computed = [computed_emotion(summary, by_stage.get(str(k), [])) for k in stages["key"]]
    return pd.DataFrame(
        {
            "stage": stages["key"].tolist(),
            "label": stages["label"].tolist(),
            "hand": pd.to_numeric(stages["emotion"], errors="coerce").tolist(),
            "computed": computed,
        }
    )


def to_grid(stages: pd.DataFrame, cards: pd.DataFrame) -> pd.DataFrame:
    """Return the table method's grid: one row per element, one column per stage key."""
    grid = pd.DataFrame(index=[*LANES, EMOTION_ROW], columns=stages["key"].tolist(), dtype=object)
    for lane in LANES:
        for key in stages["key"]:
            texts = cards[(cards["lane"] == lane) & (cards["stage_key"] == key)]
            grid.loc[lane, key] = "\n".join(texts.sort_values("position")["text"])
    for row in stages.itertuples():
        grid.loc[EMOTION_ROW, row.key] = "" if pd.isna(row.emotion) else f"{row.emotion:g}"
    return grid


def _emotion_value(raw: object, stage: str) -> float | None:
    text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw).strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError as err:
        raise InvalidInput("journey.bad_emotion", stage=stage, value=text) from err
    if not EMOTION_RANGE[0] <= value <= EMOTION_RANGE[1]:
        raise InvalidInput("journey.bad_emotion", stage=stage, value=text)
    return value


def from_grid(
    grid: pd.DataFrame,
) -> tuple[dict[tuple[str, str], list[str]], dict[str, float | None]]:
    """Return the card texts per (lane, stage) and the emotion per stage of an edited grid."""
    cells: dict[tuple[str, str], list[str]] = {}
    for lane in LANES:
        for stage in grid.columns:
            raw = grid.loc[lane, stage]
            text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw)
            cells[(lane, str(stage))] = [line for line in text.splitlines() if line.strip()]
    emotions = {str(s): _emotion_value(grid.loc[EMOTION_ROW, s], str(s)) for s in grid.columns}
    return cells, emotions


@dataclass(frozen=True)
class Draft:
    """A proposed journey: stages (key, label, emotion) and cards bound to touchpoints."""

    stages: list[tuple[str, str, float | None]]
    cards: list[dict[str, object]]


def _draft(
    ordered: pd.DataFrame,
    touchpoints: pd.DataFrame,
    labels: Mapping[str, str],
    category: str,
    pain_at: set[str],
) -> Draft:
    home = touchpoints.set_index("key")["stage"].dropna().to_dict()
    groups: dict[str, list[str]] = {}
    for tp in ordered["touchpoint"]:
        groups.setdefault(str(home.get(tp, "other")), []).append(str(tp))
    stages: list[tuple[str, str, float | None]] = []
    cards: list[dict[str, object]] = []
    for stage, members in groups.items():
        stages.append((stage, labels.get(stage, stage), None))
        for tp in members:
            name = labels.get(f"tp:{tp}", tp)
            cards.append({"stage_key": stage, "lane": "touchpoint", "text": name, "touchpoint": tp})
            if tp in pain_at:
                text = labels.get(f"cat:{category}", category)
                cards.append(
                    {
                        "stage_key": stage,
                        "lane": "pain_point",
                        "text": text,
                        "touchpoint": tp,
                        "category": category,
                    }
                )
    return Draft(stages, cards)


def draft_from_event(
    paths: pd.DataFrame,
    touchpoints: pd.DataFrame,
    labels: Mapping[str, str],
    category: str,
    min_share: float = 0.05,
) -> Draft:
    """Return a draft following one complaint type's reporters through touchpoints in time order.

    paths holds per touchpoint the reporters who used it, its mean step and how many of them
    raised the category there (complained); touchpoints used by fewer than min_share of the
    busiest touchpoint's reporters are left out as noise. Stages come in the order their
    earliest touchpoint appears; the pain point sits where the category was raised.
    """
    if paths.empty:
        raise InvalidInput("journey.draft_no_data", category=category)
    keep = paths[paths["customers"] >= min_share * paths["customers"].max()]
    keep = keep.sort_values(["mean_step", "touchpoint"])
    pain_at = set(keep.loc[keep["complained"] > 0, "touchpoint"])
    return _draft(keep, touchpoints, labels, category, pain_at)


def draft_from_problems(
    cells: pd.DataFrame, touchpoints: pd.DataFrame, labels: Mapping[str, str], category: str
) -> Draft:
    """Return a draft of the touchpoints where a class of problems shows, in journey order."""
    found = cells[(cells["category"] == category) & (cells["volume"] > 0)]
    if found.empty:
        raise InvalidInput("journey.draft_no_data", category=category)
    order = touchpoints.set_index("key")["sort_order"]
    found = found.assign(order=found["touchpoint"].map(order).fillna(999))
    ordered = found.sort_values(["order", "touchpoint"])
    return _draft(ordered, touchpoints, labels, category, set(ordered["touchpoint"]))


def trend_label(monthly: pd.DataFrame, touchpoint: str) -> tuple[str, float | None]:
    """Return rising/falling/steady and the change of the last 3 months against the 3 before."""
    series = monthly[monthly["touchpoint"] == touchpoint].sort_values("month")["volume"]
    if len(series) < 6:
        return "steady", None
    recent, before = float(series.iloc[-3:].sum()), float(series.iloc[-6:-3].sum())
    change = (recent - before) / before if before else None
    if change is None or abs(change) < 0.1:
        return "steady", change
    return ("rising" if change > 0 else "falling"), change


def _spread(count: int, gap: float) -> list[float]:
    return [(i - (count - 1) / 2) * gap for i in range(count)]


def graph_layout(
    touchpoints: list[str], categories: list[str], gap: float = 60.0, width: float = 420.0
) -> dict[tuple[str, str], tuple[float, float]]:
    """Return graph positions: touchpoints in a centre column, categories in two side columns.

    The first touchpoint sits at (0, 0) with the others alternating below and above it, and
    both side columns span the same height symmetrically, so the layout's centre is the first
    touchpoint's place.
    """
    offsets = [0.0] + [
        gap * (i // 2 + 1) * (1 if i % 2 == 0 else -1) for i in range(len(touchpoints) - 1)
    ]
    where = {("touchpoint", k): (0.0, y) for k, y in zip(touchpoints, offsets, strict=True)}
    left, right = categories[0::2], categories[1::2]
    span = max([abs(y) for y in offsets] + [0.0])
    for side, column in ((-width, left), (width, right)):
        step = max(gap / 2, 2 * span / max(len(column) - 1, 1))
        ys = _spread(len(column), step)
        where |= {("category", k): (side, y) for k, y in zip(column, ys, strict=True)}
    return where
