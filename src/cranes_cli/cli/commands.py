"""What each command does, in one place: load the film, ask core, hand the answer to a view.

Both entry routes call these functions: the Typer app (``cli.app``), and the fast route in
``cli/__init__.py`` that runs the common invocations without importing Typer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from cranes_cli.errors import CranesError, ExitCode, NotFound, UsageProblem
from cranes_cli.render import terminal

if TYPE_CHECKING:
    from cranes_cli.model import Dataset


def run(body: Callable[[], int | None]) -> int:
    """Run a command body; every failure a user can cause becomes one line on stderr and an
    exit status, never a traceback. A body may return its own exit status."""
    try:
        status = body()
    except CranesError as problem:
        terminal.error(problem.message)
        return problem.exit_code
    except BrokenPipeError:
        terminal.silence_stdout()
    except KeyboardInterrupt:
        terminal.error("interrupted")
        return ExitCode.INTERRUPTED
    return status or ExitCode.OK


DATA_ENV = "CRANES_DATA"
# The film file given with the global --data option, which wins over $CRANES_DATA.
_data_option: str | None = None


def use_data(path: str | None) -> None:
    global _data_option
    _data_option = path


def data_path() -> str | None:
    """The film file to use: --data, else $CRANES_DATA if set and not empty, else None
    (the bundled film)."""
    return _data_option if _data_option is not None else os.environ.get(DATA_ENV) or None


def load_dataset() -> Dataset:
    from cranes_cli.load import load_path

    return load_path(data_path())


def present(json_: bool, view: str, *data: Any) -> None:
    """Print the named view of ``data``: JSON from ``render.payloads`` or a Rich view from
    ``render.views`` (both modules have one function per command, with the same name)."""
    if json_:
        from cranes_cli.render import json_out, payloads

        json_out.emit(getattr(payloads, view)(*data))
    else:
        from cranes_cli.render import views

        terminal.stdout_console().print(getattr(views, view)(*data))


def info(json_: bool = False) -> None:
    present(json_, "info", load_dataset())


def load_section(what: str, items: Callable[[Dataset], Sequence[object]]) -> Dataset:
    """The film, when it has something in the section a command shows; else NotFound."""
    from cranes_cli.core.lookup import require

    dataset = load_dataset()
    require(items(dataset), what)
    return dataset


def cast(json_: bool = False) -> None:
    present(json_, "cast", load_section("cast", lambda film: film.cast))


def crew(json_: bool = False) -> None:
    present(json_, "crew", load_section("crew", lambda film: film.crew))


def plot(act: int | None = None, json_: bool = False) -> None:
    from cranes_cli.core.lookup import select_acts

    dataset = load_dataset()
    present(json_, "plot", dataset, select_acts(dataset, act))


def awards(json_: bool = False) -> None:
    present(json_, "awards", load_section("awards", lambda film: film.awards))


def facts(json_: bool = False) -> None:
    def everything(film: Dataset) -> Sequence[object]:
        play = (film.film.play,) if film.film.play else ()
        return (*film.facts, *film.film.releases, *film.film.admissions, *play)

    present(json_, "facts", load_section("facts", everything))


def search(words: tuple[str, ...], limit: int = 10, json_: bool = False) -> None:
    from cranes_cli.core import search as finder
    from cranes_cli.core.text import did_you_mean, shown

    if limit < 1:
        raise UsageProblem(f"--limit must be 1 or more, not {limit}")
    term = " ".join(words)
    keys = finder.check_term(term)
    entries = finder.index(load_dataset())
    hits = finder.rank(entries, keys)
    if not hits:
        raise NotFound(f"nothing matches {shown(term)}{did_you_mean(finder.suggestions(entries, term))}")
    if json_:
        from cranes_cli.render import json_out, payloads

        json_out.emit(payloads.search(hits[:limit], len(hits)))
        return
    if terminal.stdout_is_terminal():
        present(False, "search", hits[:limit])
    else:
        from cranes_cli.render import lines

        terminal.write_text(lines.search(hits[:limit]))
    if len(hits) > limit:
        terminal.error(f"showing {limit} of {len(hits)} results; --limit {len(hits)} shows them all")


def who(words: tuple[str, ...], json_: bool = False) -> None:
    from cranes_cli.core import people

    present(json_, "who", people.who(load_dataset(), " ".join(words)))


def characters(json_: bool = False) -> None:
    from cranes_cli.core import people

    dataset = load_section("characters", lambda film: film.characters)
    present(json_, "characters", people.characters_by_family(dataset))


def timeline(history: bool = False, json_: bool = False) -> None:
    from cranes_cli.core import timeline as moments

    dataset = load_section("plot", lambda film: film.acts)
    present(json_, "timeline", moments.story(dataset), moments.history(dataset) if history else None)


def graph(format_: str = "mermaid") -> None:
    from cranes_cli.core.choices import GRAPH_FORMATS
    from cranes_cli.render import graph as drawing

    if format_ not in GRAPH_FORMATS:
        raise UsageProblem(f"unknown format {format_!r}: choose from {', '.join(GRAPH_FORMATS)}")
    text = getattr(drawing, format_)(load_section("characters", lambda film: film.characters))
    terminal.write_bytes(text.encode("utf-8"))


def validate(paths: tuple[str, ...] = (), json_: bool = False) -> int:
    """Check film files (by default the one in use); exit 1 if any has a problem."""
    from cranes_cli import load

    files = paths or (data_path() or load.bundled_path(),)
    reports = [(path, load.problems_in(path)) for path in files]
    if json_:
        from cranes_cli.render import json_out, payloads

        json_out.emit(payloads.validate(reports))
    else:
        from cranes_cli.render import lines

        terminal.write_text(lines.validate(reports))
    return ExitCode.FAILURE if any(problems for _, problems in reports) else ExitCode.OK


def schema() -> None:
    from cranes_cli.schema import dumps

    terminal.write_bytes(dumps().encode("utf-8"))


def quiz(
    count: int | None = None,
    seed: int | None = None,
    difficulty: tuple[str, ...] = (),
    topic: tuple[str, ...] = (),
    up_to_act: int | None = None,
    missed: bool = False,
    handout: bool = False,
    json_: bool = False,
) -> int:
    """Make a quiz; print it (--json, --handout) or play it. Returns the exit status."""
    from cranes_cli import history
    from cranes_cli.core import quiz as engine

    dataset = load_dataset()
    only_ids = None
    if missed:
        last = history.read_last_run(terminal.warn)
        if last is None or not last.missed:
            raise NotFound("no missed questions from the last quiz to ask again")
        only_ids = last.missed
    if seed is None:
        import random

        seed = random.SystemRandom().randrange(1, 1_000_000)
    made = engine.make_quiz(
        dataset,
        seed=seed,
        count=count,
        difficulties=difficulty,
        topics=topic,
        up_to_act=up_to_act,
        only_ids=only_ids,
    )
    from cranes_cli.render import quiz_views

    if json_:
        from cranes_cli.render import json_out

        json_out.emit(quiz_views.open_trivia(made))
        return ExitCode.OK
    if handout:
        terminal.write_bytes(quiz_views.handout(made, dataset.film.title).encode("utf-8"))
        return ExitCode.OK

    from cranes_cli.cli.quiz_session import play
    from cranes_cli.core.quiz import Session

    def remember(session: Session) -> None:
        missed_ids = tuple(question.id for question in session.missed)
        history.write_last_run(history.LastRun(made.seed, missed_ids), terminal.warn)

    replay = replay_command(made.seed, len(made.questions), difficulty, topic, up_to_act, missed)
    return play(made, replay, remember)


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


# The options each command takes, for the fast route: option → (parameter, type), and
# the parameter that gathers its words, if it takes any (``cranes search cranes flying``).
# tests/test_fast_route.py checks this against the Typer app's own parameters.
Options = dict[str, tuple[str, type]]
JSON: Options = {"--json": ("json_", bool)}
# Options of type str (choices) are left to Typer, which checks them.


class Command(NamedTuple):
    function: Callable[..., int | None]
    options: Options
    words: str | None = None


COMMANDS: dict[str, Command] = {
    "info": Command(info, JSON),
    "cast": Command(cast, JSON),
    "crew": Command(crew, JSON),
    "plot": Command(plot, {**JSON, "--act": ("act", int), "-a": ("act", int)}),
    "awards": Command(awards, JSON),
    "facts": Command(facts, JSON),
    "search": Command(search, {**JSON, "--limit": ("limit", int), "-n": ("limit", int)}, "words"),
    "who": Command(who, JSON, "words"),
    "characters": Command(characters, JSON),
    "timeline": Command(timeline, {**JSON, "--history": ("history", bool)}),
    "graph": Command(graph, {"--format": ("format_", str), "-f": ("format_", str)}),
    "validate": Command(validate, JSON, "paths"),
    "schema": Command(schema, {}),
    "quiz": Command(
        quiz,
        {
            **JSON,
            "--count": ("count", int),
            "-n": ("count", int),
            "--seed": ("seed", int),
            "--up-to-act": ("up_to_act", int),
            "--missed": ("missed", bool),
            "--handout": ("handout", bool),
            "--difficulty": ("difficulty", str),
            "--topic": ("topic", str),
        },
    ),
}
