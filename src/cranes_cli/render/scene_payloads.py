"""The JSON documents of ``quotes`` and ``scenes`` (documented in docs/json.md). No Rich here:
``--json`` never imports the views."""

from __future__ import annotations

from typing import Any

from cranes_cli.core.scenes import QuoteLine, SceneLine
from cranes_cli.film.model import Character, Quote, Scene


def _who(character: Character) -> dict[str, Any]:
    return {"id": character.id, "name": character.name, "cyrillic": character.cyrillic}


def _quote(quote: Quote, speaker: Character | None, scene: Scene | None) -> dict[str, Any]:
    return {
        "id": quote.id,
        "speaker": _who(speaker) if speaker is not None else {"id": quote.speaker},
        "text": quote.text,
        "translation": quote.translation,
        "act": quote.act,
        "scene": {"id": scene.id, "title": scene.title} if scene is not None else None,
        "source_text": quote.source_text,
        "note": quote.note,
        "sources": quote.sources,
        "evidence": quote.evidence,
    }


def quotes(lines: list[QuoteLine]) -> dict[str, Any]:
    return {"quotes": [_quote(line.quote, line.speaker, line.scene) for line in lines]}


def _scene(line: SceneLine) -> dict[str, Any]:
    scene = line.scene
    return {
        "id": scene.id,
        "title": scene.title,
        "act": scene.act,
        "source_text": scene.source_text,
        "place": scene.place,
        "characters": [_who(character) for character in line.characters],
        "teaser": scene.teaser,
        "description": scene.description,
        "made": scene.made,
        "technique": scene.technique,
        "quotes": [said.quote.id for said in line.quotes],
        "sources": scene.sources,
        "evidence": scene.evidence,
    }


def scenes(lines: list[SceneLine]) -> dict[str, Any]:
    return {"scenes": [_scene(line) for line in lines]}
