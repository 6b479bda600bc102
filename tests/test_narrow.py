"""Narrow terminals: no table cuts data off with an ellipsis, and at 60 columns every name,
spelling and role is printed whole (wrapped between words, never broken inside one)."""

from __future__ import annotations

import re

import pytest

from cranes_cli.film.model import Dataset

from .conftest import Invoke

COMMANDS = [
    ["info"],
    ["cast"],
    ["crew"],
    ["plot"],
    ["awards"],
    ["facts"],
    ["characters"],
    ["quotes", "--cite"],
    ["scenes", "--cite"],
    ["scenes", "birches"],
    ["timeline", "--history"],
    ["who", "Kalatozov"],
    ["who", "Urusevsky"],
    ["who", "Veronika"],
    ["who", "Samoilova"],
    ["search", "Samoilova"],
    ["search", "Kalatozishvili"],
]


def printed(invoke: Invoke, args: list[str], width: int) -> str:
    result = invoke(*args, env={"COLUMNS": str(width), "TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # bold and dim stay without colour


@pytest.mark.parametrize("width", [60, 40])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_nothing_is_cut_off(invoke: Invoke, args: list[str], width: int) -> None:
    output = printed(invoke, args, width)
    assert "…" not in output
    assert max(len(line.rstrip()) for line in output.splitlines()) <= width


def _tokens(output: str) -> set[str]:
    return {word.strip(",.;:()") for word in output.split()}


def test_crew_at_60_columns_prints_every_role_and_spelling_whole(invoke: Invoke, dataset: Dataset) -> None:
    tokens = _tokens(printed(invoke, ["crew"], 60))
    for member in dataset.crew:
        for value in (member.role, member.name, member.cyrillic or "", *member.aliases):
            for word in value.split():
                assert word.strip(",.;:()") in tokens, word
    assert {"cinematography", "Kalatozishvili"} <= tokens  # the longest role and spelling, whole


def test_cast_and_awards_at_60_columns_print_every_name_whole(invoke: Invoke, dataset: Dataset) -> None:
    tokens = _tokens(printed(invoke, ["cast"], 60)) | _tokens(printed(invoke, ["awards"], 60))
    names = [m.name for m in dataset.cast] + [m.cyrillic or "" for m in dataset.cast]
    names += [a.category for a in dataset.awards] + [a.recipient for a in dataset.awards]
    for value in names:
        for word in value.split():
            assert word.strip(",.;:()") in tokens, word


def test_releases_keep_the_distributor(invoke: Invoke, dataset: Dataset) -> None:
    tokens = _tokens(printed(invoke, ["facts"], 60))
    for release in dataset.film.releases:
        for word in (release.distributor or "").split():
            assert word.strip(",.;:()") in tokens
