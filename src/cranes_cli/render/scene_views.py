"""Rich views of ``quotes`` and ``scenes``: a table of lines (Russian above our English), a
table of scenes, and a card for one scene with the lines said in it."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cranes_cli.core.scenes import QuoteLine, SceneLine
from cranes_cli.film.model import Quote, SourcePlay
from cranes_cli.render.notes import Notes

HEADING, DIM, ACCENT, ENGLISH = "bold", "dim", "cyan", "italic"
PLAY = "(play)"


def play_legend(play: SourcePlay | None) -> str:
    """What the (play) mark means, naming the film file's play where it has one."""
    named = f"{play.author}'s play «{play.original_title}»" if play else "the play the film adapts"
    return f"{PLAY} from {named}; the film's own wording may differ."


def _line(quote: Quote) -> Text:
    """The Russian, and our English below it."""
    return Text(quote.text).append(f"\n{quote.translation}", style=ENGLISH)


def _play(source_text: str, used: list[bool]) -> Text:
    if source_text != "play":
        return Text()
    used[0] = True
    return Text(f" {PLAY}", style=DIM)


def _legend(view: RenderableType, used: list[bool], notes: Notes, play: SourcePlay | None) -> RenderableType:
    lines = [Text(play_legend(play), style=DIM)] if used[0] else []
    view = notes.attach(view)
    return Group(view, Text(), *lines) if lines else view


def quotes(
    lines: list[QuoteLine], notes: Notes | None = None, play: SourcePlay | None = None
) -> RenderableType:
    """Act, who, and the line: the Russian, our English, then (dimmed) the scene it is in."""
    notes = notes or Notes()
    used = [False]
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Act", justify="right", overflow="fold")
    table.add_column("Who", style=HEADING, overflow="fold")
    table.add_column("Line", ratio=1, overflow="fold")
    for line in lines:
        quote = line.quote
        who = Text(line.speaker.name, style=ACCENT).append(_play(quote.source_text, used))
        said = _line(quote).append(notes.cite(quote.sources))
        if line.scene is not None:
            said.append(f"\nScene: {line.scene.title}", style=DIM)
        table.add_row(Text(str(quote.act)), who, said)
    return _legend(table, used, notes, play)


def _cast(line: SceneLine) -> str:
    return ", ".join(character.name for character in line.characters)


def scenes(
    lines: list[SceneLine], notes: Notes | None = None, play: SourcePlay | None = None
) -> RenderableType:
    notes = notes or Notes()
    used = [False]
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Act", justify="right", overflow="fold")
    table.add_column("Scene", ratio=3, overflow="fold")
    table.add_column("Where, who", ratio=2, overflow="fold")
    table.add_column("How it was made", ratio=2, style=DIM, overflow="fold")
    for line in lines:
        scene = line.scene
        title = Text(scene.title, style=f"{HEADING} {ACCENT}").append(_play(scene.source_text, used))
        title.append(notes.cite(scene.sources)).append(f"\n{scene.description}")
        where = Text(scene.place or "").append(f"\n{_cast(line)}" if line.characters else "", style=DIM)
        table.add_row(Text(str(scene.act)), title, where, Text(scene.made or ""))
    return _legend(table, used, notes, play)


def scene(line: SceneLine, notes: Notes | None = None, play: SourcePlay | None = None) -> RenderableType:
    """One scene as a card: where, who, what happens, how it was made, and its lines."""
    notes = notes or Notes()
    used = [False]
    scene = line.scene
    rows: list[tuple[str, Text]] = [("Act", Text(str(scene.act)).append(_play(scene.source_text, used)))]
    if scene.place:
        rows.append(("Where", Text(scene.place)))
    if line.characters:
        rows.append(("Who", Text(_cast(line))))
    rows.append(("What happens", Text(scene.description).append(notes.cite(scene.sources))))
    if scene.made:
        rows.append(("How it was made", Text(scene.made)))
    for said_line in line.quotes:
        quote = said_line.quote
        said = (
            Text(f"{said_line.speaker.name}: ", style=ACCENT)
            .append(_line(quote))
            .append(notes.cite(quote.sources))
        )
        rows.append(("Line", said.append(_play(quote.source_text, used))))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=DIM, no_wrap=True, overflow="fold")
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), value)
    card = Panel(grid, title=Text(scene.title, style=HEADING), title_align="left", padding=(0, 1))
    return _legend(card, used, notes, play)
