"""The source distribution carries everything its own test suite reads, so that pytest runs from an
unpacked sdist (the tests read README, docs/, examples/, scripts/ ... through ROOT)."""

from __future__ import annotations

import re
import sys

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def sdist_include() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(pyproject["tool"]["hatch"]["build"]["targets"]["sdist"]["include"])


def test_sdist_includes_every_top_level_path_the_tests_read() -> None:
    read: set[str] = set()
    for test_file in (ROOT / "tests").glob("*.py"):
        read |= set(re.findall(r'ROOT / "([\w.-]+)"', test_file.read_text(encoding="utf-8")))
    assert read, "the pattern finds the paths the tests read"
    assert {"docs", "examples", "scripts"} <= read
    assert sorted(read - sdist_include()) == []
