"""Every command through CliRunner at a fixed width, --json against the dataset, exit codes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from cranes_cli import __version__
from cranes_cli.cli import spec
from cranes_cli.commands import film
from cranes_cli.film import load
from cranes_cli.film.model import Dataset

from .conftest import DATA_FILE, Invoke

# The lookups that need no words and print a view of the film (a table, a card) or its JSON.
COMMANDS = [
    command.name
    for command in spec.COMMANDS
    if command.run.__module__ == film.__name__ and command.words is None and command.json == spec.JSON_HELP
]


def squash(text: str) -> str:
    """Rendered text with line breaks and runs of spaces folded, so wrapped cells can be searched."""
    return " ".join(text.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_succeeds_quietly(invoke: Invoke, command: str) -> None:
    result = invoke(command)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert "\x1b[" not in result.stdout  # not a terminal: no escape codes


@pytest.mark.parametrize("command", COMMANDS)
def test_rendered_lines_fit_the_width(invoke: Invoke, command: str) -> None:
    """Every line within $COLUMNS, but an address: in a pipe it is printed whole on a line of its
    own, so that a script or a click finds all of it."""
    for width in (100, 60):
        result = invoke(command, env={"COLUMNS": str(width)})
        lines = [line for line in result.stdout.splitlines() if not re.fullmatch(r" *https?://\S+", line)]
        assert max(len(line) for line in lines) <= width


@pytest.mark.parametrize("command", COMMANDS)
def test_narrow_terminal_does_not_crash(invoke: Invoke, command: str) -> None:
    result = invoke(command, env={"COLUMNS": "12"})
    assert result.exit_code == 0, result.exception


def test_cast_table_lists_actors_in_billing_order(invoke: Invoke, dataset: Dataset) -> None:
    out = invoke("cast").stdout
    positions = [out.index(member.name) for member in dataset.cast]
    assert positions == sorted(positions)
    for member in dataset.cast:
        assert member.cyrillic and member.cyrillic in out
        assert dataset.character(member.character).name in out


def test_info_card(invoke: Invoke) -> None:
    out = squash(invoke("info").stdout)
    for expected in ["The Cranes Are Flying", "Летят журавли", "1957", "Mikhail Kalatozov", "95 minutes"]:
        assert expected in out
    assert "Palme d'Or, Cannes Film Festival 1958" in out


def test_crew_table(invoke: Invoke, dataset: Dataset) -> None:
    out = invoke("crew").stdout
    for member in dataset.crew:
        assert member.role in out and member.name in out


def test_plot_all_acts_have_headings(invoke: Invoke, dataset: Dataset) -> None:
    out = invoke("plot").stdout
    for act in dataset.acts:
        assert f"Act {act.number} of {len(dataset.acts)}: {act.title}" in out


def test_plot_one_act(invoke: Invoke, dataset: Dataset) -> None:
    out = squash(invoke("plot", "--act", "2").stdout)
    assert dataset.acts[1].title in out
    assert dataset.acts[0].title not in out
    for beat in dataset.acts[1].beats:
        assert squash(beat.text) in out


@pytest.mark.parametrize("act", ["0", "7", "-1", "99999999999999999999"])
def test_plot_act_out_of_range_is_a_usage_error(invoke: Invoke, act: str) -> None:
    result = invoke("plot", "--act", act)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"cranes: there is no act {int(act)}: acts run from 1 to 6\n"


def test_plot_act_not_a_number(invoke: Invoke) -> None:
    result = invoke("plot", "--act", "two")
    assert result.exit_code == 2
    assert "'two' is not a valid int" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command(invoke: Invoke) -> None:
    result = invoke("casts")
    assert result.exit_code == 2 and "No such command" in result.stderr


def test_awards_grouped_by_event(invoke: Invoke) -> None:
    out = invoke("awards").stdout
    assert out.index("Cannes Film Festival 1958") < out.index("BAFTA Awards 1959")
    assert "Won" in out and "Nominated" in out


def test_facts_show_releases_and_box_office(invoke: Invoke, dataset: Dataset) -> None:
    out = invoke("facts").stdout
    assert "1957-10-12" in out and "28,300,000" in out
    assert squash(dataset.facts[0].text) in squash(out)


# --- JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_json_is_one_object_with_schema_version(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--json", env={"COLUMNS": "20"})
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.count("\n") == 1  # compact, one line, never wrapped in a pipe
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1


def test_cast_json_matches_dataset(invoke_json: Callable[..., Any], dataset: Dataset) -> None:
    cast = invoke_json("cast")["cast"]
    assert [entry["actor"]["name"] for entry in cast] == [m.name for m in dataset.cast]
    assert [entry["character"]["id"] for entry in cast] == [m.character for m in dataset.cast]
    assert [entry["billing"] for entry in cast] == list(range(1, len(dataset.cast) + 1))
    assert cast[0]["actor"]["cyrillic"] == "Татьяна Самойлова"


def test_json_keeps_cyrillic_unescaped(invoke: Invoke) -> None:
    out = invoke("info", "--json").stdout
    assert "Летят журавли" in out and "\\u" not in out


def test_info_json(invoke_json: Callable[..., Any], dataset: Dataset) -> None:
    document = invoke_json("info")
    assert document["film"]["title"] == dataset.film.title
    assert document["directors"][0]["name"] == "Mikhail Kalatozov"
    assert document["top_award"]["category"] == "Palme d'Or"
    assert document["top_award"]["date"] == "1958-05-18"


def test_plot_json_one_act(invoke_json: Callable[..., Any], dataset: Dataset) -> None:
    (act,) = invoke_json("plot", "--act", "3")["acts"]
    assert act["number"] == 3
    assert [beat["text"] for beat in act["beats"]] == [beat.text for beat in dataset.acts[2].beats]


def test_facts_json_dates_are_iso(invoke_json: Callable[..., Any]) -> None:
    releases = invoke_json("facts")["releases"]
    assert [r["date"] for r in releases] == ["1957-10-12", "1958-06-11", "1960-03-21"]


def test_awards_and_crew_json(invoke_json: Callable[..., Any], dataset: Dataset) -> None:
    assert len(invoke_json("awards")["awards"]) == len(dataset.awards)
    assert [c["role"] for c in invoke_json("crew")["crew"]] == [c.role for c in dataset.crew]


# --- help, version, conventions ----------------------------------------------------------


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "Exit status" in result.stdout


@pytest.mark.parametrize("command", [command.name for command in spec.COMMANDS])
def test_every_command_help_has_an_example(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert re.search(rf"^\s+cranes {command}\b", result.stdout, flags=re.MULTILINE)


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.stdout == f"cranes {__version__}\n"


def test_colour_only_on_a_terminal_and_never_with_no_color(invoke: Invoke) -> None:
    colour = re.compile(r"\x1b\[[0-9;]*3[0-9]")
    on_terminal = invoke("awards", env={"TTY_COMPATIBLE": "1", "NO_COLOR": None, "TERM": "xterm-256color"})
    assert colour.search(on_terminal.stdout)  # the check below can fail
    with_no_color = invoke("awards", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "TERM": "xterm-256color"})
    assert not colour.search(with_no_color.stdout)


def test_data_strings_are_never_markup(invoke: Invoke, film_file: Callable[[str], Any]) -> None:
    hostile = "[bold]Bold[/] [link=https://example.org]x[/link] [/] :smile: [red"
    text = DATA_FILE.read_text(encoding="utf-8").replace(
        "A young Muscovite in love with Boris, who waits for him through the whole war.", hostile
    )
    film_file(text)
    for args in (["cast"], ["cast", "--json"]):
        result = invoke(*args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.stderr
        assert hostile in (
            json.dumps(json.loads(result.stdout), ensure_ascii=False) if "--json" in args else result.stdout
        )


def test_broken_data_file_is_one_line_and_exit_1(invoke: Invoke, film_file: Callable[[str], Any]) -> None:
    path = film_file("schema_version = 1\n[film\n")
    for command in COMMANDS:
        result = invoke(command)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"cranes: {path}: line 2, column 6: TOML syntax error")


def test_interrupt_exits_130_with_a_message(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(env: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(load, "load_path", interrupted)
    # The fast route runs the first; the Typer app the second (an Arabic-Indic 3, which int() reads).
    for args in (["cast"], ["plot", "--act", "\u0663"]):
        result = invoke(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (130, "", "cranes: interrupted\n")
