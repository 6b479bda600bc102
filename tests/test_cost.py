"""Costs that must grow with the input, not its square: film files with long dotted keys or deep
nesting (refused before the TOML reader sees them), and films with many characters and
relations."""

from __future__ import annotations

import contextlib
import copy
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cranes_cli.core import lookup, people, search
from cranes_cli.core.quiz import make_quiz
from cranes_cli.film import load, reading
from cranes_cli.film.locate import TomlShape
from cranes_cli.film.model import Dataset
from cranes_cli.film.reading import DataFileError

from .films import MINIMAL

pytestmark = pytest.mark.slow  # long: .ci/run runs it (pytest -m slow)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def _seconds(action: Callable[[], Any], rounds: int = 5) -> float:
    """The best of ``rounds`` runs: the least disturbed by a busy machine."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _times(count: int, action: Callable[[str], Any], text: str) -> None:
    """``action`` ``count`` times over: long enough to time when it takes microseconds."""
    for _ in range(count):
        action(text)


def _error(text: str) -> str:
    """The one line a command prints for a broken file."""
    try:
        load.load_text(text, "film.toml")
    except DataFileError as error:
        return error.message
    raise AssertionError("the file loaded")


def _parsed(text: str) -> None:
    """What shell completion does with a film file: parse it, unchecked."""
    with contextlib.suppress(DataFileError):
        load.parse_toml(text, "film.toml")


def _line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


# ---------------------------------------------------------------------------------------
# Long dotted keys and deep nesting


def dotted(parts: int) -> str:
    return ".".join(["a"] * parts)


def long_key(parts: int) -> str:
    """The minimal film with one key of ``parts`` dotted parts."""
    return MINIMAL.replace("year = 2000", f"year = 2000\n{dotted(parts)} = 1")


def long_table_name(parts: int) -> str:
    """The minimal film with a table of ``parts`` dotted parts, holding as many keys (a reader
    copies the table's name for each key)."""
    return MINIMAL + f"\n[{dotted(parts)}]\n" + "".join(f"key{n} = {n}\n" for n in range(parts))


def long_inline_key(parts: int) -> str:
    return MINIMAL.replace("year = 2000", f"year = 2000\nextra = {{ {dotted(parts)} = 1 }}")


def quoted_long_key(parts: int) -> str:
    return MINIMAL.replace("year = 2000", "year = 2000\n" + " . ".join(['"a"'] * parts) + " = 1")


@pytest.mark.parametrize("make", [long_key, long_table_name, long_inline_key, quoted_long_key])
@pytest.mark.parametrize("read", [_error, _parsed])
def test_a_long_dotted_key_costs_in_proportion_to_its_length(make: Callable[[int], str], read: Any) -> None:
    """Twenty times the parts: about twenty times the time (it was 400 times: a TOML reader
    spends time in the square of a key's parts; 20,000 parts took 5 s and 2 GB)."""
    small, large = make(100), make(2000)
    with pytest.raises(DataFileError, match="dotted parts"):
        load.load_text(large, "film.toml")
    ratio = _seconds(lambda: _times(10, read, large)) / _seconds(lambda: _times(10, read, small))
    assert ratio < 80, f"20x the parts took {ratio:.0f}x the time"


@pytest.mark.parametrize(
    ("make", "column"),
    [(long_key, 1), (long_table_name, 2), (long_inline_key, 11), (quoted_long_key, 1)],
)
def test_a_long_dotted_key_is_named_with_its_line(make: Callable[[int], str], column: int) -> None:
    text = make(17)
    line = next(number for number, row in enumerate(text.split("\n"), start=1) if row.count(".") == 16)
    assert _error(text) == (
        f"film.toml: line {line}, column {column}: "
        "a key or table name of 17 dotted parts: expected at most 16"
    )


def test_sixteen_parts_are_read() -> None:
    """(The key is unknown, and placed at its table: the locator places only undotted keys.)"""
    text = long_key(16)
    assert _error(text) == f"film.toml: film.a: line {_line_of(text, '[film]')}, column 1: unknown key"


def test_dots_in_strings_and_comments_are_not_keys() -> None:
    many = dotted(40)
    text = MINIMAL.replace('title = "Minimal"', f'title = "{many}"  # {many}') + (
        f"\n# {many}\n[[facts]]\nid = 'f'\ntext = '''\n{many} = 1\n'''\n"
    )
    with pytest.raises(DataFileError) as raised:
        load.load_text(text, "film.toml")
    assert "dotted parts" not in str(raised.value)
    assert tomllib.loads(text)["film"]["title"] == many


def test_dots_in_long_lines_of_text_cost_no_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines of prose with many sentences (a film file written by a program puts a whole
    table on one line) are ruled out without placing anything."""
    monkeypatch.setattr(TomlShape, "__init__", lambda *_: pytest.fail("scanned"))
    prose = "He left. She stayed. " * 20
    load.load_text(MINIMAL.replace('"Minimal"', f'"{prose}"  # {prose}'), "film.toml")


def test_a_string_opened_in_a_comment_hides_no_key() -> None:
    """A comment holding three quotes opens no string: the long key after it is a key."""
    text = MINIMAL.replace("year = 2000", f'year = 2000\n# """\n{dotted(40)} = 1\nnote = """ """')
    assert _error(text).startswith(f"film.toml: line {_line_of(text, dotted(40) + ' = 1')}, column 1: ")


@pytest.mark.parametrize("depth", [50, 5000])
def test_deep_nesting_is_named_with_its_line(depth: int) -> None:
    text = MINIMAL + "\ndeep = " + "[" * depth + "]" * depth + "\n"
    line = _line_of(text, "deep = " + "[" * depth + "]" * depth)
    if depth == 50:  # the parser follows it, and the checks say what is wrong
        assert _error(text) == f"film.toml: acts[0].deep: line {line}, column 1: unknown key"
    else:
        assert _error(text) == (
            f"film.toml: line {line}, column 40: TOML nesting is too deep: "
            "arrays and inline tables nest more than 32 deep"
        )


def test_completion_refuses_a_long_key_quickly(tmp_path: Path) -> None:
    from .test_completion import ask

    path = tmp_path / "film.toml"
    path.write_text(long_table_name(3000), encoding="utf-8")
    environ = {
        "_CRANES_COMPLETE": "complete_bash",
        "COMP_WORDS": f"cranes --data {path} who V",
        "COMP_CWORD": "4",
    }
    start = time.perf_counter()
    assert ask(environ) == ("\n", 0)
    assert time.perf_counter() - start < 2  # it was 5 s


def test_the_bundled_file_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap test (enough dots on one line for a long key) passes our film, so reading it
    never pays for the full scan."""
    monkeypatch.setattr(TomlShape, "__init__", lambda *_: pytest.fail("scanned"))
    load.load_path(reading.bundled_path())


# Text a TOML string may hold, chosen to trip a scanner: quotes, escapes, comment marks, dots,
# brackets and newlines.
_TRICKY = st.text(alphabet=st.sampled_from(list("a.#[]{}='\"\\\n ")), max_size=30)


def _basic(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _multiline_basic(text: str) -> str:
    return '"""' + text.replace("\\", "\\\\").replace('"', '\\"') + '"""'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "").replace("\n", "") + "'"


def _multiline_literal(text: str) -> str:
    return "'''" + text.replace("'", "") + "'''"


_QUOTE = st.sampled_from([_basic, _multiline_basic, _literal, _multiline_literal])


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.tuples(_QUOTE, _TRICKY, _TRICKY), max_size=8), parts=st.integers(1, 40))
def test_the_scan_reads_strings_and_comments_as_toml_does(
    values: list[tuple[Callable[[str], str], str, str]], parts: int
) -> None:
    lines = [
        f"k{n} = {quote(value)} # {comment.replace(chr(10), ' ')}"
        for n, (quote, value, comment) in enumerate(values)
    ]
    key = f"{dotted(parts)} = 1"
    text = "\n".join([*lines, key, ""])
    tomllib.loads(text)  # the strings are TOML
    found = TomlShape(text).long_key(16)
    if parts <= 16:
        assert found is None
        load.parse_toml(text, "film.toml")
    else:
        assert found == (_line_of(text, key), 1, parts)
        with pytest.raises(DataFileError, match=f"line {found[0]}, column 1: .* of {parts} dotted parts"):
            load.parse_toml(text, "film.toml")


# ---------------------------------------------------------------------------------------
# Many characters and relations


def _characters(document: dict[str, Any], count: int, hub: bool) -> Dataset:
    """The film with ``count`` more characters, each played by one more actor. Each copy of our
    characters is related among itself as ours are; with ``hub``, every extra character is
    also one more sweetheart of Veronika's."""
    ours = [character for character in document["characters"]]
    cast = list(document["cast"])
    for number in range(count):
        copied, index = divmod(number, len(ours))
        character = copy.deepcopy(ours[index])
        character["id"] = f"{character['id']}-{number}"
        character["name"] = f"{character['name']} {number}"
        for key in ("spoiler_free", "aliases", "nicknames", "full_name", "full_name_cyrillic"):
            character.pop(key, None)
        for relation in character.get("relations", []):
            twin = copied * len(ours) + [c["id"] for c in ours].index(relation["target"])
            relation["target"] = f"{relation['target']}-{twin}" if twin < count else relation["target"]
        if hub:
            character["relations"] = [
                *character.get("relations", []),
                {"target": "veronika", "kind": "romance", "label": "sweetheart"},
            ]
        document["characters"].append(character)
        member = {**copy.deepcopy(cast[number % len(cast)]), "character": character["id"]}
        member["name"] = f"{member['name']} {number}"
        member.pop("aliases", None)
        document["cast"].append(member)
    dataset, problems = load.check(document)
    assert dataset is not None and not problems, problems[:3]
    return dataset


def test_a_character_with_thousands_of_sweethearts_costs_no_more_each(document: dict[str, Any]) -> None:
    """Twenty times the characters, each one more sweetheart of Veronika's: about twenty times
    the time (it was 330 times: nearly every character is a right answer to "Who is
    Veronika's sweetheart?", and the wrong ones were looked for among them all)."""

    def action(dataset: Dataset) -> None:
        make_quiz(dataset, seed=1, count=5, topics=["characters"])

    small = _characters(copy.deepcopy(document), 100, hub=True)
    large = _characters(document, 2000, hub=True)
    ratio = _seconds(lambda: action(large), rounds=2) / _seconds(lambda: action(small), rounds=2)
    assert ratio < 80, f"20x the characters took {ratio:.0f}x the time"


class _Counted(tuple):  # type: ignore[type-arg]
    """A tuple that counts the items read from it, one by one."""

    visits = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            _Counted.visits += 1
            yield item


def _visits(dataset: Dataset, action: Callable[[Dataset], Any]) -> int:
    """How many characters, cast members and relations ``action`` reads, one by one."""
    for character in dataset.characters:
        object.__setattr__(character, "relations", _Counted(character.relations))
    object.__setattr__(dataset, "characters", _Counted(dataset.characters))
    object.__setattr__(dataset, "cast", _Counted(dataset.cast))
    _Counted.visits = 0
    action(dataset)
    return _Counted.visits


@pytest.mark.parametrize(
    "action",
    [
        people.characters_by_family,
        lookup.cast_lines,
        search.index,
        lambda dataset: people.candidates(dataset, people.name_entries(dataset), "Boris"),
        lambda dataset: make_quiz(dataset, seed=1, count=10),
    ],
    ids=["characters", "cast", "search", "who", "quiz"],
)
def test_each_character_is_read_a_few_times(
    document: dict[str, Any], action: Callable[[Dataset], Any]
) -> None:
    """Counted, not timed: twenty times the characters, about twenty times the characters, cast
    members and relations read (it was hundreds of times: each character's actors and
    relations, each cast member's character and each relation question's wrong answers were
    looked for among them all)."""
    small = _visits(_characters(copy.deepcopy(document), 50, hub=False), action)
    large = _visits(_characters(document, 1000, hub=False), action)
    assert large < 30 * small, f"20x the characters: {large / small:.0f}x the reads"


def test_chains_and_circles_of_derived_sources_cost_in_proportion() -> None:
    """Sources deriving one from the next: twenty times the chain, about twenty times the time
    (a walk up every chain from every entry was the square of it: 2,000 entries took 27 s), and
    a circle is reported once, not once per entry on it."""
    from cranes_cli.film.evidence import check_evidence

    def film(count: int, circle: bool) -> dict[str, Any]:
        entries = [{"key": f"K{i}", "title": "t", "derives_from": f"K{i + 1}"} for i in range(count)]
        entries[-1]["derives_from"] = "K0" if circle else None
        if not circle:
            del entries[-1]["derives_from"]
        return {"bibliography": entries}

    for circle in (False, True):
        small, large = film(100, circle), film(2000, circle)
        ratio = _seconds(lambda large=large: check_evidence(large), rounds=3) / _seconds(
            lambda small=small: check_evidence(small), rounds=3
        )
        assert ratio < 60, f"20x the sources took {ratio:.0f}x the time"
    circles = [problem for problem in check_evidence(film(50, True)) if "circle" in problem.message]
    assert len(circles) == 1
