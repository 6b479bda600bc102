"""Exit statuses and the errors that carry them, shared by every layer."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # the data file is broken, or a lookup found nothing
    USAGE = 2  # the command line asked for something that cannot exist
    INTERRUPTED = 130  # Ctrl-C


class CranesError(Exception):
    """An error meant for the user: its message is one line, and it knows its exit code."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageProblem(CranesError):
    """The request names something outside what the command accepts (e.g. act 9 of 6)."""

    exit_code = ExitCode.USAGE


class NotFound(CranesError):
    """A lookup found nothing."""


class NoDataDirectory(CranesError):
    """There is no place for cranes's own files (the quiz history): HOME is empty."""


class Interrupted(BaseException):
    """Ctrl-C during a command the Typer app runs, carried to the entry point (``cli.main``,
    which reports it) past the parser, which would print "Aborted!" and exit 1 for a
    KeyboardInterrupt."""


class OutputClosed(Exception):
    """The reader of standard output has gone: stop quietly, with status 0."""


class WriteFailed(CranesError):
    """Standard output cannot be written (a full disk, an I/O error)."""
