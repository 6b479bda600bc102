"""What every command shares: :func:`run` turns every failure a user can cause into one line on
stderr and an exit status; the film is loaded (and seen through the spoiler guard) one way; an
answer is printed as JSON or as a view one way. The commands themselves are beside this module:
``film`` (the lookups), ``film_files`` (validate, schema) and ``quiz`` (quiz, stats).

As httpie keeps ``cli/`` for the arguments and ``core.py`` for running the program, ``cli/``
only turns a command line into a call of a command function with the run's ``Environment``
(through the Typer app or the fast route); ``cli.spec`` says which options each takes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cranes_cli.errors import CranesError, ExitCode, NotFound, OutputClosed

__all__ = [
    "MAX_SEED",
    "draw",
    "emit",
    "finder",
    "guarded",
    "hidden_hint",
    "load_dataset",
    "load_section",
    "lookup",
    "moments",
    "notes",
    "payloads",
    "people",
    "run",
    "show",
    "spoilers",
    "views",
    "whole_film",
]

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
    from cranes_cli.film.model import Dataset
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
    exit status, never a traceback (Ctrl-C is the entry point's: ``cli.main``). A body may
    return its own exit status."""
    try:
        status = body()
    except CranesError as problem:
        env.error(problem.message)
        return problem.exit_code
    except OutputClosed:
        return ExitCode.OK
    return status or ExitCode.OK


def load_dataset(env: Environment) -> Dataset:
    """The film in use as far as the spoiler guard lets it be told (core.spoilers.as_of_act):
    the way a command gets its film, so every view and JSON document of every command is
    filtered the same way, and none can forget to."""
    return guarded(env, whole_film(env))


def whole_film(env: Environment) -> Dataset:
    """The film in use with nothing hidden, for the commands that must see what the guard
    hides: plot (how many acts there are), quiz and stats (the quiz engine hides it itself)."""
    from cranes_cli.film.load import load_path

    return load_path(env.data)


def guarded(env: Environment, whole: Dataset) -> Dataset:
    """``whole`` as far as the spoiler guard lets it be told (no guard: ``whole`` itself, without
    importing the guard's module)."""
    act = env.guard
    return whole if act is None else spoilers.as_of_act(whole, act)


def load_section(env: Environment, what: str, items: Callable[[Dataset], Sequence[object]]) -> Dataset:
    """The film as :func:`load_dataset` gives it, when the whole film has something in the
    section a command shows; else NotFound."""
    whole = whole_film(env)
    lookup.require(items(whole), what)
    return guarded(env, whole)


def hidden_hint(env: Environment, problem: NotFound) -> NotFound:
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

    # In a pipe no line is cut at the width: a whole line (an address) may be longer.
    terminal.console(env).print(view, crop=env.stdout_is_terminal)


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
