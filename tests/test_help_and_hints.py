"""``cranes help`` and ``cranes help COMMAND`` show help, as git and gh do; a search that finds
nothing still suggests the nearest words of the film."""

from __future__ import annotations

import re
import time

import pytest

from cranes_cli.cli import main

from .conftest import TEST_ENV, Invoke


def run_main(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """The real entry point (fast route first), in this process."""
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as finished:
        main(args)
    out, err = capsys.readouterr()
    return int(finished.value.code or 0), out, err


@pytest.mark.parametrize(
    ("asked", "same_as"),
    [
        (["help"], ["--help"]),
        (["help", "quiz"], ["quiz", "--help"]),
        (["help", "help"], ["--help"]),
        (["help", "--help"], ["--help"]),
        (["help", "quiz", "--json"], ["quiz", "--help"]),
        (["--data", "examples/the-lighthouse-keepers.toml", "help", "quiz"], ["quiz", "--help"]),
    ],
)
def test_help_shows_the_help(
    asked: list[str],
    same_as: list[str],
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = run_main(same_as, capsys, monkeypatch)
    assert expected[0] == 0 and expected[1].startswith("Usage: cranes")
    assert run_main(asked, capsys, monkeypatch) == expected
    typer_route, typer_expected = invoke(*asked), invoke(*same_as)
    assert (typer_route.exit_code, typer_route.stdout) == (0, typer_expected.stdout)


@pytest.mark.parametrize("command", ["nosuch", "\x1b[2Jx"])
def test_help_for_no_such_command_is_a_usage_error(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = run_main(["help", command], capsys, monkeypatch)
    assert (status, out) == (2, "")
    assert err.startswith("cranes: there is no command") and err.count("\n") == 1 and "\x1b" not in err


def test_a_search_that_finds_nothing_suggests_the_nearest_words(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy")
    assert result.exit_code == 1 and result.stdout == ""
    found = re.fullmatch(r"cranes: nothing matches 'xyzzy' \(did you mean (.+)\?\)\n", result.stderr)
    assert found, result.stderr
    suggested = found.group(1).split(", ")
    assert len(suggested) == 3
    for word in suggested:  # each a word of the film, found by searching for it
        assert invoke("search", word).exit_code == 0, word


def test_the_nearest_words_cost_little_for_the_longest_term(invoke: Invoke) -> None:
    start = time.perf_counter()
    result = invoke("search", " ".join(["qzxjv" * 6] * 6)[:200])
    assert result.exit_code == 1 and "did you mean" in result.stderr
    assert time.perf_counter() - start < 5
