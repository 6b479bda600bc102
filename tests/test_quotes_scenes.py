"""Quotes and scenes: sourced with evidence, checked by validate, shown by their commands,
found by search, guarded by --up-to-act, and asked by the quiz under its rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cranes_cli.core.quiz import question_pool
from cranes_cli.core.text import query_keys
from cranes_cli.film import load
from cranes_cli.film.model import Dataset

from .conftest import ROOT, Invoke
from .toml_writer import dumps

QUOTE_KINDS = ("who-says", "which-scene", "how-shot")
CYRILLIC = re.compile("[\u0400-\u04ff]")


# --- the data ------------------------------------------------------------------------------


def test_the_film_has_enough_quotes_and_scenes(dataset: Dataset) -> None:
    assert len(dataset.quotes) >= 20
    assert len(dataset.scenes) >= 10


@pytest.mark.parametrize("section", ["quotes", "scenes"])
def test_every_quote_and_scene_has_sources_and_evidence_from_each(dataset: Dataset, section: str) -> None:
    languages = {entry.key: entry.language for entry in dataset.bibliography}
    for record in getattr(dataset, section):
        assert record.sources, record.id
        evidenced = {evidence.source for evidence in record.evidence}
        assert evidenced == set(record.sources), record.id  # every source quoted, nothing else
        for evidence in record.evidence:
            assert evidence.quote.strip(), record.id
            assert len(evidence.quote.split()) <= 45, (record.id, evidence.quote)  # "at most ~40 words"
            if languages[evidence.source] != "English":
                assert evidence.gloss, (record.id, evidence.source)


def test_quotes_are_russian_with_an_english_translation_and_short(dataset: Dataset) -> None:
    for quote in dataset.quotes:
        assert CYRILLIC.search(quote.text), quote.id
        assert not CYRILLIC.search(quote.translation), quote.id
        assert len(re.findall(r"[.!?…]+(?:\s|$)", quote.text.strip())) <= 2, quote.id  # one or two sentences


def test_a_quote_sits_in_a_scene_of_its_act(dataset: Dataset) -> None:
    scenes = {scene.id: scene for scene in dataset.scenes}
    for quote in dataset.quotes:
        assert quote.scene in scenes, quote.id
        assert scenes[quote.scene].act == quote.act, quote.id


def test_the_example_film_has_quotes_and_scenes() -> None:
    example = load.load_path(ROOT / "examples" / "the-lighthouse-keepers.toml")
    assert len(example.quotes) >= 2 and len(example.scenes) >= 2
    assert {quote.source_text for quote in example.quotes} == {"film", "play"}


# --- validate ------------------------------------------------------------------------------


def _problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(problem.path, problem.message) for problem in load.validate(document)]


def test_validate_accepts_the_bundled_quotes_and_scenes(document: dict[str, Any]) -> None:
    assert _problems(document) == []


def test_a_quote_that_names_its_own_speaker_is_refused(document: dict[str, Any]) -> None:
    index = next(i for i, q in enumerate(document["quotes"]) if q["speaker"] == "grandmother")
    document["quotes"][index]["text"] = "Бабушка тоже пойдёт."
    assert (f"quotes[{index}].text", "names its own speaker (бабушка)") in _problems(document)


def test_a_translation_that_names_its_own_speaker_is_refused(document: dict[str, Any]) -> None:
    """The quiz shows the translation beside the line: it must not give the speaker away either."""
    index = next(i for i, q in enumerate(document["quotes"]) if q["speaker"] == "boris")
    document["quotes"][index]["translation"] = "I, Boris, was digging trenches."
    assert (f"quotes[{index}].translation", "names its own speaker (boris)") in _problems(document)


def test_a_quote_in_another_act_than_its_scene_is_refused(document: dict[str, Any]) -> None:
    document["quotes"][0]["act"] = 2
    problems = _problems(document)
    assert any(path == "quotes[0].act" and "expected 1" in message for path, message in problems)


def test_a_line_of_the_film_cannot_sit_in_a_scene_of_the_play(document: dict[str, Any]) -> None:
    index = next(i for i, q in enumerate(document["quotes"]) if q.get("source_text") == "play")
    document["quotes"][index]["source_text"] = "film"
    assert any(path == f"quotes[{index}].scene" for path, _ in _problems(document))


def test_references_ids_and_acts_are_checked(document: dict[str, Any]) -> None:
    document["quotes"][0]["speaker"] = "fyodr"
    document["quotes"][1]["scene"] = "no-such-scene"
    document["scenes"][1]["id"] = document["scenes"][0]["id"]
    document["scenes"][2]["characters"] = ["nobody"]
    document["scenes"][3]["act"] = 9
    problems = dict(_problems(document))
    assert problems["quotes[0].speaker"] == "no character 'fyodr' (did you mean 'fyodor'?)"
    assert problems["quotes[1].scene"].startswith("no scene 'no-such-scene'")
    assert problems["scenes[1].id"].startswith("duplicate id")
    assert problems["scenes[2].characters[0]"] == "no character 'nobody'"
    assert problems["scenes[3].act"] == "expected an act number from 1 to 6, found 9"


def test_a_bad_file_is_reported_on_the_command_line(
    invoke: Invoke, tmp_path: Path, document: dict[str, Any]
) -> None:
    document["quotes"][0]["speaker"] = "nobody"
    path = tmp_path / "film.toml"
    path.write_text(dumps(document), encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert "quotes[0].speaker" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- the commands --------------------------------------------------------------------------


def test_quotes_act_shows_only_that_act(invoke_json: Any, dataset: Dataset) -> None:
    shown = invoke_json("quotes", "--act", "1")["quotes"]
    assert [q["id"] for q in shown] == [q.id for q in dataset.quotes if q.act == 1]
    assert {q["act"] for q in shown} == {1}


def test_quotes_json_names_speaker_scene_and_sources(invoke_json: Any) -> None:
    document = invoke_json("quotes")
    first = document["quotes"][0]
    assert first["speaker"] == {"id": "fyodor", "name": "Fyodor Ivanovich", "cyrillic": "Фёдор Иванович"}
    assert first["scene"] == {"id": "sunday-war-news", "title": "Sunday morning and the news of war"}
    assert {s["key"] for s in document["sources"]} >= set(first["sources"])


def test_scenes_list_their_quotes(invoke_json: Any, dataset: Dataset) -> None:
    scenes = {s["id"]: s for s in invoke_json("scenes")["scenes"]}
    for quote in dataset.quotes:
        assert quote.id in scenes[quote.scene or ""]["quotes"]


def test_one_scene_by_words_of_its_title(invoke: Invoke) -> None:
    result = invoke("scenes", "birches")
    assert result.exit_code == 0
    assert "Boris's death among the birches" in result.stdout
    assert "circular rails" in result.stdout and "Помогите" in result.stdout


def test_an_ambiguous_or_unknown_scene_is_one_line_and_exit_1(invoke: Invoke) -> None:
    for words in ("stair", "xyzzy"):
        result = invoke("scenes", words)
        assert result.exit_code == 1
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [["quotes", "--act", "9"], ["quotes", "--act", "0"]])
def test_an_act_that_does_not_exist_is_a_usage_error(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "cranes: there is no act " + args[-1] + ": acts run from 1 to 6\n"


def test_play_lines_are_marked_and_explained(invoke: Invoke) -> None:
    output = invoke("quotes").stdout
    assert "(play)" in output
    assert "from Viktor Rozov's play «Вечно живые»; the film's own wording may differ." in output


# --- the spoiler guard ---------------------------------------------------------------------


@pytest.mark.parametrize("act", range(1, 7))
def test_the_guard_hides_later_quotes_and_scenes(invoke_json: Any, act: int, dataset: Dataset) -> None:
    quotes = invoke_json("quotes", "--up-to-act", str(act))["quotes"]
    scenes = invoke_json("scenes", "--up-to-act", str(act))["scenes"]
    assert quotes and all(q["act"] <= act for q in quotes)
    assert scenes and all(s["act"] <= act for s in scenes)
    assert {s["id"] for s in scenes} == {s.id for s in dataset.scenes if s.act <= act}


def test_quotes_act_after_the_guard_is_refused(invoke: Invoke) -> None:
    result = invoke("quotes", "--act", "4", "--up-to-act", "2")
    assert result.exit_code == 2
    assert result.stderr == "cranes: act 4 comes after the spoiler guard: acts 1 to 2 can be shown\n"


def test_a_later_scene_is_not_found_under_the_guard(invoke: Invoke) -> None:
    assert invoke("scenes", "birches").exit_code == 0
    result = invoke("scenes", "birches", "--up-to-act", "1")
    assert result.exit_code == 1
    assert result.stderr.endswith("the spoiler guard hides what comes after act 1\n")


def test_who_and_timeline_are_guarded_too(invoke_json: Any) -> None:
    card = invoke_json("who", "Boris", "--up-to-act", "1")
    assert {q["act"] for q in card["quotes"]} == {1} and {s["act"] for s in card["scenes"]} == {1}
    assert {q["act"] for q in invoke_json("who", "Boris")["quotes"]} == {1, 5}
    story = invoke_json("timeline", "--up-to-act", "2")["story"]
    assert "death-among-the-birches" in [m["scene"] for m in story]
    assert "night-of-the-raid" not in [m["scene"] for m in story]


# --- search --------------------------------------------------------------------------------


def test_search_finds_a_quote_by_a_russian_word(invoke_json: Any) -> None:
    results = invoke_json("search", "родителей")["results"]
    assert results[0]["path"] == "quotes[0].text"


def test_search_finds_a_quote_by_a_misspelt_english_word(invoke_json: Any) -> None:
    results = invoke_json("search", "blockheds")["results"]  # blockheads
    assert [r["path"] for r in results] == ["quotes[0].translation"]


def test_search_finds_scenes_and_is_guarded(invoke_json: Any, invoke: Invoke) -> None:
    paths = [r["path"] for r in invoke_json("search", "circular", "rails")["results"]]
    assert any(path.startswith("scenes[") for path in paths)
    guarded = invoke("search", "circular", "rails", "--up-to-act", "1", "--json").stdout
    assert "scenes[" not in guarded  # the scene among the birches is in act 2


# --- completion ----------------------------------------------------------------------------


def test_completion_offers_scene_ids_and_title_words() -> None:
    from cranes_cli.core import completion

    path = ROOT / "data" / "film.toml"
    document = load.parse_toml(path.read_text(encoding="utf-8"), str(path))
    ids = [value for value, _ in completion.scenes(document, "the-")]
    assert ids == ["the-staircase"]
    assert completion.scenes(document, "stair") == [
        ("staircase", "The run up the staircase (the-staircase)"),
        ("stairs", "The stairs of the bombed house (burning-stairs)"),
    ]
    later = [value for value, _ in completion.scenes(document, "", up_to_act=1)]
    assert "death-among-the-birches" not in later and "cranes-at-dawn" in later


# --- the quiz ------------------------------------------------------------------------------


def _quote_questions(dataset: Dataset, act: int | None = None) -> list[Any]:
    return [q for q in question_pool(dataset, act) if q.kind in QUOTE_KINDS]


def test_the_pool_has_at_least_eight_quote_questions(dataset: Dataset) -> None:
    pool = _quote_questions(dataset)
    assert len([q for q in pool if q.kind == "who-says"]) >= 8
    assert {q.kind for q in pool} == set(QUOTE_KINDS)


def test_who_says_offers_characters_of_the_speakers_gender(dataset: Dataset) -> None:
    by_name = {character.name: character for character in dataset.characters}
    by_name["The grandmother"] = by_name["Grandmother"]
    by_name["The boy Boris"] = by_name["Boris, the boy"]
    quotes = {quote.id: quote for quote in dataset.quotes}
    for question in _quote_questions(dataset):
        if question.kind != "who-says" or question.is_true_false:
            continue
        quote = quotes[question.id.partition(":")[2]]
        genders = {by_name[option].gender for option in question.options}
        assert genders == {dataset.character(quote.speaker).gender}, question.id
        for option in question.options:  # no option the line itself names
            names = set(query_keys(by_name[option].cyrillic or "")) | set(query_keys(by_name[option].name))
            assert names.isdisjoint(query_keys(quote.text)), (question.id, option)


@pytest.mark.parametrize("act", range(1, 7))
def test_no_quote_question_gives_away_a_later_act(dataset: Dataset, act: int) -> None:
    later = [q for q in dataset.quotes if q.act > act] + [s for s in dataset.scenes if s.act > act]
    for question in _quote_questions(dataset, act):
        assert question.act is not None and question.act <= act, question.id
        texts = " ".join((question.prompt, question.explanation, *question.options))
        for record in later:
            shown = getattr(record, "text", None) or record.title
            assert shown not in texts, (question.id, record.id)


def test_quote_questions_reach_the_command_line(invoke: Invoke) -> None:
    refused = invoke("quiz", "--json", "--count", "100000", "--seed", "3").stderr
    count = re.search(r"only (\d+) questions", refused)
    assert count is not None, refused
    result = invoke("quiz", "--json", "--count", count.group(1), "--seed", "3")
    ids = [q["id"] for q in json.loads(result.stdout)["results"]]
    assert {i.split(":")[0] for i in ids} >= set(QUOTE_KINDS)


def test_the_shell_is_offered_scene_words_within_the_guard(invoke: Invoke) -> None:
    from .test_completion import environment

    offered = invoke(env=environment("bash", "cranes scenes bir")).stdout.split()
    assert offered == ["birches"]
    guarded = invoke(env=environment("bash", "cranes scenes --up-to-act 1 bir")).stdout.split()
    assert guarded == []


def _character_acts(dataset: Dataset) -> dict[str, int]:
    """The act by which the story shows each character (the test's own count): the first beat
    they are in, else the first scene or line that has them."""
    known: dict[str, int] = {}
    for act in dataset.acts:
        for beat in act.beats:
            for character in beat.characters:
                known.setdefault(character, act.number)
    later = [(s.act, c) for s in dataset.scenes for c in s.characters]
    later += [(q.act, q.speaker) for q in dataset.quotes]
    for act, character in sorted(later):
        known.setdefault(character, act)
    return known


def test_who_says_is_multiple_choice_among_characters_known_when_the_line_is_said(dataset: Dataset) -> None:
    """Never a true/false 'X says …' (told by its form); every option already in the story."""
    by_name = {character.name: character for character in dataset.characters}
    by_name["The grandmother"] = by_name["Grandmother"]
    quotes = {quote.id: quote for quote in dataset.quotes}
    known = _character_acts(dataset)
    for act in (None, *range(1, 7)):
        for question in _quote_questions(dataset, act):
            assert not question.is_true_false, question.id
            if question.kind == "who-says":
                quote = quotes[question.id.partition(":")[2]]
                for option in question.options:
                    assert known[by_name[option].id] <= quote.act, (question.id, option)


def test_a_quote_question_is_the_same_under_every_guard_that_shows_it(dataset: Dataset) -> None:
    whole = {q.id: q for q in _quote_questions(dataset)}
    for act in range(1, 7):
        for question in _quote_questions(dataset, act):
            same = whole[question.id]
            assert (set(question.options), question.difficulty) == (set(same.options), same.difficulty), act


def test_quote_explanations_place_the_line_and_never_name_an_act(dataset: Dataset) -> None:
    scenes = {scene.id: scene for scene in dataset.scenes}
    quotes = {quote.id: quote for quote in dataset.quotes}
    for question in _quote_questions(dataset):
        assert not re.search(r"\bact \d", question.explanation), question.id
        if question.kind == "who-says":
            quote = quotes[question.id.partition(":")[2]]
            assert quote.text not in question.explanation and quote.translation not in question.explanation
            place = scenes[quote.scene or ""].place or ""
            assert place.lower()[1:] in question.explanation.lower(), question.id
            if quote.source_text == "play":
                assert "Rozov's play" in question.prompt, question.id


def test_a_quiz_never_holds_two_lines_of_one_speaker_in_one_scene(dataset: Dataset) -> None:
    """Boris's note in the squirrel: one line of it told tells who wrote the others."""
    from cranes_cli.core.quiz import make_quiz

    quotes = {quote.id: quote for quote in dataset.quotes}
    for seed in range(1, 41):
        made = make_quiz(dataset, seed=seed, count=25).questions
        said = [quotes[q.id.partition(":")[2]] for q in made if q.kind == "who-says"]
        pairs = [(quote.scene, quote.speaker) for quote in said]
        assert len(pairs) == len(set(pairs)), (seed, [quote.id for quote in said])
        asked_scenes = {q.id.partition(":")[2] for q in made if q.kind == "which-scene"}
        assert asked_scenes.isdisjoint(quote.scene for quote in said), seed


def test_a_line_in_another_language_than_russian_is_quoted_in_english_marks() -> None:
    """House style: «…» for Russian only. The example's French line, with enough keepers to ask."""
    path = ROOT / "examples" / "the-lighthouse-keepers.toml"
    document = load.parse_toml(path.read_text(encoding="utf-8"), str(path))
    for name in ("Yann", "Loic", "Erwan"):
        document["characters"].append(
            {
                "id": name.lower(),
                "name": name,
                "gender": "male",
                "description": "A keeper.",
                "sources": ["invented"],
            }
        )
        document["acts"][0]["beats"][0]["characters"].append(name.lower())
    example = load.load_text(dumps(document))
    asked = [q for q in question_pool(example) if q.id == "who-says:thirty-winters"]
    assert len(asked) == 1 and not asked[0].is_true_false
    assert "“Trente hivers, et la lampe n'a jamais manqué une nuit.”" in asked[0].prompt
    assert "«" not in asked[0].prompt
