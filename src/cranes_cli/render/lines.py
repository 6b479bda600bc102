"""Plain lines for pipes, the way ``gh`` prints lists when stdout is not a terminal: one
record per line, fields separated by a tab, no wrapping, no Rich (so no Rich start-up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cranes_cli.unsafe import escape

if TYPE_CHECKING:
    from cranes_cli.core.search import Hit
    from cranes_cli.film.reading import Problem


def _field(text: str) -> str:
    """One line, no tabs: runs of whitespace (newlines and tabs included) become one space,
    and anything else a terminal would obey is escaped."""
    return escape(" ".join(text.split()))


def search(hits: list[Hit]) -> str:
    return "".join(f"{_field(hit.entry.where)}\t{_field(hit.entry.text)}\n" for hit in hits)


def validate(reports: list[tuple[str, list[Problem]]]) -> str:
    """``file: ok``, or one line per problem the way compilers write them:
    ``file:line:column: message`` or ``file: key.path: message``. File names and key paths
    are escaped too: a key with a newline in it must not forge a line of the report."""
    out = []
    for name, problems in reports:
        path = escape(name)
        if not problems:
            out.append(f"{path}: ok\n")
        for problem in problems:
            where = f"{path}:{problem.line}:{problem.column}" if problem.line is not None else path
            key = f" {escape(problem.path)}:" if problem.path else ""
            out.append(f"{where}:{key} {_field(problem.message)}\n")
    return "".join(out)
