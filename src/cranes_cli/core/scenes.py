"""The lookups behind ``quotes`` and ``scenes``: lines with who says them and where, scenes
with who is in them and the lines said in them, and finding one scene by a few words."""

from __future__ import annotations

from dataclasses import dataclass

from cranes_cli.core import search, text
from cranes_cli.core.lookup import require
from cranes_cli.errors import NotFound, UsageProblem
from cranes_cli.film.model import Character, Dataset, Quote, Scene


@dataclass(frozen=True)
class QuoteLine:
    quote: Quote
    speaker: Character
    scene: Scene | None


@dataclass(frozen=True)
class SceneLine:
    scene: Scene
    characters: tuple[Character, ...]
    quotes: tuple[QuoteLine, ...]


def quote_lines(dataset: Dataset, act: int | None = None, total_acts: int | None = None) -> list[QuoteLine]:
    """The quotes in file order (only those of ``act`` when given), each with its speaker and
    scene. ``total_acts`` counts the whole film's acts when the guard has hidden some."""
    require(dataset.quotes, "quotes")
    count = total_acts if total_acts is not None else len(dataset.acts)
    if act is not None and not 1 <= act <= count:
        raise UsageProblem(f"there is no act {act}: acts run from 1 to {count}")
    scenes = {scene.id: scene for scene in dataset.scenes}
    characters = {character.id: character for character in dataset.characters}
    return [
        QuoteLine(quote, characters[quote.speaker], scenes.get(quote.scene or ""))
        for quote in dataset.quotes
        if act is None or quote.act == act
    ]


def scene_lines(dataset: Dataset) -> list[SceneLine]:
    """The scenes in story order (by act; file order within an act), each with its
    characters and the quotes said in it."""
    require(dataset.scenes, "scenes")
    characters = {character.id: character for character in dataset.characters}
    said: dict[str, list[Quote]] = {}
    for quote in dataset.quotes:
        said.setdefault(quote.scene or "", []).append(quote)
    ordered = sorted(dataset.scenes, key=lambda scene: scene.act)
    return [
        SceneLine(
            scene,
            tuple(characters[c] for c in scene.characters if c in characters),
            tuple(QuoteLine(q, characters[q.speaker], scene) for q in said.get(scene.id, ())),
        )
        for scene in ordered
    ]


def find_scene(lines: list[SceneLine], words: str) -> SceneLine:
    """The one scene ``words`` name: its id, or words of its title or place, in any spelling
    search accepts. None or several: NotFound, listing the candidates."""
    for line in lines:
        if line.scene.id == words.strip():
            return line
    entries = [
        search.Entry(f"scenes[{n}].{field}", line.scene.title, field, value, text.word_keys(value))
        for n, line in enumerate(lines)
        for field, value in (("title", line.scene.title), ("place", line.scene.place or ""))
    ]
    hits = search.rank(entries, search.check_term(words))
    if not hits:
        hint = text.did_you_mean(search.suggestions(entries, words))
        raise NotFound(f"no scene matches {text.shown(words)}{hint}")
    best = [hit for hit in hits if hit.score == hits[0].score]
    found = [lines[_index(hit)] for hit in best]
    if len(found) > 1:
        listed = "; ".join(f"{line.scene.title} ({line.scene.id})" for line in found)
        raise NotFound(f"{text.shown(words)} could be {len(found)} scenes: {listed}")
    return found[0]


def _index(hit: search.Hit) -> int:
    return int(hit.entry.path.partition("[")[2].partition("]")[0])


def scenes_of(dataset: Dataset, character_id: str) -> tuple[Scene, ...]:
    """The scenes a character is in, in story order."""
    return tuple(sorted((s for s in dataset.scenes if character_id in s.characters), key=lambda s: s.act))


def quotes_of(dataset: Dataset, character_id: str) -> tuple[Quote, ...]:
    return tuple(quote for quote in dataset.quotes if quote.speaker == character_id)
