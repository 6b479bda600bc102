"""Drawing on a terminal, and the one-line messages on stderr.

Everything goes through the run's one writer, ``Environment.stdout``
(:class:`cranes_cli.environment.Output`). Rich is imported only inside :func:`console`, so
commands that print JSON never pay for it.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, cast

from cranes_cli.environment import forgive_encoding
from cranes_cli.render.escape import escape

if TYPE_CHECKING:
    from rich.console import Console

    from cranes_cli.environment import Environment


def console(env: Environment) -> Console:
    """A Console for data: colour only on a terminal and never with NO_COLOR, a sane width
    whatever $COLUMNS says, and data strings never read as markup, emoji codes or things to
    highlight."""
    from rich.console import Console

    return Console(
        file=cast("IO[str]", env.stdout),  # a TextIOBase, which typeshed does not count as IO
        width=env.width,
        height=env.height,
        force_terminal=env.stdout_is_terminal,
        no_color=env.no_color,
        markup=False,
        emoji=False,
        highlight=False,
    )


def error(message: str, stream: IO[str] | None = None) -> None:
    """One line on stderr (if there is a stderr: it may have been closed, or be a full disk);
    whatever came from outside is escaped, so the line stays one line and the terminal only
    shows it."""
    stream = stream if stream is not None else sys.stderr
    if stream is None:
        return
    try:
        forgive_encoding(stream)
        stream.write(f"cranes: {escape(message)}\n")
        stream.flush()
    except (OSError, ValueError):
        pass
