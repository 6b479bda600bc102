"""Sources a reader can follow, confidence that is marked, and facts enough for a quiz."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from cranes_cli.film import load
from cranes_cli.film.model import Dataset

from .conftest import DATA_FILE, ROOT
from .test_dataset import strings

EXAMPLE = ROOT / "examples" / "the-lighthouse-keepers.toml"


def cited_keys(value: Any) -> set[str]:
    found: set[str] = set()
    if is_dataclass(value):
        for field in fields(value):
            item = getattr(value, field.name)
            if field.name == "sources":
                found.update(item)
            else:
                found |= cited_keys(item)
    elif isinstance(value, tuple):
        for item in value:
            found |= cited_keys(item)
    return found


def test_every_source_key_resolves_and_every_entry_is_cited(dataset: Dataset) -> None:
    keys = {entry.key for entry in dataset.bibliography}
    cited = cited_keys(dataset)
    assert cited <= keys
    assert keys - cited == set(), "a bibliography entry nothing cites"


def test_every_source_but_the_seed_has_an_address_title_site_and_language(dataset: Dataset) -> None:
    (seed,) = [entry for entry in dataset.bibliography if entry.kind == "seed"]
    assert seed.key == "seed" and seed.url is None
    for entry in dataset.bibliography:
        assert entry.title and entry.site and entry.language and entry.supports, entry.key
        if entry.kind == "print":  # a published work: author, title, publisher and year, no address
            assert entry.url is None, entry.key
        elif entry is not seed:
            assert entry.kind == "web page", entry.key
            assert entry.url is not None and re.fullmatch(r"https?://[^\s]+", entry.url), entry.key


def test_no_text_points_at_a_file_users_do_not_have() -> None:
    shipped = [DATA_FILE, EXAMPLE, ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    shipped += sorted((ROOT / "src").rglob("*.py"))
    for path in shipped:
        text = path.read_text(encoding="utf-8").lower()
        assert "fact sheet" not in text, path
        assert "facts.md" not in text, path


def test_at_least_forty_facts_each_sourced_and_rated(dataset: Dataset) -> None:
    assert len(dataset.facts) >= 40
    for fact in dataset.facts:
        assert fact.sources, fact.id
        assert fact.confidence in ("firm", "single"), fact.id
        if fact.confidence == "firm":
            assert len(set(fact.sources) - {"seed"}) >= 1 and len(fact.sources) >= 2, fact.id


def test_fact_values_stand_in_their_text(dataset: Dataset) -> None:
    valued = [fact for fact in dataset.facts if fact.value is not None]
    assert len(valued) >= 30  # enough for the quiz to swap values
    for fact in valued:
        assert fact.value is not None and fact.value.text in fact.text, fact.id


def test_validate_refuses_a_fact_value_missing_from_its_text(document: dict[str, Any]) -> None:
    fact = next(item for item in document["facts"] if "value" in item)
    fact["value"]["text"] = "nowhere in the text"
    paths = [problem.path for problem in load.validate(document)]
    index = document["facts"].index(fact)
    assert paths == [f"facts[{index}].value.text"]


@pytest.mark.parametrize("name", ["cyrillic", "full_name", "full_name_cyrillic"])
def test_validate_requires_every_character_name_to_be_marked(document: dict[str, Any], name: str) -> None:
    mark = next(c for c in document["characters"] if c["id"] == "mark")
    del mark["basis"][name]
    problems = load.validate(document)
    index = document["characters"].index(mark)
    assert [problem.path for problem in problems] == [f"characters[{index}].basis.{name}"]
    assert "'firm', 'single' or 'derived'" in problems[0].message


def test_validate_requires_the_marks_in_other_films_too(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    unmarked = re.sub(r"^basis = .*\n", "", text, flags=re.MULTILINE)
    assert unmarked != text
    path = tmp_path / "unmarked.toml"
    path.write_text(unmarked, encoding="utf-8")
    problems = load.problems_in(str(path))
    assert [problem.path for problem in problems] == [
        "characters[0].basis.full_name",
        "characters[1].basis.full_name",
    ]


def test_derived_and_single_names_are_marked_as_the_sources_allow(dataset: Dataset) -> None:
    marks = {c.id: c.basis for c in dataset.characters}
    # No source read gives a full name in Cyrillic: every one is spelt back from English.
    for character in dataset.characters:
        if character.full_name_cyrillic:
            assert character.basis is not None and character.basis.full_name_cyrillic == "derived"
    # The play alone gives Mark's and Chernov's full names.
    assert marks["mark"] is not None and marks["mark"].full_name == "single"
    assert marks["chernov"] is not None and marks["chernov"].full_name == "single"
    assert marks["boy-boris"] is not None and marks["boy-boris"].cyrillic == "derived"


def test_sources_are_described_in_the_projects_own_words(dataset: Dataset) -> None:
    assert all("fact sheet" not in text.lower() for text in strings(dataset))


# Hosts of copies that are not the source itself: unlicensed book texts (cite the published
# work), content farms, and mobile, AMP or mail. mirrors of a page (cite its own address).
UNFIT_HOSTS = {"socialbites.ca", "www.storytel.com", "storytel.com", "knijky.ru", "bookree.org"}


def test_no_source_is_an_unofficial_copy_or_a_page_that_only_repeats_others(dataset: Dataset) -> None:
    for entry in dataset.bibliography:
        if entry.url is None:
            continue
        host = urlparse(entry.url).hostname or ""
        assert not re.fullmatch(r"[\d.]+", host), entry.key  # a copy on a bare IP address
        assert host not in UNFIT_HOSTS, entry.key
        assert not re.match(r"(m|mobile|amp|mail)\.", host), entry.key
        assert "/amp/" not in entry.url, entry.key


def test_facts_resting_on_one_source_are_single(dataset: Dataset) -> None:
    facts = {fact.id: fact for fact in dataset.facts}
    # Only the Great Soviet Encyclopedia names Favorsky; English Wikipedia does not.
    assert facts["urusevsky-painter"].confidence == "single"
    assert facts["urusevsky-painter"].sources == ("GSE-URUSEVSKY",)
    # The early Kostroma staging "almost unnoticed" rested on an unidentified book text and is
    # gone; the Sovremennik's opening is quoted from Kommersant and a television guide.
    assert "play-kostroma-staging" not in facts
    assert set(facts["sovremennik"].sources) == {"KOMMERSANT", "MEDIAGUIDE"}


def test_the_farewell_shot_cites_only_the_page_that_describes_the_shot(dataset: Dataset) -> None:
    fact = next(fact for fact in dataset.facts if fact.id == "farewell-crowd-shot")
    assert fact.sources == ("CRITERION-WEXLER",)
