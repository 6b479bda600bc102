"""The built wheel, installed in a fresh virtual environment and run from another directory:
a packaging mistake (a data file left out, a module missing) cannot hide behind the editable
install the other tests may run against."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from cranes_cli.film import load

from .conftest import DATA_FILE, ROOT

pytestmark = pytest.mark.slow  # long: .ci/run runs it (pytest -m slow)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the bin directory of a fresh environment where it is installed)."""
    work = tmp_path_factory.mktemp("wheel")
    quiet = ["--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            *quiet,
            "--no-deps",
            "--wheel-dir",
            str(work / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = (work / "dist").glob("cranes_cli-*.whl")
    venv.create(work / "env", with_pip=True)
    bin_dir = work / "env" / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", *quiet, str(wheel)], check=True)
    return wheel, bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "CRANES_DATA")}
    return subprocess.run(
        [str(bin_dir / "cranes"), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_wheel_holds_the_package_and_its_data_and_nothing_else(installed: tuple[Path, Path]) -> None:
    names = zipfile.ZipFile(installed[0]).namelist()
    assert "cranes_cli/data/film.toml" in names
    assert "cranes_cli/data/film.schema.json" in names
    assert "cranes_cli/py.typed" in names
    assert not [name for name in names if name.startswith(("tests/", "scripts/", "bench/", "seeds/"))]


def test_installed_cranes_prints_the_cast_from_another_directory(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    result = run(installed[1], "cast", "--json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    cast = json.loads(result.stdout)["cast"]
    assert [line["actor"]["name"] for line in cast] == [
        member.name for member in load.load_path(DATA_FILE).cast
    ]


def test_installed_cranes_reads_its_own_data_and_schema(installed: tuple[Path, Path], tmp_path: Path) -> None:
    validated = run(installed[1], "validate", cwd=tmp_path)
    assert validated.returncode == 0
    assert validated.stdout.endswith("cranes_cli/data/film.toml: ok\n")
    assert str(ROOT) not in validated.stdout
    schema = run(installed[1], "schema", cwd=tmp_path)
    assert schema.stdout == (ROOT / "data" / "film.schema.json").read_text(encoding="utf-8")


def test_installed_cranes_runs_help_search_and_quiz(installed: tuple[Path, Path], tmp_path: Path) -> None:
    for args in (
        ["--help"],
        ["search", "Samoylova", "--limit", "50"],
        ["quiz", "--handout", "--seed", "1", "--count", "2"],
    ):
        result = run(installed[1], *args, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, ""), args
        assert result.stdout
