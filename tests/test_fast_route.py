"""The fast route (no Typer import) must agree with the Typer app on what it accepts and
what it prints."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cranes_cli.cli import commands, fast_route
from cranes_cli.cli.app import app
from cranes_cli.cli.app import typer as typer_module

from .conftest import Invoke


def typer_options() -> dict[str, tuple[dict[str, type], str | None]]:
    """Each command's options and the parameter gathering its words, as Typer has them."""
    group = typer_module.main.get_command(app)
    found: dict[str, tuple[dict[str, type], str | None]] = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        options: dict[str, type] = {}
        words = None
        for param in command.params:
            if "--help" in param.opts:
                continue
            if param.param_type_name == "argument":
                words = param.name
                continue
            kind = bool if param.is_flag else int if param.type.name in ("integer", "int") else str
            for flag in param.opts:
                options[flag] = kind
        found[name] = (options, words)
    return found


def test_fast_route_knows_exactly_the_typer_commands_and_options() -> None:
    fast = {
        name: ({flag: kind for flag, (_, kind) in command.options.items()}, command.words)
        for name, command in commands.COMMANDS.items()
    }
    assert fast == typer_options()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["cast", "--help"],
        ["cast", "-h"],
        ["plot", "--act"],
        ["plot", "--act", "x"],
        ["plot", "--act=2"],
        ["cast", "--json", "--json"],
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
        ["graph", "--format", "dot"],
    ],
)
def test_anything_unusual_goes_to_typer(args: list[str]) -> None:
    assert fast_route(args) is None


def test_completion_requests_go_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CRANES_COMPLETE", "complete_bash")
    assert fast_route(["cast"]) is None


@pytest.mark.parametrize(
    "args",
    [
        ["info"],
        ["cast"],
        ["cast", "--json"],
        ["crew", "--json"],
        ["plot"],
        ["plot", "--act", "2"],
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
    ],
)
def test_fast_route_prints_what_typer_prints(
    args: list[str], invoke: Invoke, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {"TTY_COMPATIBLE": "0", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}.items():
        monkeypatch.setenv(name, value)
    body = fast_route(args)
    assert body is not None
    status = commands.run(body)
    fast = capsys.readouterr()
    typer_result = invoke(*args)
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
