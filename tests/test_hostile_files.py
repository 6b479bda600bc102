"""Hostile film files: huge integers, FIFOs and devices, invisible
characters, quiz items that cannot be played fairly, out-of-range numbers, and costs that must
grow with the file, not with its square."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cranes_cli.core.choices import TOPICS
from cranes_cli.film import load, reading
from cranes_cli.film.locate import Locator, locate
from cranes_cli.film.model import QuizTopic
from cranes_cli.film.reading import DataFileError, Problem

from .conftest import Invoke
from .films import MINIMAL, broken_references, unknown_keys

QUESTION = """
[[quiz]]
id = "q"
topic = "cast"
difficulty = "easy"
question = "Who?"
answer = "Ann Actor"
wrong = {wrong}
explanation = "Because."
"""


def problems(text: str) -> list[Problem]:
    try:
        load.load_text(text, "film.toml")
    except DataFileError as error:
        return error.located()
    return []


def messages(text: str) -> list[str]:
    return [str(problem) for problem in problems(text)]


# ---------------------------------------------------------------------------------------
# Item 5: integers too long to convert; item 13: numbers out of range


def test_a_5000_digit_year_is_a_problem_not_a_traceback(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "film.toml"
    path.write_text(MINIMAL.replace("year = 2000", "year = " + "9" * 5000), encoding="utf-8")
    for args in (["validate"], ["cast"], ["validate", "--json"]):
        result = invoke("--data", str(path), *args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
    report = invoke("--data", str(path), "validate").stdout
    assert (
        report == f"{path}:5:8: a number is too long: expected at most a few digits, found 5,000 characters\n"
    )


@pytest.mark.parametrize("digits", [4000, 4400])
def test_long_integers_anywhere_are_refused(digits: int) -> None:
    """4,000 digits convert (and must still not be printed whole); 4,400 do not."""
    found = messages(MINIMAL.replace("number = 1", f"number = {'7' * digits}"))
    assert len(found) == 1 and len(found[0]) < 200, found


def test_hex_integers_of_any_length_are_shown_short() -> None:
    (message,) = messages(MINIMAL.replace("year = 2000", "year = 0x" + "f" * 5000))
    assert message.endswith("found 6,021-digit number")


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        ("year = 2000", "year = -5", "film.year", "expected a number from 1 to 9999, found -5"),
        ("year = 2000", "year = 0", "film.year", "expected a number from 1 to 9999, found 0"),
        ("year = 2000", "year = 2000\nruntime_minutes = -90", "film.runtime_minutes", "from 1 to 100000"),
        (
            "year = 2000",
            'year = 2000\nadmissions = [{ country = "X", admissions = -1 }]',
            "film.admissions[0].admissions",
            "expected a number from 0 to 1000000000000, found -1",
        ),
    ],
)
def test_negative_numbers_are_refused(old: str, new: str, path: str, expected: str) -> None:
    (problem,) = problems(MINIMAL.replace(old, new))
    assert problem.path == path and expected in problem.message


def test_schema_publishes_the_ranges() -> None:
    from cranes_cli.film.schema import json_schema

    year = json_schema()["$defs"]["Film"]["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (1, 9999)


# ---------------------------------------------------------------------------------------
# Item 13: invisible characters; quiz items


@pytest.mark.parametrize("char", ["\u200e", "\u2060", "\u00ad", "\u2028", "\u2029", "\U000e0041", "\u200d"])
def test_invisible_format_characters_are_refused_in_names(char: str) -> None:
    (problem,) = problems(MINIMAL.replace('name = "The Hero"', f'name = "The{char}Hero"'))
    assert problem.path == "characters[0].name"
    assert f"U+{ord(char):04X}" in problem.message and "at character 4" in problem.message


def test_tabs_and_newlines_pass_and_the_first_unsafe_character_is_named() -> None:
    (problem,) = problems(MINIMAL.replace('name = "The Hero"', 'name = "The\\tHe\\nro\\u202e\\u0085"'))
    assert problem.message.startswith("contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 10:")


def test_quiz_topics_are_the_quizs_own() -> None:
    from typing import get_args

    assert get_args(QuizTopic) == TOPICS


@pytest.mark.parametrize(
    ("wrong", "path", "expected"),
    [
        ('["Bob", "Bob"]', "quiz[0].wrong[1]", "'Bob' is the same as wrong option 1"),
        (
            '["ann actor"]',
            "quiz[0].wrong[0]",
            "'ann actor' is the same as the answer (case and spacing aside)",
        ),
        ('["Ann  Actor "]', "quiz[0].wrong[0]", "the same as the answer"),
        ('["B", "b", "C"]', "quiz[0].wrong[1]", "'b' is the same as wrong option 1"),
        ("[]", "quiz[0].wrong", "expected one to three wrong options, found 0"),
        ('["a", "b", "c", "d"]', "quiz[0].wrong", "expected one to three wrong options, found 4"),
    ],
)
def test_quiz_options_must_differ(wrong: str, path: str, expected: str) -> None:
    (problem,) = problems(MINIMAL + QUESTION.format(wrong=wrong))
    assert problem.path == path and expected in problem.message


def test_quiz_topic_must_be_known() -> None:
    (problem,) = problems(MINIMAL + QUESTION.format(wrong='["Bob"]').replace('"cast"', '"gossip"'))
    assert problem.path == "quiz[0].topic" and "one of 'cast'" in problem.message


@pytest.mark.parametrize("act", [2, 99, 0])
def test_quiz_act_must_exist(act: int) -> None:
    found = problems(MINIMAL + QUESTION.format(wrong='["Bob"]') + f"act = {act}\n")
    assert [p.path for p in found] == ["quiz[0].act"]
    assert found[-1].message.endswith(f"from 1 to 1, found {act}") or "from 1 to 10000" in found[0].message


def test_an_empty_act_list_never_says_acts_run_from_1_to_0() -> None:
    text = MINIMAL.replace('[[acts]]\nnumber = 1\ntitle = "Everything happens"\n', "")
    text = text.replace("schema_version = 1", "schema_version = 1\nacts = []")
    text += '\n[[characters]]\nid = "foe"\nname = "Foe"\n'
    text += 'relations = [{ target = "hero", kind = "family", label = "brother", since_act = 2 }]\n'
    text += QUESTION.format(wrong='["Bob"]') + "act = 1\n"
    found = messages(text)
    assert found == [
        "quiz[0].act: line 30, column 1: there are no acts for act 1 to refer to",
        "characters[1].relations[0].since_act: line 20, column 1: there are no acts for act 2 to refer to",
    ]
    assert not any("1 to 0" in message for message in found)


# ---------------------------------------------------------------------------------------
# Item 8: only regular files are read, and never block


def _within(seconds: float, action: Callable[[], Any]) -> Any:
    """Run ``action`` in a thread; fail (rather than hang the suite) if it blocks."""
    outcome: list[tuple[Any, BaseException | None]] = []

    def run() -> None:
        try:
            outcome.append((action(), None))
        except BaseException as error:
            outcome.append((None, error))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"blocked for more than {seconds} s"
    value, error = outcome[0]
    if error is not None:
        raise error
    return value


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "film.toml"
    os.mkfifo(fifo)
    message = f"{fifo}: is a named pipe (FIFO), not a film file"
    cast = _within(5, lambda: invoke("--data", str(fifo), "cast"))
    assert (cast.exit_code, cast.stderr) == (1, f"cranes: {message}\n")
    report = _within(5, lambda: invoke("validate", str(fifo)))
    assert (report.exit_code, report.stdout) == (1, f"{message}\n")
    with pytest.raises(DataFileError, match="FIFO"):
        _within(5, lambda: reading.read_document(str(fifo)))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it(invoke: Invoke) -> None:
    result = _within(5, lambda: invoke("validate", "/dev/zero"))
    assert result.stdout == "/dev/zero: is a character device, not a film file\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_completion_with_a_fifo_offers_nothing_and_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_completion import ask

    fifo = tmp_path / "film.toml"
    os.mkfifo(fifo)
    environ = {
        "_CRANES_COMPLETE": "complete_bash",
        "COMP_WORDS": f"cranes --data {fifo} who V",
        "COMP_CWORD": "4",
    }
    assert _within(5, lambda: ask(environ)) == ("\n", 0)


# ---------------------------------------------------------------------------------------
# Item 7: costs in proportion to the file


def _seconds(action: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _first_error(text: str) -> str:
    """The one line a command prints for a broken file."""
    try:
        load.load_text(text, "film.toml")
    except DataFileError as error:
        return error.message
    raise AssertionError("the file loaded")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "action"),
    [
        (unknown_keys, lambda text: problems(text)),
        (broken_references, lambda text: problems(text)),
        (unknown_keys, lambda text: _first_error(text)),
    ],
)
def test_cost_grows_with_the_file_not_its_square(make: Callable[[int], str], action: Any) -> None:
    """Twenty times the problems: about twenty times the time (30-40 with fixed costs; it was
    170-400: every problem was placed by scanning the text, and compared with every id for a
    suggestion)."""
    small, large = make(100), make(2000)
    assert len(problems(large)) >= 2000
    ratio = _seconds(lambda: action(large)) / _seconds(lambda: action(small))
    assert ratio < 80, f"20x the input took {ratio:.0f}x the time"


def test_a_near_miss_is_still_suggested_among_thousands() -> None:
    found = problems(broken_references(1500))
    assert found[-1].message == "no character 'charactr-1499' (did you mean 'character-1499'?)"
    assert found[-1].line == broken_references(1500).count("\n") - 1 + 1


def test_locator_places_keys_with_escapes_and_literal_quotes() -> None:
    text = "a = 1\n\"k\\u0041\" = 2\n'lit' = 3\n[t]\nx = 1\n"
    assert [Locator(text).locate(path) for path in ("kA", "lit", "t.x", "t.y")] == [
        (2, 1),
        (3, 1),
        (5, 1),
        (4, 1),
    ]
    assert locate("a = 1\n", "a") == (1, 1)


def test_line_numbers_count_newlines_only() -> None:
    """A U+2028 or form feed in a string does not shift the lines of later problems."""
    text = 'title = "a\u2028b\x0cc"\nyear = 1\n'
    assert locate(text, "year") == (2, 1)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_the_first_problem_alone_is_placed_for_an_error_line() -> None:
    """A command prints one problem: only that one is placed (validate places them all)."""
    with pytest.raises(DataFileError) as caught:
        load.load_text(unknown_keys(3), "film.toml")
    assert caught.value.message.startswith("film.toml: film.key0: line 6, column 1: unknown key")
    assert [problem.line for problem in caught.value.problems] == [None, None, None]
    assert [problem.line for problem in caught.value.located()] == [6, 7, 8]


def test_validate_indexes_a_broken_files_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The error's message places its first problem and validate places them all: one index
    of the text serves both."""
    from cranes_cli.film import locate

    made: list[str] = []
    real = locate.Locator.__init__

    def counting(self: locate.Locator, text: str) -> None:
        made.append(text)
        real(self, text)

    monkeypatch.setattr(locate.Locator, "__init__", counting)
    with pytest.raises(DataFileError) as caught:
        load.load_text(unknown_keys(3), "film.toml")
    assert [problem.line for problem in caught.value.located()] == [6, 7, 8]
    assert len(made) == 1


