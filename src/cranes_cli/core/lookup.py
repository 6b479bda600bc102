"""The lookups behind info, cast, crew, plot, awards and facts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from cranes_cli.errors import NotFound, UsageProblem
from cranes_cli.film.model import Act, Award, CastMember, Character, CrewMember, Dataset, Fact, Film

T = TypeVar("T")


class CastLine(NamedTuple):
    billing: int
    member: CastMember
    character: Character


class TitleCard(NamedTuple):
    film: Film
    directors: list[CrewMember]
    top_award: Award | None


class AwardGroup(NamedTuple):
    event: str
    year: int
    awards: tuple[Award, ...]


def require(items: Sequence[T], what: str) -> Sequence[T]:
    """``items``, or a NotFound saying the film file has none of ``what``."""
    if not items:
        raise NotFound(f"this film file has no {what}")
    return items


def cast_lines(dataset: Dataset) -> list[CastLine]:
    """The cast in billing order, each with the character they play."""
    characters = {character.id: character for character in reversed(dataset.characters)}
    return [
        CastLine(billing, member, characters[member.character])
        for billing, member in enumerate(dataset.cast, start=1)
    ]


def directors(dataset: Dataset) -> list[CrewMember]:
    return [member for member in dataset.crew if member.role == "director"]


def select_acts(dataset: Dataset, act_number: int | None = None) -> tuple[Act, ...]:
    """All acts, or the one asked for; an act that doesn't exist is a usage problem."""
    require(dataset.acts, "plot")
    if act_number is None:
        return dataset.acts
    count = len(dataset.acts)
    if not 1 <= act_number <= count:
        raise UsageProblem(f"there is no act {act_number}: acts run from 1 to {count}")
    return (dataset.acts[act_number - 1],)


def awards_by_event(dataset: Dataset) -> list[AwardGroup]:
    """Awards grouped by event and year, in the order the events first appear."""
    groups: dict[tuple[str, int], list[Award]] = {}
    for award in dataset.awards:
        groups.setdefault((award.event, award.year), []).append(award)
    return [AwardGroup(event, year, tuple(awards)) for (event, year), awards in groups.items()]


def top_award(dataset: Dataset) -> Award | None:
    """The first award won, which the dataset lists first by convention."""
    return next((award for award in dataset.awards if award.result == "won"), None)


def facts_by_topic(dataset: Dataset) -> dict[str, list[Fact]]:
    grouped: dict[str, list[Fact]] = {}
    for fact in dataset.facts:
        grouped.setdefault(fact.topic, []).append(fact)
    return grouped


def title_card(dataset: Dataset) -> TitleCard:
    """What ``cranes info`` shows: the film, its directors and its top award."""
    return TitleCard(dataset.film, directors(dataset), top_award(dataset))
