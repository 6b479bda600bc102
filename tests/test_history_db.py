"""The answer history in SQLite (history_db): what is recorded, --missed, two films, the old
last-quiz.json imported once, damaged and newer databases, several quizzes at once, kill -9."""

from __future__ import annotations

import datetime
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from subprocess import PIPE
from typing import NamedTuple

import pytest

from cranes_cli.core import quiz
from cranes_cli.film import load
from cranes_cli.film.identity import film_id
from cranes_cli.film.model import Dataset
from cranes_cli.history import database, last_quiz

from .conftest import ROOT, Invoke, letters

FILM = "The Cranes Are Flying (1957)"
EXAMPLE = str(ROOT / "examples" / "the-lighthouse-keepers.toml")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    monkeypatch.setenv("CRANES_HOME", str(directory))
    return directory


def rows(home: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / database.FILE_NAME) as connection:
        return connection.execute(sql, args).fetchall()


def test_every_answer_is_recorded(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    made = quiz.make_quiz(dataset, seed=3, count=4)
    result = invoke("quiz", "--seed", "3", "--count", "4", input=letters(made, [True, False, True, False]))
    assert result.exit_code == 0, result.stderr
    columns = "film, question, topic, difficulty, answer, correct, seconds, run"
    answers = rows(home, f"SELECT {columns} FROM answers")
    assert [row[1] for row in answers] == [q.id for q in made.questions]
    assert [row[5] for row in answers] == [1, 0, 1, 0]
    for row, question in zip(answers, made.questions, strict=True):
        assert row[0] == FILM
        assert (row[2], row[3]) == (question.topic, question.difficulty)
        assert row[4] in question.options
        assert (row[4] == question.answer) == bool(row[5])
        assert isinstance(row[6], float) and 0 <= row[6] < 60
    (run,) = rows(home, "SELECT id, film, seed, replay, questions FROM runs")
    assert run == (answers[0][7], FILM, 3, 0, 4)
    assert rows(home, "PRAGMA journal_mode") == [("wal",)]
    assert rows(home, "PRAGMA user_version") == [(database.SCHEMA_VERSION,)]


def test_printing_a_quiz_records_nothing(invoke: Invoke, home: Path) -> None:
    for args in (("--json",), ("--handout",), ("--export", "csv")):
        assert invoke("quiz", "--seed", "1", *args).exit_code == 0
    assert not (home / database.FILE_NAME).exists()


def test_missed_asks_what_was_not_since_answered_right(invoke: Invoke, dataset: Dataset) -> None:
    made = quiz.make_quiz(dataset, seed=5, count=4)
    invoke("quiz", "--seed", "5", "--count", "4", input=letters(made, [False, True, False, False]))
    missed = [made.questions[i].id for i in (0, 2, 3)]
    replay = quiz.make_quiz(dataset, seed=8, only_ids=missed)
    assert {q.id for q in replay.questions} == set(missed)
    # The replay gets one right: the next --missed asks the other two, and its own hint works.
    first = replay.questions[0]
    right = [q is first for q in replay.questions]
    result = invoke("quiz", "--seed", "8", "--missed", input=letters(replay, right))
    assert result.exit_code == 0, result.stderr
    hint = result.stdout.rsplit("replay with: ", 1)[1].strip()
    assert hint == "cranes quiz --seed 8 --count 3 --missed"
    again = quiz.make_quiz(dataset, seed=8, only_ids=[q for q in missed if q != first.id])
    result = invoke(*hint.split()[1:], input=letters(again, [True] * len(again.questions)))
    assert result.exit_code == 0, result.stderr
    assert f"Score: {len(again.questions)} of {len(again.questions)}" in result.stdout
    # All answered right since: nothing is left to ask, said plainly.
    result = invoke(*hint.split()[1:])
    assert result.exit_code == 1
    assert result.stderr == "cranes: no missed questions from the last quiz left to ask again\n"


def test_two_films_never_mix(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    made = quiz.make_quiz(dataset, seed=2, count=2)
    invoke("quiz", "--seed", "2", "--count", "2", input=letters(made, [False, False]))
    result = invoke("--data", EXAMPLE, "quiz", "--seed", "2", "--count", "2", input="a\na\n")
    assert result.exit_code == 0, result.stderr
    example = load.load_path(EXAMPLE).film
    other = film_id(example.title, example.year)
    assert other != FILM
    assert rows(home, "SELECT DISTINCT film FROM answers ORDER BY film") == sorted([(FILM,), (other,)])
    assert rows(home, "SELECT count(*) FROM answers WHERE film = ?", other) == [(2,)]
    with database.open_history(str(home), print, FILM) as record:  # type: ignore[union-attr]
        assert record.still_missed(FILM) == [q.id for q in made.questions]


def test_last_quiz_json_is_imported_once(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    old = quiz.make_quiz(dataset, seed=4, count=3)
    ids = [q.id for q in old.questions]
    home.mkdir()
    (home / last_quiz.FILE_NAME).write_text(json.dumps({"schema_version": 1, "seed": 4, "missed": ids}))
    wrong = quiz.make_quiz(dataset, seed=1, only_ids=ids)
    result = invoke("quiz", "--seed", "1", "--missed", input=letters(wrong, [False] * 3))
    assert result.exit_code == 0, result.stderr
    assert rows(home, "SELECT count(*) FROM runs WHERE replay = ?", database.IMPORTED) == [(1,)]
    imported = rows(home, "SELECT question FROM answers WHERE answer = ''")
    assert sorted(row[0] for row in imported) == sorted(ids)
    invoke("quiz", "--seed", "1", "--missed", input=letters(wrong, [False] * 3))
    assert rows(home, "SELECT count(*) FROM runs WHERE replay = ?", database.IMPORTED) == [(1,)]


def test_a_damaged_database_is_set_aside_and_a_new_one_started(invoke: Invoke, home: Path) -> None:
    home.mkdir()
    garbage = b"this is not SQLite\x00" * 300
    (home / database.FILE_NAME).write_bytes(garbage)
    result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    assert result.exit_code == 0
    assert "is damaged" in result.stderr and "moved aside to" in result.stderr
    assert result.stderr.count("\n") == 1
    (aside,) = home.glob(f"{database.FILE_NAME}.damaged-*")
    assert aside.read_bytes() == garbage
    assert rows(home, "SELECT count(*) FROM answers") == [(1,)]
    # A second damaged file gets a name of its own.
    (home / database.FILE_NAME).write_bytes(garbage)
    for suffix in ("-wal", "-shm"):
        (home / f"{database.FILE_NAME}{suffix}").unlink(missing_ok=True)
    invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    assert len(list(home.glob(f"{database.FILE_NAME}.damaged-*[0-9a-f]"))) == 2


def test_a_directory_in_the_way_is_set_aside(invoke: Invoke, home: Path) -> None:
    (home / database.FILE_NAME).mkdir(parents=True)
    result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    assert result.exit_code == 0
    assert "moved aside" in result.stderr
    assert rows(home, "SELECT count(*) FROM answers") == [(1,)]


def test_a_newer_database_is_left_alone(invoke: Invoke, home: Path) -> None:
    home.mkdir()
    with sqlite3.connect(home / database.FILE_NAME) as connection:
        connection.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    before = (home / database.FILE_NAME).read_bytes()
    result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n")
    assert result.exit_code == 0
    assert "written by a newer cranes" in result.stderr
    assert (home / database.FILE_NAME).read_bytes() == before
    assert not list(home.glob("*.damaged-*"))


def test_an_unwritable_home_is_a_warning_not_a_failure(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    env = {"CRANES_HOME": str(blocker / "x")}
    result = invoke("quiz", "--seed", "1", "--count", "1", input="a\n", env=env)
    assert result.exit_code == 0
    assert "Score:" in result.stdout
    assert "cannot be used" in result.stderr


def test_migrations_run_once_and_in_order(tmp_path: Path) -> None:
    with database.open_history(str(tmp_path), print, FILM) as record:  # type: ignore[union-attr]
        run = record.start_run(FILM, 1, 1, database.PLAYED)
        record.record(run, FILM, "q", "cast", "easy", "x", True, 1.0)
    with database.open_history(str(tmp_path), print, FILM) as record:  # type: ignore[union-attr]
        assert len(record.answers(FILM)) == 1
    assert len(database.MIGRATIONS) == database.SCHEMA_VERSION


# --- several processes at once, and kill -9 ------------------------------------------------

WRITER = """
import sys, time
from cranes_cli.history import database
record = database.open_history(sys.argv[1], lambda m: print(m, file=sys.stderr), "F")
run = record.start_run("F", 1, 0, database.PLAYED)
for number in range(int(sys.argv[2])):
    record.record(run, "F", f"q{number}", "cast", "easy", "x", number % 2 == 0, 0.1)
    print(number, flush=True)
"""


def test_several_quizzes_at_once_are_all_recorded(home: Path, dataset: Dataset) -> None:
    made = quiz.make_quiz(dataset, seed=9, count=5)
    replies = letters(made, [True, False, True, False, True])
    env = {**os.environ, "CRANES_HOME": str(home), "NO_COLOR": "1", "TTY_COMPATIBLE": "0"}
    command = [sys.executable, "-m", "cranes_cli", "quiz", "--seed", "9", "--count", "5"]
    quizzes = [subprocess.Popen(command, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=env) for _ in range(4)]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(home), "200"], stdout=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    for process in quizzes:
        _, errors = process.communicate(replies.encode(), timeout=120)
        assert process.returncode == 0
        assert errors == b""
    for process in writers:
        process.communicate(timeout=120)
        assert process.returncode == 0
    assert rows(home, "SELECT count(*) FROM answers WHERE film = ?", FILM) == [(20,)]
    assert rows(home, "SELECT count(*) FROM answers WHERE film = 'F'") == [(400,)]
    assert rows(home, "SELECT count(*) FROM runs") == [(6,)]


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4])
def test_kill_9_loses_at_most_the_answer_being_written(home: Path, delay: float) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), "100000"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert writer.stdout is not None
    first = writer.stdout.readline()  # the database exists and an answer is in it
    assert first == b"0\n"
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    said = first + writer.stdout.read()
    writer.wait()
    acknowledged = len(said.splitlines())
    with database.open_history(str(home), pytest.fail, "F") as record:  # type: ignore[union-attr]
        assert record.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = len(record.answers("F"))
    assert acknowledged <= stored <= acknowledged + 1
    assert not list(home.glob("*.damaged-*"))


