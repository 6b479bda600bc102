"""Real bash, zsh and fish in a pseudo-terminal, with the completion scripts Typer installs
for ``cranes``: a line is typed, Tab pressed, and the line as completed handed to ``printf``,
so a test sees the words the shell would run, and whether completing ran anything."""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import shutil
import sys
import time
from pathlib import Path

import pytest

SHELLS = ("bash", "zsh", "fish")
_FINISHED = "cranes-test-finished"
# Each shell without its user's start-up files, with the completion script sourced.
_START = {
    "bash": (["bash", "--norc", "--noprofile", "-i"], "source {script}; PS1='$ '\n"),
    "zsh": (
        ["zsh", "-f", "-i"],
        "autoload -Uz compinit && compinit -u; bindkey -e; source {script}; PS1='$ '\n",
    ),
    "fish": (["fish", "--no-config", "-i"], "source {script}\n"),
}


def needed(shell: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(shell) is None, reason=f"{shell} is not installed")


def completion_script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name="cranes", complete_var="_CRANES_COMPLETE", shell=shell) + "\n"


def _read(fd: int, until: float, quiet: float, sentinel: bytes | None = None) -> bytes:
    """What the terminal shows until ``sentinel`` appears, or nothing new for ``quiet`` s."""
    out = b""
    last = time.monotonic()
    while time.monotonic() < until:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            last = time.monotonic()
            if sentinel is not None and sentinel in out:
                break
        elif sentinel is None and time.monotonic() - last > quiet:
            break
    return out


def complete(
    shell: str, lines: list[str], where: Path, tabs: int = 1, env: dict[str, str] | None = None
) -> list[str]:
    """Type each of ``lines`` in one ``shell`` session (run in ``where``), press Tab ``tabs``
    times, then run the completed line as ``printf '[%s]\\n' <words>``: for each line, the
    terminal's text from its first Tab on."""
    home = where / f".{shell}-home"
    home.mkdir(exist_ok=True)
    script = home / f"cranes.{shell}"
    script.write_text(completion_script(shell), encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)
    environ = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "ZDOTDIR": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "CRANES_DATA": "",
        **(env or {}),
    }
    argv, start = _START[shell]
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes the shell
        os.chdir(where)
        os.execvpe(argv[0], argv, environ)
    shown: list[str] = []
    try:
        os.write(fd, start.format(script=script).encode() + b"echo ready''-to-type\n")
        _read(fd, time.monotonic() + 15, 5.0, b"ready-to-type")
        for number, line in enumerate(lines):
            os.write(fd, line.encode())
            _read(fd, time.monotonic() + 5, 0.1)
            text = b""
            for _ in range(tabs):
                os.write(fd, b"\t")
                text += _read(fd, time.monotonic() + 10, 0.4)
            # To the start of the line (Ctrl-A), to run the words through printf instead.
            finished = f"{_FINISHED}-{number}"
            os.write(fd, b"\x01printf '[%s]\\n' \n")
            os.write(fd, f"echo {finished[:6]}''{finished[6:]}\n".encode())
            text += _read(fd, time.monotonic() + 15, 5.0, finished.encode())
            if finished.encode() not in text:  # the line was left open (an unclosed quote)
                os.write(fd, b"\x03")
                _read(fd, time.monotonic() + 2, 0.5)
            shown.append(text.decode("utf-8", "replace"))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return shown


def words_run(shown: str) -> list[str]:
    """The words printf printed, one ``[word]`` a line."""
    return re.findall(r"^\[(.*)\]\r?$", shown, flags=re.MULTILINE)
