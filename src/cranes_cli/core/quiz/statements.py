"""True/false questions made from the facts, and the hand-written questions of the film file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cranes_cli.core.quiz.context import Context, rate
from cranes_cli.core.quiz.question import TRUE_FALSE, Question
from cranes_cli.core.text import loose, query_keys

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty
from cranes_cli.core.quiz.forms import tf
from cranes_cli.core.quiz.swaps import swapped_value


def _sources_by_title(ctx: Context, keys: tuple[str, ...]) -> str:
    """'Sources: English Wikipedia, “The Cranes Are Flying”; ...': a reader can find each one
    by its site (or publisher) and title. Sources without a site, and the seed, are left out."""
    cited = [
        f"{e.site.split(', ')[0]}, “{e.title}”"
        for e in ctx.dataset.bibliography
        if e.key in keys and e.kind != "seed" and e.site
    ][:2]
    return f"{'Source' if len(cited) == 1 else 'Sources'}: {'; '.join(cited)}." if cited else ""


def facts(ctx: Context) -> Iterator[Question | None]:
    count = 0
    leads = {word for m in ctx.dataset.cast[:2] for word in query_keys(m.name)}
    for fact in ctx.dataset.facts:
        if fact.confidence not in (None, "firm"):
            continue
        id = f"fact:{fact.id}"
        falsehood = swapped_value(ctx, fact, id)
        yield tf(
            id=id,
            topic="facts",
            difficulty=rate(3, prominent=bool(leads & set(query_keys(fact.text))), tf=True),
            truth=fact.text,
            falsehood=falsehood,
            false=count % 2 == 0,
            asks={id},
            true_note=_sources_by_title(ctx, fact.sources),
        )
        count += falsehood is not None


def curated(ctx: Context) -> Iterator[Question | None]:
    for item in ctx.dataset.quiz:
        true_false = {item.answer, *item.wrong} == set(TRUE_FALSE)
        if ctx.names_hidden(item.question, item.answer, *item.wrong, item.explanation):
            continue  # it names someone the guard hides (or the one who plays them)
        if not true_false and len({loose(w) for w in item.wrong} - {loose(item.answer)}) != 3:
            continue  # `cranes validate` reports it
        difficulty: Difficulty = "medium" if true_false and item.difficulty == "hard" else item.difficulty
        id = f"curated:{item.id}"
        yield Question(
            id,
            item.topic,
            difficulty,
            item.question,
            item.answer,
            TRUE_FALSE if true_false else (item.answer, *item.wrong),
            item.explanation,
            item.act,
            frozenset({id}),
            frozenset({id}),
            None,
            ((item.question, item.answer), (item.explanation,)),
        )