def test_search_keeps_no_record_per_word_of_a_long_text() -> None:
    """A title of a million words: search kept a record (offsets and key) per word, and a span
    per match of every hit, 400 MB for 6 MB. Now a key per word (shared strings) and the spans
    of the hits shown only."""
    import tracemalloc

    from cranes_cli.core import search

    words = 200_000
    dataset = load.load_text(MINIMAL.replace('title = "Minimal"', f'title = "{"word " * words}"'))
    tracemalloc.start()
    try:
        hits = search.rank(search.index(dataset), ["word"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / words < 100, f"{peak / words:.0f} bytes a word"
    assert len(hits[0].matched) == words
    assert hits[0].spans[:2] == ((0, 4), (5, 9))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12), max_size=30
    )
)
def test_folding_many_words_at_once_is_folding_each(found: list[str]) -> None:
    from cranes_cli.core import text

    spelled = [word for item in found for word in text.word_spellings(item)]
    assert text._fold_many(spelled) == [text._fold(word) for word in spelled]
    long_text = " ".join(spelled * (1000 // max(1, len(spelled)) + 1))
    assert text.word_keys(long_text) == tuple(map(text.word_key, text.word_spellings(long_text)))


@pytest.mark.parametrize("phrase", ["Boris's Palme d'Or Самойлова Yevgeny ", "0'0 ", "d'Or x "])
def test_a_long_text_with_apostrophes_keys_like_words(phrase: str) -> None:
    """(A text whose every word has an apostrophe left nothing to fold at once, which folded
    to one empty key too many.)"""
    from cranes_cli.core import text

    long_text = phrase * 1000
    assert text.word_keys(long_text) == tuple(word.key for word in text.words(long_text))


def test_every_integer_in_the_model_has_a_range() -> None:
    """A number is range-checked before anything reads it; a field added without a range
    (as facts' act was) let a 4,000-digit act through validation."""
    import dataclasses
    import types
    import typing

    from cranes_cli.film.model import Dataset

    def records(cls: Any, seen: set[Any]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for field in dataclasses.fields(cls):
            kinds = typing.get_args(field.type) if isinstance(field.type, types.UnionType) else (field.type,)
            for kind in kinds:
                inner = typing.get_args(kind)[0] if typing.get_origin(kind) is tuple else kind
                if dataclasses.is_dataclass(inner):
                    records(inner, seen)
                elif inner is int and field.name != "schema_version":
                    assert field.metadata.get("bounds"), f"{cls.__name__}.{field.name}"

    records(Dataset, set())


def test_a_fact_about_act_99_or_a_huge_act_is_refused(document: dict[str, Any]) -> None:
    for act in (99, 10**40):
        document["facts"][0]["act"] = act
        (problem,) = load.validate(document)
        assert problem.path == "facts[0].act"
