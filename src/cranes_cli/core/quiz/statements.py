"""Questions made from the facts (fill the gap with the right year, date, figure or place), and
the hand-written questions of the film file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cranes_cli.core.quiz.context import Context, rate
from cranes_cli.core.quiz.forms import declared, mc
from cranes_cli.core.quiz.question import TRUE_FALSE, Question
from cranes_cli.core.quiz.reveals import values
from cranes_cli.core.quiz.swaps import alternatives
from cranes_cli.core.text import loose, query_keys

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

GAP = "___"


def facts(ctx: Context) -> Iterator[Question | None]:
    """'Fill the gap: In the Soviet Union the film sold ___ tickets.' for a fact whose value is a
    year, a date, a figure or a place and has three others of its kind to offer. A fact with
    another kind of value is asked by a hand-written question, or not at all."""
    leads = {word for m in ctx.whole.cast[:2] for word in query_keys(m.name)}
    skipped = {entry.fact for entry in ctx.whole.quiz_skip}
    for fact in ctx.dataset.facts:
        if fact.id in skipped:
            continue
        value = fact.value
        if fact.confidence not in (None, "firm") or value is None or fact.text.count(value.text) != 1:
            continue
        if f"the {value.text}" in fact.text:
            continue  # "in the ___" would tell a country from a town
        id = f"fact:{fact.id}"
        wrong = alternatives(ctx, fact, id)
        yield mc(
            id=id,
            topic="facts",
            difficulty=rate(3, prominent=bool(leads & set(query_keys(fact.text)))),
            prompt=f"Fill the gap: {fact.text.replace(value.text, GAP, 1)}",
            answer=value.text,
            wrong=wrong,
            explanation=fact.text,
            asks={id, *values(value.text)},
        )


def curated(ctx: Context) -> Iterator[Question | None]:
    """The film file's own questions. One that names the facts it asks (``asks``) is the only
    question of the pool about them."""
    for item in ctx.dataset.quiz:
        true_false = {item.answer, *item.wrong} == set(TRUE_FALSE)
        if ctx.names_hidden(item.question, item.answer, *item.wrong, item.explanation):
            continue  # it names someone the guard hides (or the one who plays them)
        if not true_false and len({loose(w) for w in item.wrong} - {loose(item.answer)}) != 3:
            continue  # `cranes validate` reports it
        difficulty: Difficulty = "medium" if true_false and item.difficulty == "hard" else item.difficulty
        id = f"curated:{item.id}"
        asks = frozenset({id, *(f"fact:{fact}" for fact in item.asks)})
        about = {fact.id: fact for fact in ctx.whole.facts}
        facts_values = {key for fact in item.asks if fact in about and about[fact].value is not None
                        for key in values(about[fact].value.text)}  # type: ignore[union-attr]  # fmt: skip
        yield Question(
            id,
            item.topic,
            difficulty,
            item.question,
            item.answer,
            TRUE_FALSE if true_false else (item.answer, *item.wrong),
            item.explanation,
            item.act,
            asks,
            asks,
            None,
            ((item.question, item.answer), (item.explanation,)),
            declared(asks | facts_values),
        )
