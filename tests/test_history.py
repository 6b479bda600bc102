"""The quiz history file: nothing hostile there crashes or
blocks a quiz, a damaged record is never overwritten or lost, under concurrency or kill -9,
and nothing is left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cranes_cli.history import last_quiz
from cranes_cli.history.last_quiz import LastRun

from .conftest import ROOT, Invoke


def record(directory: Path) -> Path:
    return directory / last_quiz.FILE_NAME


def asides(directory: Path) -> list[Path]:
    return sorted(path for path in directory.iterdir() if ".damaged-" in path.name)


def litter(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir() if path.name.startswith(".last-quiz-"))


def test_a_record_nested_100000_deep_is_set_aside(tmp_path: Path, invoke: Invoke) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    record(tmp_path).write_text(deep)
    warnings: list[str] = []
    assert last_quiz.read_last_run(warnings.append, str(tmp_path)) is None
    (warning,) = warnings
    assert "(nested too deep); moved aside to " in warning
    (aside,) = asides(tmp_path)
    assert aside.read_text() == deep
    assert not record(tmp_path).exists()
    # and the quiz itself goes on: --missed finds nothing, a new record can be written
    record(tmp_path).write_text(deep)
    result = invoke("quiz", "--missed", env={"CRANES_HOME": str(tmp_path)})
    assert result.exit_code == 1 and "RecursionError" not in result.output
    assert "nested too deep" in result.stderr and "no missed questions" in result.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"seed": true, "missed": []}', "no seed"),
        (b'{"seed": -1, "missed": []}', "no seed"),
        (b'{"seed": 1, "missed": "abc"}', "no list of missed questions"),
        (b'{"seed": 1, "missed": [1]}', "no list of missed questions"),
        (b'{"seed": 1, "missed": []}' + b" " * (last_quiz.MAX_BYTES + 1), "larger than 1024 KiB"),
    ],
)
def test_damaged_records_are_named_and_kept(tmp_path: Path, content: bytes, reason: str) -> None:
    record(tmp_path).write_bytes(content)
    warnings: list[str] = []
    last_quiz.write_last_run(LastRun(5, ("q",)), warnings.append, str(tmp_path))
    assert len(warnings) == 1 and f"({reason}); moved aside to" in warnings[0]
    (aside,) = asides(tmp_path)
    assert aside.read_bytes() == content
    assert last_quiz.read_last_run(pytest.fail, str(tmp_path)) == LastRun(5, ("q",))


def test_asides_in_the_same_second_never_overwrite_each_other(tmp_path: Path) -> None:
    """The aside name had one-second resolution: a second damaged record set aside in the
    same second replaced the first."""
    for content in ("first", "second", "third"):
        record(tmp_path).write_text(content)
        last_quiz.write_last_run(LastRun(1, ()), lambda _: None, str(tmp_path))
        record(tmp_path).write_text(content)
        last_quiz.read_last_run(lambda _: None, str(tmp_path))
    assert sorted(path.read_text() for path in asides(tmp_path)) == sorted(["first", "second", "third"] * 2)


def test_a_record_written_between_the_read_and_the_move_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another quiz replaces the damaged record after this one read it: the good record is not
    moved aside (it was, by a rename that did not check what it moved)."""
    record(tmp_path).write_text("{damaged")
    parse = last_quiz._parse

    def another_quiz_writes_meanwhile(raw: bytes) -> LastRun:
        last_quiz._write_atomically(str(tmp_path), b'{"seed": 7, "missed": ["x"]}')
        return parse(raw)

    monkeypatch.setattr(last_quiz, "_parse", another_quiz_writes_meanwhile)
    warnings: list[str] = []
    assert last_quiz.read_last_run(warnings.append, str(tmp_path)) is None
    monkeypatch.undo()
    assert "another quiz has moved or replaced it since" in warnings[0]
    assert last_quiz.read_last_run(pytest.fail, str(tmp_path)) == LastRun(7, ("x",))
    assert asides(tmp_path) == []


