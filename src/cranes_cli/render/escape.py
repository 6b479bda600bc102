"""The one escaping function for text from outside (film file values and keys, file names,
environment values, quiz replies, command-line arguments) on its way to a terminal or to a
line-oriented output.

A terminal obeys some characters instead of showing them: ESC and the other C0 and C1
controls start sequences that set the window title, clear the screen or move the cursor; a
newline forges a line of a one-line-per-record report; bidirectional overrides and isolates
(U+202E) reorder what is shown; zero-width and other format characters (U+200B, U+2060,
U+00AD, tag characters) hide text; line and paragraph separators (U+2028) break lines in
some terminals. :func:`escape` shows each of them as the escape Python would write for it
(``\\x1b``, ``\\n``, ``\\u202e``), so they are visible and can do nothing.

Which characters those are is defined once, in :mod:`cranes_cli.unsafe`. It costs nothing for
ordinary text: ``str.isprintable`` is checked first, in C.
"""

from __future__ import annotations

from cranes_cli.environment import StreamProxy
from cranes_cli.unsafe import is_unsafe

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


class EscapingWriter(StreamProxy):
    """A text stream that passes everything through :func:`escape`, line breaks kept: for
    messages another library composes from our arguments (the parser's usage errors, which
    quote the word it could not use)."""

    def write(self, text: str) -> int:
        if text.startswith("Error:"):  # one line by construction: a line break in it came from outside
            body, end = (text[:-1], "\n") if text.endswith("\n") else (text, "")
            self.raw.write(escape(body) + end)
        else:
            self.raw.write(escape(text, keep="\n"))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()
