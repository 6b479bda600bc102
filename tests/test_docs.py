"""What the README and docs/ promise: the two-command Quick start, a landing page, and every
command they show run for real. Each block runs on its own, in a fresh directory with an empty
home (so no quiz history) holding examples/ and the film files its page shows or links to (a
``toml`` block that names itself, ``# my-film.toml``): its lines run in order, so a line may
build on the lines above it, which the reader sees, but never on another block. ``console``
blocks print exactly what they show; every ``cranes`` line of an ``sh`` block succeeds and
prints something. A quiz that is played, not piped, is answered "a" to every question, as a
reader would answer it at the keyboard."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHOWN_FILE = re.compile(r"^# ([\w.-]+\.toml)\b", re.M)
RUNS_CRANES = re.compile(r"^(?:[A-Z_]+=\S* )*cranes\b|\| cranes\b")
SENDS_STDOUT_AWAY = re.compile(r"(?<![2&])> ")
ANSWERS = "a\n" * 200
# Lines that print nothing, each with the reason; every other line that does not send its output
# to a file must print something.
PRINTS_NOTHING: set[str] = set()


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


class Block(NamedTuple):
    """A fenced block of a page: where it starts (its page and line) and what it holds."""

    page: Path
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.page.name}:{self.line}"


def blocks(page: Path, language: str) -> list[Block]:
    """The page's blocks in that language, without the indentation of their fence."""
    text = page.read_text(encoding="utf-8")
    return [
        Block(page, text.count("\n", 0, found.start()) + 1, re.sub(rf"(?m)^{found[1]}", "", found[2]))
        for found in re.finditer(rf"^( *)```{language}\n(.*?)^ *```", text, re.M | re.S)
    ]


def _shown_files(page: Path) -> dict[str, str]:
    """The film files a page shows: a ``toml`` block whose first lines name it."""
    shown = {}
    for block in blocks(page, "toml"):
        named = SHOWN_FILE.search("\n".join(block.text.splitlines()[:2]))
        if named:
            shown[named.group(1)] = block.text
    return shown


def _linked(page: Path) -> list[Path]:
    """The pages of the docs that a page links to."""
    targets = re.findall(r"\]\(([\w/.-]+\.md)(?:#[\w-]*)?\)", page.read_text(encoding="utf-8"))
    return [path for path in PAGES if path in {(page.parent / target).resolve() for target in targets}]


def _files(page: Path) -> dict[str, str]:
    """The film files a block of the page may use: those it shows or links to."""
    return {name: text for shown in (page, *_linked(page)) for name, text in _shown_files(shown).items()}


