"""Drawing on a terminal (the one-line messages on stderr are ``environment.error``).

Everything goes through the run's one writer, ``Environment.stdout``
(:class:`cranes_cli.environment.Output`). Rich is imported only inside :func:`console`, so
commands that print JSON never pay for it.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, cast

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
