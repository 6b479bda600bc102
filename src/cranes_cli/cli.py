"""Typer wiring only: parse options, call core, hand the result to a view.

Rich and the views are imported inside the commands that draw with them, so ``--json`` and
shell completion never load Rich.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from cranes_cli import __version__
from cranes_cli.errors import CranesError, ExitCode
from cranes_cli.render import terminal

if TYPE_CHECKING:
    from cranes_cli.model import Dataset

EXIT_STATUS_HELP = (
    "Exit status: 0 success; 1 broken data file or nothing found; 2 usage error "
    "(bad option, act out of range); 130 interrupted."
)

app = typer.Typer(
    name="cranes",
    help=f"""Film trivia and lookup for The Cranes Are Flying (Летят журавли, 1957).

\b
Examples:
  cranes info
  cranes cast
  cranes plot --act 2
  cranes cast --json | jq -r '.cast[].actor.name'

{EXIT_STATUS_HELP}
""",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table (see README).")
]

Command = TypeVar("Command", bound=Callable[..., None])


def guarded(command: Command) -> Command:
    """Turn every failure a user can cause into one line on stderr and an exit status."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except CranesError as problem:
            terminal.error(problem.message)
            raise typer.Exit(problem.exit_code) from None
        except BrokenPipeError:
            terminal.silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            terminal.error("interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


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


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"cranes {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())
        raise typer.Exit()


@app.command()
@guarded
def info(json_: JsonFlag = False) -> None:
    """A title card: titles, year, director, running time, studio, top award, synopsis.

    \b
    Examples:
      cranes info
      cranes info --json | jq -r .film.original_title
    """
    dataset = load_dataset()
    present(json_, "info", dataset)


@app.command()
@guarded
def cast(json_: JsonFlag = False) -> None:
    """The cast in billing order: actor (with Cyrillic), character, who the character is.

    \b
    Examples:
      cranes cast
      cranes cast --json | jq -r '.cast[] | "\\(.actor.name) plays \\(.character.name)"'
    """
    dataset = load_dataset()
    present(json_, "cast", dataset)


@app.command()
@guarded
def crew(json_: JsonFlag = False) -> None:
    """Who did what behind the camera, with names in Cyrillic and other spellings.

    \b
    Examples:
      cranes crew
      cranes crew --json | jq -r '.crew[] | select(.role == "music") | .name'
    """
    dataset = load_dataset()
    present(json_, "crew", dataset)


@app.command()
@guarded
def plot(
    act: Annotated[int | None, typer.Option("--act", "-a", help="Show only this act (1, 2, ...).")] = None,
    json_: JsonFlag = False,
) -> None:
    """The story act by act, or one act with --act N.

    \b
    Examples:
      cranes plot
      cranes plot --act 2
      cranes plot --json | jq -r '.acts[] | "\\(.number). \\(.title)"'
    """
    from cranes_cli.core.lookup import select_acts

    dataset = load_dataset()
    acts = select_acts(dataset, act)
    present(json_, "plot", dataset, acts)


@app.command()
@guarded
def awards(json_: JsonFlag = False) -> None:
    """Wins and nominations, grouped by festival or awards body.

    \b
    Examples:
      cranes awards
      cranes awards --json | jq '.awards[] | select(.result == "won") | .category'
    """
    dataset = load_dataset()
    present(json_, "awards", dataset)


@app.command()
@guarded
def facts(json_: JsonFlag = False) -> None:
    """History and reception, box office and releases per country.

    \b
    Examples:
      cranes facts
      cranes facts --json | jq -r '.releases[] | "\\(.date) \\(.country)"'
    """
    dataset = load_dataset()
    present(json_, "facts", dataset)


def main() -> None:
    """The console script: ``cranes``."""
    try:
        app(prog_name="cranes")
    except KeyboardInterrupt:
        terminal.error("interrupted")
        raise SystemExit(ExitCode.INTERRUPTED) from None