# --- spaced review: quiz --due ----------------------------------------------------------------


def test_due_lists_missed_questions_at_once_and_known_ones_later(
    invoke: Invoke, dataset: Dataset, home: Path
) -> None:
    result = invoke("quiz", "--due", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["due"] == []
    made = quiz.make_quiz(dataset, seed=6, count=4)
    invoke("quiz", "--seed", "6", "--count", "4", input=letters(made, [True, False, True, False]))
    document = json.loads(invoke("quiz", "--due", "--json").stdout)
    missed = [made.questions[1], made.questions[3]]
    assert {item["id"] for item in document["due"]} == {q.id for q in missed}
    for item in document["due"]:
        assert item["question"] == next(q.prompt for q in missed if q.id == item["id"])
        assert (item["reviews"], item["lapses"]) == (1, 1)
    # A known question comes back later: about a day after one right answer, not now.
    later = document["next_due"]
    assert later["id"] in {made.questions[0].id, made.questions[2].id}
    wait = datetime.datetime.fromisoformat(later["due"]) - datetime.datetime.fromisoformat(
        later["last_answered"]
    )
    assert datetime.timedelta(hours=12) <= wait <= datetime.timedelta(days=7)


def test_due_asks_the_due_questions_and_then_none(invoke: Invoke, dataset: Dataset) -> None:
    made = quiz.make_quiz(dataset, seed=6, count=3)
    invoke("quiz", "--seed", "6", "--count", "3", input=letters(made, [False, True, False]))
    review = quiz.make_quiz(dataset, seed=2, only_ids=[made.questions[0].id, made.questions[2].id])
    result = invoke("quiz", "--due", "--seed", "2", input=letters(review, [True, True]))
    assert result.exit_code == 0, result.stderr
    assert "Score: 2 of 2" in result.stdout
    # What is due changes with each answer: no replay command is offered that would not hold.
    assert "replay with" not in result.stdout and "--due" not in result.stdout
    result = invoke("quiz", "--due")
    assert result.exit_code == 1
    message = re.fullmatch(
        r"cranes: no question is due for review now; the next is due on (.+)\n", result.stderr
    )
    assert message, result.stderr
    # a date in words for people, not ISO: "29 November 2026 at 02:21 UTC"
    when = datetime.datetime.strptime(message[1], "%d %B %Y at %H:%M UTC").replace(
        tzinfo=datetime.timezone.utc
    )
    assert (
        datetime.timedelta(0)
        < when - datetime.datetime.now(datetime.timezone.utc)
        < datetime.timedelta(days=400)
    )


def test_due_follows_fsrs(dataset: Dataset) -> None:
    """The schedule is FSRS's: replaying the same ratings through the fsrs package by hand
    gives the same due dates."""
    from fsrs import Card, Rating, Scheduler

    from cranes_cli.core import review

    class Answer(NamedTuple):
        question: str
        answered: float
        correct: bool

    start = 1_800_000_000.0
    history_ = [
        Answer("q", start, True),
        Answer("q", start + 86_400 * 2, True),
        Answer("q", start + 86_400 * 9, False),
    ]
    zero = (datetime.timedelta(0),)
    scheduler = Scheduler(learning_steps=zero, relearning_steps=zero, enable_fuzzing=False)
    card = Card(card_id=1)
    for answer in history_:
        rating = Rating.Good if answer.correct else Rating.Again
        when = datetime.datetime.fromtimestamp(answer.answered, tz=datetime.timezone.utc)
        card, _ = scheduler.review_card(card, rating, when)
    (schedule,) = review.schedules(history_)
    assert schedule.due == card.due
    assert schedule.due == datetime.datetime.fromtimestamp(start + 86_400 * 9, tz=datetime.timezone.utc)
    assert (schedule.reviews, schedule.lapses) == (3, 1)


def test_due_and_missed_together_are_a_usage_error(invoke: Invoke) -> None:
    result = invoke("quiz", "--due", "--missed")
    assert result.exit_code == 2
    assert result.stderr == (
        "cranes: --missed and --due cannot be used together: choose one set of questions to ask\n"
    )


def test_fsrs_is_imported_only_for_due(invoke: Invoke) -> None:
    """The history (sqlite3) only for commands that read or write it, FSRS only for --due."""
    code = (
        "import sys; from cranes_cli.cli import main\n"
        "def run(*args):\n"
        "    try: main(list(args))\n"
        "    except SystemExit: pass\n"
        "run('info', '--json'); run('quiz', '--json', '--seed', '1'); run('quiz', '--export', 'csv')\n"
        "print('sqlite3' in sys.modules, 'fsrs' in sys.modules)\n"
        "run('stats'); print('sqlite3' in sys.modules, 'fsrs' in sys.modules)\n"
        "run('quiz', '--due', '--json'); print('sqlite3' in sys.modules, 'fsrs' in sys.modules)\n"
    )
    env = {**os.environ, "CRANES_HOME": "/nonexistent-cranes-home"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    flags = [line for line in out.stdout.splitlines() if line in ("True True", "True False", "False False")]
    assert flags == ["False False", "True False", "True True"], out.stderr


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {"HOME": "/h"}, "/h/.local/share/cranes"),
        ("darwin", {"HOME": "/Users/v"}, "/Users/v/Library/Application Support/cranes"),
        ("darwin", {"HOME": "/Users/v", "XDG_DATA_HOME": "/x"}, "/x/cranes"),
        ("win32", {"HOME": "/u", "LOCALAPPDATA": "/u/AppData/Local"}, "/u/AppData/Local/cranes"),
        ("win32", {"HOME": "/u", "APPDATA": "/u/roaming"}, "/u/roaming/cranes"),
        ("win32", {"HOME": "/u", "LOCALAPPDATA": "relative"}, "/u/AppData/Local/cranes"),
        ("darwin", {"HOME": "/Users/v", "CRANES_HOME": "/c"}, "/c"),
    ],
)
def test_the_history_lives_in_the_platforms_data_directory(
    monkeypatch: pytest.MonkeyPatch, platform: str, environ: dict[str, str], expected: str
) -> None:
    from cranes_cli.environment import Environment, Output

    monkeypatch.setattr(sys, "platform", platform)
    assert Environment(Output(sys.stdout), None, None, environ).data_dir == expected


