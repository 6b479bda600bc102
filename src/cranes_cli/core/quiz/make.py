"""Generating questions from a film file, within a spoiler guard.

The rules every generated question keeps (docs/quiz.md explains them): exactly three wrong
answers of the same kind and gender as the right one, or the fact is asked as true/false;
a false statement swaps one value for another of the same kind; options never answer by their
form; nothing after the guard's act is shown; values are written as a person writes them; each
question names the facts it asks and reveals (see ``reveals``); difficulty comes from evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from cranes_cli.core.quiz.context import Context
from cranes_cli.core.quiz.dates import awards, releases, titles
from cranes_cli.core.quiz.people import cast, crew
from cranes_cli.core.quiz.question import Question
from cranes_cli.core.quiz.quotes import quote_questions
from cranes_cli.core.quiz.statements import curated, facts
from cranes_cli.core.quiz.story import KIN, event_order, nicknames, odd_place, relations, who_does
from cranes_cli.core.quiz.swaps import swapped, swapped_value
from cranes_cli.film.model import Dataset

__all__ = [
    "GENERATORS",
    "KIN",
    "prompts",
    "question_pool",
    "resolved",
    "swapped",
    "swapped_value",
    "unread_pool",
]

Generator = Callable[[Context], Iterator[Question | None]]


# The families of questions, best first: when two can ask the same fact, the pool keeps the
# question of the earlier family (a hand-written question before any made by the program).
# A family is a function of the context that yields questions; a new one joins this list.
GENERATORS: tuple[Generator, ...] = (
    curated,
    cast,
    crew,
    awards,
    event_order,
    odd_place,
    who_does,
    quote_questions,
    relations,
    nicknames,
    titles,
    releases,
    facts,
)


def question_pool(dataset: Dataset, up_to_act: int | None = None) -> list[Question]:
    """Every question the dataset can make, in a stable order, within the spoiler guard: the
    questions are made from the film as it stands after ``up_to_act`` (``spoilers.as_of_act``:
    no later acts, characters, relations or cast lines, names and descriptions as the film has
    given them by then), and none draws on a later act. Each names the facts it asks and
    reveals."""
    ctx, questions = unread_pool(dataset, up_to_act)
    return [resolved(ctx, question) for question in questions]


def prompts(dataset: Dataset, up_to_act: int | None = None) -> dict[str, str]:
    """Each question of the pool's prompt, by id, for the history, which names questions by
    id; without reading the facts each states, which a prompt does not need."""
    return {question.id: question.prompt for question in unread_pool(dataset, up_to_act)[1]}


def unread_pool(dataset: Dataset, up_to_act: int | None = None) -> tuple[Context, list[Question]]:
    """The pool with the facts of each question's texts not yet read (see ``resolved``): a
    quiz of ten reads ten questions and the few it passes over, not the whole pool."""
    from cranes_cli.core.spoilers import as_of_act

    ctx = Context(as_of_act(dataset, up_to_act), up_to_act, whole=dataset)
    questions: dict[str, Question] = {}
    asked: set[str] = set()  # one question per fact: the first family's
    for generator in GENERATORS:
        for question in generator(ctx):
            if question is None or not ctx.visible(question.act) or question.id in questions:
                continue
            if asked.intersection(question.facts):
                continue
            questions[question.id] = question
            asked.update(question.facts)
    return ctx, list(questions.values())


def resolved(ctx: Context, question: Question) -> Question:
    """The question with every fact its texts state in ``asks`` and ``reveals``."""
    if question.unread is None:
        return question
    into_asks, into_reveals = question.unread
    asks = question.asks | ctx.keys(*into_asks) if into_asks else question.asks
    reveals = asks | question.reveals | (ctx.keys(*into_reveals) if into_reveals else frozenset())
    wrong = [] if question.is_true_false else [o for o in question.options if o != question.answer]
    excludes = ctx.keys(*wrong) - asks if wrong else frozenset()
    return replace(question, asks=asks, reveals=reveals, excludes=excludes, unread=None)
