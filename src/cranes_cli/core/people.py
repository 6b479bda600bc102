"""People and characters: ``who`` cards, the cast of characters by family, and the
relations between characters (which ``graph`` draws)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from cranes_cli.core import search, text
from cranes_cli.errors import NotFound
from cranes_cli.film.model import Award, CastMember, Character, CrewMember, Dataset, Quote, Relation, Scene

_NAME_FIELDS = ("name", "cyrillic", "aliases", "full_name", "full_name_cyrillic", "family")
_PEOPLE_SECTIONS = ("cast[", "crew[", "characters[")


@dataclass(frozen=True)
class RelationLine:
    """``character`` is ``target``'s ``relation.label`` (e.g. Boris is Fyodor's son)."""

    character: Character
    target: Character
    relation: Relation


@dataclass(frozen=True)
class Appearance:
    act: int
    act_title: str
    beat: int
    text: str


@dataclass(frozen=True)
class Card:
    """Everything about one person or character: an actor always comes with the character
    they play, and a character with who plays them."""

    kind: Literal["person", "character"]
    name: str
    actors: tuple[CastMember, ...]
    crew: tuple[CrewMember, ...]
    character: Character | None
    relations: tuple[RelationLine, ...]
    appearances: tuple[Appearance, ...]
    awards: tuple[Award, ...]
    quotes: tuple[Quote, ...] = ()  # the character's lines
    scenes: tuple[Scene, ...] = ()  # the scenes the character is in


@dataclass(frozen=True)
class Candidate:
    kind: Literal["person", "character"]
    key: str  # the person's name, or the character's id
    label: str


@dataclass(frozen=True)
class CharacterLine:
    character: Character
    actors: tuple[CastMember, ...]
    relations: tuple[RelationLine, ...]


def relation_lines(dataset: Dataset) -> list[RelationLine]:
    """Every relation in the file, in file order."""
    by_id = {character.id: character for character in dataset.characters}
    return [
        RelationLine(character, by_id[relation.target], relation)
        for character in dataset.characters
        for relation in character.relations
    ]


def characters_by_family(dataset: Dataset) -> list[tuple[str | None, list[CharacterLine]]]:
    """Characters grouped by family, families in order of first appearance; those with no
    family come last, under None."""
    relations: dict[str, list[RelationLine]] = {}
    for relation in relation_lines(dataset):
        relations.setdefault(relation.character.id, []).append(relation)
    actors: dict[str, list[CastMember]] = {}
    for member in dataset.cast:
        actors.setdefault(member.character, []).append(member)
    groups: dict[str | None, list[CharacterLine]] = {}
    for character in dataset.characters:
        line = CharacterLine(
            character, tuple(actors.get(character.id, ())), tuple(relations.get(character.id, ()))
        )
        groups.setdefault(character.family, []).append(line)
    families = [(family, lines) for family, lines in groups.items() if family is not None]
    return families + ([(None, groups[None])] if None in groups else [])


class RelationIndex:
    """The relations of a set of characters, looked up by the characters at their ends, so
    that asking about one relation costs nothing like reading them all."""

    def __init__(self, characters: Iterable[Character]) -> None:
        self._ends: dict[tuple[str, str], set[str]] = {}
        self._labels: dict[tuple[str, str], set[str]] = {}
        for character in characters:
            for relation in character.relations:
                ends = (character.id, relation.target)
                for end in ends:
                    self._ends.setdefault((end, relation.kind), set()).update(ends)
                self._labels.setdefault(ends, set()).add(relation.label)

    def related_by(self, character_id: str, other_id: str, kinds: Iterable[str]) -> bool:
        """Whether ``other_id`` is at either end of a relation of one of ``kinds`` that
        ``character_id`` is at one end of (so ``character_id`` itself, if it has one)."""
        return any(other_id in self._ends.get((character_id, kind), ()) for kind in kinds)

    def labels(self, character_id: str, target_id: str) -> set[str]:
        """The labels of the relations ``character_id`` has to ``target_id``."""
        return self._labels.get((character_id, target_id), set())


def _actors(dataset: Dataset, character_id: str) -> tuple[CastMember, ...]:
    return tuple(member for member in dataset.cast if member.character == character_id)


def name_entries(dataset: Dataset) -> list[search.Entry]:
    """The names of people and characters: the texts ``who`` matches against."""
    return [
        entry
        for entry in search.index(dataset)
        if entry.path.startswith(_PEOPLE_SECTIONS) and entry.field in _NAME_FIELDS
    ]


def candidates(dataset: Dataset, entries: list[search.Entry], name: str) -> list[Candidate]:
    """The people and characters ``name`` matches best among ``entries`` (several when it is
    ambiguous)."""
    best: dict[Candidate, int] = {}
    roles = _roles(dataset)
    for hit in search.rank(entries, search.check_term(name)):
        candidate = _candidate_of(dataset, hit.entry.path, roles)
        best[candidate] = max(best.get(candidate, 0), hit.score)
    if not best:
        return []
    top = max(best.values())
    return [candidate for candidate, score in best.items() if score == top]


def _candidate_of(dataset: Dataset, path: str, roles: dict[str, list[str]]) -> Candidate:
    section, _, rest = path.partition("[")
    index = int(rest.partition("]")[0])
    if section == "characters":
        character = dataset.characters[index]
        return Candidate("character", character.id, f"{character.name} (character)")
    person = dataset.cast[index].name if section == "cast" else dataset.crew[index].name
    return Candidate("person", person, f"{person} ({', '.join(roles[person])})")


def _roles(dataset: Dataset) -> dict[str, list[str]]:
    """Each person's roles: actor (once, however many parts), then their crew roles."""
    roles: dict[str, list[str]] = {member.name: ["actor"] for member in dataset.cast}
    for member in dataset.crew:
        roles.setdefault(member.name, []).append(member.role)
    return roles


