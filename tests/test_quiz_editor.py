"""An editor's quiz: the nine rules of docs/quiz.md ("What an editor asks of the pool"),
checked over every question of both films' pools, at every guard. Each rule is stated over
whatever the film file holds (its facts, characters and acts), not over today's ids."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest

from cranes_cli.core import quiz
from cranes_cli.core.quiz import Question
from cranes_cli.film import load
from cranes_cli.film.model import Dataset

from .test_quiz_quality import FILMS, plain

# Family words by the generation they sit at, as a genealogist counts (the test's own table).
GENERATION = {
    "grandfather": 2, "grandmother": 2, "father": 1, "mother": 1, "uncle": 1, "aunt": 1,
    "brother": 0, "sister": 0, "cousin": 0, "husband": 0, "wife": 0,
    "son": -1, "daughter": -1, "nephew": -1, "niece": -1, "grandson": -2, "granddaughter": -2,
}  # fmt: skip
MARRIAGE = {"husband", "wife"}
# What a note about the file's own sources sounds like; a player never reads one.
CURATION = re.compile(
    r"\b(?:sources?|this project|the review|marked|confidence|firm|single|mis-?transliteration|"
    r"database|credited)\b|^Sources?\b|(?<=\. )Sources?\b"
)
ORDERING = ("first-of", "last-of", "odd-place")


@pytest.fixture(scope="module", params=sorted(FILMS))
def film(request: pytest.FixtureRequest) -> Dataset:
    return load.load_path(FILMS[request.param])


@pytest.fixture(scope="module")
def cranes() -> Dataset:
    return load.load_path(FILMS["cranes"])


def guards(dataset: Dataset) -> Iterator[int | None]:
    yield None
    yield from range(1, len(dataset.acts) + 1)


def every_question(dataset: Dataset) -> Iterator[tuple[int | None, Question]]:
    for act in guards(dataset):
        for question in quiz.question_pool(dataset, up_to_act=act):
            yield act, question


def statement(question: Question) -> str:
    return question.prompt.removeprefix("True or false: ")


# --- 1. one fact, one question ------------------------------------------------------------


def test_1_each_question_declares_its_facts_and_the_pool_asks_each_once(film: Dataset) -> None:
    for act in guards(film):
        pool = quiz.question_pool(film, up_to_act=act)
        assert all(getattr(question, "facts", ()) for question in pool)
        counts = Counter(fact for question in pool for fact in question.facts)
        assert [fact for fact, n in counts.items() if n > 1] == [], act


# Kinds of question that would ask the same record: one of each group at most.
MIRRORS = {
    "who-played": "cast", "whom-played": "cast", "played-tf": "cast",
    "crew-role": "crew", "crew-tf": "crew",
    "award-year": "award", "award-result": "award",
    "release": "release", "release-tf": "release",
    "admissions": "admissions", "admissions-tf": "admissions",
}  # fmt: skip


def test_1_no_mirrors_of_one_fact(film: Dataset) -> None:
    """No who-played beside whom-played or a played-true-false, no relation asked both ways."""
    for act in guards(film):
        pool = quiz.question_pool(film, up_to_act=act)
        records = Counter(f"{MIRRORS[q.kind]}:{q.id.split(':', 1)[1]}" for q in pool if q.kind in MIRRORS)
        assert [record for record, n in records.items() if n > 1] == [], act
        pairs = Counter(
            frozenset(q.id.split(":")[1].split("-", 1)) for q in pool if q.kind in ("relation", "relation-tf")
        )
        assert max(pairs.values(), default=1) == 1, act


def test_1_every_fact_is_asked_or_left_out_with_a_reason(film: Dataset) -> None:
    pool = quiz.question_pool(film)
    asked = {fact for question in pool for fact in question.facts}
    values = {key for key in asked if key.startswith(("number:", "date:"))}
    skipped = {entry.fact: entry.reason for entry in film.quiz_skip}
    assert all(reason.strip() for reason in skipped.values())
    for fact in film.facts:
        if fact.confidence not in (None, "firm") or fact.id in skipped:
            continue
        from cranes_cli.core.quiz.reveals import values as value_keys

        by_value = fact.value is not None and value_keys(fact.value.text) & values
        assert f"fact:{fact.id}" in asked or by_value, fact.id


# --- 2. questions a viewer can answer --------------------------------------------------------


def test_2_no_question_asks_for_an_act_number(film: Dataset) -> None:
    for _, question in every_question(film):
        for text in (question.prompt, *question.options, question.explanation):
            assert not re.search(r"\bact \d|\bin which act\b", text, re.IGNORECASE), question


def test_2_ordering_and_odd_one_out_questions_for_our_film(cranes: Dataset) -> None:
    pool = quiz.question_pool(cranes)
    assert sum(q.kind in ORDERING for q in pool) >= 5


def test_2_an_ordering_question_under_the_guard_shows_only_events_up_to_it(film: Dataset) -> None:
    act_of = {beat.text: act.number for act in film.acts for beat in act.beats}
    checked = 0
    for guard, question in every_question(film):
        if question.kind not in ORDERING:
            continue
        checked += 1
        shown = [act_of[option] for option in question.options]
        assert guard is None or max(shown) <= guard, (guard, question)
        if question.kind == "first-of":
            assert act_of[question.answer] == min(shown)
        elif question.kind == "last-of":
            assert act_of[question.answer] == max(shown)
    # A story told in four parts or more has events to put in order under the guard too.
    assert checked or len(film.acts) < 4


# --- 3. honest true/false -------------------------------------------------------------------


def test_3_about_half_the_statements_are_true_and_as_long_as_the_false_ones(film: Dataset) -> None:
    pool = [q for q in quiz.question_pool(film) if q.is_true_false]
    true = [len(statement(q)) for q in pool if q.answer == "True"]
    false = [len(statement(q)) for q in pool if q.answer == "False"]
    assert true and false
    assert 0.4 <= len(true) / len(pool) <= 0.6, (len(true), len(false))
    mean_true, mean_false = sum(true) / len(true), sum(false) / len(false)
    assert abs(mean_true - mean_false) <= 0.2 * max(mean_true, mean_false), (mean_true, mean_false)


def test_3_a_false_statement_swaps_a_value_of_the_same_kind(film: Dataset) -> None:
    """Family word for a family word of the same generation, a name for a name of the same
    sort (an actor never becomes a character, a director never an actor's father)."""
    people = {plain(m.name) for m in (*film.cast, *film.crew)}
    characters = {plain(c.name) for c in film.characters}
    for _, question in every_question(film):
        if question.truth is None:
            continue
        was = [w for w in plain(question.truth).split() if w not in plain(statement(question)).split()]
        now = [w for w in plain(statement(question)).split() if w not in plain(question.truth).split()]
        if len(was) == 1 and len(now) == 1 and was[0] in GENERATION:
            assert GENERATION.get(now[0]) == GENERATION[was[0]], question
            assert (was[0] in MARRIAGE) == (now[0] in MARRIAGE), question
        for old, new in zip(was, now, strict=False):
            assert not (
                old in {w for n in characters for w in n.split()}
                and new in {w for n in people for w in n.split()}
            )


# --- 4. distractors that make sense ---------------------------------------------------------


def test_4_family_words_offered_together_are_of_one_generation(film: Dataset) -> None:
    for _, question in every_question(film):
        words = [plain(option) for option in question.options]
        if question.is_true_false or plain(question.answer) not in GENERATION:
            continue
        assert len({GENERATION.get(word) for word in words}) == 1, question


def test_4_a_partner_is_never_offered_from_the_family(film: Dataset) -> None:
    """'Who is Boris's sweetheart?' does not offer his sister or his grandmother."""
    by_name = {plain(c.name): c for c in film.characters}
    family: dict[str, set[str]] = {}
    for character in film.characters:
        for relation in character.relations:
            if relation.kind in ("family", "marriage"):
                family.setdefault(character.id, set()).add(relation.target)
                family.setdefault(relation.target, set()).add(character.id)
    for _, question in every_question(film):
        match = re.fullmatch(r"Who is (.+?)'s (.+)\?", question.prompt)
        if question.kind != "relation" or match is None:
            continue
        target = by_name.get(plain(match[1])) or by_name.get(plain(match[1]).removeprefix("the "))
        assert target is not None, question
        for option in question.options:
            other = by_name.get(plain(option)) or by_name.get(plain(option).removeprefix("the "))
            if option != question.answer and other is not None:
                assert other.id not in family.get(target.id, set()), (option, question)


# --- 5. explanations teach ------------------------------------------------------------------


def test_5_explanations_never_repeat_the_statement_nor_speak_of_sources(film: Dataset) -> None:
    for _, question in every_question(film):
        explanation = question.explanation
        assert explanation.strip(), question
        assert not explanation.startswith(("True.", "False.")), question
        if question.is_true_false:
            assert statement(question) not in explanation, question
        assert not CURATION.search(explanation), question
        assert ".." not in explanation and " ." not in explanation, question


# --- 6. give-aways by meaning ---------------------------------------------------------------


def _said(question: Question) -> str:
    return " ".join((question.prompt, question.answer, question.explanation))


def test_6_no_question_in_a_quiz_rules_out_another_s_figure_or_date(film: Dataset) -> None:
    """A figure or a date offered as a wrong answer is never stated by another question of the
    same quiz (the French ticket count beside the Soviet ticket question)."""
    value = re.compile(r"\d[\d.,]* million|\b\d{1,2} [A-Z][a-z]+ \d{4}\b|\b\d{1,3}(?:,\d{3})+\b")
    size = min(20, len(quiz.question_pool(film)) // 2)
    for seed in range(1, 31):
        made = quiz.make_quiz(film, seed=seed, count=size).questions
        for question in made:
            for option in question.options:
                if option == question.answer or not value.fullmatch(option):
                    continue
                for other in made:
                    if other is not question:
                        assert option not in _said(other), (seed, option, question.id, other.id)


def test_6_no_question_in_a_quiz_states_another_s_answer(film: Dataset) -> None:
    """A place, a title or a name that answers one question is not read in another of the same
    quiz (characters and actors aside: their names are everywhere)."""
    everyday = {plain(c.name) for c in film.characters} | {plain(m.name) for m in (*film.cast, *film.crew)}
    size = min(20, len(quiz.question_pool(film)) // 2)
    for seed in range(1, 31):
        made = quiz.make_quiz(film, seed=seed, count=size).questions
        for question in made:
            answer = plain(question.answer)
            if question.is_true_false or len(answer) < 5 or answer in everyday or answer.isdigit():
                continue
            for other in made:
                if other is not question:
                    assert f" {answer} " not in f" {plain(_said(other))} ", (seed, question.id, other.id)


# --- 7. an editor's round -------------------------------------------------------------------


def test_7_at_least_forty_hand_written_questions_with_evidence(cranes: Dataset) -> None:
    written = [item for item in cranes.quiz if item.sources and item.evidence]
    assert len(written) >= 40
    for item in written:
        assert {e.source for e in item.evidence} <= set(item.sources), item.id
        assert all(e.quote.strip() for e in item.evidence), item.id
    asked = {fact for item in cranes.quiz for fact in item.asks}
    assert asked <= {fact.id for fact in cranes.facts}


# --- 8. one house style ---------------------------------------------------------------------


def test_8_quotation_marks_of_the_house(film: Dataset) -> None:
    """“English”, «Russian»; never a straight quotation mark, never Cyrillic in “…”."""
    for _, question in every_question(film):
        for text in (question.prompt, *question.options, question.explanation):
            assert '"' not in text and not re.search(r"(?:^|[\s(])'\w", text), text
            for quoted in re.findall(r"“([^”]*)”", text):
                assert not re.search("[\u0400-\u04ff]", quoted), text
            for quoted in re.findall(r"«([^»]*)»", text):
                assert re.search("[\u0400-\u04ff]", quoted), text


def test_8_one_spelling_per_person(film: Dataset) -> None:
    """A person of the cast or crew is written as the file spells the name, never in one of its
    other transliterations (a known-as form is shown after it, in brackets)."""
    known = {entry.known_as for entry in film.quiz_names}
    for _, question in every_question(film):
        text = " ".join((question.prompt, *question.options, question.explanation))
        for member in (*film.cast, *film.crew):
            for alias in member.aliases:
                if alias.isascii() and alias not in known and plain(alias) != plain(member.name):
                    assert f" {plain(alias)} " not in f" {plain(text)} ", (alias, question)


def test_8_difficulty_is_the_same_under_every_guard(film: Dataset) -> None:
    whole = {q.id: q.difficulty for q in quiz.question_pool(film)}
    for guard, question in every_question(film):
        if question.id in whole:
            assert question.difficulty == whole[question.id], (guard, question.id)
