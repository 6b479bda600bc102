"""Terminal safety: whatever comes from outside (keys, values, file names) reaches the terminal
only as text it shows, never as something it obeys."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cranes_cli.render import json_out, lines
from cranes_cli.unsafe import escape, for_json

from .conftest import Invoke
from .films import MINIMAL
from .toml_writer import value as toml_value


def raw(text: str) -> list[str]:
    """What must never reach a terminal raw: C0 and C1 controls but the newline that ends a
    line, DEL, bidirectional controls, zero-width and other format characters, surrogates,
    line and paragraph separators."""
    return [
        char for char in text if char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    ]


HOSTILE = [
    "\x1b]0;owned\x07\x1b[2J",  # set the window title, clear the screen
    "line\nforged: ok",  # a second line in a one-line-per-record report
    "\u202eevil",  # right-to-left override
    "\u009b2J",  # C1 control sequence introducer
    "a\u2060b\u00adc\u200ed\u2028e\U000e0041",  # invisible format characters, a tag character
]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\u202eabc", "\\u202eabc"),
        ("\u009b", "\\x9b"),
        ("\U000e0041", "\\U000e0041"),
        ("\u2028\u00ad\u2060\u200e", "\\u2028\\xad\\u2060\\u200e"),
        ("\udcff", "\\udcff"),
    ],
)
def test_escape_shows_what_a_terminal_would_obey(text: str, shown: str) -> None:
    assert escape(text) == shown


@pytest.mark.parametrize(
    "text", ["Летят журавли", "Veronika · Boris — 1957", "non\u00a0breaking", "", "a\\x1b"]
)
def test_escape_leaves_ordinary_text_alone(text: str) -> None:
    assert escape(text) == text


def test_escape_keeps_what_it_is_told_to() -> None:
    assert escape("one\ntwo\x1b", keep="\n") == "one\ntwo\\x1b"


@given(st.text())
def test_escaped_text_has_nothing_raw(text: str) -> None:
    assert not raw(escape(text).replace("\n", "\x00"))
    escape(text).encode("utf-8")  # no lone surrogate left to fail on output


@given(st.text())
def test_json_escaping_keeps_the_data(text: str) -> None:
    dumped = for_json(json.dumps({"k": text}, ensure_ascii=False))
    assert not raw(dumped)
    assert json.loads(dumped) == {"k": text}


def test_json_output_escapes_c1_and_bidi() -> None:
    out = json_out.dumps({"key": "\u009b\u202e"}, pretty=True)
    assert '"key": "\\u009b\\u202e"' in out


@pytest.mark.parametrize("key", HOSTILE)
def test_hostile_keys_reach_no_output_raw(invoke: Invoke, tmp_path: Path, key: str) -> None:
    path = tmp_path / "film.toml"
    path.write_text(MINIMAL.replace("\n", f"\n{toml_value(key)} = 1\n", 1), encoding="utf-8")
    for args in (["cast"], ["validate"], ["validate", "--json"], ["who", "Ann"]):
        result = invoke("--data", str(path), *args)
        assert result.exit_code == 1, args
        assert not raw(result.stdout), (args, result.stdout)
        assert not raw(result.stderr), (args, result.stderr)
    report = invoke("--data", str(path), "validate")
    assert report.stdout.count("\n") == 1  # one unknown key, one line: nothing forged
    assert f": {escape(key)}: unknown key" in report.stdout


@pytest.mark.parametrize("key", HOSTILE)
def test_hostile_key_inside_a_record(invoke: Invoke, tmp_path: Path, key: str) -> None:
    path = tmp_path / "film.toml"
    path.write_text(MINIMAL.replace('title = "Minimal"', f'title = "Minimal"\n{toml_value(key)} = 1'))
    result = invoke("--data", str(path), "validate")
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1
    assert "film." + escape(key) in result.stdout
    data = json.loads(invoke("--data", str(path), "validate", "--json").stdout)
    assert data["files"][0]["problems"][0]["path"] == f"film.{key}"


@pytest.mark.parametrize("name", ["\x1b[2Jfilm.toml", "a\nfilm.toml: ok", "\u202elmot.toml", "\udcff.toml"])
def test_hostile_file_names_are_escaped(invoke: Invoke, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(MINIMAL, encoding="utf-8")
    for args in (["validate", str(path)], ["--data", str(path), "validate"]):
        result = invoke(*args)
        assert result.exit_code == 0, result.stdout
        assert result.stdout == f"{escape(str(path))}: ok\n"
    missing = invoke("--data", str(tmp_path / "no" / name), "cast")
    assert missing.exit_code == 1
    assert not raw(missing.stderr)
    assert len(missing.stderr.splitlines()) == 1


def test_search_lines_escape_what_they_print() -> None:
    from cranes_cli.core.search import Entry, Hit

    entry = Entry("film.title", "film\x1b[2J", "title", "a\u202eb\nc", ("a", "b", "c"))
    assert lines.search([Hit(entry, 1, ())]) == "film\\x1b[2J\ta\\u202eb c\n"
