"""The problem-and-need taxonomy: a tree of categories with cue words and rules, edited as tables.

A taxonomy is a DataFrame with the columns of `COLUMNS`, one row per category; `parent` is the
key of the parent row (None at the top). Every operation returns a new frame and never edits its
input; storage saves each result as a new version.
"""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pandas as pd

from cxdash.errors import InvalidInput
from cxdash.ingest.encoding import decode_text

COLUMNS = ("key", "parent", "name_zh", "name_en", "keywords", "pattern", "touchpoint", "sort_order")
BUILTINS = ("telecom", "ecommerce")
MAX_DEPTH = 3
_LEXICON = Path(__file__).resolve().parent / "lexicon"
_KEY_CHARS = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")


def empty_taxonomy() -> pd.DataFrame:
    """Return a taxonomy with no categories."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})


def builtin_taxonomy(name: str) -> pd.DataFrame:
    """Return one of the built-in starting taxonomies ("telecom" or "ecommerce")."""
    if name not in BUILTINS:
        raise InvalidInput("classify.unknown_builtin", name=name)
    with (_LEXICON / f"{name}.toml").open("rb") as handle:
        rows = tomllib.load(handle)["category"]
    frame = pd.DataFrame(
        {
            "key": [r["key"] for r in rows],
            "parent": [r.get("parent") for r in rows],
            "name_zh": [r["zh"] for r in rows],
            "name_en": [r["en"] for r in rows],
            "keywords": [r.get("keywords", "") for r in rows],
            "pattern": [r.get("pattern", "") for r in rows],
            "touchpoint": [r.get("touchpoint") for r in rows],
        }
    )
    return _renumber(frame)


def _renumber(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with sort_order 10, 20, … in row order and the standard columns."""
    out = frame.reindex(columns=list(COLUMNS)).reset_index(drop=True)
    out["sort_order"] = [10 * (i + 1) for i in range(len(out))]
    out["parent"] = out["parent"].astype(object).where(out["parent"].notna(), None)
    for col in ("keywords", "pattern"):
        out[col] = out[col].astype(object).fillna("").astype(str)
    return out


def make_key(name: str, taken: set[str]) -> str:
    """Return a new category key from a display name, unique among the taken keys."""
    base = _KEY_CHARS.sub("_", name.strip().lower()).strip("_") or "category"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _parents(tax: pd.DataFrame) -> dict[str, str | None]:
    """Return each key's parent key, None at the top (storage may give NaN there)."""
    return {
        k: p if isinstance(p, str) else None for k, p in zip(tax["key"], tax["parent"], strict=True)
    }


def depth(tax: pd.DataFrame, key: str) -> int:
    """Return the level of a category: 1 at the top."""
    parents = _parents(tax)
    level, node = 1, parents.get(key)
    while node is not None and level <= len(parents):
        level, node = level + 1, parents.get(node)
    return level


def level_counts(tax: pd.DataFrame) -> dict[int, int]:
    """Return how many categories each level holds (level 1 at the top), in level order."""
    found = pd.Series([depth(tax, k) for k in tax["key"]], dtype="int64").value_counts()
    return {int(level): int(count) for level, count in found.sort_index().items()}


def _require(tax: pd.DataFrame, key: str) -> None:
    if key not in set(tax["key"]):
        raise InvalidInput("classify.unknown_category", category=key)


def add_category(
    tax: pd.DataFrame, name_zh: str, name_en: str = "", parent: str | None = None
) -> pd.DataFrame:
    """Return the taxonomy with a new category (under parent, when given)."""
    if not (name_zh.strip() or name_en.strip()):
        raise InvalidInput("classify.name_required")
    if parent is not None:
        _require(tax, parent)
        if depth(tax, parent) >= MAX_DEPTH:
            raise InvalidInput("classify.too_deep", levels=MAX_DEPTH)
    names = (name_zh.strip() or name_en.strip(), name_en.strip() or name_zh.strip())
    key = make_key(names[1], set(tax["key"]))
    row = {"key": key, "parent": parent, "name_zh": names[0], "name_en": names[1]}
    return _renumber(pd.concat([tax, pd.DataFrame([row])], ignore_index=True))


def rename_category(tax: pd.DataFrame, key: str, name_zh: str, name_en: str) -> pd.DataFrame:
    """Return the taxonomy with a category's display names changed (its key stays)."""
    _require(tax, key)
    if not (name_zh.strip() and name_en.strip()):
        raise InvalidInput("classify.name_required")
    out = tax.copy()
    out.loc[out["key"] == key, ["name_zh", "name_en"]] = [name_zh.strip(), name_en.strip()]
    return out


