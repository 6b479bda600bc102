"""cranes stats: the numbers (core.stats, worked out by hand here), the command, its JSON."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import NamedTuple

import pytest

from cranes_cli.core import quiz
from cranes_cli.core import stats as numbers
from cranes_cli.film.model import Dataset
from cranes_cli.history import database

from .conftest import Invoke, letters

DAY = datetime.date(2026, 3, 10)


class A(NamedTuple):
    run: int
    question: str
    topic: str
    difficulty: str
    answered: float  # here: days after DAY
    correct: bool


def day_of(offset: float) -> datetime.date:
    return DAY + datetime.timedelta(days=int(offset))


ANSWERS = [
    A(1, "q1", "cast", "easy", 0, True),
    A(1, "q2", "crew", "hard", 0, False),
    A(1, "q3", "cast", "medium", 0, False),
    A(2, "q2", "crew", "hard", 1, False),
    A(2, "q3", "cast", "medium", 1, True),
    A(2, "q4", "plot", "easy", 1, True),
    A(3, "q2", "crew", "hard", 3, False),
    A(9, "q5", "", "", 3, False),  # imported from last-quiz.json
]


def test_the_numbers_worked_out_by_hand() -> None:
    found = numbers.stats(
        "F", ANSWERS, {1: 7, 2: 8, 3: 9}, DAY + datetime.timedelta(days=4), day_of, {"q2": "Who?"}, [9]
    )
    assert found.runs == 3
    assert (found.total.answers, found.total.right, found.total.wrong, found.total.percent) == (8, 3, 5, 38)
    assert [(t.name, t.answers, t.right) for t in found.by_topic] == [
        ("cast", 3, 2),
        ("crew", 3, 0),
        ("plot", 1, 1),
        ("unknown", 1, 0),
    ]
    assert [(t.name, t.answers, t.right) for t in found.by_difficulty] == [
        ("easy", 2, 2),
        ("medium", 2, 1),
        ("hard", 3, 0),
        ("unknown", 1, 0),
    ]
    # Days 0, 1 and 3 played; today is day 4: a current streak of 1 (day 3), the longest 2.
    assert found.streak == numbers.Streak(current=1, longest=2, days=3)
    assert found.best_run == numbers.BestRun(run=2, seed=8, right=2, answers=3, days_ago=3)
    assert found.most_missed[0] == numbers.Missed("q2", "Who?", wrong=3, asked=3)
    assert [m.id for m in found.most_missed] == ["q2", "q3", "q5"]


@pytest.mark.parametrize(
    ("played", "today", "expected"),
    [
        ([], 0, (0, 0, 0)),
        ([0, 1, 2], 2, (3, 3, 3)),
        ([0, 1, 2], 3, (3, 3, 3)),  # yesterday's streak still counts today
        ([0, 1, 2], 4, (0, 3, 3)),
        ([0, 2, 3, 4, 6], 6, (1, 3, 5)),
        ([5, 5, 5], 5, (1, 1, 1)),
    ],
)
def test_streak_of_days(played: list[int], today: int, expected: tuple[int, int, int]) -> None:
    days = [DAY + datetime.timedelta(days=n) for n in played]
    assert numbers.streak(days, DAY + datetime.timedelta(days=today)) == numbers.Streak(*expected)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    monkeypatch.setenv("CRANES_HOME", str(directory))
    return directory


def test_no_history_is_not_found(invoke: Invoke, home: Path) -> None:
    for args in (("stats",), ("stats", "--json")):
        result = invoke(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.startswith("cranes: no quiz answers recorded yet for The Cranes Are Flying")
    assert not home.exists()  # looking created nothing


def test_stats_after_two_quizzes(invoke: Invoke, dataset: Dataset) -> None:
    first, second = quiz.make_quiz(dataset, seed=1, count=4), quiz.make_quiz(dataset, seed=2, count=3)
    invoke("quiz", "--seed", "1", "--count", "4", input=letters(first, [True, True, False, True]))
    invoke("quiz", "--seed", "2", "--count", "3", input=letters(second, [False, False, True]))
    result = invoke("stats", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert (document["runs"], document["answers"], document["right"], document["wrong"]) == (2, 7, 4, 3)
    assert document["best_run"] == {"seed": 1, "right": 3, "answers": 4, "days_ago": 0}
    assert document["streak"] == {"current": 1, "longest": 1, "days": 1}
    everything = [*first.questions, *second.questions]
    rights = [True, True, False, True, False, False, True]
    for tally in document["by_topic"]:
        asked = [r for q, r in zip(everything, rights, strict=True) if q.topic == tally["topic"]]
        assert (tally["answers"], tally["right"], tally["wrong"]) == (
            len(asked),
            sum(asked),
            asked.count(False),
        )
    assert sum(t["answers"] for t in document["by_difficulty"]) == 7
    missed = {q.id: q.prompt for q, r in zip(everything, rights, strict=True) if not r}
    assert {m["id"]: m["question"] for m in document["most_missed"]} == missed
    table = invoke("stats")
    assert table.exit_code == 0
    assert "2 quizzes, 7 answers, 4 right, 3 wrong (57%)" in table.stdout
    assert "Best quiz: 3 of 4 right, today, seed 1" in table.stdout
    assert "█ right ░ wrong" in table.stdout


def test_stats_keep_films_apart(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    made = quiz.make_quiz(dataset, seed=1, count=2)
    invoke("quiz", "--seed", "1", "--count", "2", input=letters(made, [True, True]))
    other = str(Path(__file__).resolve().parent.parent / "examples" / "the-lighthouse-keepers.toml")
    result = invoke("--data", other, "stats")
    assert result.exit_code == 1
    assert "no quiz answers recorded yet for The Lighthouse Keepers" in result.stderr


def test_stats_of_a_hostile_history_print_no_control_characters(invoke: Invoke, home: Path) -> None:
    film = "The Cranes Are Flying (1957)"
    record = database.open_history(str(home), pytest.fail, film)
    assert record is not None
    with record:
        run = record.start_run(film, 1, 1, database.PLAYED)
        record.record(run, film, "x\x1b]0;pwned\x07", "top\x1bic", "easy", "a", False, 1.0)
    result = invoke("stats")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "x\\x1b]0;pwned\\x07" in result.stdout


def test_the_spoiler_guard_hides_later_questions_missed(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    film = "The Cranes Are Flying (1957)"
    later = next(q for q in quiz.question_pool(dataset) if q.act == len(dataset.acts))
    early = next(q for q in quiz.question_pool(dataset, up_to_act=1) if q.act is None)
    record = database.open_history(str(home), pytest.fail, film)
    assert record is not None
    with record:
        run = record.start_run(film, 1, 2, database.PLAYED)
        for question in (later, early):
            record.record(run, film, question.id, question.topic, question.difficulty, "x", False, 1.0)
    shown = {m["id"] for m in json.loads(invoke("stats", "--json").stdout)["most_missed"]}
    assert shown == {later.id, early.id}
    for args in (("stats", "--json", "--up-to-act", "1"), ("stats", "--json")):
        env = {} if "--up-to-act" in args else {"CRANES_UP_TO_ACT": "1"}
        document = json.loads(invoke(*args, env=env).stdout)
        assert [m["id"] for m in document["most_missed"]] == [early.id]
        assert document["wrong"] == 2  # the counts are not hidden, only what would tell the story
