"""The property-based battery: hostile film files (keys, values, structure),
arguments, environment and standard input, each run through the real entry point
(``cranes_cli.cli.main``, in this process for speed). Whatever comes in:

- no traceback (no exception other than SystemExit leaves ``main``);
- an exit status from the documented set: 0, 1, 2, 130;
- no raw control, format or separator character on stdout or stderr (colour codes aside,
  when colour was asked for);
- a time bound.

Under CI=true Hypothesis replays the same examples (tests/conftest.py), so the battery runs in
CI in a few seconds; locally it explores new ones each run.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import shlex
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cranes_cli.cli import main, spec
from cranes_cli.film import load, reading

from . import toml_writer
from .conftest import ROOT, TEST_ENV

pytestmark = pytest.mark.slow  # long: .ci/run runs it (pytest -m slow)

EXAMPLE = ROOT / "examples" / "the-lighthouse-keepers.toml"
BASE = reading.parse_toml(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
STATUSES = {0, 1, 2, 130}
SECONDS = 10.0  # per run; a run takes 10-100 ms, and anything quadratic in the input takes seconds
# Colour and bold, and hyperlinks to http(s) addresses (OSC 8), which Rich writes on a terminal.
_SGR = re.compile("\x1b\\[[0-9;]*m|\x1b\\]8;(?:id=[0-9]+)?;(?:https?://[^\x00-\x20\x7f]*)?\x1b\\\\")


def _examples() -> list[list[str]]:
    """Every example in the commands' help that runs on its own (no pipe, no redirection, no
    variable), as arguments, and each command alone and with --json where it has it."""
    lines = []
    for command in spec.COMMANDS:
        plain = [command.name, *(["the"] if command.words and command.words.required else [])]
        lines += [plain, [*plain, "--json"]] if command.json is not None else [plain]
        for example in command.examples:
            words = shlex.split(example)
            if words[0] == "cranes" and not set("|<>;").intersection(example):
                lines.append(words[1:])
    return lines


COMMANDS = _examples()

# Text chosen to hurt: terminal escapes, line breaks, direction overrides, invisible
# characters, Markdown and Rich markup, huge and negative numbers, lone surrogates.
hostile_text = st.one_of(
    st.sampled_from(
        [
            "\x1b]0;owned\x07\x1b[2J",
            "a\nforged: ok",
            "\u202eevil",
            "\u009b2J",
            "x\u2060y\u00adz\u200e\u2028",
            "\U000e0041tag",
            "[bold]x[/bold]",
            "\n<!--",
            "](http://x)![i](y)",
            "9" * 5000,
            "-1",
            "",
            " ",
            "\r",
            "\x00",
        ]
    ),
    st.text(max_size=12),
)
hostile_arguments = st.one_of(hostile_text, st.sampled_from(["--", "-", "-h", "--json", "--act", "0", "-9"]))


def raw_characters(text: str) -> list[str]:
    """Characters a terminal would obey: controls (tab and newline aside), format characters,
    surrogates, line and paragraph separators."""
    text = _SGR.sub("", text)
    return [
        char
        for char in text
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    ]


class _Kept(io.BytesIO):
    """A byte stream whose contents outlive the text stream around it (which closes it)."""

    def close(self) -> None:
        pass


@contextlib.contextmanager
def _process(environ: dict[str, str], stdin: bytes) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """This process dressed as a fresh one: its streams and environment."""
    out, err = _Kept(), _Kept()
    saved = sys.stdin, sys.stdout, sys.stderr, dict(os.environ)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield out, err
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = saved[:3]
        os.environ.clear()
        os.environ.update(saved[3])


def run(args: list[str], environ: dict[str, str] | None = None, stdin: bytes = b"") -> tuple[int, str, str]:
    """``cranes ARGS``: its exit status, stdout and stderr; and the battery's checks."""
    with tempfile.TemporaryDirectory() as home:
        base = {**TEST_ENV, "HOME": home, "CRANES_HOME": home, "PATH": os.environ.get("PATH", "")}
        start = time.perf_counter()
        with _process({**base, **(environ or {})}, stdin) as (out, err):
            try:
                main(args)
                status = 0
            except SystemExit as leaving:
                code = leaving.code
                status = code if isinstance(code, int) else (0 if code is None else 1)
        seconds = time.perf_counter() - start
    stdout = out.getvalue().decode("utf-8")
    stderr = err.getvalue().decode("utf-8")
    shown = f"cranes {args!r}\nstdout: {stdout[:300]!r}\nstderr: {stderr[:300]!r}"
    assert status in STATUSES, shown
    assert "Traceback" not in stderr, shown
    assert not raw_characters(stdout), shown
    assert not raw_characters(stderr), shown
    assert seconds < SECONDS, f"{seconds:.1f} s: {shown}"
    return status, stdout, stderr


