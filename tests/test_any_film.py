"""Any film file: --data and CRANES_DATA, every command on the example and on a minimal
file, cranes validate, the published schema, and files nobody here wrote."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cranes_cli.cli import spec
from cranes_cli.film import load, reading, schema
from cranes_cli.film.reading import DataFileError
from cranes_cli.render.json_out import jsonable

from . import toml_writer
from .conftest import DATA_FILE, ROOT, Invoke
from .films import MINIMAL

EXAMPLE = ROOT / "examples" / "the-lighthouse-keepers.toml"
SCHEMA_FILE = ROOT / "data" / "film.schema.json"


# What a command needs besides its name to print something for the example film.
NEEDS = {"search": ["storm"], "who": ["Gael"], "quiz": ["--json", "--seed", "1"]}
EVERY_COMMAND = [
    *([command.name, *NEEDS.get(command.name, [])] for command in spec.COMMANDS if command.name != "stats"),
    ["plot", "--act", "1"],
    ["graph", "--format", "dot"],
    ["quiz", "--handout", "--seed", "1"],
]  # stats has nothing to say before a quiz is played: tests/test_stats.py


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def write(tmp_path: Path, document: dict[str, Any], name: str = "film.toml") -> Path:
    path = tmp_path / name
    path.write_text(toml_writer.dumps(document), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# Choosing the file


def test_data_option_loads_another_film(invoke: Invoke) -> None:
    result = invoke("--data", str(EXAMPLE), "cast", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["cast"][0]["actor"]["name"] == "Marie Kervella"


def test_environment_variable_loads_another_film(invoke: Invoke) -> None:
    result = invoke("info", "--json", env={"CRANES_DATA": str(EXAMPLE)})
    assert json.loads(result.stdout)["film"]["title"] == "The Lighthouse Keepers"


def test_the_option_wins_over_the_environment(invoke: Invoke, minimal: Path) -> None:
    result = invoke("--data", str(minimal), "info", "--json", env={"CRANES_DATA": str(EXAMPLE)})
    assert json.loads(result.stdout)["film"]["title"] == "Minimal"


def test_an_empty_environment_variable_means_the_bundled_film(invoke: Invoke) -> None:
    result = invoke("info", "--json", env={"CRANES_DATA": ""})
    assert json.loads(result.stdout)["film"]["title"] == "The Cranes Are Flying"


def test_fast_route_takes_data_option_like_typer(
    minimal: Path, capsys: pytest.CaptureFixture[str], invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cranes_cli.cli.route import fast_route
    from cranes_cli.commands import base as commands
    from cranes_cli.environment import Environment

    for args in (["--data", str(minimal), "cast", "--json"], [f"--data={EXAMPLE}", "who", "Anna", "--json"]):
        body = fast_route(args)
        assert body is not None
        env = Environment.from_process()
        status = commands.run(env, lambda body=body, env=env: body(env))  # type: ignore[misc]
        fast = capsys.readouterr()
        typer_result = invoke(*args)
        assert (status, fast.out, fast.err) == (
            typer_result.exit_code,
            typer_result.stdout,
            typer_result.stderr,
        )


@pytest.mark.parametrize("args", [["--data"], ["--data", "--json"], ["--data", "x"], ["--data="]])
def test_incomplete_data_option_goes_to_typer(args: list[str]) -> None:
    from cranes_cli.cli.route import fast_route

    assert fast_route(args) is None


# ---------------------------------------------------------------------------------------
# Every command on any valid file


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_every_command_works_on_the_example(invoke: Invoke, args: list[str]) -> None:
    result = invoke("--data", str(EXAMPLE), *args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.strip()


@pytest.mark.parametrize(
    "args",
    [
        ["info"],
        ["cast"],
        ["plot"],
        ["characters"],
        ["timeline", "--history"],
        ["graph"],
        ["validate"],
        ["search", "hero"],
        ["who", "Ann"],
        ["quiz", "--json", "--seed", "1"],
    ],
    ids=" ".join,
)
def test_every_command_with_something_to_show_works_on_a_minimal_file(
    invoke: Invoke, minimal: Path, args: list[str]
) -> None:
    result = invoke("--data", str(minimal), *args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "None" not in result.stdout


@pytest.mark.parametrize(("command", "section"), [("crew", "crew"), ("awards", "awards"), ("facts", "facts")])
def test_a_command_whose_section_is_absent_says_so(
    invoke: Invoke, minimal: Path, command: str, section: str
) -> None:
    for args in ([command], [command, "--json"]):
        result = invoke("--data", str(minimal), *args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"cranes: this film file has no {section}\n"


def test_a_film_without_characters_says_so(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bare.toml"
    path.write_text(
        'schema_version = 1\ncast = []\nacts = []\n[film]\ntitle = "Bare"\nyear = 1\n', encoding="utf-8"
    )
    for args, message in [
        (["cast"], "no cast"),
        (["plot"], "no plot"),
        (["timeline"], "no plot"),
        (["characters"], "no characters"),
        (["graph"], "no characters"),
    ]:
        result = invoke("--data", str(path), *args)
        assert (result.exit_code, result.stderr) == (1, f"cranes: this film file has {message}\n")


def test_minimal_quiz_uses_the_questions_there_are(invoke: Invoke, minimal: Path) -> None:
    results = json.loads(invoke("--data", str(minimal), "quiz", "--json", "--seed", "1").stdout)["results"]
    assert 1 <= len(results) < 10
    result = invoke("--data", str(minimal), "quiz", "--json", "--count", "50")
    assert result.exit_code == 2
    assert f"ask for --count {len(results)} or fewer" in result.stderr


# ---------------------------------------------------------------------------------------
# cranes validate


def test_validate_with_no_argument_checks_the_file_in_use(invoke: Invoke) -> None:
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (0, f"{reading.bundled_path()}: ok\n")
    result = invoke("--data", str(EXAMPLE), "validate")
    assert result.stdout == f"{EXAMPLE}: ok\n"


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the only occurrence of ``fragment``."""
    assert text.count(fragment) == 1, fragment
    return text[: text.index(fragment)].count("\n") + 1


