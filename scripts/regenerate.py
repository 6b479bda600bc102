"""Regenerate every generated artefact, or check that none is stale:

- data/film.schema.json, the JSON Schema (``cranes schema``), from the model;
- docs/commands.md, the command reference, from the command spec (src/cranes_cli/cli/spec.py);
- the blocks between ``<!-- begin: NAME -->`` and ``<!-- end: NAME -->`` in docs/: the
  relationship map (``cranes graph``) and the film-file field reference (from the model);
- docs/screenshots/*.svg (scripts/screenshots.py) and docs/relationships.svg
  (scripts/graph_image.py), compared by the text they show, not their bytes.

    python scripts/regenerate.py          # rewrite whatever is stale
    python scripts/regenerate.py --check  # list what is stale; exit 1 if anything is

tests/test_generated.py runs the check.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))  # the scripts it runs, also when loaded by a test


def _cranes(*args: str) -> str:
    """What ``cranes ARGS`` prints on stdout, at a fixed width, without colour."""
    from typer.testing import CliRunner

    from cranes_cli.cli.app import app

    env = {"COLUMNS": "80", "TTY_COMPATIBLE": "0", "NO_COLOR": "1", "TERM": "dumb", "CRANES_DATA": ""}
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
    from cranes_cli.film.model import Dataset
    from cranes_cli.film.structure import describe_type

    out: list[str] = []
    for path, array, cls in _tables(Dataset, "", False):
        heading = "top level" if not path else f"[[{path}]]" if array else f"[{path}]"
        doc = inspect.cleandoc(cls.__doc__ or "")  # the same on Python 3.13, which strips indentation
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


def _value(option: Any) -> str:
    if not option.takes_value:
        return ""
    if option.choices:
        return "`" + "\\|".join(option.choices) + "`"
    return f"`{option.metavar or 'TEXT'}`"


def _options_table(options: Any) -> list[str]:
    rows = ["| option | value | default | what it does |", "|---|---|---|---|"]
    for option in options:
        flags = ", ".join(f"`{flag}`" for flag in option.flags)
        default = "" if option.default in (None, False) else f"`{option.default}`"
        repeat = " (repeatable)" if option.repeatable and "repeatable" not in option.help else ""
        help_ = option.help.replace("|", "\\|")
        rows.append(f"| {flags} | {_value(option)} | {default} | {help_}{repeat} |")
    return rows


def commands() -> str:
    """docs/commands.md: every command as the spec describes it."""
    from cranes_cli.cli import spec

    out = [
        "# Command reference",
        "",
        "<!-- Generated from src/cranes_cli/cli/spec.py by `python scripts/regenerate.py`: do not edit. -->",
        "",
        "Every command reads the bundled film, or the film file given with `cranes --data PATH",
        f"COMMAND`, `cranes COMMAND --data PATH` or `{spec.DATA_ENV}=PATH` (the option wins). `-h` and",
        "`--help` (or `cranes help COMMAND`) show a command's help with these examples;",
        "`python -m cranes_cli` works the same as `cranes`.",
        "",
        "The examples use `my-film.toml`, the smallest complete film file, shown in",
        "[film files](film-file.md#write-your-own-film-file). Some pipe into [jq](https://jqlang.org/)",
        "(`apt-get install jq`) or Graphviz's `dot` (`apt-get install graphviz`, or",
        "`brew install graphviz`); `cranes` itself needs neither. Those that read the quiz history",
        "(`stats`, `quiz --due`) come after a quiz played from a pipe, with its answers shown.",
        "",
        "## Global options",
        "",
        "Given before the command: `cranes --data my-film.toml cast` (`--data` may come after it too).",
        "",
        *_options_table(spec.ROOT_OPTIONS),
        "| `--install-completion` | `[SHELL]` |  | Install completion for the shell named (bash, zsh, fish), "
        "or else the current shell. |",
        "| `--show-completion` | `[SHELL]` |  | Print the completion script of the shell named (or the "
        "current shell's), to install it yourself. |",
        "",
        spec.EXIT_STATUS_HELP,
        "",
        "| command | what it does |",
        "|---|---|",
        *(f"| [`{c.name}`](#cranes-{c.name}) | {' '.join(c.summary.split())} |" for c in spec.COMMANDS),
    ]
    for command in spec.COMMANDS:
        usage = f"cranes {command.name}" + (" [OPTIONS]" if command.all_options else "")
        if command.words is not None:
            usage += f" {command.words.metavar}" if command.words.required else f" [{command.words.metavar}]"
        out += ["", f"## `cranes {command.name}`", "", "```text", usage, "```", ""]
        out += [" ".join(command.summary.split()), ""]
        if command.about:
            out += [" ".join(paragraph.split()) + "\n" for paragraph in command.about.split("\n\n")]
        if command.words is not None:
            required = "" if command.words.required else " (optional)"
            out += [f"`{command.words.metavar}`{required}: {command.words.help}", ""]
        if command.all_options:
            out += [*_options_table(command.all_options), ""]
        out += ["Examples:", "", "```sh", *command.examples, "```"]
    return "\n".join(out) + "\n"


def schema() -> str:
    from cranes_cli.film.schema import dumps

    return dumps()


# Whole files: path → what it should hold.
FILES: dict[str, Callable[[], str]] = {
    "data/film.schema.json": schema,
    "docs/commands.md": commands,
}
# Blocks inside hand-written files: (path, block name) → what the block should hold.
BLOCKS: dict[tuple[str, str], Callable[[], str]] = {
    ("docs/finding-things.md", "graph"): graph,
    ("docs/film-file.md", "fields"): fields,
}


def _with_blocks(path: str, text: str) -> str:
    for (where, name), make in BLOCKS.items():
        if where != path:
            continue
        pattern = re.compile(rf"(<!-- begin: {name} -->\n).*?(<!-- end: {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{path} has no block {name!r}")
        body = make()
        text = pattern.sub(lambda match, body=body: match.group(1) + body + match.group(2), text)  # type: ignore[misc]
    return text


def _pictures_stale() -> list[str]:
    import graph_image as image
    import screenshots as shots

    stale = []
    for name, args in shots.SHOTS.items():
        path = ROOT / "docs" / "screenshots" / f"{name}.svg"
        printed = shots.capture(args).export_text(styles=False)
        wanted = [line.rstrip() for line in printed.rstrip().splitlines()]
        if not path.exists() or shots.text_of_svg(path.read_text(encoding="utf-8")) != wanted:
            stale.append(str(path.relative_to(ROOT)))
    picture = ROOT / "docs" / "relationships.svg"
    if not picture.exists() or image.labels(picture.read_text(encoding="utf-8")) != image.labels(
        image.draw(image.dot_text())
    ):
        stale.append(str(picture.relative_to(ROOT)))
    return stale


def stale(pictures: bool = True) -> list[str]:
    """The generated artefacts that are out of date."""
    found = [path for path, make in FILES.items() if _read(path) != make()]
    for path in sorted({path for path, _ in BLOCKS}):
        if _read(path) != _with_blocks(path, _read(path)):
            found.append(path)
    return found + (_pictures_stale() if pictures else [])


def _read(path: str) -> str:
    file = ROOT / path
    return file.read_text(encoding="utf-8") if file.exists() else ""


def regenerate() -> None:
    for path, make in FILES.items():
        (ROOT / path).write_text(make(), encoding="utf-8")
    for path in sorted({path for path, _ in BLOCKS}):
        (ROOT / path).write_text(_with_blocks(path, _read(path)), encoding="utf-8")
    pictures = _pictures_stale()
    if any("screenshots" in path for path in pictures):
        import screenshots

        screenshots.main()
    if "docs/relationships.svg" in pictures:
        import graph_image

        graph_image.main()


def main() -> int:
    if "--check" in sys.argv[1:]:
        found = stale()
        for path in found:
            print(f"stale: {path} (run python scripts/regenerate.py)", file=sys.stderr)
        return 1 if found else 0
    regenerate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
