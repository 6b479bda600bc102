"""The record an older cranes kept of its last quiz, ``last-quiz.json`` in the user's data
directory: its misses are imported into the history database once, when that is created.

The file is only ever read, never written, moved or removed: a record that cannot be read (not
JSON, nested too deep, the wrong shape, too large, not a regular file, unreadable) is reported
and left as it is. Only a regular file is read (a FIFO there would block), and at most
MAX_BYTES of it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

FILE_NAME = "last-quiz.json"
MAX_BYTES = 1024 * 1024
MAX_MISSED = 10_000


class _Damaged(ValueError):
    """The record is there but cannot be used; the message says why."""


def record_path(directory: str) -> str:
    return os.path.join(directory, FILE_NAME)


def read_missed(directory: str, warn: Callable[[str], None]) -> tuple[str, ...] | None:
    """The ids of the questions the last quiz missed, or None if there is no record or it
    cannot be read (then ``warn`` is told why; the file is left as it is)."""
    from cranes_cli.files import NotRegular, read_regular

    path = record_path(directory)
    try:
        return _parse(read_regular(path, MAX_BYTES))
    except FileNotFoundError:
        return None
    except NotRegular as error:
        reason = f"it is {error.kind}"
    except OSError as error:
        reason = str(error.strerror or error)
    except _Damaged as error:
        reason = str(error)
    warn(f"the last quiz record {path} could not be imported ({reason}); it is left as it is")
    return None


def _parse(raw: bytes) -> tuple[str, ...]:
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
        or not all(isinstance(question, str) and _is_text(question) for question in missed)
    ):
        raise _Damaged("no list of missed questions")
    return tuple(missed)


def _is_text(value: str) -> bool:
    """Whether ``value`` can be stored as text: JSON's "\\ud800" (a lone surrogate) cannot."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
