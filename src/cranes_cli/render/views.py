"""Rich views of the lookups. Data strings only ever enter Rich as ``Text``, so a name
like ``[bold]`` prints as it is written."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cranes_cli.core import lookup
from cranes_cli.model import Act, Dataset

HEADING = "bold"
DIM = "dim"
ACCENT = "cyan"


def named(name: str, cyrillic: str | None, style: str = "") -> Text:
    """'Name' with its Cyrillic dimmed beside it."""
    text = Text(name, style=style)
    if cyrillic:
        text.append(f" ({cyrillic})", style=DIM)
    return text


def _joined(parts: Iterable[str | None], separator: str = " · ") -> Text:
    return Text(separator.join(part for part in parts if part))


def info(dataset: Dataset) -> RenderableType:
    film = dataset.film
    lines: list[Text] = [named(film.original_title, film.transliteration, style=ACCENT)]
    lines.append(_joined([str(film.year), film.country, film.language, film.studio]))
    for director in lookup.directors(dataset):
        lines.append(Text("Directed by ").append(named(director.name, director.cyrillic)))
    runtime = Text(f"{film.runtime_minutes} minutes")
    if film.runtime_note:
        runtime.append(" (varies by version)", style=DIM)
    lines.append(runtime)
    award = lookup.top_award(dataset)
    if award is not None:
        lines.append(Text(f"{award.category}, {award.event} {award.year}", style="bold yellow"))
    lines.append(Text())
    lines.append(Text(" ".join(film.synopsis.split())))
    return Panel(Group(*lines), title=Text(film.title, style=HEADING), title_align="left", padding=(1, 2))


def cast(dataset: Dataset) -> RenderableType:
    table = Table(title=Text("Cast, in billing order"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("#", justify="right", style=DIM)
    table.add_column("Actor")
    table.add_column("Character")
    table.add_column("Who they are", ratio=1)
    for line in lookup.cast_lines(dataset):
        actor = Text(line.member.name, style=HEADING)
        if line.member.cyrillic:
            actor.append(f"\n{line.member.cyrillic}", style=DIM)
        character = Text(line.character.name, style=ACCENT)
        if line.character.full_name and line.character.full_name != line.character.name:
            character.append(f"\n{line.character.full_name}", style=DIM)
        table.add_row(Text(str(line.billing)), actor, character, Text(line.character.description))
    return table


def crew(dataset: Dataset) -> RenderableType:
    table = Table(title=Text("Crew"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Role", style=DIM)
    table.add_column("Name", style=HEADING)
    table.add_column("Cyrillic")
    table.add_column("Also spelt", ratio=1)
    for member in dataset.crew:
        table.add_row(
            Text(member.role),
            Text(member.name),
            Text(member.cyrillic or "—"),
            Text(", ".join(member.aliases)),
        )
    return table


def plot(dataset: Dataset, acts: tuple[Act, ...]) -> RenderableType:
    blocks: list[RenderableType] = []
    for act in acts:
        heading = Text(f"Act {act.number} of {len(dataset.acts)}: ", style=HEADING)
        heading.append(act.title, style=f"{HEADING} {ACCENT}")
        blocks.append(heading)
        blocks.append(Text(f"{act.when} · {act.where}", style=DIM))
        beats = Table.grid(padding=(0, 1))
        beats.add_column(justify="right", style=DIM)
        beats.add_column(ratio=1)
        for number, beat in enumerate(act.beats, start=1):
            beats.add_row(Text(f"{number}."), Text(beat.text))
        blocks.append(Padding(beats, (0, 0, 1, 2)))
    return Group(*blocks)


def awards(dataset: Dataset) -> RenderableType:
    blocks: list[RenderableType] = []
    for group in lookup.awards_by_event(dataset):
        table = Table(title=Text(f"{group.event} {group.year}", style=HEADING), box=box.SIMPLE_HEAD)
        table.title_justify = "left"
        table.add_column("Result")
        table.add_column("Category", style=HEADING)
        table.add_column("Recipient")
        table.add_column("Note", ratio=1, style=DIM)
        for award in group.awards:
            result = (
                Text("Won", style="green") if award.result == "won" else Text("Nominated", style="yellow")
            )
            table.add_row(result, Text(award.category), Text(award.recipient), Text(award.note or ""))
        blocks.append(table)
    return Group(*blocks)


def facts(dataset: Dataset) -> RenderableType:
    blocks: list[RenderableType] = []
    film = dataset.film
    if film.releases:
        releases = Table(title=Text("Releases", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left")
        releases.add_column("Date")
        releases.add_column("Country", style=HEADING)
        releases.add_column("Distributor")
        releases.add_column("Note", ratio=1, style=DIM)
        for release in film.releases:
            releases.add_row(
                Text(release.date.isoformat()),
                Text(release.country),
                Text(release.distributor or "—"),
                Text(release.note or ""),
            )
        blocks.append(releases)
    if film.admissions:
        admissions = Table(title=Text("Box office", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left")
        admissions.add_column("Country", style=HEADING)
        admissions.add_column("Admissions", justify="right")
        admissions.add_column("Note", ratio=1, style=DIM)
        for entry in film.admissions:
            admissions.add_row(Text(entry.country), Text(f"{entry.admissions:,}"), Text(entry.note or ""))
        blocks.append(admissions)
    for topic, items in lookup.facts_by_topic(dataset).items():
        blocks.append(Text(topic.capitalize(), style=HEADING))
        listing = Table.grid(padding=(0, 1))
        listing.add_column(style=DIM)
        listing.add_column(ratio=1)
        for fact in items:
            listing.add_row(Text("•"), Text(fact.text))
        blocks.append(Padding(listing, (0, 0, 1, 2)))
    return Group(*blocks)