def _write(document: dict[str, Any], directory: str) -> str:
    path = os.path.join(directory, "film.toml")
    Path(path).write_text(toml_writer.dumps(document), encoding="utf-8", errors="surrogatepass")
    return path


BATTERY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------------------
# Film files: keys, values, structure


@st.composite
def mutated_films(draw: st.DrawFn) -> dict[str, Any]:
    """The example film with one to three changes at random places: a hostile key added, a
    value replaced by hostile text or a number, a value's type changed, a key deleted."""
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        target: Any = document
        while True:
            if isinstance(target, dict) and target:
                key: Any = draw(st.sampled_from(sorted(target)))
            elif isinstance(target, list) and target:
                key = draw(st.integers(0, len(target) - 1))
            else:
                break
            if isinstance(target[key], (dict, list)) and draw(st.booleans()):
                target = target[key]
                continue
            change = draw(st.sampled_from(["value", "number", "key", "type", "delete"]))
            if change == "value":
                target[key] = draw(hostile_text)
            elif change == "number":
                target[key] = draw(st.sampled_from([-1, 0, 99, 10**18, -(10**18), 2**63]))
            elif change == "key" and isinstance(target, dict):
                target[draw(hostile_text.filter(bool))] = draw(st.sampled_from([1, "x", [1], {}]))
            elif change == "type":
                target[key] = draw(st.sampled_from([[], {}, True, 1.5, [[]], {"a": {}}]))
            elif isinstance(target, dict):
                del target[key]
            break
    return document


def _toml_safe(document: Any) -> bool:
    """TOML cannot hold a lone surrogate; such documents are skipped, not written."""
    if isinstance(document, str):
        return not any(0xD800 <= ord(char) <= 0xDFFF for char in document)
    if isinstance(document, dict):
        return all(_toml_safe(key) and _toml_safe(value) for key, value in document.items())
    if isinstance(document, list):
        return all(_toml_safe(item) for item in document)
    return True


@BATTERY
@given(document=mutated_films(), command=st.sampled_from(COMMANDS))
def test_battery_mutated_film_files(document: dict[str, Any], command: list[str]) -> None:
    if not _toml_safe(document):
        return
    with tempfile.TemporaryDirectory() as directory:
        path = _write(document, directory)
        status, _, stderr = run(["--data", path, *command])
        if status == 1 and command[0] != "validate":
            assert stderr.startswith("cranes: "), stderr


@BATTERY
@given(text=st.text(max_size=300), command=st.sampled_from(COMMANDS))
def test_battery_any_text_as_a_film_file(text: str, command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "film.toml")
        Path(path).write_bytes(text.encode("utf-8", "surrogatepass"))
        run(["--data", path, *command])


# ---------------------------------------------------------------------------------------
# Arguments, environment, standard input

# Every command's name and every spelling of every option, from the spec, and a few values.
words = st.sampled_from(
    sorted(
        {command.name for command in spec.COMMANDS}
        | {flag for command in spec.COMMANDS for option in command.all_options for flag in option.flags}
        | {flag for option in spec.ROOT_OPTIONS for flag in option.flags}
        | {"--help", "1", "Veronika", "dot", "cast"}
    )
)


@BATTERY
@given(args=st.lists(st.one_of(words, hostile_arguments), min_size=0, max_size=5))
def test_battery_arguments(args: list[str]) -> None:
    if "quiz" in args and "--json" not in args and "--handout" not in args:
        args = [*args, "--count", "2"]  # a played quiz reads answers from an empty stdin
    run(args)


environments = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.sampled_from(["0", "1", "-5", "abc", "9" * 5000, "²", "", "40", "300"]),
        "LINES": st.sampled_from(["0", "x", "9" * 5000]),
        "NO_COLOR": st.sampled_from(["", "1"]),
        "TTY_COMPATIBLE": st.sampled_from(["0", "1", "2", ""]),
        "TERM": st.sampled_from(["dumb", "xterm-256color", "", "\x1b"]),
        "CRANES_DATA": st.one_of(st.sampled_from(["/dev/zero", "/", "", "/nonexistent"]), hostile_text),
        "CRANES_UP_TO_ACT": st.sampled_from(["1", "0", "-1", "9" * 5000, "x", " 2 "]),
        "XDG_DATA_HOME": st.sampled_from(["relative", "", "/nonexistent/x"]),
        "LANG": st.sampled_from(["C", "ru_RU.UTF-8", ""]),
    },
).map(lambda env: {key: value for key, value in env.items() if "\x00" not in value})


