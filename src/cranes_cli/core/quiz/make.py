"""Generating questions from a film file, within a spoiler guard.

The rules every generated question keeps (docs/quiz.md explains them): exactly three wrong
answers of the same kind and gender as the right one, or the fact is asked as true/false;
a false statement swaps one value for another of the same kind; options never answer by their
form; nothing after the guard's act is shown; values are written as a person writes them; each
question names the facts it asks and reveals (see ``reveals``); difficulty comes from evidence.
"""

from __future__ import annotations

import datetime
import functools
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from cranes_cli.core.people import RelationIndex
from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, latest, rate
from cranes_cli.core.quiz.question import TRUE_FALSE, TRUE_OR_FALSE, Question
from cranes_cli.core.text import fold, loose, query_keys
from cranes_cli.film.model import FAMILY_WORD_GENDER, FAMILY_WORDS, Character, Dataset, Fact

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

# Family words by gender; a relation labelled with one of them is asked "What is A to B?".
KIN = FAMILY_WORDS
_KIN_GENDER = {loose(word): gender for word, gender in FAMILY_WORD_GENDER.items()}
_KIN_WORDS = {loose(word) for words in KIN.values() for word in words}
_SPOUSES = {loose("husband"), loose("wife")}
_LOVE = {"romance", "marriage"}

Generator = Callable[[Context], Iterator[Question | None]]


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[^\W_]+", text.lower())) or "x"


def _mc(
    *,
    id: str,
    topic: str,
    difficulty: Difficulty,
    prompt: str,
    answer: str,
    wrong: list[str] | None,
    explanation: str,
    asks: Iterable[str],
    act: int | None = None,
    shown: Iterable[str] = (),
) -> Question | None:
    if wrong is None:
        return None
    asks = frozenset(asks)
    unread = ((), (prompt, answer, explanation, *shown))
    return Question(
        id, topic, difficulty, prompt, answer, (answer, *wrong), explanation, act, asks, asks, None, unread
    )


def _tf(
    *,
    id: str,
    topic: str,
    difficulty: Difficulty,
    truth: str,
    falsehood: str | None,
    false: bool,
    asks: Iterable[str],
    act: int | None = None,
    true_note: str = "",
    false_note: str = "",
) -> Question:
    """A true/false question: ``falsehood`` (``truth`` with one value swapped) when ``false``
    and there is one, else ``truth``. The explanation states the truth either way."""
    asks = frozenset(asks)
    if false and falsehood is not None:
        statement, answer = falsehood, TRUE_FALSE[1]
        explanation = f"False. {truth}" + (f" {false_note}" if false_note else "")
    else:
        statement, answer, explanation = (
            truth,
            TRUE_FALSE[0],
            f"True. {truth}" + (f" {true_note}" if true_note else ""),
        )
    prompt = f"{TRUE_OR_FALSE}{statement}"
    # The truth is what the question asks; all that is shown (read together, so a name in the
    # statement and one in a cited title are seen side by side) is what it reveals.
    return Question(
        id, topic, difficulty, prompt, answer, TRUE_FALSE, explanation, act, asks, asks,
        truth if answer == TRUE_FALSE[1] else None, ((truth,), (prompt, explanation)),
    )  # fmt: skip


# --- cast --------------------------------------------------------------------------------


def _cyrillic(name: str, cyrillic: str | None) -> str:
    """' (Татьяна Самойлова)' when the file gives the name in Cyrillic, else nothing."""
    return f" ({cyrillic})" if cyrillic and cyrillic != name else ""


def _cast(ctx: Context) -> Iterator[Question | None]:
    for index, (member, character, act) in enumerate(ctx.visible_cast()):
        name = en.person(character.name)
        prominent, obscure = character.id in ctx.prominent, character.id in ctx.obscure
        asks = {f"cast:{character.id}"}
        played = f"{member.name}{_cyrillic(member.name, member.cyrillic)} played {name}."
        if member.gender is not None:
            same_part = [m.name for m in ctx.played_by[character.id]]
            yield _mc(
                id=f"who-played:{character.id}",
                topic="cast",
                difficulty=rate(2, prominent=prominent, obscure=obscure),
                prompt=f"Who played {name}?",
                answer=member.name,
                wrong=draw(
                    f"who-played:{character.id}", member.name, ctx.actor_names[member.gender], same_part
                ),
                explanation=played,
                asks=asks,
                act=act,
            )
        others = ctx.character_names.get(character.gender or "", [])

        def namesake(shown: str, character: Character = character) -> bool:
            return _shares_name(shown, character.name)

        if character.gender is not None:
            yield _mc(
                id=f"whom-played:{character.id}",
                topic="cast",
                difficulty=rate(2, prominent=prominent, obscure=obscure),
                prompt=f"Whom did {member.name} play?",
                answer=en.capital(name),
                wrong=draw(f"whom-played:{character.id}", name, others, reject=namesake, apart=_shares_name),
                explanation=played,
                asks=asks,
                act=act,
            )
        swapped = draw(f"played-tf:{character.id}", name, others, count=1, reject=namesake)
        yield _tf(
            id=f"played-tf:{character.id}",
            topic="cast",
            difficulty=rate(2, prominent=prominent, obscure=obscure, tf=True),
            truth=f"{member.name} played {name}.",
            falsehood=f"{member.name} played {_lower_the(swapped[0])}." if swapped else None,
            false=index % 2 == 1,
            asks=asks,
            act=act,
        )


