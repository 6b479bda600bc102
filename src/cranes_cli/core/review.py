"""Spaced review: when each question asked before is due again, by FSRS (the scheduler Anki
uses, from the maintained ``fsrs`` package), replayed over the answer history.

A right answer is rated Good and a wrong one Again. The scheduler's learning steps are set to
nothing (``timedelta(0)``), so a missed question is due at once, and a known one comes back
after the interval FSRS gives it (a day, then longer). Fuzzing is off, so the same history
always gives the same schedule. ``fsrs`` is imported only here, and only by ``quiz --due``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class Answered(Protocol):
    @property
    def question(self) -> str: ...
    @property
    def answered(self) -> float: ...
    @property
    def correct(self) -> bool: ...


@dataclass(frozen=True)
class Schedule:
    question: str
    due: datetime.datetime  # UTC
    last_answered: datetime.datetime  # UTC
    reviews: int
    lapses: int  # wrong answers
    stability: float | None  # FSRS's stability in days


def _utc(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.timezone.utc)


def schedules(answers: Iterable[Answered]) -> list[Schedule]:
    """Every question answered at least once, with when it is due, in the order first asked."""
    from fsrs import Card, Rating, Scheduler

    zero = (datetime.timedelta(0),)
    scheduler = Scheduler(learning_steps=zero, relearning_steps=zero, enable_fuzzing=False)
    cards: dict[str, Card] = {}
    counts: dict[str, list[int]] = {}
    last: dict[str, float] = {}
    for answer in sorted(answers, key=lambda answer: answer.answered):
        card = cards.get(answer.question) or Card(card_id=len(cards) + 1)
        rating = Rating.Good if answer.correct else Rating.Again
        cards[answer.question], _ = scheduler.review_card(card, rating, _utc(answer.answered))
        tally = counts.setdefault(answer.question, [0, 0])
        tally[0] += 1
        tally[1] += not answer.correct
        last[answer.question] = answer.answered
    return [
        Schedule(
            question, card.due, _utc(last[question]), counts[question][0], counts[question][1], card.stability
        )
        for question, card in cards.items()
    ]


def due(known: Iterable[Schedule], now: datetime.datetime) -> list[Schedule]:
    """Of ``known`` (from :func:`schedules`), those due at ``now``, the longest overdue first."""
    return sorted((s for s in known if s.due <= now), key=lambda s: (s.due, s.question))


def next_due(known: Iterable[Schedule], now: datetime.datetime) -> Schedule | None:
    """Of ``known`` (from :func:`schedules`), the first due after ``now``."""
    later = [s for s in known if s.due > now]
    return min(later, key=lambda s: (s.due, s.question)) if later else None
