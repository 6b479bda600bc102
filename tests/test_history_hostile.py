"""The history database against what a hostile or broken home can hold: a planted link, a
database that is not a cranes history, values no program wrote, a FIFO beside it, a directory
that cannot be written, a full disk, an empty HOME. Nothing crashes, hangs or leaks, and a
readable history is still read."""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cranes_cli.core import quiz
from cranes_cli.film.model import Dataset
from cranes_cli.history import database

from .conftest import ROOT, Invoke, letters

pytestmark = pytest.mark.slow  # long: .ci/run runs it (pytest -m slow)

FILM = "The Cranes Are Flying (1957)"
# Every way a command reads the history, and a plain quiz that writes it.
READERS = [
    ("stats",),
    ("stats", "--json"),
    ("quiz", "--due", "--json"),
    ("quiz", "--due"),
    ("quiz", "--missed"),
    ("quiz", "--again", "--seed", "3", "--json"),
    ("quiz", "--count", "2"),
]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    directory.mkdir()
    monkeypatch.setenv("CRANES_HOME", str(directory))
    return directory


def history(home: Path) -> Path:
    return home / database.FILE_NAME


def play(invoke: Invoke, dataset: Dataset, seed: int = 1, right: tuple[bool, ...] = (True, False)) -> None:
    made = quiz.make_quiz(dataset, seed=seed, count=len(right))
    result = invoke("quiz", "--seed", str(seed), "--count", str(len(right)), input=letters(made, list(right)))
    assert result.exit_code == 0, result.output


