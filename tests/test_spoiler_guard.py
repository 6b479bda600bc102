"""The spoiler guard on the command line: every command, for every act, against the words that
first appear in later acts; --up-to-act and $CRANES_UP_TO_ACT; bad values."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cranes_cli.core import completion, search, spoilers, text
from cranes_cli.film import load
from cranes_cli.film.model import Act, Dataset

from .conftest import DATA_FILE, Invoke

ACTS = range(1, 6)  # act 6 is the whole film: nothing left to hide


@cache
def film() -> Dataset:
    return load.load_path(DATA_FILE)


@pytest.fixture(autouse=True)
def _bundled_film_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands here load the bundled film hundreds of times; parsing and validating it
    was four fifths of this file's run time, and is tested elsewhere."""
    real = load.load_path
    monkeypatch.setattr(load, "load_path", lambda path=None: film() if path is None else real(path))


def keys(*texts: str | None) -> set[str]:
    return {word.key for part in texts if part for word in text.words(part)}


def _act_words(act: Act) -> set[str]:
    return keys(act.title, act.when, act.where, *(beat.text for beat in act.beats))


@cache
def _always_shown() -> frozenset[str]:
    """Words of the parts of the file that tell no story: titles, crew, awards, facts, releases,
    the ids of facts and quiz questions (the quiz's JSON shows them) and the bibliography."""
    dataset = film()
    untold = dataclasses.replace(
        dataset, cast=(), characters=(), acts=(), film=dataclasses.replace(dataset.film, synopsis=None)
    )
    ids = [fact.id for fact in dataset.facts] + [question.id for question in dataset.quiz]
    quoted = _quoted(dataclasses.replace(untold, facts=tuple(f for f in dataset.facts if f.act is None)))
    return frozenset(keys(*(entry.text for entry in search.index(untold)), *ids, *quoted)) | _citations()


def _quoted(value: object) -> list[str]:
    """The evidence quotes and glosses in ``value``: the words of a source on a record that
    tells no story (a fact with no act, an award, a release), shown with it by --json."""
    if isinstance(value, tuple):
        return [text for item in value for text in _quoted(item)]
    if not dataclasses.is_dataclass(value):
        return []
    if type(value).__name__ == "Evidence":
        return [value.quote, value.gloss or ""]  # type: ignore[attr-defined]
    return [text for field in dataclasses.fields(value) for text in _quoted(getattr(value, field.name))]


@cache
def _citations() -> frozenset[str]:
    """Words of the bibliography (titles of articles, sites, addresses), which --cite and the
    JSON of facts show: what a source is, not what happens in the film."""
    texts = [
        value
        for entry in film().bibliography
        for value in (getattr(entry, field.name) for field in dataclasses.fields(entry))
        if isinstance(value, str)
    ]
    return frozenset(keys(*texts))


@cache
def later_words(act: int) -> frozenset[str]:
    """Words that first appear in the acts after ``act``: in their titles, times, places and
    beats, and nowhere the guarded film may show them (the acts up to ``act``, the names and
    relations of the characters met by then, and the parts that tell no story). Short words
    (he, be, boy) say nothing on their own and are left out."""
    dataset = film()
    allowed = set(_always_shown())
    for earlier in dataset.acts[:act]:
        allowed |= _act_words(earlier)
    seen = spoilers.as_of_act(dataset, act)
    for character in seen.characters:
        allowed |= keys(character.name, character.cyrillic, character.full_name, character.full_name_cyrillic)
        allowed |= keys(*character.aliases, *(n.name for n in character.nicknames))
        allowed |= keys(*(n.cyrillic for n in character.nicknames))
        allowed |= keys(*(relation.label for relation in character.relations))
    for member in seen.cast:
        allowed |= keys(member.name, member.cyrillic, *member.aliases)
    later: set[str] = set()
    for after in dataset.acts[act:]:
        later |= _act_words(after)
    told_later = set().union(*(keys(words) for number, words in STORY_WORDS.items() if number > act))
    # The names of the characters who first appear later (in a beat: one in none cannot be
    # placed), except where the bibliography says what a source supports (--cite, JSON).
    first = spoilers.first_acts(dataset)
    met = keys(*(c.name for c in seen.characters), *(a for c in seen.characters for a in c.aliases))
    for character in dataset.characters:
        if first.get(character.id, 0) > act:
            told_later |= {word for word in keys(character.name) if len(word) >= 4} - met
    return frozenset(word for word in later - allowed if len(word) >= 4) | (told_later - _citations())


UNTOLD = ("awards", "crew")

