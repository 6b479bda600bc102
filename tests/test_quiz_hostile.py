"""The quiz against hostile input: Markdown injection through the
handout, unbounded or undecodable replies, replies echoed raw, and costs that grow with the
square of the film file; and `validate` on what the quiz relies on."""

from __future__ import annotations

import cProfile
import os
import pstats
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cranes_cli.cli.app import app
from cranes_cli.core import quiz
from cranes_cli.core.quiz import context
from cranes_cli.core.quiz.judge import MAX_REPLY, judge
from cranes_cli.film import load
from cranes_cli.render import quiz_views

from .conftest import DATA_FILE, TEST_ENV, Invoke
from .toml_writer import dumps as to_toml


@pytest.fixture(autouse=True)
def quiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRANES_HOME", str(tmp_path / "home"))


def run_with_bytes(args: list[str], data: bytes) -> Any:
    return CliRunner().invoke(app, args, env=TEST_ENV, input=data)


# --- item 2: Markdown injection ----------------------------------------------------------

HOSTILE = "\\n<!-- [link](http://e.vil) ![image](http://e.vil/i.png) *em* `code` &amp; <b>html</b>\\n- item"


def hostile_film() -> str:
    text = DATA_FILE.read_text(encoding="utf-8")
    film = '[film]\ntitle = "The Cranes Are Flying"'
    text = text.replace(film, film.replace("Flying", f"Flying{HOSTILE}"), 1)
    # A beat becomes a question ("In which act does this happen? ...") and an option.
    return text.replace('{ text = "At sunrise', f'{{ text = "At sunrise{HOSTILE}', 1)


def assert_inert(out: str) -> None:
    for line in out.splitlines():
        # Only our own structure starts a line: a heading, a count, a list item, an option.
        assert line == "" or re.match(r"(# |## Answer key$|\d+ questions? |\d+\. |    [a-d]\) )", line), line
    assert not re.search(r"(?<!\\)<", out)  # no raw HTML, no comment
    assert not re.search(r"(?<!\\)\[", out)  # no link or image
    assert not re.search(r"(?<!\\)[*`&]", out.replace("**", ""))  # no emphasis, code, entity
    assert "http://" not in out  # no bare address for GitHub to link


def test_handout_escapes_markdown_from_the_film_file(film_file: Any, invoke: Invoke) -> None:
    film_file(hostile_film())
    result = invoke("quiz", "--handout", "--seed", "1", "--count", "20")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# The Cranes Are Flying \\<\\!--")
    assert_inert(result.stdout)


def test_handout_escapes_questions_options_and_explanations() -> None:
    dataset = load.load_text(hostile_film())
    hostile = [
        q for q in quiz.question_pool(dataset) if any("At sunrise" in t for t in (q.prompt, *q.options))
    ]
    assert {q.kind for q in hostile} >= {"first-of"}
    out = quiz_views.handout(quiz.Quiz(1, tuple(hostile)), dataset.film.title)
    assert out.count("At sunrise") >= 2
    assert_inert(out)


def test_md_makes_any_text_one_inert_line() -> None:
    assert quiz_views.md("a\nb\r\u2028c") == "a b c"
    assert quiz_views.md("<!--") == "\\<\\!--"
    assert quiz_views.md("[x](y)") == "\\[x\\](y)"
    assert quiz_views.md("see www.e.vil or https://e.vil") == "see www\\.e.vil or https\\://e.vil"


# --- item 9: unbounded and undecodable replies -------------------------------------------


def test_a_five_megabyte_reply_is_refused_quickly() -> None:
    started = time.perf_counter()
    result = run_with_bytes(["quiz", "--seed", "1", "--count", "2"], b"x" * 5_000_000 + b"\n")
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert f"longer than {MAX_REPLY} characters" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_an_undecodable_byte_is_asked_again_not_a_crash(dataset: Any) -> None:
    made = quiz.make_quiz(dataset, seed=1, count=1)
    letter = "abcd"[made.questions[0].options.index(made.questions[0].answer)]
    result = run_with_bytes(["quiz", "--seed", "1", "--count", "1"], b"\xff\xfe\n" + letter.encode() + b"\n")
    assert result.exit_code == 0, result.stderr
    assert "Answer with a letter" in result.stdout
    assert "Score: 1 of 1" in result.stdout


def cranes(*args: str, stdin: Any, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cranes_cli", *args],
        stdin=stdin,
        capture_output=True,
        timeout=30,
        env={**os.environ, **TEST_ENV, **(env or {})},
        check=False,
    )


