"""Marks and footnotes under a view: how sure a value is, and (with ``--cite``) where it
comes from.

A value resting on one source carries ``‡``, a value the file's authors worked out (a name spelt
back into Cyrillic) carries ``†``; a legend under the view says what each mark means, so the
mark is never the only sign. With ``--cite`` every record also gets numbered footnotes, listed
under the view with each source's title and address, and under each the words the records quote
from it (their evidence), with an English gloss where the source is in another language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from cranes_cli.core.sources import Footnotes, describe

if TYPE_CHECKING:
    from cranes_cli.film.model import Dataset, Evidence

MARKS = {"single": "‡", "derived": "†"}
LEGEND = {
    "single": "single source: only one source gives this value.",
    "derived": "derived: worked out by the film file's authors (such as a name spelt back into "
    "Cyrillic); no source gives it.",
}
DIM = "dim"


class Notes:
    """Collects the marks and citations one view uses. Without a dataset, or without
    ``cite``, it only marks."""

    def __init__(self, dataset: Dataset | None = None, cite: bool = False) -> None:
        self.footnotes = Footnotes(dataset) if cite and dataset is not None else None
        self.used: dict[str, None] = {}

    def mark(self, how: str | None) -> str:
        """The mark for a confidence or basis value ('' for firm or unrated)."""
        if how not in MARKS:
            return ""
        self.used[how] = None
        return MARKS[how]

    def cite(self, keys: Iterable[str], evidence: Iterable[Evidence] = ()) -> Text:
        """' [1,3]' for these sources, or nothing when not citing; the record's quotes from
        them are kept for the footnotes."""
        if self.footnotes is None:
            return Text()
        numbers = self.footnotes.number(keys, evidence)
        if not numbers:
            return Text()
        return Text(f" [{','.join(map(str, numbers))}]", style=DIM)

    def footer(self) -> list[RenderableType]:
        lines: list[RenderableType] = []
        for how in self.used:
            lines.append(Text(f"{MARKS[how]} {LEGEND[how]}", style=DIM))
        if self.footnotes is not None:
            listed = self.footnotes.listed()
            if listed:
                if lines:
                    lines.append(Text())
                lines.append(Text("Sources", style="bold"))
                for number, entry in listed:
                    lines.append(Text(f"[{number}] ", style=DIM).append(describe(entry, address=False)))
                    if entry.url:  # on a line of its own, broken only where it must be
                        address = Text(f"    {entry.url}", overflow="fold")
                        address.stylize(Style(link=entry.url), 4)
                        lines.append(address)
                    lines.extend(_quoted(self.footnotes.quotes(entry.key)))
        return lines

    def attach(self, view: RenderableType) -> RenderableType:
        """The view with the legend and the footnotes under it, if it used any."""
        lines = self.footer()
        if not lines:
            return view
        return Group(view, Text(), *lines)


def _quoted(quotes: list[tuple[str, str | None]]) -> list[RenderableType]:
    """A source's quotes under its footnote, indented so that a wrapped line stays under its
    quote; a gloss follows its quote, marked as the English of it."""
    lines: list[RenderableType] = []
    for quote, gloss in quotes:
        lines.append(Padding(Text(f"“{quote}”", style="italic"), (0, 0, 0, 4), expand=False))
        if gloss:
            lines.append(Padding(Text(f"English: {gloss}", style=DIM), (0, 0, 0, 6), expand=False))
    return lines
