"""The streams: one writer for all output (a closed reader ends quietly with 0, any other
write error is one ``cranes:`` line and 1), numbers range-checked before conversion,
completion that never crashes, a sane width whatever $COLUMNS says, and Ctrl-C during
start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cranes_cli.cli.completion import answer
from cranes_cli.cli.route import fast_route
from cranes_cli.environment import Environment, Output

from .conftest import TEST_ENV, Invoke

HUGE = "9" * 5000


def bash(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` run by bash, with ``cranes`` meaning this Python's ``-m cranes_cli``."""
    return subprocess.run(
        ["bash", "-c", f'cranes() {{ {sys.executable} -m cranes_cli "$@"; }}\n{command}'],
        capture_output=True,
        text=True,
        env={**os.environ, **TEST_ENV, "CRANES_DATA": "", **(env or {})},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("pipeline", "env"),
    [
        ("cranes schema | true", {}),
        ("cranes search Veronika | true", {}),
        ("cranes --help | true", {}),
        ("yes b | cranes quiz --count 30 --seed 3 | head -1 >/dev/null", {}),
        ("cranes cast | head -c 1 >/dev/null", {"TTY_COMPATIBLE": "1"}),  # drawn by Rich
        ("cranes plot | true", {"TTY_COMPATIBLE": "1"}),
    ],
)
def test_a_closed_reader_ends_quietly_with_0(pipeline: str, env: dict[str, str]) -> None:
    position = 1 if pipeline.startswith("yes") else 0
    result = bash(f"{pipeline}; echo ${{PIPESTATUS[{position}]}}", env)
    assert (result.stdout.splitlines()[-1], result.stderr) == ("0", "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    ["cast", "cast --json", "--help", "cast --help", "", "--version", "search Veronika", "quiz --json"],
)
def test_a_full_disk_is_one_line_and_exit_1(args: str) -> None:
    result = bash(f"cranes {args} > /dev/full")
    assert (result.returncode, result.stderr) == (
        1,
        "cranes: cannot write to standard output: No space left on device\n",
    )


@pytest.mark.parametrize("option", [["plot", "--act"], ["search", "x", "--limit"], ["quiz", "--count"],
                                    ["quiz", "--seed"], ["quiz", "--up-to-act"], ["plot", "-a"]])  # fmt: skip
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE])
def test_huge_numbers_are_usage_errors(option: list[str], value: str, invoke: Invoke) -> None:
    assert fast_route([*option, value]) is None  # int() on it would raise
    result = invoke(*option, value)
    assert result.exit_code == 2
    assert len(result.stderr) < 400 and "out of range" in result.stderr


def test_a_huge_number_from_the_shell_is_a_usage_error() -> None:
    result = bash(f"cranes plot --act {HUGE}")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "out of range" in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"COMP_WORDS": "cranes c"},
        {"COMP_WORDS": "cranes c", "COMP_CWORD": ""},
        {"COMP_WORDS": "cranes c", "COMP_CWORD": "x"},
        {"COMP_WORDS": "cranes c", "COMP_CWORD": "²"},
        {"COMP_WORDS": "cranes c", "COMP_CWORD": "-1"},
        {"COMP_WORDS": "cranes c", "COMP_CWORD": HUGE},
        {"COMP_CWORD": "1"},
        {},
    ],
)
def test_completion_with_nonsense_from_the_shell_offers_nothing(env: dict[str, str]) -> None:
    # None would hand the request to Typer, which raised on each of these.
    assert answer(environment(_CRANES_COMPLETE="complete_bash", **env)) == ("\n", 0)


def test_completion_with_nonsense_from_the_shell_in_a_real_process() -> None:
    result = bash(
        "cranes", {"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": "cranes c", "COMP_CWORD": "²"}
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "\n", "")


def test_completion_with_a_far_word_position_is_no_traceback() -> None:
    result = bash(
        "cranes", {"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": "cranes c", "COMP_CWORD": "5"}
    )
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("columns", ["0", "1", "-5", "wide", HUGE])
@pytest.mark.parametrize("command", ["cast", "awards", "plot"])
def test_a_silly_columns_still_prints_tables_at_80(columns: str, command: str, invoke: Invoke) -> None:
    result = invoke(command, env={"COLUMNS": columns, "LINES": HUGE})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 5
    assert max(len(line) for line in lines) <= 80


def test_ctrl_c_during_start_up_is_one_line_and_130() -> None:
    # Ctrl-C lands while the entry point is still importing the package.
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'cranes_cli.errors':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from cranes_cli.cli import main\n"
        "main(['cast'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (130, "cranes: interrupted\n")


def environment(**environ: str) -> Environment:
    return Environment(Output(sys.stdout), sys.stderr, None, environ)


def test_the_data_option_wins_over_the_variable_and_empty_means_bundled() -> None:
    assert environment().data is None
    assert environment(CRANES_DATA="").data is None
    assert environment(CRANES_DATA="a.toml").data == "a.toml"
    assert environment(CRANES_DATA="a.toml").with_options(data="b.toml").data == "b.toml"
    assert environment(CRANES_DATA="a.toml").with_options(data=None).data == "a.toml"


@pytest.mark.parametrize(
    ("columns", "width"), [("100", 100), ("20", 20), ("19", 80), ("0", 80), ("", 80), ("١٢٠", 80), (HUGE, 80)]
)
def test_width_falls_back_to_80(columns: str, width: int) -> None:
    assert environment(COLUMNS=columns).width == width


def test_data_dir_ignores_a_relative_xdg_data_home() -> None:
    assert environment(HOME="/h", XDG_DATA_HOME="rel").data_dir == "/h/.local/share/cranes"
    assert environment(HOME="/h", XDG_DATA_HOME="/x").data_dir == "/x/cranes"
    assert environment(HOME="/h", XDG_DATA_HOME="").data_dir == "/h/.local/share/cranes"
    assert environment(HOME="/h", CRANES_HOME="/c").data_dir == "/c"


def test_terminal_facts_come_from_the_environment_given() -> None:
    assert environment(TTY_COMPATIBLE="1").stdout_is_terminal
    assert not environment(TTY_COMPATIBLE="0").stdout_is_terminal
    assert environment(NO_COLOR="1").no_color and not environment(NO_COLOR="").no_color


def test_output_left_over_a_closed_stream_closes_and_finalises_quietly() -> None:
    """Output does not own its stream: CliRunner closes its stream before the Output that
    wraps it is collected, and Python 3.13 reports what fails while finalising it."""
    import gc
    import io

    raw = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    output = Output(raw)
    output.write("cast\n")
    raw.close()
    output.close()
    problems: list[object] = []
    previous, sys.unraisablehook = sys.unraisablehook, problems.append
    try:
        output = Output(raw)
        del output
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert problems == []
