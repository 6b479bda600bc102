"""Start-up benchmark: each command as a whole process, against the floor.

The floor is the same Python interpreter importing tomllib (tomli on 3.10) and json and
loading the same film file. Runs alternate command and floor so drift hits both alike; the
figure reported is the median ratio. This is a measurement, not a test: it never fails a
build, though it exits 1 when a target is missed, for use by hand.

    python bench/startup.py            # 25 rounds
    python bench/startup.py --rounds 50
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (arguments, target ratio to the floor)
CASES: list[tuple[list[str], float]] = [
    (["cast", "--json"], 2.3),
    (["cast"], 3.2),
    (["--help"], 4.2),
    (["quiz", "--json", "--seed", "1"], 3.0),
    (["search", "Veronika"], 3.2),
]


def data_file() -> Path:
    from cranes_cli.load import bundled_path

    return bundled_path()


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


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=25)
    options = parser.parse_args()

    env = {**os.environ, "COLUMNS": "100", "TTY_COMPATIBLE": "0"}
    floor = floor_command(data_file())
    cranes = cranes_command()
    for command in (floor, cranes):  # warm the file cache and .pyc files
        timed(command, env)

    print(f"python {sys.version.split()[0]}, {options.rounds} rounds, command: {' '.join(cranes)}")
    print(f"{'case':<32} {'median':>9} {'floor':>9} {'ratio':>7} {'target':>7}")
    missed = 0
    for arguments, target in CASES:
        ratios, times, floors = [], [], []
        for _ in range(options.rounds):
            floor_time = timed(floor, env)
            case_time = timed([*cranes, *arguments], env)
            floors.append(floor_time)
            times.append(case_time)
            ratios.append(case_time / floor_time)
        ratio = statistics.median(ratios)
        ok = ratio <= target
        missed += not ok
        label = "cranes " + " ".join(arguments)
        print(
            f"{label:<32} {statistics.median(times) * 1000:>7.1f}ms {statistics.median(floors) * 1000:>7.1f}ms"
            f" {ratio:>6.2f}x {target:>6.1f}x {'ok' if ok else 'MISSED'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
