"""Scaling benchmark: hostile and large film files, each command as a whole process.

The cases, with their targets:

- a valid film with 1,500 extra characters and cast members: ``quiz --json``, ``search`` and
  ``validate`` each within 4x of the floor on that same file (the floor: the same Python
  importing tomllib and json and parsing the file);
- 3,000 unknown keys: ``cast`` prints its first error in under 1 s;
- 1,500 broken references: ``validate`` lists them all in under 2 s;
- a 2 MB film (characters and cast copied): ``cast --json`` within 4x of the floor;
- a 6 MB title, of one word repeated and of a million different words: ``search`` in under 3 s
  and 300 MB.

This is a measurement, not a test: it never fails a build, though it exits 1 when a target is
missed, for use by hand. Times are medians of ``--rounds`` runs; memory is the largest
resident size of the process (Linux and macOS).

    python bench/scaling.py
    python bench/scaling.py --rounds 5
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


def extra_cast(count: int) -> str:
    """Our film with ``count`` more characters, each played by one more cast member."""
    document = _bundled()
    characters, cast = list(document["characters"]), list(document["cast"])
    for number in range(count):
        character = copy.deepcopy(characters[number % len(characters)])
        character["id"] = f"{character['id']}-extra{number}"
        character["name"] = f"{character['name']} {number}"
        for key in ("relations", "spoiler_free", "aliases", "nicknames", "full_name", "full_name_cyrillic"):
            character.pop(key, None)
        member = copy.deepcopy(cast[number % len(cast)])
        member["character"] = character["id"]
        member["name"] = f"{member['name']} {number}"
        member.pop("aliases", None)
        document["characters"].append(character)
        document["cast"].append(member)
    return dumps(document)


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


CASES = [
    Case("1,500 extra cast: quiz --json", lambda: extra_cast(1500), ["quiz", "--json", "--seed=1"], ratio=4),
    Case("1,500 extra cast: search", lambda: extra_cast(1500), ["search", "Veronika"], ratio=4),
    Case("1,500 extra cast: validate", lambda: extra_cast(1500), ["validate"], ratio=4),
    Case("2 MB film: cast --json", two_megabytes, ["cast", "--json"], ratio=4),
    Case("3,000 unknown keys: cast", lambda: unknown_keys(3000), ["cast"], seconds=1),
    Case("1,500 broken references: validate", lambda: broken_references(1500), ["validate"], seconds=2),
    Case("6 MB title, one word: search", lambda: long_title(repeated), ["search", "word"], 3, megabytes=300),
    Case("6 MB title, 1M words: search", lambda: long_title(different), ["search", "w5"], 3, megabytes=300),
]  # fmt: skip


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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100", "TTY_COMPATIBLE": "0", "CRANES_DATA": ""}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cranes = cranes_command()
    print(f"python {sys.version.split()[0]}, {options.rounds} rounds, command: {' '.join(cranes)}")
    print("| case | file | time | floor | ratio | memory | target |")
    print("|---|---|---|---|---|---|---|")
    missed = 0
    with tempfile.TemporaryDirectory() as directory:
        for number, case in enumerate(CASES):
            path = Path(directory) / f"film-{number}.toml"
            path.write_text(case.make(), encoding="utf-8")
            command = [*cranes, "--data", str(path), *case.args]
            run(command, env)  # warm the file cache
            runs, floors = [], []
            for _ in range(options.rounds):  # interleaved: a busy machine slows both alike
                runs.append(run(command, env))
                floors.append(run(floor_command(path), env)[0])
            seconds = statistics.median(time for time, _ in runs)
            megabytes = max(memory for _, memory in runs)
            floor = statistics.median(floors)
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
