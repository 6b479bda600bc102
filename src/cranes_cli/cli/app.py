"""The Typer app, built from ``cli.spec``: parsing errors, help text and completion for the
invocations the fast route leaves to it. Each command hands its work to
``cranes_cli.commands``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from cranes_cli import __version__
from cranes_cli.cli import spec
from cranes_cli.commands import base as commands
from cranes_cli.environment import Environment
from cranes_cli.errors import Interrupted

KEYWORD = inspect.Parameter.KEYWORD_ONLY
CONTEXT = inspect.Parameter("context", KEYWORD, annotation=typer.Context)


def whole_number(value: str | int, accepted: str = "") -> int:
    """An integer option's value, range-checked before conversion (click's own INT type would
    run int() on 5,000 digits). ``accepted`` says the option's own range, if it has one."""
    if isinstance(value, int):
        return value
    if len(value.strip().lstrip("+-")) > spec.MAX_DIGITS:
        accepted = accepted or f"whole numbers of at most {spec.MAX_DIGITS} digits"
        raise typer.BadParameter(f"a number of {len(value)} characters is out of range: {accepted}")
    try:
        return int(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a valid integer.") from None


def _environment(context: typer.Context) -> Environment:
    found = context.find_root().obj
    return found if isinstance(found, Environment) else Environment.from_process()


def _completer(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(context: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from cranes_cli.cli.completion_sources import from_file

        data = context.params.get("data") or context.find_root().params.get("data")
        guard = context.params.get("up_to_act")
        env = _environment(context).with_options(data, guard if isinstance(guard, int) else None)
        return from_file(kind, incomplete, env)

    return complete


def _parameter(option: spec.Option | spec.Words, **more: Any) -> inspect.Parameter:
    """A keyword of a command function as Typer reads it: type, default and typer.Option (or
    typer.Argument, for the free words)."""
    completion = _completer(option.completer) if option.completer else None
    if isinstance(option, spec.Words):
        info = typer.Argument(help=option.help, metavar=option.metavar, autocompletion=completion)
        kind: Any = list[str] if option.required else Optional[list[str]]  # noqa: UP045
        default: object = inspect.Parameter.empty if option.required else None
        return inspect.Parameter(option.param, KEYWORD, default=default, annotation=Annotated[kind, info])
    kind = Enum(option.param, {c: c for c in option.choices}, type=str) if option.choices else option.kind
    if option.repeatable:
        kind = list[kind]
    if option.default is None:
        kind = Optional[kind]  # noqa: UP045  (a runtime type, built from a variable)
    if option.kind is int:
        accepted = f"{option.flags[0]} takes 0 to {commands.MAX_SEED}" if option.param == "seed" else ""
        more["parser"] = lambda value: whole_number(value, accepted)
    info = typer.Option(
        *option.flags, help=option.help, metavar=option.metavar, autocompletion=completion, **more
    )
    default = kind(option.default) if option.choices and option.default is not None else option.default
    return inspect.Parameter(option.param, KEYWORD, default=default, annotation=Annotated[kind, info])


def _plain(value: object) -> object:
    """Typer's values as the command functions take them: enums as their text, lists as tuples."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return tuple(_plain(item) for item in value)
    return value


def _command(command: spec.Command) -> Callable[..., None]:
    # Free words and repeatable options left out arrive as None; the functions take ().
    gathered = {o.param for o in command.all_options if o.repeatable}
    if command.words is not None:
        gathered.add(command.words.param)

    def run(context: typer.Context, **values: object) -> None:
        data = values.pop(spec.DATA.param, None)  # after the command's name; before it, _root has it
        env = _environment(context).with_options(data=data if isinstance(data, str) else None)
        given = {name: () if v is None and name in gathered else _plain(v) for name, v in values.items()}
        try:
            status = commands.run(env, lambda: command.call(env, given))
        except KeyboardInterrupt:
            raise Interrupted from None
        if status:
            raise typer.Exit(status)

    words = [] if command.words is None else [_parameter(command.words)]
    options = (*command.all_options, spec.DATA)
    parameters = [CONTEXT, *words, *(_parameter(option) for option in options)]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return run


def show_help(env: Environment, words: tuple[str, ...]) -> int:
    """``cranes help [COMMAND]``, as git and gh have it: what ``cranes [COMMAND] --help``
    prints, and its exit status."""
    from cranes_cli.core.text import shown
    from cranes_cli.errors import UsageProblem

    if words and words[0] not in spec.BY_NAME:
        raise UsageProblem(f"there is no command {shown(words[0])}; cranes help lists them")
    try:
        app(args=[*words[:1], "--help"], prog_name="cranes", obj=env)
    except SystemExit as finished:
        return finished.code if isinstance(finished.code, int) else 0
    return 0


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"cranes {__version__}")
        raise typer.Exit()


def _root(context: typer.Context, **values: Any) -> None:
    context.obj = _environment(context).with_options(data=values["data"])
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())
        raise typer.Exit()


def build() -> typer.Typer:
    made = typer.Typer(
        name="cranes",
        help=spec.ROOT_HELP,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=False,
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    version = _parameter(spec.VERSION, callback=_print_version, is_eager=True)
    _root.__signature__ = inspect.Signature([CONTEXT, _parameter(spec.DATA), version])  # type: ignore[attr-defined]
    made.callback()(_root)
    for command in spec.COMMANDS:
        made.command(command.name, help=command.help)(_command(command))
    return made


app = build()