def test_validate_reports_every_problem_in_every_file_with_lines(invoke: Invoke, tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    palme = 'date = 1958-05-18\ncategory = "Palme d\'Or"'
    edits = {
        '[film]\ntitle = "The Cranes Are Flying"\n': '[film]\ntitel = "The Cranes Are Flying"\n',
        'character = "mark"': 'character = "marc"',
        'date = "1941-06"': 'date = "1941-02-30"',
        '"fyodor", kind = "family", label = "son"': '"fyodr", kind = "family", label = "son"',
        f"year = 1958\n{palme}": f'year = "1958"\n{palme}',
    }
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("schema_version = 1\n[film\n", encoding="utf-8")

    result = invoke("validate", str(broken), str(EXAMPLE), str(syntax))
    assert result.exit_code == 1
    film_header = line_of(text, "\n[film]\n") + 1
    titel, year = line_of(text, "titel ="), line_of(text, 'year = "1958"')
    marc, fyodr, date = (
        line_of(text, 'character = "marc"'),
        line_of(text, "fyodr"),
        line_of(text, "1941-02-30"),
    )
    assert result.stdout.splitlines() == [
        f"{broken}:{film_header}:1: film.title: missing key: expected a string",
        f"{broken}:{titel}:1: film.titel: unknown key (did you mean 'title'?)",
        f"{broken}:{year}:1: awards[0].year: expected an integer, found a string ('1958')",
        f"{broken}:{marc}:1: cast[3].character: no character 'marc' (did you mean 'mark'?)",
        f"{broken}:{fyodr}:5: characters[1].relations[1].target: no character 'fyodr'"
        " (did you mean 'fyodor'?)",
        f"{broken}:{date}:1: acts[0].date: 1941-02-30 is not a date in the calendar",
        f"{EXAMPLE}: ok",
        f"{syntax}:2:6: TOML syntax error: Expected ']' at the end of a table declaration",
    ]


def test_validate_reports_problems_in_inline_tables_at_the_line_that_opens_them(
    invoke: Invoke, tmp_path: Path, document: dict[str, Any]
) -> None:
    document["acts"][2]["number"] = 4
    document["facts"][1]["id"] = document["facts"][0]["id"]
    broken = write(tmp_path, document)  # every top-level key on one line
    starts = [line.split(" = ")[0] for line in broken.read_text(encoding="utf-8").splitlines()]
    facts, acts = starts.index("facts") + 1, starts.index("acts") + 1
    duplicate = document["facts"][0]["id"]
    result = invoke("validate", str(broken))
    assert result.stdout.splitlines() == [
        f"{broken}:{facts}:1: facts[1].id: duplicate id {duplicate!r}",
        f"{broken}:{acts}:1: acts[2].number: expected 3 (acts are numbered 1, 2, 3 ... in order), found 4",
    ]


def test_validate_json_lists_problems_as_records(invoke: Invoke, tmp_path: Path) -> None:
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("schema_version = 1\n[film\n", encoding="utf-8")
    result = invoke("validate", str(syntax), str(EXAMPLE), "--json")
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert files[1] == {"file": str(EXAMPLE), "valid": True, "problems": []}
    assert files[0]["valid"] is False
    assert files[0]["problems"] == [
        {
            "path": "",
            "line": 2,
            "column": 6,
            "message": "TOML syntax error: Expected ']' at the end of a table declaration",
        }
    ]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d.update(schema_version=2),
            "schema_version",
            "newer than this program reads (1): upgrade cranes",
        ),
        (
            lambda d: d["characters"][0].update(id="Veronika!"),
            "characters[0].id",
            "expected lower-case letters, digits and hyphens, found 'Veronika!'",
        ),
        (lambda d: d["acts"][1].update(date="1940"), "acts[1].date", "1940 is before act 1's 1941-06"),
        (
            lambda d: d["acts"][0].update(date="June 1941"),
            "acts[0].date",
            "expected YYYY, YYYY-MM or YYYY-MM-DD, found 'June 1941'",
        ),
        (
            lambda d: d["characters"][1]["relations"][0].update(target="boris"),
            "characters[1].relations[0].target",
            "a character cannot be related to itself",
        ),
        (
            lambda d: d["cast"][0].update(sources=["nowhere"]),
            "cast[0].sources[0]",
            "no bibliography key 'nowhere'",
        ),
        (
            lambda d: d["film"].update(title="Cranes\x1b[2J"),
            "film.title",
            "contains U+001B (a control character)",
        ),
        (
            lambda d: d["film"].update(title="\u202eseilF"),
            "film.title",
            "contains U+202E (RIGHT-TO-LEFT OVERRIDE)",
        ),
        (lambda d: d["film"].update(year=1957.0), "film.year", "expected an integer, found a float (1957.0)"),
        (lambda d: d["acts"][0].update(beats="many"), "acts[0].beats", "expected an array of tables"),
    ],
)
def test_each_class_of_problem_is_named(
    document: dict[str, Any], change: Any, path: str, message: str
) -> None:
    change(document)
    problems = load.validate(document)
    assert problems[0].path == path
    assert message in problems[0].message


