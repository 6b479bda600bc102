"""The one place that knows about terminals and streams.

All output goes through one writer, :class:`Output`: Rich's console, Typer's help (the entry
point makes it ``sys.stdout``), JSON and plain lines. A reader that went away
(``cranes cast | head -1``) becomes :class:`OutputClosed`, which ends the run quietly with
status 0; any other write error (a full disk) becomes :class:`WriteFailed`, one ``cranes:``
line and status 1. Rich is imported only inside :func:`console`, so commands that print JSON
never pay for it.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, cast

from cranes_cli.errors import CranesError
from cranes_cli.render.escape import escape

if TYPE_CHECKING:
    from rich.console import Console

    from cranes_cli.environment import Environment


class OutputClosed(Exception):
    """The reader of standard output has gone: stop quietly, with status 0."""


class WriteFailed(CranesError):
    """Standard output cannot be written (a full disk, an I/O error)."""


def _is_utf8(stream: object) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig")


_ASCII_STAND_INS = {"·": "-", "—": "-", "–": "-", "•": "*", "…": "...", "«": '"', "»": '"', "’": "'"}


def _ascii_stand_in(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: typographic marks become ASCII look-alikes, anything else '?'."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_ASCII_STAND_INS.get(char, "?") for char in bad), error.end


codecs.register_error("cranes-stand-in", _ascii_stand_in)


def _forgive_encoding(stream: object) -> None:
    """On a non-UTF-8 stream, print stand-ins for what it cannot show rather than crash."""
    if not _is_utf8(stream):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="cranes-stand-in")


def silence(stream: object) -> None:
    """Point the file behind ``stream`` at /dev/null, so that Python's final flush of what is
    still buffered neither fails nor complains after its reader has gone."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


class Output(io.TextIOBase):
    """Standard output, written through at once; write errors become OutputClosed or
    WriteFailed (see the module's docstring)."""

    def __init__(self, raw: IO[str]) -> None:
        super().__init__()
        self.raw = raw
        self.failure: Exception | None = None  # once writing failed, every later write fails alike
        _forgive_encoding(raw)

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        if self.failure is not None:
            raise self.failure
        try:
            yield
        except BrokenPipeError:
            self.failure = OutputClosed()
        except OSError as problem:
            self.failure = WriteFailed(f"cannot write to standard output: {problem.strerror or problem}")
        else:
            return
        silence(self.raw)
        raise self.failure

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0
        with self._guarded():
            self.raw.write(text)
            self.raw.flush()
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """Bytes as they are, whatever the stream's own encoding (JSON is always UTF-8)."""
        with self._guarded():
            self.raw.flush()
            buffer = getattr(self.raw, "buffer", None)
            if buffer is None:  # a text-only stream, as some test harnesses give
                self.raw.write(data.decode("utf-8"))
            else:
                buffer.write(data)
                buffer.flush()
            self.raw.flush()

    def flush(self) -> None:
        if self.failure is not None:  # already reported; Python's own flush at exit stays quiet
            return
        with self._guarded():
            self.raw.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        isatty = getattr(self.raw, "isatty", None)
        try:
            return bool(isatty and isatty())
        except ValueError:
            return False

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw, "errors", None)


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
        _forgive_encoding(stream)
        stream.write(f"cranes: {escape(message)}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def warn(message: str) -> None:
    error(f"warning: {message}")


def stdout_console() -> Console:
    """A console on the process's stdout (``Environment.from_process``), for callers that are
    not handed an environment."""
    from cranes_cli.environment import Environment

    return console(Environment.from_process())


def stdout_is_terminal() -> bool:
    from cranes_cli.environment import Environment

    return Environment.from_process().stdout_is_terminal


def stdin_is_terminal() -> bool:
    isatty = getattr(sys.stdin, "isatty", None)
    return bool(isatty and isatty())
