"""Reading a film file: its bytes, its TOML and where a problem sits, without the model.

Shell completion reads the film on every Tab press and needs only its parsed TOML; this module
keeps that path off ``cranes_cli.film.model`` and ``dataclasses`` (and their ``inspect``), which
``cranes_cli.film.load`` imports to check and build the dataset. ``load`` re-exports every name here.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from cranes_cli.errors import CranesError

if TYPE_CHECKING:
    from cranes_cli.film.locate import Locator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

MAX_FILE_BYTES = 8 * 1024 * 1024
# Plain strings: the re module compiles and caches them on first use, off the start-up path.
_TOML_POSITION = r"\(at line (\d+), column (\d+)\)"
# Integers longer than this are refused before Python converts them (it refuses 4,300 digits).
_LONG_INTEGER = r"[-+]?[0-9][0-9_]{4000,}"
# A TOML reader spends time in the square of a dotted key's parts (and copies a table name's
# parts for every key under it): 20,000 parts took 5 s and 2 GB. Longer keys are refused first.
MAX_KEY_PARTS = 16
MAX_NESTING = 32  # arrays and inline tables: named when the parser gives up, deeper than this
# Every byte but "." and newline, deleted to see at C speed whether some line has enough dots
# for such a key (a key never spans lines): the usual file is done with in microseconds.
_NOT_DOT_OR_NEWLINE = bytes(range(10)) + bytes(range(11, 46)) + bytes(range(47, 256))


class Problem(NamedTuple):
    """One thing wrong with a film file. (A NamedTuple: as cheap to define as a record can
    be, which matters because this module is imported on every start-up.)"""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = [self.path] if self.path else []
        if self.line is not None:
            where.append(f"line {self.line}, column {self.column}")
        return ": ".join([*where, self.message])


class DataFileError(CranesError):
    """The film file cannot be used; ``problems`` lists everything found wrong with it."""

    def __init__(self, source: str, problems: list[Problem], text: str | None = None) -> None:
        self.source = source
        self.problems = problems
        self._text = text  # to place the problems in, when they have no line yet
        self._locator: Locator | None = None  # made once, for the message and for located()
        if text is not None:  # the message names one problem: place that one only
            problems = [*self._placed(problems[:1]), *problems[1:]]
        more = len(problems) - 1
        suffix = (
            f" (and {more} more problem{'s' if more > 1 else ''}: cranes validate lists them)" if more else ""
        )
        super().__init__(f"{source}: {problems[0]}{suffix}")

    def located(self) -> list[Problem]:
        """Every problem, with its line and column where the file's text shows them."""
        return self.problems if self._text is None else self._placed(self.problems)

    def _placed(self, problems: list[Problem]) -> list[Problem]:
        from cranes_cli.film.locate import Locator

        assert self._text is not None
        if self._locator is None:
            self._locator = Locator(self._text)
        locator = self._locator
        return [
            problem._replace(line=position[0], column=position[1])
            if problem.line is None and problem.path and (position := locator.locate(problem.path))
            else problem
            for problem in problems
        ]


def bundled_path() -> str:
    """The film file shipped with the package (or, in a source checkout, at ``data/``).
    (os.path rather than pathlib: pathlib costs more to import than this module's work.)"""
    package_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package_dir, "data", "film.toml")
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(package_dir)), "data", "film.toml")


def read_film_file(label: str) -> bytes:
    """The bytes of a film file: only a regular file (a FIFO or a device would block or never
    end), and no more than MAX_FILE_BYTES."""
    from cranes_cli.files import NotRegular, read_regular

    try:
        raw = read_regular(label, MAX_FILE_BYTES)
    except NotRegular as error:
        raise DataFileError(label, [Problem("", f"is {error.kind}, not a film file")]) from None
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise DataFileError(label, [Problem("", f"cannot be read: {reason}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise DataFileError(label, [Problem("", f"is larger than the {limit} MiB a film file may be")])
    return raw


def read_document(path: str | None = None) -> dict[str, Any]:
    """The parsed TOML of a film file, unchecked (for shell completion, which must be quick
    and may offer less when a file is odd). Raises DataFileError."""
    label = path if path is not None else bundled_path()
    return parse_toml(read_film_file(label).decode("utf-8", "replace"), label)


def parse_toml(text: str, label: str) -> dict[str, Any]:
    if _has_a_line_of_dots(text):
        _refuse_a_long_key(text, label)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = re.search(_TOML_POSITION, message)
        line = column = None
        if position:
            line, column = int(position.group(1)), int(position.group(2))
            message = message[: position.start()].rstrip()
        problem = Problem("", f"TOML syntax error: {message}", line, column)
        raise DataFileError(label, [problem]) from None
    except RecursionError:
        raise DataFileError(label, [_too_deep(text)]) from None
    except ValueError:  # an integer too long for Python to convert
        raise DataFileError(label, [_long_integer(text)]) from None


def _has_a_line_of_dots(text: str) -> bool:
    """Whether some line has enough dots for a key longer than MAX_KEY_PARTS."""
    dots = text.encode("utf-8", "replace").translate(None, _NOT_DOT_OR_NEWLINE)
    return b"." * MAX_KEY_PARTS in dots


def _refuse_a_long_key(text: str, label: str) -> None:
    from cranes_cli.film.locate import TomlShape, without_strings

    if not _has_a_line_of_dots(without_strings(text)):  # the dots were in strings and comments
        return
    found = TomlShape(text).long_key(MAX_KEY_PARTS)
    if found is not None:
        line, column, parts = found
        message = f"a key or table name of {parts:,} dotted parts: expected at most {MAX_KEY_PARTS}"
        raise DataFileError(label, [Problem("", message, line, column)])


def _too_deep(text: str) -> Problem:
    """The parser gave up on arrays and inline tables within arrays and inline tables."""
    from cranes_cli.film.locate import TomlShape

    message = "TOML nesting is too deep"
    found = TomlShape(text).nested_deeper_than(MAX_NESTING)
    if found is None:
        return Problem("", message)
    line, column = found
    return Problem("", f"{message}: arrays and inline tables nest more than {MAX_NESTING} deep", line, column)


def _long_integer(text: str) -> Problem:
    found = re.search(_LONG_INTEGER, text)
    message = "a number is too long: expected at most a few digits"
    if found is None:
        return Problem("", message)
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - text.rfind("\n", 0, found.start())
    return Problem("", f"{message}, found {len(found.group()):,} characters", line, column)


def tables(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The tables in an array of a parsed document, with their indexes; anything else is
    skipped (the structural check reports it)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]
