"""In a pipe or a file, a line that must stay whole stays whole: every address of
``cranes sources`` and of every ``--cite`` footnote is on one line, never cut with "…" nor
folded onto the next line, however narrow the width."""

from __future__ import annotations

import pytest

from cranes_cli.film.model import Dataset

from .conftest import Invoke

CITING = [["info"], ["cast"], ["crew"], ["awards"], ["facts"], ["who", "Veronika"], ["timeline", "--history"]]


def whole_lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines()}


@pytest.mark.parametrize("columns", ["40", "80", "100"])
def test_sources_prints_every_address_whole(invoke: Invoke, dataset: Dataset, columns: str) -> None:
    result = invoke("sources", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    addresses = [entry.url for entry in dataset.bibliography if entry.url]
    assert addresses
    assert [url for url in addresses if url not in whole_lines(result.stdout)] == []
    assert "…" not in result.stdout


@pytest.mark.parametrize("columns", ["40", "80"])
@pytest.mark.parametrize("command", CITING)
def test_cite_prints_every_address_whole(
    invoke: Invoke, dataset: Dataset, command: list[str], columns: str
) -> None:
    result = invoke(*command, "--cite", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    urls = {entry.url for entry in dataset.bibliography if entry.url}
    shown = [line for line in whole_lines(result.stdout) if line.startswith(("http://", "https://"))]
    assert shown, "the view should cite a source with an address"
    assert [line for line in shown if line not in urls] == []


def test_on_a_terminal_the_sources_are_a_table_that_folds(invoke: Invoke, dataset: Dataset) -> None:
    result = invoke("sources", env={"COLUMNS": "80", "TTY_COMPATIBLE": "1"})
    assert result.exit_code == 0
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80 + 40  # colour codes aside
