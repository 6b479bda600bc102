"""Rich views of the lookups. Data strings only ever enter Rich as ``Text``, so a name
like ``[bold]`` prints as it is written."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cranes_cli.core import lookup
from cranes_cli.film.model import Act, Character, Dataset
from cranes_cli.render.notes import Notes

if TYPE_CHECKING:  # the commands that need these import them; cast and plot need not pay
    from cranes_cli.core.people import Card, CharacterLine, RelationLine
    from cranes_cli.core.search import Hit
    from cranes_cli.core.timeline import Moment

HEADING = "bold"
DIM = "dim"
ACCENT = "cyan"
MATCH = "bold yellow"


def named(name: str, cyrillic: str | None, style: str = "") -> Text:
    """'Name' with its Cyrillic dimmed beside it."""
    text = Text(name, style=style)
    if cyrillic:
        text.append(f" ({cyrillic})", style=DIM)
    return text


def named_under(name: str, cyrillic: str | None, after: Text | None = None) -> Text:
    """'Name' in bold (then ``after``, such as footnote numbers) with its Cyrillic dimmed on
    the line below."""
    text = Text(name, style=HEADING)
    if after is not None:
        text.append(after)
    if cyrillic:
        text.append(f"\n{cyrillic}", style=DIM)
    return text


def marked_name(character: Character, notes: Notes, full: bool = False) -> Text:
    """A character's name (or full name) with its Cyrillic, each marked when it is single-source
    or derived."""
    basis = character.basis
    name = character.full_name if full else character.name
    cyrillic = character.full_name_cyrillic if full else character.cyrillic
    text = Text(name or "")
    if full:
        text.append(notes.mark(basis.full_name if basis else None))
    if cyrillic:
        how = (basis.full_name_cyrillic if full else basis.cyrillic) if basis else None
        text.append(f" ({cyrillic}{notes.mark(how)})", style=DIM)
    return text


def _joined(parts: Iterable[str | None], separator: str = " · ", style: str = "") -> Text:
    return Text(separator.join(part for part in parts if part), style=style)


def info(card: lookup.TitleCard, notes: Notes | None = None) -> RenderableType:
    notes = notes or Notes()
    film = card.film
    lines: list[Text] = []
    if film.original_title:
        lines.append(named(film.original_title, film.transliteration, style=ACCENT))
    lines.append(
        _joined([str(film.year), film.country, film.language, film.studio]).append(
            notes.cite(film.sources, film.evidence)
        )
    )
    for director in card.directors:
        directed = Text("Directed by ").append(named(director.name, director.cyrillic))
        lines.append(directed.append(notes.cite(director.sources, director.evidence)))
    if film.runtime_minutes is not None:
        runtime = Text(f"{film.runtime_minutes} minutes")
        if film.runtime_note:
            runtime.append(" (varies by version)", style=DIM)
        lines.append(runtime)
    award = card.top_award
    if award is not None:
        prize = Text(
            f"{award.category}{notes.mark(award.confidence)}, {award.event} {award.year}", style="bold yellow"
        )
        lines.append(prize.append(notes.cite(award.sources, award.evidence)))
    if film.synopsis:
        lines.append(Text())
        lines.append(Text(" ".join(film.synopsis.split())))
    panel = Panel(Group(*lines), title=Text(film.title, style=HEADING), title_align="left", padding=(1, 2))
    return notes.attach(panel)


def cast(lines: list[lookup.CastLine], notes: Notes | None = None) -> RenderableType:
    notes = notes or Notes()
    table = Table(title=Text("Cast, in billing order"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("#", justify="right", style=DIM, overflow="fold")
    table.add_column("Actor", overflow="fold")
    table.add_column("Character", overflow="fold")
    table.add_column("Who they are", ratio=1, overflow="fold")
    for line in lines:
        actor = named_under(
            line.member.name, line.member.cyrillic, notes.cite(line.member.sources, line.member.evidence)
        )
        character = Text(line.character.name, style=ACCENT)
        if line.character.full_name and line.character.full_name != line.character.name:
            basis = line.character.basis
            full = line.character.full_name + notes.mark(basis.full_name if basis else None)
            character.append(f"\n{full}", style=DIM)
        table.add_row(Text(str(line.billing)), actor, character, Text(line.character.description or ""))
    return notes.attach(table)


def crew(dataset: Dataset, notes: Notes | None = None) -> RenderableType:
    # The Cyrillic under the name, so that 60 columns hold every spelling without cutting one.
    notes = notes or Notes()
    table = Table(title=Text("Crew"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Role", style=DIM, overflow="fold")
    table.add_column("Name", overflow="fold")
    table.add_column("Also spelt", ratio=1, overflow="fold")
    for member in dataset.crew:
        table.add_row(
            Text(member.role),
            named_under(member.name, member.cyrillic, notes.cite(member.sources, member.evidence)),
            Text(", ".join(member.aliases)),
        )
    return notes.attach(table)


def plot(dataset: Dataset, acts: tuple[Act, ...], total: int | None = None) -> RenderableType:
    """The acts, each headed "Act 2 of 6"; ``total`` counts the whole film's acts when the
    spoiler guard has left out the later ones."""
    blocks: list[RenderableType] = []
    for act in acts:
        heading = Text(f"Act {act.number} of {total or len(dataset.acts)}: ", style=HEADING)
        heading.append(act.title, style=f"{HEADING} {ACCENT}")
        blocks.append(heading)
        if act.when or act.where:
            blocks.append(_joined([act.when, act.where], style=DIM))
        beats = Table.grid(padding=(0, 1))
        beats.add_column(justify="right", style=DIM, overflow="fold")
        beats.add_column(ratio=1, overflow="fold")
        for number, beat in enumerate(act.beats, start=1):
            beats.add_row(Text(f"{number}."), Text(beat.text))
        blocks.append(Padding(beats, (0, 0, 1, 2)))
    return Group(*blocks)


def awards(dataset: Dataset, notes: Notes | None = None) -> RenderableType:
    notes = notes or Notes()
    blocks: list[RenderableType] = []
    for group in lookup.awards_by_event(dataset):
        table = Table(title=Text(f"{group.event} {group.year}", style=HEADING), box=box.SIMPLE_HEAD)
        table.title_justify = "left"
        table.add_column("Result", overflow="fold")
        table.add_column("Category", style=HEADING, overflow="fold")
        table.add_column("Recipient", overflow="fold")
        table.add_column("Note", ratio=1, style=DIM, overflow="fold")
        for award in group.awards:
            result = (
                Text("Won", style="green") if award.result == "won" else Text("Nominated", style="yellow")
            )
            category = Text(award.category + notes.mark(award.confidence))
            recipient = Text(award.recipient).append(notes.cite(award.sources, award.evidence))
            table.add_row(result, category, recipient, Text(award.note or ""))
        blocks.append(table)
    return notes.attach(Group(*blocks))


def facts(dataset: Dataset, notes: Notes | None = None) -> RenderableType:
    notes = notes or Notes()
    blocks: list[RenderableType] = []
    film = dataset.film
    if film.releases:
        releases = Table(title=Text("Releases", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left")
        releases.add_column("Date", overflow="fold")
        releases.add_column("Country, distributor", overflow="fold")
        releases.add_column("Note", ratio=1, style=DIM, overflow="fold")
        for release in film.releases:
            where = Text(release.country, style=HEADING).append(notes.cite(release.sources, release.evidence))
            if release.distributor:
                where.append(f"\n{release.distributor}", style="")
            date = Text(release.date.isoformat() + notes.mark(release.confidence))
            releases.add_row(date, where, Text(release.note or ""))
        blocks.append(releases)
    if film.admissions:
        admissions = Table(title=Text("Box office", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left")
        admissions.add_column("Country", style=HEADING, overflow="fold")
        admissions.add_column("Admissions", justify="right", overflow="fold")
        admissions.add_column("Note", ratio=1, style=DIM, overflow="fold")
        for entry in film.admissions:
            admissions.add_row(
                Text(entry.country).append(notes.cite(entry.sources, entry.evidence)),
                Text(f"{entry.admissions:,}{notes.mark(entry.confidence)}"),
                Text(entry.note or ""),
            )
        blocks.append(admissions)
    for topic, items in lookup.facts_by_topic(dataset).items():
        blocks.append(Text(topic.capitalize(), style=HEADING))
        listing = Table.grid(padding=(0, 1))
        listing.add_column(style=DIM, overflow="fold")
        listing.add_column(ratio=1, overflow="fold")
        for fact in items:
            listing.add_row(
                Text("•"),
                Text(fact.text + notes.mark(fact.confidence)).append(notes.cite(fact.sources, fact.evidence)),
            )
        blocks.append(Padding(listing, (0, 0, 1, 2)))
    return notes.attach(Group(*blocks))


def search(hits: list[Hit]) -> RenderableType:
    listing = Table.grid(padding=(0, 1))
    listing.add_column(justify="right", style=DIM, overflow="fold")
    listing.add_column(overflow="fold")
    notes = Notes()
    for number, hit in enumerate(hits, start=1):
        found = Text(hit.entry.text)
        for start, end in hit.spans:
            found.stylize(MATCH, start, end)
        found.append(notes.mark(hit.entry.basis))
        listing.add_row(Text(f"{number}."), Text(hit.entry.where, style=ACCENT))
        listing.add_row(Text(), found)
    return notes.attach(listing)


def possessive(name: str) -> str:
    return f"{name}'s"


def relation_text(line: RelationLine) -> Text:
    """'Boris's sweetheart', with when it begins where it does not hold from the start."""
    text = Text(f"{possessive(line.target.name)} {line.relation.label}")
    if line.relation.since_act is not None:
        text.append(f" (from act {line.relation.since_act})", style=DIM)
    return text


