"""The JSON document each lookup command prints (documented in README, "JSON output")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cranes_cli.core import lookup
from cranes_cli.film.model import Act, Dataset

if TYPE_CHECKING:
    from cranes_cli.core.people import Card, CharacterLine, RelationLine
    from cranes_cli.core.search import Hit
    from cranes_cli.core.timeline import Moment
    from cranes_cli.film.reading import Problem


def info(card: lookup.TitleCard) -> dict[str, Any]:
    return {"film": card.film, "directors": card.directors, "top_award": card.top_award}


def cast(lines: list[lookup.CastLine]) -> dict[str, Any]:
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
                    "basis": line.character.basis,
                    "description": line.character.description,
                },
                "note": line.member.note,
                "sources": line.member.sources,
                "evidence": line.member.evidence,
            }
            for line in lines
        ]
    }


def sources(dataset: Dataset) -> dict[str, Any]:
    """The bibliography, each entry with its family (the entry its ``derives_from`` chain ends
    at: itself when it derives from none) and how many records cite it."""
    from cranes_cli.core.sources import family_of, use_counts

    uses, family = use_counts(dataset), family_of(dataset)
    return {
        "sources": [
            {**_fields(entry), "family": family[entry.key], "cited_by": uses.get(entry.key, 0)}
            for entry in dataset.bibliography
        ]
    }


def with_sources(payload: dict[str, Any], dataset: Dataset) -> dict[str, Any]:
    """``payload`` and a ``sources`` list: the bibliography entry of every source key it cites,
    so a script can resolve them without a second call."""
    from cranes_cli.core.sources import cited, entries

    return {**payload, "sources": entries(dataset, cited(payload))}


def _fields(record: object) -> dict[str, Any]:
    import dataclasses

    return {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}  # type: ignore[arg-type]


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


def search(hits: list[Hit], total: int) -> dict[str, Any]:
    return {
        "total": total,
        "results": [
            {
                "where": hit.entry.where,
                "path": hit.entry.path,
                "text": hit.entry.text,
                "matches": [hit.entry.text[start:end] for start, end in hit.spans],
                "score": hit.score,
                "basis": hit.entry.basis,
            }
            for hit in hits
        ],
    }


def _relation(line: RelationLine) -> dict[str, Any]:
    return {
        "character": line.character.id,
        "target": line.target.id,
        "target_name": line.target.name,
        "kind": line.relation.kind,
        "label": line.relation.label,
        "since_act": line.relation.since_act,
    }


def who(card: Card) -> dict[str, Any]:
    return {
        "match": card.kind,
        "name": card.name,
        "actors": card.actors,
        "crew": card.crew,
        "character": card.character,
        "relations": [_relation(line) for line in card.relations],
        "appearances": card.appearances,
        "awards": card.awards,
        "quotes": [
            {"id": q.id, "text": q.text, "translation": q.translation, "act": q.act, "scene": q.scene,
             "source_text": q.source_text, "sources": q.sources}
            for q in card.quotes
        ],
        "scenes": [
            {"id": s.id, "title": s.title, "act": s.act, "source_text": s.source_text} for s in card.scenes
        ],
    }  # fmt: skip


def characters(groups: list[tuple[str | None, list[CharacterLine]]]) -> dict[str, Any]:
    return {
        "characters": [
            {
                "id": line.character.id,
                "name": line.character.name,
                "cyrillic": line.character.cyrillic,
                "basis": line.character.basis,
                "family": family,
                "actors": [actor.name for actor in line.actors],
                "relations": [_relation(relation) for relation in line.relations],
            }
            for family, lines in groups
            for line in lines
        ]
    }


def timeline(story: list[Moment], history: list[Moment] | None) -> dict[str, Any]:
    document: dict[str, Any] = {"story": story}
    if history is not None:
        document["history"] = history
    return document


def validate(reports: list[tuple[str, list[Problem]]]) -> dict[str, Any]:
    return {
        "files": [
            {
                "file": path,
                "valid": not problems,
                "problems": [
                    {"path": p.path, "line": p.line, "column": p.column, "message": p.message}
                    for p in problems
                ],
            }
            for path, problems in reports
        ]
    }
