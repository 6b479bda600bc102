"""The fast reader (``cli.route``) and the Typer app read every command line the same way:
wherever the fast route takes a line, Typer calls the same command with the same values. Lines
are generated from ``spec.COMMANDS``: each command's own options, in every spelling, with good
and bad values, free words and ``--data``, in any order."""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cranes_cli.cli import route, spec
from cranes_cli.cli.app import app
from cranes_cli.environment import Environment

from .conftest import TEST_ENV

Call = tuple[str, str | None, dict[str, Any]]

INTEGERS = st.one_of(
    st.integers(-3, 12).map(str),
    st.sampled_from(["x", "", "1.5", "--5", "+3", " 3", "٣", "0x1", "9" * 51, "-0", "007"]),
)
TEXTS = st.sampled_from(["film.toml", "my film.toml", "-x", "", "--json", "Veronika"])
WORDS = st.sampled_from(["Veronika", "Boris", "Белка", "-", "--", "-x", "x=y", "--nosuch"])


def values_for(option: spec.Option) -> st.SearchStrategy[str]:
    if option.kind is int:
        return INTEGERS
    if option.choices:
        return st.sampled_from([*option.choices, "nosuch", "", option.choices[0].upper()])
    return TEXTS


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(spec.COMMANDS))
    parts: list[list[str]] = []
    for _ in range(draw(st.integers(0, 4))):
        if command.words is not None and (not command.all_options or draw(st.booleans())):
            parts.append([draw(WORDS)])
            continue
        if not command.all_options:
            break
        option = draw(st.sampled_from(command.all_options))
        name = draw(st.sampled_from(option.flags))
        if not option.takes_value:
            parts.append([name])
        elif name.startswith("--") and draw(st.booleans()):
            parts.append([f"{name}={draw(values_for(option))}"])
        else:
            parts.append([name, draw(values_for(option))])
    data = ["--data", draw(TEXTS)] if draw(st.booleans()) else []
    return [*data, command.name, *(word for part in parts for word in part)]


def _as_called(command: spec.Command, values: Mapping[str, object]) -> dict[str, Any]:
    """Every value the command's function would see, defaults filled in, and the guard."""
    given_values = {name: value for name, value in values.items() if name != spec.UP_TO_ACT.param}
    bound = inspect.signature(command.run).bind_partial(**given_values)
    bound.apply_defaults()
    return {**bound.arguments, spec.UP_TO_ACT.param: values.get(spec.UP_TO_ACT.param)}


@contextmanager
def recorded_calls() -> Iterator[list[Call]]:
    """Command.call records what it was given instead of running the command."""
    calls: list[Call] = []

    def record(self: spec.Command, env: Environment, values: Mapping[str, object]) -> None:
        calls.append((self.name, env.data_option, _as_called(self, values)))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spec.Command, "call", record)
        yield calls


def disagreement(args: list[str]) -> str | None:
    """How the two readers differ on ``args``, or None where they agree (or the fast route
    leaves the line to Typer)."""
    with recorded_calls() as calls:
        body = route.fast_route(args)
        if body is None:
            return None
        body(Environment.from_process())
        result = CliRunner().invoke(app, args, env=TEST_ENV)
    if result.exit_code != 0:
        return f"the fast route runs {args}, Typer refuses it: {result.stderr.strip()}"
    fast, *typer = calls
    if typer != [fast]:
        return f"for {args} the fast route calls {fast}, Typer {typer}"
    return None


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(args=command_lines())
def test_the_fast_route_and_typer_make_the_same_call(args: list[str]) -> None:
    assert disagreement(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["quiz", "--topic", "cast", "--topic=crew", "-n", "3", "--count", "2"],
        ["--data", "x.toml", "search", "Veronika", "-n", "2", "Boris"],
        ["graph", "-f", "dot", "--up-to-act=2"],
        ["validate"],
        ["plot", "-a", "007"],
    ],
)
def test_lines_the_fast_route_takes_agree(args: list[str]) -> None:
    assert route.fast_route(args) is not None
    assert disagreement(args) is None


def test_a_planted_disagreement_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fast reader that took ``cast`` for ``crew`` would print the wrong table."""
    monkeypatch.setitem(spec.BY_NAME, "cast", spec.BY_NAME["crew"])  # the dict the reader reads
    values = {"cite": False, "json_": False, "up_to_act": None}
    assert disagreement(["cast"]) == (
        f"for ['cast'] the fast route calls ('crew', None, {values}), Typer [('cast', None, {values})]"
    )
