"""Corrections to the film file: what the sources say where the seed, or an earlier reading of it,
had it wrong."""

from __future__ import annotations

import re

from cranes_cli.core import timeline
from cranes_cli.film.model import Dataset

from .test_dataset import strings


def _fact(dataset: Dataset, fact_id: str) -> str:
    return next(fact.text for fact in dataset.facts if fact.id == fact_id)


def test_the_sovremennik_production_is_not_called_the_first_staging(dataset: Dataset) -> None:
    play = dataset.film.play
    assert play is not None and play.first_staged is not None
    assert "Kostroma" in play.first_staged  # the earlier, unnoticed staging
    assert not re.search(r"\bopened the Sovremennik\b", play.first_staged)
    assert "first staging" not in _fact(dataset, "sovremennik")


def test_goskino_is_not_named_as_the_1957_distributor(dataset: Dataset) -> None:
    """Goskino USSR was formed in 1963."""
    soviet = next(release for release in dataset.film.releases if release.country == "Soviet Union")
    assert soviet.distributor is None
    assert not [text for text in strings(dataset) if "Goskino" in text]


def test_great_patriotic_war_names_the_soviet_german_war_only(dataset: Dataset) -> None:
    text = _fact(dataset, "great-patriotic-war")
    assert "1941–45" in text  # as the Great Soviet Encyclopedia dates it
    assert "not the Second World War as a whole" in text


def test_act_one_is_not_all_on_22_june(dataset: Dataset) -> None:
    first = dataset.acts[0]
    assert first.date == "1941-06"  # true of the whole act; the day is only its first morning
    assert first.when is not None and "22 June 1941" in first.when and "next days" in first.when
    moment = timeline.story(dataset)[0]
    assert moment.date != "1941-06-22" and moment.when == first.when


def test_no_scene_after_boris_dies_says_he_is_away(dataset: Dataset) -> None:
    death = next(act.number for act in dataset.acts if any("is shot" in beat.text for beat in act.beats))
    later = [act for act in dataset.acts if act.number > death]
    assert later
    for act in later:
        assert "is away" not in (act.when or "")
        assert all("is away" not in beat.text for beat in act.beats)


def test_the_watch_was_given_at_a_festival_not_sent(dataset: Dataset) -> None:
    text = _fact(dataset, "samoilova-watch")
    assert "gave" in text and "festival" in text
    assert "sent" not in text


def test_box_office_ranks_are_gone_and_france_is_about_5_4_million(dataset: Dataset) -> None:
    rank = re.compile(r"\b(first|second|third|tenth|rank\w*|among the (releases|films))\b", re.IGNORECASE)
    for entry in dataset.film.admissions:
        assert not rank.search(entry.note or ""), entry.note
    for fact in dataset.facts:
        if fact.topic == "box-office":
            assert not rank.search(fact.text), fact.text
    france = next(entry for entry in dataset.film.admissions if entry.country == "France")
    assert france.admissions == 5_400_000
    assert "about 5.4 million" in _fact(dataset, "france-admissions")
