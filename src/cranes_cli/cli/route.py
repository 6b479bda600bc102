"""The fast route: plainly valid invocations (``cranes cast --json``, ``cranes plot --act 2``)
run straight from ``cli.spec`` without importing Typer, whose import alone costs more than
the start-up benchmark's floor. Anything else (help, a typo, a bad value) is left to the
Typer app, which owns every parsing error and help text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cranes_cli.cli import spec

if TYPE_CHECKING:
    from cranes_cli.environment import Environment

# ASCII digits, and few enough that int() is cheap and the value plausible; a longer number
# goes to Typer, which refuses it as a usage error.
_INTEGER = re.compile(rf"-?[0-9]{{1,{spec.MAX_DIGITS}}}")

Body = Callable[["Environment"], "int | None"]


def fast_route(args: Sequence[str]) -> Body | None:
    """What to run for ``args`` if they are plainly valid, else None (ask Typer)."""
    if not args:
        return None
    data, args = _split_data_option(args)
    if not args:
        return None
    name, *rest = args
    command = spec.BY_NAME.get(name)
    if command is None:
        return None
    by_flag = {flag: option for option in command.all_options for flag in option.flags}
    kwargs: dict[str, object] = {}
    words: list[str] = []
    remaining = iter(rest)
    for arg in remaining:
        if not arg.startswith("-"):
            words.append(arg)
            continue
        joined = arg.startswith("--") and "=" in arg  # --seed=1, as Typer takes it too
        flag, _, given = arg.partition("=") if joined else (arg, "", "")
        option = by_flag.get(flag)
        if option is None or (option.param in kwargs and not option.repeatable):
            return None
        if not option.takes_value:
            if joined:
                return None
            kwargs[option.param] = True
            continue
        value = given if joined else next(remaining, None)
        if value is None or not _valid(option, value):
            return None
        if option.repeatable:
            kwargs[option.param] = (*kwargs.get(option.param, ()), value)  # type: ignore[misc]
        else:
            kwargs[option.param] = int(value) if option.kind is int else value
    if command.words is None:
        if words:
            return None  # words where none are taken: Typer says so
    elif not words and command.words.required:
        return None
    else:
        kwargs[command.words.param] = tuple(words)
    run = command.run

    def body(env: Environment) -> int | None:
        return run(env.with_data(data), **kwargs)

    return body


def _valid(option: spec.Option, value: str) -> bool:
    if option.kind is int:
        return bool(_INTEGER.fullmatch(value))
    return value in option.choices


def _split_data_option(args: Sequence[str]) -> tuple[str | None, Sequence[str]]:
    """A leading ``--data PATH`` or ``--data=PATH``, and the arguments after it."""
    if args[0] == "--data" and len(args) > 1 and not args[1].startswith("-"):
        return args[1], args[2:]
    if args[0].startswith("--data=") and len(args[0]) > len("--data="):
        return args[0].removeprefix("--data="), args[1:]
    return None, args
