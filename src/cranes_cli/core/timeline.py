"""The story in time order, and the film's own history (the play, releases, awards)."""

from __future__ import annotations

from dataclasses import dataclass

from cranes_cli.core.wording import country, prize
from cranes_cli.film.model import Dataset, Scene


@dataclass(frozen=True)
class Moment:
    """One point on a timeline. ``date`` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) or None when
    the film gives only a relative time, which ``when`` then says in words."""

    date: str | None
    when: str
    what: str
    act: int | None = None
    where: str | None = None
    sources: tuple[str, ...] = ()
    scene: str | None = None  # the id of the scene this moment is, if it is one


def story(dataset: Dataset) -> list[Moment]:
    """One moment per act, in story order (acts are chronological by the file's rules), each
    followed by its remembered scenes (file order); a scene of the play says so."""
    scenes: dict[int, list[Scene]] = {}
    for scene in dataset.scenes:
        scenes.setdefault(scene.act, []).append(scene)
    moments: list[Moment] = []
    for act in dataset.acts:
        when = act.when or act.date or ""
        moments.append(Moment(act.date, when, act.title, act.number, act.where, act.sources))
        for scene in scenes.get(act.number, ()):
            what = f"Scene: {scene.title}" + (" (in the play)" if scene.source_text == "play" else "")
            where = scene.place or act.where
            moments.append(Moment(act.date, when, what, act.number, where, scene.sources, scene.id))
    return moments


def history(dataset: Dataset) -> list[Moment]:
    """The film's history in date order; same-date events keep file order."""
    film = dataset.film
    moments: list[Moment] = []
    if film.play is not None:
        play = film.play
        moments.append(
            Moment(
                str(play.year_written),
                str(play.year_written),
                f"{play.author} writes the play «{play.original_title}»",
                sources=play.sources,
            )
        )
    studio = f" at {film.studio}" if film.studio else ""
    moments.append(
        Moment(str(film.year), str(film.year), f"{film.title} is made{studio}", sources=film.sources)
    )
    for release in film.releases:
        date = release.date.isoformat()
        what = f"Released in {country(release.country)}"
        moments.append(Moment(date, date, what, where=release.country, sources=release.sources))
    for award in dataset.awards:
        date = award.date.isoformat() if award.date else str(award.year)
        verb = "wins" if award.result == "won" else "is nominated for"
        what = f"{award.recipient} {verb} {prize(award.category)} ({award.event})"
        moments.append(Moment(date, date, what, sources=award.sources))
    return sorted(moments, key=lambda moment: moment.date or "")
