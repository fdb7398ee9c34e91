"""Solutions (step 6): what a solution must hold, its status flow, completeness and priority.

The method asks every solution to carry data support, a cause analysis, feasible actions,
monitoring during execution, a later verification, and risk management with a contingency plan;
``missing_for_approval`` enforces the parts that must exist before a solution is approved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from cxdash.errors import InvalidInput

STATUSES = ("draft", "reviewed", "approved", "in_progress", "verifying", "done", "dropped")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("reviewed", "dropped"),
    "reviewed": ("approved", "draft", "dropped"),
    "approved": ("in_progress", "reviewed", "dropped"),
    "in_progress": ("verifying", "dropped"),
    "verifying": ("done", "in_progress", "dropped"),
    "done": (),
    "dropped": ("draft",),
}
NEEDS_COMPLETE = frozenset({"approved", "in_progress", "verifying", "done"})
EVIDENCE_KINDS = ("feedback_query", "category", "key_point", "survey_result", "indicator")
FISHBONE_CATEGORIES = ("people", "process", "product", "policy", "place", "technology")
INDICATOR_FAMILIES = ("KPI", "KCI", "KQI")
ACTION_STATUSES = ("open", "in_progress", "done", "blocked")
SCALE = range(1, 6)


@dataclass(frozen=True)
class Evidence:
    """One item of data support: what it measures, its numbers at writing time, how to redo it."""

    kind: str
    label: str
    numbers: dict[str, Any]
    reference: dict[str, Any]
    quotes: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class Action:
    """One feasible step: what is done, by which department and owner, by when, and its state."""

    step: str
    department: str = ""
    owner: str = ""
    due: date | None = None
    status: str = "open"


@dataclass(frozen=True)
class RootCause:
    """A cause analysis: a 5-whys chain, or fishbone causes as (category, cause) pairs."""

    method: str = "five_whys"
    whys: tuple[str, ...] = ()
    fishbone: tuple[tuple[str, str], ...] = ()

    def is_empty(self) -> bool:
        """Return whether no cause has been written."""
        return not any(w.strip() for w in self.whys) and not self.fishbone


@dataclass(frozen=True)
class Indicator:
    """A monitoring indicator the solution should move: its name and family (KPI/KCI/KQI)."""

    name: str
    family: str = "KCI"


@dataclass(frozen=True)
class Verification:
    """The verification plan: metric, baseline, target, method, sample size and when."""

    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    method: str = ""
    sample_size: int | None = None
    due: date | None = None


@dataclass(frozen=True)
class Solution:
    """A solution draft tied to a cycle, with everything the method asks it to hold."""

    title: str
    cycle_id: int
    problems: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    root_cause: RootCause = field(default_factory=RootCause)
    actions: tuple[Action, ...] = ()
    monitoring: tuple[Indicator, ...] = ()
    verification: Verification = field(default_factory=Verification)
    risks: str = ""
    contingency: str = ""
    support: str = ""
    impact: int = 3
    effort: int = 3
    status: str = "draft"
    owner: str = ""
    id: int | None = None
    version: int = 1


def _is_number(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def missing_for_approval(solution: Solution) -> list[str]:
    """Return the keys of what is missing before the solution may be approved, in form order."""
    plan = solution.verification
    checks = (
        ("data_support", bool(solution.evidence)),
        ("verification_metric", bool(plan.metric.strip())),
        ("verification_baseline", _is_number(plan.baseline)),
        ("verification_target", _is_number(plan.target) and plan.target != plan.baseline),
        ("risks", bool(solution.risks.strip())),
        ("contingency", bool(solution.contingency.strip())),
    )
    return [key for key, present in checks if not present]


def validate_solution(solution: Solution) -> None:
    """Raise InvalidInput when the solution cannot be saved at all (title, problem, scales)."""
    if not solution.title.strip():
        raise InvalidInput("solutions.error.title")
    if not any(p.strip() for p in solution.problems):
        raise InvalidInput("solutions.error.problem")
    if solution.impact not in SCALE or solution.effort not in SCALE:
        raise InvalidInput("solutions.error.scale")
    if solution.status not in STATUSES:
        raise InvalidInput("solutions.error.status", status=solution.status)
    unknown = [e.kind for e in solution.evidence if e.kind not in EVIDENCE_KINDS]
    if unknown:
        raise InvalidInput("solutions.error.evidence_kind", kind=unknown[0])
    missing = missing_for_approval(solution)
    if solution.status in NEEDS_COMPLETE and missing:
        raise InvalidInput("solutions.error.incomplete", missing=", ".join(missing))


def allowed_transitions(status: str) -> tuple[str, ...]:
    """Return the statuses a solution in this status may move to."""
    return TRANSITIONS.get(status, ())


def transition(solution: Solution, new_status: str) -> Solution:
    """Return the solution moved to new_status; raise InvalidInput when the move is not allowed."""
    if new_status not in allowed_transitions(solution.status):
        raise InvalidInput("solutions.error.transition", current=solution.status, target=new_status)
    missing = missing_for_approval(solution)
    if new_status in NEEDS_COMPLETE and missing:
        raise InvalidInput("solutions.error.incomplete", missing=", ".join(missing))
    return replace(solution, status=new_status)


def priority_score(impact: int, effort: int) -> int:
    """Return impact × ease, where ease = 6 − effort (1–5 scales): high impact, low effort first."""
    return impact * (6 - effort)


def priority_band(impact: int, effort: int) -> str:
    """Return the priority band of a solution: high (≥ 15), medium (≥ 8) or low."""
    score = priority_score(impact, effort)
    return "high" if score >= 15 else "medium" if score >= 8 else "low"


def overdue_actions(solution: Solution, as_of: date) -> list[Action]:
    """Return the solution's actions past their due date and not done, as of a given day."""
    return [a for a in solution.actions if a.due and a.due < as_of and a.status != "done"]


