"""Shell completion without Typer. The shell runs ``cranes`` on every Tab press, and
importing Typer alone costs more than the benchmark's floor, so the scripts Typer installs
(bash, zsh, fish) are answered here, from ``cli.spec``, in exactly the format Typer would
print. A state this module is not sure of (PowerShell, ``--opt=value``, ``--``, anything
unknown) goes to Typer; tests/test_completion.py compares both answers.
"""

from __future__ import annotations

import re
import shlex

from cranes_cli.cli.route import read
from cranes_cli.cli.spec import COMMANDS, ROOT_OPTIONS, Option
from cranes_cli.environment import number_between

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.environment import Environment

Item = tuple[str, str | None]  # (value, help)
_SHELLS = {"complete_bash": "bash", "complete_zsh": "zsh", "complete_fish": "fish"}
# The options Typer adds to every app and command, with its own help for them.
_HELP = Option(("--help", "-h"), "help", "Show this message and exit.")
_ROOT = (
    *ROOT_OPTIONS,
    Option(("--install-completion",), "install", "Install completion for the current shell."),
    Option(
        ("--show-completion",),
        "show",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    _HELP,
)
_MAX_WORD = 10_000  # COMP_CWORD beyond this is nonsense


def answer(env: Environment) -> tuple[str, int] | None:
    """What to print and the exit status for a completion request, or None to ask Typer."""
    shell = _SHELLS.get(env.environ.get("_CRANES_COMPLETE", ""))
    if shell is None:
        return None
    words = _completion_words(shell, env)
    if words is None:  # the shell's request makes no sense: offer nothing
        return _format(shell, [], "")
    items = _items(*words, env)
    if items is None:
        return None
    return _format(shell, items, env.environ.get("_TYPER_COMPLETE_FISH_ACTION", ""))


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


def _completion_words(shell: str, env: Environment) -> tuple[list[str], str] | None:
    """(the words before the one being completed, the incomplete word), as Typer reads them;
    None if bash gave no words or no sane position."""
    environ = env.environ
    if shell == "bash":
        position = number_between(environ.get("COMP_CWORD"), 0, _MAX_WORD)
        if "COMP_WORDS" not in environ or position is None:
            return None
        words = _split(environ["COMP_WORDS"])
        return words[1:position], words[position] if position < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    args = _split(line)[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _items(args: list[str], incomplete: str, env: Environment) -> list[Item] | None:
    if incomplete.startswith("-") and "=" in incomplete:
        return None
    if incomplete == "=":  # bash splits --act= at '='; click reads the '=' as an empty value
        incomplete = ""
    reading = read(args, partial=True)
    if reading is None:
        return None
    guard = reading.values.get("up_to_act")  # as typed: the spoiler guard for the values offered
    env = env.with_options(reading.data, guard if isinstance(guard, int) else None)
    if reading.waiting is not None:
        return None if incomplete.startswith("-") else _values(reading.waiting, incomplete, env)
    command = reading.command
    if command is None:
        items = [(c.name, summary(c.help)) for c in COMMANDS if c.name.startswith(incomplete)]
        return items + _option_names(_ROOT, incomplete, {"data"} if reading.data is not None else set())
    if incomplete and not incomplete[0].isalnum():
        return _option_names((*command.all_options, _HELP), incomplete, set(reading.values))
    if command.words is not None and command.words.completer is not None:
        return [*from_file(command.words.completer, incomplete, env)]
    return []


def _option_names(options: tuple[Option, ...], incomplete: str, used: set[str]) -> list[Item]:
    """Option names starting with ``incomplete``; an option already given (by parameter) is
    not offered again unless it may repeat (click's rule)."""
    if not incomplete or incomplete[0].isalnum():
        return []
    return [
        (name, option.help)
        for option in options
        if option.repeatable or option.param not in used
        for name in option.flags
        if name.startswith(incomplete)
    ]


def _values(option: Option, incomplete: str, env: Environment) -> list[Item]:
    if option.choices:
        return [(choice, None) for choice in option.choices if choice.startswith(incomplete)]
    return [*from_file(option.completer, incomplete, env)] if option.completer else []


def from_file(completer: str, incomplete: str, env: Environment) -> list[tuple[str, str]]:
    """Act numbers or names from the film file in use that start with what was typed, within
    the spoiler guard (``--up-to-act`` as typed, else $CRANES_UP_TO_ACT); a file that cannot be
    read offers nothing."""
    from cranes_cli.core import completion
    from cranes_cli.errors import CranesError
    from cranes_cli.film.reading import read_document

    try:
        document = read_document(env.data)
        guard = env.guard
    except (CranesError, OSError, ValueError):
        return []
    if completer == "acts":
        return completion.acts(document, incomplete, guard)
    return completion.names(document, incomplete, guard)


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


def summary(help: str, max_length: int = 45) -> str:
    """The one-line summary shown beside a command: the first paragraph cut to ``max_length``
    at a word, the way click shortens help (``make_default_short_help``)."""
    words = help.split("\n\n", 1)[0].split()
    total = 0
    for index, word in enumerate(words):
        total += len(word) + (index > 0)
        if total > max_length:
            break
        if word.endswith("."):
            return " ".join(words[: index + 1])
        if total == max_length and index != len(words) - 1:
            break
    else:
        return " ".join(words)
    total += len("...")
    while index > 0:
        total -= len(words[index]) + (index > 0)
        if total <= max_length:
            break
        index -= 1
    return " ".join(words[:index]) + "..."
