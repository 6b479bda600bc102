"""Fixed vocabularies (quiz difficulties and topics, graph formats), kept free of imports
so the Typer app (and shell completion) can offer them without loading the model."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: shell completion reads this module and never imports typing
if TYPE_CHECKING:
    from typing import Literal

    Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
TOPICS = ("cast", "crew", "plot", "characters", "awards", "titles", "releases", "facts")
GRAPH_FORMATS = ("mermaid", "dot")
EXPORT_FORMATS = ("markdown", "anki", "gift", "quizlet", "opentdb", "csv")
ENCODINGS = ("html", "url3986", "base64")  # Open Trivia DB's ``encode``; html is its default
