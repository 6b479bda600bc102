"""Fixed vocabularies (quiz difficulties and topics, graph formats), kept free of imports
so the Typer app (and shell completion) can offer them without loading the model."""

from __future__ import annotations

from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
TOPICS = ("cast", "crew", "plot", "characters", "awards", "titles", "releases", "facts")
GRAPH_FORMATS = ("mermaid", "dot")
