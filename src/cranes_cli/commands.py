"""The command layer: what each command does, in one place. Load the film, ask core one
query, hand the answer to its JSON payload or its view; :func:`run` turns every failure a user
can cause into one line on stderr and an exit status.

As httpie keeps ``cli/`` for the arguments and ``core.py`` for running the program, ``cli/``
only turns a command line into a call of these functions with the run's ``Environment``
(through the Typer app or the fast route); ``cli.spec`` says which options each takes. The
quiz's own machinery is below this module: ``quiz_history`` and ``quiz_play``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cranes_cli.errors import CranesError, ExitCode, NotFound, OutputClosed, UsageProblem

# The largest seed that JSON (a double in most readers) keeps exactly: the --json seed must replay.
MAX_SEED = 2**53 - 1

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

    from rich.console import RenderableType

    from cranes_cli.core import lookup, people, spoilers
    from cranes_cli.core import search as finder
    from cranes_cli.core import timeline as moments
    from cranes_cli.environment import Environment
    from cranes_cli.model import Dataset
    from cranes_cli.render import payloads, views
    from cranes_cli.render.notes import Notes
else:

    class _Later:
        """A module imported when first used: ``--json`` never imports the Rich views, and a
        command imports only the queries it asks."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attribute: str) -> object:
            return getattr(__import__(self._name, fromlist=("_",)), attribute)

    lookup, people, finder, moments, spoilers = (
        _Later(f"cranes_cli.core.{name}") for name in ("lookup", "people", "search", "timeline", "spoilers")
    )
    payloads, views = _Later("cranes_cli.render.payloads"), _Later("cranes_cli.render.views")


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
    dataset = load_dataset(env)
    lookup.require(items(dataset), what)
    return dataset


def seen(env: Environment, dataset: Dataset | None = None) -> Dataset:
    """The film (by default the one in use) as far as the spoiler guard lets it be told
    (core.spoilers.as_of_act), so every view and JSON document of a command is filtered the
    same way."""
    return spoilers.as_of_act(load_dataset(env) if dataset is None else dataset, env.guard)


def _hidden_hint(env: Environment, problem: NotFound) -> NotFound:
    """A not-found under the spoiler guard says that later acts are hidden."""
    act = env.guard
    if act is None:
        return problem
    return NotFound(f"{problem.message}; the spoiler guard hides what comes after act {act}")


def emit(env: Environment, payload: dict[str, Any]) -> None:
    from cranes_cli.render import json_out

    json_out.emit(env, payload)


def draw(env: Environment, view: RenderableType) -> None:
    from cranes_cli.render import terminal

    terminal.console(env).print(view)


def show(
    env: Environment,
    json_: bool,
    payload: Callable[[], dict[str, Any]],
    view: Callable[[], RenderableType],
    cited: Dataset | None = None,
) -> None:
    """Print a command's answer: its JSON document (with a ``sources`` list resolving every
    source key it cites, when ``cited`` is the film) or its view."""
    if not json_:
        return draw(env, view())
    emit(env, payload() if cited is None else payloads.with_sources(payload(), cited))


def notes(dataset: Dataset, cite: bool) -> Notes:
    from cranes_cli.render.notes import Notes

    return Notes(dataset, cite)


