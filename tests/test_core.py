from __future__ import annotations

import pytest

from cranes_cli.core import lookup
from cranes_cli.errors import ExitCode, UsageProblem
from cranes_cli.film.model import Dataset


def test_cast_lines_follow_billing_and_resolve_characters(dataset: Dataset) -> None:
    lines = lookup.cast_lines(dataset)
    assert [line.billing for line in lines] == list(range(1, len(dataset.cast) + 1))
    assert lines[0].member.name == "Tatiana Samoilova" and lines[0].character.id == "veronika"
    assert lines[1].character.full_name == "Boris Fyodorovich Borozdin"


def test_select_acts_all_and_one(dataset: Dataset) -> None:
    assert lookup.select_acts(dataset) == dataset.acts
    assert lookup.select_acts(dataset, 2) == (dataset.acts[1],)


@pytest.mark.parametrize("number", [0, -1, 7, 10**9])
def test_select_acts_out_of_range_names_the_range(dataset: Dataset, number: int) -> None:
    with pytest.raises(UsageProblem, match="acts run from 1 to 6") as caught:
        lookup.select_acts(dataset, number)
    assert caught.value.exit_code == ExitCode.USAGE


def test_awards_grouped_by_event_in_first_seen_order(dataset: Dataset) -> None:
    groups = lookup.awards_by_event(dataset)
    assert [(g.event, g.year) for g in groups] == [("Cannes Film Festival", 1958), ("BAFTA Awards", 1959)]
    assert sum(len(g.awards) for g in groups) == len(dataset.awards)


def test_top_award_is_the_palme(dataset: Dataset) -> None:
    award = lookup.top_award(dataset)
    assert award is not None and award.category == "Palme d'Or"


def test_directors(dataset: Dataset) -> None:
    assert [d.name for d in lookup.directors(dataset)] == ["Mikhail Kalatozov"]


def test_facts_by_topic_keeps_every_fact(dataset: Dataset) -> None:
    grouped = lookup.facts_by_topic(dataset)
    assert sorted(f.id for items in grouped.values() for f in items) == sorted(f.id for f in dataset.facts)
