"""Every command, once, as data: its name, help, examples, options and free words.

Three things read this table and nothing else: the Typer app (``cli.app``: parsing errors,
help), the fast route (``cli.route``: plain valid invocations without importing Typer) and
shell completion (``cli.completion``); docs/commands.md is generated from it. Adding an option
is one line in a command's ``options``; adding a command is one ``Command`` here and one
function in the command layer, ``cranes_cli.commands``. It imports nothing heavy (no typing,
no dataclasses, which import ``inspect``): completion reads it on every Tab press.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cranes_cli.commands import film, film_files, quiz, scenes
from cranes_cli.core.choices import DIFFICULTIES, ENCODINGS, EXPORT_FORMATS, GRAPH_FORMATS, TOPICS
from cranes_cli.environment import DATA_ENV, UP_TO_ACT_ENV
from cranes_cli.errors import UsageProblem

TYPE_CHECKING = False  # not typing's: shell completion never imports typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import NamedTuple

    from cranes_cli.environment import Environment
else:
    from cranes_cli.named_tuple import NamedTuple

# A longer number is a mistake; checking the length before int() keeps 5,000 digits cheap and
# out of Python's integer-string limit.
MAX_DIGITS = 50
ACTS, NAMES, SCENES = "acts", "names", "scenes"  # completers: values from the film file in use


class Option(NamedTuple):
    """``flags[0]`` is the long name, ``param`` the command function's keyword; ``kind`` is
    bool (a flag), int or str; ``choices`` limit a str; ``repeatable`` gathers a tuple."""

    flags: tuple[str, ...]
    param: str
    help: str
    kind: type = bool
    choices: tuple[str, ...] = ()
    repeatable: bool = False
    completer: str | None = None
    default: object = None
    metavar: str | None = None

    @property
    def takes_value(self) -> bool:
        return self.kind is not bool


def number(
    flags: tuple[str, ...], param: str, help: str, completer: str | None = None, default: int | None = None
) -> Option:
    return Option(flags, param, help, int, completer=completer, default=default, metavar="<int>")


def flag(name: str, param: str, help: str) -> Option:
    return Option((name,), param, help, default=False)


def choice(
    flags: tuple[str, ...], param: str, help: str, choices: tuple[str, ...], repeatable: bool = False
) -> Option:
    return Option(flags, param, help, str, choices, repeatable, default=None if repeatable else choices[0])


class Words(NamedTuple):
    """The free words a command takes (``cranes search cranes flying``), as one tuple."""

    param: str
    metavar: str
    help: str
    required: bool = True
    completer: str | None = None


JSON_HELP = "Print one JSON object instead of a table (see docs/json.md)."
CITE = flag(
    "--cite",
    "cite",
    "Add numbered footnotes: each record's sources, with title, address and the words quoted from each.",
)
# The spoiler guard, on every command that tells the story or the characters.
UP_TO_ACT = number(
    ("--up-to-act",),
    "up_to_act",
    f"Spoiler guard: nothing from after act N (default: ${UP_TO_ACT_ENV}).",
    ACTS,
)


class Command(NamedTuple):
    name: str
    run: Callable[..., int | None]
    summary: str
    examples: tuple[str, ...]
    details: str = ""  # paragraphs between the summary and the examples
    options: tuple[Option, ...] = ()
    words: Words | None = None
    json: str | None = JSON_HELP  # the help of --json, or None if the command has none
    # Options of which at most one may be given (by parameter), and why.
    exclusive: tuple[tuple[tuple[str, ...], str], ...] = ()

    @property
    def all_options(self) -> tuple[Option, ...]:
        """The options in the order help and completion show them, ``--json`` last."""
        if self.json is None:
            return self.options
        return (*self.options, flag("--json", "json_", self.json))

    def option(self, flag: str) -> Option | None:
        return next((option for option in self.all_options if flag in option.flags), None)

    def _flags(self, params: tuple[str, ...], given: Mapping[str, object] | None = None) -> list[str]:
        """The long names of ``params`` (only those given a value, with ``given``), in help order."""
        return [
            o.flags[0]
            for o in self.all_options
            if o.param in params and (given is None or given.get(o.param))
        ]

    def call(self, env: Environment, values: Mapping[str, object]) -> int | None:
        """Run the command with ``values`` (by parameter), once no two exclusive options are given."""
        for params, why in self.exclusive:
            given = self._flags(params, values)
            if len(given) > 1:
                raise UsageProblem(f"{' and '.join(given)} cannot be used together: {why}")
        # The spoiler guard is the run's, as the film file is: the film a command loads from
        # env (commands.base.load_dataset) is already guarded, so no command can forget it.
        values = dict(values)
        up_to_act = values.pop(UP_TO_ACT.param, None)
        if UP_TO_ACT not in self.options:
            return self.run(env.without_guard(), **values)
        return self.run(
            env.with_options(up_to_act=up_to_act if isinstance(up_to_act, int) else None), **values
        )

    @property
    def about(self) -> str:
        """The paragraphs between the summary and the examples: details, then exclusive options."""
        rules = [
            f"Use at most one of {', '.join(self._flags(params))}: {why}." for params, why in self.exclusive
        ]
        return "\n\n".join(filter(None, (self.details, *rules)))

    @property
    def help(self) -> str:
        about = f"{self.about}\n\n" if self.about else ""
        examples = "\n".join(f"  {example}" for example in self.examples)
        return f"{self.summary}\n\n{about}\b\nExamples:\n{examples}"


DATA_HELP = f"Use this film file instead of the bundled one (default: ${DATA_ENV} if set)."
DATA = Option(("--data",), "data", DATA_HELP, str, metavar="PATH")
VERSION = flag("--version", "version", "Show the version and exit.")
ROOT_OPTIONS = (DATA, VERSION)
EXIT_STATUS_HELP = (
    "Exit status: 0 success; 1 broken or incomplete film file, or nothing found; "
    "2 usage error (bad option, act out of range); 130 interrupted."
)
ROOT_EXAMPLES = (
    "cranes info",
    "cranes cast",
    "cranes plot --act 2",
    "cranes search Samoylova",
    "cranes who Белка",
    "cranes quiz --count 5",
    "cranes --data my-film.toml validate",
    "cranes cast --json | jq -r '.cast[].actor.name'",
)
ROOT_HELP = (
    Command(
        "cranes",
        lambda: None,
        "Film trivia and lookup for The Cranes Are Flying (Летят журавли, 1957).",
        ROOT_EXAMPLES,
    ).help
    + f"\n\n{EXIT_STATUS_HELP}\n"
)

COMMANDS: tuple[Command, ...] = (
    Command(
        "info",
        film.info,
        "A title card: titles, year, director, running time, studio, top award, synopsis.",
        ("cranes info", "cranes info --cite", "cranes info --json | jq -r .film.original_title"),
        options=(UP_TO_ACT, CITE),
    ),
    Command(
        "cast",
        film.cast,
        "The cast in billing order: actor (with Cyrillic), character, who the character is.",
        (
            "cranes cast",
            "cranes cast --up-to-act 2",
            "cranes cast --cite",
            """cranes cast --json | jq -r '.cast[] | "\\(.actor.name) plays \\(.character.name)"'""",
        ),
        options=(UP_TO_ACT, CITE),
    ),
    Command(
        "crew",
        film.crew,
        "Who did what behind the camera, with names in Cyrillic and other spellings.",
        ("cranes crew", """cranes crew --json | jq -r '.crew[] | select(.role == "music") | .name'"""),
        options=(CITE,),
    ),
    Command(
        "plot",
        film.plot,
        "The story act by act, or one act with --act N.",
        (
            "cranes plot",
            "cranes plot --act 2",
            "cranes plot --up-to-act 3",
            "CRANES_UP_TO_ACT=3 cranes plot",
            """cranes plot --json | jq -r '.acts[] | "\\(.number). \\(.title)"'""",
        ),
        """With --up-to-act N (or $CRANES_UP_TO_ACT) nothing after act N is shown, here and in every
