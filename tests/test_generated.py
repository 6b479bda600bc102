"""Every generated file is what scripts/regenerate.py makes today."""

from __future__ import annotations

from pathlib import Path

from .conftest import ROOT, load_script

SCRIPT = load_script("regenerate")


def test_no_generated_file_is_stale() -> None:
    assert SCRIPT.stale() == [], "run: python scripts/regenerate.py"


def test_a_stale_file_would_be_named(monkeypatch: object, tmp_path: Path) -> None:
    reference = ROOT / "docs" / "commands.md"
    assert SCRIPT.commands() == reference.read_text(encoding="utf-8")
    original = SCRIPT.FILES["docs/commands.md"]
    SCRIPT.FILES["docs/commands.md"] = lambda: original() + "a change\n"
    try:
        assert SCRIPT.stale(pictures=False) == ["docs/commands.md"]
    finally:
        SCRIPT.FILES["docs/commands.md"] = original
