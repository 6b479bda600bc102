"""docs/json.md has a row for every --json document, and each row names its top-level keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT, Invoke

COMMON = {"schema_version", "sources"}  # explained above the table, not in each row


def documented_keys(command: str) -> set[str]:
    rows = (ROOT / "docs" / "json.md").read_text(encoding="utf-8").splitlines()
    (row,) = [line for line in rows if line.startswith(f"| `{command}` |")]
    top_level = row.split(" | ")[1]
    return set(re.findall(r"`([a-z_]+)`", top_level))


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("info", ["info"]),
        ("cast", ["cast"]),
        ("crew", ["crew"]),
        ("plot", ["plot"]),
        ("awards", ["awards"]),
        ("facts", ["facts"]),
        ("quotes", ["quotes"]),
        ("scenes", ["scenes"]),
        ("search", ["search", "cranes"]),
        ("sources", ["sources"]),
        ("characters", ["characters"]),
        ("timeline", ["timeline", "--history"]),
        ("graph", ["graph"]),
        ("validate", ["validate"]),
        ("quiz", ["quiz", "--seed", "1", "--count", "2"]),
        ("quiz --due", ["quiz", "--due"]),
    ],
)
def test_each_json_document_has_the_top_level_keys_its_row_names(
    command: str, args: list[str], invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke(*args, "--json", env={"CRANES_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.stderr
    documented = documented_keys(command)
    assert set(json.loads(result.stdout)) - (COMMON - documented) == documented


def test_the_dataset_supports_lines_name_no_record_kind_the_file_lacks(invoke: Invoke) -> None:
    """DEWIKI gave 'the East German admissions', which are only a fact: no admissions record."""
    document = json.loads(invoke("info", "--json").stdout)
    countries = {entry["country"] for entry in document["film"]["admissions"]}
    supports = [entry["supports"] for entry in json.loads(invoke("sources", "--json").stdout)["sources"]]
    for country, adjective in [("East Germany", "East German"), ("United States", "American")]:
        if country not in countries:
            assert not [line for line in supports if f"{adjective} admissions" in line]
