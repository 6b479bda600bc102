"""The Typer app: options, help text and examples. Each command hands its work to
``cli.commands``; parsing errors and help are Typer's."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer

from cranes_cli import __version__
from cranes_cli.cli import commands
from cranes_cli.core.choices import DIFFICULTIES, GRAPH_FORMATS, TOPICS

EXIT_STATUS_HELP = (
    "Exit status: 0 success; 1 broken or incomplete film file, or nothing found; "
    "2 usage error (bad option, act out of range); 130 interrupted."
)

app = typer.Typer(
    name="cranes",
    help=f"""Film trivia and lookup for The Cranes Are Flying (Летят журавли, 1957).

\b
Examples:
  cranes info
  cranes cast
  cranes plot --act 2
  cranes search Samoylova
  cranes who Белка
  cranes quiz --count 5
  cranes --data my-film.toml validate
  cranes cast --json | jq -r '.cast[].actor.name'

{EXIT_STATUS_HELP}
""",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _document(context: typer.Context) -> dict[str, Any] | None:
    """The film file for completion: --data if already typed, else as the commands choose."""
    from cranes_cli.errors import CranesError
    from cranes_cli.load import read_document

    root_params = context.find_root().params
    commands.use_data(root_params.get("data"))
    try:
        return read_document(commands.data_path())
    except (CranesError, OSError, ValueError):
        return None


def complete_act(context: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from cranes_cli.core import completion

    document = _document(context)
    return completion.acts(document, incomplete) if document else []


def complete_name(context: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from cranes_cli.core import completion

    document = _document(context)
    return completion.names(document, incomplete) if document else []


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
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help=f"Use this film file instead of the bundled one (default: ${commands.DATA_ENV} if set).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    commands.use_data(data)
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
    act: Annotated[
        int | None,
        typer.Option("--act", "-a", help="Show only this act (1, 2, ...).", autocompletion=complete_act),
    ] = None,
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


@app.command()
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            help="Words to look for, in any spelling.", metavar="TERM...", autocompletion=complete_name
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most this many results.")] = 10,
    json_: JsonFlag = False,
) -> None:
    """Search every text in the film: names, characters, plot, awards, facts, releases.

    Case and accents are ignored, small typos forgiven, and the usual spellings of Russian
    names match each other and the Cyrillic (Samoylova, Samoilova, Самойлова). Results are
    ranked, each with where it was found. Nothing found: exit 1, with suggestions.

    \b
    Examples:
      cranes search Veronika
      cranes search Samoylova
      cranes search cranes flying --limit 3
      cranes search squirrel --json | jq -r '.results[].where'
    """
    finish(lambda: commands.search(tuple(words), limit, json_))


@app.command()
def who(
    words: Annotated[
        list[str],
        typer.Argument(
            help="A name, or part of one, in any spelling.", metavar="NAME...", autocompletion=complete_name
        ),
    ],
    json_: JsonFlag = False,
) -> None:
    """A card for a person or a character: actor and role, crew job, relations, the acts and
    beats they appear in, awards. A name that fits several lists them and exits 1.

    \b
    Examples:
      cranes who Veronika
      cranes who Batalov
      cranes who Белка
      cranes who Samoylova --json | jq -r '.appearances[] | "act \\(.act) beat \\(.beat)"'
    """
    finish(lambda: commands.who(tuple(words), json_))


@app.command()
def characters(json_: JsonFlag = False) -> None:
    """Every character, grouped by family, with who plays them and their relations.

    \b
    Examples:
      cranes characters
      cranes characters --json | jq -r '.characters[] | select(.family == "Borozdin") | .name'
    """
    finish(lambda: commands.characters(json_))


@app.command()
def timeline(
    history: Annotated[
        bool, typer.Option("--history", help="Add the film's own history: the play, releases, awards.")
    ] = False,
    json_: JsonFlag = False,
) -> None:
    """The story in time order, act by act, from 22 June 1941 to 1945.

    \b
    Examples:
      cranes timeline
      cranes timeline --history
      cranes timeline --history --json | jq -r '.history[] | "\\(.date) \\(.what)"'
    """
    finish(lambda: commands.timeline(history, json_))


GraphFormat = Enum("GraphFormat", {name: name for name in GRAPH_FORMATS}, type=str)  # type: ignore[misc]


@app.command()
def graph(
    format_: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="mermaid (renders on GitHub) or dot (Graphviz).")
    ] = GraphFormat.mermaid,  # type: ignore[attr-defined]
) -> None:
    """The character relationship map, as text that draws a picture.

    Each arrow reads "A is B's label": Veronika → Boris, "sweetheart".

    \b
    Examples:
      cranes graph > cranes.mmd
      cranes graph --format dot | dot -Tsvg > cranes.svg
    """
    finish(lambda: commands.graph(format_.value))


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Film files to check (default: the one in use).", metavar="PATH..."),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the problems as JSON records.")] = False,
) -> None:
    """Check film files and report every problem, with its key path (cast[3].character),
    line and column where TOML gives them. Exit 0 when all are valid, 1 otherwise.

    \b
    Examples:
      cranes validate
      cranes validate my-film.toml examples/*.toml
      cranes validate my-film.toml --json | jq -r '.files[].problems[].message'
    """
    finish(lambda: commands.validate(tuple(paths or ()), json_))


@app.command()
def schema() -> None:
    """Print the JSON Schema of film files, generated from the program's own model.

    data/film.schema.json is this output. Start a film file with the line
    "#:schema film.schema.json" and editors with Taplo (Even Better TOML) check it as you type.

    \b
    Examples:
      cranes schema > film.schema.json
      cranes schema | jq '.properties | keys'
    """
    finish(commands.schema)


Difficulty = Enum("Difficulty", {name: name for name in DIFFICULTIES}, type=str)  # type: ignore[misc]
Topic = Enum("Topic", {name: name for name in TOPICS}, type=str)  # type: ignore[misc]


@app.command()
def quiz(
    count: Annotated[
        int | None,
        typer.Option("--count", "-n", help="How many questions (default 10, or all there are if fewer)."),
    ] = None,
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
        int | None,
        typer.Option(
            "--up-to-act", help="Spoiler guard: nothing from after act N.", autocompletion=complete_act
        ),
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
