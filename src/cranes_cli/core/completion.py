"""Values for shell completion: act numbers and names. Completion runs on every Tab press,
so these work on the parsed TOML document alone (no validation, no dataset, no Rich) and
quietly offer less when the file is odd. Like Typer, they keep only the values that start
with what was typed.

Descriptions use the typographic apostrophe: zsh's completion script quotes them in single
quotes, where a plain apostrophe is lost ("The squirrel's note" came out without it)."""

from __future__ import annotations

import re
from typing import Any

from cranes_cli.load import tables

# A name word: starts with a capital letter (Latin or Cyrillic), then letters, apostrophes or hyphens.
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _described(description: str) -> str:
    return description.replace("'", "’")


def acts(document: dict[str, Any], incomplete: str = "") -> list[tuple[str, str]]:
    """(act number, its title) for each act whose number starts with ``incomplete``."""
    return [
        (str(act["number"]), _described(str(act.get("title", ""))))
        for _, act in tables(document.get("acts"))
        if isinstance(act.get("number"), int) and str(act["number"]).startswith(incomplete)
    ]


def _strings(*values: Any) -> list[str]:
    found: list[str] = []
    for value in values:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found += [item for item in value if isinstance(item, str)]
    return found


def spellings(document: dict[str, Any]) -> dict[str, str]:
    """Every name completion can offer → what it names: the whole spellings of people and
    characters (English, Cyrillic, full names, other spellings, nicknames) and each
    capitalised word of them (``Samoilova``, ``Бороздина``), but never a fragment such as
    ``Boris,`` or ``the``."""
    wholes: dict[str, str] = {}
    parts: dict[str, str] = {}
    for section, what in (("cast", "actor"), ("crew", "crew"), ("characters", "character")):
        for _, record in tables(document.get(section)):
            label = what if section != "crew" else str(record.get("role", what))
            name = record.get("name")
            if not isinstance(name, str):
                continue
            keys = ("name", "cyrillic", "full_name", "full_name_cyrillic", "aliases")
            found = [(spelling, f"{label}: {name}") for spelling in _strings(*map(record.get, keys))]
            for _, nick in tables(record.get("nicknames")):
                found += [
                    (nickname, f"nickname: {name}")
                    for nickname in _strings(nick.get("name"), nick.get("cyrillic"))
                ]
            for spelling, description in found:
                wholes.setdefault(spelling, _described(description))
                for match in _NAME_WORD.finditer(spelling):
                    parts.setdefault(match.group().rstrip("'’-"), _described(description))
    # A whole spelling says best what it names: Boris is the character before Boris Kokovkin.
    offered = {**parts, **wholes}
    return {name: what for name, what in offered.items() if len(name) >= 3 and name[0].isupper()}


def names(document: dict[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Names of people and characters starting with ``incomplete``, each with what it names,
    for shells that show a description. (Typer keeps only values that start with what was
    typed, so the spelling folding and typo tolerance of search and who cannot help here: the
    other spellings in the film file are offered instead.)"""
    offered = spellings(document)
    return sorted(
        ((name, what) for name, what in offered.items() if name.startswith(incomplete)),
        key=lambda item: item[0].casefold(),
    )
