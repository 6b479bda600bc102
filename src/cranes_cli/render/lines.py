"""Plain lines for pipes, the way ``gh`` prints lists when stdout is not a terminal: one
record per line, fields separated by a tab, no wrapping, no Rich (so no Rich start-up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cranes_cli.core.search import Hit


def _field(text: str) -> str:
    """One line, no tabs: runs of whitespace (newlines and tabs included) become one space."""
    return " ".join(text.split())


def search(hits: list[Hit]) -> str:
    return "".join(f"{_field(hit.entry.where)}\t{_field(hit.entry.text)}\n" for hit in hits)
