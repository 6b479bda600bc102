"""The spoiler guard in core (core/spoilers.py) and the spoiler-free data it rests on."""

from __future__ import annotations

from typing import Any

import pytest

from cranes_cli.core import spoilers
from cranes_cli.errors import UsageProblem
from cranes_cli.film import load
from cranes_cli.film.model import Dataset


def ids(dataset: Dataset) -> list[str]:
    return [character.id for character in dataset.characters]


def test_no_guard_is_the_whole_film(dataset: Dataset) -> None:
    assert spoilers.as_of_act(dataset, None) is dataset


def test_first_acts_come_from_the_beats(dataset: Dataset) -> None:
    first = spoilers.first_acts(dataset)
    # Read off data/film.toml: the whole family and Stepan are in the opening part (act 1),
    # the boy from act 4, Chernov from act 5; Anna Mikhailovna is in no beat.
    assert (first["veronika"], first["fyodor"], first["irina"], first["stepan"]) == (1, 1, 1, 1)
    assert (first["boy-boris"], first["chernov"]) == (4, 5)
    assert "anna-mikhailovna" not in first


@pytest.mark.parametrize("act", [0, -1, 7, 100])
def test_an_act_that_does_not_exist_is_a_usage_problem(dataset: Dataset, act: int) -> None:
    with pytest.raises(UsageProblem, match="acts run from 1 to 6"):
        spoilers.as_of_act(dataset, act)


def test_later_acts_and_characters_are_gone(dataset: Dataset) -> None:
    early = spoilers.as_of_act(dataset, 1)
    assert [act.number for act in early.acts] == [1]
    # The whole family and Stepan are in the opening part, in the order of the file's
    # characters and of the billing.
    assert ids(early) == ["veronika", "boris", "fyodor", "mark", "irina", "grandmother", "stepan"]
    billed = ["veronika", "boris", "fyodor", "mark", "irina", "stepan", "grandmother"]
    assert [member.character for member in early.cast] == billed
    assert early.film.synopsis is None  # it tells the ending


def test_characters_in_no_beat_show_only_with_the_whole_film(dataset: Dataset) -> None:
    assert "anna-mikhailovna" not in ids(spoilers.as_of_act(dataset, 5))
    assert "anna-mikhailovna" in ids(spoilers.as_of_act(dataset, 6))


def test_relations_that_start_later_are_gone(dataset: Dataset) -> None:
    def relations(act: int) -> set[tuple[str, str]]:
        guarded = spoilers.as_of_act(dataset, act)
        return {(c.id, r.target) for c in guarded.characters for r in c.relations}

    assert ("veronika", "mark") not in relations(2)  # the marriage is in act 3
    assert ("veronika", "mark") in relations(3)
    assert ("boy-boris", "veronika") not in relations(4)
    assert ("boy-boris", "veronika") in relations(5)
    assert ("boy-boris", "veronika") not in relations(1)  # the boy first appears in act 4


def test_descriptions_and_names_as_of_the_act(dataset: Dataset) -> None:
    mark = dataset.character("mark")

    def described(act: int) -> str | None:
        return spoilers.as_of_act(dataset, act).character("mark").description

    assert described(1) == "Boris's cousin."
    assert "forces himself" in (described(3) or "")
    assert "draft" not in (described(4) or "")
    assert described(5) == mark.description
    assert spoilers.as_of_act(dataset, None).character("mark").description == mark.description
    boy = spoilers.as_of_act(dataset, 4).character("boy-boris")
    assert (boy.name, boy.cyrillic, boy.aliases) == ("The boy", None, ())
    assert "Boris" not in (boy.description or "")
    assert spoilers.as_of_act(dataset, 5).character("boy-boris").name == "Boris, the boy"


def test_guarded_records_carry_no_later_description(dataset: Dataset) -> None:
    for act in range(1, 7):
        assert all(not c.spoiler_free for c in spoilers.as_of_act(dataset, act).characters)


def test_spoiler_free_entries_must_name_acts_in_order(document: dict[str, Any]) -> None:
    mark = next(c for c in document["characters"] if c["id"] == "mark")
    index = document["characters"].index(mark)
    mark["spoiler_free"][1]["up_to_act"] = 9
    mark["spoiler_free"][2]["up_to_act"] = 1
    problems = [(p.path, p.message) for p in load.validate(document)]
    assert problems == [
        (f"characters[{index}].spoiler_free[1].up_to_act", "expected an act number from 1 to 6, found 9"),
        (
            f"characters[{index}].spoiler_free[2].up_to_act",
            "expected an act after 1 (entries go in act order)",
        ),
    ]


def test_a_spoiler_free_entry_needs_a_description(document: dict[str, Any]) -> None:
    mark = next(c for c in document["characters"] if c["id"] == "mark")
    del mark["spoiler_free"][0]["description"]
    assert any(p.path.endswith("spoiler_free[0].description") for p in load.validate(document))
