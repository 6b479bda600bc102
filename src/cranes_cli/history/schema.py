"""The history database's schema: its tables and view, each version's migration, what makes a
row readable, and the check that a file is a cranes history this cranes can use."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence

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
READABLE_ANSWER = (
    "typeof(run) = 'integer' AND typeof(question) = 'text' AND typeof(topic) = 'text'"
    " AND typeof(difficulty) = 'text' AND typeof(answer) = 'text' AND typeof(correct) = 'integer'"
    " AND correct IN (0, 1) AND " + _TIME_OK.format("answered")
)
READABLE_RUN = "typeof(id) = 'integer' AND typeof(replay) = 'integer' AND " + _TIME_OK.format("started")
READABLE_SEED = f"CASE WHEN typeof(seed) = 'integer' AND seed BETWEEN 0 AND {LARGEST_SEED} THEN seed END"
ROW_PROBLEMS = ("CHECK constraint failed", "NULL value in")
NEEDED_COLUMNS = {
    "runs": {"id", "film", "started", "seed", "replay", "questions"},
    "answers": {"id", "run", "film", "question", "topic", "difficulty", "answered", "answer", "correct"},
}


class Damaged(Exception):
    """The file is there but is not a usable cranes history; the message says why."""


class Newer(Exception):
    """Written by a newer cranes: left as it is."""


def check(connection: sqlite3.Connection) -> int:
    """The schema version, once the file is known to be a cranes history this cranes can read."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:  # before anything is written, WAL mode included
        raise Newer(f"it was written by a newer cranes (schema {version}, this one knows {SCHEMA_VERSION})")
    if version < 0:
        raise Damaged(f"not a cranes history: schema version {version}")
    problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check(100)")]
    # A row breaking a CHECK or NOT NULL is left out when read; the file itself is sound.
    structural = [text for text in problems if text != "ok" and not text.startswith(ROW_PROBLEMS)]
    if structural or not problems:
        raise Damaged(f"integrity check: {structural[0] if structural else 'no answer'}")
    tables = {
        name: {row[1] for row in connection.execute(f"PRAGMA table_info({name})")} for name in NEEDED_COLUMNS
    }
    if version == 0:
        if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise Damaged("not a cranes history: tables but no schema version")
        return version
    for name, needed in NEEDED_COLUMNS.items():
        if not needed <= tables[name]:
            raise Damaged(f"not a cranes history: no table {name} with its columns")
    return int(version)


def migrate(
    connection: sqlite3.Connection,
    version: int,
    film: str,
    legacy: Callable[[], Sequence[str] | None] | None,
) -> None:
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = check(connection)  # another quiz may have done it meanwhile
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