# Words of what happens in each act, checked everywhere, even in the parts that tell no story
# (facts, notes): a fact about how a scene was shot must not give the scene away.
STORY_WORDS = {
    2: "dies killed kills raid scouting Volodya",
    3: "rapes marries marriage wife husband betrayal",
    4: "Siberia evacuated evacuation guilt nurses railway",
    5: "mistress forgives foundling",
    6: "victory homecoming",
}


def test_the_later_words_are_the_spoilers_one_expects() -> None:
    # Read off data/film.toml: the marriage is in act 3, Siberia in act 4, the note in act 5,
    # the victory in act 6; Stepan signs up with Boris in act 1.
    assert {"rapes", "maries"} <= later_words(2)
    assert {"siberia", "evacuated"} <= later_words(3)
    assert {"mistres", "forgives"} <= later_words(4)
    assert {"victori", "homecoming"} <= later_words(5)
    assert "stepan" not in later_words(1)
    assert "veronika" not in later_words(1)


# Later words the guarded output may show, each checked by hand: what they say there is true
# by the act shown. (The word list is made by machine; these are its false alarms.)
REVIEWED = {
    "begins": "Boris volunteers 'as soon as the war begins', in act 1",
    "front": "Boris volunteers 'for the front', in act 1; act 2 is the first set there",
    "gift": "Grandmother hands Veronika Boris's 'parting gift', in act 1",
    "stays": "Mark 'stays in Moscow' when Boris leaves, from act 2",
    "unit": "Volodya is 'a soldier in Boris's unit', in act 2",
    "forget": "Irina 'never lets Veronika forget the marriage', from act 3",
    "another": "a cast note: one database credits Volodya's role to 'another actor'",
    "once": "a quiz explanation: the Palme d'Or went to a Soviet film 'only once'",
    "back": "a note on where a name comes from: 'spelt back from the English'",
    "come": "a note on where a name comes from: 'patronymic and surname come from the play'",
    "comes": "a note on where a name comes from: 'her full name comes from the play'",
    "family": "a heading and a JSON key (family, the Borozdin family)",
    "path": "a JSON key of search results (path)",
}
_REVIEWED_KEYS = frozenset(keys(*REVIEWED))


def leaks(output: str, act: int) -> set[str]:
    return keys(output) & later_words(act) - _REVIEWED_KEYS


def _commands(act: int) -> list[list[str]]:
    seen = spoilers.as_of_act(film(), act)
    listed = [
        ["info"],
        ["facts"],
        ["awards"],
        ["crew"],
        ["cast"],
        ["plot"],
        ["characters"],
        ["timeline"],
        ["timeline", "--history"],
        ["graph"],
        ["graph", "--format", "dot"],
        ["quiz", "--handout", "--seed", "1"],
        ["quiz", "--export", "csv", "--seed", "1"],  # every text of every question, explanations too
        *(["who", character.name] for character in seen.characters),
        ["who", seen.cast[-1].name],  # a person's card: the same character lines, and awards
    ]
    with_json = [[*args, "--json"] for args in listed if args[0] != "quiz"]
    return listed + with_json + [["graph", "--json"], ["quiz", "--json", "--seed", "1"]]


def _every_question(invoke: Invoke, args: list[str], act: int) -> list[str]:
    """A quiz command asking for every question there is within the guard."""
    if args[0] != "quiz":
        return args
    refused = invoke(*args, "--count", "100000", "--up-to-act", str(act)).stderr
    found = re.search(r"only (\d+) questions", refused)
    return [*args, "--count", found.group(1) if found else "100000"]


@pytest.mark.parametrize("act", ACTS)
def test_no_command_shows_a_word_from_a_later_act(invoke: Invoke, act: int) -> None:
    for args in _commands(act):
        args = _every_question(invoke, args, act)
        if args[0] in UNTOLD:  # no --up-to-act: they tell no story, so only the variable applies
            result = invoke(*args, env={"COLUMNS": "200", "CRANES_UP_TO_ACT": str(act)})
        else:
            result = invoke(*args, "--up-to-act", str(act), env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.stderr)
        assert not leaks(result.stdout, act), (args, leaks(result.stdout, act))


@pytest.mark.parametrize("act", ACTS)
def test_searching_for_a_later_word_finds_nothing_of_the_story(act: int) -> None:
    """Every later word, searched in core (what search prints is each hit's place and text)."""
    entries = search.index(spoilers.as_of_act(film(), act))
    for word in sorted(later_words(act)):
        for hit in search.rank(entries, [word]):
            assert not leaks(f"{hit.entry.where} {hit.entry.text}", act), (word, hit.entry.path)


