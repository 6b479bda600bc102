"""Shell completion: values from the film, the fast answer agreeing with Typer's own, no Rich,
and the scripts Typer installs for bash, zsh and fish."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cranes_cli.cli.completion import _SHELLS, _completion_words, _format, answer, typer_items
from cranes_cli.core import completion
from cranes_cli.environment import Environment, Output

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "the-lighthouse-keepers.toml"


def environment(shell: str, line: str) -> dict[str, str]:
    """What the completion scripts Typer installs put in the environment for ``line``."""
    env = {"_CRANES_COMPLETE": f"complete_{shell}", "CRANES_DATA": ""}
    if shell == "bash":
        words = line.split()
        position = len(words) if line.endswith(" ") else len(words) - 1
        env.update(COMP_WORDS=line, COMP_CWORD=str(position))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


def typer_answer(env: dict[str, str], monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[str, int]:
    """What Typer's own parser offers for the same words, written as the fast answer writes
    (Typer's formatting quotes too little: tests/test_completion_shells.py)."""
    environment = Environment(Output(sys.stdout), sys.stderr, None, dict(env))
    shell = _SHELLS[env["_CRANES_COMPLETE"]]
    words = _completion_words(shell, environment)
    assert words is not None
    items = typer_items(*words, environment)
    return _format(shell, items, env.get("_TYPER_COMPLETE_FISH_ACTION", ""))


def ask(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """The fast answer to a completion request made with ``environ``."""
    return answer(Environment(Output(sys.stdout), sys.stderr, None, dict(environ)))


def _items(output: str) -> list[str]:
    """The completion items in an answer, without zsh's wrapper around them."""
    return output.removeprefix("_arguments '*: :((").removesuffix("))'\n").splitlines()


def same(fast: tuple[str, int], typer: tuple[str, int]) -> bool:
    """Equal, except that click orders the names of the help option (-h, --help) at random."""
    fast_items, typer_items = _items(fast[0]), _items(typer[0])

    def without_help(items: list[str]) -> list[str]:
        return [item for item in items if not item.lstrip('"').startswith(("-h", "--help"))]

    return (
        fast[1] == typer[1]
        and fast[0].startswith("_arguments") == typer[0].startswith("_arguments")
        and sorted(fast_items) == sorted(typer_items)
        and without_help(fast_items) == without_help(typer_items)
    )


LINES = [
    "cranes ",
    "cranes c",
    "cranes -",
    "cranes --",
    "cranes --data x -",
    "cranes --data ",
    "cranes plot --act ",
    "cranes plot -a 1",
    "cranes plot --act 2 -",
    "cranes plot --json ",
    "cranes who Sam",
    "cranes who Вер",
    "cranes who Tatiana Sam",
    "cranes search Fy",
    "cranes search --limit 3 Bo",
    "cranes search --limit ",
    "cranes quiz --",
    "cranes quiz --topic ",
    "cranes quiz --topic cast --topic c",
    "cranes quiz --topic cast --",
    "cranes quiz --difficulty ",
    "cranes quiz --up-to-act ",
    "cranes quiz -n 3 --",
    "cranes graph --format ",
    "cranes graph -f d",
    "cranes validate ",
    "cranes validate -",
    "cranes cast ",
    "cranes cast --j",
    f"cranes --data {EXAMPLE} who G",
    f"cranes --data {EXAMPLE} plot --act ",
    "cranes --data /nonexistent who A",
    f"cranes who --data {EXAMPLE} G",
    f"cranes plot --data {EXAMPLE} --act ",
    "cranes quiz --data ",
    "cranes cast --d",
    f"cranes cast --data {EXAMPLE} --",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", LINES)
def test_fast_completion_answers_as_typer_does(
    shell: str, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = environment(shell, line)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    fast = ask(os.environ)
    assert fast is not None, "the fast route should know this state"
    assert same(fast, typer_answer(env, monkeypatch))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    "line", ["cranes --data=x c", "cranes plot --act=", "cranes cast -- ", "cranes nosuch ", "cranes --help "]
)
def test_unusual_states_are_read_by_typer_and_written_here(shell: str, line: str) -> None:
    env = environment(shell, line)
    assert _items(ask(env)[0]) == _items(typer_answer(env)[0])  # type: ignore[index]


@pytest.mark.parametrize("line", ["cranes plot --act =", "cranes quiz --topic =", "cranes graph --format ="])
def test_bash_completes_an_option_value_after_equals_as_typer(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bash splits `--act=` at '=' (COMP_WORDBREAKS), so the word completed is '=': Typer reads
    it as an empty value and offers every value, and so must the fast answer."""
    env = {**environment("bash", line), "COMP_CWORD": "3"}
    fast = ask(env)
    assert fast is not None and fast[0].strip(), "the fast answer should offer the values"
    assert same(fast, typer_answer(env, monkeypatch))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_data_after_the_command_is_the_film_completed_from(shell: str) -> None:
    text, _ = ask(environment(shell, f"cranes who --data {EXAMPLE} Ga"))  # type: ignore[misc]
    assert "Gaël" in text


@pytest.mark.parametrize("shell", ["powershell", "pwsh"])
@pytest.mark.parametrize(
    ("line", "word"), [("cranes ", ""), ("cranes plot --act ", ""), ("cranes who Sam", "Sam")]
)
def test_powershell_gets_value_and_help_per_line(shell: str, line: str, word: str) -> None:
    env = {
        "_CRANES_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": word,
        "CRANES_DATA": "",
    }
    text, status = ask(env)  # type: ignore[misc]
    assert status == 0 and text == typer_answer(env)[0]
    assert text and all(":::" in item for item in text.splitlines())


def test_powershell_quotes_what_it_would_read() -> None:
    """PowerShell inserts a completion as it is: a name with a space, a quote (the typographic
    ones are quotes to PowerShell too) or a $ goes in single quotes, each quote doubled."""
    text, _ = _format(
        "powershell", [("O'Brien", None), ("Zed $(x)", "a:::b"), ("Anna", "actor"), ("x’y", None)], ""
    )
    assert text == "'O''Brien'::: \n'Zed $(x)':::a:b\nAnna:::actor\n'x’’y'::: \n"


WORDS = [
    "cast",
    "plot",
    "who",
    "search",
    "quiz",
    "graph",
    "validate",
    "--act",
    "-a",
    "2",
    "--topic",
    "cast",
    "--json",
    "-n",
    "--data",
    "x",
    "Sam",
    "-",
    "--",
    "--help",
    "--format",
    "dot",
    "Вер",
    "--limit",
]


@pytest.mark.slow
@settings(max_examples=120, deadline=None)
@given(
    shell=st.sampled_from(["bash", "zsh", "fish"]),
    words=st.lists(st.sampled_from(WORDS), max_size=4),
    incomplete=st.sampled_from(["", "-", "--", "c", "S", "1", "d"]),
)
def test_fast_completion_never_disagrees_with_typer(shell: str, words: list[str], incomplete: str) -> None:
    line = " ".join(["cranes", *words, incomplete]) if incomplete else " ".join(["cranes", *words]) + " "
    env = environment(shell, line)
    fast = ask(env)
    if fast is None:
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert same(fast, typer_answer(env, monkeypatch)), line


def test_fish_asks_first_whether_there_are_values() -> None:
    env = environment("fish", "cranes plot --act ")
    assert ask({**env, "_TYPER_COMPLETE_FISH_ACTION": "is-args"}) == ("", 0)
    env = environment("fish", "cranes cast ")
    assert ask({**env, "_TYPER_COMPLETE_FISH_ACTION": "is-args"}) == ("", 1)


def test_zsh_gets_values_with_descriptions() -> None:
    text, status = ask(environment("zsh", "cranes plot --act "))  # type: ignore[misc]
    assert status == 0
    # Spaces and colons escaped for _describe, and the backslashes for the double quotes.
    assert text.startswith('_arguments \'*: :(("1":"The\\\\ last\\\\ morning\\\\ of\\\\ peace"\n')


def test_act_numbers_and_names_come_from_the_film_in_use(document: dict[str, Any]) -> None:
    assert [number for number, _ in completion.acts(document)] == [str(a["number"]) for a in document["acts"]]
    assert completion.acts(document, "3") == [("3", document["acts"][2]["title"])]
    offered = dict(completion.names(document, "Sam"))
    assert offered == {
        "Samoilova": "actor: Tatiana Samoilova",
        "Samojlova": "actor: Tatiana Samoilova",
        "Samoylova": "actor: Tatiana Samoilova",
    }
    assert "Вероника" in dict(completion.names(document, "В"))
    assert dict(completion.names(document, "Mosfilm")) == {}


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("line", ["cranes ", "cranes who Sam", "cranes plot --act ", "cranes quiz --"])
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_never_loads_rich_typer_or_the_model(shell: str, line: str) -> None:
    # The model and dataclasses (with inspect) cost ~8 ms: completion reads the TOML only.
    code = (
        "import sys\nfrom cranes_cli.cli import main\ntry:\n    main([])\nexcept SystemExit:\n    pass\n"
        "heavy = {m.split('.')[0] for m in sys.modules} & {'rich', 'typer', 'dataclasses', 'inspect'}\n"
        "print(sorted(heavy | ({'cranes_cli.film.model'} & set(sys.modules))), file=sys.stderr)"
    )
    result = _run(code, environment(shell, line))
    assert result.stderr.strip() == "[]"
    assert result.stdout.strip()


SCRIPTS = {
    "bash": ".bash_completions/cranes.sh",
    "zsh": ".zfunc/_cranes",
    "fish": ".config/fish/completions/cranes.fish",
}


def _from_shell(args: list[str], home: Path, parent: str = "bash") -> subprocess.CompletedProcess[str]:
    """``cranes ARGS`` run from a ``parent`` shell (Typer looks at the parent process to guess
    the shell), the way a user types it."""
    cranes = str(Path(sys.executable).parent / "cranes")
    env = {key: value for key, value in os.environ.items() if not key.startswith("_TYPER")}
    return subprocess.run(
        [parent, "-c", '"$0" "$@"', cranes, *args],
        env={**env, "HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("parent", ["bash", "sh"])
@pytest.mark.parametrize("shell", list(SCRIPTS))
@pytest.mark.parametrize("form", ["apart", "joined"])
def test_show_completion_prints_the_script_of_the_shell_named(
    shell: str, parent: str, form: str, tmp_path: Path
) -> None:
    args = ["--show-completion", shell] if form == "apart" else [f"--show-completion={shell}"]
    result = _from_shell(args, tmp_path, parent)
    assert result.returncode == 0, result.stderr
    assert f"_CRANES_COMPLETE=complete_{shell}" in result.stdout
    others = set(SCRIPTS) - {shell}
    assert not any(f"complete_{other}" in result.stdout for other in others)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("shell", list(SCRIPTS))
def test_install_completion_installs_for_the_shell_named(shell: str, tmp_path: Path) -> None:
    result = _from_shell(["--install-completion", shell], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{shell} completion installed in {tmp_path / SCRIPTS[shell]}\n")
    assert f"_CRANES_COMPLETE=complete_{shell}" in (tmp_path / SCRIPTS[shell]).read_text(encoding="utf-8")
    for other, installed in SCRIPTS.items():
        assert other == shell or not (tmp_path / installed).exists()
    assert (tmp_path / ".bashrc").exists() == (shell == "bash")
    assert (tmp_path / ".zshrc").exists() == (shell == "zsh")


@pytest.mark.parametrize("option", ["--show-completion", "--install-completion"])
@pytest.mark.parametrize("shell", ["tcsh", "cast", "\x1b[2J"])
def test_an_unknown_shell_is_a_usage_error(option: str, shell: str, tmp_path: Path) -> None:
    result = _from_shell([option, shell], tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"cranes: {option} takes a shell: bash, zsh, fish")
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_a_name_a_terminal_would_obey_is_never_offered(shell: str, document: dict[str, Any]) -> None:
    """Completion reads the film with the loader's checks: a name with ESC, BEL, U+009B or a
    newline (which would forge a second candidate) is not offered, nor any word of it."""
    hostile = ["Zed\x1b]0;owned\x07", "Zeb\x9b31m", "Zak\nZapped", "Zoe\u202eevil"]
    for record, name in zip(document["cast"], hostile, strict=False):
        record["name"] = name
    document["acts"][0]["title"] = "Dawn\x1b[2J"
    assert [name for name, _ in completion.names(document, "Z")] == ["Zubkov"]  # a name not replaced
    assert [number for number, _ in completion.acts(document)] == [
        str(a["number"]) for a in document["acts"][1:]
    ]
    items = [("Zak\nZapped", None), ("Zed", "actor: Zed\x1b]0;owned\x07"), ("Zoe", "line\nbreak")]
    text, _ = _format(shell, items, "get-args")
    assert "Zapped" not in text and "\x1b" not in text and "\x07" not in text
    assert len(text.splitlines()) == 2  # one line a candidate


@pytest.mark.parametrize(
    ("line", "later"),
    [
        ("cranes who Vol --up-to-act 1", "Volodya"),
        ("cranes who Vol --up-to-act = 1", "Volodya"),
        ("cranes scenes dea --up-to-act 1", "death-among-the-birches"),
    ],
)
def test_bash_obeys_a_guard_typed_after_the_cursor(line: str, later: str) -> None:
    """bash gives the whole line: a guard typed after the word being completed holds too."""
    environ = {"_CRANES_COMPLETE": "complete_bash", "CRANES_DATA": "", "COMP_WORDS": line, "COMP_CWORD": "2"}
    completed = ask(environ)
    assert completed is not None and later not in completed[0]
    shown = ask({**environ, "COMP_WORDS": line.split(" --")[0]})
    assert shown is not None and later in shown[0]  # the check can fail: without the guard it is offered


def test_bash_obeys_a_guard_typed_after_an_option_value_being_completed() -> None:
    """``plot --act 6<Tab> --up-to-act 2``: the guard goes before the option that waits."""
    environ = {"_CRANES_COMPLETE": "complete_bash", "CRANES_DATA": "", "COMP_CWORD": "3"}
    guarded = ask({**environ, "COMP_WORDS": "cranes plot --act 6 --up-to-act 2"})
    unguarded = ask({**environ, "COMP_WORDS": "cranes plot --act 6"})
    assert guarded is not None and unguarded is not None
    assert "6" in unguarded[0].split() and "6" not in guarded[0].split()
