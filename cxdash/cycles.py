"""The loop's rounds: the eight steps of a cycle, where a cycle stands, and what it hands on."""

from __future__ import annotations

import pandas as pd

from cxdash.errors import InvalidInput

STEPS = (
    "collect",
    "classify",
    "journey",
    "key_points",
    "surveys",
    "solutions",
    "report",
    "verify",
)
STATUSES = ("todo", "doing", "done")
ORIGINS = ("unresolved", "new")


def step_table(recorded: pd.DataFrame) -> pd.DataFrame:
    """Return all eight steps with their recorded status (todo when nothing is recorded)."""
    base = pd.DataFrame({"step": range(1, len(STEPS) + 1), "key": STEPS})
    cols = ["step", "status", "signed_off_by", "signed_off_at", "note"]
    merged = base.merge(recorded.reindex(columns=cols), on="step", how="left")
    merged["status"] = merged["status"].fillna("todo")
    merged["note"] = merged["note"].fillna("")
    return merged


def current_step(steps: pd.DataFrame) -> int:
    """Return the first step not done yet (9 when all eight are done)."""
    open_steps = steps.loc[steps["status"] != "done", "step"]
    return int(open_steps.min()) if len(open_steps) else len(STEPS) + 1


def check_status(status: str) -> str:
    """Return the status when it is one of todo/doing/done, else raise a translated error."""
    if status not in STATUSES:
        raise InvalidInput("cycles.error.status", status=status)
    return status


def check_closable(steps: pd.DataFrame, status: str) -> None:
    """Raise unless the cycle is open and its verification step (8) is signed off as done."""
    if status != "open":
        raise InvalidInput("cycles.error.not_open")
    if steps.loc[steps["step"] == len(STEPS), "status"].iloc[0] != "done":
        raise InvalidInput("cycles.error.not_verified")


def carry_over_candidates(
    verifications: pd.DataFrame, open_items: pd.DataFrame, solutions: pd.DataFrame | None = None
) -> list[str]:
    """Return problem titles to carry on: still-open carried items, unverified verifications,
    and the cycle's solutions that are neither done nor dropped."""
    unresolved = verifications.loc[verifications["verdict"] != "improved", "title"].tolist()
    kept = (
        open_items.loc[open_items["status"] == "open", "title"].tolist() if len(open_items) else []
    )
    unfinished = (
        solutions.loc[~solutions["status"].isin(["done", "dropped"]), "title"].tolist()
        if solutions is not None and len(solutions)
        else []
    )
    return list(dict.fromkeys([*kept, *unresolved, *unfinished]))


def parse_new_problems(text: str) -> list[str]:
    """Return the non-empty lines of a text box, trimmed and without duplicates."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
