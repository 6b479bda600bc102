"""The parser's usage errors quote the word they could not use: that word comes from outside
and goes through the one escaping function like every other message."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from cranes_cli.cli import main

from .conftest import TEST_ENV

Run = Callable[[list[str]], tuple[object, str, str]]


@pytest.fixture
def cranes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``cranes ARGS`` through the real entry point: (exit status, stdout, stderr)."""

    def run(args: list[str]) -> tuple[object, str, str]:
        for name, value in TEST_ENV.items():
            monkeypatch.setenv(name, value)
        with pytest.raises(SystemExit) as leaving:
            main(args)
        captured = capsys.readouterr()
        return leaving.value.code, captured.out, captured.err

    return run


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["info", "\u202eevil"], "Error: Got unexpected extra argument(s) (\\u202eevil)"),
        # The parser already quotes a command name as Python would: kept as a guard.
        (["\x1b]0;title\x07\x1b[2J"], "Error: No such command '\\x1b]0;title\\x07\\x1b[2J'."),
        (["cast", "--json\nforged line"], "No such option: --json\\"),
    ],
)
def test_usage_errors_show_what_was_typed_escaped(args: list[str], shown: str, cranes: Run) -> None:
    code, _, err = cranes(args)
    assert code == 2
    assert shown in err
    assert "\x1b" not in err and "\u202e" not in err
    assert not any(line.startswith("forged") for line in err.splitlines())
    assert err.startswith("Usage: cranes")


MAX_SEED = 2**53 - 1  # the largest integer a JSON reader that uses doubles keeps exactly


@pytest.mark.parametrize("seed", [str(2**64), str(MAX_SEED + 1), "-1", "-5"])
def test_a_seed_json_cannot_keep_exactly_is_a_usage_error_naming_the_range(seed: str, cranes: Run) -> None:
    code, out, err = cranes(["quiz", "--seed", seed, "--count", "1", "--json"])
    assert (code, out) == (2, "")
    assert err == f"cranes: --seed must be from 0 to {MAX_SEED} (2**53 - 1), not {seed}\n"


@pytest.mark.parametrize("seed", [0, MAX_SEED])
def test_seeds_at_the_ends_of_the_range_replay_from_json(seed: int, cranes: Run) -> None:
    code, out, _ = cranes(["quiz", "--seed", str(seed), "--count", "1", "--json"])
    assert code == 0
    assert json.loads(out, parse_int=float)["seed"] == seed  # exact as a double


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        (["quiz", "--seed", "1" * 60], f"--seed takes 0 to {MAX_SEED}"),
        (["plot", "--act", "1" * 60], "whole numbers of at most 50 digits"),
    ],
)
def test_a_number_too_long_to_read_names_the_range(args: list[str], accepted: str, cranes: Run) -> None:
    code, _, err = cranes(args)
    assert code == 2
    assert f"a number of 60 characters is out of range: {accepted}" in err