def _as_date(value: Any) -> date | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _as_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def solution_from_record(record: dict[str, Any]) -> Solution:
    """Return the Solution held in a stored record (see storage.solutions.load_solution)."""
    cause, plan = record["root_cause"], record["verification"]
    size = plan.get("sample_size")
    return Solution(
        title=str(record["title"]),
        cycle_id=int(record["cycle_id"]),
        problems=tuple(record["problems"]),
        evidence=tuple(
            Evidence(
                e["kind"], e["label"], e["numbers"], e["reference"], tuple(e["quotes"]), e.get("id")
            )
            for e in record["evidence"]
        ),
        root_cause=RootCause(
            cause.get("method", "five_whys"),
            tuple(cause.get("whys", ())),
            tuple((str(c), str(x)) for c, x in cause.get("fishbone", ())),
        ),
        actions=tuple(
            Action(a["step"], a["department"], a["owner"], _as_date(a["due_date"]), a["status"])
            for a in record["actions"]
        ),
        monitoring=tuple(Indicator(m["name"], m["family"]) for m in record["monitoring"]),
        verification=Verification(
            plan.get("metric", ""),
            _as_number(plan.get("baseline")),
            _as_number(plan.get("target")),
            plan.get("method", ""),
            int(size) if size not in (None, "") else None,
            _as_date(plan.get("due")),
        ),
        **{k: record[k] for k in ("risks", "contingency", "support", "status", "owner")},
        impact=int(record["impact"]),
        effort=int(record["effort"]),
        id=int(record["id"]) if record.get("id") is not None else None,
        version=int(record.get("version", 1)),
    )


def solution_to_record(solution: Solution) -> dict[str, Any]:
    """Return the storable record of a Solution (JSON-ready parts, evidence and actions)."""
    plan, cause = solution.verification, solution.root_cause
    return {
        "id": solution.id,
        "version": solution.version,
        "cycle_id": solution.cycle_id,
        "problems": [p for p in solution.problems if p.strip()],
        "root_cause": {
            "method": cause.method,
            "whys": list(cause.whys),
            "fishbone": [list(pair) for pair in cause.fishbone],
        },
        "monitoring": [{"name": m.name, "family": m.family} for m in solution.monitoring],
        "verification": {
            "metric": plan.metric,
            "baseline": plan.baseline,
            "target": plan.target,
            "method": plan.method,
            "sample_size": plan.sample_size,
            "due": plan.due.isoformat() if plan.due else None,
        },
        "evidence": [
            {
                "id": e.id,
                "kind": e.kind,
                "label": e.label,
                "numbers": e.numbers,
                "reference": e.reference,
                "quotes": list(e.quotes),
            }
            for e in solution.evidence
        ],
        "actions": [
            {
                "step": a.step,
                "department": a.department,
                "owner": a.owner,
                "due_date": a.due,
                "status": a.status,
            }
            for a in solution.actions
        ],
        **{
            k: getattr(solution, k)
            for k in (
                "title",
                "risks",
                "contingency",
                "support",
                "impact",
                "effort",
                "status",
                "owner",
            )
        },
    }
