"""cranes: film trivia and lookup for The Cranes Are Flying (1957)."""

__version__ = "0.1.0"
