"""The spoiler guard: the film file as someone who has seen only the first acts may read it.

Every command that tells the story or the characters applies :func:`as_of_act` to the loaded
dataset and then works as usual, so tables, cards, graphs, search results and ``--json`` all
show the same, guarded, film.
"""

from __future__ import annotations

from dataclasses import replace

from cranes_cli.errors import UsageProblem
from cranes_cli.film.model import Character, Dataset, SpoilerFree

UP_TO_ACT_ENV = "CRANES_UP_TO_ACT"


def first_acts(dataset: Dataset) -> dict[str, int]:
    """Each character's first act, from the beats they are in; characters in no beat are absent."""
    first: dict[str, int] = {}
    for act in dataset.acts:
        for beat in act.beats:
            for character_id in beat.characters:
                first.setdefault(character_id, act.number)
    return first


def _view(character: Character, act: int) -> SpoilerFree | None:
    """The first spoiler-free entry that covers a viewer who has seen up to ``act``."""
    return next((entry for entry in character.spoiler_free if entry.up_to_act >= act), None)


def check_act(dataset: Dataset, act: int) -> None:
    """A usage problem unless ``act`` is one of the film's acts."""
    count = len(dataset.acts)
    if not count:
        raise UsageProblem("this film file has no plot, so there are no acts to stop at")
    if not 1 <= act <= count:
        raise UsageProblem(f"there is no act {act} to stop at: acts run from 1 to {count}")


def as_of_act(dataset: Dataset, act: int | None) -> Dataset:
    """``dataset`` with nothing from after ``act``: no later acts, no character who first
    appears later (nor one in no beat at all, who cannot be placed, unless ``act`` is the
    last), their cast lines, relations that start later or lead to a hidden character,
    descriptions and names as of ``act``, no synopsis (it tells the ending), and no fact,
    scene, quote or hand-written quiz question about a later act (nor a quote whose speaker is
    hidden; a scene keeps only the characters still shown). ``act`` None: the whole film, unchanged."""
    if act is None:
        return dataset
    check_act(dataset, act)
    whole = act == len(dataset.acts)
    first = first_acts(dataset)
    shown = {
        character.id
        for character in dataset.characters
        if (first[character.id] <= act if character.id in first else whole)
    }
    characters = tuple(_character_as_of(c, act, shown) for c in dataset.characters if c.id in shown)
    return replace(
        dataset,
        film=dataset.film if whole else replace(dataset.film, synopsis=None),
        cast=tuple(member for member in dataset.cast if member.character in shown),
        characters=characters,
        acts=tuple(a for a in dataset.acts if a.number <= act),
        facts=tuple(f for f in dataset.facts if f.act is None or f.act <= act),
        scenes=tuple(
            replace(scene, characters=tuple(c for c in scene.characters if c in shown))
            for scene in dataset.scenes
            if scene.act <= act
        ),
        quotes=tuple(q for q in dataset.quotes if q.act <= act and q.speaker in shown),
        quiz=tuple(q for q in dataset.quiz if q.act is None or q.act <= act),
    )


def _character_as_of(character: Character, act: int, shown: set[str]) -> Character:
    relations = tuple(
        relation
        for relation in character.relations
        if relation.target in shown and (relation.since_act is None or relation.since_act <= act)
    )
    view = _view(character, act)
    if view is None:
        return replace(character, relations=relations, spoiler_free=())
    if view.name is None:
        return replace(character, description=view.description, relations=relations, spoiler_free=())
    # A name the film has not given yet takes its other spellings and nicknames with it.
    return replace(
        character,
        name=view.name,
        cyrillic=None,
        full_name=None,
        full_name_cyrillic=None,
        aliases=(),
        nicknames=(),
        description=view.description,
        relations=relations,
        spoiler_free=(),
    )