def _lower_the(name: str) -> str:
    return "the" + name[3:] if name.startswith("The ") else name


def _shares_name(a: str, b: str) -> bool:
    """Whether one name is contained in the other ('Boris' and 'the boy Boris'), so offering
    both would be confusing."""
    ours, theirs = _name_words(a), _name_words(b)
    return bool(ours) and bool(theirs) and (ours <= theirs or theirs <= ours)


@functools.lru_cache(maxsize=8192)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(query_keys(name)) - _TITLE_WORDS


_TITLE_WORDS = {fold(word) for word in ("the", "boy", "girl", "old", "young", "man", "woman")}


# --- crew --------------------------------------------------------------------------------

ROLES = {
    "director": ("Who directed the film?", "{} directed the film."),
    "screenplay": ("Who wrote the screenplay?", "{} wrote the screenplay."),
    "cinematography": ("Who was the film's cinematographer?", "{} was the film's cinematographer."),
    "music": ("Who composed the music?", "{} composed the music."),
    "editing": ("Who edited the film?", "{} edited the film."),
    "art direction": ("Who was the film's art director?", "{} was the film's art director."),
    "producer": ("Who produced the film?", "{} produced the film."),
}
MAIN_ROLES = {"director", "screenplay", "cinematography", "music"}


def _crew(ctx: Context) -> Iterator[Question | None]:
    crew = ctx.dataset.crew
    roles = [member.role for member in crew]
    for index, member in enumerate(crew):
        if roles.count(member.role) != 1:
            continue
        ask, tell = ROLES.get(
            member.role.lower(),
            (
                f"Who was in charge of the film's {member.role}?",
                f"{{}} was in charge of the film's {member.role}.",
            ),
        )
        key = _slug(member.role)
        asks = {f"crew:{loose(member.role)}"}
        difficulty = rate(
            2, prominent=member.role == "director", obscure=member.role.lower() not in MAIN_ROLES
        )
        others = [m.name for m in crew if m is not member and m.gender == member.gender]
        if member.gender is not None:
            yield _mc(
                id=f"crew-role:{key}",
                topic="crew",
                difficulty=difficulty,
                prompt=ask,
                answer=member.name,
                wrong=draw(f"crew-role:{key}", member.name, others),
                explanation=tell.format(member.name + _cyrillic(member.name, member.cyrillic)),
                asks=asks,
            )
        swapped = draw(f"crew-tf:{key}", member.name, others, count=1) if member.gender else None
        yield _tf(
            id=f"crew-tf:{key}",
            topic="crew",
            difficulty=rate(2, prominent=member.role == "director", tf=True),
            truth=tell.format(member.name),
            falsehood=tell.format(swapped[0]) if swapped else None,
            false=index % 2 == 0,
            asks=asks,
        )


# --- awards ------------------------------------------------------------------------------


def _years(seed: str, year: int, floor: int | None = None) -> list[str]:
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