@pytest.mark.parametrize("act", ACTS)
def test_search_on_the_command_line_is_guarded(invoke: Invoke, act: int) -> None:
    for word in ("squirrel", "Boris", "Mark", "war", *sorted(later_words(act))[:3]):
        for extra in ((), ("--json",)):
            result = invoke("search", word, "--up-to-act", str(act), "--limit", "99", *extra)
            assert result.exit_code in (0, 1), result.stderr
            assert not leaks(result.stdout, act), (word, leaks(result.stdout, act))


def test_the_guard_does_hide_something(invoke: Invoke) -> None:
    """The battery above would pass on empty output: without the guard the same commands
    show the later words."""
    for args in (["plot"], ["cast"], ["characters"], ["graph", "--json"], ["timeline"]):
        assert leaks(invoke(*args, env={"COLUMNS": "200"}).stdout, 1), args


@pytest.mark.parametrize(
    "args", [["plot"], ["cast", "--json"], ["who", "Mark"], ["graph", "--json"], ["search", "squirrel"]]
)
def test_the_environment_variable_is_the_option(invoke: Invoke, args: list[str]) -> None:
    by_option = invoke(*args, "--up-to-act", "2")
    by_variable = invoke(*args, env={"CRANES_UP_TO_ACT": "2"})
    assert by_option.exit_code == by_variable.exit_code == 0
    assert by_option.stdout == by_variable.stdout
    assert by_option.stdout != invoke(*args).stdout


def test_the_option_wins_over_the_variable(invoke: Invoke) -> None:
    result = invoke("plot", "--up-to-act", "3", "--json", env={"CRANES_UP_TO_ACT": "1"})
    assert [act["number"] for act in json.loads(result.stdout)["acts"]] == [1, 2, 3]


@pytest.mark.parametrize("value", ["0", "7", "99999"])
def test_an_act_that_does_not_exist_is_a_usage_error(invoke: Invoke, value: str) -> None:
    for env in ({}, {"CRANES_UP_TO_ACT": value}):
        args = ["cast"] if env else ["cast", "--up-to-act", value]
        result = invoke(*args, env=env)
        assert result.exit_code == 2
        assert result.stderr.startswith("cranes: there is no act")
        assert result.stdout == ""


@pytest.mark.parametrize("value", ["two", "-1", "1.5", "\x1b[31m3"])
def test_a_variable_that_is_no_number_is_a_usage_error(invoke: Invoke, value: str) -> None:
    result = invoke("plot", env={"CRANES_UP_TO_ACT": value})
    assert result.exit_code == 2
    assert result.stderr.startswith("cranes: $CRANES_UP_TO_ACT must be an act number")
    assert "\x1b" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_an_empty_variable_is_no_guard(invoke: Invoke) -> None:
    assert invoke("plot", env={"CRANES_UP_TO_ACT": ""}).stdout == invoke("plot").stdout


def test_plot_counts_the_whole_film_and_refuses_a_later_act(invoke: Invoke) -> None:
    result = invoke("plot", "--up-to-act", "2")
    assert "Act 2 of 6" in result.stdout and "Act 3" not in result.stdout
    result = invoke("plot", "--act", "4", "--up-to-act", "2")
    assert result.exit_code == 2
    assert result.stderr == "cranes: act 4 comes after the spoiler guard: acts 1 to 2 can be shown\n"
    assert invoke("plot", "--act", "2", "--up-to-act", "2").exit_code == 0


def test_a_name_hidden_by_the_guard_says_so(invoke: Invoke) -> None:
    result = invoke("who", "Chernov", "--up-to-act", "3")
    assert result.exit_code == 1
    assert result.stderr.endswith("; the spoiler guard hides what comes after act 3\n")
    assert invoke("who", "Chernov").exit_code == 0


def test_the_boy_has_no_name_before_act_5(invoke: Invoke) -> None:
    card = json.loads(invoke("who", "the", "boy", "--up-to-act", "4", "--json").stdout)
    assert card["name"] == "The boy"
    assert "Boris" not in json.dumps(card["character"], ensure_ascii=False)


def test_graph_json_lists_nodes_and_edges(invoke: Invoke, dataset: Dataset) -> None:
    document = json.loads(invoke("graph", "--json").stdout)
    assert document["schema_version"] == 1
    assert [node["id"] for node in document["nodes"]] == [c.id for c in dataset.characters]
    expected = [
        (c.id, r.target, r.kind, r.label, r.since_act) for c in dataset.characters for r in c.relations
    ]
    edges = [(e["source"], e["target"], e["kind"], e["label"], e["since_act"]) for e in document["edges"]]
    assert edges == expected


