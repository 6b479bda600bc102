"""What a run of ``cranes`` was given from outside: the film file in use, the streams, the
terminal's facts, the user's directories (as httpie's ``Environment``). The entry point makes
one and passes it down; tests build their own. Nothing else reads ``sys.std*`` or the
environment variables below.

All output goes through one writer, :class:`Output`: Rich's console, Typer's help (the entry
point makes it ``sys.stdout``), JSON and plain lines. A reader that went away
(``cranes cast | head -1``) becomes ``OutputClosed``, which ends the run quietly with status 0;
any other write error (a full disk) becomes ``WriteFailed``, one ``cranes:`` line and status 1.
This module imports nothing of the package's but its errors, ``unsafe`` and ``named_tuple``: shell
completion loads it on every Tab press.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Mapping

from cranes_cli.errors import OutputClosed, WriteFailed
from cranes_cli.unsafe import escape

TYPE_CHECKING = False  # not typing's: importing typing costs shell completion ~2 ms (mypy knows the name)
if TYPE_CHECKING:
    from typing import IO, NamedTuple
else:
    from cranes_cli.named_tuple import NamedTuple


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


def forgive_encoding(stream: object) -> None:
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


class StreamProxy(io.TextIOBase):
    """A text stream that writes to another (``raw``) and answers for it: whether it is a
    terminal, its file number, encoding and error handler."""

    def __init__(self, raw: IO[str]) -> None:
        super().__init__()
        self.raw = raw

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


class Output(StreamProxy):
    """Standard output, written through at once; write errors become OutputClosed or
    WriteFailed (see the module's docstring)."""

    def __init__(self, raw: IO[str]) -> None:
        super().__init__(raw)
        self.failure: Exception | None = None  # once writing failed, every later write fails alike
        forgive_encoding(raw)

    def _check(self) -> None:
        if self.failure is not None:
            raise self.failure

    def _failed(self, problem: OSError) -> Exception:
        if isinstance(problem, BrokenPipeError):
            self.failure = OutputClosed()
        else:
            self.failure = WriteFailed(f"cannot write to standard output: {problem.strerror or problem}")
        silence(self.raw)
        return self.failure

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0
        self._check()
        try:
            self.raw.write(text)
            self.raw.flush()
        except OSError as problem:
            raise self._failed(problem) from None
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """Bytes as they are, whatever the stream's own encoding (JSON is always UTF-8)."""
        self._check()
        try:
            self.raw.flush()
            buffer = getattr(self.raw, "buffer", None)
            if buffer is None:  # a text-only stream, as some test harnesses give
                self.raw.write(data.decode("utf-8"))
            else:
                buffer.write(data)
                buffer.flush()
            self.raw.flush()
        except OSError as problem:
            raise self._failed(problem) from None

    def flush(self) -> None:
        if self.failure is not None or self._closing:  # already reported, or nothing held back
            return
        self._check()
        try:
            self.raw.flush()
        except OSError as problem:
            raise self._failed(problem) from None

    _closing = False

    def close(self) -> None:
        """Close this writer, not the stream it writes to, which it does not own. Every write
        is flushed at once, so there is nothing to flush; the stream may be closed already
        when the garbage collector closes this writer (as CliRunner's is)."""
        self._closing = True
        super().close()


DATA_ENV = "CRANES_DATA"
UP_TO_ACT_ENV = "CRANES_UP_TO_ACT"
DEFAULT_WIDTH = 80
MIN_WIDTH = 20  # narrower than this (COLUMNS=0, COLUMNS=1) is a mistake, not a terminal
MAX_WIDTH = 1000


def whole_number(text: str | None, digits: int) -> int | None:
    """``text`` as a whole number in ASCII digits, a minus sign allowed, at most ``digits`` of
    them; else None. The length is checked before converting, so a 5,000-digit value costs
    nothing and raises nothing."""
    if text is None:
        return None
    unsigned = text[1:] if text.startswith("-") else text
    if not 0 < len(unsigned) <= digits or not unsigned.isascii() or not unsigned.isdigit():
        return None
    return int(text)


def number_between(text: str | None, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high`` (both 0 or more), written without a
    sign (see :func:`whole_number`), else None."""
    number = None if text is None or text.startswith("-") else whole_number(text, len(str(high)))
    return number if number is not None and low <= number <= high else None


class Environment(NamedTuple):  # not a dataclass: importing dataclasses costs shell completion
    stdout: Output
    stderr: IO[str] | None
    stdin: IO[str] | None
    environ: Mapping[str, str] = {}
    data_option: str | None = None  # the global --data option, which wins over $CRANES_DATA
    up_to_act_option: int | None = None  # --up-to-act, which wins over $CRANES_UP_TO_ACT
    # False for a command that tells no story (crew, validate): no guard, whatever $CRANES_UP_TO_ACT says.
    spoiler_guard: bool = True

    @classmethod
    def from_process(cls) -> Environment:
        stdout = sys.stdout if isinstance(sys.stdout, Output) else Output(sys.stdout)
        return cls(stdout, sys.stderr, sys.stdin, dict(os.environ))

    def with_options(self, data: str | None = None, up_to_act: int | None = None) -> Environment:
        """This run with the options given on the command line (those not None)."""
        data = self.data_option if data is None else data
        up_to_act = self.up_to_act_option if up_to_act is None else up_to_act
        return self._replace(data_option=data, up_to_act_option=up_to_act)

    def without_guard(self) -> Environment:
        """This run for a command that tells no story, to which the spoiler guard does not apply."""
        return self._replace(up_to_act_option=None, spoiler_guard=False)

    @property
    def data(self) -> str | None:
        """The film file to use: --data, else $CRANES_DATA if set and not empty, else None
        (the bundled film)."""
        if self.data_option is not None:
            return self.data_option
        return self.environ.get(DATA_ENV) or None

    @property
    def guard(self) -> int | None:
        """The spoiler guard, the last act that may be told: --up-to-act, else $CRANES_UP_TO_ACT
        (unset or empty: none). A value that is no act number is a usage problem (whether the
        act exists is the film's to say). None for a command the guard does not apply to."""
        if not self.spoiler_guard:
            return None
        if self.up_to_act_option is not None:
            return self.up_to_act_option
        value = self.environ.get(UP_TO_ACT_ENV, "").strip()
        if not value:
            return None
        act = number_between(value, 0, 10**6)
        if act is None:
            from cranes_cli.core.text import shown
            from cranes_cli.errors import UsageProblem

            raise UsageProblem(f"${UP_TO_ACT_ENV} must be an act number, not {shown(value)}")
        return act

    def error(self, message: str) -> None:
        error(message, self.stderr)

    def warn(self, message: str) -> None:
        self.error(f"warning: {message}")

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
        columns = number_between(self.environ.get("COLUMNS"), MIN_WIDTH, MAX_WIDTH)
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
        return number_between(self.environ.get("LINES"), 1, 100_000) or 25

    @property
    def home(self) -> str:
        """$HOME; where it is not set, the account's (as ``~`` is). Set but empty, it is empty:
        there is no home, not the root directory."""
        if "HOME" in self.environ:
            return self.environ["HOME"]
        return os.path.expanduser("~")

    @property
    def data_dir(self) -> str:
        """Where cranes keeps its own files: $CRANES_HOME, else $XDG_DATA_HOME/cranes (only
        if absolute, as the XDG spec says), else the platform's place for an application's
        data: ~/.local/share/cranes, ~/Library/Application Support/cranes on macOS,
        %LOCALAPPDATA%\\cranes on Windows (the places platformdirs gives; two paths do not
        need the dependency)."""
        explicit = self.environ.get("CRANES_HOME")
        if explicit:
            return explicit
        base = self.environ.get("XDG_DATA_HOME", "")
        if not os.path.isabs(base):
            base = _platform_data_home(self.environ, self.home, sys.platform)
            if not os.path.isabs(base):  # never under the working directory, nor "/" for an empty HOME
                from cranes_cli.errors import NoDataDirectory

                raise NoDataDirectory(
                    "HOME is empty (or not an absolute path) and neither CRANES_HOME nor XDG_DATA_HOME"
                    " says where cranes keeps its files"
                )
        return os.path.join(base, "cranes")


def _platform_data_home(environ: Mapping[str, str], home: str, platform: str) -> str:
    if platform == "darwin":
        return os.path.join(home, "Library", "Application Support")
    if platform == "win32":
        for name in ("LOCALAPPDATA", "APPDATA"):
            if os.path.isabs(environ.get(name, "")):
                return environ[name]
        return os.path.join(home, "AppData", "Local")
    return os.path.join(home, ".local", "share")


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
