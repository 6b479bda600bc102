"""`cranes sources`, `--cite` footnotes, the `sources` list in JSON, and the marks that show a
single-source or derived value in every view."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cranes_cli.cli import spec
from cranes_cli.core import sources
from cranes_cli.core.timeline import history, story
from cranes_cli.film.model import Dataset

from .conftest import Invoke

# Every command that takes --cite, with what it needs to cite the most.
NEEDS = {"who": ["Veronika"], "timeline": ["--history"]}
CITING = [
    [command.name, *NEEDS.get(command.name, [])] for command in spec.COMMANDS if spec.CITE in command.options
]


def test_cited_keys_are_found_everywhere_in_order_without_repeats(dataset: Dataset) -> None:
    payload = {"a": dataset.cast[0], "b": [{"sources": ["INA", "seed"]}], "c": (dataset.cast[0],)}
    assert sources.cited(payload) == [*dataset.cast[0].sources, "INA"]


def test_footnotes_number_sources_in_the_order_first_cited(dataset: Dataset) -> None:
    notes = sources.Footnotes(dataset)
    assert notes.number(["INA", "seed"]) == [1, 2]
    assert notes.number(["seed", "GUARDIAN", "no-such-key"]) == [2, 3]
    assert [(number, entry.key) for number, entry in notes.listed()] == [
        (1, "INA"),
        (2, "seed"),
        (3, "GUARDIAN"),
    ]


def test_a_citation_names_title_site_language_and_address(dataset: Dataset) -> None:
    (ina,) = sources.entries(dataset, ["INA"])
    line = sources.describe(ina)
    assert line.startswith("Palmarès du festival 1958, INA") and "(French)" in line
    assert line.endswith(
        ". https://fresques.ina.fr/festival-de-cannes-fr/fiche-media/Cannes00049/palmares-du-festival-1958.html"
    )


def test_every_timeline_moment_carries_its_sources(dataset: Dataset) -> None:
    for moment in [*story(dataset), *history(dataset)]:
        assert moment.sources, moment.what


def test_sources_lists_every_entry_with_its_address(invoke: Invoke, dataset: Dataset) -> None:
    result = invoke("sources", env={"COLUMNS": "250"})
    assert result.exit_code == 0 and result.stderr == ""
    for entry in dataset.bibliography:
        assert entry.key in result.stdout and entry.title in result.stdout
        if entry.url:
            assert entry.url in result.stdout


def test_sources_json_resolves_every_key(invoke_json: Any, dataset: Dataset) -> None:
    data = invoke_json("sources")
    assert data["schema_version"] == 1
    listed = {entry["key"]: entry for entry in data["sources"]}
    assert set(listed) == {entry.key for entry in dataset.bibliography}
    assert listed["GUARDIAN"]["url"] == "https://www.theguardian.com/film/2014/may/12/tatiana-samoilova"
    assert listed["GUARDIAN"]["site"] == "The Guardian" and listed["GUARDIAN"]["language"] == "English"
    assert all(entry["cited_by"] >= 1 for entry in data["sources"])
    assert listed["seed"]["kind"] == "seed" and listed["seed"]["url"] is None


@pytest.mark.parametrize("args", CITING, ids=lambda args: args[0])
def test_cite_adds_numbered_footnotes_with_addresses(invoke: Invoke, args: list[str]) -> None:
    plain = invoke(*args, env={"COLUMNS": "250"})
    cited = invoke(*args, "--cite", env={"COLUMNS": "250"})
    assert plain.exit_code == 0 and cited.exit_code == 0
    assert "Sources" not in plain.stdout and "https://" not in plain.stdout
    body, _, footer = cited.stdout.partition("\nSources\n")
    assert footer, "no Sources block"
    used = {int(number) for group in re.findall(r"\[([\d,]+)\]", body) for number in group.split(",")}
    listed = [int(number) for number in re.findall(r"^\[(\d+)\] ", footer, flags=re.MULTILINE)]
    assert listed == list(range(1, len(listed) + 1)) and used == set(listed)
    assert re.search(r"^    https://\S+$", footer, flags=re.MULTILINE)


@pytest.mark.parametrize("args", CITING, ids=lambda args: args[0])
def test_json_carries_the_entries_of_every_key_it_cites(invoke_json: Any, args: list[str]) -> None:
    data = invoke_json(*args)
    body = {key: value for key, value in data.items() if key != "sources"}
    keys = sources.cited(body)
    assert keys, "nothing cited"
    assert [entry["key"] for entry in data["sources"]] == keys
    assert all(entry["title"] for entry in data["sources"])


def test_json_flags_single_and_derived_names(invoke_json: Any) -> None:
    cast = {line["character"]["id"]: line["character"] for line in invoke_json("cast")["cast"]}
    assert cast["mark"]["basis"]["full_name"] == "single"
    assert cast["mark"]["basis"]["full_name_cyrillic"] == "derived"
    assert cast["veronika"]["basis"]["cyrillic"] == "firm"
    card = invoke_json("who", "boy")
    assert card["character"]["basis"]["cyrillic"] == "derived"
    characters = {line["id"]: line for line in invoke_json("characters")["characters"]}
    assert characters["boy-boris"]["basis"]["cyrillic"] == "derived"
    facts = {fact["id"]: fact for fact in invoke_json("facts")["facts"]}
    assert facts["gdr-admissions"]["confidence"] == "single"
    assert facts["gdr-admissions"]["value"] == {"kind": "number", "text": "2,836,058"}


@pytest.mark.parametrize(
    ("args", "marks"),
    [
        (["who", "Mark"], "‡†"),
        (["cast"], "‡"),
        (["characters"], "†"),
        (["facts"], "‡"),
        (["who", "boy"], "†"),
    ],
)
def test_marked_values_are_explained_under_the_view(invoke: Invoke, args: list[str], marks: str) -> None:
    result = invoke(*args, env={"COLUMNS": "250"})
    assert result.exit_code == 0
    body = result.stdout.rpartition("\n\n")[0]
    for mark in marks:
        assert mark in body
        assert f"{mark} {'single source' if mark == '‡' else 'derived'}:" in result.stdout


def test_mark_on_the_value_it_qualifies(invoke: Invoke) -> None:
    text = invoke("who", "Mark", env={"COLUMNS": "250"}).stdout
    assert "Mark Aleksandrovich Borozdin‡ (Марк Александрович Бороздин†)" in text
    assert "Mark (Марк)" in text  # firm: unmarked


def test_no_marks_no_legend(invoke: Invoke) -> None:
    result = invoke("crew", env={"COLUMNS": "250"})
    assert "‡" not in result.stdout and "†" not in result.stdout and "single source" not in result.stdout


def test_a_long_address_prints_whole_on_a_narrow_terminal(invoke: Invoke) -> None:
    url = (
        "https://fresques.ina.fr/festival-de-cannes-fr/fiche-media/Cannes00049/palmares-du-festival-1958.html"
    )
    printed = invoke("info", "--cite", env={"COLUMNS": "60"}).stdout
    assert url in printed.replace("\n", "")


def test_search_entries_carry_how_sure_each_text_is(dataset: Dataset) -> None:
    from cranes_cli.core.search import index

    basis = {entry.path: entry.basis for entry in index(dataset)}
    mark = next(i for i, c in enumerate(dataset.characters) if c.id == "mark")
    assert basis[f"characters[{mark}].full_name"] == "single"  # the play's list of characters
    assert basis[f"characters[{mark}].full_name_cyrillic"] == "derived"  # spelt back
    assert basis[f"characters[{mark}].cyrillic"] == "firm"
    signoret = next(i for i, a in enumerate(dataset.awards) if "Signoret" in (a.note or ""))
    assert basis[f"awards[{signoret}].note"] == "single"  # the award's own confidence


def test_search_marks_single_source_hits_in_json_and_on_a_terminal(invoke: Invoke, invoke_json: Any) -> None:
    results = invoke_json("search", "Signoret")["results"]
    assert [result["basis"] for result in results] == ["single"]
    shown = invoke("search", "Signoret", env={"TTY_COMPATIBLE": "1", "COLUMNS": "250"}).stdout
    assert "Simone Signoret.‡" in shown
    assert "‡ single source:" in shown


def test_graph_json_flags_how_each_name_is_known(invoke_json: Any) -> None:
    nodes = {node["id"]: node for node in invoke_json("graph")["nodes"]}
    assert nodes["boy-boris"]["basis"]["cyrillic"] == "derived"
    assert nodes["mark"]["basis"]["full_name"] == "single"
