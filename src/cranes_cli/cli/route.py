"""Reading a command line against ``cli.spec`` without importing Typer, whose import alone
costs more than the start-up benchmark's floor. Two callers: the fast route, which runs
plainly valid invocations (``cranes cast --json``, ``cranes plot --act 2``) straight away, and
shell completion, which reads the words before the cursor. Whatever this module is not sure
of (help, a typo, a bad value, ``--``) is left to the Typer app, which owns every parsing
error and help text."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from cranes_cli.cli.spec import BY_NAME, DATA, MAX_DIGITS, Command, Option
from cranes_cli.environment import whole_number

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import NamedTuple

    from cranes_cli.environment import Environment
else:
    from cranes_cli.named_tuple import NamedTuple

Body = Callable[["Environment"], "int | None"]


class Reading(NamedTuple):
    """A command line as far as it goes: ``command`` is None before the command's name, and
    ``waiting`` is an option given last, still without its value."""

    data: str | None
    command: Command | None
    values: dict[str, object]
    words: tuple[str, ...]
    waiting: Option | None = None


def read(args: Sequence[str], partial: bool = False) -> Reading | None:
    """``args`` read as Typer would read them, or None where that is not plain. ``partial``:
    the line may stop anywhere (completion), so an option may still wait for its value."""
    if partial and any(arg.startswith("--") and "=" in arg for arg in args):
        return None  # click's completion reads --opt=value its own way
    data: str | None = None
    rest = iter(args)
    for arg in rest:
        if not arg.startswith("-"):
            command = BY_NAME.get(arg)
            return None if command is None else _read_command(data, command, rest, partial)
        value = _value(DATA, arg, rest) if arg.partition("=")[0] == "--data" else None
        if value is _WAITING and partial:
            return Reading(data, None, {}, (), DATA)
        if not isinstance(value, str) or not value:
            return None
        data = value
    return Reading(data, None, {}, ())


_WAITING = object()  # an option's value is still to come


def _value(option: Option, arg: str, rest: Iterator[str]) -> object:
    """The value of ``option`` given as ``arg`` (``--seed=3``, or ``--seed`` then ``3``), True
    for a flag, _WAITING at the end of the line, None if it is not plain."""
    _, joined, given = arg.partition("=") if arg.startswith("--") else (arg, "", "")
    if not option.takes_value:
        return None if joined else True
    value = given if joined else next(rest, _WAITING)
    if value is _WAITING or value is None:
        return value
    assert isinstance(value, str)
    if option.kind is int:
        # Few enough digits that the value is plausible; a longer number goes to Typer, which
        # refuses it as a usage error.
        return whole_number(value, MAX_DIGITS)
    plain = value in option.choices if option.choices else not value.startswith("-")
    return value if plain else None


def _option(command: Command, arg: str) -> Option | None:
    """The option ``arg`` names: one of the command's, or ``--data``, which a command takes
    after its name as well as before it."""
    name = arg.partition("=")[0] if arg.startswith("--") else arg
    return command.option(name) or (DATA if name == DATA.flags[0] else None)


def _read_command(data: str | None, command: Command, rest: Iterator[str], partial: bool) -> Reading | None:
    values: dict[str, object] = {}
    words: list[str] = []
    for arg in rest:
        if arg == "-" or not arg.startswith("-"):
            words.append(arg)
            continue
        option = _option(command, arg)
        value = None if option is None else _value(option, arg, rest)
        if option is not None and value is _WAITING and partial:
            return Reading(data, command, values, tuple(words), option)
        if value is None or value is _WAITING or (option is DATA and (not value or DATA.param in values)):
            return None
        assert option is not None
        if option is DATA:  # the run's, like the spoiler guard: not a value of the command's
            data = str(value)
            values[DATA.param] = data
            continue
        if option.repeatable:
            value = (*values.get(option.param, ()), value)  # type: ignore[misc]
        values[option.param] = value
    if words and command.words is None:
        return None  # words where none are taken: Typer says so
    if command.words is not None:
        values[command.words.param] = tuple(words)
    return Reading(data, command, values, tuple(words))


_SCRIPT_OPTIONS = {"--show-completion": "show", "--install-completion": "install"}


def script_request(args: Sequence[str]) -> tuple[str, str] | None:
    """("show" or "install", the shell named) for ``--show-completion SHELL`` or
    ``--install-completion SHELL`` (or ``=SHELL``) among the options before a command; None
    otherwise, or when no shell is named (Typer then detects the shell it runs in)."""
    rest = iter(args)
    for arg in rest:
        if not arg.startswith("-") or arg == "--":
            return None
        name, joined, value = arg.partition("=")
        if name == "--data" and not joined:
            next(rest, None)
        action = _SCRIPT_OPTIONS.get(name)
        if action is not None:
            shell = value if joined else next(rest, None)
            return None if shell is None or (not joined and shell.startswith("-")) else (action, shell)
    return None


def fast_route(args: Sequence[str]) -> Body | None:
    """What to run for ``args`` if they are plainly valid, else None (ask Typer)."""
    script = script_request(args)
    if script is not None:

        def serve(env: Environment) -> int | None:
            from cranes_cli.cli.completion_sources import serve_script

            return serve_script(env, *script)

        return serve
    reading = read(args)
    if reading is None or reading.command is None:
        return None
    command = reading.command
    if command.words is not None and command.words.required and not reading.words:
        return None

    values = {param: value for param, value in reading.values.items() if param != DATA.param}

    def body(env: Environment) -> int | None:
        return command.call(env.with_options(data=reading.data), values)

    return body