@BATTERY
@given(environ=environments, command=st.sampled_from(COMMANDS))
def test_battery_environment(environ: dict[str, str], command: list[str]) -> None:
    run(command, {key: value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                  for key, value in environ.items()})  # fmt: skip


completion_requests = st.fixed_dictionaries(
    {"_CRANES_COMPLETE": st.sampled_from(["complete_bash", "complete_zsh", "complete_fish", "x", ""])},
    optional={
        "COMP_WORDS": st.one_of(
            st.just("cranes who V"), st.just("cranes --data /dev/zero plot --act "), hostile_text
        ),
        "COMP_CWORD": st.sampled_from(["", "x", "²", "-1", "2", "99", "9" * 5000]),
        "_TYPER_COMPLETE_ARGS": st.one_of(st.just("cranes plot --act "), hostile_text),
        "_TYPER_COMPLETE_FISH_ACTION": st.sampled_from(["get-args", "is-args", ""]),
    },
).map(lambda env: {key: value for key, value in env.items() if "\x00" not in value})


@BATTERY
@given(environ=completion_requests)
def test_battery_completion(environ: dict[str, str]) -> None:
    if any(0xD800 <= ord(char) <= 0xDFFF for value in environ.values() for char in value):
        return  # os.environ cannot hold them
    run([], environ)


@BATTERY
@given(
    stdin=st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"\xff\xfe\n", b"a\n" * 50, b"\x1b[2J\n", b"x" * 100_000, b"\x00\n", b"\r\n"]),
        st.lists(hostile_text, max_size=4).map(
            lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
        ),
    ),
    seed=st.integers(1, 50),
)
def test_battery_quiz_input(stdin: bytes, seed: int) -> None:
    status, _, _ = run(["quiz", "--count", "3", "--seed", str(seed)], stdin=stdin)
    assert status in (0, 1, 130)


# ---------------------------------------------------------------------------------------
# Named hostile cases that need the whole entry point


def test_no_acts_never_say_acts_run_from_1_to_0(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["acts"] = []
    for character in document.get("characters", []):
        character.pop("relations", None)
        character.pop("spoiler_free", None)
    for section in ("quiz", "scenes", "quotes"):  # each names an act
        document.pop(section, None)
    path = _write(document, str(tmp_path))
    for args in (["plot", "--act", "1"], ["quiz", "--up-to-act", "1", "--json"], ["cast", "--up-to-act", "1"],
                 ["validate"]):  # fmt: skip
        status, stdout, stderr = run(["--data", path, *args])
        assert "1 to 0" not in stdout + stderr, (args, stdout, stderr)
        assert status == (0 if args == ["validate"] else 2 if "--up-to-act" in args else 1), (args, stderr)


@pytest.mark.parametrize("variable", ["CRANES_DATA", "CRANES_HOME"])
def test_environment_values_reach_the_terminal_escaped(variable: str, tmp_path: Path) -> None:
    hostile = str(tmp_path / "\x1b[2J\u202e")
    Path(hostile).write_text("")  # as CRANES_HOME, a file where a directory should be
    args = ["cast"] if variable == "CRANES_DATA" else ["quiz", "--count", "1", "--seed", "1"]
    _, _, stderr = run(args, {variable: hostile}, stdin=b"a\n")
    assert "\\x1b[2J\\u202e" in stderr, stderr


# ---------------------------------------------------------------------------------------
# The quiz history: rows no cranes wrote, and old last-quiz.json records

HISTORY_COMMANDS = [
    ["stats"], ["stats", "--json"], ["quiz", "--due", "--json"], ["quiz", "--due", "--count", "2"],
    ["quiz", "--missed", "--count", "2"], ["quiz", "--again", "--seed", "5", "--json"],
    ["quiz", "--count", "2"],
]  # fmt: skip
_EXAMPLE_FILM = load.load_path(EXAMPLE).film
FILM_ID = f"{_EXAMPLE_FILM.title} ({_EXAMPLE_FILM.year})"  # the example's, as the history names it

# What an SQLite column can hold, whatever its declared type: huge and odd numbers, text
# where a number belongs, bytes, text that is not UTF-8, and the values a quiz writes.
sqlite_values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.sampled_from([0, 1, 1.8e9, 1e300, 9e15, 253402300800, -1, "abc", "", FILM_ID, "cast", "easy"]),
    hostile_text.filter(lambda text: not any(0xD800 <= ord(char) <= 0xDFFF for char in text)),
    st.binary(max_size=8),
    st.binary(max_size=8).map(lambda raw: ("text", raw)),  # stored as text, whatever the bytes
)
history_rows = st.lists(
    st.fixed_dictionaries(
        {
            "run": sqlite_values,
            "film": st.one_of(st.just(FILM_ID), sqlite_values),
            "question": sqlite_values,
            "topic": sqlite_values,
            "difficulty": sqlite_values,
            "answered": sqlite_values,
            "answer": sqlite_values,
            "correct": sqlite_values,
            "seconds": st.one_of(st.none(), sqlite_values),
            "started": sqlite_values,
            "seed": st.one_of(st.none(), sqlite_values),
            "replay": sqlite_values,
        }
    ),
    min_size=1,
    max_size=4,
)