# --- without --seed: new questions first; --again replays such a quiz -------------------------


def run_questions(home: Path) -> list[list[str]]:
    runs = [run for (run,) in rows(home, "SELECT id FROM runs ORDER BY id")]
    return [
        [q for (q,) in rows(home, "SELECT question FROM answers WHERE run = ? ORDER BY id", run)]
        for run in runs
    ]


def test_without_a_seed_new_questions_come_first(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    invoke("quiz", "--seed", "1", input="a\n" * 40)
    for _ in range(3):
        result = invoke("quiz", input="a\n" * 40)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.rstrip().endswith("--again")
    asked = run_questions(home)
    assert [len(quiz_) for quiz_ in asked] == [10, 10, 10, 10]
    everything = [question for quiz_ in asked for question in quiz_]
    assert len(set(everything)) == 40  # no question twice while the pool has new ones
    assert rows(home, "SELECT replay FROM runs ORDER BY id") == [(0,), (3,), (3,), (3,)]


def test_again_replays_an_unseeded_quiz_exactly(invoke: Invoke, dataset: Dataset, home: Path) -> None:
    invoke("quiz", "--seed", "1", "--count", "5", input="a\n" * 20)
    result = invoke("quiz", "--count", "5", input="a\n" * 20)
    hint = result.stdout.rsplit("replay with: ", 1)[1].split()
    assert hint[-1] == "--again"
    before = run_questions(home)[-1]
    invoke("quiz", input="a\n" * 40)  # another unseeded quiz in between changes nothing
    replayed = invoke(*hint[1:], input="a\n" * 20)
    assert replayed.exit_code == 0, replayed.stderr
    assert run_questions(home)[-1] == before
    # The same seed without --again is the seed's own quiz, history or not.
    seed = int(hint[hint.index("--seed") + 1])
    plain = invoke("quiz", "--seed", str(seed), "--count", "5", "--export", "csv")
    assert [line.split(",")[1] for line in plain.stdout.splitlines()[1:]] == [
        q.id for q in quiz.make_quiz(dataset, seed=seed, count=5).questions
    ]


def test_again_needs_a_seed(invoke: Invoke) -> None:
    result = invoke("quiz", "--again")
    assert result.exit_code == 2
    assert result.stderr.startswith("cranes: --again needs a --seed")
    result = invoke("quiz", "--again", "--seed", "3", "--due")
    assert result.exit_code == 2
    assert result.stderr.startswith("cranes: --again and --due cannot be used together")


def test_kill_9_during_a_real_quiz_keeps_every_answer_given(home: Path, dataset: Dataset) -> None:
    """A played quiz killed between questions: every answer already given is in the history."""
    made = quiz.make_quiz(dataset, seed=12, count=6)
    env = {**os.environ, "CRANES_HOME": str(home), "NO_COLOR": "1", "TTY_COMPATIBLE": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cranes_cli", "quiz", "--seed", "12", "--count", "6"],
        stdin=PIPE,
        stdout=PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    replies = letters(made, [True, False, True, False, True, False]).splitlines()
    for reply in replies[:3]:
        process.stdin.write(f"{reply}\n".encode())
        process.stdin.flush()
    # Question 4 is shown once the third answer is recorded and judged.
    for line in iter(process.stdout.readline, b""):
        if b"Question 4 of 6" in line:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    recorded = rows(home, "SELECT question, correct FROM answers ORDER BY id")
    assert recorded == [
        (q.id, int(right)) for q, right in zip(made.questions[:3], [True, False, True], strict=True)
    ]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    """0600 like last-quiz.json: the history says which questions a person got wrong."""
    old = os.umask(0o022)  # the usual umask, under which SQLite alone would create 0644 files
    try:
        opened = database.open_history(str(tmp_path), pytest.fail, FILM)
        assert opened is not None
        with opened:
            names = [database.FILE_NAME + suffix for suffix in ("", "-wal", "-shm")]
            assert sorted(os.listdir(tmp_path)) == sorted(names)  # all three exist while it is open
            modes = {name: oct((tmp_path / name).stat().st_mode & 0o777) for name in names}
            assert modes == dict.fromkeys(names, oct(0o600))
    finally:
        os.umask(old)


def test_due_and_stats_under_the_guard_leave_out_what_it_hides(invoke: Invoke, dataset: Dataset) -> None:
    """The quiz engine applies the guard itself, to the whole film: a question about a character
    the guard hides (the hand-written 'Tyernov' one: Chernov is not met by act 1) is neither due
    nor among the most missed under --up-to-act 1."""
    made = quiz.make_quiz(dataset, seed=1, count=60)
    assert "curated:tyernov" in {q.id for q in made.questions}
    invoke("quiz", "--seed", "1", "--count", "60", input=letters(made, [False] * 60))
    unguarded = json.loads(invoke("quiz", "--due", "--json").stdout)
    assert "curated:tyernov" in {item["id"] for item in unguarded["due"]}
    guarded = json.loads(invoke("quiz", "--due", "--json", "--up-to-act", "1").stdout)
    assert guarded["due"] and "curated:tyernov" not in {item["id"] for item in guarded["due"]}
    # Missed twice, it tops the most missed without the guard, and is absent under it.
    only_it = [q.id == "curated:tyernov" for q in made.questions]
    invoke("quiz", "--seed", "1", "--count", "60", input=letters(made, [not wrong for wrong in only_it]))
    assert "Tyernov" in json.dumps(json.loads(invoke("stats", "--json").stdout)["most_missed"][0])
    stats = invoke("stats", "--json", "--up-to-act", "1")
    assert stats.exit_code == 0, stats.stderr
    assert "Tyernov" not in stats.stdout
