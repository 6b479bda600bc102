"""Regenerate the parts of README.md that the program itself can say: the relationship map,
the film-file field reference and the command reference. Each sits between
``<!-- begin: NAME -->`` and ``<!-- end: NAME -->``; tests/test_readme.py fails when one
is out of date.

    python scripts/readme.py          # rewrite README.md
    python scripts/readme.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import dataclasses
import re
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
HELP_WIDTH = "80"


def _cranes(*args: str) -> str:
    """What ``cranes ARGS`` prints on stdout, at a fixed width, without colour."""
    from typer.testing import CliRunner

    from cranes_cli.cli.app import app

    env = {"COLUMNS": HELP_WIDTH, "TTY_COMPATIBLE": "0", "NO_COLOR": "1", "TERM": "dumb", "CRANES_DATA": ""}
    result = CliRunner().invoke(app, list(args), env=env, prog_name="cranes")
    if result.exit_code != 0:
        raise SystemExit(f"cranes {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def graph() -> str:
    return "```mermaid\n" + _cranes("graph", "--format", "mermaid") + "```\n"


def _tables(cls: type, path: str, array: bool) -> Iterator[tuple[str, bool, type]]:
    """Every record type in the film file, with its TOML table path, parents first."""
    yield path, array, cls
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        inner, is_array = _record_type(field.type)
        if inner is not None:
            yield from _tables(inner, f"{path}.{field.name}" if path else field.name, is_array)


def _record_type(tp: Any) -> tuple[type | None, bool]:
    if get_origin(tp) in (Union, types.UnionType):
        tp = next(arg for arg in get_args(tp) if arg is not type(None))
    if get_origin(tp) is tuple:
        inner = get_args(tp)[0]
        return (inner, True) if dataclasses.is_dataclass(inner) else (None, False)
    return (tp, False) if dataclasses.is_dataclass(tp) else (None, False)


def fields() -> str:
    from cranes_cli.load import describe_type
    from cranes_cli.model import Dataset

    out: list[str] = []
    for path, array, cls in _tables(Dataset, "", False):
        heading = "top level" if not path else f"[[{path}]]" if array else f"[{path}]"
        doc = (cls.__doc__ or "").strip()
        out.append(f"**`{heading}`**: {doc}\n\n| key | type | required | meaning |\n|---|---|---|---|\n")
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
            kind = describe_type(field.type)
            form = field.metadata.get("format")
            if form is not None:
                kind += f" ({form[1]})"
            meaning = field.metadata["doc"].replace("|", "\\|")
            out.append(f"| `{field.name}` | {kind} | {'yes' if required else ''} | {meaning} |\n")
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


def _command_names() -> list[str]:
    from typer.main import get_command

    from cranes_cli.cli.app import app

    return list(get_command(app).commands)  # type: ignore[attr-defined]


def typer_version() -> str:
    from importlib.metadata import version

    return version("typer")


def reference() -> str:
    out = [
        f"As printed with typer {typer_version()}:\n\n",
        "```text\n$ cranes --help\n",
        _cranes("--help"),
        "```\n",
    ]
    for name in _command_names():
        out += [
            f"\n#### `cranes {name}`\n\n```text\n$ cranes {name} --help\n",
            _cranes(name, "--help"),
            "```\n",
        ]
    return "".join(out)


BLOCKS: dict[str, Callable[[], str]] = {"graph": graph, "fields": fields, "reference": reference}


def updated(text: str) -> str:
    for name, make in BLOCKS.items():
        pattern = re.compile(rf"(<!-- begin: {name} -->\n).*?(<!-- end: {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no block {name!r}")
        body = make()
        text = pattern.sub(lambda match, body=body: match.group(1) + body + match.group(2), text)  # type: ignore[misc]
    return text


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = updated(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            print("README.md is out of date: run python scripts/readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
