"""A quiz being played: the questions answered so far, and whether each was right."""

from __future__ import annotations

from dataclasses import dataclass, field

from cranes_cli.core.quiz.question import Question, Quiz


@dataclass
class Session:
    quiz: Quiz
    answered: list[tuple[Question, bool]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(correct for _, correct in self.answered)

    @property
    def missed(self) -> list[Question]:
        return [question for question, correct in self.answered if not correct]

    @property
    def unanswered(self) -> int:
        return len(self.quiz.questions) - len(self.answered)

    @property
    def percent(self) -> int:
        return round(100 * self.score / len(self.answered)) if self.answered else 0
