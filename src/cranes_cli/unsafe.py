"""Which characters a terminal would obey instead of show: the one definition behind both the
loader, which refuses them in a film file, and ``render.escape``, which escapes them on output.

Imports nothing of the package and nothing at all for ordinary text (shell completion may load
it): ``str.isprintable`` is checked first, in C, and ``unicodedata`` only when that fails.
"""

from __future__ import annotations

# Controls (C0, DEL, C1), format characters (bidirectional overrides and isolates, zero-width
# characters, soft hyphen, word joiner, tag characters, byte-order mark), surrogates
# (undecodable bytes in arguments and file names), line and paragraph separators.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_unsafe(char: str) -> bool:
    """Whether one character must not reach a terminal as it is."""
    if char.isprintable():
        return False
    import unicodedata  # only for text that has something unusual in it

    return unicodedata.category(char) in UNSAFE_CATEGORIES


def first_unsafe(text: str, allowed: str = "") -> int | None:
    """The index of the first unsafe character in ``text`` that is not in ``allowed``
    (e.g. ``"\\t\\n"``), or None if there is none."""
    if text.isprintable():
        return None
    for index, char in enumerate(text):
        if char not in allowed and is_unsafe(char):
            return index
    return None
