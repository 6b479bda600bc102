"""What a run of ``cranes`` was given from outside: the film file in use, the streams, the
terminal's facts, the user's directories (as httpie's ``Environment``). The entry point makes
one and passes it down; tests build their own. Nothing else reads ``sys.std*`` or the
environment variables below.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, NamedTuple

from cranes_cli.render import terminal
from cranes_cli.render.terminal import Output

DATA_ENV = "CRANES_DATA"
UP_TO_ACT_ENV = "CRANES_UP_TO_ACT"
DEFAULT_WIDTH = 80
MIN_WIDTH = 20  # narrower than this (COLUMNS=0, COLUMNS=1) is a mistake, not a terminal
MAX_WIDTH = 1000


def _number(text: str | None, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high``, else None. The length is checked
    before converting, so a 5,000-digit value costs nothing and raises nothing."""
    if text is None or not text.isascii() or not text.isdigit() or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


class Environment(NamedTuple):  # not a dataclass: importing dataclasses costs shell completion
    stdout: Output
    stderr: IO[str] | None
    stdin: IO[str] | None
    environ: Mapping[str, str] = {}
    data_option: str | None = None  # the global --data option, which wins over $CRANES_DATA

    @classmethod
    def from_process(cls) -> Environment:
        stdout = sys.stdout if isinstance(sys.stdout, Output) else Output(sys.stdout)
        return cls(stdout, sys.stderr, sys.stdin, dict(os.environ))

    def with_data(self, path: str | None) -> Environment:
        return self._replace(data_option=path) if path is not None else self

    @property
    def data(self) -> str | None:
        """The film file to use: --data, else $CRANES_DATA if set and not empty, else None
        (the bundled film)."""
        if self.data_option is not None:
            return self.data_option
        return self.environ.get(DATA_ENV) or None

    @property
    def up_to_act(self) -> int | None:
        """$CRANES_UP_TO_ACT, the spoiler guard for every command (unset or empty: none); a
        value that is no act number is a usage problem (whether the act exists is the film's to say)."""
        value = self.environ.get(UP_TO_ACT_ENV, "").strip()
        if not value:
            return None
        act = _number(value, 0, 10**6)
        if act is None:
            from cranes_cli.core.text import shown
            from cranes_cli.errors import UsageProblem

            raise UsageProblem(f"${UP_TO_ACT_ENV} must be an act number, not {shown(value)}")
        return act

    def error(self, message: str) -> None:
        terminal.error(message, self.stderr)

    def warn(self, message: str) -> None:
        terminal.error(f"warning: {message}", self.stderr)

    @property
    def stdout_is_terminal(self) -> bool:
        """Whether stdout is a terminal; TTY_COMPATIBLE=1 or 0 says so outright, as for Rich."""
        forced = self.environ.get("TTY_COMPATIBLE", "")
        if forced in ("0", "1"):
            return forced == "1"
        return self.stdout.isatty()

    @property
    def stdin_is_terminal(self) -> bool:
        isatty = getattr(self.stdin, "isatty", None)
        return bool(isatty and isatty())

    @property
    def no_color(self) -> bool:
        """NO_COLOR set to anything but the empty string (no-color.org)."""
        return self.environ.get("NO_COLOR", "") != ""

    @property
    def width(self) -> int:
        """$COLUMNS if it is a sane width, else the terminal's, else 80."""
        columns = _number(self.environ.get("COLUMNS"), MIN_WIDTH, MAX_WIDTH)
        if columns is not None:
            return columns
        if self.stdout.isatty():
            try:
                size = os.get_terminal_size(self.stdout.fileno()).columns
            except (OSError, ValueError):
                size = 0
            if size >= MIN_WIDTH:
                return size
        return DEFAULT_WIDTH

    @property
    def height(self) -> int:
        return _number(self.environ.get("LINES"), 1, 100_000) or 25

    @property
    def home(self) -> str:
        return self.environ.get("HOME") or os.path.expanduser("~")

    @property
    def data_dir(self) -> str:
        """Where cranes keeps its own files: $CRANES_HOME, else $XDG_DATA_HOME/cranes (only
        if absolute, as the XDG spec says), else ~/.local/share/cranes."""
        explicit = self.environ.get("CRANES_HOME")
        if explicit:
            return explicit
        base = self.environ.get("XDG_DATA_HOME", "")
        if not os.path.isabs(base):
            base = os.path.join(self.home, ".local", "share")
        return os.path.join(base, "cranes")
