"""Choosing a quiz from the pool: the seed decides which questions and in what order, kinds
are taken in turn, and no question may give away another's answer."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import replace

from cranes_cli.core.quiz.context import Context
from cranes_cli.core.quiz.make import resolved, unread_pool
from cranes_cli.core.quiz.question import Question, Quiz
from cranes_cli.errors import NotFound, UsageProblem
from cranes_cli.film.model import Dataset

DEFAULT_COUNT = 10


def make_quiz(
    dataset: Dataset,
    *,
    seed: int,
    count: int | None = None,
    difficulties: Iterable[str] = (),
    topics: Iterable[str] = (),
    up_to_act: int | None = None,
    only_ids: Iterable[str] | None = None,
    prefer: Mapping[str, float] | None = None,
) -> Quiz:
    """Choose ``count`` questions (by default ten, or all there are if fewer) and shuffle their
    options; the same arguments give the same quiz. ``prefer`` maps the questions asked before
    to when they were last asked: the others are taken first, then the least recently asked."""
    if count is not None and count < 1:
        raise UsageProblem(f"--count must be at least 1, not {count}")
    asked_for = count  # only a --count the user gave is an error to fall short of
    wanted_difficulties, wanted_topics = set(difficulties), set(topics)
    ctx, pool = unread_pool(dataset, up_to_act)
    candidates = [
        q
        for q in pool
        if (not wanted_difficulties or q.difficulty in wanted_difficulties)
        and (not wanted_topics or q.topic in wanted_topics)
    ]
    if only_ids is not None:
        wanted = list(dict.fromkeys(only_ids))
        by_id = {q.id: q for q in candidates}
        candidates = [by_id[i] for i in wanted if i in by_id]
        if not candidates:
            raise NotFound("none of the missed questions can be asked with these options")
        count = min(count or DEFAULT_COUNT, len(candidates))
        asked_for = None if asked_for is None else count
    if not candidates:
        raise UsageProblem("no questions match these options (try fewer --topic or --difficulty limits)")
    rng = random.Random(seed)
    chosen = _varied_sample(rng, ctx, candidates, count or DEFAULT_COUNT, prefer)
    if asked_for is not None and len(chosen) < asked_for:
        many = len(chosen)
        raise UsageProblem(
            f"only {many} question{'s' if many > 1 else ''} can be asked together with these options "
            f"(more would give each other's answers away); ask for --count {many} or fewer"
        )
    rng.shuffle(chosen)
    shuffled = []
    for question in chosen:
        options = list(question.options)
        if not question.is_true_false:
            rng.shuffle(options)
        shuffled.append(replace(question, options=tuple(options)))
    return Quiz(seed, tuple(shuffled))


def _gives_away(question: Question, asked: set[str], revealed: set[str], excluded: set[str]) -> bool:
    """Whether ``question`` and those already taken would give each other away: one tells what
    the other asks, or rules out one of its wrong options."""
    return bool(
        question.asks & (revealed | asked)
        or question.reveals & (asked | excluded)
        or question.excludes & revealed
    )


def _varied_sample(
    rng: random.Random,
    ctx: Context,
    candidates: list[Question],
    count: int,
    prefer: Mapping[str, float] | None = None,
) -> list[Question]:
    """Up to ``count`` questions taking topics in turn (cast, crew, plot, ...), so a quiz is
    not all of the most numerous kind, skipping any question that would give away, or be given
    away by, one already taken. The first ``n`` taken are the same whatever ``count`` is."""
    kinds: dict[str, list[Question]] = {}
    for question in candidates:
        kinds.setdefault(question.topic, []).append(question)
    queues = list(kinds.values())
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    rounds = [queues]
    if prefer:
        # New questions first, topics in turn; then those asked before, the least recently
        # asked first (at the end of each queue, where pop() takes from). The seed's order is
        # kept among equals (stable sorts).
        def last(question: Question) -> float:
            return prefer.get(question.id, float("-inf"))

        fresh = [[q for q in queue if q.id not in prefer] for queue in queues]
        stale = [sorted((q for q in queue if q.id in prefer), key=last, reverse=True) for queue in queues]
        stale.sort(key=lambda queue: last(queue[-1]) if queue else float("inf"))
        rounds = [fresh, stale]
    chosen: list[Question] = []
    asked: set[str] = set()
    revealed: set[str] = set()
    excluded: set[str] = set()  # what the wrong options of those taken name
    for round_queues in rounds:
        while len(chosen) < count and any(round_queues):
            for queue in round_queues:
                while queue and len(chosen) < count:
                    question = resolved(ctx, queue.pop())
                    if _gives_away(question, asked, revealed, excluded):
                        continue
                    chosen.append(question)
                    asked |= question.asks
                    revealed |= question.reveals
                    excluded |= question.excludes
                    break
    return chosen
