"""The old last-quiz.json: read once, when the history database is created, to import its
misses; never written, moved or removed. Whatever is in it (damaged, unreadable, a FIFO, a lone
surrogate) is reported and left as it is, and the quiz goes on."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cranes_cli.core import quiz
from cranes_cli.film.model import Dataset
from cranes_cli.history import database, last_quiz, schema

from .conftest import ROOT, Invoke, letters


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    directory.mkdir()
    monkeypatch.setenv("CRANES_HOME", str(directory))
    return directory


def legacy(directory: Path) -> Path:
    return directory / last_quiz.FILE_NAME


def imported(home: Path) -> list[str]:
    with sqlite3.connect(home / database.FILE_NAME) as connection:
        rows = connection.execute(
            "SELECT question FROM answers JOIN runs ON runs.id = answers.run WHERE runs.replay = ?"
            " ORDER BY answers.id",
            (schema.IMPORTED,),
        )
        return [question for (question,) in rows]


def test_a_quiz_never_writes_last_quiz_json(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    made = quiz.make_quiz(dataset, seed=3, count=2)
    result = invoke("quiz", "--seed", "3", "--count", "2", input=letters(made, [False, False]))
    assert result.exit_code == 0, result.stderr
    assert not legacy(home).exists()
    assert sorted(path.name for path in home.iterdir()) == [database.FILE_NAME]


def test_the_old_record_is_imported_once_and_left_as_it_was(
    invoke: Invoke, dataset: Dataset, home: Path
) -> None:
    ids = [q.id for q in quiz.make_quiz(dataset, seed=4, count=3).questions]
    text = json.dumps({"schema_version": 1, "seed": 4, "missed": ids}).encode()
    legacy(home).write_bytes(text)
    for _ in range(2):
        made = quiz.make_quiz(dataset, seed=1, count=1)
        result = invoke("quiz", "--seed", "1", "--count", "1", input=letters(made, [True]))
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
    assert imported(home) == ids
    assert legacy(home).read_bytes() == text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
        (b'{"seed": true, "missed": []}', "no seed"),
        (b'{"seed": -1, "missed": []}', "no seed"),
        (b'{"seed": 1, "missed": "abc"}', "no list of missed questions"),
        (b'{"seed": 1, "missed": [1]}', "no list of missed questions"),
        (b'{"seed": 1, "missed": ["\\ud800"]}', "no list of missed questions"),
        (b'{"seed": 1, "missed": []}' + b" " * (last_quiz.MAX_BYTES + 1), "larger than 1024 KiB"),
    ],
)
def test_a_damaged_record_is_reported_and_left_alone(
    invoke: Invoke, home: Path, content: bytes, reason: str
) -> None:
    legacy(home).write_bytes(content)
    for _ in range(2):  # the database is created by the first quiz; the second reads nothing old
        result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
        assert result.exit_code == 0, result.output
        assert "Score: " in result.stdout
    first = invoke("quiz", "--missed")  # whatever the first quiz missed; the record added nothing
    assert "Traceback" not in first.stderr
    assert legacy(home).read_bytes() == content
    assert imported(home) == []
    assert not list(home.glob("*.damaged-*"))


def test_its_reason_is_said_once_when_the_database_is_created(invoke: Invoke, home: Path) -> None:
    legacy(home).write_bytes(b'{"seed": 1, "missed": ["\\ud800"]}')
    result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    assert result.exit_code == 0
    path = legacy(home)
    assert result.stderr == (
        f"cranes: warning: the last quiz record {path} could not be imported (no list of missed"
        " questions); it is left as it is\n"
    )
    again = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    assert again.stderr == ""


def test_an_unreadable_record_is_left_where_it_is(
    invoke: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mode 000 (simulated: the tests may run as root, whom modes do not stop)."""
    legacy(home).write_text('{"seed": 1, "missed": ["x"]}')
    os.chmod(legacy(home), 0)
    opening = os.open

    def refuse(path: str, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(legacy(home)):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return opening(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert "could not be imported (Permission denied); it is left as it is" in result.stderr
    os.chmod(legacy(home), 0o600)
    assert legacy(home).read_text() == '{"seed": 1, "missed": ["x"]}'
    assert not list(home.glob("*.damaged-*"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_the_record_neither_blocks_nor_moves(home: Path) -> None:
    os.mkfifo(legacy(home))
    env = {**os.environ, "CRANES_HOME": str(home), "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "cranes_cli", "quiz", "--seed", "1", "--count", "1"]
    done = subprocess.run(command, input="a\n", capture_output=True, text=True, env=env, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "(it is a named pipe (FIFO)); it is left as it is" in done.stderr
    assert legacy(home).is_fifo()