def who(card: Card, notes: Notes | None = None) -> RenderableType:
    notes = notes or Notes()
    rows: list[tuple[str, Text]] = []
    for actor in card.actors:
        rows.append(
            (
                "Actor",
                named(actor.name, actor.cyrillic, HEADING).append(notes.cite(actor.sources, actor.evidence)),
            )
        )
        if actor.aliases:
            rows.append(("Also spelt", Text(", ".join(actor.aliases))))
    for member in card.crew:
        rows.append(
            (
                member.role.capitalize(),
                named(member.name, member.cyrillic, HEADING).append(
                    notes.cite(member.sources, member.evidence)
                ),
            )
        )
        if member.aliases:
            rows.append(("Also spelt", Text(", ".join(member.aliases))))
    character = card.character
    if character is not None:
        name = marked_name(character, notes)
        name.stylize(f"{HEADING} {ACCENT}", 0, len(character.name))
        rows.append(("Character", name.append(notes.cite(character.sources, character.evidence))))
        if character.full_name:
            rows.append(("Full name", marked_name(character, notes, full=True)))
        for nickname in character.nicknames:
            nick = named(nickname.name, nickname.cyrillic)
            if nickname.meaning:
                nick.append(f": {nickname.meaning}", style=DIM)
            rows.append(("Nickname", nick))
        if character.description:
            rows.append(("Who", Text(character.description)))
        rows += [("Relation", relation_text(line)) for line in card.relations]
        rows += [(f"Act {act}", Text(beats)) for act, beats in _beats_by_act(card)]
    for award in card.awards:
        result = "Won" if award.result == "won" else "Nominated"
        line = Text(f"{result}: {award.category}{notes.mark(award.confidence)}, {award.event} {award.year}")
        rows.append(("Award", line.append(notes.cite(award.sources, award.evidence))))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=DIM, no_wrap=True, overflow="fold")
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), value)
    return notes.attach(Panel(grid, title=Text(card.name, style=HEADING), title_align="left", padding=(0, 1)))


