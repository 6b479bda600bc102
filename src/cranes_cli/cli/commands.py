"""What each command does, in one place: load the film, ask core one query, hand the answer
to its JSON payload or its view.

Both entry routes call these functions with the run's ``Environment``: the Typer app
(``cli.app``) and the fast route (``cli.route``); ``cli.spec`` says which options each takes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from cranes_cli.errors import CranesError, ExitCode, NotFound, OutputClosed, UsageProblem

if TYPE_CHECKING:
    from rich.console import RenderableType

    from cranes_cli import history_db
    from cranes_cli.core.quiz import Question, Verdict
    from cranes_cli.environment import Environment
    from cranes_cli.model import Dataset


def run(env: Environment, body: Callable[[], int | None]) -> int:
    """Run a command body; every failure a user can cause becomes one line on stderr and an
    exit status, never a traceback. A body may return its own exit status."""
    try:
        status = body()
    except CranesError as problem:
        env.error(problem.message)
        return problem.exit_code
    except OutputClosed:
        return ExitCode.OK
    except KeyboardInterrupt:
        env.error("interrupted")
        return ExitCode.INTERRUPTED
    return status or ExitCode.OK


def load_dataset(env: Environment) -> Dataset:
    from cranes_cli.load import load_path

    return load_path(env.data)


def load_section(env: Environment, what: str, items: Callable[[Dataset], Sequence[object]]) -> Dataset:
    """The film, when it has something in the section a command shows; else NotFound."""
    from cranes_cli.core import lookup

    dataset = load_dataset(env)
    lookup.require(items(dataset), what)
    return dataset


def guard(env: Environment, up_to_act: int | None) -> int | None:
    """The spoiler guard: --up-to-act, else $CRANES_UP_TO_ACT, else none."""
    return up_to_act if up_to_act is not None else env.up_to_act


def as_seen(env: Environment, dataset: Dataset, up_to_act: int | None) -> Dataset:
    """The film as far as the spoiler guard lets it be told (core.spoilers.as_of_act), so
    every view and JSON document of a command is filtered the same way."""
    from cranes_cli.core.spoilers import as_of_act

    return as_of_act(dataset, guard(env, up_to_act))


def _hidden_hint(env: Environment, up_to_act: int | None, problem: NotFound) -> NotFound:
    """A not-found under the spoiler guard says that later acts are hidden."""
    act = guard(env, up_to_act)
    if act is None:
        return problem
    return NotFound(f"{problem.message}; the spoiler guard hides what comes after act {act}")


def emit(env: Environment, payload: dict[str, Any]) -> None:
    from cranes_cli.render import json_out

    json_out.emit(env, payload)


def draw(env: Environment, view: RenderableType) -> None:
    from cranes_cli.render import terminal

    terminal.console(env).print(view)


def emit_cited(env: Environment, payload: dict[str, Any], dataset: Dataset) -> None:
    """A lookup's JSON with a ``sources`` list resolving every source key it cites."""
    from cranes_cli.render import payloads

    emit(env, payloads.with_sources(payload, dataset))


def notes(dataset: Dataset, cite: bool) -> Any:
    from cranes_cli.render.notes import Notes

    return Notes(dataset, cite)


def info(env: Environment, up_to_act: int | None = None, cite: bool = False, json_: bool = False) -> None:
    from cranes_cli.core import lookup
    from cranes_cli.render import payloads

    dataset = as_seen(env, load_dataset(env), up_to_act)
    card = lookup.title_card(dataset)
    if json_:
        return emit_cited(env, payloads.info(card), dataset)
    from cranes_cli.render import views

    draw(env, views.info(card, notes(dataset, cite)))


def cast(env: Environment, up_to_act: int | None = None, cite: bool = False, json_: bool = False) -> None:
    from cranes_cli.core import lookup
    from cranes_cli.render import payloads

    dataset = as_seen(env, load_section(env, "cast", lambda film: film.cast), up_to_act)
    lines = lookup.cast_lines(dataset)
    if json_:
        return emit_cited(env, payloads.cast(lines), dataset)
    from cranes_cli.render import views

    draw(env, views.cast(lines, notes(dataset, cite)))


def crew(env: Environment, cite: bool = False, json_: bool = False) -> None:
    from cranes_cli.render import payloads

    dataset = load_section(env, "crew", lambda film: film.crew)
    if json_:
        return emit_cited(env, payloads.crew(dataset), dataset)
    from cranes_cli.render import views

    draw(env, views.crew(dataset, notes(dataset, cite)))


