"""The battery's generators for what cranes hands to other programs' parsers: completion
candidates read back by real bash and zsh exactly as their completion scripts read them, and
completion lines with the spoiler guard typed ``--up-to-act=N`` (which bash splits at ``=``).
(Export text with each consumer's markup: tests/test_exports.py.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cranes_cli.cli.completion import _format, answer
from cranes_cli.core.completion import spellings
from cranes_cli.environment import Environment, Output
from cranes_cli.unsafe import escape, first_unsafe

pytestmark = pytest.mark.slow  # long: .ci/run runs it (pytest -m slow)

BATTERY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Characters every shell reads as something: quotes, expansions, globs, separators, comments,
# redirections, history, word breaks, and what a terminal would obey.
SHELL_CHARACTERS = [*"aZé ’'\"$`\\:;&|(){}[]*?~!#=%^<>,.-@+/", "\t", "\n", "\x1b", "\x07", "\x9b", "\u202e"]
shell_text = st.one_of(
    st.text(alphabet=st.sampled_from(SHELL_CHARACTERS), min_size=1, max_size=14),
    st.sampled_from(
        [
            "Zed\\$(touch pwned)",
            "Zed`touch pwned`",
            "O'Brien",
            "$(touch pwned)",
            "'\\''$(touch pwned)'\\''",
            '"$(touch pwned)"',
            "\\\\\\`touch pwned\\`",
            "a\nforged",
        ]
    ),
)

# How each script reads the answer. bash: COMPREPLY=( $(...) ) with IFS a newline, and each
# candidate then inserted into the command line (eval stands for the shell reading it back).
# zsh: eval $(...), then _arguments evaluates its ((...)) list inside double quotes.
READERS = {
    "bash": """IFS=$'\\n'; COMPREPLY=( $(<"$1") );
        for w in "${COMPREPLY[@]}"; do eval "printf '%s\\0' $w"; done""",
    "zsh": """_arguments() { local action=${1#*: :}; local -a ws; eval ws\\=\\( "${action[3,-3]}" \\);
        print -rn -- "${(pj:\\0:)ws}"; }
        _files() { }
        eval $(<"$1")""",
}


def _described_back(word: str) -> tuple[str, str]:
    """A zsh ``value:description`` word as _describe reads it: a backslash escapes the next
    character, and the first colon not escaped ends the value."""
    parts, part, index = [], "", 0
    while index < len(word):
        if word[index] == "\\" and index + 1 < len(word):
            part += word[index + 1]
            index += 2
            continue
        if word[index] == ":" and not parts:
            parts.append(part)
            part = ""
        else:
            part += word[index]
        index += 1
    return (parts[0], part) if parts else (part, "")


def _read_back(shell: str, output: str, where: Path) -> list[tuple[str, str]]:
    answer_file = where / "answer"
    answer_file.write_text(output, encoding="utf-8")
    argv = ["bash", "--norc", "--noprofile", "-c"] if shell == "bash" else ["zsh", "-f", "-c"]
    result = subprocess.run(
        [*argv, READERS[shell], shell, str(answer_file)],
        cwd=where,
        capture_output=True,
        check=False,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    words = [word for word in result.stdout.decode("utf-8").split("\0") if word]
    return [(word, "") for word in words] if shell == "bash" else [_described_back(word) for word in words]


@pytest.mark.parametrize(
    "shell",
    [pytest.param(s, marks=pytest.mark.skipif(not shutil.which(s), reason=f"no {s}")) for s in READERS],
)
@BATTERY
@given(values=st.lists(shell_text, min_size=1, max_size=6, unique=True), description=shell_text)
def test_battery_completion_candidates_are_data_to_the_shell(
    shell: str, values: list[str], description: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    where = tmp_path_factory.mktemp("shell")
    output, status = _format(shell, [(value, description) for value in values], "")
    read = _read_back(shell, output, where)
    offered = [value for value in values if first_unsafe(value) is None]
    assert [value for value, _ in read] == offered
    if shell == "zsh":
        assert {shown for _, shown in read} <= {" ".join(escape(description).split())}
    assert list(where.iterdir()) == [where / "answer"], "the answer ran something"
    assert status == 0


def ask(environ: dict[str, str]) -> set[str]:
    found = answer(Environment(Output(sys.stdout), sys.stderr, None, {"CRANES_DATA": "", **environ}))
    assert found is not None
    text = found[0].removeprefix("_arguments '*: :((").removesuffix("))'\n").removeprefix("_files")
    return {
        line.split('":"')[0].strip('"').split("\t")[0].replace("\\", "") for line in text.splitlines()
    } - {""}


def _document() -> dict[str, object]:
    from cranes_cli.film.reading import read_document

    return read_document()


NAMES = sorted(spellings(_document()))
prefixes = st.sampled_from(NAMES).flatmap(
    lambda name: st.integers(1, min(4, len(name))).map(lambda n: name[:n])
)


@settings(BATTERY, max_examples=25)
@given(command=st.sampled_from(["who", "search"]), act=st.integers(1, 5), prefix=prefixes)
def test_battery_the_guard_typed_with_equals_offers_what_it_offers_typed_apart(
    command: str, act: int, prefix: str
) -> None:
    """``--up-to-act=N`` and ``--up-to-act N`` give the same names in every shell, whether
    bash splits the word at ``=`` (``--up-to-act``, ``=``, ``N``) or the shell keeps it whole;
    and only names the guard allows (the guarded spellings)."""
    allowed = set(spellings(_document(), act))
    apart = f"cranes {command} --up-to-act {act} {prefix}"
    bash_apart = ask({"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": apart, "COMP_CWORD": "4"})
    bash_split = f"cranes {command} --up-to-act = {act} {prefix}"
    assert (
        ask({"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": bash_split, "COMP_CWORD": "5"}) == bash_apart
    )
    for shell in ("zsh", "fish"):
        whole = {"_CRANES_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
        assert (
            ask({**whole, "_TYPER_COMPLETE_ARGS": f"cranes {command} --up-to-act={act} {prefix}"})
            == bash_apart
        )
    assert bash_apart <= allowed
