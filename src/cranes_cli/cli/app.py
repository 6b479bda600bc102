"""The Typer app, built from ``cli.spec``: parsing errors, help text and completion for the
invocations the fast route leaves to it. Each command hands its work to ``cli.commands``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from cranes_cli import __version__
from cranes_cli.cli import commands, spec
from cranes_cli.environment import Environment


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
        from cranes_cli.cli.completion import from_file

        guard = context.params.get("up_to_act")  # as typed, for the spoiler guard
        env = _environment(context).with_options(context.find_root().params.get("data"))
        return from_file(
            kind, incomplete, env.with_options(up_to_act=guard if isinstance(guard, int) else None)
        )

    return complete


def _number_parser(option: spec.Option) -> Callable[[str | int], int]:
    accepted = f"{option.flags[0]} takes 0 to {commands.MAX_SEED}" if option.param == "seed" else ""
    return lambda value: whole_number(value, accepted)


def _enum(option: spec.Option) -> type[Enum]:
    return Enum(option.param, {choice: choice for choice in option.choices}, type=str)  # type: ignore[return-value]


def _parameter(option: spec.Option) -> inspect.Parameter:
    kind: Any = _enum(option) if option.choices else option.kind
    if option.repeatable:
        kind = list[kind]
    if option.default is None:
        kind = Optional[kind]  # noqa: UP045  (a runtime type, built from a variable)
    default: Any = option.default
    if option.choices and option.default is not None:
        default = kind(option.default)
    info = typer.Option(
        *option.flags,
        help=option.help,
        metavar=option.metavar,
        autocompletion=_completer(option.completer) if option.completer else None,
        parser=_number_parser(option) if option.kind is int else None,
    )
    return inspect.Parameter(
        option.param, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[kind, info]
    )


def _words(words: spec.Words) -> inspect.Parameter:
    info = typer.Argument(
        help=words.help,
        metavar=words.metavar,
        autocompletion=_completer(words.completer) if words.completer else None,
    )
    if words.required:
        return inspect.Parameter(
            words.param, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[list[str], info]
        )
    return inspect.Parameter(
        words.param,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[Optional[list[str]], info],  # noqa: UP045
    )


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
        env = _environment(context)
        kwargs = {
            name: () if value is None and name in gathered else _plain(value)
            for name, value in values.items()
        }
        status = commands.run(env, lambda: command.call(env, kwargs))
        if status:
            raise typer.Exit(status)

    parameters = [inspect.Parameter("context", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)]
    if command.words is not None:
        parameters.append(_words(command.words))
    parameters += [_parameter(option) for option in command.all_options]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return run


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
    data, version = (_parameter(option) for option in spec.ROOT_OPTIONS)
    version_info = typer.Option(
        "--version", help=spec.ROOT_OPTIONS[1].help, callback=_print_version, is_eager=True
    )
    version = version.replace(annotation=Annotated[bool, version_info])
    context = inspect.Parameter("context", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
    _root.__signature__ = inspect.Signature([context, data, version])  # type: ignore[attr-defined]
    made.callback()(_root)
    for command in spec.COMMANDS:
        made.command(command.name, help=command.help)(_command(command))
    return made


app = build()
