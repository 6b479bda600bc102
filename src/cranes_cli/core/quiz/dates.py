"""Questions about the film as a work: its prizes, its titles and the play it adapts, its
releases, tickets sold and year."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, rate
from cranes_cli.core.quiz.forms import mc, same_script, slug, teaching, tf
from cranes_cli.core.quiz.question import Question
from cranes_cli.core.text import loose


def years(seed: str, year: int, floor: int | None = None) -> list[str]:
    """Three other years near ``year``, some before it and some after where that is possible
    (so the answer is neither always the earliest nor the latest option), none before
    ``floor`` (a prize cannot come before the film); the seed decides how many fall on each
    side and which."""
    rng = random.Random(seed)
    low = year - 4 if floor is None or floor > year else max(floor, year - 4)
    below, above = list(range(low, year)), list(range(year + 1, year + 5))
    under = min(len(below), rng.choice((1, 2))) if below else 0
    picks = rng.sample(below, under) + rng.sample(above, 3 - under)
    return [str(y) for y in sorted(picks)]


def awards(ctx: Context) -> Iterator[Question | None]:
    """One question per award: the year of a prize won; for a nomination, whether it was won
    (the award's note, which names the winner, teaches one more thing), or its year when the
    note has nothing to add."""
    for index, award in enumerate(ctx.dataset.awards):
        key = f"{slug(award.event)}-{award.year}-{slug(award.category)}"
        who = en.recipient(award.recipient)
        prize = en.prize(award.category)
        won = award.result == "won"
        at = f"at {en.event(award.event, award.year)}"
        note = teaching(award.note)
        fact = f"{who} {'won' if won else 'was nominated for'} {prize} {at}."
        asks = {f"award:{index}:year", f"award:{index}:result", f"year:{award.year}"}
        if not won:
            question = tf(
                id=f"award-result:{key}",
                topic="awards",
                difficulty=rate(2, tf=True),
                truth=fact,
                falsehood=f"{who} won {prize} {at}.",
                asks=asks,
                true_note=note,
                false_note=note,
            )
            if question is not None:
                yield question
                continue
        verb = f"win {prize}" if won else f"get a nomination for {prize}"
        yield mc(
            id=f"award-year:{key}",
            topic="awards",
            difficulty=rate(3, prominent=award.category == ctx.dataset.awards[0].category),
            prompt=f"In which year did {who} {verb} at the {award.event}?",
            answer=str(award.year),
            wrong=years(f"award-year:{key}", award.year, floor=ctx.dataset.film.year),
            explanation=f"{fact} {note}".strip(),
            asks=asks,
        )


def _title_statement(
    id: str, whose: str, title: str, other: str | None, *, true_note: str, false_note: str
) -> Question | None:
    """True or false: ``whose`` is ``title``; the false statement gives ``other``, the other
    original title, when it is in the same script (a title in Latin letters gives itself away)."""
    return tf(
        id=id,
        topic="titles",
        difficulty=rate(2, tf=True),
        truth=f"{whose} is {en.quoted(title)}.",
        falsehood=f"{whose} is {en.quoted(other)}." if other and same_script(other, title) else None,
        asks={id},
        true_note=true_note,
        false_note=false_note,
    )


def _reads(transliteration: str | None, english: str | None) -> str:
    parts = [
        f"in Latin letters, {transliteration}" if transliteration else "",
        f"in English, {english}" if english else "",
    ]
    said = "; ".join(part for part in parts if part)
    return f"{en.capital(said)}." if said else ""


def titles(ctx: Context) -> Iterator[Question | None]:
    film = ctx.dataset.film
    play = film.play
    if film.original_title:
        yield _title_statement(
            "title:original",
            "The film's original title",
            film.original_title,
            play.original_title if play is not None else None,
            true_note=_reads(film.transliteration, film.title),
            false_note=f"{en.quoted(play.original_title)} is the play's." if play is not None else "",
        )
    if play is None:
        return
    other = film.original_title
    yield _title_statement(
        "title:play",
        f"The original title of {play.author}'s play that the film adapts",
        play.original_title,
        other,
        true_note=_reads(play.transliteration, play.title),
        false_note=f"{en.quoted(other)} is the film's own title." if other else "",
    )
    yield mc(
        id="play-year",
        topic="titles",
        difficulty=rate(3),
        prompt=f"In which year did {play.author} write the play the film adapts?",
        answer=str(play.year_written),
        wrong=years("play-year", play.year_written),
        explanation=f"{play.author} wrote {en.quoted(play.original_title)} ({play.title}) "
        f"in {play.year_written}.",
        asks={"play:year", f"year:{play.year_written}"},
    )
    author = [m for m in ctx.dataset.crew if loose(m.name) == loose(play.author)]
    if author and author[0].gender is not None:
        others = [m.name for m in ctx.dataset.crew if m is not author[0] and m.gender == author[0].gender]
        yield mc(
            id="play-author",
            topic="titles",
            difficulty=rate(2),
            prompt=f"Who wrote the play the film adapts, {en.quoted(play.title)}?",
            answer=play.author,
            wrong=draw("play-author", play.author, others),
            explanation=f"{play.author} wrote it in {play.year_written}, and the film's screenplay too."
            if any(m.role.lower() in ("screenplay", "writer") and m is author[0] for m in ctx.dataset.crew)
            else f"{play.author} wrote it in {play.year_written}.",
            asks={"play:author"},
        )


def _dates(
    seed: str, answer: datetime.date, others: list[datetime.date], floor: datetime.date | None = None
) -> list[str] | None:
    """Three wrong dates: other release dates first, then dates drawn near the answer, none
    before ``floor`` (no country sees a film before its premiere, nor before the year it was
    made)."""
    rng = random.Random(seed)
    pool = [d for d in others if d != answer]
    rng.shuffle(pool)
    chosen = pool[:2]
    while len(chosen) < 3:
        made = answer + datetime.timedelta(days=rng.choice((-1, 1)) * rng.randrange(40, 700))
        if made != answer and made not in chosen and (floor is None or made >= floor):
            chosen.append(made)
    if floor is not None and (answer - floor).days > 1 and all(d > answer for d in chosen):
        # The premiere itself: one wrong date earlier in the year the film could have opened,
        # so the answer is not always the earliest option.
        chosen[-1] = floor + datetime.timedelta(days=rng.randrange((answer - floor).days))
    return [en.date_words(d) for d in chosen]


def _figures(seed: str, answer: int, others: list[int]) -> list[str] | None:
    rng = random.Random(seed)
    shown = {en.tickets(answer)}
    chosen: list[str] = []
    for figure in [*others, *(int(answer * rng.choice((0.3, 0.45, 0.6, 1.6, 2.2, 3.1))) for _ in range(12))]:
        text = en.tickets(figure)
        if text not in shown:
            shown.add(text)
            chosen.append(text)
        if len(chosen) == 3:
            return chosen
    return None


def releases(ctx: Context) -> Iterator[Question | None]:
    yield from _release_dates(ctx)
    yield from _admissions(ctx)
    film = ctx.dataset.film
    yield mc(
        id="film-year",
        topic="releases",
        difficulty=rate(2),
        prompt="In which year was the film made?",
        answer=str(film.year),
        wrong=years("film-year", film.year),
        explanation=f"{film.title} was made in {film.year}.",
        asks={"film:year", f"year:{film.year}"},
    )


def _release_dates(ctx: Context) -> Iterator[Question | None]:
    film = ctx.dataset.film
    dates = [release.date for release in film.releases]
    made = datetime.date(film.year, 1, 1)
    first = min(dates, default=made)  # worked out once, not once per release
    for index, release in enumerate(film.releases):
        # The first release may be any day of its year; a later one comes after it.
        floor = made if release.date == first else max(made, first)
        key = slug(release.country)
        when = en.date_words(release.date)
        place = en.in_country(release.country)
        asks = {f"release:{key}", f"date:{release.date.isoformat()}", f"year:{release.date.year}"}
        note = teaching(release.note)
        yield mc(
            id=f"release:{key}",
            topic="releases",
            difficulty=rate(3, prominent=index == 0),
            prompt=f"When was the film released {place}?",
            answer=when,
            wrong=_dates(f"release:{key}", release.date, dates, floor),
            explanation=f"On {when}. {note}" if note else f"The film was released {place} on {when}.",
            asks=asks,
        )


def _admissions(ctx: Context) -> Iterator[Question | None]:
    film = ctx.dataset.film
    figures = [entry.admissions for entry in film.admissions]
    for index, entry in enumerate(film.admissions):
        key = slug(entry.country)
        place = en.in_country(entry.country)
        asks = {f"admissions:{key}", f"number:{round(entry.admissions, -5)}"}
        answer = en.tickets(entry.admissions)
        wrong = _figures(f"admissions:{key}", entry.admissions, [f for f in figures if f != entry.admissions])
        note = teaching(entry.note)
        yield mc(
            id=f"admissions:{key}",
            topic="releases",
            difficulty=rate(3, prominent=index == 0),
            prompt=f"About how many tickets did the film sell {place}?",
            answer=answer,
            wrong=wrong,
            explanation=f"About {answer}. {note}"
            if note
            else f"The film sold about {answer} tickets {place}.",
            asks=asks,
        )
