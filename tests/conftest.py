from __future__ import annotations

import copy
import importlib.util
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

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
    return load.parse_toml(DATA_FILE.read_text(encoding="utf-8"), str(DATA_FILE))


@pytest.fixture
def document(_document: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the bundled file as parsed TOML."""
    return copy.deepcopy(_document)


Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    def run(*args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Result:
        return CliRunner().invoke(app, list(args), env={**TEST_ENV, **(env or {})}, input=input)

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
        for module in (load, reading):  # shell completion reads it through cranes_cli.film.reading
            monkeypatch.setattr(module, "bundled_path", lambda: str(path))
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