def plot(env: Environment, act: int | None = None, up_to_act: int | None = None, json_: bool = False) -> None:
    from cranes_cli.core import lookup
    from cranes_cli.render import payloads

    whole = load_dataset(env)
    dataset = as_seen(env, whole, up_to_act)
    limit = guard(env, up_to_act)
    if act is not None and limit is not None and limit < act <= len(whole.acts):
        raise UsageProblem(f"act {act} comes after the spoiler guard: acts 1 to {limit} can be shown")
    acts = lookup.select_acts(dataset, act)
    if json_:
        return emit(env, payloads.plot(dataset, acts))
    from cranes_cli.render import views

    draw(env, views.plot(dataset, acts, total=len(whole.acts)))


def awards(env: Environment, cite: bool = False, json_: bool = False) -> None:
    from cranes_cli.render import payloads

    dataset = load_section(env, "awards", lambda film: film.awards)
    if json_:
        return emit_cited(env, payloads.awards(dataset), dataset)
    from cranes_cli.render import views

    draw(env, views.awards(dataset, notes(dataset, cite)))


def facts(env: Environment, cite: bool = False, up_to_act: int | None = None, json_: bool = False) -> None:
    from cranes_cli.render import payloads

    def everything(film: Dataset) -> Sequence[object]:
        play = (film.film.play,) if film.film.play else ()
        return (*film.facts, *film.film.releases, *film.film.admissions, *play)

    dataset = as_seen(env, load_section(env, "facts", everything), up_to_act)
    if json_:
        return emit_cited(env, payloads.facts(dataset), dataset)
    from cranes_cli.render import views

    draw(env, views.facts(dataset, notes(dataset, cite)))


def sources(env: Environment, json_: bool = False) -> None:
    from cranes_cli.render import payloads

    dataset = load_section(env, "sources", lambda film: film.bibliography)
    if json_:
        return emit(env, payloads.sources(dataset))
    from cranes_cli.render import views

    draw(env, views.sources(dataset))


def search(
    env: Environment,
    words: tuple[str, ...],
    limit: int = 10,
    up_to_act: int | None = None,
    json_: bool = False,
) -> None:
    from cranes_cli.core import search as finder
    from cranes_cli.core.text import did_you_mean, shown
    from cranes_cli.render import payloads

    if limit < 1:
        raise UsageProblem(f"--limit must be 1 or more, not {limit}")
    term = " ".join(words)
    keys = finder.check_term(term)
    entries = finder.index(as_seen(env, load_dataset(env), up_to_act))
    hits = finder.rank(entries, keys)
    if not hits:
        problem = NotFound(f"nothing matches {shown(term)}{did_you_mean(finder.suggestions(entries, term))}")
        raise _hidden_hint(env, up_to_act, problem)
    if json_:
        return emit(env, payloads.search(hits[:limit], len(hits)))
    if env.stdout_is_terminal:
        from cranes_cli.render import views

        draw(env, views.search(hits[:limit]))
    else:
        from cranes_cli.render import lines

        env.stdout.write(lines.search(hits[:limit]))
    if len(hits) > limit:
        env.error(f"showing {limit} of {len(hits)} results; --limit {len(hits)} shows them all")


def who(
    env: Environment,
    words: tuple[str, ...],
    up_to_act: int | None = None,
    cite: bool = False,
    json_: bool = False,
) -> None:
    from cranes_cli.core import people
    from cranes_cli.render import payloads

    dataset = as_seen(env, load_dataset(env), up_to_act)
    try:
        card = people.who(dataset, " ".join(words))
    except NotFound as problem:
        raise _hidden_hint(env, up_to_act, problem) from None
    if json_:
        return emit_cited(env, payloads.who(card), dataset)
    from cranes_cli.render import views

    draw(env, views.who(card, notes(dataset, cite)))


def characters(env: Environment, up_to_act: int | None = None, json_: bool = False) -> None:
    from cranes_cli.core import people
    from cranes_cli.render import payloads

    dataset = load_section(env, "characters", lambda film: film.characters)
    groups = people.characters_by_family(as_seen(env, dataset, up_to_act))
    if json_:
        return emit(env, payloads.characters(groups))
    from cranes_cli.render import views

    draw(env, views.characters(groups))


def timeline(
    env: Environment,
    history: bool = False,
    up_to_act: int | None = None,
    cite: bool = False,
    json_: bool = False,
) -> None:
    from cranes_cli.core import timeline as moments
    from cranes_cli.render import payloads

    dataset = as_seen(env, load_section(env, "plot", lambda film: film.acts), up_to_act)
    story, past = moments.story(dataset), moments.history(dataset) if history else None
    if json_:
        return emit_cited(env, payloads.timeline(story, past), dataset)
    from cranes_cli.render import views

    draw(env, views.timeline(story, past, notes(dataset, cite)))