# ---------------------------------------------------------------------------------------
# The schema


def test_schema_file_is_what_cranes_schema_prints(invoke: Invoke) -> None:
    printed = invoke("schema").stdout
    assert printed == SCHEMA_FILE.read_text(encoding="utf-8"), "run: cranes schema > data/film.schema.json"


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.json_schema())


@pytest.mark.parametrize("path", [DATA_FILE, EXAMPLE], ids=lambda p: p.name)
def test_our_film_files_satisfy_the_schema_and_declare_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = jsonable(reading.parse_toml(text, str(path)))
    jsonschema.validate(document, schema.json_schema())
    declared = text.splitlines()[0].removeprefix("#:schema ")
    assert (path.parent / declared).resolve() == SCHEMA_FILE


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["film"].update(titel="x"),
        lambda d: d["cast"][0].pop("character"),
        lambda d: d["characters"][0].update(id="Not An Id"),
        lambda d: d["awards"][0].update(result="lost"),
        lambda d: d["acts"][0].update(date="22/06/1941"),
        lambda d: d.update(schema_version=2),
    ],
)
def test_schema_and_loader_both_refuse_a_broken_file(document: dict[str, Any], change: Any) -> None:
    change(document)
    assert load.validate(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(jsonable(document), schema.json_schema())


def test_every_field_is_documented() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("description"), name
            for value in node.values():
                walk(value)

    walk(schema.json_schema())


# ---------------------------------------------------------------------------------------
# Hostile files


def test_a_huge_file_is_refused_before_parsing(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(MINIMAL + "\n# " + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    result = invoke("--data", str(path), "cast")
    assert (result.exit_code, result.stderr) == (
        1,
        f"cranes: {path}: is larger than the 8 MiB a film file may be\n",
    )


@pytest.mark.parametrize("depth", [50, 5000])
def test_deep_nesting_is_an_error_not_a_crash(invoke: Invoke, tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(MINIMAL + "deep = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    result = invoke("--data", str(path), "cast")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cranes: {path}: ")
    assert len(result.stderr.splitlines()) == 1


def test_very_long_strings_load_and_print(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(
        MINIMAL.replace('title = "Everything happens"', f'title = "{"word " * 100_000}"'), encoding="utf-8"
    )
    result = invoke("--data", str(path), "plot", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["acts"][0]["title"]) == 500_000


@pytest.mark.parametrize(
    "markup", ["[bold]Hero[/bold]", "[/]", "[link=https://example.com]x[/link]", ":warning:"]
)
def test_markup_in_data_prints_literally(invoke: Invoke, tmp_path: Path, markup: str) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(MINIMAL.replace('name = "The Hero"', f"name = {json.dumps(markup)}"), encoding="utf-8")
    for args in (["cast"], ["characters"], ["who", "Ann"], ["plot"], ["search", "Ann"]):
        result = invoke("--data", str(path), *args)
        assert result.exit_code == 0, result.stderr
    assert markup in invoke("--data", str(path), "cast").stdout
    assert markup in invoke("--data", str(path), "characters").stdout


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", MINIMAL),
        ("latin-1", MINIMAL.replace("The Hero", "Le Héros")),
        ("cp1251", MINIMAL.replace("The Hero", "Герой")),
    ],
)
def test_wrong_encodings_are_named(invoke: Invoke, tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "encoded.toml"
    path.write_bytes(text.encode(encoding))
    result = invoke("--data", str(path), "cast")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cranes: {path}: is not UTF-8 text (byte ")


def test_a_directory_is_not_a_film_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--data", str(tmp_path), "cast")
    assert (result.exit_code, result.stderr) == (1, f"cranes: {tmp_path}: is a directory, not a film file\n")


def test_an_unreadable_file_is_named(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("os.open", refuse)
    result = invoke("--data", str(path), "cast")
    assert (result.exit_code, result.stderr) == (1, f"cranes: {path}: cannot be read: Permission denied\n")


def test_a_missing_file_is_named(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--data", str(tmp_path / "nope.toml"), "cast")
    assert result.stderr == f"cranes: {tmp_path / 'nope.toml'}: cannot be read: No such file or directory\n"


def test_paths_in_a_file_are_only_text(invoke: Invoke, tmp_path: Path) -> None:
    """The format has no includes: a string that looks like a path is printed, never opened."""
    path = tmp_path / "paths.toml"
    path.write_text(MINIMAL.replace("The Hero", "../../../../etc/passwd"), encoding="utf-8")
    result = invoke("--data", str(path), "cast", "--json")
    assert json.loads(result.stdout)["cast"][0]["character"]["name"] == "../../../../etc/passwd"


# ---------------------------------------------------------------------------------------
# Fuzz: whatever the document, the loader gives a film or its own error.

toml_scalars = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _loads_or_fails_cleanly(text: str) -> None:
    try:
        load.load_text(text, "fuzz.toml")
    except DataFileError as error:
        assert error.problems and error.message.startswith("fuzz.toml: ")


BUNDLED = reading.parse_toml(DATA_FILE.read_text(encoding="utf-8"), str(DATA_FILE))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fuzz_changed_documents(data: st.DataObject) -> None:
    """Start from our real file and break it: replace or delete values at random places."""
    document = copy.deepcopy(BUNDLED)
    target: Any = document
    for _ in range(data.draw(st.integers(1, 4))):
        if isinstance(target, dict) and target:
            key = data.draw(st.sampled_from(sorted(target)))
        elif isinstance(target, list) and target:
            key = data.draw(st.integers(0, len(target) - 1))
        else:
            break
        if data.draw(st.booleans()) or not isinstance(target[key], (dict, list)):
            if isinstance(target, dict) and data.draw(st.booleans()):
                del target[key]
            else:
                target[key] = data.draw(toml_values)
            break
        target = target[key]
    _loads_or_fails_cleanly(toml_writer.dumps(document))


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["schema_version", "film", "cast", "characters", "acts", "awards", "x"]),
        toml_values,
        max_size=6,
    )
)
def test_fuzz_generated_documents(document: dict[str, Any]) -> None:
    _loads_or_fails_cleanly(toml_writer.dumps(document))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_bytes(raw: bytes) -> None:
    try:
        load.load_bytes(MINIMAL.encode() + raw, "fuzz.toml")
    except DataFileError as error:
        assert error.problems