def info(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = seen(env)
    card = lookup.title_card(dataset)
    show(env, json_, lambda: payloads.info(card), lambda: views.info(card, notes(dataset, cite)), dataset)


def cast(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = seen(env, load_section(env, "cast", lambda film: film.cast))
    lines = lookup.cast_lines(dataset)
    show(env, json_, lambda: payloads.cast(lines), lambda: views.cast(lines, notes(dataset, cite)), dataset)


def crew(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = load_section(env, "crew", lambda film: film.crew)
    show(
        env, json_, lambda: payloads.crew(dataset), lambda: views.crew(dataset, notes(dataset, cite)), dataset
    )


def plot(env: Environment, act: int | None = None, json_: bool = False) -> None:
    whole = load_dataset(env)
    limit = env.guard
    if act is not None and limit is not None and limit < act <= len(whole.acts):
        raise UsageProblem(f"act {act} comes after the spoiler guard: acts 1 to {limit} can be shown")
    dataset = seen(env, whole)
    acts = lookup.select_acts(dataset, act)
    show(
        env,
        json_,
        lambda: payloads.plot(dataset, acts),
        lambda: views.plot(dataset, acts, total=len(whole.acts)),
    )


def awards(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = load_section(env, "awards", lambda film: film.awards)
    show(
        env,
        json_,
        lambda: payloads.awards(dataset),
        lambda: views.awards(dataset, notes(dataset, cite)),
        dataset,
    )


def facts(env: Environment, cite: bool = False, json_: bool = False) -> None:
    def everything(film: Dataset) -> Sequence[object]:
        play = (film.film.play,) if film.film.play else ()
        return (*film.facts, *film.film.releases, *film.film.admissions, *play)

    dataset = seen(env, load_section(env, "facts", everything))
    show(
        env,
        json_,
        lambda: payloads.facts(dataset),
        lambda: views.facts(dataset, notes(dataset, cite)),
        dataset,
    )


def sources(env: Environment, json_: bool = False) -> None:
    dataset = load_section(env, "sources", lambda film: film.bibliography)
    show(env, json_, lambda: payloads.sources(dataset), lambda: views.sources(dataset))


def search(
    env: Environment,
    words: tuple[str, ...],
    limit: int = 10,
    json_: bool = False,
) -> None:
    from cranes_cli.core.text import did_you_mean, shown

    if limit < 1:
        raise UsageProblem(f"--limit must be 1 or more, not {limit}")
    term = " ".join(words)
    keys = finder.check_term(term)
    entries = finder.index(seen(env))
    hits = finder.rank(entries, keys)
    if not hits:
        problem = NotFound(f"nothing matches {shown(term)}{did_you_mean(finder.suggestions(entries, term))}")
        raise _hidden_hint(env, problem)
    if json_ or env.stdout_is_terminal:
        show(env, json_, lambda: payloads.search(hits[:limit], len(hits)), lambda: views.search(hits[:limit]))
    else:
        from cranes_cli.render import lines

        env.stdout.write(lines.search(hits[:limit]))
    if len(hits) > limit and not json_:
        env.error(f"showing {limit} of {len(hits)} results; --limit {len(hits)} shows them all")


def who(
    env: Environment,
    words: tuple[str, ...],
    cite: bool = False,
    json_: bool = False,
) -> None:
    dataset = seen(env)
    try:
        card = people.who(dataset, " ".join(words))
    except NotFound as problem:
        raise _hidden_hint(env, problem) from None
    show(env, json_, lambda: payloads.who(card), lambda: views.who(card, notes(dataset, cite)), dataset)


def characters(env: Environment, json_: bool = False) -> None:
    groups = people.characters_by_family(
        seen(env, load_section(env, "characters", lambda film: film.characters))
    )
    show(env, json_, lambda: payloads.characters(groups), lambda: views.characters(groups))


def timeline(
    env: Environment,
    history: bool = False,
    cite: bool = False,
    json_: bool = False,
) -> None:
    dataset = seen(env, load_section(env, "plot", lambda film: film.acts))
    story, past = moments.story(dataset), moments.history(dataset) if history else None
    show(
        env,
        json_,
        lambda: payloads.timeline(story, past),
        lambda: views.timeline(story, past, notes(dataset, cite)),
        dataset,
    )


def graph(env: Environment, format_: str = "mermaid", json_: bool = False) -> None:
    from cranes_cli.render import graph as drawing

    drawings: dict[str, Callable[[Dataset], str]] = {"mermaid": drawing.mermaid, "dot": drawing.dot}
    if format_ not in drawings:
        raise UsageProblem(f"unknown format {format_!r}: choose from {', '.join(drawings)}")
    dataset = seen(env, load_section(env, "characters", lambda film: film.characters))
    if json_:
        return emit(env, drawing.document(dataset))
    env.stdout.write_bytes(drawings[format_](dataset).encode("utf-8"))


def validate(env: Environment, paths: tuple[str, ...] = (), json_: bool = False) -> int:
    """Check film files (by default the one in use); exit 1 if any has a problem."""
    from cranes_cli import load

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
    missed: bool = False,
    due: bool = False,
    again: bool = False,
    handout: bool = False,
    export: str | None = None,
    encode: str | None = None,
    json_: bool = False,
) -> int | None:
    """Make a quiz; print it (--json, --export) or play it, keeping its answers in the history."""
    from cranes_cli import quiz_history
    from cranes_cli.core.quiz import make_quiz
    from cranes_cli.identity import film_id
    from cranes_cli.render import quiz_views

    export = "markdown" if handout else export
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise UsageProblem(f"--seed must be from 0 to {MAX_SEED} (2**53 - 1), not {seed}")
    if again and seed is None:
        raise UsageProblem(
            "--again needs a --seed: it replays the quiz of that seed (cranes quiz --seed N --again)"
        )
    if encode is not None and export != "opentdb":
        raise UsageProblem("--encode is for --export opentdb only")
    whole = load_dataset(env)  # the engine applies the guard itself and must see what it hides
    limit, film = env.guard, film_id(whole.film.title, whole.film.year)
    if limit is not None:
        spoilers.check_act(whole, limit)  # before the history is opened, let alone written
    playing = not (export or json_)
    record = quiz_history.open_history(env, film) if playing or missed or due or again else None
    try:
        if due and json_:
            emit(env, quiz_history.due_questions(record, whole, limit, film))
            return None
        plan = quiz_history.plan(
            env, record, film, whole, limit, seed, missed=missed, due=due, again=again, playing=playing
        )
        made = make_quiz(
            whole,
            seed=plan.seed,
            count=count,
            difficulties=difficulty,
            topics=topic,
            up_to_act=limit,
            only_ids=plan.only_ids,
            prefer=plan.prefer,
        )
        if playing:
            from cranes_cli import quiz_play

            again = plan.prefer is not None
            replay = quiz_history.replay_command(
                made, difficulty, topic, env.up_to_act_option, missed, due, again
            )
            hooks = quiz_history.play_hooks(env, record, film, made, plan, missed)
            return quiz_play.play(env, made, replay, *hooks)
    finally:
        if record is not None:
            record.connection.close()
    if json_:
        emit(env, quiz_views.open_trivia(made))
    else:
        from cranes_cli.render import exports

        text = exports.export(made, export or "markdown", whole.film.title, whole.film.year, encode)
        env.stdout.write_bytes(text.encode("utf-8"))
    return None


def stats(env: Environment, json_: bool = False) -> None:
    """What the quiz history says of this film's quizzes. Under the spoiler guard the
    questions missed most are only those a quiz with the same guard could ask."""
    from cranes_cli import quiz_history
    from cranes_cli.render import stats_views

    dataset = load_dataset(env)
    found = quiz_history.stats(env, dataset)
    if json_:
        return emit(env, stats_views.payload(found))
    draw(env, stats_views.view(found, env.width))