def graph(
    env: Environment, format_: str = "mermaid", up_to_act: int | None = None, json_: bool = False
) -> None:
    from cranes_cli.render import graph as drawing

    drawings: dict[str, Callable[[Dataset], str]] = {"mermaid": drawing.mermaid, "dot": drawing.dot}
    if format_ not in drawings:
        raise UsageProblem(f"unknown format {format_!r}: choose from {', '.join(drawings)}")
    dataset = as_seen(env, load_section(env, "characters", lambda film: film.characters), up_to_act)
    if json_:
        return emit(env, drawing.document(dataset))
    env.stdout.write_bytes(drawings[format_](dataset).encode("utf-8"))


def validate(env: Environment, paths: tuple[str, ...] = (), json_: bool = False) -> int:
    """Check film files (by default the one in use); exit 1 if any has a problem."""
    from cranes_cli import load
    from cranes_cli.render import payloads

    files = paths or (env.data or load.bundled_path(),)
    reports = [(path, load.problems_in(path)) for path in files]
    if json_:
        emit(env, payloads.validate(reports))
    else:
        from cranes_cli.render import lines

        env.stdout.write(lines.validate(reports))
    return ExitCode.FAILURE if any(problems for _, problems in reports) else ExitCode.OK


def schema(env: Environment) -> None:
    from cranes_cli.schema import dumps

    env.stdout.write_bytes(dumps().encode("utf-8"))


def quiz(
    env: Environment,
    count: int | None = None,
    seed: int | None = None,
    difficulty: tuple[str, ...] = (),
    topic: tuple[str, ...] = (),
    up_to_act: int | None = None,
    missed: bool = False,
    due: bool = False,
    again: bool = False,
    handout: bool = False,
    export: str | None = None,
    encode: str | None = None,
    json_: bool = False,
) -> int:
    """Make a quiz; print it (--json, --handout, --export) or play it. Returns the exit status."""
    from cranes_cli import history
    from cranes_cli.core import quiz as engine
    from cranes_cli.identity import film_id

    check_outputs(handout=handout, export=export, encode=encode, json_=json_)
    if due and missed:
        raise UsageProblem("--due and --missed cannot be used together: choose one set of questions to ask")
    if again and (seed is None or missed or due):
        raise UsageProblem("--again replays the quiz of a --seed, not with --missed or --due")

    whole = load_dataset(env)
    dataset = as_seen(env, whole, up_to_act)
    film = film_id(whole.film.title, whole.film.year)
    playing = not (handout or export or json_)
    record = open_history(env, film) if playing or missed or due or again else None
    try:
        only_ids = missed_questions(env, record, film) if missed else None
        if due:
            schedule = due_questions(record, dataset, guard(env, up_to_act), film)
            if json_:
                emit(env, schedule)
                return ExitCode.OK
            only_ids = tuple(item["id"] for item in schedule["due"])
            if not only_ids:
                later = schedule["next_due"]
                when = f"; the next is due at {later['due']}" if later else ""
                raise NotFound(f"no question is due for review now{when}")
        prefer: dict[str, float] | None = None
        if again and record is not None and seed is not None:
            started = record.preferred_run(film, seed)
            prefer = None if started is None else record.last_asked(film, before=started)
        preferring = False
        if seed is None:
            import random

            seed = random.SystemRandom().randrange(1, 1_000_000)
            if playing and not (missed or due) and record is not None:
                prefer = record.last_asked(film) or None
                preferring = prefer is not None
        made = engine.make_quiz(
            dataset,
            seed=seed,
            count=count,
            difficulties=difficulty,
            topics=topic,
            up_to_act=guard(env, up_to_act),
            only_ids=only_ids,
            prefer=prefer,
        )
        from cranes_cli.render import quiz_views

        if json_:
            emit(env, quiz_views.open_trivia(made))
            return ExitCode.OK
        if handout:
            env.stdout.write_bytes(quiz_views.handout(made, dataset.film.title).encode("utf-8"))
            return ExitCode.OK
        if export is not None:
            from cranes_cli.render import exports

            text = exports.export(made, export, dataset.film.title, dataset.film.year, encode)
            env.stdout.write_bytes(text.encode("utf-8"))
            return ExitCode.OK

        from cranes_cli.cli.quiz_session import play
        from cranes_cli.core.quiz import Session

        def remember(session: Session) -> None:
            missed_ids = tuple(question.id for question in session.missed)
            history.write_last_run(history.LastRun(made.seed, missed_ids), env.warn, env.data_dir)

        on_answer = None
        if record is not None:
            from cranes_cli import history_db

            kind = history_db.PREFERRED if preferring else history_db.REPLAY if missed else history_db.PLAYED
            on_answer = answer_recorder(env, record, film, made.seed, len(made.questions), kind)
        replay = replay_command(made.seed, len(made.questions), difficulty, topic, up_to_act, missed)
        if due:
            replay += " --due"
        if prefer is not None:
            replay += " --again"
        return play(made, replay, remember, on_answer)
    finally:
        if record is not None:
            record.connection.close()


