"""No test reaches the user's home: each has one of its own (tests/conftest.py), which the
program and every process a test starts use for the quiz history. (.ci/run also runs the whole
suite with an empty HOME and fails if anything appears in it.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import HOME_VARIABLES, TEST_ENV, Invoke


def test_each_test_has_a_home_of_its_own(_own_home: Path) -> None:
    assert Path.home() == _own_home
    assert "CRANES_HOME" not in os.environ
    for name in HOME_VARIABLES:
        assert Path(os.environ[name]).is_relative_to(_own_home), name


def test_a_quiz_played_in_a_pipe_keeps_its_history_in_the_tests_home(_own_home: Path) -> None:
    """As tests/test_streams.py plays one (``yes b | cranes quiz ...``): in a process of its own."""
    subprocess.run(
        ["bash", "-c", f"yes b | {sys.executable} -m cranes_cli quiz --count 2 --seed 3 >/dev/null"],
        env={**os.environ, **TEST_ENV},
        timeout=60,
        check=True,
    )
    kept = [path.relative_to(_own_home).as_posix() for path in _own_home.rglob("*") if path.is_file()]
    assert "xdg_data_home/cranes/history.sqlite3" in kept


def test_a_quiz_played_through_the_entry_point_does_too(_own_home: Path, invoke: Invoke) -> None:
    assert invoke("quiz", "--count", "1", "--seed", "1", input="a\n").exit_code == 0
    assert (_own_home / "xdg_data_home" / "cranes" / "history.sqlite3").is_file()