def set_rules(tax: pd.DataFrame, key: str, keywords: str, pattern: str) -> pd.DataFrame:
    """Return the taxonomy with a category's cue words ('|'-separated) and regex rule set."""
    _require(tax, key)
    if pattern.strip():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InvalidInput("classify.bad_pattern", pattern=pattern, detail=str(exc)) from exc
    words = "|".join(w.strip() for w in keywords.split("|") if w.strip())
    out = tax.copy()
    out.loc[out["key"] == key, ["keywords", "pattern"]] = [words, pattern.strip()]
    return out


def descendants(tax: pd.DataFrame, key: str) -> set[str]:
    """Return the keys below a category (children, grandchildren, …)."""
    found: set[str] = set()
    frontier = {key}
    while frontier:
        children = set(tax.loc[tax["parent"].isin(frontier), "key"]) - found
        found |= children
        frontier = children
    return found


def move_category(tax: pd.DataFrame, key: str, new_parent: str | None) -> pd.DataFrame:
    """Return the taxonomy with a category (and its subtree) moved under new_parent."""
    _require(tax, key)
    if new_parent is not None:
        _require(tax, new_parent)
        if new_parent == key or new_parent in descendants(tax, key):
            raise InvalidInput("classify.move_into_itself", category=key)
    out = tax.copy()
    out.loc[out["key"] == key, "parent"] = new_parent
    deepest = max(depth(out, k) for k in {key} | descendants(out, key))
    if deepest > MAX_DEPTH:
        raise InvalidInput("classify.too_deep", levels=MAX_DEPTH)
    return out


def merge_categories(tax: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    """Return the taxonomy with source folded into target: its children and cue words move."""
    _require(tax, source)
    _require(tax, target)
    if source == target or target in descendants(tax, source):
        raise InvalidInput("classify.move_into_itself", category=source)
    out = tax.copy()
    out.loc[out["parent"] == source, "parent"] = target
    src = out.loc[out["key"] == source].iloc[0]
    idx = out.index[out["key"] == target][0]
    words = [w for w in f"{out.at[idx, 'keywords']}|{src['keywords']}".split("|") if w]
    out.at[idx, "keywords"] = "|".join(dict.fromkeys(words))
    return _renumber(out[out["key"] != source])


def delete_category(tax: pd.DataFrame, key: str) -> pd.DataFrame:
    """Return the taxonomy without a category; its children move up to its parent."""
    _require(tax, key)
    parent = tax.loc[tax["key"] == key, "parent"].iloc[0]
    out = tax.copy()
    out.loc[out["parent"] == key, "parent"] = parent
    return _renumber(out[out["key"] != key])


def leaves(tax: pd.DataFrame) -> list[str]:
    """Return the keys of categories without children, in order."""
    parents = set(tax["parent"].dropna())
    return [k for k in tax.sort_values("sort_order")["key"] if k not in parents]


def display_names(tax: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return each category key's display name in lang, with its parents ("A › B")."""
    own = dict(zip(tax["key"], tax[f"name_{lang}"], strict=True))
    parents = _parents(tax)
    names = {}
    for key in tax["key"]:
        path, node = [own[key]], parents.get(key)
        while node is not None and len(path) <= MAX_DEPTH:
            path.insert(0, own.get(node, str(node)))
            node = parents.get(node)
        names[key] = " › ".join(path)
    return names


def import_csv(data: bytes | str) -> pd.DataFrame:
    """Return a taxonomy read from a CSV whose columns are the levels (level 1, level 2, …)."""
    text = decode_text(data)[0] if isinstance(data, bytes) else data
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str).fillna("")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InvalidInput("classify.bad_csv", detail=str(exc)[:200]) from exc
    if table.empty or table.shape[1] > MAX_DEPTH:
        raise InvalidInput("classify.bad_csv_shape", levels=MAX_DEPTH)
    rows: dict[str, dict[str, object]] = {}
    for record in table.itertuples(index=False):
        parent: str | None = None
        for name in (str(v).strip() for v in record):
            if not name:
                break
            key = parent + "/" + name if parent else name
            rows.setdefault(key, {"key": key, "parent": parent, "name_zh": name, "name_en": name})
            parent = key
    return _renumber(pd.DataFrame(list(rows.values())))