def scratch(block: Block, directory: Path) -> Path:
    """A fresh directory and an empty home for one block: examples/, and the film files its
    page shows or links to, written out. Nothing a block does is seen by another."""
    (directory / "home").mkdir(parents=True)
    (directory / "examples").symlink_to(ROOT / "examples")
    for name, text in _files(block.page).items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(command: str, where: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "CRANES_DATA": "",
        "CRANES_UP_TO_ACT": "",
        "CRANES_HOME": str(where / "home"),
        "HOME": str(where / "home"),
        "XDG_DATA_HOME": str(where / "home"),
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
        input=ANSWERS,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def console_blocks() -> list[Block]:
    return [block for page in PAGES for block in blocks(page, "console")]


def console_examples(block: Block) -> list[tuple[str, str]]:
    """(command line, the output the page shows for it), in the block's order."""
    examples = []
    for chunk in re.split(r"(?m)^\$ ", block.text)[1:]:
        command, _, output = chunk.partition("\n")
        examples.append((command, output.rstrip("\n") + "\n"))
    return examples


def sh_blocks() -> list[Block]:
    return [block for page in PAGES for block in blocks(page, "sh") if shell_lines(block)]


def shell_lines(block: Block) -> list[str]:
    """The lines of an sh block that run cranes, without their comments, in order."""
    lines = (line.split("  #", 1)[0].strip() for line in block.text.splitlines())
    return [line for line in lines if RUNS_CRANES.search(line)]


def _missing_tool(command: str) -> str | None:
    for tool in ("jq", "dot", "sqlite3"):
        if re.search(rf"(?:^|\| ){tool}\b", command) and shutil.which(tool) is None:
            return tool
    return None


@pytest.mark.slow
@pytest.mark.parametrize("block", console_blocks(), ids=lambda block: block.where)
def test_console_blocks_print_what_the_page_shows(block: Block, tmp_path: Path) -> None:
    where = scratch(block, tmp_path)
    shown, printed = [], []
    for command, expected in console_examples(block):
        if _missing_tool(command):
            continue
        result = run(command, where)
        assert "Traceback" not in result.stderr, (block.where, command, result.stderr)
        shown.append((command, expected))
        printed.append((command, result.stdout + result.stderr))
    if not shown:
        pytest.skip("jq is not installed")
    assert printed == shown, block.where


@pytest.mark.slow
@pytest.mark.parametrize("block", sh_blocks(), ids=lambda block: block.where)
def test_every_sh_block_runs_on_its_own(block: Block, tmp_path: Path) -> None:
    """Each line succeeds, with nothing but what its block did before it: a line that needs a
    quiz history follows, in its block, a line that plays a quiz. A line that prints nothing
    (and does not send its output to a file) shows the reader nothing: that fails too, as
    `cranes quiz --due --json | jq ...` does with no history."""
    where = scratch(block, tmp_path)
    ran = 0
    for command in shell_lines(block):
        if _missing_tool(command):
            continue
        result = run(command, where)
        failed = (result.returncode, "Traceback" in result.stderr) != (0, False)
        assert not failed, (block.where, command, result.stderr)
        if not SENDS_STDOUT_AWAY.search(command) and command not in PRINTS_NOTHING:
            assert result.stdout.strip(), (block.where, command, "printed nothing", result.stderr)
        ran += 1
    if not ran:
        pytest.skip("jq or dot is not installed")


def test_there_are_examples_for_several_commands() -> None:
    console = [command for block in console_blocks() for command, _ in console_examples(block)]
    used = {command.split()[1] for command in console if command.startswith("cranes ")}
    assert len(console) >= 12
    assert {"cast", "search", "who", "timeline", "validate", "plot"} <= used
    assert len({line for block in sh_blocks() for line in shell_lines(block)}) >= 25


def test_a_block_has_the_film_files_its_page_shows_or_links_to(tmp_path: Path) -> None:
    reference = next(block for block in sh_blocks() if block.page.name == "commands.md")
    assert "my-film.toml" in {path.name for path in scratch(reference, tmp_path / "reference").iterdir()}
    page = tmp_path / "page.md"
    page.write_text("```toml\n# other.toml\n```\n```sh\ncranes validate other.toml\n```\n", encoding="utf-8")
    (block,) = blocks(page, "sh")
    assert [path.name for path in scratch(block, tmp_path / "page").glob("*.toml")] == ["other.toml"]


@pytest.mark.parametrize(
    "lines",
    ["cranes stats\n", "cranes quiz --due --json | jq -r '.due[].question'\n", "cranes quiz --missed\n"],
)
def test_a_block_that_needs_a_history_it_did_not_make_fails(lines: str, tmp_path: Path) -> None:
    if _missing_tool(lines):
        pytest.skip("jq is not installed")
    alone = Block(ROOT / "docs" / "quiz.md", 1, lines)
    with pytest.raises(AssertionError):
        test_every_sh_block_runs_on_its_own(alone, tmp_path / "alone")
    played_first = alone._replace(text=f"printf 'a\\nb\\n' | cranes quiz --seed 27 --count 2\n{lines}")
    test_every_sh_block_runs_on_its_own(played_first, tmp_path / "after")


@pytest.mark.parametrize(("tool", "install"), [("jq", "apt-get install jq"), ("dot", "install graphviz")])
def test_a_page_that_pipes_into_a_tool_says_how_to_install_it(tool: str, install: str) -> None:
    lines = [(block.page, line) for block in sh_blocks() for line in shell_lines(block)]
    lines += [(block.page, command) for block in console_blocks() for command, _ in console_examples(block)]
    using = {page for page, line in lines if re.search(rf"\| {tool}\b", line)}
    assert using
    for page in using:
        assert install in page.read_text(encoding="utf-8"), page.name


def test_every_command_has_examples_in_the_reference() -> None:
    from cranes_cli.cli import spec

    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for command in spec.COMMANDS:
        assert f"## `cranes {command.name}`" in reference
        assert any(example.startswith(f"cranes {command.name}") for example in command.examples), command.name
