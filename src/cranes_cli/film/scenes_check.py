"""What [[scenes]] and [[quotes]] must mean beyond their types: ids once each, references
that exist, a quote in its scene's act, a line of the film not filed under a scene of the play,
and no quote that names its own speaker (the quiz asks who says it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from cranes_cli.film.reading import Problem, tables

# Helpers of load's meaning checks, passed in (load imports this module).
Unique = Callable[[list[tuple[int, Any]], str, str, list[Problem]], set[str]]
Refer = Callable[[str, Any, str, str, list[Problem]], None]  # value, known words (structure.Near), path, what
ActCheck = Callable[[Any, str, int, list[Problem]], None]

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> set[str]:
    """The words of ``text`` as compared here: case and ё aside."""
    return {word.replace("ё", "е") for word in _WORD.findall(text.casefold())}


def names_of(character: dict[str, Any]) -> set[str]:
    """Every word a character is called by in the file: name, Cyrillic, full names, other
    spellings and nicknames."""
    texts: list[Any] = [character.get(key) for key in ("name", "cyrillic", "full_name", "full_name_cyrillic")]
    aliases = character.get("aliases")
    texts += aliases if isinstance(aliases, list) else []
    for _, nickname in tables(character.get("nicknames")):
        texts += [nickname.get("name"), nickname.get("cyrillic")]
    return {word for text in texts if isinstance(text, str) for word in words(text)} - {"the", "boy"}


def check(
    document: dict[str, Any],
    act_count: int,
    character_ids: Any,
    near: Callable[[Iterable[str]], Any],
    unique: Unique,
    refer: Refer,
    check_act: ActCheck,
    problems: list[Problem],
) -> None:
    scenes = tables(document.get("scenes"))
    quotes = tables(document.get("quotes"))
    characters = {c["id"]: c for _, c in tables(document.get("characters")) if isinstance(c.get("id"), str)}
    scene_ids = near(unique([(i, s.get("id")) for i, s in scenes], "scenes", "id", problems))
    unique([(i, q.get("id")) for i, q in quotes], "quotes", "id", problems)
    for index, scene in scenes:
        path = f"scenes[{index}]"
        check_act(scene.get("act"), f"{path}.act", act_count, problems)
        for char_index, character_id in _strings(scene.get("characters")):
            refer(character_id, character_ids, f"{path}.characters[{char_index}]", "character", problems)
    by_id = {s["id"]: s for _, s in scenes if isinstance(s.get("id"), str)}
    for index, quote in quotes:
        path = f"quotes[{index}]"
        check_act(quote.get("act"), f"{path}.act", act_count, problems)
        speaker, scene_id = quote.get("speaker"), quote.get("scene")
        if isinstance(speaker, str):
            refer(speaker, character_ids, f"{path}.speaker", "character", problems)
            for field in ("text", "translation"):  # the quiz shows both beside "Who says this?"
                said = quote.get(field)
                if speaker in characters and isinstance(said, str):
                    named = words(said) & names_of(characters[speaker])
                    if named:
                        problems.append(
                            Problem(f"{path}.{field}", f"names its own speaker ({', '.join(sorted(named))})")
                        )
        if isinstance(scene_id, str):
            refer(scene_id, scene_ids, f"{path}.scene", "scene", problems)
            if scene_id in by_id:
                _check_placing(quote, by_id[scene_id], path, problems)


def _check_placing(quote: dict[str, Any], scene: dict[str, Any], path: str, problems: list[Problem]) -> None:
    act, scene_act = quote.get("act"), scene.get("act")
    if isinstance(act, int) and isinstance(scene_act, int) and act != scene_act:
        problems.append(Problem(f"{path}.act", f"expected {scene_act}, the act of scene {scene['id']!r}"))
    if quote.get("source_text", "film") == "film" and scene.get("source_text") == "play":
        problems.append(
            Problem(
                f"{path}.scene", f"a line of the film cannot belong to {scene['id']!r}, a scene of the play"
            )
        )


def _strings(value: Any) -> Iterable[tuple[int, str]]:
    return (
        [(index, item) for index, item in enumerate(value) if isinstance(item, str)]
        if isinstance(value, list)
        else []
    )