def _beats_by_act(card: Card) -> list[tuple[int, str]]:
    grouped: dict[int, list[int]] = {}
    titles: dict[int, str] = {}
    for appearance in card.appearances:
        grouped.setdefault(appearance.act, []).append(appearance.beat)
        titles[appearance.act] = appearance.act_title
    return [
        (act, f"{titles[act]}: beat{'s' if len(beats) > 1 else ''} {', '.join(map(str, beats))}")
        for act, beats in grouped.items()
    ]


def characters(
    groups: list[tuple[str | None, list[CharacterLine]]], notes: Notes | None = None
) -> RenderableType:
    from rich.tree import Tree

    notes = notes or Notes()
    tree = Tree(Text("Characters", style=HEADING))
    for family, lines in groups:
        branch = tree.add(Text(f"The {family} family" if family else "Others", style=HEADING))
        for line in lines:
            label = marked_name(line.character, notes)
            label.stylize(ACCENT, 0, len(line.character.name))
            if line.actors:
                label.append(" — played by ", style=DIM).append(", ".join(a.name for a in line.actors))
            node = branch.add(label)
            for relation in line.relations:
                node.add(relation_text(relation))
    return notes.attach(tree)


def timeline(story: list[Moment], history: list[Moment] | None, notes: Notes | None = None) -> RenderableType:
    notes = notes or Notes()
    blocks: list[RenderableType] = []
    table = Table(title=Text("The story", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("When", overflow="fold")
    table.add_column("Act", justify="right", overflow="fold")
    table.add_column("What", style=HEADING, overflow="fold")
    table.add_column("Where", ratio=1, overflow="fold")
    for moment in story:
        when = Text(moment.date) if moment.date else Text(moment.when, style=DIM)
        if moment.date and moment.when and moment.when != moment.date:
            # the words say more than the date: act 1 is dated by its first morning only
            when.append(f"\n{moment.when}", style=DIM)
        what = Text(moment.what).append(notes.cite(moment.sources))
        table.add_row(when, Text(str(moment.act)), what, Text(moment.where or ""))
    blocks.append(table)
    if history is not None:
        table = Table(
            title=Text("The film's history", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left"
        )
        table.add_column("When", overflow="fold")
        table.add_column("What", ratio=1, overflow="fold")
        for moment in history:
            table.add_row(Text(moment.when), Text(moment.what).append(notes.cite(moment.sources)))
        blocks.append(table)
    return notes.attach(Group(*blocks))


def sources(dataset: Dataset) -> RenderableType:
    """The bibliography: every source the film file cites, with its address."""
    from cranes_cli.core.sources import family_of, use_counts

    uses, family = use_counts(dataset), family_of(dataset)
    table = Table(title=Text("Sources", style=HEADING), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Key", style=ACCENT, no_wrap=True)
    table.add_column("Source", ratio=1)
    table.add_column("Cited by", justify="right")
    for entry in dataset.bibliography:
        source = Text(entry.title, style=HEADING)
        details = ", ".join(part for part in (entry.site, entry.language) if part)
        if details:
            source.append(f"\n{details}", style=DIM)
        if entry.url:
            source.append(f"\n{entry.url}")
        if entry.supports:
            source.append(f"\n{entry.supports}", style=DIM)
        if family[entry.key] != entry.key:  # a copy: not a second source beside its original
            source.append(f"\nfamily: {family[entry.key]} (derives from {entry.derives_from})", style=DIM)
        table.add_row(Text(entry.key), source, Text(str(uses.get(entry.key, 0))))
    return table
