"""The JSON document each lookup command prints (documented in README, "JSON output")."""

from __future__ import annotations

from typing import Any

from cranes_cli.core import lookup
from cranes_cli.model import Act, Dataset


def info(dataset: Dataset) -> dict[str, Any]:
    return {
        "film": dataset.film,
        "directors": lookup.directors(dataset),
        "top_award": lookup.top_award(dataset),
    }


def cast(dataset: Dataset) -> dict[str, Any]:
    return {
        "cast": [
            {
                "billing": line.billing,
                "actor": {
                    "name": line.member.name,
                    "cyrillic": line.member.cyrillic,
                    "aliases": line.member.aliases,
                },
                "character": {
                    "id": line.character.id,
                    "name": line.character.name,
                    "cyrillic": line.character.cyrillic,
                    "full_name": line.character.full_name,
                    "description": line.character.description,
                },
                "note": line.member.note,
                "sources": line.member.sources,
            }
            for line in lookup.cast_lines(dataset)
        ]
    }


def crew(dataset: Dataset) -> dict[str, Any]:
    return {"crew": dataset.crew}


def plot(dataset: Dataset, acts: tuple[Act, ...]) -> dict[str, Any]:
    return {"acts": acts}


def awards(dataset: Dataset) -> dict[str, Any]:
    return {"awards": dataset.awards}


def facts(dataset: Dataset) -> dict[str, Any]:
    return {
        "facts": dataset.facts,
        "releases": dataset.film.releases,
        "admissions": dataset.film.admissions,
        "play": dataset.film.play,
    }
