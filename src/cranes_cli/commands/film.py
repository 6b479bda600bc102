"""The lookup commands: what the film file says (info, cast, crew, plot, awards, facts, sources,
search, who, characters, timeline, graph). Each loads the film as far as the spoiler guard lets it
be told, asks ``core`` one query and hands the answer to its JSON payload or its view."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cranes_cli.commands.base import (
    emit,
    finder,
    guarded,
    hidden_hint,
    load_dataset,
    load_section,
    lookup,
    moments,
    notes,
    payloads,
    people,
    show,
    views,
    whole_film,
)
from cranes_cli.errors import NotFound, UsageProblem

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from cranes_cli.environment import Environment
    from cranes_cli.film.model import Dataset


def info(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = load_dataset(env)
    card = lookup.title_card(dataset)
    show(env, json_, lambda: payloads.info(card), lambda: views.info(card, notes(dataset, cite)), dataset)


def cast(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = load_section(env, "cast", lambda film: film.cast)
    lines = lookup.cast_lines(dataset)
    show(env, json_, lambda: payloads.cast(lines), lambda: views.cast(lines, notes(dataset, cite)), dataset)


def crew(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = load_section(env, "crew", lambda film: film.crew)
    show(
        env, json_, lambda: payloads.crew(dataset), lambda: views.crew(dataset, notes(dataset, cite)), dataset
    )


def plot(env: Environment, act: int | None = None, json_: bool = False) -> None:
    whole = whole_film(env)
    limit = env.guard
    if act is not None and limit is not None and limit < act <= len(whole.acts):
        raise UsageProblem(f"act {act} comes after the spoiler guard: acts 1 to {limit} can be shown")
    dataset = guarded(env, whole)
    acts = lookup.select_acts(dataset, act)
    show(
        env,
        json_,
        lambda: payloads.plot(dataset, acts),
        lambda: views.plot(dataset, acts, total=len(whole.acts)),
    )


def awards(env: Environment, cite: bool = False, json_: bool = False) -> None:
    dataset = load_section(env, "awards", lambda film: film.awards)
    show(
        env,
        json_,
        lambda: payloads.awards(dataset),
        lambda: views.awards(dataset, notes(dataset, cite)),
        dataset,
    )


def facts(env: Environment, cite: bool = False, json_: bool = False) -> None:
    def everything(film: Dataset) -> Sequence[object]:
        play = (film.film.play,) if film.film.play else ()
        return (*film.facts, *film.film.releases, *film.film.admissions, *play)

    dataset = load_section(env, "facts", everything)
    show(
        env,
        json_,
        lambda: payloads.facts(dataset),
        lambda: views.facts(dataset, notes(dataset, cite)),
        dataset,
    )


def sources(env: Environment, json_: bool = False) -> None:
    dataset = load_section(env, "sources", lambda film: film.bibliography)
    show(env, json_, lambda: payloads.sources(dataset), lambda: views.sources(dataset))


def search(
    env: Environment,
    words: tuple[str, ...],
    limit: int = 10,
    json_: bool = False,
) -> None:
    from cranes_cli.core.text import did_you_mean, shown

    if limit < 1:
        raise UsageProblem(f"--limit must be 1 or more, not {limit}")
    term = " ".join(words)
    keys = finder.check_term(term)
    entries = finder.index(load_dataset(env))
    hits = finder.rank(entries, keys)
    if not hits:
        problem = NotFound(f"nothing matches {shown(term)}{did_you_mean(finder.suggestions(entries, term))}")
        raise hidden_hint(env, problem)
    if json_ or env.stdout_is_terminal:
        show(env, json_, lambda: payloads.search(hits[:limit], len(hits)), lambda: views.search(hits[:limit]))
    else:
        from cranes_cli.render import lines

        env.stdout.write(lines.search(hits[:limit]))
    if len(hits) > limit and not json_:
        env.error(f"showing {limit} of {len(hits)} results; --limit {len(hits)} shows them all")


def who(
    env: Environment,
    words: tuple[str, ...],
    cite: bool = False,
    json_: bool = False,
) -> None:
    dataset = load_dataset(env)
    try:
        card = people.who(dataset, " ".join(words))
    except NotFound as problem:
        raise hidden_hint(env, problem) from None
    show(env, json_, lambda: payloads.who(card), lambda: views.who(card, notes(dataset, cite)), dataset)


def characters(env: Environment, json_: bool = False) -> None:
    groups = people.characters_by_family(load_section(env, "characters", lambda film: film.characters))
    show(env, json_, lambda: payloads.characters(groups), lambda: views.characters(groups))


def timeline(
    env: Environment,
    history: bool = False,
    cite: bool = False,
    json_: bool = False,
) -> None:
    dataset = load_section(env, "plot", lambda film: film.acts)
    story, past = moments.story(dataset), moments.history(dataset) if history else None
    show(
        env,
        json_,
        lambda: payloads.timeline(story, past),
        lambda: views.timeline(story, past, notes(dataset, cite)),
        dataset,
    )


def graph(env: Environment, format_: str = "mermaid", json_: bool = False) -> None:
    from cranes_cli.render import graph as drawing

    drawings: dict[str, Callable[[Dataset], str]] = {"mermaid": drawing.mermaid, "dot": drawing.dot}
    if format_ not in drawings:
        raise UsageProblem(f"unknown format {format_!r}: choose from {', '.join(drawings)}")
    dataset = load_section(env, "characters", lambda film: film.characters)
    if json_:
        return emit(env, drawing.document(dataset))
    env.stdout.write_bytes(drawings[format_](dataset).encode("utf-8"))
