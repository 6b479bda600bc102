"""What each command does, in one place: load the film, ask core, hand the answer to a view.

Both entry routes call these functions: the Typer app (``cli.app``), and the fast route in
``cli/__init__.py`` that runs the common invocations without importing Typer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cranes_cli.errors import CranesError, ExitCode
from cranes_cli.render import terminal

if TYPE_CHECKING:
    from cranes_cli.model import Dataset


def run(body: Callable[[], None]) -> int:
    """Run a command body; every failure a user can cause becomes one line on stderr and an
    exit status, never a traceback."""
    try:
        body()
    except CranesError as problem:
        terminal.error(problem.message)
        return problem.exit_code
    except BrokenPipeError:
        terminal.silence_stdout()
    except KeyboardInterrupt:
        terminal.error("interrupted")
        return ExitCode.INTERRUPTED
    return ExitCode.OK


def load_dataset() -> Dataset:
    from cranes_cli.load import load_path

    return load_path()


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


def cast(json_: bool = False) -> None:
    present(json_, "cast", load_dataset())


def crew(json_: bool = False) -> None:
    present(json_, "crew", load_dataset())


def plot(act: int | None = None, json_: bool = False) -> None:
    from cranes_cli.core.lookup import select_acts

    dataset = load_dataset()
    present(json_, "plot", dataset, select_acts(dataset, act))


def awards(json_: bool = False) -> None:
    present(json_, "awards", load_dataset())


def facts(json_: bool = False) -> None:
    present(json_, "facts", load_dataset())


# The options each command takes, for the fast route: option → (parameter, type).
# tests/test_fast_route.py checks this against the Typer app's own parameters.
Options = dict[str, tuple[str, type]]
JSON: Options = {"--json": ("json_", bool)}
COMMANDS: dict[str, tuple[Callable[..., None], Options]] = {
    "info": (info, JSON),
    "cast": (cast, JSON),
    "crew": (crew, JSON),
    "plot": (plot, {**JSON, "--act": ("act", int), "-a": ("act", int)}),
    "awards": (awards, JSON),
    "facts": (facts, JSON),
}
