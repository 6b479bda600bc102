"""The history with several quizzes at once, a busy database and kill -9: every answer given
is recorded (an answer the busy database refuses is saved later), a busy history is said in one
line, and nothing waits on the machine's speed."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from subprocess import PIPE
from typing import Any

import pytest

from cranes_cli.core import quiz
from cranes_cli.film.model import Dataset
from cranes_cli.history import database

from .conftest import Invoke, letters

FILM = "The Cranes Are Flying (1957)"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    monkeypatch.setenv("CRANES_HOME", str(directory))
    return directory


def rows(home: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / database.FILE_NAME) as connection:
        return connection.execute(sql, args).fetchall()


WRITER = """
import sqlite3, sys
from cranes_cli.history import database

def patiently(write):  # this test's own writer waits out a busy history however long it takes
    while True:
        try:
            return write()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise

with database.open_history(sys.argv[1], lambda m: print(m, file=sys.stderr), "F") as record:
    run = patiently(lambda: record.start_run("F", 1, 0, 0))
    for number in range(int(sys.argv[2])):
        patiently(lambda: record.record(run, "F", f"q{number}", "cast", "easy", "x", number % 2 == 0, 0.1))
        print(number, flush=True)
"""
RETRYING = re.compile(
    r"cranes: warning: the quiz history cannot take this answer now \(.*\); it will try again\n"
)


def test_several_quizzes_at_once_are_all_recorded(home: Path, dataset: Dataset) -> None:
    """Four quizzes and two fast writers at once. Nothing here waits on the machine's speed:
    the database exists before they start (no one waits for another to create it), the
    writers retry as long as it takes, and an answer a quiz could not save at once (busy past
    its timeout, on a loaded machine) is saved with the next one or at the end."""
    database.open_history(str(home), pytest.fail, FILM).connection.close()
    made = quiz.make_quiz(dataset, seed=9, count=5)
    replies = letters(made, [True, False, True, False, True])
    env = {**os.environ, "CRANES_HOME": str(home), "NO_COLOR": "1", "TTY_COMPATIBLE": "0"}
    command = [sys.executable, "-m", "cranes_cli", "quiz", "--seed", "9", "--count", "5"]
    quizzes = [subprocess.Popen(command, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=env) for _ in range(4)]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(home), "200"], stdout=PIPE, stderr=PIPE, env=env)
        for _ in range(2)
    ]
    for process in quizzes:
        _, errors = process.communicate(replies.encode(), timeout=600)
        assert process.returncode == 0
        assert RETRYING.sub("", errors.decode()) == ""
    for process in writers:
        _, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors
    assert rows(home, "SELECT count(*) FROM answers WHERE film = ?", FILM) == [(20,)]
    assert rows(home, "SELECT count(*) FROM answers WHERE film = 'F'") == [(400,)]
    assert rows(home, "SELECT count(*) FROM runs") == [(6,)]


def test_an_answer_the_busy_history_refuses_is_saved_later(
    invoke: Invoke, dataset: Dataset, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = quiz.make_quiz(dataset, seed=3, count=4)
    saving = database.History.record
    refusals = iter([True, True])

    def busy_twice(self: database.History, *args: Any, **kwargs: Any) -> None:
        if next(refusals, False):
            raise sqlite3.OperationalError("database is locked")
        saving(self, *args, **kwargs)

    monkeypatch.setattr(database.History, "record", busy_twice)
    result = invoke("quiz", "--seed", "3", "--count", "4", input=letters(made, [True, False, True, False]))
    assert result.exit_code == 0
    assert RETRYING.fullmatch(result.stderr), result.stderr  # said once
    answers = rows(home, "SELECT question, correct FROM answers ORDER BY answered, id")
    assert answers == [
        (q.id, int(r)) for q, r in zip(made.questions, [True, False, True, False], strict=True)
    ]


def test_a_history_busy_past_its_timeout_is_said_and_the_quiz_plays(
    invoke: Invoke, dataset: Dataset, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = quiz.make_quiz(dataset, seed=3, count=2)
    invoke("quiz", "--seed", "3", "--count", "2", input=letters(made, [True, False]))
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(home / database.FILE_NAME, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # leaving WAL takes the file from every reader
    holder.execute("BEGIN EXCLUSIVE")
    try:
        played = invoke("quiz", "--seed", "4", "--count", "1", input="a\n")
        assert played.exit_code == 0, played.exception
        assert "Score: " in played.stdout
        assert played.stderr.startswith(
            f"cranes: warning: the quiz history {home / database.FILE_NAME} is busy"
        )
        assert played.stderr.endswith("; this quiz is not recorded\n") and played.stderr.count("\n") == 1
        for args in (("stats",), ("quiz", "--due"), ("quiz", "--missed")):
            refused = invoke(*args)
            assert refused.exit_code == 1 and not isinstance(refused.exception, AttributeError)
            assert refused.stderr.startswith("cranes: the quiz history") and "is busy" in refused.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4])
def test_kill_9_loses_at_most_the_answer_being_written(home: Path, delay: float) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), "100000"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert writer.stdout is not None
    first = writer.stdout.readline()  # the database exists and an answer is in it
    assert first == b"0\n"
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    said = first + writer.stdout.read()
    writer.wait()
    acknowledged = len(said.splitlines())
    with database.open_history(str(home), pytest.fail, "F") as record:
        assert record.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = len(record.answers("F"))
    assert acknowledged <= stored <= acknowledged + 1
    assert not list(home.glob("*.damaged-*"))


def test_kill_9_during_a_real_quiz_keeps_every_answer_given(home: Path, dataset: Dataset) -> None:
    """A played quiz killed between questions: every answer already given is in the history."""
    made = quiz.make_quiz(dataset, seed=12, count=6)
    env = {**os.environ, "CRANES_HOME": str(home), "NO_COLOR": "1", "TTY_COMPATIBLE": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cranes_cli", "quiz", "--seed", "12", "--count", "6"],
        stdin=PIPE,
        stdout=PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    replies = letters(made, [True, False, True, False, True, False]).splitlines()
    for reply in replies[:3]:
        process.stdin.write(f"{reply}\n".encode())
        process.stdin.flush()
    # Question 4 is shown once the third answer is recorded and judged.
    for line in iter(process.stdout.readline, b""):
        if b"Question 4 of 6" in line:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    recorded = rows(home, "SELECT question, correct FROM answers ORDER BY id")
    assert recorded == [
        (q.id, int(right)) for q, right in zip(made.questions[:3], [True, False, True], strict=True)
    ]
