from __future__ import annotations

import copy
import gc
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from cranes_cli.cli import main
from cranes_cli.cli.app import app
from cranes_cli.core.quiz import Quiz
from cranes_cli.film import load, reading
from cranes_cli.film.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "film.toml"
SEED_DIR = ROOT / "seeds"

# Property tests explore new examples on every local run; under CI (CI=true, as most CI
# services set it) they replay the same examples, so a red build is always reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Stable rendering: no terminal, no colour, a fixed width.
# What Open Trivia DB's API gives for each question, in its order (opentdb.com/api_config.php).
OPEN_TRIVIA_KEYS = ["category", "type", "difficulty", "question", "correct_answer", "incorrect_answers"]
TEST_ENV = {"TTY_COMPATIBLE": "0", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load.load_path(DATA_FILE)


@pytest.fixture(scope="session")
def _document() -> dict[str, Any]:
    return reading.parse_toml(DATA_FILE.read_text(encoding="utf-8"), str(DATA_FILE))


@pytest.fixture
def document(_document: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the bundled file as parsed TOML."""
    return copy.deepcopy(_document)


# The variables through which a run could reach the user's own files.
HOME_VARIABLES = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def _use_home(patch: pytest.MonkeyPatch, home: Path) -> None:
    for name in HOME_VARIABLES:
        patch.setenv(name, str(home if name == "HOME" else home / name.lower()))
    patch.delenv("CRANES_HOME", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A home for what runs before any test's own: fixtures shared by a module or the session
    (building and installing the wheel runs pip, which may leave files in a home)."""
    home = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as patch:
        _use_home(patch, home)
        yield home


@pytest.fixture(autouse=True)
def _own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test, and every process it starts, has a home of its own: nothing a test runs
    reads or writes the user's quiz history (or anything else in their home)."""
    home = tmp_path_factory.mktemp("home")
    _use_home(monkeypatch, home)
    return home


@dataclass
class Ran:
    """What a run of ``cranes`` printed and how it ended."""

    exit_code: int
    stdout: str
    stderr: str
    output: str  # stdout and stderr as a terminal would show them, interleaved
    exception: BaseException | None = None


Invoke = Callable[..., Ran]


def run_main(args: list[str], env: dict[str, str | None] | None = None, input: str | None = None) -> Ran:
    """``cranes ARGS`` through the console script's own entry point (``cli.main``), which
    takes the fast route where a user's plain command line does, with its own standard
    streams and environment (``TEST_ENV`` under ``env``)."""
    threshold = gc.get_threshold()
    with CliRunner().isolation(input=input, env={**TEST_ENV, **(env or {})}) as (out, err, both):
        exception: BaseException | None = None
        try:
            main(args)
            code = 0
        except SystemExit as leaving:
            code = leaving.code if isinstance(leaving.code, int) else 1
        except Exception as problem:  # a crash the test should see, not pytest's own failure
            code, exception = 1, problem
        finally:
            gc.set_threshold(*threshold)
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr, output = (stream.getvalue().decode("utf-8") for stream in (out, err, both))
        return Ran(code, stdout, stderr, output, exception)


@pytest.fixture
def invoke() -> Invoke:
    """Run ``cranes`` as a user does (see :func:`run_main`)."""

    def run(*args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Ran:
        return run_main(list(args), env, input)

    return run


@pytest.fixture
def invoke_typer() -> Invoke:
    """Run the Typer app directly, as the entry point does for what the fast route leaves."""

    def run(*args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Ran:
        result = CliRunner().invoke(app, list(args), env={**TEST_ENV, **(env or {})}, input=input)
        return Ran(result.exit_code, result.stdout, result.stderr, result.output, result.exception)

    return run


@pytest.fixture
def invoke_json(invoke: Invoke) -> Callable[..., Any]:
    def run(*args: str) -> Any:
        result = invoke(*args, "--json")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        return json.loads(result.stdout)

    return run


@pytest.fixture
def film_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Path]]:
    """Point the commands at a film file with the given text."""

    def use(text: str) -> Path:
        path = tmp_path / "film.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(reading, "bundled_path", lambda: str(path))
        return path

    yield use


def load_script(name: str) -> Any:
    """A script from scripts/ as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def letters(made: Quiz, right: list[bool]) -> str:
    """Replies to a played quiz: the right letter where ``right`` says so, else a wrong one."""
    replies = []
    for question, correct in zip(made.questions, right, strict=True):
        index = question.options.index(question.answer)
        replies.append("abcd"[index if correct else (index + 1) % len(question.options)])
    return "\n".join(replies) + "\n"
