"""The last quiz run, kept so ``cranes quiz --missed`` can ask its misses again.

It lives in the user's data directory, ``Environment.data_dir``, which the caller passes in.

What is promised, with several quizzes running at once and any of them killed at any moment:

- A record is written whole or not at all: a temporary file, flushed to disk, then renamed
  over the record. A temporary left by a process killed mid-write is removed by the next
  quiz (its name carries the writer's process id, so a live writer's is left alone); on Linux
  the data is written to an unnamed file first, so a kill leaves nothing behind at all.
- A record that cannot be read (not JSON, nested too deep, the wrong shape, too large, not a
  regular file) is reported and moved aside under a name of its own, never overwritten and
  never deleted. Only the very file that was read is moved: if another quiz has replaced it in
  the meantime, the new record stays where it is.
- Only a regular file is read (a FIFO there would block), and at most MAX_BYTES of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from typing import NamedTuple

from cranes_cli.files import damaged_name

FILE_NAME = "last-quiz.json"
MAX_BYTES = 1024 * 1024
MAX_MISSED = 10_000
_TEMP_PREFIX = ".last-quiz-"
_TEMP_SUFFIX = ".tmp"
_STALE_SECONDS = 24 * 60 * 60  # a temporary this old is litter even if its process id is reused


class LastRun(NamedTuple):
    seed: int
    missed: tuple[str, ...]


class _Damaged(ValueError):
    """The record is there but cannot be used; the message says why."""


def history_path(directory: str) -> str:
    return os.path.join(directory, FILE_NAME)


def read_last_run(warn: Callable[[str], None], directory: str) -> LastRun | None:
    """The last run, or None if there is none or it was damaged (then ``warn`` is told why and
    where the damaged record went)."""
    from cranes_cli.files import NotRegular, read_regular_with_stat

    path = history_path(directory)
    try:
        raw, seen = read_regular_with_stat(path, MAX_BYTES)
    except FileNotFoundError:
        return None
    except NotRegular as error:
        reason, seen = f"it is {error.kind}", error.seen
    except OSError as error:
        warn(f"the last quiz record {path} could not be read: {error.strerror or error}")
        return None
    else:
        try:
            return _parse(raw)
        except _Damaged as error:
            reason = str(error)
    warn(f"the last quiz record {path} could not be read ({reason}); {_set_aside(path, seen)}")
    return None


def write_last_run(run: LastRun, warn: Callable[[str], None], directory: str) -> None:
    """Replace the record with ``run``; a damaged record is first set aside (with a warning),
    and a failure to write is a warning, the old record left as it was."""
    read_last_run(warn, directory)
    text = json.dumps({"schema_version": 1, "seed": run.seed, "missed": list(run.missed)})
    try:
        os.makedirs(directory, exist_ok=True)
        _remove_stale_temporaries(directory)
        _write_atomically(directory, text.encode("utf-8"))
    except OSError as error:
        warn(f"could not save this quiz's misses in {directory}: {error.strerror or error}")


# ---------------------------------------------------------------------------------------
# Reading


def _parse(raw: bytes) -> LastRun:
    if len(raw) > MAX_BYTES:
        raise _Damaged(f"larger than {MAX_BYTES // 1024} KiB")
    try:
        document = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise _Damaged("nested too deep") from None
    except UnicodeDecodeError:
        raise _Damaged("not UTF-8") from None
    except ValueError:
        raise _Damaged("not JSON") from None
    if not isinstance(document, dict):
        raise _Damaged("not a JSON object")
    seed, missed = document.get("seed"), document.get("missed")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**64:
        raise _Damaged("no seed")
    if (
        not isinstance(missed, list)
        or len(missed) > MAX_MISSED
        or not all(isinstance(m, str) for m in missed)
    ):
        raise _Damaged("no list of missed questions")
    return LastRun(seed, tuple(missed))


# ---------------------------------------------------------------------------------------
# Setting a damaged record aside


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _set_aside(path: str, seen: os.stat_result) -> str:
    """Move the file that was read (and no other) to a name no other file has; say where it
    went. If it is gone or was replaced since it was read (another quiz set it aside, or wrote
    a good record over it), nothing is moved.

    A hard link gives the file its new name without ever replacing an existing one (a rename
    would), and lets us check it is still the file we read before its old name is removed."""
    for _ in range(100):
        aside = damaged_name(path)
        try:
            os.link(path, aside, follow_symlinks=False)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return _TAKEN
        except OSError:  # no hard links here (some file systems), or a directory
            return _rename_aside(path, aside, seen)
        if not _same_file(os.lstat(aside), seen):
            os.unlink(aside)  # a new record came in after the read: it is not ours to move
            return _TAKEN
        _remove_if_same(path, seen)
        return f"moved aside to {aside}"
    return _LEFT


_TAKEN = "another quiz has moved or replaced it since"
_LEFT = "left where it is"


def _remove_if_same(path: str, kept: os.stat_result) -> None:
    """Remove ``path`` if it is still the file ``kept`` describes (now safe under its other
    name). A record written there meanwhile is put back."""
    gone = f"{os.path.dirname(path) or '.'}/{_TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}.gone"
    try:
        os.rename(path, gone)
    except OSError:
        return
    if _same_file(os.lstat(gone), kept):
        os.unlink(gone)
        return
    with contextlib.suppress(OSError):
        os.link(gone, path)  # never over a record written after this one
    os.unlink(gone)


def _rename_aside(path: str, aside: str, seen: os.stat_result) -> str:
    """Where hard links are not available: rename, then check it was the file read."""
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return _TAKEN
    except OSError:
        return _LEFT
    if _same_file(os.lstat(aside), seen):
        return f"moved aside to {aside}"
    try:  # a good record written after the read: put it back unless a newer one is there
        if not os.path.lexists(path):
            os.rename(aside, path)
    except OSError:
        pass
    return _TAKEN


# ---------------------------------------------------------------------------------------
# Writing


def _write_atomically(directory: str, data: bytes) -> None:
    target = os.path.join(directory, FILE_NAME)
    # os.urandom rather than secrets.token_hex: importing secrets (hmac, hashlib) cost 4 ms a run.
    temporary = os.path.join(directory, f"{_TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}{_TEMP_SUFFIX}")
    try:
        if not _write_unnamed(directory, data, temporary):
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                _write_all(descriptor, data)
            finally:
                os.close(descriptor)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def _write_unnamed(directory: str, data: bytes, name: str) -> bool:
    """Write ``data`` to a file with no name (Linux's O_TMPFILE) and, once it is complete, give
    it ``name``: a process killed while writing leaves nothing behind. False where this cannot
    be done (another system, no /proc), to write the usual way instead."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        descriptor = os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError:
        return False
    try:
        _write_all(descriptor, data)  # a full disk here is an error to report, not to retry
        try:
            os.link(f"/proc/self/fd/{descriptor}", name, follow_symlinks=True)
        except OSError:
            return False
        return True
    finally:
        os.close(descriptor)


def _unnamed_supported(directory: str) -> bool:
    """Whether files with no name can be made in ``directory`` (as _write_unnamed does)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        os.close(os.open(directory, flag | os.O_WRONLY, 0o600))
    except OSError:
        return False
    return True


def _remove_stale_temporaries(directory: str) -> None:
    """Temporaries of writers that were killed: their process is gone (or they are old)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    for name in names:
        if not name.startswith(_TEMP_PREFIX) or not name.endswith((_TEMP_SUFFIX, ".gone")):
            continue
        pid_text = name[len(_TEMP_PREFIX) :].split("-", 1)[0]
        path = os.path.join(directory, name)
        try:
            stale = now - os.lstat(path).st_mtime > _STALE_SECONDS
            if not stale and pid_text.isdigit() and len(pid_text) < 10:
                stale = not _alive(int(pid_text))
            if stale:
                os.unlink(path)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours (EPERM), or cannot tell
        return True
    return True