def _plant_history(directory: str, planted: list[dict[str, Any]]) -> None:
    """A real history, then rows written by hand around the program's checks."""
    import sqlite3

    from cranes_cli.history import database

    database.open_history(directory, lambda _: None, FILM_ID).connection.close()
    with sqlite3.connect(os.path.join(directory, database.FILE_NAME)) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")

        def value(item: object) -> tuple[str, object]:
            if isinstance(item, tuple):
                return "CAST(? AS TEXT)", item[1]
            return "?", item

        for row in planted:
            run = [value(row[key]) for key in ("film", "started", "seed", "replay")]
            connection.execute(
                f"INSERT INTO runs (film, started, seed, replay) VALUES ({', '.join(p for p, _ in run)})",
                [v for _, v in run],
            )
            keys = (
                "run",
                "film",
                "question",
                "topic",
                "difficulty",
                "answered",
                "answer",
                "correct",
                "seconds",
            )
            answer = [value(row[key]) for key in keys]
            connection.execute(
                f"INSERT INTO answers ({', '.join(keys)}) VALUES ({', '.join(p for p, _ in answer)})",
                [v for _, v in answer],
            )


@BATTERY
@given(planted=history_rows, command=st.sampled_from(HISTORY_COMMANDS))
def test_battery_history_rows(planted: list[dict[str, Any]], command: list[str]) -> None:
    """Rows whose columns hold anything SQLite allows: never a traceback, a hang or raw text."""
    import sqlite3

    with tempfile.TemporaryDirectory() as home:
        try:
            _plant_history(home, planted)
        except (sqlite3.IntegrityError, OverflowError):
            return  # a NOT NULL column refused it: no file can hold such a row
        run(["--data", str(EXAMPLE), *command], {"CRANES_HOME": home}, stdin=b"a\nb\n")


legacy_records = st.one_of(
    st.fixed_dictionaries(
        {
            "seed": st.one_of(st.integers(), st.floats(), st.booleans(), hostile_text, st.none()),
            "missed": st.one_of(
                st.lists(st.one_of(hostile_text, st.text(max_size=4), st.integers()), max_size=5),
                hostile_text,
                st.none(),
            ),
        },
        optional={"schema_version": st.one_of(st.integers(), hostile_text)},
    ).map(lambda record: json.dumps(record).encode("utf-8")),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), hostile_text),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=8,
    ).map(lambda document: json.dumps(document).encode("utf-8")),
    st.binary(max_size=64),
    st.sampled_from([b'{"seed": 1, "missed": ["\\ud800"]}', b"[" * 10_000, b"\xff\xfe{}"]),
)


@settings(BATTERY, max_examples=12)  # two runs an example, the first creating a database
@given(record=legacy_records, command=st.sampled_from(HISTORY_COMMANDS))
def test_battery_legacy_records(record: bytes, command: list[str]) -> None:
    """Whatever an old last-quiz.json holds: read once, never a crash, and left as it was."""
    with tempfile.TemporaryDirectory() as home:
        path = os.path.join(home, "last-quiz.json")
        Path(path).write_bytes(record)
        run(["quiz", "--count", "1", "--seed", "1"], {"CRANES_HOME": home}, stdin=b"a\n")
        run(command, {"CRANES_HOME": home}, stdin=b"a\nb\n")
        assert Path(path).read_bytes() == record
