"""The quiz's use of its history, below the command layer: what ``--missed``, ``--due`` and
``--again`` ask, each answer recorded as it is given, the replay hint, and what ``cranes stats``
reads. Failures to read the history are warnings (through the run's ``Environment``) unless
the command cannot do without it."""

from __future__ import annotations

from collections.abc import Callable

from cranes_cli.errors import CranesError, NotFound

TYPE_CHECKING = False  # not typing's: typing.NamedTuple compiles each field's annotation
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    from cranes_cli.core.quiz import Question, Quiz
    from cranes_cli.core.quiz.judge import Verdict
    from cranes_cli.core.quiz.session import Session
    from cranes_cli.core.stats import Stats
    from cranes_cli.environment import Environment
    from cranes_cli.film.model import Dataset
    from cranes_cli.history import database
else:
    from cranes_cli.named_tuple import NamedTuple


def stats(env: Environment, dataset: Dataset) -> Stats:
    """The numbers of ``cranes stats`` for this film, under the spoiler guard (``--up-to-act``
    as given, else the environment's); NotFound when nothing is recorded yet."""
    import datetime
    import os

    from cranes_cli.core import stats as numbers
    from cranes_cli.core.quiz import prompts
    from cranes_cli.film.identity import film_id
    from cranes_cli.history import database

    film = film_id(dataset.film.title, dataset.film.year)
    nothing = NotFound(f"no quiz answers recorded yet for {dataset.film.title}: play one with `cranes quiz`")
    if not os.path.isfile(database.database_path(env.data_dir)):
        raise nothing
    record = database.open_history(env.data_dir, env.warn, film)
    if record is None:
        raise CranesError("the quiz history cannot be read (see the warning above)")
    with record:
        answers, runs = record.answers(film), record.runs(film)
    if not answers:
        raise nothing
    limit = env.guard
    return numbers.stats(
        film,
        answers,
        seeds={run.id: run.seed for run in runs},
        today=datetime.date.today(),
        day_of=datetime.date.fromtimestamp,
        prompts=prompts(dataset, limit),
        imported_runs=[run.id for run in runs if run.kind == database.IMPORTED],
        only_known=limit is not None,
    )


class Plan(NamedTuple):
    """What a quiz asks, from its options and the history: its seed, only these questions
    (--missed, --due) or any, when each question was last asked (to ask the others first),
    and whether that preference is this run's own (no seed given) rather than --again's."""

    seed: int
    only_ids: tuple[str, ...] | None
    prefer: dict[str, float] | None
    preferring: bool = False


def plan(
    env: Environment,
    record: database.History | None,
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

    only_ids = missed_questions(env, record, film) if missed else None
    if due:
        only_ids = due_ids(record, dataset, up_to_act, film)
    prefer: dict[str, float] | None = None
    if again and record is not None and seed is not None:
        started = record.preferred_run(film, seed)
        prefer = None if started is None else record.last_asked(film, before=started)
    if seed is not None:
        return Plan(seed, only_ids, prefer)
    seed = random.SystemRandom().randrange(1, 1_000_000)
    if playing and not (missed or due) and record is not None:
        prefer = record.last_asked(film) or None
    return Plan(seed, only_ids, prefer, preferring=prefer is not None)


def open_history(env: Environment, film: str) -> database.History | None:
    """The answer history (warnings, never failures); last-quiz.json's misses imported once."""
    from cranes_cli.history import database, last_quiz

    def legacy() -> tuple[str, ...] | None:
        last = last_quiz.read_last_run(env.warn, env.data_dir)
        return None if last is None else last.missed

    return database.open_history(env.data_dir, env.warn, film, legacy)


def due_questions(
    record: database.History | None, dataset: Dataset, up_to_act: int | None, film: str
) -> dict[str, Any]:
    """What --due asks (and --due --json lists): the questions FSRS says are due now, among
    those these options can ask, the longest overdue first; and the next one due after."""
    import datetime

    from cranes_cli.core import review
    from cranes_cli.core.quiz import prompts as pool_prompts

    if record is None:
        raise CranesError("the quiz history cannot be read (see the warning above), so nothing can be due")
    prompts = pool_prompts(dataset, up_to_act)
    answers = [answer for answer in record.answers(film) if answer.question in prompts]
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


def due_ids(
    record: database.History | None, dataset: Dataset, up_to_act: int | None, film: str
) -> tuple[str, ...]:
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


def missed_questions(env: Environment, record: database.History | None, film: str) -> tuple[str, ...]:
    """What --missed asks: the last quiz's misses not since answered right (from the history,
    else from last-quiz.json where the history cannot be used)."""
    from cranes_cli.history import last_quiz

    if record is not None:
        left = record.still_missed(film)
        if not left:
            raise NotFound("no missed questions from the last quiz left to ask again")
        return tuple(left)
    last = last_quiz.read_last_run(env.warn, env.data_dir)
    if last is None or not last.missed:
        raise NotFound("no missed questions from the last quiz to ask again")
    return last.missed


def play_hooks(
    env: Environment, record: database.History | None, film: str, made: Quiz, plan: Plan, missed: bool
) -> tuple[Callable[[Session], None], Callable[[Question, Verdict, float], None]]:
    """What a played quiz keeps: each answer as it is given (its own transaction; the run
    starts with the first answer, recorded as asking new questions first, the misses again,
    or plain) and, at the end, the misses in last-quiz.json."""
    import sqlite3

    from cranes_cli.history import database, last_quiz

    kind = database.PREFERRED if plan.preferring else database.REPLAY if missed else database.PLAYED

    run: list[int] = []

    def on_answer(question: Question, verdict: Verdict, seconds: float) -> None:
        if record is None:
            return
        try:
            if not run:
                run.append(record.start_run(film, made.seed, len(made.questions), kind))
            record.record(
                run[0],
                film,
                question.id,
                question.topic,
                question.difficulty,
                verdict.option,
                verdict.correct,
                seconds,
            )
        except sqlite3.Error as error:
            env.warn(f"this answer could not be saved in the quiz history: {error}")

    def on_finish(session: Session) -> None:
        missed = tuple(question.id for question in session.missed)
        last_quiz.write_last_run(last_quiz.LastRun(made.seed, missed), env.warn, env.data_dir)

    return on_finish, on_answer


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
