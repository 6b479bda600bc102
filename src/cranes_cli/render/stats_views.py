"""``cranes stats``: its JSON document, and its Rich view with a bar chart per topic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cranes_cli.core.stats import Stats, Tally
from cranes_cli.unsafe import escape

if TYPE_CHECKING:
    from rich.console import RenderableType

MAX_BAR, MIN_BAR = 30, 5
RIGHT, WRONG = "█", "░"  # told apart without colour too


def _tally(tally: Tally, key: str) -> dict[str, Any]:
    return {key: tally.name, "answers": tally.answers, "right": tally.right, "wrong": tally.wrong}


def payload(stats: Stats, database: str) -> dict[str, Any]:
    """The JSON document; ``database`` is the history's file."""
    best = stats.best_run
    return {
        "film": stats.film,
        "database": database,
        "runs": stats.runs,
        "answers": stats.total.answers,
        "right": stats.total.right,
        "wrong": stats.total.wrong,
        "by_topic": [_tally(tally, "topic") for tally in stats.by_topic],
        "by_difficulty": [_tally(tally, "difficulty") for tally in stats.by_difficulty],
        "streak": {
            "current": stats.streak.current,
            "longest": stats.streak.longest,
            "days": stats.streak.days,
        },
        "best_run": None
        if best is None
        else {"seed": best.seed, "right": best.right, "answers": best.answers, "days_ago": best.days_ago},
        "most_missed": [
            {"id": missed.id, "question": missed.question, "wrong": missed.wrong, "asked": missed.asked}
            for missed in stats.most_missed
        ],
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def bar_width(columns: int) -> int:
    """The bar's length on a terminal ``columns`` wide: the rest of the row is about 40."""
    return max(MIN_BAR, min(MAX_BAR, columns - 40))


def _bar(tally: Tally, width: int) -> Any:
    from rich.text import Text

    right = round(width * tally.right / tally.answers) if tally.answers else 0
    bar = Text(RIGHT * right, style="green")
    bar.append(WRONG * (width - right) if tally.answers else "", style="red")
    return bar


def _chart(title: str, tallies: tuple[Tally, ...], width: int) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(title.split()[-1].capitalize(), no_wrap=True)
    table.add_column(f"{RIGHT} right {WRONG} wrong", no_wrap=True, min_width=width)
    table.add_column("Right", justify="right")
    table.add_column("%", justify="right")
    for tally in tallies:
        table.add_row(
            Text(escape(tally.name)),
            _bar(tally, width),
            f"{tally.right}/{tally.answers}",
            f"{tally.percent}%",
        )
    return table


def home_relative(path: str, home: str) -> str:
    """``path`` with the home directory written ``~``, as a person reads it."""
    import os

    if home and os.path.isabs(home) and path.startswith(home.rstrip(os.sep) + os.sep):
        return "~" + path[len(home.rstrip(os.sep)) :]
    return path


def view(stats: Stats, database: str, columns: int = 80) -> RenderableType:
    """The stats on a terminal; ``database`` is the history's path as it is shown."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    total, streak, best = stats.total, stats.streak, stats.best_run
    headline = Text(f"{escape(stats.film)}: ", style="bold")
    headline.append(
        f"{_plural(stats.runs, 'quiz')}, {_plural(total.answers, 'answer')}, ".replace("quizs", "quizzes")
    )
    headline.append(f"{total.right} right", style="green")
    headline.append(", ")
    headline.append(f"{total.wrong} wrong", style="red")
    headline.append(f" ({total.percent}%)")
    lines = [headline]
    days = Text(f"Streak: {_plural(streak.current, 'day')} in a row (longest {streak.longest}), ")
    days.append(f"{_plural(streak.days, 'day')} with a quiz")
    lines.append(days)
    if best is not None:
        seed = f", seed {best.seed}" if best.seed is not None else ""
        lines.append(Text(f"Best quiz: {best.right} of {best.answers} right, {_ago(best.days_ago)}{seed}"))
    lines.append(Text(f"History: {escape(database)}"))
    width = bar_width(columns)
    parts: list[Any] = [*lines, Text(""), _chart("By topic", stats.by_topic, width)]
    parts.append(_chart("By difficulty", stats.by_difficulty, width))
    if stats.most_missed:
        missed = Table(title=Text("Missed most", style="bold"), title_justify="left", box=box.SIMPLE_HEAD)
        missed.add_column("Question", ratio=1, overflow="fold")
        missed.add_column("Wrong", justify="right")
        missed.add_column("Asked", justify="right")
        for question in stats.most_missed:
            missed.add_row(Text(escape(question.question)), str(question.wrong), str(question.asked))
        parts.append(missed)
    return Group(*parts)
