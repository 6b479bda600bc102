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
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from cranes_cli.errors import CranesError
from cranes_cli.files import damaged_name
from cranes_cli.film.identity import film_id

__all__ = ["SCHEMA_VERSION", "Answer", "History", "HistoryUnavailable", "Run", "film_id", "open_history"]

FILE_NAME = "history.sqlite3"
COMPANIONS = ("-journal", "-wal", "-shm")
BUSY_TIMEOUT_MS = 10_000
# Times are Unix seconds from 1970 to the year 3000: FSRS adds up to a century to them, and
# Python's dates end with the year 9999.
LATEST_TIME = 32_503_680_000
LARGEST_SEED = 2**53 - 1

MIGRATIONS: tuple[str, ...] = (
    # 1: runs and answers.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        film TEXT NOT NULL,
        started REAL NOT NULL,          -- Unix time
        seed INTEGER,
        replay INTEGER NOT NULL DEFAULT 0,  -- the kind of run: PLAYED, REPLAY, IMPORTED, PREFERRED
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
    # 2: the question's text as asked, and a view to read the history by hand.
    """
    ALTER TABLE answers ADD COLUMN prompt TEXT NOT NULL DEFAULT '';
    CREATE VIEW answer_log AS
    SELECT
        a.id AS id,
        strftime('%Y-%m-%dT%H:%M:%SZ', a.answered, 'unixepoch') AS answered_at,
        a.film AS film,
        CASE WHEN a.prompt <> '' THEN a.prompt ELSE a.question END AS question,
        a.answer AS answer,
        CASE a.correct WHEN 1 THEN 'right' ELSE 'wrong' END AS result,
        round(a.seconds, 1) AS seconds,
        a.topic AS topic,
        a.difficulty AS difficulty,
        a.question AS question_id,
        a.run AS run,
        strftime('%Y-%m-%dT%H:%M:%SZ', r.started, 'unixepoch') AS run_started_at,
        r.seed AS seed
    FROM answers a LEFT JOIN runs r ON r.id = a.run;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# runs.replay: a quiz played, a --missed replay, last-quiz.json's misses imported, a quiz
# played without --seed that preferred questions not asked before (--again replays it).
PLAYED, REPLAY, IMPORTED, PREFERRED = 0, 1, 2, 3

_TIME_OK = "typeof({0}) IN ('integer', 'real') AND {0} >= 0 AND {0} < " + str(LATEST_TIME)
# An answer whose every value has the type and range the program needs; any other is damaged.
_READABLE_ANSWER = (
    "typeof(run) = 'integer' AND typeof(question) = 'text' AND typeof(topic) = 'text'"
    " AND typeof(difficulty) = 'text' AND typeof(answer) = 'text' AND typeof(correct) = 'integer'"
    " AND correct IN (0, 1) AND " + _TIME_OK.format("answered")
)
_READABLE_RUN = "typeof(id) = 'integer' AND typeof(replay) = 'integer' AND " + _TIME_OK.format("started")
_SEED = f"CASE WHEN typeof(seed) = 'integer' AND seed BETWEEN 0 AND {LARGEST_SEED} THEN seed END"
_ROW_PROBLEMS = ("CHECK constraint failed", "NULL value in")
_NEEDED_COLUMNS = {
    "runs": {"id", "film", "started", "seed", "replay", "questions"},
    "answers": {"id", "run", "film", "question", "topic", "difficulty", "answered", "answer", "correct"},
}


class HistoryUnavailable(CranesError):
    """The history cannot be used now; the message (one line) says where it is and why."""


class _Damaged(Exception):
    """The file is there but is not a usable cranes history; the message says why."""


class _NotRegular(_Damaged):
    """A link, FIFO, device or directory where the database belongs."""


class _Newer(Exception):
    """Written by a newer cranes: left as it is."""


class _CannotWrite(Exception):
    """The history may be read but not written (a read-only directory, a full disk)."""


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
        self._warn = warn

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
            f" {_READABLE_ANSWER} FROM answers WHERE film = ? ORDER BY id",
            film,
        )
        good = [row for row in rows if row[9] == 1]
        if len(good) < len(rows):
            damaged = len(rows) - len(good)
            self._warn(
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
            f"SELECT id, started, {_SEED}, replay, questions FROM runs WHERE film = ? AND {_READABLE_RUN}"
            " ORDER BY started, id",
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
            f"SELECT question, MAX(answered) FROM answers WHERE film = ? AND {_READABLE_ANSWER}{limit}"
            " GROUP BY question",
            *args,
        )
        return {str(question): float(when) for question, when in rows}  # type: ignore[arg-type]

    def preferred_run(self, film: str, seed: int) -> float | None:
        """When the latest quiz of ``film`` played without --seed that drew ``seed`` started."""
        rows = self._rows(
            f"SELECT started FROM runs WHERE film = ? AND seed = ? AND replay = ? AND {_READABLE_RUN}"
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
            f"SELECT r.id FROM runs r WHERE r.film = ? AND r.replay != ? AND {_READABLE_RUN}"
            f" AND EXISTS (SELECT 1 FROM answers a WHERE a.run = r.id AND {_READABLE_ANSWER})"
            " ORDER BY r.started DESC, r.id DESC LIMIT 1",
            film,
            REPLAY,
        )
        if not last:
            return []
        missed = self._rows(
            f"SELECT question, MAX(id) FROM answers WHERE run = ? AND correct = 0 AND {_READABLE_ANSWER}"
            " GROUP BY question ORDER BY MIN(id)",
            last[0][0],
        )
        left = []
        for question, last_miss in missed:
            right_since = self._rows(
                "SELECT 1 FROM answers WHERE film = ? AND question = ? AND correct = 1 AND id > ?"
                f" AND {_READABLE_ANSWER} LIMIT 1",
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
        except _Newer as problem:
            raise HistoryUnavailable(
                f"the quiz history {path} cannot be used: {problem}; left as it is"
            ) from None
        except (_Damaged, sqlite3.Error) as problem:
            if isinstance(problem, sqlite3.Error) and not _damaged(problem):
                raise HistoryUnavailable(f"the quiz history {path} {_why(problem)}") from None
            moved = set_aside(path)
            if not moved.startswith(("moved", "another")):
                raise HistoryUnavailable(
                    f"the quiz history {path} cannot be used ({problem}); {moved}"
                ) from None
            state = str(problem) if isinstance(problem, _NotRegular) else f"damaged ({problem})"
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
    _refuse_irregular(path, warn)
    if not write:
        if not os.path.lexists(path):
            return _empty(path, warn)
        return _open_to_read(path, warn)
    os.makedirs(directory, exist_ok=True)
    try:
        return _open_to_write(path, film, legacy, warn)
    except _CannotWrite as problem:
        if not os.path.lexists(path):
            raise HistoryUnavailable(f"the quiz history {path} cannot be created: {problem}") from None
        history = _open_to_read(path, warn)
        warn(f"the quiz history {path} cannot be written ({problem}): this quiz's answers are not recorded")
        return history


def _refuse_irregular(path: str, warn: Callable[[str], None]) -> None:
    """Before SQLite opens anything: the database must be a regular file, not a link (written
    through, it would take the link's target and its mode), and so must its -journal, -wal and
    -shm; one that is not is set aside (SQLite would block opening a FIFO)."""
    kind = _irregular(path)
    if kind:
        raise _NotRegular(f"{kind}, not a regular file")
    for suffix in COMPANIONS:
        kind = _irregular(path + suffix)
        if kind:
            moved = _move_aside(path + suffix)
            if not moved.startswith("moved"):
                raise HistoryUnavailable(
                    f"the quiz history's {path + suffix} is {kind}, not a regular file; {moved}"
                )
            warn(f"the quiz history's {path + suffix} is {kind}, not a regular file; {moved}")


def _irregular(path: str) -> str:
    """What ``path`` is if it exists and is not a regular file (``""`` otherwise)."""
    from cranes_cli.files import kind_of

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return ""
    return "" if stat.S_ISREG(mode) else kind_of(mode)


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
        _create_private(path)
    except OSError as error:
        raise _CannotWrite(error.strerror or str(error)) from None
    connection = _connect(path)
    try:
        try:
            version = _check(connection)
            _use_wal(connection)
            connection.execute(
                "PRAGMA synchronous = NORMAL"
            )  # durable at each commit in WAL but for power loss
            connection.execute("PRAGMA foreign_keys = ON")
            _migrate(connection, version, film, legacy)
        except sqlite3.OperationalError as error:
            if _read_only(error):
                raise _CannotWrite(str(error)) from None
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
    from urllib.parse import quote

    address = "file:" + quote(os.path.abspath(path))
    for options in ("?mode=rw", "?mode=ro", "?mode=ro&immutable=1"):
        connection = _connect(address + options, uri=True)
        try:
            version = _check(connection)
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


def _check(connection: sqlite3.Connection) -> int:
    """The schema version, once the file is known to be a cranes history this cranes can read."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:  # before anything is written, WAL mode included
        raise _Newer(f"it was written by a newer cranes (schema {version}, this one knows {SCHEMA_VERSION})")
    if version < 0:
        raise _Damaged(f"not a cranes history: schema version {version}")
    problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check(100)")]
    # A row breaking a CHECK or NOT NULL is left out when read; the file itself is sound.
    structural = [text for text in problems if text != "ok" and not text.startswith(_ROW_PROBLEMS)]
    if structural or not problems:
        raise _Damaged(f"integrity check: {structural[0] if structural else 'no answer'}")
    tables = {
        name: {row[1] for row in connection.execute(f"PRAGMA table_info({name})")} for name in _NEEDED_COLUMNS
    }
    if version == 0:
        if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise _Damaged("not a cranes history: tables but no schema version")
        return version
    for name, needed in _NEEDED_COLUMNS.items():
        if not needed <= tables[name]:
            raise _Damaged(f"not a cranes history: no table {name} with its columns")
    return int(version)


def _use_wal(connection: sqlite3.Connection) -> None:
    """WAL mode, for quizzes writing at once. Changing to it needs every other connection gone:
    where another quiz holds the file past the timeout, this one goes on in the mode it has."""
    try:
        connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise


def _create_private(path: str) -> None:
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
                raise _NotRegular("a symbolic link, not a regular file") from None
            raise _CannotWrite(error.strerror or str(error)) from None
    try:
        seen = os.fstat(descriptor)
        if not stat.S_ISREG(seen.st_mode):
            raise _NotRegular("not a regular file")
        if seen.st_mode & 0o077 and seen.st_uid == os.geteuid():
            with contextlib.suppress(OSError):
                os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def _migrate(
    connection: sqlite3.Connection,
    version: int,
    film: str,
    legacy: Callable[[], Sequence[str] | None] | None,
) -> None:
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _check(connection)  # another quiz may have done it meanwhile
        for number in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[number].split(";\n"):
                if statement.strip():
                    connection.execute(statement)
        if version == 0 and legacy is not None:
            _import_legacy(connection, film, legacy())
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _import_legacy(connection: sqlite3.Connection, film: str, missed: Sequence[str] | None) -> None:
    """The old last-quiz.json's misses as one imported run of wrong answers (no answer text,
    no time taken), so ``--missed`` still asks them."""
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
