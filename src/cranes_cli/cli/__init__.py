"""The ``cranes`` entry point.

Importing Typer costs more than the whole floor of the start-up benchmark, so the plain,
valid invocations (``cranes cast --json``, ``cranes plot --act 2``) are run straight from
``commands``. Anything else (help, completion, a typo, a bad value) goes to the Typer app,
which owns all parsing errors and help text.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence

from cranes_cli.errors import ExitCode

_INTEGER = re.compile(r"-?[0-9]+")


def fast_route(args: Sequence[str]) -> Callable[[], int | None] | None:
    """The command to run for ``args`` if they are plainly valid, else None (use Typer)."""
    from cranes_cli.cli import commands

    if not args or any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    data, args = _split_data_option(args)
    if not args:
        return None
    name, *rest = args
    command = commands.COMMANDS.get(name)
    if command is None:
        return None
    kwargs: dict[str, object] = {}
    words: list[str] = []
    remaining = iter(rest)
    for arg in remaining:
        if not arg.startswith("-"):
            words.append(arg)
            continue
        if arg not in command.options:
            return None
        parameter, kind = command.options[arg]
        if parameter in kwargs:
            return None
        if kind is bool:
            kwargs[parameter] = True
            continue
        if kind is not int:
            return None
        value = next(remaining, None)
        if value is None or not _INTEGER.fullmatch(value):
            return None
        kwargs[parameter] = int(value)
    if bool(words) != (command.words is not None):
        return None  # words where none are taken, or none where some are needed: Typer says which
    if command.words is not None:
        kwargs[command.words] = tuple(words)
    function = command.function

    def body() -> int | None:
        commands.use_data(data)
        return function(**kwargs)

    return body


def _split_data_option(args: Sequence[str]) -> tuple[str | None, Sequence[str]]:
    """A leading ``--data PATH`` or ``--data=PATH``, and the arguments after it."""
    if args[0] == "--data" and len(args) > 1 and not args[1].startswith("-"):
        return args[1], args[2:]
    if args[0].startswith("--data=") and len(args[0]) > len("--data="):
        return args[0].removeprefix("--data="), args[1:]
    return None, args


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: ``cranes``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:  # started with stdout closed (cranes cast >&-): nowhere to put data
        from cranes_cli.render.terminal import error

        error("standard output is closed; nothing can be printed")
        sys.exit(ExitCode.FAILURE)
    try:
        if "_CRANES_COMPLETE" in os.environ:
            from cranes_cli.cli.completion import answer

            completed = answer(os.environ)
            if completed is not None:
                sys.stdout.write(completed[0])
                sys.exit(completed[1])
        body = fast_route(args)
        if body is not None:
            from cranes_cli.cli.commands import run

            sys.exit(run(body))
        from cranes_cli.cli.app import app

        app(args=args, prog_name="cranes")
    except KeyboardInterrupt:
        from cranes_cli.render.terminal import error

        error("interrupted")
        sys.exit(ExitCode.INTERRUPTED)
