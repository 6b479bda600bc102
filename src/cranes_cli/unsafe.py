"""Which characters a terminal would obey instead of show, and the one escaping of them.

:func:`is_unsafe` is the one definition behind both the loader, which refuses such characters
in a film file, and :func:`escape` / :func:`for_json`, which make them visible on output.

A terminal obeys some characters instead of showing them: ESC and the other C0 and C1
controls start sequences that set the window title, clear the screen or move the cursor; a
newline forges a line of a one-line-per-record report; bidirectional overrides and isolates
(U+202E) reorder what is shown; zero-width and other format characters (U+200B, U+2060,
U+00AD, tag characters) hide text; line and paragraph separators (U+2028) break lines in
some terminals. :func:`escape` shows each of them as the escape Python would write for it
(``\\x1b``, ``\\n``, ``\\u202e``), so they are visible and can do nothing.

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


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _visible(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape(text: str, keep: str = "") -> str:
    """``text`` with every character a terminal would obey instead of show written as a
    visible escape; characters in ``keep`` (e.g. ``"\\n"`` for text printed on several
    lines) are left as they are."""
    if text.isprintable():
        return text
    return "".join(_visible(char) if char not in keep and is_unsafe(char) else char for char in text)


def for_json(text: str) -> str:
    """Serialised JSON with the characters :func:`escape` would escape written as ``\\uXXXX``
    (JSON's own escape, so the data is unchanged for any JSON reader). ``json.dumps`` with
    ``ensure_ascii=False`` escapes only C0 controls; C1 controls and bidirectional overrides
    would otherwise reach a terminal that shows the JSON."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in "\n\t" or not is_unsafe(char):  # layout whitespace of indented JSON
            out.append(char)
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            high, low = divmod(ord(char) - 0x10000, 0x400)
            out.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
    return "".join(out)
