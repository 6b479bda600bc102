"""Scaling benchmark: hostile and large film files, each command as a whole process.

The cases, with their targets:

- a valid film with 1,500 extra characters and cast members: ``quiz --json``, ``search`` and
  ``validate`` each within 4x of the floor on that same file (the floor: the same Python
  importing tomllib and json and parsing the file);
- 3,000 unknown keys: ``cast`` prints its first error in under 1 s;
- 1,500 broken references: ``validate`` lists them all in under 2 s;
- a 2 MB film (characters and cast copied): ``cast --json`` within 4x of the floor;
- a 6 MB title, of one word repeated and of a million different words: ``search`` in under 3 s
  and 300 MB;
- 8,000 extra characters related as ours are (and, once, each a sweetheart of Veronika's):
  ``quiz --json`` and ``characters --json`` within 4x of the floor.

With ``--relations`` it prints instead how each command that reads characters grows from 1,000
to 8,000 of them, with their relations: linear when the time grows about as the floor does.

This is a measurement, not a test: it never fails a build, though it exits 1 when a target is
missed, for use by hand. Times are medians of ``--rounds`` runs; memory is the largest
resident size of the process (Linux and macOS).

    python bench/scaling.py
    python bench/scaling.py --rounds 5
    python bench/scaling.py --relations --rounds 1
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from startup import cranes_command, floor_command  # noqa: E402
from tests.films import MINIMAL, broken_references, unknown_keys  # noqa: E402
from tests.toml_writer import dumps  # noqa: E402  (a test helper: the standard library cannot write TOML)


def _bundled() -> dict[str, Any]:
    from cranes_cli.film.reading import bundled_path, parse_toml

    return parse_toml(Path(bundled_path()).read_text(encoding="utf-8"), "film.toml")


def extra_cast(count: int, relations: bool = False, hub: bool = False) -> str:
    """Our film with ``count`` more characters, each played by one more cast member; with
    ``relations``, the extra characters come in copies of our whole cast of characters, each
    copy related among itself as ours are (so the relations grow with the characters); with
    ``hub``, each is also one more sweetheart of Veronika's."""
    document = _bundled()
    characters, cast = list(document["characters"]), list(document["cast"])
    for number in range(count):
        character = copy.deepcopy(characters[number % len(characters)])
        copied = number // len(characters)
        character["id"] = f"{character['id']}-extra{number}"
        character["name"] = f"{character['name']} {number}"
        if relations:
            for relation in character.get("relations", []):
                relation["target"] = _copy_id(characters, relation["target"], copied, count)
        for key in ("spoiler_free", "aliases", "nicknames", "full_name", "full_name_cyrillic"):
            character.pop(key, None)
        if not relations:
            character.pop("relations", None)
        if hub:
            sweetheart = {"target": "veronika", "kind": "romance", "label": "sweetheart"}
            character["relations"] = [*character.get("relations", []), sweetheart]
        member = copy.deepcopy(cast[number % len(cast)])
        member["character"] = character["id"]
        member["name"] = f"{member['name']} {number}"
        member.pop("aliases", None)
        document["characters"].append(character)
        document["cast"].append(member)
    return dumps(document)


def related_cast(count: int, hub: bool = False) -> str:
    return extra_cast(count, relations=True, hub=hub)


def _copy_id(characters: list[dict[str, Any]], target: str, copied: int, count: int) -> str:
    """The id of ``target``'s twin in the same copy of the cast, or ``target`` itself when the
    copy stops short of it."""
    index = next(number for number, character in enumerate(characters) if character["id"] == target)
    number = copied * len(characters) + index
    return f"{target}-extra{number}" if number < count else target


