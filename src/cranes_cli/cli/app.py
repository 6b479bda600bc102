"""The Typer app: options, help text and examples. Each command hands its work to
``cli.commands``; parsing errors and help are Typer's."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer

from cranes_cli import __version__
from cranes_cli.cli import commands
from cranes_cli.core.choices import DIFFICULTIES, TOPICS

EXIT_STATUS_HELP = (
    "Exit status: 0 success; 1 broken data file or nothing found; 2 usage error "
    "(bad option, act out of range); 130 interrupted."
)

app = typer.Typer(
    name="cranes",
    help=f"""Film trivia and lookup for The Cranes Are Flying (Летят журавли, 1957).

\b
Examples:
  cranes info
  cranes cast
  cranes plot --act 2
  cranes cast --json | jq -r '.cast[].actor.name'

{EXIT_STATUS_HELP}
""",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table (see README).")
]


def finish(body: Callable[[], int | None]) -> None:
    status = commands.run(body)
    if status:
        raise typer.Exit(status)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"cranes {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())
        raise typer.Exit()


@app.command()
def info(json_: JsonFlag = False) -> None:
    """A title card: titles, year, director, running time, studio, top award, synopsis.

    \b
    Examples:
      cranes info
      cranes info --json | jq -r .film.original_title
    """
    finish(lambda: commands.info(json_))


@app.command()
def cast(json_: JsonFlag = False) -> None:
    """The cast in billing order: actor (with Cyrillic), character, who the character is.

    \b
    Examples:
      cranes cast
      cranes cast --json | jq -r '.cast[] | "\\(.actor.name) plays \\(.character.name)"'
    """
    finish(lambda: commands.cast(json_))


@app.command()
def crew(json_: JsonFlag = False) -> None:
    """Who did what behind the camera, with names in Cyrillic and other spellings.

    \b
    Examples:
      cranes crew
      cranes crew --json | jq -r '.crew[] | select(.role == "music") | .name'
    """
    finish(lambda: commands.crew(json_))


@app.command()
def plot(
    act: Annotated[int | None, typer.Option("--act", "-a", help="Show only this act (1, 2, ...).")] = None,
    json_: JsonFlag = False,
) -> None:
    """The story act by act, or one act with --act N.

    \b
    Examples:
      cranes plot
      cranes plot --act 2
      cranes plot --json | jq -r '.acts[] | "\\(.number). \\(.title)"'
    """
    finish(lambda: commands.plot(act, json_))


@app.command()
def awards(json_: JsonFlag = False) -> None:
    """Wins and nominations, grouped by festival or awards body.

    \b
    Examples:
      cranes awards
      cranes awards --json | jq '.awards[] | select(.result == "won") | .category'
    """
    finish(lambda: commands.awards(json_))


@app.command()
def facts(json_: JsonFlag = False) -> None:
    """History and reception, box office and releases per country.

    \b
    Examples:
      cranes facts
      cranes facts --json | jq -r '.releases[] | "\\(.date) \\(.country)"'
    """
    finish(lambda: commands.facts(json_))


Difficulty = Enum("Difficulty", {name: name for name in DIFFICULTIES}, type=str)  # type: ignore[misc]
Topic = Enum("Topic", {name: name for name in TOPICS}, type=str)  # type: ignore[misc]


@app.command()
def quiz(
    count: Annotated[int, typer.Option("--count", "-n", help="How many questions.")] = 10,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Same seed, same quiz (questions and option order).")
    ] = None,
    difficulty: Annotated[
        list[Difficulty] | None, typer.Option("--difficulty", help="Only this difficulty (repeatable).")
    ] = None,
    topic: Annotated[
        list[Topic] | None, typer.Option("--topic", help="Only this topic (repeatable).")
    ] = None,
    up_to_act: Annotated[
        int | None, typer.Option("--up-to-act", help="Spoiler guard: nothing from after act N.")
    ] = None,
    missed: Annotated[
        bool, typer.Option("--missed", help="Ask again the questions missed last time.")
    ] = False,
    handout: Annotated[
        bool, typer.Option("--handout", help="Print a Markdown handout with an answer key.")
    ] = False,
    json_: Annotated[
        bool, typer.Option("--json", help="Print the quiz as Open Trivia DB JSON instead of playing it.")
    ] = False,
) -> None:
    """A trivia quiz generated from the dataset: play it, print it, or hand it out.

    On a terminal, answer each question by letter, number or the option's text (small typos
    are forgiven). From a pipe, give one answer per line. Ctrl-C or the end of input stops
    with the score so far. The seed is printed at the end so a run can be replayed.

    \b
    Examples:
      cranes quiz
      cranes quiz --count 5 --topic cast --difficulty easy
      cranes quiz --up-to-act 2 --seed 7
      printf 'a\\nc\\n' | cranes quiz --seed 3 --count 2
      cranes quiz --handout --count 20 > quiz.md
      cranes quiz --json --seed 1 | jq -r '.results[].question'
    """
    finish(
        lambda: commands.quiz(
            count=count,
            seed=seed,
            difficulty=tuple(item.value for item in difficulty or ()),
            topic=tuple(item.value for item in topic or ()),
            up_to_act=up_to_act,
            missed=missed,
            handout=handout,
            json_=json_,
        )
    )
