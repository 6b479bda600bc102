"""What tells two films apart where cranes keeps things per film (the quiz history)."""

from __future__ import annotations


def film_id(title: str, year: int) -> str:
    """The film's title (its spaces normalised) and year: "The Cranes Are Flying (1957)"."""
    return f"{' '.join(title.split())} ({year})"
