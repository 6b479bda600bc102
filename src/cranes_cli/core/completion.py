"""Values for shell completion: act numbers and names. Completion runs on every Tab press,
so these work on the parsed TOML document alone (no validation, no dataset, no Rich) and
quietly offer less when the file is odd. Like Typer, they keep only the values that start
with what was typed."""

from __future__ import annotations

from typing import Any

from cranes_cli.load import tables


def acts(document: dict[str, Any], incomplete: str = "") -> list[tuple[str, str]]:
    """(act number, its title) for each act whose number starts with ``incomplete``."""
    return [
        (str(act["number"]), str(act.get("title", "")))
        for _, act in tables(document.get("acts"))
        if isinstance(act.get("number"), int) and str(act["number"]).startswith(incomplete)
    ]


def names(document: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Names of people and characters, English and Cyrillic (and their other spellings),
    starting with ``incomplete``; a surname or first name alone is offered too (``Sam`` →
    Samoilova, Samoylova). Each comes with what it names, for shells that show a description.
    (Typer keeps only values that start with what was typed, so spelling folding, which
    search and who do, cannot help here.)"""
    offered: dict[str, str] = {}
    for section, what in (("cast", "actor"), ("crew", "crew"), ("characters", "character")):
        for _, record in tables(document.get(section)):
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
