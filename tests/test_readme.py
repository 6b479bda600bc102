"""The README's promises that a test can keep."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, Invoke, load_script


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


@pytest.mark.parametrize("block", ["graph", "fields", "reference"])
def test_generated_readme_blocks_are_current(block: str) -> None:
    """The relationship map, the field reference and the command reference are the program's
    own output; run `python scripts/readme.py` after changing what they show."""
    script = load_script("readme")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- begin: {block} -->\n(.*?)<!-- end: {block} -->", readme, flags=re.DOTALL)
    assert match is not None
    if block == "reference" and f"typer {script.typer_version()}:" not in match.group(1):
        pytest.skip("the reference was printed by another typer version, which formats help differently")
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


def scripting_examples() -> list[tuple[str, str]]:
    """(command line, the output the README shows for it) from the Scripting section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scripting", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    examples = []
    for chunk in block.group(1).split("$ ")[1:]:
        command, _, output = chunk.partition("\n")
        examples.append((command, output.rstrip("\n") + "\n"))  # a blank line separates examples
    return examples


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize(("command", "expected"), scripting_examples(), ids=lambda value: value[:40])
def test_scripting_examples_print_what_the_readme_shows(command: str, expected: str) -> None:
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "CRANES_DATA": "",
        "NO_COLOR": "1",
    }
    assert shutil.which("cranes", path=env["PATH"]), "the cranes command is not installed"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected


def test_there_are_scripting_examples_for_several_commands() -> None:
    used = {command.split()[1] for command, _ in scripting_examples()}
    assert len(scripting_examples()) >= 8
    assert {"cast", "search", "who", "timeline", "validate"} <= used
