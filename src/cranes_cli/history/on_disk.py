"""The history's files on disk: only regular files are opened (a link would be written
through, a FIFO would block where Ctrl-C cannot reach), the database is kept private, and a
file that cannot be used is moved aside under a name of its own, never over another."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable

from cranes_cli.files import damaged_name, kind_of
from cranes_cli.history.schema import Damaged

COMPANIONS = ("-journal", "-wal", "-shm")


class NotRegular(Damaged):
    """A link, FIFO, device or directory where the database belongs."""


class Stuck(Exception):
    """A file in the way that could not be moved aside; the message says which and why."""


class CannotWrite(Exception):
    """The history may be read but not written (a read-only directory, a full disk)."""


def refuse_irregular(path: str, warn: Callable[[str], None]) -> None:
    """Before SQLite opens anything: the database must be a regular file, not a link (written
    through, it would take the link's target and its mode), and so must its -journal, -wal and
    -shm; one that is not is set aside (SQLite would block opening a FIFO)."""
    kind = _irregular(path)
    if kind:
        raise NotRegular(f"{kind}, not a regular file")
    for suffix in COMPANIONS:
        kind = _irregular(path + suffix)
        if kind:
            moved = _move_aside(path + suffix)
            problem = f"the quiz history's {path + suffix} is {kind}, not a regular file; {moved}"
            if not moved.startswith("moved"):
                raise Stuck(problem)
            warn(problem)


def _irregular(path: str) -> str:
    """What ``path`` is if it exists and is not a regular file (``""`` otherwise)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return ""
    return "" if stat.S_ISREG(mode) else kind_of(mode)


def create_private(path: str) -> None:
    """Create the database 0600 before SQLite would create it 0644 (under the usual umask);
    SQLite gives the -wal and -shm files the database's own mode, so one found readable by
    others is made private again. A link put there in the meantime is refused."""
    flags = os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | os.O_EXCL, 0o600)
    except FileExistsError:
        try:
            descriptor = os.open(path, flags & ~os.O_CREAT)
        except OSError as error:
            if os.path.islink(path):
                raise NotRegular("a symbolic link, not a regular file") from None
            raise CannotWrite(error.strerror or str(error)) from None
    try:
        seen = os.fstat(descriptor)
        if not stat.S_ISREG(seen.st_mode):
            raise NotRegular("not a regular file")
        if seen.st_mode & 0o077 and seen.st_uid == os.geteuid():
            with contextlib.suppress(OSError):
                os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def set_aside(path: str) -> str:
    """Move the damaged database (and its -wal and -shm) to a name no file has; say where."""
    moved = _move_aside(path)
    if moved.startswith("moved aside to "):
        aside = moved.removeprefix("moved aside to ")
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                if os.path.lexists(path + suffix):
                    os.rename(path + suffix, aside + suffix)
    return moved


def _move_aside(path: str) -> str:
    """Move one file (or link, or directory) to a name no file has, never over another; say
    where. A hard link gives the new name without replacing anything; where there are none
    (a directory, some file systems) a rename to a name just checked free does."""
    for _ in range(100):
        aside = damaged_name(path)
        try:
            os.link(path, aside, follow_symlinks=False)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return "another quiz has already moved it"
        except OSError:
            if os.path.lexists(aside):
                continue
            try:
                os.rename(path, aside)
            except FileNotFoundError:
                return "another quiz has already moved it"
            except OSError as error:
                return f"it could not be moved ({error.strerror or error})"
            return f"moved aside to {aside}"
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            return f"it could not be moved ({error.strerror or error})"
        return f"moved aside to {aside}"
    return "left where it is"
