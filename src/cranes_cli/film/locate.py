"""Where a key path (``cast[3].character``) sits in a film file's text, for error messages.

TOML parsers give positions only for syntax errors, so this scans the text for table headers
(``[film]``, ``[[cast]]``) and ``key =`` lines. It finds the line of the key itself when it
stands on a line of its own, else the line of the nearest enclosing key or table (a key inside
an inline table is reported at the line that opens it). Used only when something is wrong.

A :class:`Locator` reads the text once and indexes what it finds, so placing every one of
thousands of problems costs time in proportion to the file, not to the file times the
problems.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_KEY = re.compile(r"""^\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*=""")


def _column(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1


def locate(text: str, path: str) -> tuple[int, int] | None:
    """The 1-based line and column of ``path`` in ``text``, or None if it cannot be placed."""
    return Locator(text).locate(path)


class Locator:
    """Places key paths in one film file's text; build once, ask for many paths."""

    def __init__(self, text: str) -> None:
        # TOML counts lines by "\n" alone (str.splitlines would also break at U+2028 and \x0c).
        self.lines = text.split("\n")
        self.header_lines: list[int] = []
        self.header_names: list[str] = []
        self.by_name: dict[str, list[tuple[int, bool]]] = {}  # name → (line index, is an array)
        for number, line in enumerate(self.lines):
            if "[" not in line:
                continue
            match = _HEADER.match(line)
            if match:
                name = match.group(2).replace(" ", "")
                self.header_lines.append(number)
                self.header_names.append(name)
                self.by_name.setdefault(name, []).append((number, match.group(1) == "[["))
        self._keys: dict[int, dict[str, int]] = {}  # table start → key → line index
        self._elements: dict[int, list[int] | None] = {}  # key line → line index of each element

    def locate(self, path: str) -> tuple[int, int] | None:
        """The 1-based line and column of ``path``, or None if it cannot be placed."""
        tokens: list[str | int] = [name if name else int(index) for name, index in _TOKEN.findall(path)]
        prefix = ""
        start, end = 0, len(self.lines)  # the lines of the table we are in
        found: int | None = None
        position = 0
        while position < len(tokens):
            token = tokens[position]
            if not isinstance(token, str):
                return None
            name = f"{prefix}.{token}" if prefix else token
            index = tokens[position + 1] if position + 1 < len(tokens) else None
            in_scope = self._headers_between(name, start, end)
            if isinstance(index, int) and in_scope and in_scope[0][1]:
                if index >= len(in_scope):
                    return None
                header_line = in_scope[index][0]
                position += 2
            elif in_scope and not isinstance(index, int):  # a table, or the whole array of tables
                header_line = in_scope[0][0]
                position += 1
            else:
                key = self._key_line(start, end, token)
                if key is not None and isinstance(index, int):
                    return self._element_line(key, index) or self._at(key)
                return self._at(key if key is not None else found)
            found = header_line
            prefix = name
            start = header_line + 1
            end = self._table_end(header_line, name)
        return self._at(found)

    def _headers_between(self, name: str, start: int, end: int) -> list[tuple[int, bool]]:
        headers = self.by_name.get(name, [])
        low = bisect.bisect_left(headers, (start, False))
        high = bisect.bisect_left(headers, (end, False))
        return headers[low:high]

    def _table_end(self, header_line: int, name: str) -> int:
        """The line after the table opened at ``header_line`` and its sub-tables."""
        position = bisect.bisect_right(self.header_lines, header_line)
        inside = name + "."
        while position < len(self.header_lines) and self.header_names[position].startswith(inside):
            position += 1
        return self.header_lines[position] if position < len(self.header_lines) else len(self.lines)

    def _key_line(self, start: int, end: int, key: str) -> int | None:
        """The line where ``key =`` is set directly in the table running from ``start``."""
        keys = self._keys.get(start)
        if keys is None:
            position = bisect.bisect_left(self.header_lines, start)
            own_end = self.header_lines[position] if position < len(self.header_lines) else len(self.lines)
            keys = self._keys[start] = {}
            for number in range(start, min(own_end, end)):
                match = _KEY.match(self.lines[number])
                if match:
                    for name in _key_names(match):
                        keys.setdefault(name, number)
        return keys.get(key)

    def _element_line(self, key_line: int, index: int) -> tuple[int, int] | None:
        """Element ``index`` of an array that opens at the end of ``key_line`` and has one
        element per line, as film files write beats and relations."""
        if key_line not in self._elements:
            self._elements[key_line] = self._array_lines(key_line)
        elements = self._elements[key_line]
        if elements is None or index >= len(elements):
            return None
        return self._at(elements[index])

    def _array_lines(self, key_line: int) -> list[int] | None:
        if not self.lines[key_line].split("#")[0].rstrip().endswith("["):
            return None
        found = []
        for number in range(key_line + 1, len(self.lines)):
            stripped = self.lines[number].strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("]"):
                break
            found.append(number)
        return found

    def _at(self, number: int | None) -> tuple[int, int] | None:
        return None if number is None else (number + 1, _column(self.lines[number]))


