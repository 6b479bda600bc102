"""Names as people type them: swapped letters, apostrophes, Russian feminine surnames, award
results that say which award, completion of whole names and nicknames, and a list of
real-world misspellings and transliterations checked against search, who and completion."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cranes_cli.cli.completion import answer
from cranes_cli.core import completion, people, search, text
from cranes_cli.errors import NotFound
from cranes_cli.film.model import Dataset

from .conftest import Invoke


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, written out in full as the reference."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@pytest.mark.parametrize(("a", "b"), [("mrak", "mark"), ("boirs", "boris"), ("veronkia", "veronika")])
def test_two_swapped_letters_are_one_typo(a: str, b: str) -> None:
    assert text.within(a, b, 1)
    assert text.allowed_typos(a) >= 1


def test_limits_are_unchanged() -> None:
    assert [text.allowed_typos("x" * n) for n in (3, 4, 6, 7, 12)] == [0, 1, 1, 2, 2]
    assert not text.within("mark", "mask", 0)
    assert not text.within("abcd", "badc", 1)  # two swaps are two typos


@given(
    a=st.text(alphabet="abcd", max_size=7),
    b=st.text(alphabet="abcd", max_size=7),
    limit=st.integers(min_value=0, max_value=3),
)
def test_within_agrees_with_the_reference_distance(a: str, b: str, limit: int) -> None:
    assert text.within(a, b, limit) == (osa_distance(a, b) <= limit)


@pytest.mark.parametrize("typed", ["Mrak", "mrak"])
def test_who_finds_a_name_with_two_letters_swapped(dataset: Dataset, typed: str) -> None:
    assert people.who(dataset, typed).name == "Mark"


# ---------------------------------------------------------------------------------------
# Apostrophes


def test_apostrophes_are_optional(dataset: Dataset) -> None:
    def found(term: str) -> list[str]:
        return [hit.entry.path for hit in search.search(dataset, term)]

    expected = found("Palme d'Or")
    assert expected and expected[0].startswith("awards[")
    for term in ("palme dor", "palme d or", "PALME D’OR", "Palme d'Or"):
        assert found(term) == expected, term


def test_a_word_with_an_apostrophe_is_one_word() -> None:
    assert [word.key for word in text.words("Palme d'Or, Boris's note")] == ["palme", "dor", "boris", "note"]
    assert text.query_keys("palme d or") == ["palme", "dor"]
    assert text.query_keys("l avventura") == [text.fold("lavventura")]
    assert text.query_keys("d") == ["d"]


def test_the_whole_word_is_highlighted(dataset: Dataset) -> None:
    hit = search.search(dataset, "palme dor")[0]
    assert [hit.entry.text[start:end] for start, end in hit.spans] == ["Palme", "d'Or"]


# ---------------------------------------------------------------------------------------
# Russian feminine surnames


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [("Borozdina", "Borozdin"), ("Бороздина", "Бороздин"), ("Samoilova", "Samoilov"),
     ("Timofeyeva", "Timofeyev"), ("Urusevskaya", "Urusevsky"), ("Урусевская", "Урусевский")],
)  # fmt: skip
def test_feminine_surnames_fold_to_the_masculine(feminine: str, masculine: str) -> None:
    assert text.masculine(text.fold(feminine)) == text.fold(masculine)


def test_short_words_are_not_surnames() -> None:
    assert text.masculine("ina") == "ina"
    assert text.masculine("nova") == "nova"


@pytest.mark.parametrize("typed", ["Borozdina", "Бороздина", "borozdina"])
def test_the_feminine_form_finds_only_the_woman(dataset: Dataset, typed: str) -> None:
    assert people.who(dataset, typed).name == "Irina"


@pytest.mark.parametrize("typed", ["Borozdin", "Бороздин"])
def test_the_masculine_form_lists_every_borozdin(dataset: Dataset, typed: str) -> None:
    entries = people.name_entries(dataset)
    found = {candidate.key for candidate in people.candidates(dataset, entries, typed)}
    # Every character whose full name, other spelling or family in data/film.toml is Borozdin(a):
    # the grandmother is a Borozdin by family only.
    assert found == {"boris", "fyodor", "mark", "irina", "grandmother"}


@pytest.mark.parametrize(
    ("typed", "person"),
    [("Samoilov", "Tatiana Samoilova"), ("Kharitonov", "Svetlana Kharitonova"),
     ("Urusevskaya", "Sergey Urusevsky"), ("Timofeyev", "Mariya Timofeyeva")],
)  # fmt: skip
def test_either_form_finds_the_person(dataset: Dataset, typed: str, person: str) -> None:
    assert people.who(dataset, typed).name == person


def test_search_ranks_the_exact_feminine_form_first(dataset: Dataset) -> None:
    assert search.search(dataset, "Borozdina")[0].entry.text == "Irina Fyodorovna Borozdina"


# ---------------------------------------------------------------------------------------
# Awards say which award


def test_an_award_hit_on_its_recipient_says_which_award(dataset: Dataset) -> None:
    places = [
        hit.entry.where for hit in search.search(dataset, "Samoilova") if hit.entry.path.startswith("awards")
    ]
    assert sorted(places) == [
        "award · BAFTA Awards 1959 · Best Foreign Actress",
        "award · Cannes Film Festival 1958 · Special Mention",
    ]


def test_search_json_names_the_award(invoke_json: Any) -> None:
    results = invoke_json("search", "Room", "at", "the", "Top")["results"]
    assert results[0]["where"] == "award · BAFTA Awards 1959 · Best Film from any Source"


# ---------------------------------------------------------------------------------------
# Completion


def test_completion_offers_nicknames_in_both_scripts(document: dict[str, Any]) -> None:
    assert dict(completion.names(document, "Бел")) == {"Белка": "nickname: Veronika"}
    assert dict(completion.names(document, "Squ")) == {"Squirrel": "nickname: Veronika"}


def test_completion_offers_cyrillic_full_names(document: dict[str, Any]) -> None:
    offered = dict(completion.names(document, "Бор"))
    assert offered["Бороздина"] == "character: Irina"
    assert offered["Борис Фёдорович Бороздин"] == "character: Boris"


def test_completion_offers_whole_names_only(document: dict[str, Any]) -> None:
    offered = dict(completion.names(document, ""))
    for fragment in ("Boris,", "the", "boy", "the boy", "Ivanovich,"):
        assert fragment not in offered
    assert "Boris, the boy" in offered  # the whole name, as the film file spells it
    assert all(name[0].isupper() for name in offered)
    assert offered["Boris"] == "character: Boris"  # the whole spelling names the character


def test_completion_descriptions_keep_their_apostrophe_in_zsh() -> None:
    env = {
        "_CRANES_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "cranes plot --act ",
        "CRANES_DATA": "",
    }
    from cranes_cli.environment import Environment, Output

    output, _ = answer(Environment(Output(sys.stdout), None, None, env))  # type: ignore[misc]
    # zsh's script single-quotes the list, where '' is no apostrophe at all (spaces are
    # escaped for _describe).
    assert "squirrel’s\\\\ note" in output
    assert "''" not in output


# ---------------------------------------------------------------------------------------
# Real-world misspellings and transliterations: (as typed, who it means, the card's name).
# Transliterations are the usual romanisations (French, German, English, Library of
# Congress); misspellings are one or two slips of the kind search engines log.

SPELLINGS = [
    ("Samoylova", "Tatiana Samoilova"),
    ("Samojlova", "Tatiana Samoilova"),
    ("Самойлова", "Tatiana Samoilova"),
    ("Tatyana Samoylova", "Tatiana Samoilova"),
    ("Samoilva", "Tatiana Samoilova"),
    ("Samoilov", "Tatiana Samoilova"),
    ("Batalow", "Aleksey Batalov"),
    ("Alexei Batalov", "Aleksey Batalov"),
    ("Баталов", "Aleksey Batalov"),
    ("Batlaov", "Aleksey Batalov"),
    ("Kalatosov", "Mikhail Kalatozov"),
    ("Калатозов", "Mikhail Kalatozov"),
    ("Kalatozishvili", "Mikhail Kalatozov"),
    ("Urusevskiy", "Sergey Urusevsky"),
    ("Ouroussevski", "Sergey Urusevsky"),
    ("Урусевский", "Sergey Urusevsky"),
    ("Weinberg", "Moisey Vaynberg"),
    ("Vainberg", "Moisey Vaynberg"),
    ("Вайнберг", "Moisey Vaynberg"),
    ("Merkuriev", "Vasili Merkuryev"),
    ("Меркурьев", "Vasili Merkuryev"),
    ("Veronica", "Veronika"),
    ("Veronkia", "Veronika"),
    ("Вероника", "Veronika"),
    ("Squirel", "Veronika"),
    ("Белка", "Veronika"),
    ("Fedor", "Fyodor Ivanovich"),
    ("Федор Иванович", "Fyodor Ivanovich"),
    ("Mrak", "Mark"),
    ("Boirs", "Boris"),
    ("Borozdina", "Irina"),
    ("Бороздина", "Irina"),
    ("Irena", "Irina"),
    ("Volodia", "Volodya"),
    ("Tyernov", "Chernov"),
    ("Tchernov", "Chernov"),
    ("Kokovkine", "Boris Kokovkin"),
    ("Haritonova", "Svetlana Kharitonova"),
    ("Timofeeva", "Mariya Timofeyeva"),
    ("Evgeni Svidetelev", "Yevgeny Svidetelev"),
    ("Kuprianova", "Yekaterina Kupriyanova"),
    ("Шворин", "Aleksandr Shvorin"),
    ("Babushka", "Grandmother"),
]


def _records_of(dataset: Dataset, name: str) -> list[str]:
    """The key paths of the records of a person or character, by the name on their card."""
    paths = [f"cast[{i}]" for i, member in enumerate(dataset.cast) if member.name == name]
    paths += [f"crew[{i}]" for i, member in enumerate(dataset.crew) if member.name == name]
    paths += [f"characters[{i}]" for i, character in enumerate(dataset.characters) if character.name == name]
    assert paths, name
    return paths


def test_the_list_is_long_and_in_both_scripts() -> None:
    assert len(SPELLINGS) >= 30
    cyrillic = [typed for typed, _ in SPELLINGS if not typed.isascii()]
    assert len(cyrillic) >= 10
    assert len({name for _, name in SPELLINGS}) >= 20


@pytest.mark.parametrize(("typed", "name"), SPELLINGS)
def test_who_finds_each_spelling(dataset: Dataset, typed: str, name: str) -> None:
    assert people.who(dataset, typed).name == name


@pytest.mark.parametrize(("typed", "name"), SPELLINGS)
def test_search_puts_each_spelling_near_the_top(dataset: Dataset, typed: str, name: str) -> None:
    records = _records_of(dataset, name)
    top = [hit.entry.record for hit in search.search(dataset, typed)[:3]]
    assert any(record.startswith(tuple(records)) for record in top), top


# Typer offers only values that start with what was typed, so completion is checked on the
# first three letters. These begin with a slip, or with a spelling the film file does not
# have (Федор for Фёдор, Haritonova), and complete nothing, rather than someone else.
UNCOMPLETABLE = {"Mrak", "Boirs", "Irena", "Tchernov", "Федор Иванович", "Haritonova"}


@pytest.mark.parametrize(("typed", "name"), SPELLINGS)
def test_completion_offers_each_spelling_from_its_first_letters(
    dataset: Dataset, document: dict[str, Any], typed: str, name: str
) -> None:
    offered = completion.names(document, typed[:3])
    if typed in UNCOMPLETABLE:
        assert not any(name in what for _, what in offered)
        return
    assert any(what.endswith(f": {name}") for _, what in offered), offered
    if typed in completion.spellings(document):  # a spelling the film file has is offered whole
        assert typed in dict(completion.names(document, typed[:4]))


def test_unknown_names_still_fail(dataset: Dataset) -> None:
    with pytest.raises(NotFound):
        people.who(dataset, "Zhivago")


def test_who_on_the_command_line_takes_the_swapped_spelling(invoke: Invoke) -> None:
    result = invoke("who", "Veronkia")
    assert result.exit_code == 0, result.stderr
    assert "Veronika" in result.stdout