def two_megabytes() -> str:
    """Our film with characters and cast added until the file is about 2 MB."""
    base, sample = len(extra_cast(0).encode("utf-8")), len(extra_cast(200).encode("utf-8"))
    return extra_cast(200 * (2 * 1024 * 1024 - base) // (sample - base))


def long_title(words: Callable[[int], str]) -> str:
    size = 6 * 1024 * 1024
    return MINIMAL.replace('title = "Minimal"', f'title = "{words(size)}"')


def repeated(size: int) -> str:
    return ("word " * (size // 5))[:size]


def different(size: int) -> str:
    return "".join(f"w{n} " for n in range(size // 4))[:size]


class Case(NamedTuple):
    label: str
    make: Callable[[], str]
    args: list[str]
    seconds: float | None = None  # target time
    ratio: float | None = None  # target ratio to the floor on the same file
    megabytes: float | None = None  # target memory


QUIZ_10, CHARACTERS = ["quiz", "--json", "--count=10"], ["characters", "--json"]
CASES = [
    Case("1,500 extra cast: quiz --json", lambda: extra_cast(1500), ["quiz", "--json", "--seed=1"], ratio=4),
    Case("1,500 extra cast: search", lambda: extra_cast(1500), ["search", "Veronika"], ratio=4),
    Case("1,500 extra cast: validate", lambda: extra_cast(1500), ["validate"], ratio=4),
    Case("2 MB film: cast --json", two_megabytes, ["cast", "--json"], ratio=4),
    Case("3,000 unknown keys: cast", lambda: unknown_keys(3000), ["cast"], seconds=1),
    Case("1,500 broken references: validate", lambda: broken_references(1500), ["validate"], seconds=2),
    Case("6 MB title, one word: search", lambda: long_title(repeated), ["search", "word"], 3, megabytes=300),
    Case("6 MB title, 1M words: search", lambda: long_title(different), ["search", "w5"], 3, megabytes=300),
    Case("8,000 related characters: quiz --json", lambda: related_cast(8000), QUIZ_10, ratio=4),
    Case("8,000 related characters: characters --json", lambda: related_cast(8000), CHARACTERS, ratio=4),
    Case("8,000 sweethearts of one: quiz --json", lambda: related_cast(8000, True), QUIZ_10, ratio=4),
]  # fmt: skip

# --relations: how each command that reads characters grows with them (and their relations).
RELATED_SIZES = [1000, 2000, 4000, 8000]
RELATED_COMMANDS = [
    QUIZ_10,
    ["characters", "--json"],
    ["characters"],
    ["who", "Veronika 7"],
    ["search", "Veronika"],
    ["graph", "--json"],
    ["cast", "--json"],
    ["validate"],
]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and the largest resident size (MB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if hasattr(os, "wait4"):
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0  # reaped by wait4
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KB on Linux
        megabytes = usage.ru_maxrss * 1024 / scale / 1024
    else:  # pragma: no cover - no per-process rusage here
        process.wait()
        megabytes = float("nan")
    return time.perf_counter() - start, megabytes


def _measure(
    command: list[str], floor: list[str], env: dict[str, str], rounds: int
) -> tuple[float, float, float]:
    """The median seconds of ``command`` and of ``floor``, interleaved (a busy machine slows
    both alike), and the largest resident size of the command (MB)."""
    run(floor, env)  # warm the file cache (the floor reads the file, and quickly)
    runs, floors = [], []
    for _ in range(rounds):
        runs.append(run(command, env))
        floors.append(run(floor, env)[0])
    seconds = statistics.median(time for time, _ in runs)
    return seconds, statistics.median(floors), max(memory for _, memory in runs)


def related(cranes: list[str], env: dict[str, str], rounds: int) -> None:
    """A table: each command that reads characters, at 1,000 to 8,000 extra characters with
    their relations, and the 8,000 time over the 1,000 one (the floor grows about 8x)."""
    print(
        "| command | "
        + " | ".join(f"{size:,} characters" for size in RELATED_SIZES)
        + " | 8x the characters |"
    )
    print("|---|" + "---|" * (len(RELATED_SIZES) + 1))
    with tempfile.TemporaryDirectory() as directory:
        paths = {}
        for size in RELATED_SIZES:
            paths[size] = Path(directory) / f"related-{size}.toml"
            paths[size].write_text(extra_cast(size, relations=True), encoding="utf-8")
        for args in RELATED_COMMANDS:
            cells, times = [], []
            for size in RELATED_SIZES:
                path = str(paths[size])
                command = [*cranes, *args, path] if args == ["validate"] else [*cranes, "--data", path, *args]
                seconds, floor, _ = _measure(command, floor_command(paths[size]), env, rounds)
                times.append(seconds)
                cells.append(f"{seconds:.2f} s ({seconds / floor:.1f}x)")
            growth = times[-1] / times[0]
            print(f"| {' '.join(args)} | {' | '.join(cells)} | {growth:.1f}x |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--relations", action="store_true", help="the table at 1,000-8,000 related characters"
    )
    options = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100", "TTY_COMPATIBLE": "0", "CRANES_DATA": ""}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cranes = cranes_command()
    print(f"python {sys.version.split()[0]}, {options.rounds} rounds, command: {' '.join(cranes)}")
    if options.relations:
        related(cranes, env, options.rounds)
        return 0
    print("| case | file | time | floor | ratio | memory | target |")
    print("|---|---|---|---|---|---|---|")
    missed = 0
    with tempfile.TemporaryDirectory() as directory:
        for number, case in enumerate(CASES):
            path = Path(directory) / f"film-{number}.toml"
            path.write_text(case.make(), encoding="utf-8")
            command = [*cranes, "--data", str(path), *case.args]
            seconds, floor, megabytes = _measure(command, floor_command(path), env, options.rounds)
            ratio = seconds / floor
            targets, ok = [], True
            if case.seconds is not None:
                targets.append(f"< {case.seconds:g} s")
                ok &= seconds < case.seconds
            if case.ratio is not None:
                targets.append(f"≤ {case.ratio:g}×")
                ok &= ratio <= case.ratio
            if case.megabytes is not None:
                targets.append(f"< {case.megabytes:g} MB")
                ok &= megabytes < case.megabytes
            missed += not ok
            size = path.stat().st_size / 1024
            shown_size = f"{size / 1024:.1f} MB" if size >= 1024 else f"{size:.0f} KB"
            print(
                f"| {case.label} | {shown_size} | {seconds * 1000:.0f} ms | {floor * 1000:.0f} ms "
                f"| {ratio:.1f}× | {megabytes:.0f} MB | {', '.join(targets)} {'ok' if ok else 'MISSED'} |",
                flush=True,
            )
            path.unlink()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
