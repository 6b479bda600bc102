"""The house rules of docs/development.md, checked on the package's own source: layers only look
down (no import runs up a floor, no circle), no file over 500 lines, no function over 60."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cranes_cli"
MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 60
# Places another piece of work is splitting; each entry goes once its files fit.
NOT_YET_SPLIT: tuple[str, ...] = ()

# Floors, bottom first: a module imports only from its own floor or below. The first match wins.
FLOORS: tuple[tuple[str, ...], ...] = (
    (
        "cranes_cli",
        "cranes_cli.errors",
        "cranes_cli.files",
        "cranes_cli.frozen",
        "cranes_cli.named_tuple",
        "cranes_cli.unsafe",
    ),
    ("cranes_cli.film",),
    ("cranes_cli.core",),
    ("cranes_cli.environment",),
    ("cranes_cli.render", "cranes_cli.history"),
    ("cranes_cli.commands",),
    ("cranes_cli.cli", "cranes_cli.__main__"),
)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its source (at the top, inside a
    function, or for the type checker only)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def floor(module: str) -> int:
    best, depth = -1, -1
    for number, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            matches = module == prefix or (prefix != "cranes_cli" and module.startswith(prefix + "."))
            if matches and len(prefix) > depth:
                best, depth = number, len(prefix)
    return best


def upward(edges: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} (floor {floor(module)}) imports {target} (floor {floor(target)})"
        for module, targets in sorted(edges.items())
        for target in sorted(targets)
        if floor(target) > floor(module)
    ]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as the modules along it (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_every_module_has_a_floor() -> None:
    assert [module for module in modules() if floor(module) < 0] == []


def test_no_import_runs_up_the_floors() -> None:
    assert upward(graph()) == []


def test_no_import_circle() -> None:
    assert cycles(graph()) == []


def test_the_checks_can_fail() -> None:
    """An import of the command layer from core is caught, and the circle it closes."""
    edges = graph()
    edges["cranes_cli.core.lookup"] = edges["cranes_cli.core.lookup"] | {"cranes_cli.commands.base"}
    assert upward(edges) == ["cranes_cli.core.lookup (floor 2) imports cranes_cli.commands.base (floor 5)"]
    assert any({"cranes_cli.commands.base", "cranes_cli.core.lookup"} <= set(part) for part in cycles(edges))


def _sources() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path


def _allowed(relative: str) -> bool:
    return relative.startswith(NOT_YET_SPLIT)


def long_functions(source: str) -> list[tuple[str, int]]:
    """(name, lines) of every function or method longer than the limit, decorators included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > MAX_FUNCTION_LINES:
                found.append((node.name, length))
    return found


def test_no_file_over_500_lines() -> None:
    too_long = {
        relative: length
        for relative, path in _sources()
        if not _allowed(relative)
        and (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    }
    assert too_long == {}


def test_no_function_over_60_lines() -> None:
    too_long = {
        relative: found
        for relative, path in _sources()
        if not _allowed(relative) and (found := long_functions(path.read_text(encoding="utf-8")))
    }
    assert too_long == {}


def test_the_length_check_can_fail() -> None:
    body = "".join(f"    x = {n}\n" for n in range(MAX_FUNCTION_LINES))
    assert long_functions(f"@decorated\ndef f():\n{body}") == [("f", MAX_FUNCTION_LINES + 2)]
    assert long_functions(f"def f():\n{body[: -len('    x = 59')]}") == []


@pytest.mark.parametrize("place", NOT_YET_SPLIT)
def test_each_place_not_yet_split_still_needs_its_exception(place: str) -> None:
    """Remove a place from NOT_YET_SPLIT once it fits, so the rule covers it again."""
    breaking = [
        relative
        for relative, path in _sources()
        if relative.startswith(place)
        and (
            len(path.read_text(encoding="utf-8").splitlines()) > MAX_FILE_LINES
            or long_functions(path.read_text(encoding="utf-8"))
        )
    ]
    assert breaking, f"{place} fits the rules now: take it out of NOT_YET_SPLIT"


def test_every_file_ci_names_exists() -> None:
    ci = (PACKAGE.parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    named = set(re.findall(r"(?:tests|scripts|bench)/[\w/.-]+\.(?:py|txt)|\.ci/[\w.-]+", ci))
    assert named
    assert sorted(path for path in named if not (PACKAGE.parent.parent / path).exists()) == []
