"""The one place that knows about terminals and streams.

Rich is imported only inside :func:`stdout_console`, so commands that print JSON never pay
for it.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import IO, TYPE_CHECKING

from cranes_cli.render.escape import escape

if TYPE_CHECKING:
    from rich.console import Console


def _is_utf8(stream: IO[str]) -> bool:
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


def _forgive_encoding(stream: IO[str]) -> None:
    """On a non-UTF-8 stream, print stand-ins for what it cannot show rather than crash."""
    if not _is_utf8(stream):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="cranes-stand-in")


def stdout_console() -> Console:
    """A Console for data: colour only on a terminal and never with NO_COLOR (Rich's rules),
    and never treating data strings as markup, emoji codes or things to highlight."""
    from rich.console import Console

    _forgive_encoding(sys.stdout)
    return Console(markup=False, emoji=False, highlight=False)


def error(message: str) -> None:
    """One line on stderr (if there is a stderr: it may have been closed); whatever came from
    outside is escaped, so the line stays one line and the terminal only shows it."""
    if sys.stderr is None:
        return
    _forgive_encoding(sys.stderr)
    sys.stderr.write(f"cranes: {escape(message)}\n")
    sys.stderr.flush()


def warn(message: str) -> None:
    error(f"warning: {message}")


def write_bytes(data: bytes) -> None:
    """Write bytes to stdout as they are, whatever the stream's own encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream, as some test harnesses give
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()
    sys.stdout.flush()


def write_text(text: str) -> None:
    """Write text to stdout in its own encoding, with stand-ins for what it cannot show."""
    _forgive_encoding(sys.stdout)
    sys.stdout.write(text)
    sys.stdout.flush()


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal; TTY_COMPATIBLE=1 or 0 says so outright, as for Rich."""
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "1"
    return _is_terminal(sys.stdout)


def stdin_is_terminal() -> bool:
    return _is_terminal(sys.stdin)


def silence_stdout() -> None:
    """After the reader of a pipe has gone, point stdout at /dev/null so that Python's final
    flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
