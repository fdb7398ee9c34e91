"""The one-page upward report (step 7), in the method's order, every number traced to evidence.

The order follows the method's advice for reporting upward: what customers say, what the problem
is, why it happens, what we propose, how we execute and verify it, and what support we need.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cxdash.i18n import translate
from cxdash.solutions import Evidence, Solution, priority_band, priority_score

SECTION_ORDER = ("customers_say", "problem", "cause", "proposal", "execution", "support")
MAX_QUOTES = 3


@dataclass(frozen=True)
class Figure:
    """A number shown to a manager, with the evidence it comes from and how to reproduce it."""

    label: str
    value: str
    source: str


@dataclass(frozen=True)
class Chart:
    """A bar series for a chart: title, category labels, values and its evidence source."""

    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    source: str


@dataclass(frozen=True)
class Section:
    """One block of the report: its key, heading, lines, figures, quotes and an optional chart."""

    key: str
    heading: str
    lines: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[str, ...] = ()
    chart: Chart | None = None


@dataclass(frozen=True)
class Report:
    """The one-page report: title, subtitle, language and its sections in the method's order."""

    title: str
    subtitle: str
    lang: str
    sections: tuple[Section, ...]


def describe_reference(evidence: Evidence, lang: str) -> str:
    """Return how the evidence can be reproduced: its kind, filter and period, as text."""
    ref = evidence.reference
    parts = [f"{k}={v}" for k, v in sorted(ref.items()) if k not in ("terms", "start", "end")]
    if ref.get("terms"):
        parts.append("text~" + "|".join(str(t) for t in ref["terms"]))
    if ref.get("start"):
        parts.append(f"{ref['start']}…{ref.get('end', '')}")
    kind = translate(f"solutions.evidence_kind.{evidence.kind}", lang)
    return f"{kind}: {evidence.label} ({'; '.join(parts)})"


def _evidence_figures(evidence: Evidence, lang: str) -> list[Figure]:
    nums, source = evidence.numbers, describe_reference(evidence, lang)
    if "matched" in nums:
        value = translate(
            "report.figure.matched",
            lang,
            matched=f"{nums['matched']:,}",
            total=f"{nums['total']:,}",
            share=f"{nums['share_pct']:.1f}",
        )
        return [Figure(evidence.label, value, source)]
    return [
        Figure(f"{evidence.label}: {k}", str(v), source)
        for k, v in nums.items()
        if isinstance(v, int | float)
    ]


def _evidence_chart(solutions: list[Solution], lang: str) -> Chart | None:
    for solution in solutions:
        for item in solution.evidence:
            monthly = item.numbers.get("monthly")
            if monthly:
                title = translate("report.chart.monthly", lang, label=item.label)
                return Chart(
                    title,
                    tuple(monthly),
                    tuple(float(v) for v in monthly.values()),
                    describe_reference(item, lang),
                )
    return None


def _customers_say(solutions: list[Solution], lang: str) -> Section:
    evidence = [e for s in solutions for e in s.evidence]
    figures = tuple(f for e in evidence for f in _evidence_figures(e, lang))
    quotes = tuple(q for e in evidence for q in e.quotes)[:MAX_QUOTES]
    lines = () if evidence else (translate("report.none.evidence", lang),)
    return Section(
        "customers_say",
        translate("report.section.customers_say", lang),
        lines,
        figures,
        quotes,
        _evidence_chart(solutions, lang),
    )


def _cause_lines(solution: Solution, lang: str) -> list[str]:
    cause = solution.root_cause
    if cause.method == "fishbone":
        return [
            f"[{translate(f'solutions.fishbone.{c}', lang)}] {text}" for c, text in cause.fishbone
        ]
    return [
        translate("report.why", lang, n=i + 1, text=w)
        for i, w in enumerate(cause.whys)
        if w.strip()
    ]


def _proposal_lines(solution: Solution, lang: str) -> list[str]:
    band = translate(f"solutions.priority.{priority_band(solution.impact, solution.effort)}", lang)
    head = translate(
        "report.proposal",
        lang,
        title=solution.title,
        band=band,
        score=priority_score(solution.impact, solution.effort),
    )
    return [head] + [f"{i + 1}. {a.step}" for i, a in enumerate(solution.actions)]


def _execution_lines(solution: Solution, lang: str) -> list[str]:
    lines = [
        translate(
            "report.action",
            lang,
            step=a.step,
            department=a.department or "—",
            due=a.due.isoformat() if a.due else "—",
        )
        for a in solution.actions
    ]
    if solution.monitoring:
        names = ", ".join(f"{m.name} ({m.family})" for m in solution.monitoring)
        lines.append(translate("report.monitoring", lang, indicators=names))
    plan = solution.verification
    if plan.metric:
        lines.append(
            translate(
                "report.verification",
                lang,
                metric=plan.metric,
                baseline=_num(plan.baseline),
                target=_num(plan.target),
                method=plan.method or "—",
                n=plan.sample_size if plan.sample_size else "—",
                due=plan.due.isoformat() if plan.due else "—",
            )
        )
    lines += [translate("report.risks", lang, text=solution.risks)] if solution.risks else []
    if solution.contingency:
        lines.append(translate("report.contingency", lang, text=solution.contingency))
    return lines


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _per_solution(key: str, solutions: list[Solution], lang: str, build: Any) -> Section:
    lines: list[str] = []
    for solution in solutions:
        found = build(solution, lang)
        if len(solutions) > 1 and found:
            lines.append(f"■ {solution.title}")
        lines += found
    if not lines:
        lines = [translate(f"report.none.{key}", lang)]
    return Section(key, translate(f"report.section.{key}", lang), tuple(lines))


def build_report(solutions: list[Solution], title: str, lang: str, as_of: date) -> Report:
    """Return the one-page report of one or more solutions, its sections in the method's order."""
    sections = (
        _customers_say(solutions, lang),
        _per_solution("problem", solutions, lang, lambda s, _lang: list(s.problems)),
        _per_solution("cause", solutions, lang, _cause_lines),
        _per_solution("proposal", solutions, lang, _proposal_lines),
        _per_solution("execution", solutions, lang, _execution_lines),
        _per_solution(
            "support", solutions, lang, lambda s, _lang: [s.support] if s.support else []
        ),
    )
    subtitle = translate("report.subtitle", lang, n=len(solutions), date=as_of.isoformat())
    return Report(title, subtitle, lang, sections)


def with_live_numbers(solution: Solution, live: dict[int, dict[str, Any]]) -> Solution:
    """Return the solution with evidence numbers replaced by live recounts (keyed by position)."""
    evidence = tuple(
        replace(e, numbers=live[i]) if i in live else e for i, e in enumerate(solution.evidence)
    )
    return replace(solution, evidence=evidence)


def safe_stem(text: str, fallback: str = "report") -> str:
    """Return text made safe as a file name stem (letters, digits, - and _; at most 60)."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:60].strip("-")
    return stem or fallback


def report_filename(report: Report, extension: str) -> str:
    """Return a safe download file name for the report in the given format."""
    return f"{safe_stem(report.title)}.{extension}"