def test_endless_input_without_a_newline_ends_with_a_message(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        result = cranes(
            "quiz", "--seed", "1", "--count", "1", stdin=zeros, env={"CRANES_HOME": str(tmp_path)}
        )
    assert result.returncode == 1
    assert result.stderr.decode().startswith("cranes: a reply longer than")
    assert b"Traceback" not in result.stderr


def test_undecodable_input_under_a_utf8_locale(tmp_path: Path) -> None:
    (tmp_path / "in").write_bytes(b"\xc3\x28\n\xff\n")
    with open(tmp_path / "in", "rb") as replies:
        result = cranes(
            "quiz", "--seed", "1", "--count", "1", stdin=replies,
            env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "", "CRANES_HOME": str(tmp_path)},
        )  # fmt: skip
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1  # input ended before an answer it could understand
    assert result.stdout.count(b"Answer with a letter") == 2


# --- item 14: a near miss is not echoed raw ----------------------------------------------


def test_a_near_miss_reply_is_echoed_escaped(dataset: Any) -> None:
    made = quiz.make_quiz(dataset, seed=2, count=1, topics=["cast"])
    question = made.questions[0]
    # Find a multiple-choice cast question with a name for an answer and reply with it,
    # misspelt, plus escapes.
    seed = 2
    while question.is_true_false or len(question.answer) < 6:
        seed += 1
        made = quiz.make_quiz(dataset, seed=seed, count=1, topics=["cast"])
        question = made.questions[0]
    reply = question.answer[:-1] + "\x07\x1b[2J"
    verdict = judge(question, reply)
    assert verdict is not None and verdict.corrected_from is not None
    result = run_with_bytes(
        ["quiz", "--seed", str(seed), "--count", "1", "--topic", "cast"], reply.encode() + b"\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b" in result.stdout  # shown, visibly


# --- item 7: cost grows with the file, not its square ------------------------------------


def bigger_film(extra: int) -> str:
    """Our film with ``extra`` more characters, each played by a new actor and seen in act 1."""
    text = DATA_FILE.read_text(encoding="utf-8")
    records = []
    for n in range(extra):
        gender = "female" if n % 2 else "male"
        records.append(
            f'[[characters]]\nid = "extra-{n}"\nname = "Extra Person{n}"\ngender = "{gender}"\n'
            f'sources = ["seed"]\n\n[[cast]]\nname = "Actor Number{n}"\ncharacter = "extra-{n}"\n'
            f'gender = "{gender}"\nsources = ["seed"]\n'
        )
    beat = (
        '{ text = "A crowd of extras.", characters = ['
        + ", ".join(f'"extra-{n}"' for n in range(extra))
        + "] }"
    )
    text = text.replace("beats = [\n", f"beats = [\n    {beat},\n", 1)
    return text + "\n" + "\n".join(records)


def pool_calls(text: str) -> int:
    """Function calls made while making a one-question quiz: a count of the work done, the
    same on every run however busy the machine is (a timing would not be)."""
    dataset = load.load_text(text)
    context.loose.cache_clear()
    profiler = cProfile.Profile()
    profiler.runcall(quiz.make_quiz, dataset, seed=1, count=1)
    return pstats.Stats(profiler).total_calls  # type: ignore[attr-defined, no-any-return]


@pytest.mark.slow
def test_making_a_quiz_grows_linearly_with_the_cast() -> None:
    small, large = pool_calls(bigger_film(250)), pool_calls(bigger_film(1000))
    # Four times the extras: about four times the work (linear), not sixteen (quadratic).
    assert large < 8 * small, (small, large)


# --- validate: what the quiz relies on ---------------------------------------------------


def test_validate_checks_gender_against_family_words(document: dict[str, Any]) -> None:
    irina = next(c for c in document["characters"] if c["id"] == "irina")
    irina["gender"] = "male"  # but she is Boris's "sister"
    problems = load.validate(document)
    assert any(p.path.startswith("characters[") and "female family word" in p.message for p in problems)


def test_a_hand_written_question_with_fewer_than_three_wrong_options_is_not_asked(
    film_file: Any, document: dict[str, Any]
) -> None:
    item = next(q for q in document["quiz"] if q["answer"] == "Warner Bros.")
    item["wrong"] = item["wrong"][:2]  # valid in a film file, but not a fair question
    dataset = load.load_text(to_toml(document))
    assert f"curated:{item['id']}" not in {q.id for q in quiz.question_pool(dataset)}
