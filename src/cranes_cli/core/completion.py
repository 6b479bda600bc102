"""Values for shell completion: act numbers and names. Completion runs on every Tab press,
so these work on the parsed TOML document alone (no validation, no dataset, no Rich) and
quietly offer less when the file is odd. Like Typer, they keep only the values that start
with what was typed.

Like the loader, they take no text with a character a terminal would obey (ESC, BEL, U+009B,
a newline that would forge a second candidate...): such a name or title is not offered at all.

Descriptions use the typographic apostrophe (U+2019): it needs no quoting in
any shell (cli.completion quotes a plain one for each)."""

from __future__ import annotations

import re
from typing import Any

from cranes_cli.film.reading import tables
from cranes_cli.unsafe import first_unsafe

# A name word: starts with a capital letter (Latin or Cyrillic), then letters, apostrophes or hyphens.
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _described(description: str) -> str:
    return description.replace("'", "’")


def _plain(value: Any) -> bool:
    """A string the loader would accept as text: nothing a terminal would obey."""
    return isinstance(value, str) and first_unsafe(value) is None


def acts(
    document: dict[str, Any], incomplete: str = "", up_to_act: int | None = None
) -> list[tuple[str, str]]:
    """(act number, its title) for each act whose number starts with ``incomplete`` (under the
    spoiler guard, only the acts up to ``up_to_act``: a title can give the story away)."""
    return [
        (str(act["number"]), _described(str(act.get("title", ""))))
        for _, act in tables(document.get("acts"))
        if isinstance(act.get("number"), int)
        and _plain(act.get("title", ""))
        and str(act["number"]).startswith(incomplete)
        and (up_to_act is None or act["number"] <= up_to_act)
    ]


def scenes(
    document: dict[str, Any], incomplete: str = "", up_to_act: int | None = None
) -> list[tuple[str, str]]:
    """(scene id, its title) for each scene whose id starts with ``incomplete``, else (the word,
    the title) for one word of its title that does (under the spoiler guard, only the scenes
    up to ``up_to_act``: a title can give the story away)."""
    found: list[tuple[str, str]] = []
    for _, scene in tables(document.get("scenes")):
        ident, title, act = scene.get("id"), scene.get("title"), scene.get("act")
        if not isinstance(ident, str) or not isinstance(title, str) or not isinstance(act, int):
            continue
        if up_to_act is not None and act > up_to_act:
            continue
        if ident.startswith(incomplete):
            found.append((ident, _described(title)))
        elif incomplete:  # a word of the title finds the scene too: `cranes scenes stair<Tab>`
            words = [
                word for word in _NAME_WORD.findall(title) if len(word) > 3 and word.startswith(incomplete)
            ]
            found += [(word, _described(f"{title} ({ident})")) for word in words[:1]]
    return found


def _strings(*values: Any) -> list[str]:
    found: list[str] = []
    for value in values:
        if isinstance(value, list):
            found += [item for item in value if _plain(item)]
        elif _plain(value):
            found.append(value)
    return found


def _guarded(document: dict[str, Any], up_to_act: int | None) -> dict[str, str | None] | None:
    """Under the spoiler guard, the characters that may be named → the name to offer instead
    (from their ``spoiler_free`` entry), as core.spoilers decides on a validated film; None
    without a guard."""
    acts = tables(document.get("acts"))
    if up_to_act is None or up_to_act >= len(acts):
        return None
    first: dict[str, int] = {}
    for number, act in enumerate((act for _, act in acts), start=1):
        for _, beat in tables(act.get("beats")):
            for named in _strings(beat.get("characters")):
                first.setdefault(named, number)
    shown: dict[str, str | None] = {}
    for _, character in tables(document.get("characters")):
        ident = character.get("id")
        if isinstance(ident, str) and first.get(ident, up_to_act + 1) <= up_to_act:
            entries = [e for _, e in tables(character.get("spoiler_free"))]
            view = next(
                (e for e in entries if isinstance(e.get("up_to_act"), int) and e["up_to_act"] >= up_to_act),
                {},
            )
            early = view.get("name")
            if isinstance(early, str) and not _plain(early):
                continue  # a name that cannot be offered must not reveal the others
            shown[ident] = early if isinstance(early, str) else None
    return shown


def spellings(document: dict[str, Any], up_to_act: int | None = None) -> dict[str, str]:
    """Every name completion can offer → what it names: the whole spellings of people and
    characters (English, Cyrillic, full names, other spellings, nicknames) and each
    capitalised word of them (``Samoilova``, ``Бороздина``), but never a fragment such as
    ``Boris,`` or ``the``. Under the spoiler guard (``up_to_act``) only the characters met by
    then, and the actors who play them, by the names the film has given by then."""
    shown = _guarded(document, up_to_act)
    wholes: dict[str, str] = {}
    parts: dict[str, str] = {}
    for section, what in (("cast", "actor"), ("crew", "crew"), ("characters", "character")):
        for _, record in tables(document.get(section)):
            label = what if section != "crew" else str(record.get("role", what))
            name = record.get("name")
            if not _plain(name):
                continue
            if shown is not None and section != "crew":
                character = record.get("id" if section == "characters" else "character")
                if character not in shown:
                    continue
                early = shown[character] if section == "characters" else None
                if early is not None:  # a name the film has not given yet hides the others
                    wholes.setdefault(early, _described(f"{label}: {early}"))
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


def names(document: dict[str, Any], incomplete: str, up_to_act: int | None = None) -> list[tuple[str, str]]:
    """Names of people and characters starting with ``incomplete``, each with what it names,
    for shells that show a description. (Typer keeps only values that start with what was
    typed, so the spelling folding and typo tolerance of search and who cannot help here: the
    other spellings in the film file are offered instead.)"""
    offered = spellings(document, up_to_act)
    return sorted(
        ((name, what) for name, what in offered.items() if name.startswith(incomplete)),
        key=lambda item: item[0].casefold(),
    )
