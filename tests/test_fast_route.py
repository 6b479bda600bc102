"""The fast route (no Typer import) takes only what is plainly valid, and prints what the
Typer app prints for it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cranes_cli.cli.route import fast_route
from cranes_cli.commands import base as commands
from cranes_cli.environment import Environment

from .conftest import ROOT, TEST_ENV, Invoke

EXAMPLE = str(ROOT / "examples" / "the-lighthouse-keepers.toml")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["cast", "--help"],
        ["cast", "-h"],
        ["plot", "--act"],
        ["plot", "--act", "x"],
        ["plot", "--act=x"],
        ["plot", "--act="],
        ["cast", "--json=1"],
        ["casts"],
        ["cast", "extra"],
        ["plot", "--act", "٣"],
        ["plot", "--act", "--5"],
        ["plot", "--act", "1.5"],
        ["--version"],
        ["search"],
        ["search", "--limit"],
        ["search", "x", "--", "-y"],
        ["who", "-5"],
        ["characters", "Boris"],
        ["graph", "--format", "png"],
        ["quiz", "--topic", "nosuch"],
        ["plot", "--act", "1" * 51],
        ["cast", "--data"],
        ["cast", "--data="],
        ["cast", "--data", "a.toml", "--data", "b.toml"],
    ],
)
def test_anything_unusual_goes_to_typer(args: list[str]) -> None:
    assert fast_route(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["info"],
        ["cast"],
        ["cast", "--json"],
        ["crew", "--json"],
        ["plot"],
        ["plot", "--act", "2"],
        ["plot", "--act=2"],
        ["plot", "-a", "3", "--json"],
        ["plot", "--act", "9"],
        ["plot", "--act", "-1"],
        ["awards"],
        ["facts", "--json"],
        ["search", "Veronika"],
        ["search", "cranes", "flying", "--limit", "2"],
        ["search", "Samoylova", "--json"],
        ["search", "   "],
        ["search", "xyzzyq"],
        ["search", "Veronika", "-n", "0"],
        ["who", "Batalov"],
        ["who", "Tatiana", "Samoylova", "--json"],
        ["who", "Borozdin"],
        ["characters"],
        ["timeline", "--history"],
        ["timeline", "--json"],
        ["graph"],
        ["graph", "--format", "dot"],
        ["quiz", "--json", "--seed", "2", "--topic", "cast", "--topic", "crew", "-n", "3"],
        ["quiz", "--json", "--seed=1", "--topic=cast", "--count=2"],
        ["cast", "--json", "--json"],
        ["quiz", "--json", "--seed", "1", "--count", "3", "--count", "2"],  # the last one counts
        ["cast", "--data", EXAMPLE],
        ["quiz", "--json", "--seed", "1", "--data", EXAMPLE],
        ["who", "--data", EXAMPLE, "Anna"],
        ["cast", f"--data={EXAMPLE}", "--json"],
        ["--data", "/nonexistent", "cast", "--data", EXAMPLE],
        ["cast", "--data", "/nonexistent"],
    ],
)
def test_fast_route_prints_what_typer_prints(
    args: list[str], invoke_typer: Invoke, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {"TTY_COMPATIBLE": "0", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}.items():
        monkeypatch.setenv(name, value)
    body = fast_route(args)
    assert body is not None
    env = Environment.from_process()
    status = commands.run(env, lambda: body(env))
    fast = capsys.readouterr()
    typer_result = invoke_typer(*args)
    assert (status, fast.out, fast.err) == (typer_result.exit_code, typer_result.stdout, typer_result.stderr)


@given(
    st.lists(
        st.sampled_from(
            [
                "cast",
                "plot",
                "quiz",
                "search",
                "who",
                "--json",
                "--act",
                "-a",
                "2",
                "x",
                "--help",
                "-1",
                "--5",
            ]
        ),
        max_size=5,
    )
)
def test_fast_route_never_raises(args: list[str]) -> None:
    fast_route(args)


@pytest.mark.parametrize("route", ["fast", "typer"])
@pytest.mark.parametrize(
    ("args", "before"),
    [
        (
            ["quiz", "--data", EXAMPLE, "--json", "--seed", "1"],
            ["--data", EXAMPLE, "quiz", "--json", "--seed", "1"],
        ),
        (["info", "--data", EXAMPLE], ["--data", EXAMPLE, "info"]),
        (["--data", "/nonexistent", "info", "--data", EXAMPLE], ["--data", EXAMPLE, "info"]),
    ],
)
def test_data_after_the_command_names_the_film_file(
    route: str,
    args: list[str],
    before: list[str],
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    if route == "typer":
        result = invoke(*args)
        status, out, err = result.exit_code, result.stdout, result.stderr
    else:
        body = fast_route(args)
        assert body is not None
        env = Environment.from_process()
        status = commands.run(env, lambda: body(env))
        out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out == invoke(*before).stdout
    assert out != invoke(*before[2:]).stdout, "the bundled film's answer: --data was not read"
