"""Shell completion without Typer. The shell runs ``cranes`` on every Tab press, and
importing Typer alone costs more than the benchmark's floor, so the scripts Typer installs
(bash, zsh, fish) are answered here, from the table generated from the Typer app
(``completion_table``), in exactly the format Typer would print. A state this module is not
sure of (PowerShell, ``--opt=value``, ``--``, anything unknown) goes to Typer.
tests/test_completion.py compares both answers.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from typing import Any

Item = tuple[str, str | None]  # (value, help)
_SHELLS = {"complete_bash": "bash", "complete_zsh": "zsh", "complete_fish": "fish"}
_EAGER = ("--version", "--install-completion", "--show-completion", "--help", "-h")


def answer(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """What to print and the exit status for a completion request, or None to ask Typer."""
    shell = _SHELLS.get(environ.get("_CRANES_COMPLETE", ""))
    if shell is None:
        return None
    words = _completion_words(shell, environ)
    if words is None:
        return None
    items = _items(*words)
    if items is None:
        return None
    return _format(shell, items, environ.get("_TYPER_COMPLETE_FISH_ACTION", ""))


def _split(line: str) -> list[str]:
    """Split like click's split_arg_string: shell words, forgiving an unclosed quote."""
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        words.extend(lexer)
    except ValueError:
        words.append(lexer.token)
    return words


def _completion_words(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """(the words before the one being completed, the incomplete word), as Typer reads them."""
    if shell == "bash":
        if "COMP_WORDS" not in environ or not environ.get("COMP_CWORD", "").isdigit():
            return None
        words = _split(environ["COMP_WORDS"])
        position = int(environ["COMP_CWORD"])
        return words[1:position], words[position] if position < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    args = _split(line)[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _find(options: list[tuple[Any, ...]], name: str) -> tuple[Any, ...] | None:
    return next((option for option in options if name in option[0]), None)


def _items(args: list[str], incomplete: str) -> list[Item] | None:
    from cranes_cli.cli import completion_table as table

    if incomplete.startswith("-") and "=" in incomplete:
        return None
    rest = list(args)
    data: str | None = None
    while rest and rest[0].startswith("-"):
        option = _find(table.ROOT_OPTIONS, rest[0])
        if option is None or rest[0] in _EAGER:
            return None
        if len(rest) == 1:  # completing the value of a root option
            return None if incomplete.startswith("-") else _values(option, incomplete, data)
        if rest[1].startswith("-"):
            return None
        data, rest = rest[1], rest[2:]
    if not rest:
        given = {"--data"} if data is not None else set()
        items: list[Item] = [
            (name, help_) for name, (help_, _) in table.COMMANDS.items() if name.startswith(incomplete)
        ]
        return items + _option_names(table.ROOT_OPTIONS, incomplete, given)
    name, *rest = rest
    if name not in table.COMMANDS:
        return None
    options = table.COMMANDS[name][1]
    used: set[str] = set()
    words = table.WORDS.get(name)
    position = 0
    while position < len(rest):
        word = rest[position]
        if word == "--" or (word.startswith("-") and word != "-" and _find(options, word) is None):
            return None
        if not word.startswith("-") or word == "-":
            if words is None:
                return None
            position += 1
            continue
        option = _find(options, word)
        assert option is not None
        if option[0][0] in ("--help",):
            return None
        used.add(option[0][0])
        if option[2]:
            if position + 1 == len(rest):
                return None if incomplete.startswith("-") else _values(option, incomplete, data)
            if rest[position + 1].startswith("-"):
                return None  # click's reading of an option as another option's value is its own
            position += 1
        position += 1
    if incomplete and not incomplete[0].isalnum():
        return _option_names(options, incomplete, used)
    if words == "names":
        return _from_file("names", incomplete, data)
    return []


def _option_names(options: list[tuple[Any, ...]], incomplete: str, used: set[str]) -> list[Item]:
    """Option names starting with ``incomplete``; an option already given is not offered again
    unless it may repeat (click's rule)."""
    if not incomplete or incomplete[0].isalnum():
        return []
    return [
        (name, help_)
        for names, help_, _, multiple, _, _ in options
        if multiple or names[0] not in used
        for name in names
        if name.startswith(incomplete)
    ]


def _values(option: tuple[Any, ...], incomplete: str, data: str | None) -> list[Item]:
    _, _, _, _, choices, completer = option
    if choices:
        return [(choice, None) for choice in choices if choice.startswith(incomplete)]
    if completer:
        return _from_file(completer, incomplete, data)
    return []


def _from_file(completer: str, incomplete: str, data: str | None) -> list[Item]:
    """Act numbers or names from the film file in use that start with what was typed; a file
    that cannot be read offers nothing."""
    from cranes_cli.cli import commands
    from cranes_cli.core import completion
    from cranes_cli.errors import CranesError
    from cranes_cli.load import read_document

    commands.use_data(data)
    try:
        document = read_document(commands.data_path())
    except (CranesError, OSError, ValueError):
        return []
    found: list[Item] = [
        *(
            completion.acts(document, incomplete)
            if completer == "acts"
            else completion.names(document, incomplete)
        )
    ]
    return found


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _format(shell: str, items: list[Item], fish_action: str) -> tuple[str, int]:
    """Typer's output for each shell (its BashComplete, ZshComplete and FishComplete)."""
    if shell == "bash":
        return "\n".join(value for value, _ in items) + "\n", 0
    if shell == "zsh":
        if not items:
            return "_files\n", 0
        lines = [
            f'"{_zsh_escape(value)}":"{_zsh_escape(help_)}"' if help_ else f'"{_zsh_escape(value)}"'
            for value, help_ in items
        ]
        return "_arguments '*: :((" + "\n".join(lines) + "))'\n", 0
    if fish_action == "is-args":
        return "", 0 if items else 1
    if fish_action == "get-args" and items:
        lines = [value + ("\t" + re.sub(r"\s", " ", help_) if help_ else "") for value, help_ in items]
        return "\n".join(lines) + "\n", 0
    return "\n", 0
