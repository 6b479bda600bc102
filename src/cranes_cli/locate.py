"""Where a key path (``cast[3].character``) sits in a film file's text, for error messages.

TOML parsers give positions only for syntax errors, so this scans the text for table headers
(``[film]``, ``[[cast]]``) and ``key =`` lines. It finds the line of the key itself when it
stands on a line of its own, else the line of the nearest enclosing key or table (a key inside
an inline table is reported at the line that opens it). Used only when something is wrong.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _column(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1


def locate(text: str, path: str) -> tuple[int, int] | None:
    """The 1-based line and column of ``path`` in ``text``, or None if it cannot be placed."""
    lines = text.splitlines()
    headers: list[tuple[int, str, bool]] = []  # (line index, dotted name, is an array of tables)
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match:
            headers.append((number, match.group(2).replace(" ", ""), match.group(1) == "[["))
    tokens: list[str | int] = [name if name else int(index) for name, index in _TOKEN.findall(path)]

    prefix = ""
    start, end = 0, len(lines)  # the lines of the table we are in
    found: int | None = None
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if not isinstance(token, str):
            return None
        name = f"{prefix}.{token}" if prefix else token
        index = tokens[position + 1] if position + 1 < len(tokens) else None
        in_scope = [(n, is_array) for n, header, is_array in headers if header == name and start <= n < end]
        if isinstance(index, int) and in_scope and in_scope[0][1]:
            if index >= len(in_scope):
                return None
            header_line = in_scope[index][0]
            position += 2
        elif in_scope and not isinstance(index, int):  # a table, or the whole array of tables
            header_line = in_scope[0][0]
            position += 1
        else:
            key = _key_line(lines, headers, start, end, token)
            if key is not None and isinstance(index, int):
                return _element_line(lines, key[0] - 1, index) or key
            return key or _at(lines, found)
        found = header_line
        prefix = name
        start = header_line + 1
        end = next(
            (n for n, header, _ in headers if n > header_line and not header.startswith(name + ".")),
            len(lines),
        )
    return _at(lines, found)


def _key_line(
    lines: list[str], headers: list[tuple[int, str, bool]], start: int, end: int, key: str
) -> tuple[int, int] | None:
    """The line where ``key =`` is set directly in the table running from ``start``."""
    own_end = next((n for n, _, _ in headers if start <= n < end), end)
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    for number in range(start, own_end):
        if pattern.match(lines[number]):
            return number + 1, _column(lines[number])
    return None


def _element_line(lines: list[str], key_line: int, index: int) -> tuple[int, int] | None:
    """Element ``index`` of an array that opens at the end of ``key_line`` and has one
    element per line, as film files write beats and relations."""
    if not lines[key_line].split("#")[0].rstrip().endswith("["):
        return None
    seen = 0
    for number in range(key_line + 1, len(lines)):
        stripped = lines[number].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("]"):
            return None
        if seen == index:
            return number + 1, _column(lines[number])
        seen += 1
    return None


def _at(lines: list[str], number: int | None) -> tuple[int, int] | None:
    return None if number is None else (number + 1, _column(lines[number]))
