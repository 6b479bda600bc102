"""Every answered quiz question, in SQLite: ``history.sqlite3`` in the user's data directory
(``Environment.data_dir``), for ``cranes stats``, ``quiz --missed`` and ``quiz --due``. It is
the one store of the history: the old ``last-quiz.json`` is only read, once, when the
database is created.

One row per answer: when, which film (its title and year, so two films never mix), which
question (its stable id and the text asked), the option chosen, right or wrong, and the seconds
it took; one row per run (a quiz played), with its seed and what kind of run it was. The view
``answer_log`` shows the answers as a person reads them: the question's text, ISO times.

What is promised, with several quizzes at once and any of them killed at any moment:

- Each answer is its own transaction, committed before the next question is asked, so
  ``kill -9`` loses at most the answer being written. The database is in WAL mode with a busy
  timeout, so several quizzes write at once.
- The schema is versioned (``PRAGMA user_version``) and upgraded by ``MIGRATIONS`` in one
  transaction; a database from a newer cranes is left alone and not written.
- Only regular files are opened: a symbolic link, FIFO or device at the database's path or at
  its -journal, -wal or -shm is refused before SQLite opens anything (it would write through
  a link, or block on a FIFO where Ctrl-C cannot reach it). The database is kept 0600.
- A file that is not a usable cranes history is moved aside under a name of its own
  (``history.sqlite3.damaged-<time>-<pid>-<random>``, with its -wal and -shm), with a
  warning, and a new one is started: nothing is overwritten or deleted. A row whose values
  cannot be read (a time out of range, text where a number belongs) is left where it is and
  left out of what is read, with a warning.
- A history that cannot be written (a read-only directory, a full disk) is still read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from cranes_cli.errors import CranesError
from cranes_cli.history.on_disk import (
    CannotWrite,
    NotRegular,
    Stuck,
    create_private,
    refuse_irregular,
    set_aside,
)
from cranes_cli.history.schema import (
    MIGRATIONS,
    PREFERRED,
    READABLE_ANSWER,
    READABLE_RUN,
    READABLE_SEED,
    REPLAY,
    Damaged,
    Newer,
    check,
    migrate,
)

FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 10_000


class HistoryUnavailable(CranesError):
    """The history cannot be used now; the message (one line) says where it is and why."""


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


@dataclass(frozen=True)
class Run:
    id: int
    started: float
    seed: int | None
    kind: int  # PLAYED, REPLAY, IMPORTED or PREFERRED
    questions: int


class History:
    """An open history database; use as a context manager. ``writable`` is False when it
    could only be opened to read; ``path`` is the file it reads."""

    def __init__(
        self, connection: sqlite3.Connection, path: str, warn: Callable[[str], None], writable: bool = True
    ) -> None:
        self.connection = connection
        self.path = path
        self.writable = writable
        self.warn = warn

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.close()

    # --- writing --------------------------------------------------------------------------

    def start_run(
        self, film: str, seed: int | None, questions: int, kind: int, now: float | None = None
    ) -> int:
        """A new run of ``kind`` (PLAYED, REPLAY, IMPORTED or PREFERRED); its id."""
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
        *,
        prompt: str = "",
        now: float | None = None,
    ) -> None:
        """One answer to ``question`` (its id; ``prompt`` is its text as asked)."""
        when = time.time() if now is None else now
        with self._transaction() as cursor:
            cursor.execute(
                "INSERT INTO answers (run, film, question, prompt, topic, difficulty, answered, answer,"
                " correct, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run, film, question, prompt, topic, difficulty, when, answer, int(correct), seconds),
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        if not self.writable:
            raise sqlite3.OperationalError("the history was opened to be read only")
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")

    # --- reading: a row that cannot be read is left out ---------------------------------------

    def _rows(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        """The rows of a query; a database error (a table gone, a disk error) is one line."""
        try:
            return self.connection.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise HistoryUnavailable(f"the quiz history {self.path} cannot be read: {error}") from None

    def answers(self, film: str) -> list[Answer]:
        """Every readable answer for ``film``, oldest first; a warning says how many were not."""
        rows = self._rows(
            "SELECT run, film, question, topic, difficulty, answered, answer, correct, seconds,"
            f" {READABLE_ANSWER} FROM answers WHERE film = ? ORDER BY id",
            film,
        )
        good = [row for row in rows if row[9] == 1]
        if len(good) < len(rows):
            damaged = len(rows) - len(good)
            self.warn(
                f"the quiz history {self.path} has {damaged} answer{'s' if damaged > 1 else ''}"
                " with values that cannot be read (a time out of range, or the wrong type): left out"
            )
        answers = [
            Answer(
                int(r[0]),  # type: ignore[call-overload]
                str(r[1]),
                str(r[2]),
                str(r[3]),
                str(r[4]),
                float(r[5]),  # type: ignore[arg-type]
                str(r[6]),
                r[7] == 1,
                _seconds(r[8]),
            )
            for r in good
        ]
        return sorted(answers, key=lambda answer: answer.answered)

    def runs(self, film: str) -> list[Run]:
        """Every readable run of ``film``, oldest first."""
        rows = self._rows(
            f"SELECT id, started, {READABLE_SEED}, replay, questions FROM runs"
            f" WHERE film = ? AND {READABLE_RUN} ORDER BY started, id",
            film,
        )
        return [
            Run(int(r[0]), float(r[1]), r[2] if isinstance(r[2], int) else None, int(r[3]), _count(r[4]))  # type: ignore[call-overload,arg-type]
            for r in rows
        ]

    def last_asked(self, film: str, before: float | None = None) -> dict[str, float]:
        """When each question of ``film`` was last answered (before ``before``, if given)."""
        limit = "" if before is None else " AND answered < ?"
        args: tuple[object, ...] = (film,) if before is None else (film, before)
        rows = self._rows(
            f"SELECT question, MAX(answered) FROM answers WHERE film = ? AND {READABLE_ANSWER}{limit}"
            " GROUP BY question",
            *args,
        )
        return {str(question): float(when) for question, when in rows}  # type: ignore[arg-type]

    def preferred_run(self, film: str, seed: int) -> float | None:
        """When the latest quiz of ``film`` played without --seed that drew ``seed`` started."""
        rows = self._rows(
            f"SELECT started FROM runs WHERE film = ? AND seed = ? AND replay = ? AND {READABLE_RUN}"
            " ORDER BY started DESC, id DESC LIMIT 1",
            film,
            seed,
            PREFERRED,
        )
        return float(rows[0][0]) if rows else None  # type: ignore[arg-type]

    def still_missed(self, film: str) -> list[str]:
        """The questions missed in the last quiz of ``film`` that was not a --missed replay, less
        those answered right since, in the order they were asked."""
        last = self._rows(
            f"SELECT r.id FROM runs r WHERE r.film = ? AND r.replay != ? AND {READABLE_RUN}"
            f" AND EXISTS (SELECT 1 FROM answers a WHERE a.run = r.id AND {READABLE_ANSWER})"
            " ORDER BY r.started DESC, r.id DESC LIMIT 1",
            film,
            REPLAY,
        )
        if not last:
            return []
        missed = self._rows(
            f"SELECT question, MAX(id) FROM answers WHERE run = ? AND correct = 0 AND {READABLE_ANSWER}"
            " GROUP BY question ORDER BY MIN(id)",
            last[0][0],
        )
        left = []
        for question, last_miss in missed:
            right_since = self._rows(
                "SELECT 1 FROM answers WHERE film = ? AND question = ? AND correct = 1 AND id > ?"
                f" AND {READABLE_ANSWER} LIMIT 1",
                film,
                question,
                last_miss,
            )
            if not right_since:
                left.append(str(question))
        return left


def _seconds(value: object) -> float | None:
    if isinstance(value, (int, float)) and 0 <= value < 10**9:
        return float(value)
    return None


def _count(value: object) -> int:
    return value if isinstance(value, int) and 0 <= value < 2**31 else 0


def _lenient_text(data: bytes) -> str:
    """SQLite text that is not UTF-8 (a hostile or damaged file) is read, not refused."""
    return data.decode("utf-8", "replace")


# --- opening --------------------------------------------------------------------------------


def open_history(
    directory: str,
    warn: Callable[[str], None],
    film: str,
    legacy: Callable[[], Sequence[str] | None] | None = None,
    *,
    write: bool = True,
) -> History:
    """The history in ``directory``. To ``write``, it is created if need be (``legacy`` gives
    the misses of the old last-quiz.json, imported for ``film`` when it is), and opened to be
    read only, with a warning, where it cannot be written. To read, nothing is created: where
    there is no history yet, an empty one is given. A damaged file is set aside (with a
    warning) and a new database started. HistoryUnavailable says why it cannot be used."""
    path = database_path(directory)
    for _ in range(3):
        try:
            return _open_any(directory, path, warn, film, legacy, write)
        except Newer as problem:
            raise HistoryUnavailable(
                f"the quiz history {path} cannot be used: {problem}; left as it is"
            ) from None
        except (Damaged, sqlite3.Error) as problem:
            if isinstance(problem, sqlite3.Error) and not _damaged(problem):
                raise HistoryUnavailable(f"the quiz history {path} {_why(problem)}") from None
            moved = set_aside(path)
            if not moved.startswith(("moved", "another")):
                raise HistoryUnavailable(
                    f"the quiz history {path} cannot be used ({problem}); {moved}"
                ) from None
            state = str(problem) if isinstance(problem, NotRegular) else f"damaged ({problem})"
            warn(f"the quiz history {path} is {state}; {moved}; starting a new one")
        except OSError as error:
            raise HistoryUnavailable(
                f"the quiz history {path} cannot be used: {error.strerror or error}"
            ) from None
    raise HistoryUnavailable(f"the quiz history {path} is damaged again and again: left as it is")


def _why(error: sqlite3.Error) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"is busy (another quiz is writing it): {text}"
    return f"cannot be used: {text}"


def _damaged(error: sqlite3.Error) -> bool:
    text = str(error)
    return not isinstance(error, sqlite3.OperationalError) or any(
        sign in text
        for sign in ("malformed", "not a database", "disk image", "no such table", "no such column")
    )


def _open_any(
    directory: str,
    path: str,
    warn: Callable[[str], None],
    film: str,
    legacy: Callable[[], Sequence[str] | None] | None,
    write: bool,
) -> History:
    try:
        refuse_irregular(path, warn)
    except Stuck as problem:
        raise HistoryUnavailable(str(problem)) from None
    if not write:
        if not os.path.lexists(path):
            return _empty(path, warn)
        return _open_to_read(path, warn)
    os.makedirs(directory, exist_ok=True)
    try:
        return _open_to_write(path, film, legacy, warn)
    except CannotWrite as problem:
        if not os.path.lexists(path):
            raise HistoryUnavailable(f"the quiz history {path} cannot be created: {problem}") from None
        history = _open_to_read(path, warn)
        warn(f"the quiz history {path} cannot be written ({problem}): this quiz's answers are not recorded")
        return history


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)
    connection.text_factory = _lenient_text
    return connection


def _empty(path: str, warn: Callable[[str], None]) -> History:
    """No history yet: an empty one, in memory, that nothing is written to."""
    connection = _connect(":memory:")
    for migration in MIGRATIONS:
        connection.executescript(migration)
    return History(connection, path, warn, writable=False)


def _open_to_write(
    path: str, film: str, legacy: Callable[[], Sequence[str] | None] | None, warn: Callable[[str], None]
) -> History:
    try:
        create_private(path)
    except OSError as error:
        raise CannotWrite(error.strerror or str(error)) from None
    connection = _connect(path)
    try:
        try:
            version = check(connection)
            _use_wal(connection)
            # In WAL mode, each commit is durable but for a power loss.
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            migrate(connection, version, film, legacy)
        except sqlite3.OperationalError as error:
            if _read_only(error):
                raise CannotWrite(str(error)) from None
            raise
    except BaseException:
        connection.close()
        raise
    return History(connection, path, warn)


def _read_only(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return any(
        sign in text for sign in ("readonly", "read-only", "unable to open", "disk is full", "disk I/O")
    )


def _open_to_read(path: str, warn: Callable[[str], None]) -> History:
    """Read only: where SQLite cannot make the -shm file it needs (a read-only directory, a full
    disk), the file is read as it stands (``immutable``: nothing else can be writing it there)."""
    from pathlib import Path

    address = Path(os.path.abspath(path)).as_uri()
    for options in ("?mode=rw", "?mode=ro", "?mode=ro&immutable=1"):
        connection = _connect(address + options, uri=True)
        try:
            version = check(connection)
            if version < 1:
                connection.close()
                return _empty(path, warn)
            return History(connection, path, warn, writable=False)
        except sqlite3.OperationalError as error:
            connection.close()
            if not _read_only(error) or options.endswith("1"):
                raise
        except BaseException:
            connection.close()
            raise
    raise AssertionError("unreachable")


def _use_wal(connection: sqlite3.Connection) -> None:
    """WAL mode, for quizzes writing at once. Changing to it needs every other connection gone:
    where another quiz holds the file past the timeout, this one goes on in the mode it has."""
    try:
        connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
