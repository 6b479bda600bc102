"""Every answered quiz question, in SQLite: ``history.sqlite3`` in the user's data directory
(``Environment.data_dir``), for ``cranes stats``, ``quiz --missed`` and ``quiz --due``.

One row per answer: when, which film (its title and year, so two films never mix), which
question (its stable id), the option chosen, right or wrong, and the seconds it took; one row
per run (a quiz played), with its seed and whether it was a ``--missed`` replay.

What is promised, with several quizzes at once and any of them killed at any moment:

- Each answer is its own transaction, committed before the next question is asked, so
  ``kill -9`` loses at most the answer being written. The database is in WAL mode with a busy
  timeout, so several quizzes write at once without "database is locked".
- The schema is versioned (``PRAGMA user_version``) and upgraded by ``MIGRATIONS`` in one
  transaction; a database from a newer cranes is left alone and not written.
- A file that is not a usable database is moved aside under a name of its own
  (``history.sqlite3.damaged-<time>-<pid>-<random>``, with its -wal and -shm), with a
  warning, and a new one is started: nothing is overwritten or deleted.
- The old ``last-quiz.json`` (its misses) is imported once, when the database is created.
- Any failure to record is a warning: a quiz is never stopped because its history cannot be
  written.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cranes_cli.files import damaged_name

__all__ = ["SCHEMA_VERSION", "Answer", "History", "open_history"]

FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 10_000

MIGRATIONS: tuple[str, ...] = (
    # 1: runs and answers.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        film TEXT NOT NULL,
        started REAL NOT NULL,          -- Unix time
        seed INTEGER,
        replay INTEGER NOT NULL DEFAULT 0,  -- 1 for a --missed run, 2 for one imported
        questions INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        run INTEGER NOT NULL REFERENCES runs(id),
        film TEXT NOT NULL,
        question TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        difficulty TEXT NOT NULL DEFAULT '',
        answered REAL NOT NULL,         -- Unix time
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        seconds REAL
    );
    CREATE INDEX answers_by_question ON answers (film, question, answered);
    CREATE INDEX answers_by_run ON answers (run);
    CREATE INDEX runs_by_film ON runs (film, started);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# runs.replay: a quiz played, a --missed replay, last-quiz.json's misses imported, a quiz
# played without --seed that preferred questions not asked before (--again replays it).
PLAYED, REPLAY, IMPORTED, PREFERRED = 0, 1, 2, 3


class Unusable(Exception):
    """The database cannot be used now (locked past the timeout, newer schema, unwritable)."""


def database_path(directory: str) -> str:
    return os.path.join(directory, FILE_NAME)


@dataclass(frozen=True)
class Answer:
    run: int
    film: str
    question: str
    topic: str
    difficulty: str
    answered: float
    answer: str
    correct: bool
    seconds: float | None


class Run(NamedTuple):
    """A row of ``runs``: ``kind`` is the column ``replay``, one of the kinds above."""

    id: int
    started: float
    seed: int | None
    kind: int
    questions: int


class History:
    """An open history database; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.close()

    # --- writing --------------------------------------------------------------------------

    def start_run(
        self, film: str, seed: int | None, questions: int, kind: int = PLAYED, now: float | None = None
    ) -> int:
        """A new run of one of the kinds above (PLAYED, REPLAY, IMPORTED, PREFERRED)."""
        with self._transaction() as cursor:
            cursor.execute(
                "INSERT INTO runs (film, started, seed, replay, questions) VALUES (?, ?, ?, ?, ?)",
                (film, time.time() if now is None else now, seed, kind, questions),
            )
            return int(cursor.lastrowid or 0)

    def record(
        self,
        run: int,
        film: str,
        question: str,
        topic: str,
        difficulty: str,
        answer: str,
        correct: bool,
        seconds: float | None,
        now: float | None = None,
    ) -> None:
        with self._transaction() as cursor:
            cursor.execute(
                "INSERT INTO answers (run, film, question, topic, difficulty, answered, answer, correct,"
                " seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run,
                    film,
                    question,
                    topic,
                    difficulty,
                    time.time() if now is None else now,
                    answer,
                    int(correct),
                    seconds,
                ),
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")

    # --- reading --------------------------------------------------------------------------

    def answers(self, film: str) -> list[Answer]:
        """Every answer for ``film``, oldest first."""
        rows = self.connection.execute(
            "SELECT run, film, question, topic, difficulty, answered, answer, correct, seconds"
            " FROM answers WHERE film = ? ORDER BY answered, id",
            (film,),
        )
        return [Answer(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8]) for r in rows]

    def runs(self, film: str) -> list[Run]:
        """Every run of ``film``, oldest first."""
        rows = self.connection.execute(
            "SELECT id, started, seed, replay, questions FROM runs WHERE film = ? ORDER BY started, id",
            (film,),
        )
        return [Run(*row) for row in rows]

    def last_asked(self, film: str, before: float | None = None) -> dict[str, float]:
        """When each question of ``film`` was last answered (before ``before``, if given)."""
        limit = "" if before is None else " AND answered < ?"
        args: tuple[object, ...] = (film,) if before is None else (film, before)
        rows = self.connection.execute(
            f"SELECT question, MAX(answered) FROM answers WHERE film = ?{limit} GROUP BY question", args
        )
        return {question: float(when) for question, when in rows}

    def preferred_run(self, film: str, seed: int) -> float | None:
        """When the latest quiz of ``film`` played without --seed that drew ``seed`` started."""
        row = self.connection.execute(
            "SELECT started FROM runs WHERE film = ? AND seed = ? AND replay = ?"
            " ORDER BY started DESC, id DESC",
            (film, seed, PREFERRED),
        ).fetchone()
        return None if row is None else float(row[0])

    def still_missed(self, film: str) -> list[str]:
        """The questions missed in the last quiz of ``film`` that was not a --missed replay, less
        those answered right since, in the order they were asked."""
        row = self.connection.execute(
            "SELECT r.id FROM runs r WHERE r.film = ? AND r.replay != ?"
            " AND EXISTS (SELECT 1 FROM answers a WHERE a.run = r.id)"
            " ORDER BY r.started DESC, r.id DESC LIMIT 1",
            (film, REPLAY),
        ).fetchone()
        if row is None:
            return []
        missed = self.connection.execute(
            "SELECT question, MAX(id) FROM answers WHERE run = ? AND correct = 0 GROUP BY question"
            " ORDER BY MIN(id)",
            (row[0],),
        ).fetchall()
        left = []
        for question, last_miss in missed:
            right_since = self.connection.execute(
                "SELECT 1 FROM answers WHERE film = ? AND question = ? AND correct = 1 AND id > ? LIMIT 1",
                (film, question, last_miss),
            ).fetchone()
            if right_since is None:
                left.append(question)
        return left


