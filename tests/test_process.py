"""Behaviour only a real process shows: pipes, encodings, ``python -m``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import TEST_ENV


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cranes_cli", *args],
        capture_output=True,
        env={**os.environ, **TEST_ENV, **(env or {})},
        timeout=60,
        check=False,
    )


def test_python_dash_m_works() -> None:
    result = run("cast", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["cast"][0]["actor"]["name"] == "Tatiana Samoilova"


@pytest.mark.parametrize(
    "args", [["facts"], ["plot", "--json"], ["search", "Boris", "-n", "100"], ["graph"], ["characters"]]
)
def test_closed_pipe_is_quiet(args: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cranes_cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **TEST_ENV},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()  # the reader goes away, as `| head -c 1` does
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert stderr == b""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_non_utf8_output_stream(encoding: str) -> None:
    for command in [
        ["info"],
        ["cast"],
        ["plot"],
        ["who", "Samoylova"],
        ["characters"],
        ["search", "Вероника", "-n", "100"],
    ]:
        result = run(*command, env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""
        assert b"Samoilova" in result.stdout or b"Moscow" in result.stdout or b"Cranes" in result.stdout


def test_json_is_utf8_even_on_an_ascii_stream() -> None:
    result = run("info", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert "Летят журавли" in result.stdout.decode("utf-8")


def test_closed_stdin_is_fine() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cranes_cli", "info"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env={**os.environ, **TEST_ENV},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b""


def in_bash(command: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m COMMAND`` run by bash, for redirections Python cannot set up (closing a stream)."""
    return subprocess.run(
        ["bash", "-c", f"{sys.executable} -m {command}"],
        capture_output=True,
        env={**os.environ, **TEST_ENV},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [["cast"], ["graph"], ["--help"], ["search", "Boris"]])
def test_closed_stdout_is_one_line_on_stderr(args: list[str]) -> None:
    """Started with stdout closed (`cranes cast >&-`), Python has no sys.stdout at all."""
    result = in_bash(" ".join(["cranes_cli", *args]) + " >&-")
    assert result.returncode == 1
    assert result.stderr == b"cranes: standard output is closed; nothing can be printed\n"


def test_closed_stderr_does_not_hide_the_exit_status() -> None:
    command = f"{sys.executable} -m cranes_cli who Nobodyatall"
    result = subprocess.run(
        ["bash", "-c", f"{command} 2>&-"],
        capture_output=True,
        env={**os.environ, **TEST_ENV},
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, b"")
