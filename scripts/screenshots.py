"""Make the README's screenshots (docs/screenshots/*.svg) from the program's real output:
each command runs as ``cranes`` would on a colour terminal 92 columns wide, into a recording
Rich console, exported with Rich's SVG export. tests/test_screenshots.py fails when a picture
no longer shows what its command prints.

    python scripts/screenshots.py
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "screenshots"
WIDTH = 92

# file name → the command line it shows
SHOTS: dict[str, list[str]] = {
    "info": ["info"],
    "cast": ["cast"],
    "plot-act-1": ["plot", "--act", "1"],
    "quotes-act-1": ["quotes", "--act", "1"],
    "scenes-act-2": ["scenes", "--up-to-act", "2"],
    "quiz": ["quiz", "--seed", "7", "--count", "3"],
    "who": ["who", "Samoylova"],
    "stats": ["stats"],
}


def _history(home: str) -> None:
    """A made-up fortnight of quizzes for the stats screenshot: five quizzes on the last three
    days (so the streak and "yesterday" read the same whatever the date), answers chosen by a
    fixed seed, the leads' questions mostly right."""
    import datetime
    import random

    from cranes_cli.core.quiz import make_quiz
    from cranes_cli.film import load, reading
    from cranes_cli.film.identity import film_id
    from cranes_cli.history import database, schema

    dataset = load.load_path(reading.bundled_path())
    film = film_id(dataset.film.title, dataset.film.year)
    rng = random.Random(1957)
    today = datetime.date.today()
    with database.open_history(os.path.join(home, ".local", "share", "cranes"), print, film) as record:
        for days_ago, seed in ((9, 11), (2, 12), (1, 13), (1, 14), (0, 15)):
            noon = datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(12))
            start = noon.timestamp() + seed * 60
            quiz = make_quiz(dataset, seed=seed, count=10)
            run = record.start_run(film, seed, len(quiz.questions), schema.PLAYED, now=start)
            for number, question in enumerate(quiz.questions):
                right = rng.random() < (0.9 if question.difficulty == "easy" else 0.55)
                wrong = [option for option in question.options if option != question.answer]
                answer = question.answer if right else rng.choice(wrong)
                when = start + 10 * number
                record.record(
                    run, film, question.id, question.topic, question.difficulty, answer, right, 8.0,
                    prompt=question.prompt, now=when,
                )  # fmt: skip


def capture(args: list[str]) -> Any:
    """Run ``cranes ARGS`` on a pretend colour terminal; the Rich console that recorded it.
    A quiz is answered "b" once, then the typist stops (end of input)."""
    from unittest import mock

    from rich.console import Console

    from cranes_cli.cli import main
    from cranes_cli.environment import Environment
    from cranes_cli.render import terminal

    console = Console(
        record=True, width=WIDTH, force_terminal=True, color_system="truecolor", file=io.StringIO(),
        markup=False, emoji=False, highlight=False,
    )  # fmt: skip
    with (
        mock.patch.object(terminal, "console", lambda env: console),
        mock.patch.object(Environment, "stdin_is_terminal", property(lambda env: True)),
        mock.patch.object(console, "input", _Typist(console, ["b"])),
        tempfile.TemporaryDirectory() as home,
        # The history where a Linux user's is, so stats shows the same path ("~/...") each time.
        mock.patch.dict("os.environ", {"CRANES_DATA": "", "HOME": home, "TTY_COMPATIBLE": "1"}),
        mock.patch.dict("os.environ", {"CRANES_HOME": "", "XDG_DATA_HOME": ""}),
        mock.patch.object(sys, "stderr", io.StringIO()),
        contextlib.suppress(SystemExit),
    ):
        if args == ["stats"]:
            _history(home)
        main(args)
    return console


class _Typist:
    """Stands in for Console.input: shows the prompt and the reply as a terminal would."""

    def __init__(self, console: Any, replies: list[str]) -> None:
        self.console, self.replies = console, list(replies)

    def __call__(self, prompt: str = "", **_: Any) -> str:
        if not self.replies:
            self.console.print(prompt)
            raise EOFError
        reply = self.replies.pop(0)
        self.console.print(prompt + reply)
        return reply


def svg(name: str) -> str:
    console = capture(SHOTS[name])
    return str(console.export_svg(title="cranes " + " ".join(SHOTS[name])))


def text_of_svg(document: str) -> list[str]:
    """The lines of terminal text a Rich SVG shows, rebuilt from the positions of its text
    elements (each line is clipped to ``line-N``; a character cell is 0.61 of the font size)."""
    font = float(re.search(r"font-size: ?(\d+(?:\.\d+)?)px", document).group(1))  # type: ignore[union-attr]
    cell = font * 0.61
    lines: dict[int, list[tuple[int, str]]] = {}
    for x, number, content in re.findall(
        r'<text [^>]*?x="([\d.]+)"[^>]*?line-(\d+)\)">([^<]*)</text>', document
    ):
        text = html.unescape(content).replace("\xa0", " ")
        if text != "\n":
            lines.setdefault(int(number), []).append((round(float(x) / cell), text))
    rebuilt = []
    for number in range(max(lines, default=-1) + 1):
        row = ""
        for column, text in sorted(lines.get(number, [])):
            row = row.ljust(column) + text
        rebuilt.append(row.rstrip())
    while rebuilt and not rebuilt[-1]:
        rebuilt.pop()
    return rebuilt


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name in SHOTS:
        (FOLDER / f"{name}.svg").write_text(svg(name), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