def _awards(ctx: Context) -> Iterator[Question | None]:
    for index, award in enumerate(ctx.dataset.awards):
        key = f"{_slug(award.event)}-{award.year}-{_slug(award.category)}"
        who = en.recipient(award.recipient)
        prize = en.prize(award.category)
        won = award.result == "won"
        at = f"at {en.event(award.event, award.year)}"
        if won:
            prompt = f"In which year did {who} win {prize} at the {award.event}?"
        else:
            prompt = f"In which year was {who} nominated for {prize} at the {award.event}?"
        fact = f"{who} {'won' if won else 'was nominated for'} {prize} {at}."
        yield _mc(
            id=f"award-year:{key}",
            topic="awards",
            difficulty=rate(3, prominent=award.category == ctx.dataset.awards[0].category),
            prompt=prompt,
            answer=str(award.year),
            wrong=_years(f"award-year:{key}", award.year, floor=ctx.dataset.film.year),
            explanation=fact,
            asks={f"award:{index}:year", f"year:{award.year}"},
        )
        note = f" {award.note}" if award.note else ""
        yield _tf(
            id=f"award-result:{key}",
            topic="awards",
            difficulty=rate(2, tf=True),
            truth=f"{who} won {prize} {at}." if won else fact,
            falsehood=None if won else f"{who} won {prize} {at}.",
            false=not won,
            asks={f"award:{index}:result"},
            true_note=note.strip(),
            false_note=note.strip(),
        )


# --- plot --------------------------------------------------------------------------------


def _event_order(ctx: Context) -> Iterator[Question | None]:
    acts = [act for act in ctx.dataset.acts if ctx.visible(act.number) and act.beats]
    for earlier in acts:
        later = [act for act in acts if act.number > earlier.number]
        if len(later) < 3:
            continue
        seed = f"event-order:act-{earlier.number}"
        chosen = sorted(random.Random(seed).sample(later, 3), key=lambda act: act.number)
        answer = earlier.beats[0].text
        wrong = draw(seed, answer, [act.beats[0].text for act in chosen])
        yield _mc(
            id=seed,
            topic="plot",
            difficulty=rate(2, close=chosen[0].number == earlier.number + 1),
            prompt="Which of these happens first in the film?",
            answer=answer,
            wrong=wrong,
            explanation=f"It opens act {earlier.number}; the others come later.",
            asks={seed, f"beat:{earlier.number}-1"},
            act=chosen[-1].number,
            shown=[act.beats[0].text for act in chosen],
        )


def _which_act(ctx: Context) -> Iterator[Question | None]:
    numbers = [act.number for act in ctx.dataset.acts]
    ends = {ctx.whole.acts[0].number, ctx.whole.acts[-1].number} if ctx.whole.acts else set()
    people = [c.name for c in ctx.whole.characters] + [m.name for m in ctx.whole.cast]
    people += [m.name for m in ctx.whole.crew]
    names = {loose(word) for name in people for word in name.replace(",", " ").split() if word[:1].isupper()}
    names -= {loose("The")}
    for act in ctx.dataset.acts:
        if not ctx.visible(act.number):
            continue
        if len(numbers) < 2:
            return  # with one act in view, "which act" has one answer
        setting = ", ".join(en.inside(part) for part in (act.where, act.when) if part)
        for number, beat in enumerate(act.beats, start=1):
            id = f"which-act:{act.number}-{number}"
            asks = {f"beat:{act.number}-{number}"}
            where = f": {setting}" if setting else ""
            explanation = f"It happens in act {act.number}{where}."
            if len(numbers) >= 4:
                rng = random.Random(id)
                position = numbers.index(act.number)
                start = rng.randrange(max(0, position - 3), min(position, len(numbers) - 4) + 1)
                window = numbers[start : start + 4]
                yield _mc(
                    id=id,
                    topic="plot",
                    # The first beat of an act, and any beat of the first or the last act
                    # (where a story starts and ends), is easier to place.
                    difficulty=rate(2, close=True, prominent=number == 1 or act.number in ends),
                    prompt=f"In which act does this happen? {beat.text}",
                    answer=f"Act {act.number}",
                    wrong=[f"Act {n}" for n in window if n != act.number],
                    explanation=explanation,
                    asks=asks,
                    act=act.number,
                )
            else:
                other = [n for n in numbers if n != act.number]
                swapped = random.Random(id).choice(other) if other else None
                # After the colon the event is written small, unless it opens with a name.
                first = beat.text.split(" ", 1)[0]
                event = beat.text if loose(first) in names else beat.text[:1].lower() + beat.text[1:]
                yield _tf(
                    id=id,
                    topic="plot",
                    difficulty=rate(2, tf=True),
                    truth=f"This happens in act {act.number}: {event}",
                    falsehood=f"This happens in act {swapped}: {event}" if swapped else None,
                    false=number % 2 == 0,
                    asks=asks,
                    act=act.number,
                )


# --- characters --------------------------------------------------------------------------


