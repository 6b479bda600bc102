"""Values for shell completion: act numbers and names. Completion runs on every Tab press,
so these work on the parsed TOML document alone (no model, no validation, no Rich) and
quietly offer less when the file is odd."""

from __future__ import annotations

from typing import Any


def _tables(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def acts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(act number, its title) for each act."""
    return [
        (str(act["number"]), str(act.get("title", "")))
        for act in _tables(document, "acts")
        if isinstance(act.get("number"), int)
    ]


def names(document: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Names of people and characters, English and Cyrillic (and their other spellings),
    starting with ``incomplete``; a surname or first name alone is offered too (``Sam`` →
    Samoilova, Samoylova). Each comes with what it names, for shells that show a description.
    (Typer keeps only values that start with what was typed, so spelling folding, which
    search and who do, cannot help here.)"""
    offered: dict[str, str] = {}
    for section, what in (("cast", "actor"), ("crew", "crew"), ("characters", "character")):
        for record in _tables(document, section):
            label = what if section != "crew" else str(record.get("role", what))
            spellings = [record.get("name"), record.get("cyrillic"), record.get("full_name")]
            spellings += record.get("aliases", []) if isinstance(record.get("aliases"), list) else []
            for spelling in spellings:
                if not isinstance(spelling, str):
                    continue
                name = str(record.get("name", spelling))
                for candidate in (spelling, *spelling.split()):
                    if len(candidate) >= 3 and candidate.startswith(incomplete):
                        offered.setdefault(candidate, f"{label}: {name}")
    return sorted(offered.items(), key=lambda item: item[0].casefold())
