"""Completion in real bash, zsh and fish (tests/shells.py): what a film file names is data to
every shell, never code; a name is inserted whole, apostrophe and all; the spoiler guard holds
however the shell splits the line. Each shell is skipped where it is not installed (.ci/run
installs them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .shells import SHELLS, complete, needed, words_run

EXAMPLE = ROOT / "examples" / "the-lighthouse-keepers.toml"
# Names and a title that would run ``touch`` if a shell read them as code.
HOSTILE_NAMES = [
    "Zed\\$(touch pwned-1)",
    "Zed`touch pwned-2`",
    "Zed$(touch pwned-3)",
    "Zed'$(touch pwned-4)'",
    'Zed"$(touch pwned-5)"',
    "Zed\\\\`touch pwned-6`",
]
HOSTILE_TITLE = "Night\\$(touch pwned-7)`touch pwned-8`'$(touch pwned-9)'"

pytestmark = [pytest.mark.shells, pytest.mark.slow]


def film(where: Path, names: list[str], title: str | None = None) -> Path:
    """The example film with its cast renamed to ``names`` (and its first act retitled)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in zip(["Marie Kervella", "Jean Riou", "Loïc Morvan"], names, strict=False):
        text = text.replace(f'name = "{old}"', f"name = {json.dumps(new)}", 1)
    if title is not None:
        before, acts, after = text.partition("[[acts]]")
        after = re.sub(r'title = "[^"]*"', lambda _: f"title = {json.dumps(title)}", after, count=1)
        text = before + acts + after
    path = where / "film.toml"
    path.write_text(text, encoding="utf-8")
    return path


def params() -> list[object]:
    return [pytest.param(shell, marks=needed(shell)) for shell in SHELLS]


@pytest.mark.parametrize("shell", params())
def test_completion_runs_nothing_a_film_file_names(shell: str, tmp_path: Path) -> None:
    film(tmp_path, HOSTILE_NAMES[:3], HOSTILE_TITLE)
    (tmp_path / "more").mkdir()
    film(tmp_path / "more", HOSTILE_NAMES[3:])
    lines = [
        "cranes who Ze",  # the film named by CRANES_DATA
        "cranes plot --act ",
        "cranes --data more/film.toml who Ze",
        "cranes who --data more/film.toml Ze",
    ]
    complete(shell, lines, tmp_path, 2, env={"CRANES_DATA": "film.toml"})
    assert sorted(path.name for path in tmp_path.rglob("pwned-*")) == []


@pytest.mark.parametrize("shell", params())
def test_a_name_is_inserted_whole_apostrophe_and_spaces_too(shell: str, tmp_path: Path) -> None:
    film(tmp_path, ["Seán O'Brien", "Zoë Quintrec-Le Bras"])
    lines = ["cranes --data film.toml who O\\'", "cranes --data film.toml who Zoë\\ "]
    shown = complete(shell, lines, tmp_path)
    assert [words_run(text)[-1:] for text in shown] == [["O'Brien"], ["Zoë Quintrec-Le Bras"]]


@pytest.mark.parametrize("shell", params())
def test_the_spoiler_guard_holds_when_the_shell_splits_at_equals(shell: str, tmp_path: Path) -> None:
    lines = {
        "cranes who --up-to-act=1 An": "Anna Mikhailovna",
        "cranes search --up-to-act=1 Vol": "Volodya",
        "cranes who --up-to-act=1 Bor": "Kokovkin",
    }
    shown = complete(shell, list(lines), tmp_path, tabs=2)
    for text, later in zip(shown, lines.values(), strict=True):
        assert later not in text
        assert words_run(text), text[-500:]


@pytest.mark.parametrize("shell", params())
def test_control_characters_never_reach_the_terminal(shell: str, tmp_path: Path) -> None:
    film(tmp_path, ["Zed\x1b]0;owned\x07", "Zeb\x9b31m", "Zak\nZapped"], "Dawn\x1b[2J\x07")
    lines = ["cranes --data film.toml who Z", "cranes --data film.toml plot --act "]
    shown = "".join(complete(shell, lines, tmp_path, tabs=2))
    assert "owned" not in shown and "Zapped" not in shown and "\x9b" not in shown and "\x1b[2J" not in shown