def _relations(ctx: Context) -> Iterator[Question | None]:
    chars = ctx.characters
    # Wrong answers are checked against the whole film (Mark is never offered as Veronika's
    # sweetheart, even before the marriage), and leave out labels that come later.
    whole = {c.id: c for c in ctx.whole.characters}
    index = RelationIndex(whole.values())
    hidden_labels = {loose(r.label) for c in whole.values() for r in c.relations} - {
        loose(r.label) for c in chars.values() for r in c.relations
    }
    visible_ids = {c.id for c in ctx.visible_characters()}
    count = 0
    for character in ctx.dataset.characters:
        for relation in character.relations:
            target = chars.get(relation.target)
            if target is None or character.id not in visible_ids or relation.target not in visible_ids:
                continue
            act = latest(ctx.character_act(character.id), ctx.character_act(target.id), relation.since_act)
            if not ctx.visible(act):
                continue
            pair = "+".join(sorted((character.id, target.id)))
            id = f"relation:{character.id}-{target.id}"
            a, b = en.person(character.name), en.person(target.name)
            label = relation.label
            between = {
                loose(label)
                for x, y in ((character.id, target.id), (target.id, character.id))
                for label in index.labels(x, y)
            }
            gender = character.gender or _KIN_GENDER.get(loose(label))
            difficulty = rate(
                1,
                obscure=character.id in ctx.obscure or target.id in ctx.obscure,
                prominent=character.id in ctx.prominent and target.id in ctx.prominent,
            )
            truth = f"{en.capital(a)} is {en.possessive(b)} {label}."
            falsehood: str | None = None
            asks = {f"rel:{pair}"}
            if loose(label) in _KIN_WORDS:
                if gender is None:
                    continue
                spouses = set() if relation.kind == "marriage" else _SPOUSES
                words = [w for w in KIN[gender] if loose(w) not in between | hidden_labels | spouses]
                # "What is Boris to Grandmother?": a character named by a family word answers
                # the question by that name, so the fact is only asked as true/false.
                named_by_kin = {loose(character.name), loose(target.name)} & _KIN_WORDS
                wrong = None if named_by_kin else draw(id, label, words)
                yield _mc(
                    id=id,
                    topic="characters",
                    difficulty=difficulty,
                    prompt=f"What is {a} to {b}?",
                    answer=label,
                    wrong=wrong,
                    explanation=truth,
                    asks=asks,
                    act=act,
                )
                swap = draw(f"relation-tf:{id}", label, words, count=1)
                falsehood = f"{en.capital(a)} is {en.possessive(b)} {swap[0]}." if swap else None
            elif gender is not None and relation.kind != "family":
                kinds = _LOVE if relation.kind in _LOVE else {relation.kind}
                others = ctx.character_names.get(gender, [])

                def unfit(
                    shown: str,
                    pair: tuple[Character, Character] = (character, target),
                    kinds: Iterable[str] = kinds,
                ) -> bool:
                    other = ctx.character_by_name[shown]
                    return index.related_by(pair[1].id, other.id, kinds) or any(
                        _shares_name(shown, c.name) for c in pair
                    )

                yield _mc(
                    id=id,
                    topic="characters",
                    difficulty=difficulty,
                    prompt=f"Who is {en.possessive(b)} {label}?",
                    answer=en.capital(a),
                    wrong=draw(id, a, others, reject=unfit, apart=_shares_name),
                    explanation=truth,
                    asks=asks,
                    act=act,
                )
                swap = draw(f"relation-tf:{id}", a, others, count=1, reject=unfit)
                falsehood = f"{swap[0]} is {en.possessive(b)} {label}." if swap else None
            yield _tf(
                id=f"relation-tf:{character.id}-{target.id}",
                topic="characters",
                difficulty=rate(1, tf=True),
                truth=truth,
                falsehood=falsehood,
                false=count % 2 == 1,
                asks=asks,
                act=act,
            )
            count += 1


def _nicknames(ctx: Context) -> Iterator[Question | None]:
    for character in ctx.visible_characters():
        name = en.capital(en.person(character.name))
        for nickname in character.nicknames:
            id = f"nickname-of:{character.id}-{_slug(nickname.name)}"
            shown = f"'{nickname.name}'" + (f" ({nickname.cyrillic})" if nickname.cyrillic else "")
            others = ctx.character_names.get(character.gender or "", [])

            def namesake(shown: str, character: Character = character) -> bool:
                return _shares_name(shown, character.name)

            meaning = f": {nickname.meaning}" if nickname.meaning else "."
            explanation = f"{name} is nicknamed {shown}{meaning}"
            asks = {f"nick:{character.id}"}
            act = ctx.character_act(character.id)
            wrong = draw(id, name, others, reject=namesake, apart=_shares_name)
            if wrong is not None:
                yield _mc(
                    id=id,
                    topic="characters",
                    difficulty=rate(2, prominent=character.id in ctx.prominent),
                    prompt=f"Which character is nicknamed {shown}?",
                    answer=name,
                    wrong=wrong,
                    explanation=explanation,
                    asks=asks,
                    act=act,
                )
            else:
                swap = draw(id, name, others, count=1, reject=namesake)
                yield _tf(
                    id=id,
                    topic="characters",
                    difficulty=rate(2, tf=True),
                    truth=f"{name} is nicknamed {shown}.",
                    falsehood=f"{swap[0]} is nicknamed {shown}." if swap else None,
                    false=True,
                    asks=asks,
                    act=act,
                )


