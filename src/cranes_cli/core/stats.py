"""What the answer history says about one film's player: runs, answers, right and wrong, per
topic and per difficulty, the streak of days, the best run, the questions missed most.

Pure: it takes the recorded answers (``history.database.Answer``) and the day it is today, and
returns records; nothing here reads the database or the clock.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from cranes_cli.core.choices import DIFFICULTIES, TOPICS

MOST_MISSED = 5


class Answered(Protocol):
    """One recorded answer, as the history database gives it."""

    @property
    def run(self) -> int: ...
    @property
    def question(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def difficulty(self) -> str: ...
    @property
    def answered(self) -> float: ...
    @property
    def correct(self) -> bool: ...


@dataclass(frozen=True)
class Tally:
    name: str
    answers: int
    right: int

    @property
    def wrong(self) -> int:
        return self.answers - self.right

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.answers) if self.answers else 0


@dataclass(frozen=True)
class Streak:
    current: int  # days in a row with an answer, up to today (or yesterday: today may yet come)
    longest: int
    days: int  # days with at least one answer


@dataclass(frozen=True)
class BestRun:
    run: int
    seed: int | None
    right: int
    answers: int
    days_ago: int


@dataclass(frozen=True)
class Missed:
    id: str
    question: str  # its text in the film in use, else its id
    wrong: int
    asked: int


@dataclass(frozen=True)
class Stats:
    film: str
    runs: int
    total: Tally
    by_topic: tuple[Tally, ...]
    by_difficulty: tuple[Tally, ...]
    streak: Streak
    best_run: BestRun | None
    most_missed: tuple[Missed, ...]


def _tallies(
    answers: Sequence[Answered], key: Callable[[Answered], str], order: Sequence[str]
) -> tuple[Tally, ...]:
    asked: Counter[str] = Counter(key(answer) for answer in answers)
    right: Counter[str] = Counter(key(answer) for answer in answers if answer.correct)
    known = [name for name in order if asked[name]]
    others = sorted(name for name in asked if name not in order)  # from another version, or imported ("")
    return tuple(Tally(name or "unknown", asked[name], right[name]) for name in (*known, *others))


def streak(days: Iterable[datetime.date], today: datetime.date) -> Streak:
    unique = sorted(set(days))
    longest = run = 0
    previous: datetime.date | None = None
    for day in unique:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if unique and (today - unique[-1]).days <= 1:
        current = run
    return Streak(current, longest, len(unique))


def stats(
    film: str,
    answers: Sequence[Answered],
    seeds: Mapping[int, int | None],
    today: datetime.date,
    day_of: Callable[[float], datetime.date],
    prompts: Mapping[str, str],
    imported_runs: Iterable[int] = (),
    only_known: bool = False,
) -> Stats:
    """The statistics of ``answers`` (all of one film). ``seeds`` gives each run's seed,
    ``day_of`` the local day of a Unix time, ``prompts`` the question texts by id; answers of
    ``imported_runs`` (the old last-quiz.json's misses) count as misses but not as a run.
    With ``only_known`` the questions missed most are only those in ``prompts`` (under the
    spoiler guard, a question's id could name a character met later)."""
    imported = set(imported_runs)
    played = [answer for answer in answers if answer.run not in imported]
    by_run: dict[int, list[Answered]] = {}
    for answer in played:
        by_run.setdefault(answer.run, []).append(answer)
    best = None
    if by_run:
        run, chosen = max(
            by_run.items(),
            key=lambda item: (sum(a.correct for a in item[1]), -len(item[1]), -item[0]),
        )
        best = BestRun(
            run,
            seeds.get(run),
            sum(a.correct for a in chosen),
            len(chosen),
            (today - day_of(chosen[-1].answered)).days,
        )
    wrong: Counter[str] = Counter(answer.question for answer in answers if not answer.correct)
    asked: Counter[str] = Counter(answer.question for answer in answers)
    missed = sorted(wrong, key=lambda question: (-wrong[question], -asked[question], question))
    if only_known:
        missed = [question for question in missed if question in prompts]
    return Stats(
        film=film,
        runs=len(by_run),
        total=Tally("all", len(answers), sum(answer.correct for answer in answers)),
        by_topic=_tallies(answers, lambda answer: answer.topic, TOPICS),
        by_difficulty=_tallies(answers, lambda answer: answer.difficulty, DIFFICULTIES),
        streak=streak((day_of(answer.answered) for answer in played), today),
        best_run=best,
        most_missed=tuple(
            Missed(question, prompts.get(question, question), wrong[question], asked[question])
            for question in missed[:MOST_MISSED]
        ),
    )