def who(dataset: Dataset, name: str) -> Card:
    entries = name_entries(dataset)
    found = candidates(dataset, entries, name)
    if not found:
        hint = text.did_you_mean(search.suggestions(entries, name))
        raise NotFound(f"no person or character matches {text.shown(name)}{hint}")
    if len(found) > 1:
        listed = "; ".join(candidate.label for candidate in found)
        raise NotFound(f"{text.shown(name)} could be {len(found)} people or characters: {listed}")
    return card(dataset, found[0])


def card(dataset: Dataset, candidate: Candidate) -> Card:
    if candidate.kind == "character":
        character: Character | None = dataset.character(candidate.key)
        actors = _actors(dataset, candidate.key)
        crew: tuple[CrewMember, ...] = ()
        name = dataset.character(candidate.key).name
    else:
        actors = tuple(member for member in dataset.cast if member.name == candidate.key)
        crew = tuple(member for member in dataset.crew if member.name == candidate.key)
        character = dataset.character(actors[0].character) if actors else None
        name = candidate.key
    relations: tuple[RelationLine, ...] = ()
    appearances: tuple[Appearance, ...] = ()
    if character is not None:
        relations = tuple(line for line in relation_lines(dataset) if line.character.id == character.id)
        appearances = tuple(
            Appearance(act.number, act.title, number, beat.text)
            for act in dataset.acts
            for number, beat in enumerate(act.beats, start=1)
            if character.id in beat.characters
        )
    people = {actor.name for actor in actors} | {member.name for member in crew}
    awards = tuple(award for award in dataset.awards if award.person in people)
    card = Card(candidate.kind, name, actors, crew, character, relations, appearances, awards)
    if character is None:
        return card
    from cranes_cli.core.scenes import quotes_of, scenes_of

    return replace(card, quotes=quotes_of(dataset, character.id), scenes=scenes_of(dataset, character.id))
