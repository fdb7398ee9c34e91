"""Surveys and KANO: import, scoring, drivers and KANO speed against raw baselines, plus checks.

Uses the public airline satisfaction (14 touchpoint ratings) and Make School NPS files when
present; the KANO part runs on generated answers and always works.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench._data import dataset
from cxdash.drivers import key_drivers
from cxdash.ingest.readers import read_table
from cxdash.kano import ANSWERS, analyse
from cxdash.storage import open_store
from cxdash.storage.survey_responses import import_responses, survey_answers
from cxdash.storage.surveys import create_survey, survey_questions
from cxdash.survey_scores import driver_frame, question_scores
from cxdash.surveys import Question, parse_responses


def _measure(func: Callable[[], Any], memory: bool = True) -> tuple[float, float, Any]:
    """Return seconds (untraced run), peak traced MiB (a second, traced run) and the result."""
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    if not memory:
        return seconds, float("nan"), result
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, result


def _row(name: str, ours: tuple[float, float, Any], base: tuple[float, float, Any]) -> str:
    """Return one table row: times, ratio and peak memory of ours against the baseline."""
    ratio = ours[0] / base[0] if base[0] else float("nan")
    return (
        f"| {name} | {ours[0]:.3f} s | {base[0]:.3f} s | {ratio:.1f}× | "
        f"{ours[1]:.0f} MiB | {base[1]:.0f} MiB |".replace("nan MiB", "–")
    )


def _kano_rows(n_people: int = 100_000, needs: int = 10) -> list[str]:
    """Return the KANO timing row on generated answers (1M pairs by default)."""
    rng = np.random.default_rng(0)
    size = n_people * needs
    answers = pd.DataFrame(
        {
            "feature": np.repeat([f"need {i}" for i in range(needs)], n_people),
            "functional": rng.choice(ANSWERS, size),
            "dysfunctional": rng.choice(ANSWERS, size),
        }
    )
    ours = _measure(lambda: analyse(answers))
    base = _measure(
        lambda: pd.crosstab(answers["feature"], [answers["functional"], answers["dysfunctional"]])
    )
    return [_row(f"KANO analysis, {size:,} answer pairs", ours, base)]


def _airline_rows(path: Path, workdir: Path) -> list[str]:
    """Return import, scoring and driver rows on the airline file, with the driver figures."""
    raw = path.read_bytes()
    read = _measure(lambda: read_table(raw, path.name).frame)
    frame = read[2]
    touchpoints = list(frame.columns[7:21])
    qs = [Question(f"q{i + 1}", "csat", c) for i, c in enumerate(touchpoints)]
    qs.append(Question("sat", "single", "satisfaction", options=("satisfied", "other")))
    store = open_store(workdir / "airline.duckdb")
    survey = create_survey(store, "Airline", qs, purpose="relationship")

    def load() -> int:
        people, answers = parse_responses(frame, qs)
        return import_responses(store, survey, people, answers)

    imported = _measure(load, memory=False)
    answers = survey_answers(store, survey)
    stored = survey_questions(store, survey)
    scores = _measure(lambda: question_scores(answers, stored))
    numeric = answers.dropna(subset=["value_num"])
    base_scores = _measure(lambda: numeric.groupby("question_key")["value_num"].mean())
    wide, drivers = driver_frame(answers, stored, "sat", "satisfied")
    fit = _measure(lambda: key_drivers(wide, "sat", drivers))
    complete = wide[["sat", *drivers]].dropna().to_numpy(float)
    base_fit = _measure(lambda: np.linalg.lstsq(complete[:, 1:], complete[:, 0], rcond=None))
    store.close()
    top = fit[2].head(3)
    names = {q.key: q.text for q in stored}
    leaders = ", ".join(
        f"{names[d]} β={b:.3f}" for d, b in top[["driver", "beta"]].itertuples(index=False)
    )
    return [
        _row(f"Import {imported[2]:,} airline respondents (14 ratings)", imported, read),
        _row(f"Score 14 questions with CIs ({len(answers):,} answers)", scores, base_scores),
        _row("Key drivers (standardised OLS with p-values)", fit, base_fit),
        "",
        f"Airline driver analysis on {fit[2].attrs['n']:,} complete respondents: "
        f"R² {fit[2].attrs['r_squared']:.3f}; strongest drivers {leaders}.",
    ]


def _makeschool_lines(path: Path) -> list[str]:
    """Return the Make School NPS overall, per week and per location (with 95% CIs)."""
    frame = read_table(path.read_bytes(), path.name).frame
    qs = [Question("nps", "nps", "Rating (Num)")]

    def scored(by: str | None) -> pd.DataFrame:
        renamed = frame.rename(columns={by: "segment"}) if by else frame
        people, answers = parse_responses(renamed, qs, True)
        answers = answers.merge(people, on="respondent")
        answers = answers.rename(columns={"respondent": "response_id"})
        return question_scores(answers, qs, "segment") if by else question_scores(answers, qs)

    overall = scored(None)
    weeks = ", ".join(f"{v:.1f}" for v in scored("Week")["value"])
    places = "; ".join(
        f"{r.segment} {r.value:.1f} (CI {r.low:.1f} to {r.high:.1f}, n {r.n:,})"
        for r in scored("Location").itertuples(index=False)
    )
    return [
        f"Make School 2017 NPS: {overall['value'].item():.1f} "
        f"(95% CI {overall['low'].item():.1f} to {overall['high'].item():.1f}, "
        f"n {overall['n'].item():,}); by week {weeks} (dataset note: 44.1; 35.1 … 77.8).",
        "",
        f"Make School 2017 NPS by location: {places}.",
    ]


def run() -> str:
    """Return the Markdown section of the survey and KANO benchmarks."""
    lines = [
        "## Surveys and KANO",
        "",
        "| step | cxdash | raw baseline | ratio | peak memory | baseline memory |",
        "|---|---|---|---|---|---|",
    ]
    lines += _kano_rows()
    airline = dataset("airline_passenger_satisfaction", "airline_passenger_satisfaction_20k.csv")
    with tempfile.TemporaryDirectory() as tmp:
        extra = _airline_rows(airline, Path(tmp)) if airline else ["", "Airline file absent."]
    lines += extra
    school = dataset("makeschool_nps_2017", "Student-Feedback-2017.csv")
    lines += ["", *(_makeschool_lines(school) if school else ["Make School file absent."])]
    lines += [
        "",
        "Baselines: KANO against one pandas crosstab; import against reading the file; scoring "
        "against a plain groupby mean; drivers against numpy least squares without inference.",
    ]
    return "\n".join(lines)
