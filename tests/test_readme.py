"""The README's promises that a test can keep."""

from __future__ import annotations

import importlib.util
import re
from typing import Any

import pytest

from .conftest import ROOT, Invoke


def quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands() -> None:
    commands = quick_start()
    assert len(commands) == 2
    assert "cranes cast" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_quick_start_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quick_start()[1] in ci


def _readme_script() -> Any:
    spec = importlib.util.spec_from_file_location("readme_script", ROOT / "scripts" / "readme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("block", ["graph", "fields", "reference"])
def test_generated_readme_blocks_are_current(block: str) -> None:
    """The relationship map, the field reference and the command reference are the program's
    own output; run `python scripts/readme.py` after changing what they show."""
    script = _readme_script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- begin: {block} -->\n(.*?)<!-- end: {block} -->", readme, flags=re.DOTALL)
    assert match is not None
    assert match.group(1) == script.BLOCKS[block](), "README.md is out of date: run python scripts/readme.py"


def test_every_command_is_in_the_reference_and_has_an_example(invoke: Invoke) -> None:
    from typer.main import get_command

    from cranes_cli.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"#### `cranes {name}`" in readme
        assert f"| `cranes {name}" in readme, f"{name} missing from the Commands table"
        help_text = invoke(name, "--help").stdout
        examples = help_text.split("Examples:", 1)[1]
        assert re.search(rf"^    cranes {name}\b", examples, flags=re.MULTILINE), name
