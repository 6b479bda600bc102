"""search, who, characters, timeline and graph: tolerance, ranking, the error paths, and
every JSON document checked against the film file itself."""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from cranes_cli.core import people, search, text
from cranes_cli.film.model import Dataset
from cranes_cli.render import graph, views

from .conftest import ROOT, Invoke


def at_path(document: dict[str, Any], path: str) -> Any:
    """Follow a jq-style key path such as ``cast[0].aliases[2]`` through a parsed document."""
    value: Any = document
    for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        value = value[key] if key else value[int(index)]
    return value


def cast_path(dataset: Dataset, actor: str) -> str:
    return f"cast[{[member.name for member in dataset.cast].index(actor)}]"


def character_path(dataset: Dataset, character_id: str) -> str:
    return f"characters[{[character.id for character in dataset.characters].index(character_id)}]"


# ---------------------------------------------------------------------------------------
# Folding: the spellings people use for the same name.


@pytest.mark.parametrize(
    "spellings",
    [
        ("Samoilova", "Samoylova", "Samojlova", "Самойлова", "SAMOILOVA"),
        ("Veronika", "Вероника", "veronika"),
        ("Fyodor", "Fedor", "Фёдор", "Федор"),
        ("Aleksey", "Alexei", "Aleksei", "Алексей"),
        ("Yevgeny", "Evgeny", "Евгений", "Evgenii"),
        ("Merkuryev", "Merkurev", "Меркурьев"),
        ("Kharitonova", "Харитонова", "Haritonova"),
        ("Urusevsky", "Urusevski", "Ouroussevski", "Урусевский"),
        ("Timofeyeva", "Timofejewa", "Тимофеева"),
        ("Mieczysław", "Mieczyslaw"),
        ("Café", "cafe"),
    ],
)
def test_spellings_of_one_name_fold_to_one_key(spellings: tuple[str, ...]) -> None:
    assert len({text.fold(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(("a", "b"), [("Boris", "Mark"), ("Irina", "Ivan"), ("Chernov", "Tyernov")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert text.fold(a) != text.fold(b)


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [("veronika", "veronica", 1, True), ("kalatozov", "kalatozof", 1, True), ("abc", "xyz", 2, False),
     ("samoilova", "samilova", 1, True), ("boris", "irina", 2, False), ("", "ab", 2, True)],
)  # fmt: skip
def test_edit_distance_bound(a: str, b: str, limit: int, expected: bool) -> None:
    assert text.within(a, b, limit) is expected


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_symmetric_and_zero_only_for_equal(a: str, b: str) -> None:
    assert text.within(a, b, 2) == text.within(b, a, 2)
    assert text.within(a, b, 0) == (a == b)


# ---------------------------------------------------------------------------------------
# search: what each spelling finds first.


@pytest.mark.parametrize(
    ("term", "record"),
    [
        ("Samoylova", lambda d: cast_path(d, "Tatiana Samoilova")),
        ("Samoilova", lambda d: cast_path(d, "Tatiana Samoilova")),
        ("Самойлова", lambda d: cast_path(d, "Tatiana Samoilova")),
        ("Tatyana Samoylova", lambda d: cast_path(d, "Tatiana Samoilova")),
        ("Вероника", lambda d: character_path(d, "veronika")),
        ("Veronica", lambda d: character_path(d, "veronika")),
        ("veronika", lambda d: character_path(d, "veronika")),
        ("Tyernov", lambda d: character_path(d, "chernov")),
        ("Чернов", lambda d: character_path(d, "chernov")),
        ("Alexei Batalov", lambda d: cast_path(d, "Aleksey Batalov")),
        ("Белка", lambda d: character_path(d, "veronika") + ".nicknames[0]"),
        ("cranes flying", lambda d: "film"),
        ("Quand passent les cigognes", lambda d: "film.other_titles[0]"),
        ("Palme d'Or", lambda d: "awards[0]"),
    ],
)
def test_each_spelling_finds_the_right_record_first(
    dataset: Dataset, term: str, record: Any, document: dict[str, Any]
) -> None:
    hits = search.search(dataset, term)
    assert hits[0].entry.record == record(dataset)
    assert at_path(document, hits[0].entry.path) == hits[0].entry.text


@pytest.mark.parametrize(
    ("term", "role"), [("Weinberg", "music"), ("Vainberg", "music"), ("Kalatozof", "director")]
)
def test_crew_spellings_and_typos_find_the_crew_member(dataset: Dataset, term: str, role: str) -> None:
    top = search.search(dataset, term)[0]
    member = dataset.crew[int(top.entry.record.removeprefix("crew[").rstrip("]"))]
    assert member.role == role


def test_an_exact_name_outranks_a_passing_mention(dataset: Dataset) -> None:
    hits = search.search(dataset, "Boris")
    assert hits[0].entry.path == character_path(dataset, "boris") + ".name"
    assert all(hit.score <= hits[0].score for hit in hits)


def test_every_word_of_the_term_must_match(dataset: Dataset) -> None:
    for hit in search.search(dataset, "Veronika squirrel"):
        found = {text.fold(hit.entry.text[start:end]) for start, end in hit.spans}
        assert any(key.startswith("veronik") for key in found)
        assert any(key.startswith("squirel") for key in found)


def test_spans_mark_the_matching_words(dataset: Dataset) -> None:
    for hit in search.search(dataset, "Samoylova"):
        found = [text.fold(hit.entry.text[start:end]) for start, end in hit.spans]
        # her father, the actor Yevgeny Samoilov, is one letter away and may be marked too
        assert "samoilova" in found and set(found) <= {"samoilova", "samoilov"}


def test_the_quiz_and_the_ids_are_not_searched(dataset: Dataset) -> None:
    paths = [entry.path for entry in search.index(dataset)]
    assert not any(path.startswith(("quiz", "bibliography")) for path in paths)
    assert not any(path.endswith((".id", ".sources", ".character")) for path in paths)


def test_search_json_points_at_each_text_in_the_file(invoke_json: Any, document: dict[str, Any]) -> None:
    data = invoke_json("search", "Boris", "--limit", "50")
    assert data["total"] == len(data["results"]) > 10
    for result in data["results"]:
        assert at_path(document, result["path"]) == result["text"]
        assert all(match in result["text"] for match in result["matches"])
    scores = [result["score"] for result in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_in_a_pipe_prints_one_tab_separated_line_per_result(invoke: Invoke) -> None:
    result = invoke("search", "Veronika", "--limit", "3")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "character · Veronika\tVeronika"
    assert len(lines) == 3 and all(line.count("\t") == 1 for line in lines)
    total = len(invoke("search", "Veronika", "--limit", "1000").stdout.splitlines())
    assert total > 3
    assert result.stderr == f"cranes: showing 3 of {total} results; --limit {total} shows them all\n"


def test_search_on_a_terminal_highlights_the_matches(dataset: Dataset) -> None:
    console = Console(file=io.StringIO(), width=60, force_terminal=True, color_system="standard")
    console.print(views.search(search.search(dataset, "squirrel")[:1]))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;33mSquirrel\x1b[0m" in output
    assert "character · Veronika · nickname" in output


def test_nothing_found_suggests_near_words(invoke: Invoke) -> None:
    result = invoke("search", "Veronkaa")
    assert result.exit_code == 0  # one typo away: found
    result = invoke("search", "Vrniqa Brzdn")
    assert (result.exit_code, result.stdout) == (1, "")
    # Near words of both misspelt words: Veronika for the first, Borozdin for the second.
    said = re.fullmatch(r"cranes: nothing matches 'Vrniqa Brzdn' \(did you mean (.*)\?\)\n", result.stderr)
    assert said is not None and said.group(1).split(", ")[0] == "Veronika"
    assert "Borozdin" in said.group(1).split(", ")


@pytest.mark.parametrize("term", ["", "   ", "\t\n", "\x00\x01", "!!!", "«»"])
def test_a_term_without_words_is_a_usage_error(invoke: Invoke, term: str) -> None:
    result = invoke("search", term)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "cranes: give a word to search for\n"


def test_a_huge_term_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("search", "x" * 10_000)
    assert result.exit_code == 2
    assert result.stderr == "cranes: the search term is 10,000 characters long; the most is 200\n"


@pytest.mark.parametrize(
    "term", ["[bold]Veronika[/]", "[link=file:///etc/passwd]x", "\x1b[31mBoris", ":smile:"]
)
def test_odd_terms_are_words_like_any_other(invoke: Invoke, term: str) -> None:
    result = invoke("search", term)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert len(result.stderr.splitlines()) <= 1


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_term_gives_results_or_a_clear_error(dataset: Dataset, term: str) -> None:
    try:
        hits = search.search(dataset, term)
    except search.UsageProblem as problem:
        assert problem.message == "give a word to search for"
    else:
        keys = text.query_keys(term)
        assert all(len(hit.spans) >= 1 for hit in hits)
        assert keys


# ---------------------------------------------------------------------------------------
# who


@pytest.mark.parametrize(
    ("name", "kind", "card_name", "character"),
    [
        ("Veronika", "character", "Veronika", "veronika"),
        ("Вероника", "character", "Veronika", "veronika"),
        ("Белка", "character", "Veronika", "veronika"),
        ("Squirel", "character", "Veronika", "veronika"),
        ("Batalov", "person", "Aleksey Batalov", "boris"),
        ("Tatiana Samoylova", "person", "Tatiana Samoilova", "veronika"),
        ("Самойлова", "person", "Tatiana Samoilova", "veronika"),
        ("Tyernov", "character", "Chernov", "chernov"),
        ("Boris", "character", "Boris", "boris"),
        ("Weinberg", "person", "Moisey Vaynberg", None),
        ("Kalatozov", "person", "Mikhail Kalatozov", None),
        ("Kalatozishvili", "person", "Mikhail Kalatozov", None),
    ],
)
def test_who_finds_the_person_or_character(
    dataset: Dataset, name: str, kind: str, card_name: str, character: str | None
) -> None:
    card = people.who(dataset, name)
    assert (card.kind, card.name) == (kind, card_name)
    assert (card.character.id if card.character else None) == character


def test_who_links_actor_and_character_both_ways(dataset: Dataset) -> None:
    by_actor = people.who(dataset, "Samoilova")
    by_character = people.who(dataset, "Veronika")
    assert by_actor.character == by_character.character
    assert by_actor.actors == by_character.actors == (dataset.cast[0],)


def test_who_json_lists_appearances_relations_and_awards(invoke_json: Any, document: dict[str, Any]) -> None:
    data = invoke_json("who", "Samoilova")
    expected_beats = [
        {"act": act["number"], "beat": number}
        for act in document["acts"]
        for number, beat in enumerate(act["beats"], start=1)
        if "veronika" in beat.get("characters", [])
    ]
    assert [{"act": a["act"], "beat": a["beat"]} for a in data["appearances"]] == expected_beats
    veronika = next(c for c in document["characters"] if c["id"] == "veronika")
    assert [(r["target"], r["label"]) for r in data["relations"]] == [
        (r["target"], r["label"]) for r in veronika["relations"]
    ]
    assert {a["category"] for a in data["awards"]} == {
        a["category"] for a in document["awards"] if a.get("person") == "Tatiana Samoilova"
    }
    assert data["match"] == "person" and data["actors"][0]["cyrillic"] == "Татьяна Самойлова"


def test_who_card_at_fixed_width(invoke: Invoke) -> None:
    result = invoke("who", "Weinberg", env={"COLUMNS": "72"})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "╭─ Moisey Vaynberg ────────────────────────────────────────────────────╮",
        "│ Music       Moisey Vaynberg (Моисей Вайнберг)                        │",
        "│ Also spelt  Mieczysław Weinberg, Moisei Vainberg, Moisey Vainberg    │",
        "╰──────────────────────────────────────────────────────────────────────╯",
    ]


def test_an_ambiguous_name_lists_the_candidates(invoke: Invoke) -> None:
    result = invoke("who", "Borozdin")
    assert (result.exit_code, result.stdout) == (1, "")
    # Every Borozdin in data/film.toml's full names, aliases and families: Irina Borozdina, and
    # the grandmother, a Borozdin by family only (as `characters` and `search` have her).
    assert result.stderr == (
        "cranes: 'Borozdin' could be 5 people or characters: Boris (character); "
        "Fyodor Ivanovich (character); Mark (character); Irina (character); Grandmother (character)\n"
    )


def test_who_a_family_name_lists_the_family_that_characters_lists(invoke: Invoke, dataset: Dataset) -> None:
    family = {character.name for character in dataset.characters if character.family == "Borozdin"}
    assert "Grandmother" in family and len(family) == 5
    listed = invoke("who", "Borozdin").stderr.partition(" characters: ")[2].rstrip("\n").split("; ")
    assert {name.removesuffix(" (character)") for name in listed} == family


def test_an_unknown_name_is_not_found(invoke: Invoke) -> None:
    result = invoke("who", "Vrniqa")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "cranes: no person or character matches 'Vrniqa' (did you mean Veronika?)\n"


# ---------------------------------------------------------------------------------------
# characters, timeline, graph


def test_characters_json_has_every_character_once_with_family_and_actors(
    invoke_json: Any, document: dict[str, Any]
) -> None:
    listed = invoke_json("characters")["characters"]
    assert sorted(c["id"] for c in listed) == sorted(c["id"] for c in document["characters"])
    for entry in listed:
        source = next(c for c in document["characters"] if c["id"] == entry["id"])
        assert entry["family"] == source.get("family")
        assert entry["actors"] == [m["name"] for m in document["cast"] if m["character"] == entry["id"]]
        assert len(entry["relations"]) == len(source["relations"])
    families = [entry["family"] for entry in listed]
    assert families == sorted(families, key=lambda family: family is None)  # no family last


def test_characters_tree_groups_by_family(invoke: Invoke) -> None:
    lines = invoke("characters").stdout.splitlines()
    assert lines[:3] == [
        "Characters",
        "├── The Borozdin family",
        "│   ├── Boris (Борис) — played by Aleksey Batalov",
    ]
    assert "│   │   ├── Veronika's sweetheart" in lines
    assert "└── Others" in lines
    assert "        └── Veronika's foundling taken in (from act 5)" in lines


def test_timeline_runs_in_story_order(invoke_json: Any, document: dict[str, Any]) -> None:
    story = invoke_json("timeline")["story"]
    acts = [moment for moment in story if moment["scene"] is None]
    assert [moment["act"] for moment in acts] == [act["number"] for act in document["acts"]]
    # Each act is followed by its scenes, in file order.
    scenes = sorted(document["scenes"], key=lambda scene: scene["act"])
    assert [moment["scene"] for moment in story if moment["scene"]] == [scene["id"] for scene in scenes]
    for before, moment in itertools.pairwise(story):
        if moment["scene"] is not None:
            assert moment["act"] == before["act"]
    dates = [moment["date"] for moment in story if moment["date"]]
    assert dates[0] == "1941-06" and dates[-1] == "1945"
    assert dates == sorted(dates)
    assert "history" not in invoke_json("timeline")


def test_timeline_history_has_the_releases_and_awards_in_date_order(
    invoke_json: Any, document: dict[str, Any]
) -> None:
    history = invoke_json("timeline", "--history")["history"]
    dates = [moment["date"] for moment in history]
    assert dates == sorted(dates)
    for release in document["film"]["releases"]:
        assert release["date"].isoformat() in dates
    assert len(history) == 2 + len(document["film"]["releases"]) + len(document["awards"])


def test_timeline_history_reads_as_english(invoke_json: Any) -> None:
    whats = [moment["what"] for moment in invoke_json("timeline", "--history")["history"]]
    assert "Released in the Soviet Union" in whats
    assert "Released in the United States" in whats
    assert "Released in France" in whats
    assert "The Cranes Are Flying (Mikhail Kalatozov) wins the Palme d'Or (Cannes Film Festival)" in whats
    assert "Tatiana Samoilova wins a Special Mention (Cannes Film Festival)" in whats


def test_json_doc_says_what_history_when_holds(invoke_json: Any) -> None:
    """history[].when is the ISO date, as docs/json.md says (the story's is in words)."""
    history = invoke_json("timeline", "--history")["history"]
    assert all(moment["when"] == moment["date"] for moment in history)
    (row,) = [line for line in (ROOT / "docs" / "json.md").read_text(encoding="utf-8").splitlines()
              if line.startswith("| `timeline` |")]  # fmt: skip
    assert "for `history`, the same ISO date as `date`" in row


def test_timeline_table_at_fixed_width(invoke: Invoke) -> None:
    lines = [line.rstrip() for line in invoke("timeline").stdout.splitlines()]
    # Each act's scenes follow it on lines of their own, under "What"; the act rows keep their form.
    acts = [line for line in lines[4:] if not line.startswith(" " * 20)]
    assert acts[:10] == [
        "  1941-06                            1   The last morning of peace       Moscow",
        "  Dawn of 22 June 1941, then the",
        "  next days",
        "  After Boris leaves for the         2   Bombs and the front             Moscow and the front line",
        "  front",
        "  After Boris's death, not yet       3   Betrayal                        Moscow",
        "  known at home",
        "  Later in the war                   4   Evacuation                      Siberia",
        "  Later in the war                   5   The squirrel's note             Siberia",
        "  1945                               6   The cranes return               Moscow",
    ]
    assert lines[7].strip().startswith("Scenes: The cranes at dawn ·")


def _relations(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (character["id"], relation["target"], relation["label"])
        for character in document["characters"]
        for relation in character["relations"]
    ]


def test_dot_output_is_a_digraph_with_every_relation(invoke: Invoke, document: dict[str, Any]) -> None:
    result = invoke("graph", "--format", "dot")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("digraph ") and lines[0].endswith("{") and lines[-1] == "}"
    edges = re.findall(
        r'^  "([^"]+)" -> "([^"]+)" \[label="([^"]+?)(?: \(from act \d\))?", ', result.stdout, re.M
    )
    assert sorted(edges) == sorted(_relations(document))
    nodes = re.findall(r'^  "([^"]+)" \[label=', result.stdout, re.M)
    assert nodes == [character["id"] for character in document["characters"]]


def test_mermaid_output_is_a_flowchart_with_every_relation(invoke: Invoke, document: dict[str, Any]) -> None:
    result = invoke("graph")
    assert result.stdout.splitlines()[0] == "flowchart LR"
    edges = re.findall(r'^  c_(\w+) -->\|"([^"]+?)(?: \(from act \d\))?"\| c_(\w+)$', result.stdout, re.M)
    expected = [
        (source.replace("-", "_"), label, target.replace("-", "_"))
        for source, target, label in _relations(document)
    ]
    assert sorted(edges) == sorted(expected)
    assert len(result.stdout.splitlines()) == 1 + len(document["characters"]) + len(expected)


def test_graph_escapes_quotes_and_markup_in_names(dataset: Dataset) -> None:
    import dataclasses

    odd = dataclasses.replace(dataset.characters[0], name='Vera "Squirrel" [bold]<b>#1\\')
    changed = dataclasses.replace(dataset, characters=(odd, *dataset.characters[1:]))
    assert '[label="Vera \\"Squirrel\\" [bold]<b>#1\\\\"]' in graph.dot(changed)
    assert 'c_veronika["Vera #quot;Squirrel#quot; [bold]#lt;b#gt;#35;1\\"]' in graph.mermaid(changed)


def test_an_unknown_graph_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("graph", "--format", "png")
    assert result.exit_code == 2
    assert "'png' is not one of 'mermaid', 'dot'" in result.stderr


def test_did_you_mean_compares_a_bounded_number_of_words(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that finds nothing compared its words with every word of the file (seconds
    on a 6 MB title); now with the first SUGGESTION_WORDS only, spelt as the file spells them."""
    entries = search.index(dataset)
    near = search.suggestions(entries, "Vrniqa Brzdn")
    assert len(near) == 3 and near[0] == "Veronika" and "Borozdin" in near
    compared: list[int] = []
    real = __import__("difflib").get_close_matches

    def counting(word: str, possibilities: list[str], *args: Any) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, *args)

    monkeypatch.setattr("difflib.get_close_matches", counting)
    monkeypatch.setattr(search, "SUGGESTION_WORDS", 5)
    search.suggestions(entries, "Vrniqa")
    assert compared and all(size <= 5 for size in compared)  # the nearest words too, when none is close