def _key_names(match: re.Match[str]) -> list[str]:
    """The key a ``key =`` line sets, as written and, for a quoted key with escapes, as read."""
    bare, quoted, literal = match.groups()
    if bare is not None:
        return [bare]
    if literal is not None:
        return [literal]
    names = [quoted]
    if "\\" in quoted:
        with contextlib.suppress(ValueError):  # not JSON's escapes: as written only
            names.append(json.loads(f'"{quoted}"'))
    return names


# A TOML string or comment, matched whole so that nothing in it is read as a key or a bracket.
# An unterminated one runs to the end of its line (of the text, for a multi-line string): a TOML
# reader stops there with an error, so nothing after it is read as TOML anyway. Every branch
# matches whatever follows its opening, so each character is read once.
_STRING_OR_COMMENT = re.compile(
    r'"""[^"\\]*(?:(?:\\.?|"{1,2}(?!"))[^"\\]*)*(?:"{3,5}|\Z)'
    r"|'''[^']*(?:'{1,2}(?!')[^']*)*(?:'{3,5}|\Z)"
    r'|"[^"\\\n]*(?:\\.?[^"\\\n]*)*(?:"|(?=\n)|\Z)'
    r"|'[^'\n]*(?:'|(?=\n)|\Z)"
    r"|#[^\n]*",
    re.DOTALL,
)
# One part of a dotted key once strings are blanked: anything but space, dots and TOML's
# punctuation (wider than a bare key, so that no reader's idea of a key is missed).
_PART = r"[^\s.=\[\]{},#]+"
_CHAIN = _PART + r"(?:[ \t]*\.[ \t]*" + _PART + ")*"
_CHAIN_START = r"(?<![^\s=\[\]{},])"  # a part not after a dot or another part's characters
_BRACKET = re.compile(r"[\[\]{}]")


def without_strings(text: str) -> str:
    """The text with each string and comment replaced by one letter: quick (no Python code
    runs per string), but lines inside multi-line strings are gone, so it can only rule a
    problem out; :class:`TomlShape` places one."""
    return _STRING_OR_COMMENT.sub("s", text)


class TomlShape:
    """The structure of a TOML text with its strings and comments blanked out (each character
    of them replaced, newlines kept, so positions are unchanged): for checks a TOML reader
    would be slow or give up on. Linear in the text; used only when a cheap test says a
    check is needed."""

    def __init__(self, text: str) -> None:
        self.skeleton = _STRING_OR_COMMENT.sub(_blanked, text)

    def long_key(self, most: int) -> tuple[int, int, int] | None:
        """The line, column and number of parts of the first dotted key or table name with more
        than ``most`` parts, if any."""
        longer = re.compile(f"{_CHAIN_START}{_PART}(?:[ \\t]*\\.[ \\t]*{_PART}){{{most}}}")
        found = longer.search(self.skeleton)
        if found is None:
            return None
        whole = re.compile(_CHAIN).match(self.skeleton, found.start())
        assert whole is not None
        return (*self._position(found.start()), whole.group().count(".") + 1)

    def nested_deeper_than(self, most: int) -> tuple[int, int] | None:
        """The line and column of the first array or inline table opened inside ``most``
        others, if any. (A table header's brackets count too, but only ever two.)"""
        depth = 0
        for bracket in _BRACKET.finditer(self.skeleton):
            if bracket.group() in "[{":
                depth += 1
                if depth > most:
                    return self._position(bracket.start())
            else:
                depth = max(depth - 1, 0)
        return None

    def _position(self, offset: int) -> tuple[int, int]:
        return self.skeleton.count("\n", 0, offset) + 1, offset - self.skeleton.rfind("\n", 0, offset)


def _blanked(match: re.Match[str]) -> str:
    found = match.group()
    fill = " " if found.startswith("#") else "s"
    return "\n".join(fill * len(line) for line in found.split("\n"))
