"""Questions about the story a viewer has watched: which of these happens first or last, which
one happens somewhere else, who does it, how the characters are related and what they are
called. No question asks for an act's number: the film has no numbered acts."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, is_child, latest, rate
from cranes_cli.core.quiz.forms import mc, shares_name, slug, tf
from cranes_cli.core.quiz.question import Question
from cranes_cli.core.spoilers import first_acts
from cranes_cli.core.text import loose, query_keys
from cranes_cli.film.model import FAMILY_WORD_GENDER, FAMILY_WORDS, Act, Character

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

# Family words by gender; a relation labelled with one of them is asked as true/false with
# another word of the same generation.
KIN = FAMILY_WORDS
_KIN_GENDER = {loose(word): gender for word, gender in FAMILY_WORD_GENDER.items()}
_KIN_WORDS = {loose(word) for words in KIN.values() for word in words}
# How many generations a family word sits above (+) or below (-) the person it is said of;
# husband and wife are ties by marriage, the others by blood.
GENERATION = {
    **dict.fromkeys(("father", "mother", "uncle", "aunt"), 1),
    **dict.fromkeys(("son", "daughter", "nephew", "niece"), -1),
    **dict.fromkeys(("brother", "sister", "cousin"), 0),
    **dict.fromkeys(("grandfather", "grandmother"), 2),
    **dict.fromkeys(("grandson", "granddaughter"), -2),
}
_MARRIAGE = {loose("husband"), loose("wife")}
_LOVE = {"romance", "marriage"}
_NAMED = 4  # events in an ordering or odd-one-out question


# --- the order of events -------------------------------------------------------------------


def _told(acts: list[Act]) -> list[Act]:
    return [act for act in acts if act.beats]


def _setting(act: Act) -> str:
    return ", ".join(en.inside(part) for part in (act.where, act.when) if part)


def _ordering(
    id: str, acts: list[Act], beats: list[str], keys: list[str], *, first: bool, close: bool
) -> Question | None:
    """The question asks the order, and the event that answers it (so no two questions of a
    quiz have the same answer); it shows, and so reveals, all four events."""
    answer_act = acts[0] if first else acts[-1]
    answer = beats[0] if first else beats[-1]
    others = [beat for beat in beats if beat != answer]
    setting = _setting(answer_act)
    where = f" ({setting})" if setting else ""
    return mc(
        id=id,
        topic="plot",
        difficulty=rate(2, close=close),
        prompt=f"Which of these happens {'first' if first else 'last'} in the film?",
        answer=answer,
        wrong=draw(id, answer, others),
        explanation=f"That one{where} comes {'before' if first else 'after'} the other three.",
        asks={id, keys[0] if first else keys[-1]},
        act=acts[-1].number,
        shown=others,
        reveals=set(keys),
    )


def event_order(ctx: Context) -> Iterator[Question | None]:
    """'Which of these happens first?' and '... last?', each over four events from four
    different parts of the story, chosen from the whole film so that a question is the same
    under every guard; a guard keeps out any question with an event after it."""
    acts = _told(list(ctx.whole.acts))
    for index, act in enumerate(acts):
        later = acts[index + 1 :]
        if len(later) < _NAMED - 1:
            continue
        groups = [acts[index : index + _NAMED]]
        rng = random.Random(f"first-of:{act.number}")
        spread = sorted(rng.sample(later, _NAMED - 1), key=lambda a: a.number)
        if spread != groups[0][1:]:
            groups.append([act, *spread])
        for round, group in enumerate(groups):
            # The second group takes each act's second event, so no two share an answer.
            place = min(round, *(len(a.beats) - 1 for a in group))
            id = "first-of:" + "-".join(f"{a.number}.{place + 1}" for a in group)
            close = group[-1].number - group[0].number == _NAMED - 1
            beats = [a.beats[place].text for a in group]
            if ctx.visible(group[-1].number):
                keys = [f"beat:{a.number}-{place + 1}" for a in group]
                yield _ordering(id, group, beats, keys, first=True, close=close)
    for index in range(_NAMED - 1, len(acts)):
        group = acts[index - _NAMED + 1 : index + 1]
        id = "last-of:" + "-".join(str(a.number) for a in group)
        if ctx.visible(group[-1].number):
            keys = [f"beat:{a.number}-{len(a.beats)}" for a in group]
            beats = [a.beats[-1].text for a in group]
            yield _ordering(id, group, beats, keys, first=False, close=True)


def _places(ctx: Context) -> dict[str, list[tuple[Act, int]]]:
    """Events by the one place they happen in: acts set in two places ('Moscow and the front
    line') are left out, and so is any event that names a place itself."""
    wheres = {act.where for act in ctx.whole.acts if act.where}
    place_words = {word for where in wheres for word in query_keys(where)} - {loose("the")}
    by_place: dict[str, list[tuple[Act, int]]] = {}
    for act in _told(list(ctx.whole.acts)):
        if not act.where or " and " in act.where:
            continue
        for number, beat in enumerate(act.beats, start=1):
            if not place_words & set(query_keys(beat.text)):
                by_place.setdefault(act.where, []).append((act, number))
    return by_place


def odd_place(ctx: Context) -> Iterator[Question | None]:
    """'Three of these happen in Siberia. Which one does not?'"""
    by_place = _places(ctx)
    for place, events in by_place.items():
        elsewhere = [(p, e) for p, es in by_place.items() if p != place for e in es]
        if len(events) < _NAMED - 1 or not elsewhere:
            continue
        for round in ("a", "b"):
            id = f"odd-place:{slug(place)}-{round}"
            rng = random.Random(id)
            chosen = rng.sample(events, _NAMED - 1)
            other_place, (odd_act, odd_number) = rng.choice(elsewhere)
            answer = odd_act.beats[odd_number - 1].text
            wrong = [act.beats[number - 1].text for act, number in chosen]
            act = latest(odd_act.number, *(act.number for act, _ in chosen))
            if not ctx.visible(act):
                continue
            yield mc(
                id=id,
                topic="plot",
                difficulty=rate(2),
                prompt=f"Three of these happen in {place}. Which one does not?",
                answer=answer,
                wrong=draw(id, answer, wrong),
                explanation=f"That one happens in {other_place} ({en.inside(odd_act.when or '')}).".replace(
                    " ()", ""
                ),
                asks={id},
                act=act,
                shown=wrong,
                reveals={f"beat:{odd_act.number}-{odd_number}"} | {f"beat:{a.number}-{n}" for a, n in chosen},
            )


def who_does(ctx: Context) -> Iterator[Question | None]:
    """'Who wakes his cousin with the news?': an event that opens with a character's name, asked
    with three characters of the same gender (grown-ups for a grown-up, none named in the
    event, all known by then) as the wrong answers."""
    whole_first = first_acts(ctx.whole)
    by_first_word = {query_keys(c.name)[0]: c for c in ctx.whole.characters if query_keys(c.name)}
    for act in _told(list(ctx.whole.acts)):
        if not ctx.visible(act.number):
            continue
        for number, beat in enumerate(act.beats, start=1):
            words = beat.text.split(" ", 2)
            if len(words) < 3 or not words[1][:1].islower():
                continue
            character = by_first_word.get(loose(words[0]))
            if character is None or character.gender is None or loose(character.name) in _KIN_WORDS:
                continue
            named = set(query_keys(beat.text))
            others = [
                en.capital(en.person(c.name))
                for c in ctx.whole.characters
                if c.id != character.id
                and c.gender == character.gender
                and c.id not in ctx.obscure
                and loose(c.name) not in _KIN_WORDS
                and is_child(c.name) == is_child(character.name)
                and not named & set(query_keys(c.name))
                and whole_first.get(c.id, act.number + 1) <= act.number
            ]
            id = f"who-does:{act.number}-{number}"
            answer = en.capital(en.person(character.name))
            # Who the character is as the film has shown by then (the guard's view).
            about = ctx.about(ctx.characters.get(character.id, character))
            wrong = draw(id, answer, others, apart=shares_name)
            if wrong is not None and ctx.names_hidden(*wrong):
                continue  # drawn from the whole film; the guard may still hide one of them
            yield mc(
                id=id,
                topic="plot",
                difficulty=rate(2, prominent=character.id in ctx.prominent),
                prompt=f"Who {words[1]} {words[2].rstrip('.')}?",
                answer=answer,
                wrong=wrong,
                explanation=f"{answer}, {about.rstrip('.')}." if about else f"{answer}.",
                asks={f"beat:{act.number}-{number}"},
                act=act.number,
            )


# --- characters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tie:
    """One relation as a question sees it: who to whom, since when, and how it is said."""

    character: Character
    target: Character
    kind: str
    label: str
    act: int | None

    @property
    def id(self) -> str:
        return f"relation:{self.character.id}-{self.target.id}"

    @property
    def asks(self) -> set[str]:
        return {f"rel:{'+'.join(sorted((self.character.id, self.target.id)))}"}

    @property
    def names(self) -> tuple[str, str]:
        return en.person(self.character.name), en.person(self.target.name)

    def said(self, label: str) -> str:
        a, b = self.names
        return f"{en.capital(a)} is {en.possessive(b)} {label}."


def _ties(ctx: Context) -> Iterator[_Tie]:
    """Every relation between two characters in view, from the act both are known in."""
    chars = ctx.characters
    visible_ids = {c.id for c in ctx.visible_characters()}
    for character in ctx.dataset.characters:
        for relation in character.relations:
            target = chars.get(relation.target)
            if target is None or character.id not in visible_ids or relation.target not in visible_ids:
                continue
            act = latest(ctx.character_act(character.id), ctx.character_act(target.id), relation.since_act)
            if ctx.visible(act):
                yield _Tie(character, target, relation.kind, relation.label, act)


def relations(ctx: Context) -> Iterator[Question | None]:
    """One question per pair of characters (the pool keeps the first form that can be made):
    'Who is B's sweetheart?' with characters outside B's family as the wrong answers, or, for a
    tie of blood, a true/false statement with another family word of the same generation."""
    for tie in _ties(ctx):
        difficulty = rate(
            1,
            obscure=tie.character.id in ctx.obscure or tie.target.id in ctx.obscure,
            prominent=tie.character.id in ctx.prominent and tie.target.id in ctx.prominent,
        )
        label = loose(tie.label)
        if label in _KIN_WORDS and label not in _MARRIAGE:
            yield _kin_statement(ctx, tie, difficulty)
        elif tie.kind != "family" and tie.character.gender is not None:
            yield _partner_question(ctx, tie, difficulty)


def _kin_statement(ctx: Context, tie: _Tie, difficulty: Difficulty) -> Question | None:
    """'Mark is Boris's brother': the same generation and gender, a tie of blood for one of blood."""
    gender = tie.character.gender or _KIN_GENDER.get(loose(tie.label))
    level = GENERATION.get(tie.label.lower())
    if gender is None or level is None:
        return None
    index = ctx.relation_index
    between = {
        loose(label)
        for x, y in ((tie.character.id, tie.target.id), (tie.target.id, tie.character.id))
        for label in index.labels(x, y)
    }
    words = [
        w for w in KIN[gender] if GENERATION.get(w) == level and loose(w) not in between | {loose(tie.label)}
    ]
    swap = draw(f"relation-tf:{tie.id}", tie.label, words, count=1)
    return tf(
        id=f"relation-tf:{tie.character.id}-{tie.target.id}",
        topic="characters",
        difficulty=rate(1, tf=True),
        truth=tie.said(tie.label),
        falsehood=tie.said(swap[0]) if swap else None,
        asks=tie.asks,
        act=tie.act,
        true_note=_about(ctx, tie.target),
    )


def _about(ctx: Context, character: Character) -> str:
    about = ctx.about(character)
    return f"{en.capital(en.person(character.name))}: {about}" if about else ""


def _partner_question(ctx: Context, tie: _Tie, difficulty: Difficulty) -> Question | None:
    """'Who is B's sweetheart?': wrong answers of the same gender, none of B's family, none
    with a tie of the same kind to B at any point in the film, a grown-up for a grown-up."""
    a, b = tie.names
    kinds = _LOVE if tie.kind in _LOVE else {tie.kind}
    family = ctx.family.get(tie.target.id, set())
    others = ctx.names_for_part(tie.character)

    def unfit(shown: str) -> bool:
        other = ctx.character_by_name[shown]
        return (
            ctx.relation_index.related_by(tie.target.id, other.id, kinds)
            or other.id in family
            or other.id in ctx.obscure
            or loose(other.name) in _KIN_WORDS
            or any(shares_name(shown, c.name) for c in (tie.character, tie.target))
        )

    about = ctx.about(tie.character)
    return mc(
        id=tie.id,
        topic="characters",
        difficulty=difficulty,
        prompt=f"Who is {en.possessive(b)} {tie.label}?",
        answer=en.capital(a),
        wrong=draw(tie.id, a, others, reject=unfit, apart=shares_name),
        explanation=f"{en.capital(a)}, {about.rstrip('.')}." if about else tie.said(tie.label),
        asks=tie.asks,
        act=tie.act,
    )


def nicknames(ctx: Context) -> Iterator[Question | None]:
    """'Which character is nicknamed “Squirrel” («Белка»)?', or the statement with another
    character of the same gender when there are not three to offer."""
    for character in ctx.visible_characters():
        name = en.capital(en.person(character.name))
        for nickname in character.nicknames:
            id = f"nickname-of:{character.id}-{slug(nickname.name)}"
            shown = en.quoted(nickname.name) + (
                f" ({en.quoted(nickname.cyrillic)})" if nickname.cyrillic else ""
            )
            others = [
                n
                for n in ctx.character_names.get(character.gender or "", [])
                if ctx.fits_part(n, character) and not shares_name(n, character.name)
                and loose(n) not in _KIN_WORDS and ctx.character_by_name[n].id not in ctx.obscure
            ]  # fmt: skip
            meaning = nickname.meaning.rstrip(".") if nickname.meaning else ""
            asks = {f"nick:{character.id}"}
            act = ctx.character_act(character.id)
            question = mc(
                id=id,
                topic="characters",
                difficulty=rate(2, prominent=character.id in ctx.prominent),
                prompt=f"Which character is nicknamed {shown}?",
                answer=name,
                wrong=draw(id, name, others, apart=shares_name),
                explanation=f"{name}: the nickname is {en.lower_first(meaning)}." if meaning else f"{name}.",
                asks=asks,
                act=act,
            )
            if question is not None:
                yield question
                continue
            swap = draw(id, name, others, count=1)
            yield tf(
                id=id,
                topic="characters",
                difficulty=rate(2, tf=True),
                truth=f"{name} is nicknamed {shown}.",
                falsehood=f"{swap[0]} is nicknamed {shown}." if swap else None,
                asks=asks,
                act=act,
                true_note=f"The nickname is {en.lower_first(meaning)}." if meaning else "",
                false_note=f"The nickname is {en.lower_first(meaning)}." if meaning else "",
            )
