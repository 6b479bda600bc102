"""Start-up benchmark: each command as a whole process, against the floor.

The floor is the same Python interpreter importing tomllib (tomli on 3.10) and json and
loading the same film file. Runs alternate command and floor so drift hits both alike; the
figure reported is the median ratio. This is a measurement, not a test: it never fails a
build, though it exits 1 when a target is missed, for use by hand.

    python bench/startup.py            # 25 rounds
    python bench/startup.py --rounds 50
    python bench/startup.py --against b2e127e   # this version beside another, case by case

With ``--against REV`` the other version is checked out and installed in a scratch directory,
and each round runs both versions in a random order, each against its own floor (the film file
of its own checkout): a single run moves by a few hundredths, so versions are compared in the
same run, not from two.

It ends with a scaling case: film files 10x and 100x the size of ours (the records copied
with new ids), and how the time of ``cranes search Veronika`` grows with the file, beside
the floor for the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.toml_writer import dumps  # noqa: E402  (a test helper: the standard library cannot write TOML)

# (arguments, target ratio to the floor, extra environment)
CASES: list[tuple[list[str], float, dict[str, str]]] = [
    (["cast", "--json"], 2.3, {}),
    (["cast"], 3.2, {}),
    (["--help"], 4.2, {}),
    (["quiz", "--json", "--seed", "1"], 3.0, {}),
    (["search", "Veronika"], 3.2, {}),
    # What bash runs on each Tab press: `cranes <Tab>`, `cranes who Sam<Tab>`, `cranes plot --act <Tab>`.
    ([], 2.3, {"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": "cranes ", "COMP_CWORD": "1"}),
    ([], 2.3, {"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": "cranes who Sam", "COMP_CWORD": "2"}),
    ([], 2.3, {"_CRANES_COMPLETE": "complete_bash", "COMP_WORDS": "cranes plot --act ", "COMP_CWORD": "3"}),
]


def data_file() -> Path:
    from cranes_cli.film.reading import bundled_path

    return Path(bundled_path())


def cranes_command() -> list[str]:
    script = Path(sys.executable).parent / "cranes"
    if script.exists():
        return [str(script)]
    found = shutil.which("cranes")
    return [found] if found else [sys.executable, "-m", "cranes_cli"]


def floor_command(path: Path) -> list[str]:
    toml = "tomllib" if sys.version_info >= (3, 11) else "tomli as tomllib"
    code = f"import {toml}, json\nwith open({str(path)!r}, 'rb') as f: tomllib.load(f)"
    return [sys.executable, "-c", code]


def scaled_document(times: int) -> dict[str, Any]:
    """Our film file with its cast, characters, acts, facts and quiz copied ``times`` over,
    each copy with its own ids (and no act dates, which would have to run in order)."""
    from cranes_cli.film.reading import bundled_path, parse_toml

    original = parse_toml(Path(bundled_path()).read_text(encoding="utf-8"), "film.toml")
    document = copy.deepcopy(original)
    for copy_number in range(1, times):
        suffix = f"-copy{copy_number}"
        for character in copy.deepcopy(original["characters"]):
            character["id"] += suffix
            for relation in character.get("relations", []):
                relation["target"] += suffix
            document["characters"].append(character)
        for member in copy.deepcopy(original["cast"]):
            member["character"] += suffix
            document["cast"].append(member)
        for act in copy.deepcopy(original["acts"]):
            act["number"] = len(document["acts"]) + 1
            act.pop("date", None)
            for beat in act.get("beats", []):
                beat["characters"] = [c + suffix for c in beat.get("characters", [])]
            document["acts"].append(act)
        for section in ("facts", "quiz"):
            for item in copy.deepcopy(original[section]):
                item["id"] += suffix
                document[section].append(item)
    return document


def scaling(env: dict[str, str], rounds: int) -> None:
    print("\nhow `cranes search Veronika` grows with the film file (--data)")
    print(f"{'size':<6} {'file':>9} {'search':>10} {'floor':>9} {'search - floor':>15}")
    cranes = cranes_command()
    with tempfile.TemporaryDirectory() as directory:
        for times in (1, 10, 100):
            path = Path(directory) / f"film-{times}x.toml"
            path.write_text(dumps(scaled_document(times)), encoding="utf-8")
            floor = floor_command(path)
            command = [*cranes, "--data", str(path), "search", "Veronika"]
            timed(command, env)
            searches = [timed(command, env) for _ in range(rounds)]
            floors = [timed(floor, env) for _ in range(rounds)]
            search_ms, floor_ms = statistics.median(searches) * 1000, statistics.median(floors) * 1000
            print(
                f"{times:>4}x {path.stat().st_size / 1024:>7.0f}KB {search_ms:>8.1f}ms {floor_ms:>7.1f}ms"
                f" {search_ms - floor_ms:>13.1f}ms"
            )


@contextlib.contextmanager
def other_version(revision: str) -> Iterator[tuple[list[str], Path]]:
    """``cranes`` and the film file of ``revision``, checked out and installed in a scratch
    directory for the length of the block."""
    with tempfile.TemporaryDirectory() as directory:
        checkout, venv = Path(directory) / "checkout", Path(directory) / "venv"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(checkout), revision], check=True
        )
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(checkout)], check=True)
            yield [str(venv / "bin" / "cranes")], checkout / "data" / "film.toml"
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], check=False
            )


def compare(revision: str, env: dict[str, str], rounds: int) -> None:
    """Every case for this version and ``revision`` in the same rounds, in a random order."""
    with other_version(revision) as (theirs, their_file):
        versions = {
            "this": (cranes_command(), floor_command(data_file())),
            revision: (theirs, floor_command(their_file)),
        }
        for cranes, floor in versions.values():  # warm the file cache and .pyc files
            timed(floor, env)
            timed(cranes, env)
        print(f"python {sys.version.split()[0]}, {rounds} rounds; ratio to each version's own floor")
        print(f"{'case':<32} " + " ".join(f"{name[:10]:>10}" for name in versions))
        for arguments, _, extra in CASES:
            ratios: dict[str, list[float]] = {name: [] for name in versions}
            for round_number in range(rounds):
                order = list(versions)
                random.Random(round_number).shuffle(order)
                for name in order:
                    cranes, floor = versions[name]
                    floor_time = timed(floor, env)
                    ratios[name].append(timed([*cranes, *arguments], {**env, **extra}) / floor_time)
            label = "cranes " + " ".join(arguments) if arguments else f"complete: {extra['COMP_WORDS']}<Tab>"
            print(f"{label:<32} " + " ".join(f"{statistics.median(r):>9.3f}x" for r in ratios.values()))


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--against", metavar="REV", help="compare with another git revision")
    options = parser.parse_args()

    env = {**os.environ, "COLUMNS": "100", "TTY_COMPATIBLE": "0"}
    # A pip install byte-compiles the package; an editable one under PYTHONDONTWRITEBYTECODE
    # would compile every module from source on every run, which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if options.against:
        compare(options.against, env, options.rounds)
        return 0
    floor = floor_command(data_file())
    cranes = cranes_command()
    for command in (floor, cranes):  # warm the file cache and .pyc files
        timed(command, env)

    print(f"python {sys.version.split()[0]}, {options.rounds} rounds, command: {' '.join(cranes)}")
    print(f"{'case':<32} {'median':>9} {'floor':>9} {'ratio':>7} {'target':>7}")
    missed = 0
    for arguments, target, extra in CASES:
        ratios, times, floors = [], [], []
        for _ in range(options.rounds):
            floor_time = timed(floor, env)
            case_time = timed([*cranes, *arguments], {**env, **extra})
            floors.append(floor_time)
            times.append(case_time)
            ratios.append(case_time / floor_time)
        ratio = statistics.median(ratios)
        ok = ratio <= target
        missed += not ok
        label = "cranes " + " ".join(arguments) if arguments else f"complete: {extra['COMP_WORDS']}<Tab>"
        median_ms, floor_ms = statistics.median(times) * 1000, statistics.median(floors) * 1000
        print(
            f"{label:<32} {median_ms:>7.1f}ms {floor_ms:>7.1f}ms {ratio:>6.2f}x {target:>6.1f}x"
            f" {'ok' if ok else 'MISSED'}"
        )
    scaling(env, max(3, options.rounds // 5))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
