"""The quiz's fixed vocabularies, kept free of imports so the Typer app (and shell completion)
can offer them without loading the model or the quiz engine."""

from __future__ import annotations

from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
TOPICS = ("cast", "crew", "plot", "characters", "awards", "titles", "releases", "facts")