# --- titles, releases --------------------------------------------------------------------


def _same_script(a: str, b: str) -> bool:
    return a.isascii() == b.isascii() and loose(a) != loose(b)


def _title_statement(
    id: str,
    whose: str,
    title: str,
    other: str | None,
    *,
    false: bool,
    true_note: str = "",
    false_note: str = "",
) -> Question:
    """True or false: ``whose`` is ``title``; the false statement gives ``other``, the other
    original title, when it is in the same script (a title in Latin letters gives itself away)."""
    return _tf(
        id=id,
        topic="titles",
        difficulty=rate(2, tf=True),
        truth=f"{whose} is {en.quoted(title)}.",
        falsehood=f"{whose} is {en.quoted(other)}." if other and _same_script(other, title) else None,
        false=false,
        asks={id},
        true_note=true_note,
        false_note=false_note,
    )


def _titles(ctx: Context) -> Iterator[Question | None]:
    film = ctx.dataset.film
    play = film.play
    if film.original_title:
        yield _title_statement(
            "title:original",
            "The film's original title",
            film.original_title,
            play.original_title if play is not None else None,
            false=False,
            true_note=f"In Latin letters it reads {film.transliteration}." if film.transliteration else "",
        )
    if play is None:
        return
    other = film.original_title
    yield _title_statement(
        "title:play",
        f"The original title of {play.author}'s play that the film adapts",
        play.original_title,
        other,
        false=True,
        false_note=f"{en.quoted(other)} is the film's own title." if other else "",
    )
    yield _mc(
        id="play-year",
        topic="titles",
        difficulty=rate(3),
        prompt=f"In which year did {play.author} write the play the film adapts?",
        answer=str(play.year_written),
        wrong=_years("play-year", play.year_written),
        explanation=f"{play.author} wrote {en.quoted(play.original_title)} ({play.title}) "
        f"in {play.year_written}.",
        asks={"play:year", f"year:{play.year_written}"},
    )
    author = [m for m in ctx.dataset.crew if loose(m.name) == loose(play.author)]
    if author and author[0].gender is not None:
        others = [m.name for m in ctx.dataset.crew if m is not author[0] and m.gender == author[0].gender]
        yield _mc(
            id="play-author",
            topic="titles",
            difficulty=rate(2),
            prompt=f"Who wrote the play the film adapts, {en.quoted(play.title)}?",
            answer=play.author,
            wrong=draw("play-author", play.author, others),
            explanation=f"{play.author} wrote it in {play.year_written}.",
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


def _releases(ctx: Context) -> Iterator[Question | None]:
    film = ctx.dataset.film
    dates = [release.date for release in film.releases]
    made = datetime.date(film.year, 1, 1)
    for index, release in enumerate(film.releases):
        # The first release may be any day of its year; a later one comes after it.
        floor = made if release.date == min(dates) else max(made, min(dates))
        key = _slug(release.country)
        when = en.date_words(release.date)
        place = en.in_country(release.country)
        asks = {f"release:{key}", f"date:{release.date.isoformat()}", f"year:{release.date.year}"}
        truth = f"The film was released {place} on {when}."
        note = f" {release.note}" if release.note else ""
        yield _mc(
            id=f"release:{key}",
            topic="releases",
            difficulty=rate(3, prominent=index == 0),
            prompt=f"When was the film released {place}?",
            answer=when,
            wrong=_dates(f"release:{key}", release.date, dates, floor),
            explanation=truth + note,
            asks=asks,
        )
        wrong = _dates(f"release-tf:{key}", release.date, dates, floor)
        yield _tf(
            id=f"release-tf:{key}",
            topic="releases",
            difficulty=rate(3, tf=True),
            truth=truth,
            falsehood=f"The film was released {place} on {wrong[0]}." if wrong else None,
            false=index % 2 == 1,
            asks=asks,
        )
    figures = [entry.admissions for entry in film.admissions]
    for index, entry in enumerate(film.admissions):
        key = _slug(entry.country)
        place = en.in_country(entry.country)
        asks = {f"admissions:{key}", f"number:{round(entry.admissions, -5)}"}
        answer = en.tickets(entry.admissions)
        wrong = _figures(f"admissions:{key}", entry.admissions, [f for f in figures if f != entry.admissions])
        truth = f"The film sold about {answer} tickets {place}."
        yield _mc(
            id=f"admissions:{key}",
            topic="releases",
            difficulty=rate(3, prominent=index == 0),
            prompt=f"About how many tickets did the film sell {place}?",
            answer=answer,
            wrong=wrong,
            explanation=truth + (f" {entry.note}" if entry.note else ""),
            asks=asks,
        )
        yield _tf(
            id=f"admissions-tf:{key}",
            topic="releases",
            difficulty=rate(3, tf=True),
            truth=truth,
            falsehood=f"The film sold about {wrong[0]} tickets {place}." if wrong else None,
            false=index % 2 == 0,
            asks=asks,
        )
    yield _mc(
        id="film-year",
        topic="releases",
        difficulty=rate(2),
        prompt="In which year was the film made?",
        answer=str(film.year),
        wrong=_years("film-year", film.year),
        explanation=f"{film.title} was made in {film.year}.",
        asks={"film:year", f"year:{film.year}"},
    )


# --- facts and hand-written questions ----------------------------------------------------

# A statement with one of these words can turn true when a value is swapped ("X did not win").
_NEGATIONS = {"not", "never", "no", "nor", "only", "without", "instead", "neither", "none"}


def _negated(text: str) -> bool:
    return bool(_NEGATIONS & set(re.findall(r"[a-z]+", text.lower()))) or "n't" in text.replace("’", "'")


def _near_figures(text: str, value: str) -> bool:
    """Whether the text holds another figure close to ``value`` (95 minutes 'from 91 to 98'):
    changing one would leave the sentence at odds with itself."""
    try:
        number = float(value.replace(",", "").split()[0])
    except ValueError:
        return False
    others = [float(f.replace(",", "")) for f in re.findall(r"\d[\d,]*(?:\.\d+)?", text.replace(value, " "))]
    return any(abs(other - number) <= 0.2 * number for other in others)


# An age or a span worked out from a date or year in the same sentence ("born on 4 May 1934,
# so she turned 24 during the 1958 festival"): moving the date would leave the sentence at odds
# with itself, so such a date or year is not swapped.
_DERIVED = re.compile(r"\b(?:turned|aged|age of|at the age of)\s+\d{1,3}\b|\b\d{1,3} years\b", re.IGNORECASE)


def _derives(text: str) -> bool:
    return _DERIVED.search(text) is not None


def swapped(ctx: Context, text: str, seed: str) -> str | None:
    """``text`` with one value exchanged for another of the same kind (a date, a figure, a
    name, a title, a year), so it becomes false; None when no value can be swapped safely."""
    if _negated(text):
        return None
    rng = random.Random(seed)
    film = ctx.dataset.film
    dated = not _derives(text)
    dates = re.findall(en.WORD_DATE, text) if dated else []
    for day, month, year in dates:
        found = f"{day} {month} {year}"
        moved = datetime.date(int(year), en.MONTHS.index(month) + 1, min(int(day), 28))
        moved += datetime.timedelta(days=rng.choice((-1, 1)) * rng.randrange(40, 300))
        return text.replace(found, en.date_words(moved), 1)
    for figure in re.findall(r"\b\d+(?:\.\d+)? million\b", text):
        value = int(float(figure.split()[0]) * 1_000_000)
        choices = [en.tickets(e.admissions) for e in film.admissions if en.tickets(e.admissions) != figure]
        figures = [c for c in choices if loose(c) != loose(en.tickets(value))]
        if figures:
            return text.replace(figure, rng.choice(figures), 1)
    people = ctx.surnames
    words = set(query_keys(text))
    for name, gender, surname_key in people:
        if surname_key not in words:
            continue
        names = sorted({n for n, g, key in people if g == gender and key not in words})
        if not names:
            continue
        other = rng.choice(names)
        if name in text:
            return text.replace(name, other, 1)
        surname = name.split()[-1]
        if surname in text:
            return text.replace(surname, other.split()[-1], 1)
    titles = [t for t in (film.original_title, film.play.original_title if film.play else None) if t]
    for title in titles:
        if f"«{title}»" in text:
            swaps = [t for t in titles if t != title and _same_script(t, title)]
            if swaps:
                return text.replace(title, swaps[0], 1)
    for year in re.findall(en.YEAR, text) if dated else []:
        return re.sub(rf"\b{year}\b", str(int(year) + rng.choice((-3, -2, 2, 3))), text, count=1)
    return None


_NUMBER_WORDS = [
    *[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
    ],
    *[
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
    ],
    *["eighty", "ninety"],
]
_DAY_MONTH = r"^(\d{1,2}) (" + "|".join(en.MONTHS) + r")(?: (\d{4}))?$"


def swapped_value(ctx: Context, fact: Fact, seed: str) -> str | None:
    """The fact's text with its marked value (``value``) exchanged for another of the same
    kind: a year or a date moved, a figure changed, a name, place or title taken from another
    fact of that kind. None when the statement could turn true by the swap (it has a negation
    or 'only') or there is nothing to swap with."""
    value = fact.value
    if value is None:
        return swapped(ctx, fact.text, seed)
    if _negated(fact.text) or value.text not in fact.text or _near_figures(fact.text, value.text):
        return None
    if value.kind in ("date", "year") and _derives(fact.text):
        return None
    rng = random.Random(seed)
    old = value.text
    new: str | None = None
    if value.kind == "year" and old.isdigit():
        new = str(int(old) + rng.choice((-3, -2, 2, 3)))
    elif value.kind == "date" and (match := re.match(_DAY_MONTH, old)):
        day, month, year = int(match[1]), en.MONTHS.index(match[2]), match[3]
        month = (month + rng.choice((-3, -2, -1, 1, 2, 3))) % 12
        new = f"{min(day, 28)} {en.MONTHS[month]}" + (f" {year}" if year else "")
    elif value.kind == "number":
        new = _other_number(old, rng)
    elif value.kind != "organisation":  # a studio, a magazine and a theatre are not one kind
        same = sorted(
            {
                other.value.text
                for other in ctx.dataset.facts
                if other.value is not None and other.value.kind == value.kind
                and other.value.text not in fact.text
                and not _negated(other.value.text)
            }
        )  # fmt: skip
        same = _same_sort(ctx, value.kind, old, same, fact.text)
        new = rng.choice(same) if same else None
    if new is None or new == old:
        return None
    if value.kind == "place":
        # Keep the article right: "in the United States", "in Vladimir".
        old = f"the {old}" if f"the {old}" in fact.text else old
        new = en.country(new)
    return fact.text.replace(old, new, 1)


def _same_sort(ctx: Context, kind: str, old: str, same: list[str], text: str) -> list[str]:
    """Of the values of one kind, those of the same sort as ``old``, so the false statement
    does not give itself away: a country for a country and a town for a town (not "a Soviet
    cultural attaché in Vladimir"), a prize for a prize and a work for a work, in the same
    alphabet (not a film's title in place of a Russian rhyme)."""
    if kind == "place":
        film = ctx.dataset.film
        known = {r.country for r in film.releases} | {a.country for a in film.admissions}
        countries = {loose(name) for name in known | ({film.country} if film.country else set())}
        if loose(old) not in countries:
            return [place for place in same if loose(place) not in countries]
        # Another country the film knows of, but not its own (a Soviet attaché serves abroad).
        others = {name for name in known if name != film.country and name not in text}
        return sorted({place for place in same if loose(place) in countries} | others - {old})
    if kind == "title":
        prizes = {loose(award.category) for award in ctx.dataset.awards}
        return [
            title
            for title in same
            if en.in_cyrillic(title) == en.in_cyrillic(old)
            and (loose(title) in prizes) == (loose(old) in prizes)
        ]
    return same


def _other_number(text: str, rng: random.Random) -> str | None:
    if text in _NUMBER_WORDS:
        index = _NUMBER_WORDS.index(text)
        return _NUMBER_WORDS[max(2, index + rng.choice((-2, -1, 1, 2)))] if index > 1 else None
    match = re.fullmatch(r"([\d,]+(?:\.\d+)?)( million)?", text)
    if match is None:
        return None
    number = float(match[1].replace(",", ""))
    if match[2]:
        return f"{number * rng.choice((0.4, 0.6, 1.5, 2.2)):.1f}".removesuffix(".0") + " million"
    if number < 1000:
        return str(int(number) + rng.choice((-6, -4, 4, 6)))
    changed = int(number * rng.choice((0.5, 0.7, 1.4, 1.8)))
    return f"{changed:,}" if "," in match[1] else str(changed)


def _sources_by_title(ctx: Context, keys: tuple[str, ...]) -> str:
    """'Sources: English Wikipedia, “The Cranes Are Flying”; ...': a reader can find each one
    by its site (or publisher) and title. Sources without a site, and the seed, are left out."""
    cited = [
        f"{e.site.split(', ')[0]}, “{e.title}”"
        for e in ctx.dataset.bibliography
        if e.key in keys and e.kind != "seed" and e.site
    ][:2]
    return f"{'Source' if len(cited) == 1 else 'Sources'}: {'; '.join(cited)}." if cited else ""


def _facts(ctx: Context) -> Iterator[Question | None]:
    count = 0
    leads = {word for m in ctx.dataset.cast[:2] for word in query_keys(m.name)}
    for fact in ctx.dataset.facts:
        if fact.confidence not in (None, "firm"):
            continue
        id = f"fact:{fact.id}"
        falsehood = swapped_value(ctx, fact, id)
        yield _tf(
            id=id,
            topic="facts",
            difficulty=rate(3, prominent=bool(leads & set(query_keys(fact.text))), tf=True),
            truth=fact.text,
            falsehood=falsehood,
            false=count % 2 == 0,
            asks={id},
            true_note=_sources_by_title(ctx, fact.sources),
        )
        count += falsehood is not None


def _curated(ctx: Context) -> Iterator[Question | None]:
    for item in ctx.dataset.quiz:
        true_false = {item.answer, *item.wrong} == set(TRUE_FALSE)
        if ctx.names_hidden(item.question, item.answer, *item.wrong, item.explanation):
            continue  # it names someone the guard hides (or the one who plays them)
        if not true_false and len({loose(w) for w in item.wrong} - {loose(item.answer)}) != 3:
            continue  # `cranes validate` reports it
        difficulty: Difficulty = "medium" if true_false and item.difficulty == "hard" else item.difficulty
        id = f"curated:{item.id}"
        yield Question(
            id,
            item.topic,
            difficulty,
            item.question,
            item.answer,
            TRUE_FALSE if true_false else (item.answer, *item.wrong),
            item.explanation,
            item.act,
            frozenset({id}),
            frozenset({id}),
            None,
            ((item.question, item.answer), (item.explanation,)),
        )


GENERATORS: tuple[Generator, ...] = (
    _cast,
    _crew,
    _awards,
    _event_order,
    _which_act,
    _relations,
    _nicknames,
    _titles,
    _releases,
    _facts,
    _curated,
)


def question_pool(dataset: Dataset, up_to_act: int | None = None) -> list[Question]:
    """Every question the dataset can make, in a stable order, within the spoiler guard: the
    questions are made from the film as it stands after ``up_to_act`` (``spoilers.as_of_act``:
    no later acts, characters, relations or cast lines, names and descriptions as the film has
    given them by then), and none draws on a later act. Each names the facts it asks and
    reveals."""
    ctx, questions = unread_pool(dataset, up_to_act)
    return [resolved(ctx, question) for question in questions]


def prompts(dataset: Dataset, up_to_act: int | None = None) -> dict[str, str]:
    """Each question of the pool's prompt, by id, for the history, which names questions by
    id; without reading the facts each states, which a prompt does not need."""
    return {question.id: question.prompt for question in unread_pool(dataset, up_to_act)[1]}


def unread_pool(dataset: Dataset, up_to_act: int | None = None) -> tuple[Context, list[Question]]:
    """The pool with the facts of each question's texts not yet read (see ``resolved``): a
    quiz of ten reads ten questions and the few it passes over, not the whole pool."""
    from cranes_cli.core.spoilers import as_of_act

    ctx = Context(as_of_act(dataset, up_to_act), up_to_act, whole=dataset)
    questions: dict[str, Question] = {}
    for generator in GENERATORS:
        for question in generator(ctx):
            if question is not None and ctx.visible(question.act) and question.id not in questions:
                questions[question.id] = question
    return ctx, list(questions.values())


def resolved(ctx: Context, question: Question) -> Question:
    """The question with every fact its texts state in ``asks`` and ``reveals``."""
    if question.unread is None:
        return question
    into_asks, into_reveals = question.unread
    asks = question.asks | ctx.keys(*into_asks) if into_asks else question.asks
    reveals = asks | question.reveals | (ctx.keys(*into_reveals) if into_reveals else frozenset())
    return replace(question, asks=asks, reveals=reveals, unread=None)
