"""Shell completion without Typer. The shell runs ``cranes`` on every Tab press, and
importing Typer alone costs more than the benchmark's floor, so the scripts Typer installs
(bash, zsh, fish) are answered here, from ``cli.spec``. A state this module is not sure of
(``--opt=value``, ``--``, anything unknown) is read by Typer's parser, but its answer is still
written here: tests/test_completion.py compares both readings.

What is printed is data to every shell, never code. Each script hands the answer to a
different reader: bash splits it into lines, glob-expands each and inserts it as typed; zsh
``eval``s it, and ``_arguments`` ``eval``s the list again inside double quotes; fish takes one
candidate per line, its description after a tab. A value with a character a terminal would
obey (a newline would forge a candidate) is never offered, descriptions show such characters
as escapes, and each shell's quoting is complete (:func:`_bash_word`, :func:`_zsh_quoted`).
"""

from __future__ import annotations

import re
import shlex

from cranes_cli.cli.completion_sources import from_file
from cranes_cli.cli.route import read
from cranes_cli.cli.spec import COMMANDS, DATA, ROOT_OPTIONS, Option
from cranes_cli.environment import number_between

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.environment import Environment

Item = tuple[str, str | None]  # (value, help)
_SHELLS = {
    "complete_bash": "bash",
    "complete_zsh": "zsh",
    "complete_fish": "fish",
    "complete_powershell": "powershell",
    "complete_pwsh": "powershell",
}
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
        items = typer_items(*words, env)
    return _format(shell, items, env.environ.get("_TYPER_COMPLETE_FISH_ACTION", ""))


def typer_items(args: list[str], incomplete: str, env: Environment) -> list[Item]:
    """What Typer's parser offers for a state the fast reading is not sure of."""
    from typer._completion_classes import BashComplete  # any shell's class: only its parser is used
    from typer.main import get_command

    from cranes_cli.cli.app import app

    reader = BashComplete(get_command(app), {"obj": env}, "cranes", "_CRANES_COMPLETE")
    return [(str(item.value), item.help) for item in reader.get_completions(args, incomplete)]


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
        current = words[position] if position < len(words) else ""
        args, incomplete = _joined_at_equals(words[1:position], current)
        return _with_options_after(args, words[position + 1 :]), incomplete
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    args = _split(line)[1:]
    if shell == "powershell":  # the word being completed comes on its own
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (args[:-1] if incomplete else args), incomplete
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


# The options that change what may be offered: the spoiler guard and the film file.
_CONTEXT_OPTIONS = ("--up-to-act", "--data")


def _with_options_after(args: list[str], after: list[str]) -> list[str]:
    """``args`` with the spoiler guard and the film file typed after the cursor (bash gives the
    whole line: ``cranes who Vol<Tab> --up-to-act 1``), so what is offered obeys them too. When
    the word before the cursor is an option waiting for its value, they go before it."""
    found: list[str] = []
    words, _ = _joined_at_equals(after, "")
    for index, word in enumerate(words):
        name, equals, value = word.partition("=")
        if name in _CONTEXT_OPTIONS:
            if equals:
                found += [name, value]
            elif index + 1 < len(words):
                found += [name, words[index + 1]]
    if args and args[-1].startswith("-") and "=" not in args[-1]:
        return [*args[:-1], *found, args[-1]]
    return [*args, *found]


def _joined_at_equals(args: list[str], incomplete: str) -> tuple[list[str], str]:
    """bash splits a word at ``=`` (COMP_WORDBREAKS): ``--up-to-act=1 Bor`` arrives as
    ``--up-to-act``, ``=``, ``1``, ``Bor``. The ``=`` after an option is dropped, so the value is
    read as the option's (``--up-to-act 1``): the spoiler guard holds whichever way it is typed.
    An ``=`` being completed right after an option is an empty value."""
    joined: list[str] = []
    for word in args:
        if word == "=" and joined and joined[-1].startswith("-"):
            continue
        joined.append(word)
    if incomplete == "=" and joined and joined[-1].startswith("-"):
        incomplete = ""
    return joined, incomplete


def _items(args: list[str], incomplete: str, env: Environment) -> list[Item] | None:
    if incomplete.startswith("-") and "=" in incomplete:
        return None
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
        return _option_names((*command.all_options, DATA, _HELP), incomplete, set(reading.values))
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


def _safe(items: list[Item]) -> list[Item]:
    """The items a shell may be given: no value with a character a terminal would obey (it
    could not be typed, and a newline would forge a second candidate), and descriptions on one
    line with any such character shown as an escape."""
    from cranes_cli.unsafe import escape, first_unsafe

    return [
        (value, " ".join(escape(help_).split()) if help_ else help_)
        for value, help_ in items
        if value and first_unsafe(value) is None
    ]


# bash inserts a candidate as it is, after glob-expanding it: everything but these is
# backslash-escaped, so O'Brien is inserted as O\'Brien and $(...) stays text.
_BASH_PLAIN = re.compile(r"[A-Za-z0-9_./,@%+-]|[^\x00-\x7f]")


def _bash_word(value: str) -> str:
    return "".join(char if _BASH_PLAIN.fullmatch(char) else "\\" + char for char in value)


# PowerShell reads these as quotes: the typographic ones too.
_POWERSHELL_QUOTES = "'‘’‚‛"


def _powershell_word(value: str) -> str:
    """PowerShell inserts a completion as it is: anything but a plain word goes in single
    quotes, where nothing is expanded and each quote is doubled."""
    if re.fullmatch(r"[\w./-]+", value):
        return value
    return "'" + "".join(char * 2 if char in _POWERSHELL_QUOTES else char for char in value) + "'"


def _zsh_quoted(text: str) -> str:
    """Text for zsh's ``_arguments '*: :(("value":"description"))'``, read three times: the
    whole answer is ``eval``ed, inside single quotes (a ``'`` closes them, is given as ``\\'``
    and reopens them); the list is ``eval``ed again inside double quotes (``\\ " $ `` ` are
    escaped with a backslash); and _describe reads a backslash as an escape and a colon as the
    end of the value (both escaped with a backslash). A space is escaped too: the first
    ``eval`` reads the answer split into words and joined again, a run of spaces as one."""
    described = re.sub(r"([\\: ])", r"\\\1", text)
    quoted = re.sub(r'([\\"$`])', r"\\\1", described)
    return quoted.replace("'", "'\\''")


def _format(shell: str, items: list[Item], fish_action: str) -> tuple[str, int]:
    """The answer in the form each of Typer's scripts reads (its BashComplete, ZshComplete
    and FishComplete), quoted so that it stays data."""
    items = _safe(items)
    if shell == "bash":
        return "\n".join(_bash_word(value) for value, _ in items) + "\n", 0
    if shell == "zsh":
        if not items:
            return "_files\n", 0
        lines = [
            f'"{_zsh_quoted(value)}":"{_zsh_quoted(help_)}"' if help_ else f'"{_zsh_quoted(value)}"'
            for value, help_ in items
        ]
        return "_arguments '*: :((" + "\n".join(lines) + "))'\n", 0
    if shell == "powershell":
        lines = [
            f"{_powershell_word(value)}:::{(help_ or ' ').replace(':::', ':')}\n"  # ::: separates
            for value, help_ in items
            if ":::" not in value
        ]
        return "".join(lines), 0
    if fish_action == "is-args":
        return "", 0 if items else 1
    if fish_action == "get-args" and items:
        lines = [value + ("\t" + help_ if help_ else "") for value, help_ in items]
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
