"""A text stream that escapes what passes through it, for messages another library composes
from our arguments (see :func:`cranes_cli.unsafe.escape`)."""

from __future__ import annotations

from cranes_cli.environment import StreamProxy
from cranes_cli.unsafe import escape


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
