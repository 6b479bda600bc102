"""The quiz: generation (property-based), answers, scripted sessions, history file."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cranes_cli.commands import base
from cranes_cli.commands import quiz as quiz_command
from cranes_cli.core import quiz
from cranes_cli.core.quiz.judge import judge
from cranes_cli.environment import Environment, Output
from cranes_cli.errors import NotFound, UsageProblem
from cranes_cli.film.model import Dataset
from cranes_cli.history import database, last_quiz

from .conftest import OPEN_TRIVIA_KEYS, Invoke

SEEDS = st.integers(min_value=0, max_value=2**32)


@pytest.fixture(autouse=True)
def quiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CRANES_HOME", str(home))
    return home


def beats_after(dataset: Dataset, act: int) -> list[str]:
    return [beat.text for later in dataset.acts[act:] for beat in later.beats]


def test_at_least_eight_kinds_and_all_topics(dataset: Dataset) -> None:
    pool = quiz.question_pool(dataset)
    kinds = Counter(question.id.split(":")[0] for question in pool)
    assert len(kinds) >= 8
    assert {question.topic for question in pool} == set(quiz.TOPICS)
    assert len({question.id for question in pool}) == len(pool)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    seed=SEEDS,
    count=st.integers(min_value=1, max_value=25),
    up_to_act=st.none() | st.integers(min_value=1, max_value=6),
    topics=st.sets(st.sampled_from(quiz.TOPICS), max_size=3),
)
def test_every_quiz_is_valid(
    dataset: Dataset, seed: int, count: int, up_to_act: int | None, topics: set[str]
) -> None:
    try:
        made = quiz.make_quiz(dataset, seed=seed, count=count, up_to_act=up_to_act, topics=topics)
    except UsageProblem as problem:
        assert "can be asked together" in problem.message or problem.message.startswith("no questions match")
        return
    assert len(made.questions) == count
    assert len({q.id for q in made.questions}) == count
    for question in made.questions:
        assert question.answer in question.options
        assert len(set(question.options)) == len(question.options) >= 2
        assert len(question.options) <= quiz.MAX_OPTIONS
        assert question.difficulty in quiz.DIFFICULTIES
        assert question.explanation
        if topics:
            assert question.topic in topics
        if up_to_act is not None:
            assert question.act is None or question.act <= up_to_act
            later = beats_after(dataset, up_to_act)
            shown = [question.prompt, *question.options]
            assert not any(text in beat for text in shown for beat in later if len(text) > 25)
    assert quiz.make_quiz(dataset, seed=seed, count=count, up_to_act=up_to_act, topics=topics) == made


def test_curated_questions_are_in_the_pool(dataset: Dataset) -> None:
    pool = {q.id: q for q in quiz.question_pool(dataset)}
    for item in dataset.quiz:
        question = pool[f"curated:{item.id}"]
        assert question.answer == item.answer
        assert set(question.options) == {item.answer, *item.wrong}
    assert pool["curated:samoilova-best-actress"].is_true_false


def test_no_matching_questions_is_a_usage_error(dataset: Dataset) -> None:
    pool = quiz.question_pool(dataset)
    made = {(q.topic, q.difficulty) for q in pool}
    topic, difficulty = next(
        (topic, difficulty)
        for topic in sorted({q.topic for q in pool})
        for difficulty in ("easy", "medium", "hard")
        if (topic, difficulty) not in made
    )
    with pytest.raises(UsageProblem, match="no questions match"):
        quiz.make_quiz(dataset, seed=1, count=1, topics=[topic], difficulties=[difficulty])


def test_spoiler_guard_hides_later_relations(dataset: Dataset) -> None:
    early = {q.id for q in quiz.question_pool(dataset, up_to_act=2)}
    assert "relation:mark-veronika" not in early  # the marriage comes in act 3
    assert "relation:mark-veronika" in {q.id for q in quiz.question_pool(dataset, up_to_act=6)}
    assert not any(q.id.startswith("who-played:boy-boris") for q in quiz.question_pool(dataset, up_to_act=3))


def test_option_order_is_shuffled_by_seed(dataset: Dataset) -> None:
    orders = {quiz.make_quiz(dataset, seed=seed, count=30).questions for seed in range(5)}
    assert len(orders) > 1
    first_positions = {
        q.options.index(q.answer)
        for seed in range(20)
        for q in quiz.make_quiz(dataset, seed=seed, count=5).questions
        if not q.is_true_false
    }
    assert len(first_positions) > 1


def test_count_too_large_names_the_maximum(dataset: Dataset) -> None:
    with pytest.raises(UsageProblem, match=r"only \d+ questions can be asked together") as raised:
        quiz.make_quiz(dataset, seed=1, count=len(quiz.question_pool(dataset)))
    maximum = int(raised.value.message.split()[1])
    assert maximum > 30
    assert len(quiz.make_quiz(dataset, seed=1, count=maximum).questions) == maximum


@pytest.mark.parametrize("act", [0, 7])
def test_up_to_act_out_of_range(dataset: Dataset, act: int) -> None:
    with pytest.raises(UsageProblem, match="acts run from 1 to 6"):
        quiz.question_pool(dataset, up_to_act=act)


# --- answers --------------------------------------------------------------------------

QUESTION = quiz.Question(
    "t:1",
    "cast",
    "easy",
    "Who played Veronika?",
    "Tatiana Samoilova",
    ("Aleksey Batalov", "Tatiana Samoilova", "Valentin Zubkov", "Svetlana Kharitonova"),
    "x",
)
TF = quiz.Question("t:2", "facts", "easy", "True or false: x", "False", quiz.TRUE_FALSE, "x")


@pytest.mark.parametrize(
    ("reply", "option", "corrected"),
    [
        ("b", "Tatiana Samoilova", False),
        ("B\n", "Tatiana Samoilova", False),
        ("2", "Tatiana Samoilova", False),
        ("tatiana samoilova", "Tatiana Samoilova", False),
        ("  TATIANA   SAMOILOVA ", "Tatiana Samoilova", False),
        ("Tatiana Samoylova", "Tatiana Samoilova", False),  # a spelling variant, not a typo
        ("Tatiana Samoilvoa", "Tatiana Samoilova", True),
        ("Valentin Zubkof", "Valentin Zubkov", True),
        ("a", "Aleksey Batalov", False),
    ],
)
def test_judge_understands_replies(reply: str, option: str, corrected: bool) -> None:
    verdict = judge(QUESTION, reply)
    assert verdict is not None
    assert verdict.option == option
    assert verdict.correct == (option == QUESTION.answer)
    assert (verdict.corrected_from is not None) == corrected


@pytest.mark.parametrize("reply", ["", "   ", "e", "5", "0", "zzz", "Samoilova Tatiana Batalov"])
def test_judge_rejects_nonsense(reply: str) -> None:
    assert judge(QUESTION, reply) is None


@pytest.mark.parametrize(
    ("reply", "option"), [("t", "True"), ("no", "False"), ("b", "False"), ("FALSE", "False")]
)
def test_judge_true_false(reply: str, option: str) -> None:
    verdict = judge(TF, reply)
    assert verdict is not None and verdict.option == option


def test_accents_are_ignored() -> None:
    question = quiz.Question(
        "t:3",
        "titles",
        "easy",
        "?",
        "Quand passent les cigognes",
        ("Quand passent les cigognes", "Wenn die Kraniche ziehen"),
        "x",
    )
    verdict = judge(question, "QUAND PASSENT LES CIGOGNÉS")
    assert verdict is not None and verdict.correct


# --- sessions through stdin ------------------------------------------------------------


def right_letters(dataset: Dataset, seed: int, count: int) -> list[str]:
    made = quiz.make_quiz(dataset, seed=seed, count=count)
    return ["abcd"[q.options.index(q.answer)] for q in made.questions]


def wrong_letter(right: str) -> str:
    return "a" if right != "a" else "b"


def test_scripted_session_scores(invoke: Invoke, dataset: Dataset, quiz_home: Path) -> None:
    letters = right_letters(dataset, seed=3, count=3)
    replies = [letters[0], wrong_letter(letters[1]), letters[2]]
    result = invoke("quiz", "--seed", "3", "--count", "3", input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("Question ") == 3
    assert "Score: 2 of 3 (67%)" in result.stdout
    assert "replay with: cranes quiz --seed 3 --count 3" in result.stdout
    with sqlite3.connect(quiz_home / database.FILE_NAME) as connection:
        saved = connection.execute("SELECT seed, questions FROM runs").fetchall()
        missed = connection.execute("SELECT question FROM answers WHERE correct = 0").fetchall()
    assert saved == [(3, 3)]
    assert missed == [(quiz.make_quiz(dataset, seed=3, count=3).questions[1].id,)]


def test_nonsense_is_asked_again_not_counted(invoke: Invoke, dataset: Dataset) -> None:
    (letter,) = right_letters(dataset, seed=4, count=1)
    result = invoke("quiz", "--seed", "4", "--count", "1", input=f"what?\n\n{letter}\n")
    assert result.stdout.count("Answer with a letter") == 2
    assert "Score: 1 of 1 (100%)" in result.stdout


def test_end_of_input_after_an_answer_shows_partial_score(invoke: Invoke, dataset: Dataset) -> None:
    letters = right_letters(dataset, seed=5, count=4)
    result = invoke("quiz", "--seed", "5", "--count", "4", input=f"{letters[0]}\n")
    assert result.exit_code == 0
    assert "Score: 1 of 1 (100%), 3 not answered" in result.stdout


def test_end_of_input_before_any_answer(invoke: Invoke) -> None:
    result = invoke("quiz", "--seed", "5", "--count", "2", input="")
    assert result.exit_code == 1
    assert result.stderr == "cranes: input ended before the first answer\n"


def test_ctrl_c_shows_partial_score_and_exits_130(
    invoke: Invoke, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cranes_cli.commands import quiz_play

    letters = iter(right_letters(dataset, seed=6, count=3)[:1])

    def read(self: Any) -> str:
        for letter in letters:
            return letter
        raise KeyboardInterrupt

    monkeypatch.setattr(quiz_play._Pipe, "read", read)
    result = invoke("quiz", "--seed", "6", "--count", "3")
    assert result.exit_code == 130
    assert "Score: 1 of 1 (100%), 2 not answered" in result.stdout


def test_ctrl_c_before_any_answer_says_so(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from cranes_cli.commands import quiz_play

    def read(self: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(quiz_play._Pipe, "read", read)
    result = invoke("quiz", "--seed", "6", "--count", "3")
    assert result.exit_code == 130
    assert result.stderr == "cranes: interrupted before the first answer\n"
    assert "Score" not in result.stdout


def test_missed_asks_the_last_misses_again(invoke: Invoke, dataset: Dataset) -> None:
    letters = right_letters(dataset, seed=8, count=3)
    missed_question = quiz.make_quiz(dataset, seed=8, count=3).questions[2]
    invoke(
        "quiz",
        "--seed",
        "8",
        "--count",
        "3",
        input=f"{letters[0]}\n{letters[1]}\n{wrong_letter(letters[2])}\n",
    )
    again = invoke("quiz", "--missed", "--json")
    assert again.exit_code == 0, again.stderr
    assert [r["id"] for r in json.loads(again.stdout)["results"]] == [missed_question.id]


def test_missed_with_no_history(invoke: Invoke) -> None:
    result = invoke("quiz", "--missed")
    assert result.exit_code == 1
    assert "no missed questions" in result.stderr


def test_a_damaged_old_record_is_reported_and_left_alone(
    invoke: Invoke, quiz_home: Path, dataset: Dataset
) -> None:
    quiz_home.mkdir()
    (quiz_home / last_quiz.FILE_NAME).write_text("{not json")
    (letter,) = right_letters(dataset, seed=9, count=1)
    result = invoke("quiz", "--seed", "9", "--count", "1", input=f"{letter}\n")
    assert result.exit_code == 0
    assert "warning: the last quiz record" in result.stderr and "left as it is" in result.stderr
    assert (quiz_home / last_quiz.FILE_NAME).read_text() == "{not json"
    assert not [p for p in quiz_home.iterdir() if ".damaged-" in p.name]


# --- machine output --------------------------------------------------------------------


def test_json_is_open_trivia_format(invoke: Invoke, dataset: Dataset) -> None:
    result = invoke("quiz", "--json", "--seed", "1", "--count", "12")
    assert result.exit_code == 0 and result.stderr == ""
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1 and document["seed"] == 1 and document["response_code"] == 0
    made = quiz.make_quiz(dataset, seed=1, count=12)
    for record, question in zip(document["results"], made.questions, strict=True):
        assert set(record) >= {
            *OPEN_TRIVIA_KEYS,
            "id",
            "topic",
            "act",
            "explanation",
        }
        assert record["type"] == ("boolean" if question.is_true_false else "multiple")
        assert record["correct_answer"] == question.answer
        assert record["correct_answer"] not in record["incorrect_answers"]
        assert len(record["incorrect_answers"]) == len(question.options) - 1


def test_handout_is_markdown_with_an_answer_key(invoke: Invoke, dataset: Dataset) -> None:
    result = invoke("quiz", "--handout", "--seed", "2", "--count", "5")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# The Cranes Are Flying: quiz")
    questions_part, key_part = out.split("## Answer key")
    for number in range(1, 6):
        assert f"\n{number}. " in questions_part and f"\n{number}. **" in key_part
    made = quiz.make_quiz(dataset, seed=2, count=5)
    assert all(f"{'abcd'[q.options.index(q.answer)]}) " in key_part for q in made.questions)


def test_count_too_large_on_the_command_line(invoke: Invoke) -> None:
    result = invoke("quiz", "--count", "100000", "--json")
    assert result.exit_code == 2
    assert "can be asked together" in result.stderr and "--count" in result.stderr


def test_unknown_topic_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("quiz", "--topic", "music")
    assert result.exit_code == 2


def test_missed_error_when_not_found_is_lookup_failure() -> None:
    assert NotFound("x").exit_code == 1


def test_a_quiz_on_a_terminal_reads_the_runs_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Environment's stdin, not sys.stdin, even on a terminal (where Rich prompts)."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", io.StringIO("b\n"))
    typed = Terminal("a\n")
    environ = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "CRANES_HOME": str(tmp_path), "COLUMNS": "80"}
    env = Environment(Output(io.StringIO()), io.StringIO(), typed, environ)
    assert base.run(env, lambda: quiz_command.quiz(env, count=1, seed=1)) == 0
    assert typed.read() == "", "the run's stdin was never read"
