"""The one definition of a character a terminal would obey instead of show, which the loader
refuses and render.escape escapes."""

from __future__ import annotations

import pytest

from cranes_cli.unsafe import first_unsafe, is_unsafe

UNSAFE = {
    "\x00": "NUL",
    "\x1b": "ESC",
    "\t": "tab (a C0 control; the loader allows it, the escape shows it)",
    "\n": "newline",
    "\r": "carriage return",
    "\x7f": "DEL",
    "\x85": "NEL, a C1 control",
    "\x9b": "CSI, a C1 control",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u200b": "zero-width space",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\u00ad": "soft hyphen",
    "\ufeff": "byte-order mark",
    "\U000e0041": "tag letter A",
    "\udcff": "lone surrogate (an undecodable byte)",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}

SAFE = {
    "Ж": "Cyrillic",
    "ё": "Cyrillic with diaeresis",
    "é": "precomposed accent",
    "\u0301": "combining acute accent",
    "«": "left guillemet",
    "»": "right guillemet",
    "—": "em dash",
    "–": "en dash",
    "…": "ellipsis",
    " ": "space",
    "\u00a0": "no-break space (not printable, but shown as a space)",
    "\u3000": "ideographic space",
    "\U0001f3ac": "emoji",
}


@pytest.mark.parametrize("char", UNSAFE, ids=UNSAFE.values())
def test_unsafe_characters(char: str) -> None:
    assert is_unsafe(char)


@pytest.mark.parametrize("char", SAFE, ids=SAFE.values())
def test_safe_characters(char: str) -> None:
    assert not is_unsafe(char)


@pytest.mark.parametrize(
    ("text", "allowed", "index"),
    [
        ("Летят журавли — «Веро\u0301ника»", "", None),
        ("", "", None),
        ("a\x1bb\u202e", "", 1),
        ("a\tb\nc\u202e", "", 1),
        ("a\tb\nc\u202e", "\t\n", 5),
        ("a\tb\nc", "\t\n", None),
    ],
)
def test_first_unsafe(text: str, allowed: str, index: int | None) -> None:
    assert first_unsafe(text, allowed) == index