# --- opening --------------------------------------------------------------------------------


def open_history(
    directory: str,
    warn: Callable[[str], None],
    film: str,
    legacy: Callable[[], Sequence[str] | None] | None = None,
) -> History | None:
    """The history in ``directory``, created if need be, or None (with a warning) if it cannot
    be used. A damaged file is set aside and a new database started. ``legacy`` gives the
    misses of the old last-quiz.json, imported (for ``film``) when the database is created."""
    path = database_path(directory)
    for _ in range(2):
        try:
            os.makedirs(directory, exist_ok=True)
            return _open(path, film, legacy)
        except Unusable as problem:
            warn(f"the quiz history {path} cannot be used now: {problem}")
            return None
        except sqlite3.OperationalError as error:
            if _locked(error):
                warn(f"the quiz history {path} is busy: {error}")
                return None
            if not _damaged(error):
                warn(f"the quiz history {path} cannot be used: {error}")
                return None
            warn(f"the quiz history {path} is damaged ({error}); {_set_aside(path)}; starting a new one")
        except sqlite3.DatabaseError as error:
            warn(f"the quiz history {path} is damaged ({error}); {_set_aside(path)}; starting a new one")
        except OSError as error:
            warn(f"the quiz history {path} cannot be used: {error.strerror or error}")
            return None
    return None


def _locked(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _damaged(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "malformed" in text or "not a database" in text or "disk image" in text


def _open(path: str, film: str, legacy: Callable[[], Sequence[str] | None] | None) -> History:
    if os.path.lexists(path) and not os.path.isfile(path):
        raise sqlite3.DatabaseError("not a regular file")
    _create_private(path)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # before anything is written, WAL mode included
            raise Unusable(
                f"it was written by a newer cranes (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")  # durable at each commit in WAL but for power loss
        connection.execute("PRAGMA foreign_keys = ON")
        check = connection.execute("PRAGMA quick_check(1)").fetchone()
        if check is None or check[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {check[0] if check else 'no answer'}")
        _migrate(connection, film, legacy)
    except BaseException:
        connection.close()
        raise
    return History(connection)


def _create_private(path: str) -> None:
    """Create the database 0600, as last-quiz.json is, before SQLite would create it 0644 (under
    the usual umask); SQLite gives the -wal and -shm files the database's own mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _migrate(
    connection: sqlite3.Connection, film: str, legacy: Callable[[], Sequence[str] | None] | None
) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise Unusable(
            f"it was written by a newer cranes (schema {version}, this one knows {SCHEMA_VERSION})"
        )
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another quiz may have done it
        if version < SCHEMA_VERSION:
            if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise sqlite3.DatabaseError("not a cranes history (tables but no schema version)")
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        connection.execute(statement)
            if version == 0 and legacy is not None:
                _import_legacy(connection, film, legacy())
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _import_legacy(connection: sqlite3.Connection, film: str, missed: Iterable[str] | None) -> None:
    """The old last-quiz.json's misses as one imported run of wrong answers (no answer text,
    no time taken), so ``--missed`` still asks them."""
    missed = list(missed or ())
    if not missed:
        return
    now = time.time()
    cursor = connection.execute(
        "INSERT INTO runs (film, started, seed, replay, questions) VALUES (?, ?, NULL, ?, ?)",
        (film, now, IMPORTED, len(missed)),
    )
    run = cursor.lastrowid
    connection.executemany(
        "INSERT INTO answers (run, film, question, answered, answer, correct, seconds)"
        " VALUES (?, ?, ?, ?, '', 0, NULL)",
        [(run, film, question, now) for question in missed],
    )


def _set_aside(path: str) -> str:
    """Move the damaged database (and its -wal and -shm) to a name no file has; say where."""
    for _ in range(100):
        aside = damaged_name(path)
        if os.path.lexists(aside):
            continue
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return "another quiz has already moved it"
        except OSError as error:
            return f"it could not be moved ({error.strerror or error})"
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                if os.path.lexists(path + suffix):
                    os.rename(path + suffix, aside + suffix)
        return f"moved aside to {aside}"
    return "left where it is"