command that tells the story or the characters: for watching the film a part at a time.""",
        options=(number(("--act", "-a"), "act", "Show only this act (1, 2, ...).", ACTS), UP_TO_ACT),
    ),
    Command(
        "awards",
        film.awards,
        "Wins and nominations, grouped by festival or awards body.",
        ("cranes awards", """cranes awards --json | jq '.awards[] | select(.result == "won") | .category'"""),
        options=(CITE,),
    ),
    Command(
        "facts",
        film.facts,
        "History and reception, box office and releases per country.",
        (
            "cranes facts",
            "cranes facts --cite",
            """cranes facts --json | jq -r '.releases[] | "\\(.date) \\(.country)"'""",
        ),
        """A fact resting on one source is marked ‡, and the legend under the list says so. Under
the spoiler guard a fact that gives away a later act is left out.""",
        options=(CITE, UP_TO_ACT),
    ),
    Command(
        "sources",
        film.sources,
        "Every source the film file cites: title, site, language, address, what it supports.",
        ("cranes sources", """cranes sources --json | jq -r '.sources[] | "\\(.key) \\(.url)"'"""),
        """Records name their sources by key; this resolves the keys. --cite on info, cast, crew,
awards, facts, who and timeline shows the sources of each record as numbered footnotes.""",
    ),
    Command(
        "quotes",
        scenes.quotes,
        "Lines people remember: who says them, the Russian and our own English, act and scene.",
        (
            "cranes quotes",
            "cranes quotes --act 1",
            "cranes quotes --up-to-act 2",
            "cranes quotes --cite",
            """cranes quotes --json | jq -r '.quotes[] | "\\(.speaker.name): \\(.text)"'""",
        ),
        """A line marked (play) is from Rozov's play «Вечно живые», which the film adapts; the