def test_a_fifo_as_the_record_neither_blocks_nor_stays(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(record(tmp_path))
    warnings: list[str] = []
    done = threading.Event()

    def write() -> None:
        last_quiz.write_last_run(LastRun(2, ("a",)), warnings.append, str(tmp_path))
        done.set()

    threading.Thread(target=write, daemon=True).start()
    assert done.wait(5), "blocked on the FIFO"
    assert "(it is a named pipe (FIFO)); moved aside to" in warnings[0]
    assert last_quiz.read_last_run(pytest.fail, str(tmp_path)) == LastRun(2, ("a",))


def test_a_directory_as_the_record_is_set_aside(tmp_path: Path) -> None:
    record(tmp_path).mkdir()
    warnings: list[str] = []
    last_quiz.write_last_run(LastRun(3, ()), warnings.append, str(tmp_path))
    assert "(it is a directory); moved aside to" in warnings[0]
    assert [path.is_dir() for path in asides(tmp_path)] == [True]
    assert last_quiz.read_last_run(pytest.fail, str(tmp_path)) == LastRun(3, ())


# ---------------------------------------------------------------------------------------
# Real processes: several quizzes at once, and kill -9

_WRITER = """
import sys
from cranes_cli.history import last_quiz
directory, seed = sys.argv[1], int(sys.argv[2])
for round in range(5):
    run = last_quiz.LastRun(seed, (f"q{round}",))
    last_quiz.write_last_run(run, lambda message: print(message, file=sys.stderr), directory)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


def test_concurrent_quizzes_lose_no_damaged_record_and_leave_no_litter(tmp_path: Path) -> None:
    damaged = '{"seed": "damaged"}'
    record(tmp_path).write_text(damaged)
    writers = [_python(_WRITER, str(tmp_path), str(seed)) for seed in range(1, 7)]
    warnings = "".join(writer.communicate(timeout=60)[1] for writer in writers)
    assert all(writer.returncode == 0 for writer in writers), warnings
    assert "Traceback" not in warnings
    kept = [path.read_text() for path in asides(tmp_path)]
    assert kept and set(kept) == {damaged}  # the damaged record is kept, and only it
    assert last_quiz.read_last_run(pytest.fail, str(tmp_path)) in {
        LastRun(seed, ("q4",)) for seed in range(1, 7)
    }
    assert litter(tmp_path) == []


_KILLED = """
import os, signal, sys
from cranes_cli.history import last_quiz
step = sys.argv[2]
real = {"fsync": os.fsync, "replace": os.replace}

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

setattr(os, step, die)
last_quiz.write_last_run(last_quiz.LastRun(9, ()), print, sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no kill -9 here")
@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_kill_9_mid_write_leaves_the_record_and_no_litter(tmp_path: Path, step: str) -> None:
    last_quiz.write_last_run(LastRun(1, ("old",)), pytest.fail, str(tmp_path))
    killed = _python(_KILLED, str(tmp_path), step)
    killed.communicate(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    assert last_quiz.read_last_run(pytest.fail, str(tmp_path)) == LastRun(1, ("old",))
    if step == "fsync" and last_quiz._unnamed_supported(str(tmp_path)):
        assert litter(tmp_path) == []  # killed before the file had a name: nothing to clean
    last_quiz.write_last_run(LastRun(2, ("new",)), pytest.fail, str(tmp_path))
    assert litter(tmp_path) == []  # whatever a killed writer left, the next one removed
    assert json.loads(record(tmp_path).read_text())["missed"] == ["new"]


def test_a_live_writers_temporary_is_left_alone(tmp_path: Path) -> None:
    live = tmp_path / f".last-quiz-{os.getppid()}-abcd.tmp"
    live.write_text("being written")
    dead = tmp_path / ".last-quiz-999999999-abcd.tmp"
    dead.write_text("left by a killed writer")
    last_quiz.write_last_run(LastRun(1, ()), pytest.fail, str(tmp_path))
    assert litter(tmp_path) == [live.name]
