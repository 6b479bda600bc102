"""The loader: the bundled file loads; each kind of problem is caught with its key path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cranes_cli.film import load
from cranes_cli.film import reading as film_file
from cranes_cli.film.model import SCHEMA_VERSION, Dataset
from cranes_cli.film.reading import DataFileError, Problem

from .conftest import DATA_FILE


def paths(problems: list[Problem]) -> list[str]:
    return [problem.path for problem in problems]


def only_problem(document: dict[str, Any]) -> Problem:
    problems = load.validate(document)
    assert len(problems) == 1, problems
    return problems[0]


def test_bundled_file_loads(dataset: Dataset) -> None:
    assert dataset.schema_version == SCHEMA_VERSION
    assert dataset.film.original_title == "Летят журавли"
    assert [act.number for act in dataset.acts] == list(range(1, len(dataset.acts) + 1))


def test_bundled_path_finds_the_shipped_film_file() -> None:
    assert Path(film_file.bundled_path()).read_bytes() == DATA_FILE.read_bytes()


def test_loaded_records_are_frozen(dataset: Dataset) -> None:
    with pytest.raises(AttributeError):
        dataset.film.title = "x"  # type: ignore[misc]


def test_missing_key(document: dict[str, Any]) -> None:
    del document["film"]["title"]
    problem = only_problem(document)
    assert problem.path == "film.title"
    assert "missing key" in problem.message and "a string" in problem.message


def test_unknown_key_suggests_the_near_miss(document: dict[str, Any]) -> None:
    document["cast"][3]["charactr"] = document["cast"][3].pop("character")
    problems = load.validate(document)
    assert set(paths(problems)) == {"cast[3].charactr", "cast[3].character"}
    unknown = next(p for p in problems if p.path == "cast[3].charactr")
    assert "did you mean 'character'" in unknown.message


@pytest.mark.parametrize(
    ("section", "key", "value", "expected"),
    [
        ("film", "year", "1957", "expected an integer, found a string ('1957')"),
        ("film", "year", True, "expected an integer, found a boolean"),
        ("film", "title", 5, "expected a string, found an integer (5)"),
        ("film", "transliteration_variants", "x", "expected an array of strings"),
    ],
)
def test_wrong_type(document: dict[str, Any], section: str, key: str, value: object, expected: str) -> None:
    document[section][key] = value
    problem = only_problem(document)
    assert problem.path == f"{section}.{key}"
    assert expected in problem.message


def test_wrong_type_in_nested_array(document: dict[str, Any]) -> None:
    document["film"]["releases"][1]["date"] = "1958-06-11"
    problem = only_problem(document)
    assert problem.path == "film.releases[1].date"
    assert "a date (YYYY-MM-DD)" in problem.message


def test_value_outside_allowed_choices(document: dict[str, Any]) -> None:
    document["awards"][0]["result"] = "lost"
    problem = only_problem(document)
    assert problem.path == "awards[0].result"
    assert "one of 'won', 'nominated'" in problem.message


def test_duplicate_character_id(document: dict[str, Any]) -> None:
    document["characters"][1]["id"] = document["characters"][0]["id"]
    problems = load.validate(document)
    assert "characters[1].id" in paths(problems)
    assert any("duplicate id 'veronika'" in p.message for p in problems)


def test_dangling_cast_character(document: dict[str, Any]) -> None:
    document["cast"][3]["character"] = "marc"
    problem = only_problem(document)
    assert problem.path == "cast[3].character"
    assert "no character 'marc'" in problem.message and "did you mean 'mark'" in problem.message


def test_dangling_beat_character(document: dict[str, Any]) -> None:
    document["acts"][1]["beats"][2]["characters"].append("nobody")
    problem = only_problem(document)
    assert problem.path.startswith("acts[1].beats[2].characters[")


def test_dangling_relation_target(document: dict[str, Any]) -> None:
    document["characters"][0]["relations"][0]["target"] = "ghost"
    problem = only_problem(document)
    assert problem.path == "characters[0].relations[0].target"


def test_unknown_source_key(document: dict[str, Any]) -> None:
    index = next(i for i, fact in enumerate(document["facts"]) if fact["id"] == "gdr-admissions")
    document["facts"][index]["sources"] = ["WIKIPEDIA"]
    document["facts"][index]["evidence"][0]["source"] = "WIKIPEDIA"
    problem = only_problem(document)
    assert problem.path == f"facts[{index}].sources[0]"
    assert "no bibliography key 'WIKIPEDIA'" in problem.message


def test_act_numbers_must_run_in_order(document: dict[str, Any]) -> None:
    document["acts"][2]["number"] = 7
    problem = only_problem(document)
    assert problem.path == "acts[2].number"
    assert "expected 3" in problem.message


@pytest.mark.parametrize("bad", ["1941-13", "June 1941", "1941-02-30", "41"])
def test_act_date_must_be_iso(document: dict[str, Any], bad: str) -> None:
    document["acts"][0]["date"] = bad
    assert only_problem(document).path == "acts[0].date"


def test_newer_schema_version_says_upgrade(document: dict[str, Any]) -> None:
    document["schema_version"] = SCHEMA_VERSION + 1
    problem = only_problem(document)
    assert problem.path == "schema_version" and "upgrade cranes" in problem.message


def test_every_problem_is_reported_not_just_the_first(document: dict[str, Any]) -> None:
    del document["film"]["title"]
    document["cast"][0]["character"] = "nobody"
    document["cast"][1]["extra"] = 1
    document["acts"][1]["number"] = 7
    document["characters"][1]["relations"][0]["target"] = "veronica"
    problems = load.validate(document)
    assert paths(problems) == [
        "film.title",
        "cast[1].extra",
        "cast[0].character",
        "characters[1].relations[0].target",
        "acts[1].number",
    ]
    assert (
        str(problems[3])
        == "characters[1].relations[0].target: no character 'veronica' (did you mean 'veronika'?)"
    )


def test_toml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(DataFileError) as caught:
        load.load_text('schema_version = 1\n[film\ntitle = "x"\n', "broken.toml")
    (problem,) = caught.value.problems
    assert problem.line == 2 and problem.column is not None
    assert "TOML syntax error" in problem.message
    assert caught.value.message.startswith("broken.toml")


def test_not_utf8() -> None:
    with pytest.raises(DataFileError, match="not UTF-8"):
        load.load_bytes("title = 'Летят'".encode("cp1251"), "cp1251.toml")


def test_byte_order_mark_is_accepted() -> None:
    text = "\ufeff" + DATA_FILE.read_text(encoding="utf-8")
    assert load.load_bytes(text.encode("utf-8")).film.year == 1957


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot be read"):
        load.load_path(tmp_path / "nope.toml")
    with pytest.raises(DataFileError, match="is a directory"):
        load.load_path(tmp_path)


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(film_file, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.toml"
    big.write_text("x = 1\n" * 100)
    with pytest.raises(DataFileError, match="larger than"):
        load.load_path(big)


def test_error_message_counts_further_problems(document: dict[str, Any]) -> None:
    error = DataFileError("f.toml", [Problem("a", "one"), Problem("b", "two"), Problem("c", "three")])
    assert error.message == "f.toml: a: one (and 2 more problems: cranes validate lists them)"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_fails_with_the_loaders_own_error(text: str) -> None:
    try:
        result = load.load_text(text)
    except DataFileError as error:
        assert error.problems
    else:
        assert isinstance(result, Dataset)