film's own wording may differ. The translations are written for this program, not taken from
subtitles. Under the spoiler guard a line from a later act is left out.""",
        options=(
            number(("--act", "-a"), "act", "Show only the lines of this act (1, 2, ...).", ACTS),
            UP_TO_ACT,
            CITE,
        ),
    ),
    Command(
        "scenes",
        scenes.scenes,
        "The remembered sequences, act by act: where, who, what happens and how it was shot.",
        (
            "cranes scenes",
            "cranes scenes staircase",
            "cranes scenes death-among-the-birches --cite",
            "cranes scenes --up-to-act 1",
            """cranes scenes --json | jq -r '.scenes[] | select(.made) | "\\(.title): \\(.made)"'""",
        ),
        """Name a scene (its id, or words of its title or place) to see it as a card with the lines
said in it. How a scene was made is told only where a source says so. Under the spoiler guard
a scene from a later act is left out.""",
        options=(UP_TO_ACT, CITE),
        words=Words("words", "SCENE...", "A scene's id, or words of its title.", False, SCENES),
    ),
    Command(
        "search",
        film.search,
        "Search every text in the film: names, characters, plot, scenes, quotes, awards, facts, releases.",
        (
            "cranes search Veronika",
            "cranes search Samoylova",
            "cranes search cranes flying --limit 3",
            "cranes search palme d or",
            "cranes search squirrel --up-to-act 1",
            "cranes search squirrel --json | jq -r '.results[].where'",
        ),
        """Case and accents are ignored, small typos forgiven, and the usual spellings of Russian
names match each other and the Cyrillic (Samoylova, Samoilova, Самойлова). Results are
ranked, each with where it was found. Nothing found: exit 1, with suggestions.""",
        options=(
            number(("--limit", "-n"), "limit", "Show at most this many results.", default=10),
            UP_TO_ACT,
        ),
        words=Words("words", "TERM...", "Words to look for, in any spelling.", completer=NAMES),
    ),
    Command(
        "who",
        film.who,
        "A card for a person or a character: actor and role, crew job, relations, the acts and\n"
        "beats they appear in, their scenes and lines, awards. A name that fits several lists them and\n"
        "exits 1.",
        (
            "cranes who Veronika",
            "cranes who Batalov",
            "cranes who Белка",
            "cranes who Borozdina",
            "cranes who Mark --up-to-act 2",
            """cranes who Samoylova --json | jq -r '.appearances[] | "act \\(.act) beat \\(.beat)"'""",
        ),
        options=(UP_TO_ACT, CITE),
        words=Words("words", "NAME...", "A name, or part of one, in any spelling.", completer=NAMES),
    ),
    Command(
        "characters",
        film.characters,
        "Every character, grouped by family, with who plays them and their relations.",
        (
            "cranes characters",
            "cranes characters --up-to-act 2",
            """cranes characters --json | jq -r '.characters[] | select(.family == "Borozdin") | .name'""",
        ),
        options=(UP_TO_ACT,),
    ),
    Command(
        "timeline",
        film.timeline,
        "The story in time order, act by act, from 22 June 1941 to 1945.",
        (
            "cranes timeline",
            "cranes timeline --history",
            """cranes timeline --history --json | jq -r '.history[] | "\\(.date) \\(.what)"'""",
        ),
        options=(
            flag("--history", "history", "Add the film's own history: the play, releases, awards."),
            UP_TO_ACT,
            CITE,
        ),
    ),
    Command(
        "graph",
        film.graph,
        "The character relationship map, as text that draws a picture, or as JSON.",
        (
            "cranes graph > cranes.mmd",
            "cranes graph --format dot | dot -Tsvg > cranes.svg",
            "cranes graph --up-to-act 2 --format dot | dot -Tpng > so-far.png",
            """cranes graph --json | jq -r '.edges[] | "\\(.source) -> \\(.target): \\(.label)"'""",
        ),
        """Each arrow reads "A is B's label": Veronika → Boris, "sweetheart". The dot format