def cranes(
    home: Path, *args: str, stdin: str = "a\na\n", timeout: float = 30, limit_file_size: bool = False
) -> subprocess.CompletedProcess[str]:
    """``cranes ARGS`` in a process of its own (it may block, or need limits of its own)."""
    env = {
        **os.environ,
        "CRANES_HOME": str(home),
        "NO_COLOR": "1",
        "TTY_COMPATIBLE": "0",
        "PYTHONPATH": str(ROOT / "src"),
    }

    def no_file_may_grow() -> None:  # as on a full disk: every write that extends a file fails
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    return subprocess.run(
        [sys.executable, "-m", "cranes_cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        preexec_fn=no_file_may_grow if limit_file_size else None,
        check=False,
    )


def no_crash(result: object, *, exit_codes: tuple[int, ...] = (0, 1)) -> None:
    escaped = getattr(result, "exception", None)  # in this process, a traceback is not printed
    assert escaped is None or isinstance(escaped, SystemExit), repr(escaped)
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr
    assert getattr(result, "exit_code", getattr(result, "returncode", None)) in exit_codes, stderr


# --- a planted link -----------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_link_at_the_database_is_never_written_through(
    invoke: Invoke, dataset: Dataset, home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.sqlite3"
    target.write_bytes(b"")
    target.chmod(0o644)
    history(home).symlink_to(target)
    play(invoke, dataset)
    assert target.read_bytes() == b""  # nothing went through the link
    assert not history(home).is_symlink()
    assert history(home).stat().st_mode & 0o777 == 0o600
    (aside,) = home.glob("*.damaged-*")
    assert aside.is_symlink()  # the link itself set aside, its target untouched
    with sqlite3.connect(history(home)) as connection:
        assert connection.execute("SELECT count(*) FROM answers").fetchone() == (2,)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_link_beside_the_database_is_refused(
    invoke: Invoke, dataset: Dataset, home: Path, tmp_path: Path, suffix: str
) -> None:
    play(invoke, dataset)
    target = tmp_path / "elsewhere"
    target.write_bytes(b"")
    Path(f"{history(home)}{suffix}").symlink_to(target)
    play(invoke, dataset, seed=2)
    assert target.read_bytes() == b""
    with sqlite3.connect(history(home)) as connection:
        assert connection.execute("SELECT count(*) FROM answers").fetchone() == (4,)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_database_readable_by_others_is_made_private(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    play(invoke, dataset)
    history(home).chmod(0o644)
    play(invoke, dataset, seed=2)
    assert history(home).stat().st_mode & 0o777 == 0o600


# --- not a cranes history ------------------------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2, -5])
@pytest.mark.parametrize("args", READERS)
def test_a_database_that_is_not_a_cranes_history(
    invoke: Invoke, home: Path, version: int, args: tuple[str, ...]
) -> None:
    """user_version 1 but no cranes tables, or a negative version: set aside, never a traceback."""
    with sqlite3.connect(history(home)) as connection:
        connection.execute("CREATE TABLE other (x)")
        connection.execute(f"PRAGMA user_version = {version}")
    result = invoke(*args, input="a\na\n")
    no_crash(result)
    assert "is damaged (not a cranes history" in result.stderr
    (aside,) = home.glob("*.damaged-*")
    with sqlite3.connect(aside) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (version,)


def test_a_table_dropped_while_reading_is_an_error_not_a_traceback(invoke: Invoke, home: Path) -> None:
    record = database.open_history(str(home), pytest.fail, FILM)
    with record:
        record.connection.execute("DROP TABLE answers")
        with pytest.raises(database.HistoryUnavailable, match="cannot be read: no such table: answers"):
            record.answers(FILM)


# --- values no program wrote --------------------------------------------------------------------

BAD_TIMES = ["1e300", "9e15", "253402300800", "-1e300", "'abc'", "x'00ff'"]


@pytest.mark.parametrize("value", BAD_TIMES)
@pytest.mark.parametrize("args", READERS)
def test_an_answer_that_cannot_be_read_is_left_out(
    invoke: Invoke, dataset: Dataset, home: Path, value: str, args: tuple[str, ...]
) -> None:
    play(invoke, dataset, right=(True, False, False))
    with sqlite3.connect(history(home)) as connection:
        connection.execute(f"UPDATE answers SET answered = {value} WHERE id = 2")
        connection.execute(f"UPDATE runs SET started = {value}, seed = 'x'")
    result = invoke(*args, input="a\na\n")
    no_crash(result)
    if args[0] == "stats":
        assert "1 answer with values that cannot be read" in result.stderr
        assert result.exit_code == 0
    if args == ("stats", "--json"):  # the run cannot be read either: its answers count, not it
        assert (json.loads(result.stdout)["answers"], json.loads(result.stdout)["runs"]) == (2, 1)


def test_stats_count_the_answers_that_can_be_read(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    play(invoke, dataset, right=(True, False, False))
    with sqlite3.connect(history(home)) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE answers SET answered = 'abc', correct = 7 WHERE id = 2")
        connection.execute("UPDATE answers SET topic = x'00ff', seconds = 1e999 WHERE id = 3")
        connection.execute("UPDATE runs SET seed = 'seven'")
    result = invoke("stats", "--json")
    assert result.exit_code == 0, result.stderr
    assert "has 2 answers with values that cannot be read" in result.stderr
    document = json.loads(result.stdout)
    assert (document["answers"], document["right"], document["best_run"]["seed"]) == (1, 1, None)


def test_text_that_is_not_utf8_is_read_not_refused(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    play(invoke, dataset, right=(False, False))
    with sqlite3.connect(history(home)) as connection:
        connection.execute("UPDATE answers SET question = CAST(x'ff1b5b324a' AS TEXT) WHERE id = 1")
    for args in (("stats",), ("stats", "--json"), ("quiz", "--due", "--json"), ("quiz", "--missed")):
        result = invoke(*args, input="a\n")
        no_crash(result)
        assert "\x1b" not in result.stdout


# --- only regular files ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["-journal", "-wal", "-shm", ""])
@pytest.mark.parametrize("args", [("stats",), ("quiz", "--seed", "1", "--count", "2")])
def test_a_fifo_at_the_history_never_blocks(
    invoke: Invoke, dataset: Dataset, home: Path, name: str, args: tuple[str, ...]
) -> None:
    play(invoke, dataset)
    if not name:
        history(home).unlink()
    os.mkfifo(f"{history(home)}{name}")
    result = cranes(home, *args, timeout=30)  # a process of its own: a blocked open ignores Ctrl-C
    no_crash(result)
    assert "named pipe (FIFO), not a regular file" in result.stderr
    assert not Path(f"{history(home)}{name}").is_fifo()  # set aside, not removed
    (aside,) = home.glob(f"{database.FILE_NAME}{name}.damaged-*")
    assert aside.is_fifo()


# --- read where it cannot be written ---------------------------------------------------------------


def _as_another_user() -> list[str]:
    """A prefix that runs a command as a user the directory's modes do bind (root ignores them)."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "--user", "--map-user=65534", "true"]).returncode:
        pytest.skip("running as root, and no user namespace to drop that in")
    return [unshare, "--user", "--map-user=65534", "--map-group=65534"]


@pytest.mark.skipif(os.name != "posix", reason="directory modes are POSIX")
def test_a_history_in_a_read_only_directory_is_still_read(
    invoke: Invoke, dataset: Dataset, home: Path
) -> None:
    play(invoke, dataset, right=(False, True))
    before = history(home).read_bytes()
    prefix = _as_another_user()
    env = {**os.environ, "CRANES_HOME": str(home), "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src")}
    home.chmod(0o555)
    try:

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            command = [*prefix, sys.executable, "-m", "cranes_cli", *args]
            return subprocess.run(
                command, input="a\na\n", capture_output=True, text=True, env=env, timeout=60
            )

        stats = run("stats", "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["answers"] == 2
        due = run("quiz", "--due", "--json")
        assert due.returncode == 0, due.stderr
        assert len(json.loads(due.stdout)["due"]) == 1
        played = run("quiz", "--due")
        assert played.returncode == 0, played.stderr
        assert "Score: " in played.stdout
        assert "cannot be written" in played.stderr and "not recorded" in played.stderr
    finally:
        home.chmod(0o755)
    assert history(home).read_bytes() == before


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no file size limit here")
def test_a_history_on_a_full_disk_is_still_read(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    play(invoke, dataset, right=(False, True))
    stats = cranes(home, "stats", "--json", limit_file_size=True)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["answers"] == 2
    due = cranes(home, "quiz", "--due", "--json", limit_file_size=True)
    assert due.returncode == 0, due.stderr
    assert len(json.loads(due.stdout)["due"]) == 1
    played = cranes(home, "quiz", "--seed", "2", "--count", "1", stdin="a\n", limit_file_size=True)
    no_crash(played, exit_codes=(0,))
    assert "Score: " in played.stdout


# --- no home ----------------------------------------------------------------------------------------


def test_an_empty_home_keeps_no_history_and_says_why(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def refuse(directory: str, *args: object, **kwargs: object) -> database.History:
        opened.append(directory)
        raise database.HistoryUnavailable("not in a test")

    monkeypatch.setattr(database, "open_history", refuse)
    env: dict[str, str | None] = {"HOME": "", "CRANES_HOME": None, "XDG_DATA_HOME": None}
    why = "HOME is empty (or not an absolute path) and neither CRANES_HOME nor XDG_DATA_HOME says where"
    played = invoke("quiz", "--seed", "1", "--count", "1", input="a\n", env=env)
    assert played.exit_code == 0
    assert "Score: " in played.stdout
    assert played.stderr.startswith(f"cranes: warning: {why}")
    assert "this quiz is not recorded" in played.stderr
    stats = invoke("stats", env=env)
    assert (stats.exit_code, stats.stdout) == (1, "")
    assert stats.stderr.startswith(f"cranes: {why}")
    missed = invoke("quiz", "--missed", env=env)
    assert missed.exit_code == 1 and missed.stderr.startswith(f"cranes: {why}")
    assert opened == []  # never /.local/share/cranes


def test_a_history_that_fails_while_a_plain_quiz_is_planned_is_a_warning(
    invoke: Invoke, dataset: Dataset, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    play(invoke, dataset)

    monkeypatch.setattr(database.History, "last_asked", lambda self, *args, **kwargs: self._rows("SELECT x"))
    played = invoke("quiz", "--count", "1", input="a\n")
    no_crash(played, exit_codes=(0,))
    assert "cannot be read: no such column: x; the questions are asked in the seed's order" in played.stderr
    assert "Score: " in played.stdout
