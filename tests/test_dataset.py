"""The bundled facts: complete against the source document, corrected by the fact sheet,
sourced, and written in the project's own words."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from cranes_cli.film.model import Dataset

from .conftest import SEED_DIR


def seed_text() -> str:
    (seed,) = SEED_DIR.glob("*.txt")
    return seed.read_text(encoding="utf-8")


def seed_cast() -> list[tuple[str, str]]:
    """The 'Actor as Character' lines at the end of the source document."""
    return re.findall(r"^([A-Z][\w ]+?) as ([\w ]+)$", seed_text(), flags=re.MULTILINE)


def strings(value: Any) -> Iterator[str]:
    """The dataset's own prose: every string but the evidence quotes, which are meant to be
    verbatim words of their sources."""
    if is_dataclass(value):
        for field in fields(value):
            if type(value).__name__ == "Evidence" and field.name == "quote":
                continue
            yield from strings(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def test_seed_cast_is_parsed() -> None:
    assert len(seed_cast()) == 10  # the seed credits ten actors


def test_dataset_names_every_cast_member_of_the_seed_in_billing_order(dataset: Dataset) -> None:
    assert [member.name for member in dataset.cast] == [actor for actor, _ in seed_cast()]


def test_seed_character_names_are_names_or_aliases(dataset: Dataset) -> None:
    for (actor, seed_character), member in zip(seed_cast(), dataset.cast, strict=True):
        character = dataset.character(member.character)
        known = {character.name, *character.aliases, character.name.split()[0]}
        assert seed_character in known or seed_character.split()[0] in known, (actor, seed_character)


def test_tyernov_is_corrected_to_chernov_and_kept_as_alias(dataset: Dataset) -> None:
    kokovkin = next(m for m in dataset.cast if m.name == "Boris Kokovkin")
    chernov = dataset.character(kokovkin.character)
    assert chernov.name == "Chernov" and chernov.cyrillic == "Чернов"
    assert "Tyernov" in chernov.aliases


def test_releases_are_recorded_per_country(dataset: Dataset) -> None:
    releases = {release.country: release for release in dataset.film.releases}
    assert releases["Soviet Union"].date == datetime.date(1957, 10, 12)
    assert releases["France"].date == datetime.date(1958, 6, 11)
    assert releases["United States"].date == datetime.date(1960, 3, 21)
    assert releases["United States"].distributor == "Warner Bros."
    assert releases["Soviet Union"].distributor is None  # not Goskino, formed only in 1963


def test_cannes_top_prize_is_the_palme_dor(dataset: Dataset) -> None:
    wins = [a for a in dataset.awards if a.event == "Cannes Film Festival" and a.result == "won"]
    assert {a.category for a in wins} == {"Palme d'Or", "Special Mention"}
    assert not any("Best Actress" in a.category for a in dataset.awards)


def test_admissions_match_the_seed(dataset: Dataset) -> None:
    admissions = {entry.country: entry.admissions for entry in dataset.film.admissions}
    assert admissions == {"Soviet Union": 28_300_000, "France": 5_400_000}  # France: about 5.4 million


def test_people_carry_cyrillic_except_where_unconfirmed(dataset: Dataset) -> None:
    assert all(member.cyrillic for member in dataset.cast)
    without = [member.name for member in dataset.crew if not member.cyrillic]
    assert without == ["Mariya Timofeyeva"]  # FACTS.md: her Cyrillic is UNCONFIRMED


def test_every_record_names_its_sources(dataset: Dataset) -> None:
    """The format lets other films leave sources out; ours never does."""

    def records(value: object) -> list[object]:
        if isinstance(value, tuple):
            return [record for item in value for record in records(item)]
        if not is_dataclass(value):
            return []
        found = [value] if any(field.name == "sources" for field in fields(value)) else []
        return found + [record for field in fields(value) for record in records(getattr(value, field.name))]

    cited = records(dataset)
    assert {type(record).__name__ for record in cited} == {
        "Film", "OtherTitle", "Release", "Admissions", "SourcePlay", "CrewMember", "CastMember",
        "Character", "Act", "Award", "Fact", "CuratedQuestion",
    }  # fmt: skip
    unsourced = [record for record in cited if not record.sources]  # type: ignore[attr-defined]
    assert unsourced == []


def test_prose_is_not_copied_from_the_seed(dataset: Dataset) -> None:
    """No run of seven words in the dataset's prose stands in the source document."""

    def words(text: str) -> list[str]:
        return re.findall(r"[\w']+", text.lower().replace("’", "'"))

    seed_words = words(seed_text())
    seed_runs = {tuple(seed_words[i : i + 7]) for i in range(len(seed_words) - 6)}
    for text in strings(dataset):
        text_words = words(text)
        for i in range(len(text_words) - 6):
            assert tuple(text_words[i : i + 7]) not in seed_runs, text


def rated_records(value: object) -> list[Any]:
    """Every record (at any depth) of a kind that carries `confidence`."""
    if isinstance(value, tuple):
        return [record for item in value for record in rated_records(item)]
    if not is_dataclass(value):
        return []
    found = [value] if any(field.name == "confidence" for field in fields(value)) else []
    return found + [record for field in fields(value) for record in rated_records(getattr(value, field.name))]


def label(record: Any) -> str:
    for name in ("text", "title", "category", "country"):
        if isinstance(getattr(record, name, None), str):
            return f"{type(record).__name__}: {getattr(record, name)}"
    raise AssertionError(record)


def test_every_record_that_can_be_rated_is_rated(dataset: Dataset) -> None:
    """Titles, releases, admissions, the play, awards and facts all say how sure they are."""
    rated = rated_records(dataset)
    assert {type(record).__name__ for record in rated} == {
        "OtherTitle", "Release", "Admissions", "SourcePlay", "Award", "Fact",
    }  # fmt: skip
    assert [label(record) for record in rated if record.confidence is None] == []


def test_a_firm_record_quotes_two_families_and_a_single_one_does_not_need_to(dataset: Dataset) -> None:
    """Firm means two families of sources each quoted; the seed copies English Wikipedia, so the
    two together are one family (docs/dataset.md, "Families")."""
    parent = {entry.key: entry.derives_from for entry in dataset.bibliography}

    def family(key: str) -> str:
        while parent.get(key):
            key = parent[key]  # type: ignore[assignment]
        return key

    assert family("seed") == "ENWIKI-FILM"
    for record in rated_records(dataset):
        families = {family(evidence.source) for evidence in record.evidence}
        if record.confidence == "firm":
            assert len(families) >= 2, label(record)
    # A record on the seed and English Wikipedia alone is single, however many keys it lists.
    france = next(entry for entry in dataset.film.admissions if entry.country == "France")
    assert france.confidence == "single"
    assert {family(key) for key in france.sources} - {"ENWIKI-FILM"} == {"MARSRUS"}  # it gives 5.3 million


def test_texts_users_read_do_not_say_source_document(dataset: Dataset) -> None:
    """'The source document' means nothing to a reader of `cranes awards`: name the review."""
    jargon = [text for text in strings(dataset) if re.search(r"(source|seed) document", text, re.IGNORECASE)]
    assert jargon == []
