"""Reading a file the user named, safely: only a regular file, never more than a bound.

A FIFO, a terminal or a device such as /dev/zero given as a film file (or put where the quiz
history lives) would block the program or feed it forever. The file is opened without
blocking and checked on the open descriptor (no window between a check and the open), and
read no further than ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat
import time

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words, for a message: "a named pipe (FIFO)"."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


class NotRegular(OSError):
    """The path names something other than a regular file; ``kind`` says what, ``seen`` is
    its identity (os.fstat of what was opened)."""

    def __init__(self, kind: str, seen: os.stat_result) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind
        self.seen = seen


def read_regular(path: str, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of the regular file at ``path`` (one more than the limit, so
    the caller can tell a file that is too large). Raises OSError (NotRegular for a FIFO,
    directory or device)."""
    return read_regular_with_stat(path, limit)[0]


def read_regular_with_stat(path: str, limit: int) -> tuple[bytes, os.stat_result]:
    """As :func:`read_regular`, with the identity of the file read (os.fstat of it)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        seen = os.fstat(descriptor)
        if not stat.S_ISREG(seen.st_mode):
            raise NotRegular(kind_of(seen.st_mode), seen)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks), seen
    finally:
        os.close(descriptor)


def damaged_name(path: str) -> str:
    """A new name beside ``path`` for a damaged file set aside: when, by which process, and a
    random part, so two quizzes setting files aside at once never pick the same name.
    (os.urandom rather than secrets.token_hex: importing secrets (hmac, hashlib) costs 4 ms.)"""
    return f"{path}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{os.urandom(4).hex()}"
