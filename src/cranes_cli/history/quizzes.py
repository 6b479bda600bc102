"""The quiz's use of its history, below the command layer: opening it for what a command needs,
what ``--missed``, ``--due`` and ``--again`` ask, each answer recorded as it is given, the
replay hint, and what ``cranes stats`` reads. A history a command can do without (a plain quiz,
``--again``) is a warning when it cannot be used; one it needs is an error."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cranes_cli.errors import CranesError, NotFound

if TYPE_CHECKING:
    from cranes_cli.core.quiz import Question, Quiz
    from cranes_cli.core.quiz.judge import Verdict
    from cranes_cli.core.quiz.session import Session
    from cranes_cli.core.stats import Stats
    from cranes_cli.environment import Environment
    from cranes_cli.film.model import Dataset
    from cranes_cli.history.database import History


@contextlib.contextmanager
def opened(env: Environment, film: str, *, write: bool, needed: bool) -> Iterator[History | None]:
    """The history, open for the ``with`` block and closed after it. To ``write`` it is created
    if need be (the old last-quiz.json's misses imported once). Where it cannot be used, a
    command that ``needed`` it fails with the reason; any other is warned and given None."""
    from cranes_cli.history import database, last_quiz

    try:
        directory = env.data_dir
        record = database.open_history(
            directory, env.warn, film, lambda: last_quiz.read_missed(directory, env.warn), write=write
        )
    except CranesError as problem:
        if needed:
            raise
        env.warn(
            f"{problem.message}; {'this quiz is not recorded' if write else 'the quiz is made without it'}"
        )
        record = None
    if record is None:
        yield None
        return
    with record:
        yield record


def stats(env: Environment, dataset: Dataset) -> tuple[Stats, str]:
    """The numbers of ``cranes stats`` for this film, under the spoiler guard, and the history's
    path; NotFound when nothing is recorded yet."""
    import datetime

    from cranes_cli.core import stats as numbers
    from cranes_cli.core.quiz import prompts
    from cranes_cli.film.identity import film_id
    from cranes_cli.history.schema import IMPORTED

    film = film_id(dataset.film.title, dataset.film.year)
    with opened(env, film, write=False, needed=True) as record:
        assert record is not None
        answers, runs, path = record.answers(film), record.runs(film), record.path
    if not answers:
        raise NotFound(f"no quiz answers recorded yet for {dataset.film.title}: play one with `cranes quiz`")
    limit = env.guard
    found = numbers.stats(
        film,
        answers,
        seeds={run.id: run.seed for run in runs},
        today=datetime.date.today(),
        day_of=datetime.date.fromtimestamp,
        prompts=prompts(dataset, limit),
        imported_runs=[run.id for run in runs if run.kind == IMPORTED],
        only_known=limit is not None,
    )
    return found, path


@dataclass(frozen=True)
class Plan:
    """What a quiz asks, from its options and the history: its seed, only these questions
    (--missed, --due) or any, when each question was last asked (to ask the others first),
    and whether that preference is this run's own (no seed given) rather than --again's."""

    seed: int
    only_ids: tuple[str, ...] | None
    prefer: dict[str, float] | None
    preferring: bool = False


def plan(
    record: History | None,
    film: str,
    dataset: Dataset,
    up_to_act: int | None,
    seed: int | None,
    *,
    missed: bool,
    due: bool,
    again: bool,
    playing: bool,
) -> Plan:
    """``--again`` with a seed prefers, as that seed's run did, what was new before it; with no
    seed, a played quiz prefers questions never or least recently asked."""
    import random

    only_ids = missed_questions(record, film) if missed else None
    if due:
        only_ids = due_ids(record, dataset, up_to_act, film)
    prefer: dict[str, float] | None = None
    if seed is not None:
        if again and record is not None:
            given = seed
            prefer = _optional(record, lambda: _asked_before_run(record, film, given))
        return Plan(seed, only_ids, prefer)
    seed = random.SystemRandom().randrange(1, 1_000_000)
    if playing and not (missed or due) and record is not None:
        prefer = _optional(record, lambda: record.last_asked(film) or None)
    return Plan(seed, only_ids, prefer, preferring=prefer is not None)


def _asked_before_run(record: History, film: str, seed: int) -> dict[str, float] | None:
    started = record.preferred_run(film, seed)
    return None if started is None else record.last_asked(film, before=started)


def _optional(record: History, read: Callable[[], dict[str, float] | None]) -> dict[str, float] | None:
    """What only orders the questions: a history that cannot be read then is a warning."""
    try:
        return read()
    except CranesError as problem:
        record.warn(f"{problem.message}; the questions are asked in the seed's order")
        return None


def _needed(record: History | None) -> History:
    if record is None:  # the command layer opens the history as needed for these
        raise CranesError("the quiz history cannot be read")
    return record


def due_questions(
    record: History | None, dataset: Dataset, up_to_act: int | None, film: str
) -> dict[str, Any]:
    """What --due asks (and --due --json lists): the questions FSRS says are due now, among
    those these options can ask, the longest overdue first; and the next one due after."""
    import datetime

    from cranes_cli.core import review
    from cranes_cli.core.quiz import prompts as pool_prompts

    prompts = pool_prompts(dataset, up_to_act)
    answers = [answer for answer in _needed(record).answers(film) if answer.question in prompts]
    now = datetime.datetime.now(datetime.timezone.utc)

    def item(schedule: review.Schedule) -> dict[str, Any]:
        return {
            "id": schedule.question,
            "question": prompts[schedule.question],
            "due": schedule.due.isoformat(timespec="seconds"),
            "last_answered": schedule.last_answered.isoformat(timespec="seconds"),
            "reviews": schedule.reviews,
            "lapses": schedule.lapses,
        }

    known = review.schedules(answers)  # every answer replayed through the scheduler, once
    later = review.next_due(known, now)
    return {
        "film": film,
        "due": [item(schedule) for schedule in review.due(known, now)],
        "next_due": None if later is None else item(later),
    }


def due_ids(record: History | None, dataset: Dataset, up_to_act: int | None, film: str) -> tuple[str, ...]:
    """What --due asks; NotFound, saying when the next one is due, when nothing is due now."""
    import datetime

    from cranes_cli.core.quiz.english import date_words

    schedule = due_questions(record, dataset, up_to_act, film)
    if schedule["due"]:
        return tuple(item["id"] for item in schedule["due"])
    later = schedule["next_due"]
    if later is None:
        raise NotFound("no question is due for review now")
    moment = datetime.datetime.fromisoformat(later["due"]).astimezone(datetime.timezone.utc)
    when = f"{date_words(moment.date())} at {moment:%H:%M} UTC"
    raise NotFound(f"no question is due for review now; the next is due on {when}")


def missed_questions(record: History | None, film: str) -> tuple[str, ...]:
    """What --missed asks: the last quiz's misses not since answered right."""
    left = _needed(record).still_missed(film)
    if not left:
        raise NotFound("no missed questions from the last quiz left to ask again")
    return tuple(left)


class Recorder:
    """Each answer of a played quiz, saved as it is given (its own transaction; the run starts
    with the first answer, recorded as asking new questions first, the misses again, or
    plain). An answer the history cannot take now (busy past the timeout) is kept and saved
    with the next one, or at the end; what is never saved is said once."""

    def __init__(self, env: Environment, record: History | None, film: str, made: Quiz, kind: int) -> None:
        self.env, self.record, self.film, self.made, self.kind = env, record, film, made, kind
        self.run: int | None = None
        self.pending: list[tuple[Question, Verdict, float, float]] = []
        self.warned = False

    def answer(self, question: Question, verdict: Verdict, seconds: float) -> None:
        import time

        if self.record is None or not self.record.writable:
            return
        self.pending.append((question, verdict, seconds, time.time()))
        self._save()

    def finish(self, session: Session) -> None:
        if self.pending:
            self._save()
        if self.pending:
            count = len(self.pending)
            self.env.warn(
                f"{count} answer{'s' if count > 1 else ''} of this quiz could not be saved in the history"
            )

    def _save(self) -> None:
        """Save what is pending; a refusal is a warning (once), and what was not saved stays."""
        import sqlite3

        assert self.record is not None
        try:
            if self.run is None:
                made, first = self.made, self.pending[0][3]  # the run starts with its first answer
                self.run = self.record.start_run(
                    self.film, made.seed, len(made.questions), self.kind, now=first
                )
            while self.pending:
                question, verdict, seconds, when = self.pending[0]
                self.record.record(
                    self.run,
                    self.film,
                    question.id,
                    question.topic,
                    question.difficulty,
                    verdict.option,
                    verdict.correct,
                    seconds,
                    prompt=question.prompt,
                    now=when,
                )
                self.pending.pop(0)
        except sqlite3.Error as error:
            if not self.warned:
                self.env.warn(f"the quiz history cannot take this answer now ({error}); it will try again")
                self.warned = True


def run_kind(plan: Plan, missed: bool) -> int:
    from cranes_cli.history.schema import PLAYED, PREFERRED, REPLAY

    return PREFERRED if plan.preferring else REPLAY if missed else PLAYED


def replay_command(
    made: Quiz,
    difficulty: tuple[str, ...],
    topic: tuple[str, ...],
    up_to_act: int | None,
    missed: bool,
    due: bool,
    again: bool,
) -> str:
    """The command that asks this quiz again, for the closing hint; none under --due (what is
    due changes with every answer, so no command asks the same quiz again)."""
    if due:
        return ""
    words = ["cranes", "quiz", "--seed", str(made.seed), "--count", str(len(made.questions))]
    words += [part for value in difficulty for part in ("--difficulty", value)]
    words += [part for value in topic for part in ("--topic", value)]
    if up_to_act is not None:
        words += ["--up-to-act", str(up_to_act)]
    flags = (("--missed", missed), ("--due", due), ("--again", again))
    return " ".join(words + [name for name, given in flags if given])
