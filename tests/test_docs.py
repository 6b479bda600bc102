"""What the README and docs/ promise: the two-command Quick start, a landing page, and every
command they show run for real: ``console`` blocks print exactly what they show, and every
``cranes`` line of an ``sh`` block succeeds. Each page runs in a scratch directory holding the
files the pages show (a ``toml`` block that names itself, ``# my-film.toml``) and examples/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHOWN_FILE = re.compile(r"^# ([\w.-]+\.toml)\b", re.M)


def _blocks(page: Path, language: str) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [
        re.sub(r"(?m)^  ", "", block)
        for block in re.findall(rf"^ *```{language}\n(.*?)^ *```", text, re.M | re.S)
    ]


def quick_start() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1]
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


def test_the_readme_is_a_landing_page_that_links_every_doc() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 400
    for page in PAGES[1:]:
        assert f"](docs/{page.name})" in readme, page.name
    assert "apt-get install graphviz" in readme  # the optional tool, and how to get it


def test_a_maintained_package_has_licence_changelog_and_types() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and "### JSON" in changelog
    assert (ROOT / "src" / "cranes_cli" / "py.typed").exists()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with examples/ and every film file a page shows, written out."""
    directory = tmp_path_factory.mktemp("docs")
    (directory / "examples").symlink_to(ROOT / "examples")
    (directory / "home").mkdir()
    for page in PAGES:
        for block in _blocks(page, "toml"):
            named = SHOWN_FILE.search("\n".join(block.splitlines()[:2]))
            if named:
                (directory / named.group(1)).write_text(block, encoding="utf-8")
    return directory


def run(command: str, where: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "CRANES_DATA": "",
        "CRANES_HOME": str(where / "home"),
        "HOME": str(where / "home"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "TTY_COMPATIBLE": "0",
        # Typer finds the shell from the process tree, which a test's is not; with this it
        # takes the shell the line names, as `--install-completion bash` does.
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=where,
        env=env,
        input="a\n" * 200,  # a quiz is answered "a" each time
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def console_examples() -> list[tuple[str, str, str]]:
    """(page, command line, the output the page shows for it) from every console block."""
    examples = []
    for page in PAGES:
        for block in _blocks(page, "console"):
            for chunk in block.split("$ ")[1:]:
                command, _, output = chunk.partition("\n")
                examples.append((page.name, command, output.rstrip("\n") + "\n"))
    return examples


def shell_lines() -> list[tuple[str, str]]:
    """(page, line) for every line of an sh block that runs cranes (each line once, on the
    first page that shows it)."""
    found: dict[str, str] = {}
    for page in PAGES:
        for block in _blocks(page, "sh"):
            for line in block.splitlines():
                command = line.split("  #", 1)[0].strip()
                if re.match(r"cranes\b|.*\| cranes\b", command):
                    found.setdefault(command, page.name)
    return [(page, command) for command, page in found.items()]


def _needs(command: str) -> None:
    for tool in ("jq", "dot"):
        if re.search(rf"\| {tool}\b", command) and shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


@pytest.mark.parametrize(("page", "command", "expected"), console_examples(), ids=lambda v: v[:40])
def test_console_examples_print_what_the_page_shows(
    page: str, command: str, expected: str, scratch: Path
) -> None:
    _needs(command)
    result = run(command, scratch)
    assert "Traceback" not in result.stderr
    assert result.stdout + result.stderr == expected, page


@pytest.mark.parametrize(("page", "command"), shell_lines(), ids=lambda v: v[:50])
def test_every_command_shown_succeeds(page: str, command: str, scratch: Path) -> None:
    _needs(command)
    result = run(command, scratch)
    assert (result.returncode, "Traceback" in result.stderr) == (0, False), (page, result.stderr)


def test_there_are_examples_for_several_commands() -> None:
    used = {command.split()[1] for _, command, _ in console_examples() if command.startswith("cranes ")}
    assert len(console_examples()) >= 12
    assert {"cast", "search", "who", "timeline", "validate", "plot"} <= used
    assert len(shell_lines()) >= 25


def test_every_command_has_examples_in_the_reference() -> None:
    from cranes_cli.cli import spec

    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for command in spec.COMMANDS:
        assert f"## `cranes {command.name}`" in reference
        assert any(example.startswith(f"cranes {command.name}") for example in command.examples), command.name
