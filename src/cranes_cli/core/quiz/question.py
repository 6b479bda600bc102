"""A quiz question and a quiz: plain records, no behaviour beyond what they say of themselves."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dataclasses import dataclass

    from cranes_cli.core.choices import Difficulty
else:
    from cranes_cli.frozen import dataclass

TRUE_FALSE = ("True", "False")
TRUE_OR_FALSE = "True or false: "  # how every true/false prompt begins
MAX_OPTIONS = 4


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    difficulty: Difficulty
    prompt: str
    answer: str
    options: tuple[str, ...]  # the right answer is one of them; shuffled in a quiz
    explanation: str
    act: int | None = None  # the latest act the question draws on; None: none
    # The facts the question tests, and every fact a player learns from it (its text, its
    # right answer and its explanation). Keys such as "cast:veronika", "year:1958".
    asks: frozenset[str] = frozenset()
    reveals: frozenset[str] = frozenset()
    truth: str | None = None  # for a false statement: the true one it was made from
    # Texts still to be read for the facts they state, (into asks, into reveals); None once
    # read. Reading is put off until a quiz considers the question (``make.resolved``).
    unread: tuple[tuple[str, ...], tuple[str, ...]] | None = field(default=None, compare=False, repr=False)

    @property
    def is_true_false(self) -> bool:
        return set(self.options) == set(TRUE_FALSE)

    @property
    def kind(self) -> str:
        return self.id.split(":")[0]


@dataclass(frozen=True)
class Quiz:
    seed: int
    questions: tuple[Question, ...]
