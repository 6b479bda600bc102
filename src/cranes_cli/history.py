"""The last quiz run, kept so ``cranes quiz --missed`` can ask its misses again.

It lives in the user's data directory: ``$CRANES_HOME``, else ``$XDG_DATA_HOME/cranes``, else
``~/.local/share/cranes``. Writes are atomic (a temporary file, then a rename). A damaged file
is reported, moved aside and kept, never silently overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

FILE_NAME = "last-quiz.json"


@dataclass(frozen=True)
class LastRun:
    seed: int
    missed: tuple[str, ...]


def data_dir() -> str:
    explicit = os.environ.get("CRANES_HOME")
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "cranes")


def history_path() -> str:
    return os.path.join(data_dir(), FILE_NAME)


def read_last_run(warn: Callable[[str], None]) -> LastRun | None:
    """The last run, or None if there is none or it was damaged (then ``warn`` is told why)."""
    path = history_path()
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        seed, missed = document["seed"], document["missed"]
        if not isinstance(seed, int) or not all(isinstance(item, str) for item in missed):
            raise ValueError("unexpected contents")
        return LastRun(seed, tuple(missed))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        aside = f"{path}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            os.replace(path, aside)
            where = f"moved aside to {aside}"
        except OSError:
            where = "left where it is"
        warn(f"the last quiz record {path} could not be read ({error.__class__.__name__}); {where}")
        return None


def write_last_run(run: LastRun, warn: Callable[[str], None]) -> None:
    """Replace the record with ``run``; a damaged record is first set aside (with a warning)."""
    read_last_run(warn)
    directory = data_dir()
    try:
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".last-quiz-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump({"schema_version": 1, "seed": run.seed, "missed": list(run.missed)}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, os.path.join(directory, FILE_NAME))
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        warn(f"could not save this quiz's misses in {directory}: {error.strerror or error}")