colours each kind of relation and adds a legend.""",
        options=(
            choice(
                ("--format", "-f"), "format_", "mermaid (renders on GitHub) or dot (Graphviz).", GRAPH_FORMATS
            ),
            UP_TO_ACT,
        ),
        json="Print the map as one JSON object: nodes and edges (see docs/json.md).",
    ),
    Command(
        "validate",
        film_files.validate,
        "Check film files and report every problem, with its key path (cast[3].character),\n"
        "line and column where TOML gives them. Exit 0 when all are valid, 1 otherwise.",
        (
            "cranes validate",
            "cranes validate my-film.toml examples/*.toml",
            "cranes validate my-film.toml examples/*.toml --json | jq -c '.files[] | {file, valid}'",
        ),
        words=Words("paths", "PATH...", "Film files to check (default: the one in use).", required=False),
        json="Print the problems as JSON records.",
    ),
    Command(
        "schema",
        film_files.schema,
        "Print the JSON Schema of film files, generated from the program's own model.",
        ("cranes schema > film.schema.json", "cranes schema | jq '.properties | keys'"),
        """data/film.schema.json is this output. Start a film file with the line
"#:schema film.schema.json" and editors with Taplo (Even Better TOML) check it as you type.""",
        json=None,
    ),
    Command(
        "quiz",
        quiz.quiz,
        "A trivia quiz generated from the dataset: play it, print it, or hand it out.",
        (
            "cranes quiz",
            "cranes quiz --count 3 --topic cast --difficulty easy",
            "cranes quiz --up-to-act 2 --seed 7",
            "printf 'a\\nb\\n' | cranes quiz --seed 1 --count 2",
            "cranes quiz --handout --count 20 > quiz.md",
            "cranes quiz --export anki --count 30 > cranes-anki.txt",
            "cranes quiz --export gift --seed 1 > cranes.gift",
            "cranes quiz --export opentdb --encode base64 --seed 1",
            "cranes quiz --json --seed 1 | jq -r '.results[].question'",
            "cranes quiz --due --json | jq -r '.due[].question'",
            "cranes quiz --due",
        ),
        """On a terminal, answer each question by letter, number or the option's text (small typos
are forgiven). From a pipe, give one answer per line. Ctrl-C or the end of input stops
with the score so far. The seed is printed at the end so a run can be replayed.""",
        options=(
            number(("--count", "-n"), "count", "How many questions (default 10, or all there are if fewer)."),
            number(("--seed",), "seed", "Same seed, same quiz (questions and option order); 0 to 2**53 - 1."),
            choice(("--difficulty",), "difficulty", "Only this difficulty (repeatable).", DIFFICULTIES, True),
            choice(("--topic",), "topic", "Only this topic (repeatable).", TOPICS, True),
            UP_TO_ACT,
            flag("--missed", "missed", "Ask again the questions missed last time."),
            flag(
                "--again",
                "again",
                "With --seed: ask exactly what that seed asked before, new questions first.",
            ),
            flag(
                "--due", "due", "Spaced review: ask the questions due again (FSRS); with --json, list them."
            ),
            flag("--handout", "handout", "Print a Markdown handout with an answer key (--export markdown)."),
            Option(
                ("--export",),
                "export",
                "Print the quiz for another tool: markdown, anki, gift (Moodle), quizlet, opentdb, csv "
                "(see docs/study.md).",
                str,
                EXPORT_FORMATS,
            ),
            Option(
                ("--encode",),
                "encode",
                "How --export opentdb encodes texts, as Open Trivia DB's encode (default html).",
                str,
                ENCODINGS,
            ),
        ),
        json="Print the quiz as JSON (Open Trivia DB's keys and ours) instead of playing it; with --due, "
        "list what is due.",
        exclusive=(
            (("handout", "export", "json_"), "choose one way to print the quiz"),
            (("missed", "again", "due"), "choose one set of questions to ask"),
        ),
    ),
    Command(
        "stats",
        quiz.stats,
        "Your quiz history for this film: quizzes, answers, right and wrong per topic and\n"
        "difficulty, the streak of days, the best quiz and the questions missed most.",
        (
            "printf 'a\\nb\\n' | cranes quiz --seed 1 --count 2",
            "cranes stats",
            "cranes stats --json | jq '.by_topic[] | {topic, right, wrong}'",
        ),
        """Every answer of a played quiz is recorded in the quiz history (see docs/study.md).
Nothing recorded yet for the film in use: exit 1.""",
        options=(UP_TO_ACT,),
    ),
)
BY_NAME = {command.name: command for command in COMMANDS}