def stats(env: Environment, up_to_act: int | None = None, json_: bool = False) -> None:
    """What the quiz history says of this film's quizzes. Under the spoiler guard the
    questions missed most are only those a quiz with the same guard could ask."""
    import datetime
    import os

    from cranes_cli import history_db
    from cranes_cli.core import stats as numbers
    from cranes_cli.core.quiz import question_pool
    from cranes_cli.render import stats_views

    dataset = load_dataset(env)
    film = history_db.film_id(dataset.film.title, dataset.film.year)
    nothing = NotFound(f"no quiz answers recorded yet for {dataset.film.title}: play one with `cranes quiz`")
    if not os.path.isfile(history_db.database_path(env.data_dir)):
        raise nothing
    record = history_db.open_history(env.data_dir, env.warn, film)
    if record is None:
        raise CranesError("the quiz history cannot be read (see the warning above)")
    with record:
        answers, runs = record.answers(film), record.runs(film)
    if not answers:
        raise nothing
    limit = guard(env, up_to_act)
    found = numbers.stats(
        film,
        answers,
        seeds={run[0]: run[2] for run in runs},
        today=datetime.date.today(),
        day_of=datetime.date.fromtimestamp,
        prompts={q.id: q.prompt for q in question_pool(as_seen(env, dataset, up_to_act), limit)},
        imported_runs=[run[0] for run in runs if run[3] == history_db.IMPORTED],
        only_known=limit is not None,
    )
    if json_:
        return emit(env, stats_views.payload(found))
    draw(env, stats_views.view(found, env.width))


def open_history(env: Environment, film: str) -> history_db.History | None:
    """The answer history (warnings, never failures); last-quiz.json's misses imported once."""
    from cranes_cli import history, history_db

    def legacy() -> tuple[str, ...] | None:
        last = history.read_last_run(env.warn, env.data_dir)
        return None if last is None else last.missed

    return history_db.open_history(env.data_dir, env.warn, film, legacy)


def due_questions(
    record: history_db.History | None, dataset: Dataset, up_to_act: int | None, film: str
) -> dict[str, Any]:
    """What --due asks (and --due --json lists): the questions FSRS says are due now, among
    those these options can ask, the longest overdue first; and the next one due after."""
    import datetime

    from cranes_cli.core import review
    from cranes_cli.core.quiz import question_pool

    if record is None:
        raise CranesError("the quiz history cannot be read (see the warning above), so nothing can be due")
    prompts = {question.id: question.prompt for question in question_pool(dataset, up_to_act)}
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

    later = review.next_due(answers, now)
    return {
        "film": film,
        "due": [item(schedule) for schedule in review.due(answers, now)],
        "next_due": None if later is None else item(later),
    }


def missed_questions(env: Environment, record: history_db.History | None, film: str) -> tuple[str, ...]:
    """What --missed asks: the last quiz's misses not since answered right (from the history,
    else from last-quiz.json where the history cannot be used)."""
    from cranes_cli import history

    if record is not None:
        left = record.still_missed(film)
        if not left:
            raise NotFound("no missed questions from the last quiz left to ask again")
        return tuple(left)
    last = history.read_last_run(env.warn, env.data_dir)
    if last is None or not last.missed:
        raise NotFound("no missed questions from the last quiz to ask again")
    return last.missed


def answer_recorder(
    env: Environment, record: history_db.History, film: str, seed: int, count: int, kind: int
) -> Callable[[Question, Verdict, float], None]:
    """Record each answer as it is given (its own transaction); the run starts with the first."""
    import sqlite3

    run: list[int] = []

    def on_answer(question: Question, verdict: Verdict, seconds: float) -> None:
        try:
            if not run:
                run.append(record.start_run(film, seed, count, kind))
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

    return on_answer


def check_outputs(*, handout: bool, export: str | None, encode: str | None, json_: bool) -> None:
    """One way of printing a quiz at a time; --encode only with --export opentdb."""
    chosen = [
        name for name, given in (("--handout", handout), ("--export", export), ("--json", json_)) if given
    ]
    if len(chosen) > 1:
        raise UsageProblem(
            f"{' and '.join(chosen)} cannot be used together: choose one way to print the quiz"
        )
    if encode is not None and export != "opentdb":
        raise UsageProblem("--encode is for --export opentdb only")


def replay_command(
    seed: int,
    count: int,
    difficulty: tuple[str, ...],
    topic: tuple[str, ...],
    up_to_act: int | None,
    missed: bool,
) -> str:
    words = ["cranes", "quiz", "--seed", str(seed), "--count", str(count)]
    words += [part for value in difficulty for part in ("--difficulty", value)]
    words += [part for value in topic for part in ("--topic", value)]
    if up_to_act is not None:
        words += ["--up-to-act", str(up_to_act)]
    if missed:
        words.append("--missed")
    return " ".join(words)