def test_quiz_takes_the_variable_too(invoke: Invoke) -> None:
    by_variable = invoke("quiz", "--json", "--seed", "4", env={"CRANES_UP_TO_ACT": "1"})
    by_option = invoke("quiz", "--json", "--seed", "4", "--up-to-act", "1")
    assert by_variable.stdout == by_option.stdout


# ---------------------------------------------------------------------------------------
# Completion offers no name or act title from later acts either.


def test_completion_offers_only_the_characters_met_so_far(document: dict[str, Any]) -> None:
    assert dict(completion.names(document, "Cher")) == {"Chernov": "character: Chernov"}
    assert completion.names(document, "Cher", up_to_act=4) == []
    assert dict(completion.names(document, "St", up_to_act=1)) == {"Stepan": "character: Stepan"}
    assert "Konstantin Nikitin" not in dict(completion.names(document, "Kon", up_to_act=1))  # plays Volodya
    assert "Konstantin Nikitin" in dict(completion.names(document, "Kon", up_to_act=2))
    assert dict(completion.names(document, "Mikh", up_to_act=1))  # the crew tell no story


def test_completion_offers_a_name_as_the_film_has_given_it(document: dict[str, Any]) -> None:
    assert completion.names(document, "The", up_to_act=4) == [("The boy", "character: The boy")]
    assert "Boris, the boy" not in dict(completion.names(document, "Bor", up_to_act=4))
    assert "Boris, the boy" in dict(completion.names(document, "Bor", up_to_act=5))


def test_completion_offers_only_the_acts_shown(document: dict[str, Any]) -> None:
    assert [number for number, _ in completion.acts(document, "", up_to_act=2)] == ["1", "2"]


@pytest.mark.parametrize(
    ("line", "variable"),
    [
        ("cranes who --up-to-act 2 Cher", None),
        ("cranes who --up-to-act 4 Bor", None),
        ("cranes plot --up-to-act 2 --act ", None),
        ("cranes who Cher", "2"),
        ("cranes search --up-to-act 6 St", "2"),
    ],
)
@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_under_the_guard_answers_as_typer_does(
    shell: str, line: str, variable: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_completion import ask, environment, same, typer_answer

    env = environment(shell, line)
    if variable is not None:
        env["CRANES_UP_TO_ACT"] = variable
    fast = ask(env)
    assert fast is not None
    assert same(fast, typer_answer(env, monkeypatch))
    assert ("Stepan" in fast[0]) == line.startswith("cranes search --up-to-act 6")


def test_a_fact_that_gives_a_scene_away_waits_for_its_act(invoke: Invoke) -> None:
    """Facts are marked by hand with the act they give away (data/film.toml, facts' act)."""

    def facts(act: int) -> str:
        return invoke("facts", "--up-to-act", str(act), env={"COLUMNS": "300"}).stdout

    # The one fact marked with an act is Merkuryev's: Fyodor Ivanovich is at home in the
    # opening part, when Boris leaves, so the fact shows from act 1.
    assert "who plays Fyodor Ivanovich" in facts(1)
    shown = invoke("search", "Alexandrinsky", "--up-to-act", "1")
    assert shown.exit_code == 0 and "Merkuryev" in shown.stdout
    facts_json = json.loads(invoke("facts", "--json").stdout)["facts"]
    acts = {fact["id"]: fact["act"] for fact in facts_json if fact["act"] is not None}
    assert acts == {"merkuryev-stage": 1}


def test_a_fact_act_must_be_an_act(document: dict[str, Any]) -> None:
    document["facts"][0]["act"] = 7
    assert [(p.path, p.message) for p in load.validate(document)] == [
        ("facts[0].act", "expected an act number from 1 to 6, found 7")
    ]


@pytest.mark.parametrize("options", [["--missed"], ["--due"], ["--again", "--seed", "1"], []])
def test_a_guard_past_the_last_act_is_refused_before_the_history_is_read(
    options: list[str], invoke: Invoke, tmp_path: Path
) -> None:
    """Exit 2 naming the acts, and the history neither read nor created."""
    result = invoke("quiz", *options, "--up-to-act", "99", env={"CRANES_HOME": str(tmp_path)}, input="")
    assert (result.exit_code, result.stderr) == (
        2,
        "cranes: there is no act 99 to stop at: acts run from 1 to 6\n",
    )
    assert list(tmp_path.iterdir()) == []
