"""The command spec is tied to the functions it calls: every option a command declares is a
parameter of its function with the same type and default, and the function takes nothing the
spec does not give. The spoiler guard is applied where no command can skip it: the film a
command loads is already guarded."""

from __future__ import annotations

import inspect
import json
import sys
from typing import Any

import pytest

from cranes_cli.cli import spec
from cranes_cli.commands import film
from cranes_cli.commands.base import emit, load_dataset
from cranes_cli.environment import Environment, Output

# What each kind of option arrives as, by how the spec declares it (see cli.route and cli.app).
# The spoiler guard is not a parameter: Command.call takes it out and gives it to the run.
GUARD = spec.UP_TO_ACT.param


def expected_annotation(option: spec.Option) -> str:
    if option.repeatable:
        return "tuple[str, ...]"
    kind = option.kind.__name__
    return f"{kind} | None" if option.default is None and option.kind is not bool else kind


def mismatches(command: spec.Command) -> list[str]:
    """Where ``command``'s options and free words disagree with its function's signature."""
    parameters = dict(inspect.signature(command.run).parameters)
    found = []
    first = next(iter(parameters.values()), None)
    if first is None or first.name != "env":
        found.append("the first parameter is not env")
    parameters.pop("env", None)
    declared: dict[str, tuple[str, object]] = {}
    for option in command.all_options:
        if option.param == GUARD:
            continue
        default = () if option.repeatable else option.default
        declared[option.param] = (expected_annotation(option), default)
    if command.words is not None:
        declared[command.words.param] = (
            "tuple[str, ...]",
            inspect.Parameter.empty if command.words.required else (),
        )
    if GUARD in parameters:
        found.append(f"{GUARD}: the guard comes with env, never as a parameter")
    for name, (annotation, default) in declared.items():
        parameter = parameters.get(name)
        if parameter is None:
            found.append(f"{name}: declared in the spec, not a parameter of {command.run.__name__}")
            continue
        if parameter.annotation != annotation:
            found.append(f"{name}: the spec gives {annotation}, the function takes {parameter.annotation}")
        if parameter.default != default:
            found.append(f"{name}: the spec's default is {default!r}, the function's {parameter.default!r}")
    for name in parameters.keys() - declared.keys() - {GUARD}:
        found.append(f"{name}: a parameter of {command.run.__name__} the spec never gives")
    return found


@pytest.mark.parametrize("command", spec.COMMANDS, ids=lambda command: command.name)
def test_every_spec_entry_agrees_with_its_function(command: spec.Command) -> None:
    assert mismatches(command) == []


def test_a_planted_mismatch_is_caught() -> None:
    plot = spec.BY_NAME["plot"]
    with_cite = plot._replace(options=(*plot.options, spec.CITE))
    assert mismatches(with_cite) == ["cite: declared in the spec, not a parameter of plot"]
    limit = spec.number(("--limit",), "limit", "", default=20)
    search = spec.BY_NAME["search"]
    other_default = search._replace(options=(limit, *search.options[1:]))
    assert mismatches(other_default) == ["limit: the spec's default is 20, the function's 10"]
    as_text = spec.Option(("--act",), "act", "", str)
    assert mismatches(plot._replace(options=(as_text, *plot.options[1:]))) == [
        "act: the spec gives str | None, the function takes int | None"
    ]
    assert mismatches(plot._replace(options=plot.options[1:])) == [
        "act: a parameter of plot the spec never gives"
    ]


def test_every_example_names_its_own_command() -> None:
    for command in spec.COMMANDS:
        assert any(f"cranes {command.name}" in example for example in command.examples), command.name


# --- the spoiler guard -------------------------------------------------------------------


def acts_told(env: Environment, json_: bool = False) -> None:
    """A new command that loads the film and never mentions the guard."""
    emit(env, {"acts": [act.number for act in load_dataset(env).acts]})


TOY = spec.Command(
    "toy", acts_told, "A command that forgets the guard.", ("cranes toy",), options=(spec.UP_TO_ACT,)
)


def run_toy(capsys: pytest.CaptureFixture[str], values: dict[str, Any], **environ: str) -> Any:
    env = Environment(Output(sys.stdout), sys.stderr, None, environ)
    TOY.call(env, {"json_": True, **values})
    return json.loads(capsys.readouterr().out)["acts"]


def test_a_command_that_never_asks_for_the_guard_still_keeps_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert mismatches(TOY) == []
    assert run_toy(capsys, {}) == [1, 2, 3, 4, 5, 6]
    assert run_toy(capsys, {GUARD: 2}) == [1, 2]
    assert run_toy(capsys, {}, CRANES_UP_TO_ACT="3") == [1, 2, 3]


def test_a_command_without_the_option_ignores_the_variable(capsys: pytest.CaptureFixture[str]) -> None:
    """A command that tells no story (crew) is not refused for a guard it does not take."""
    env = Environment(Output(sys.stdout), sys.stderr, None, {"CRANES_UP_TO_ACT": "x"})
    spec.BY_NAME["crew"].call(env, {"json_": True})
    assert json.loads(capsys.readouterr().out)["crew"]
    without = TOY._replace(options=())
    without.call(env, {"json_": True})
    assert json.loads(capsys.readouterr().out)["acts"] == [1, 2, 3, 4, 5, 6]


def test_the_commands_that_see_the_whole_film_are_those_that_say_so() -> None:
    """Only plot, quotes, quiz and stats load the film unguarded (they hide what they must themselves)."""
    whole = {command.name for command in spec.COMMANDS if "whole_film(" in inspect.getsource(command.run)}
    assert whole == {"plot", "quiz", "quotes", "stats"}
    assert film.plot.__module__ == "cranes_cli.commands.film"
