"""Questions about the story: the order of events, when they happen, how the characters are
related and what they are called."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, latest, rate
from cranes_cli.core.quiz.forms import mc, shares_name, slug, tf
from cranes_cli.core.quiz.question import Question
from cranes_cli.core.text import loose
from cranes_cli.film.model import FAMILY_WORD_GENDER, FAMILY_WORDS, Character

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

# Family words by gender; a relation labelled with one of them is asked "What is A to B?".
KIN = FAMILY_WORDS
_KIN_GENDER = {loose(word): gender for word, gender in FAMILY_WORD_GENDER.items()}
_KIN_WORDS = {loose(word) for words in KIN.values() for word in words}
_SPOUSES = {loose("husband"), loose("wife")}
_LOVE = {"romance", "marriage"}


# --- plot --------------------------------------------------------------------------------


def event_order(ctx: Context) -> Iterator[Question | None]:
    acts = [act for act in ctx.dataset.acts if ctx.visible(act.number) and act.beats]
    for earlier in acts:
        later = [act for act in acts if act.number > earlier.number]
        if len(later) < 3:
            continue
        seed = f"event-order:act-{earlier.number}"
        chosen = sorted(random.Random(seed).sample(later, 3), key=lambda act: act.number)
        answer = earlier.beats[0].text
        wrong = draw(seed, answer, [act.beats[0].text for act in chosen])
        yield mc(
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


def which_act(ctx: Context) -> Iterator[Question | None]:
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
                yield mc(
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
                yield tf(
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


@dataclass(frozen=True)
class _Tie:
    """One relation as a question sees it: who to whom, since when, and how it is said."""

    character: Character
    target: Character
    kind: str
    label: str
    act: int | None
    between: frozenset[str]  # every label the two have for each other, in the whole film

    @property
    def id(self) -> str:
        return f"relation:{self.character.id}-{self.target.id}"

    @property
    def asks(self) -> set[str]:
        return {f"rel:{'+'.join(sorted((self.character.id, self.target.id)))}"}

    @property
    def names(self) -> tuple[str, str]:
        return en.person(self.character.name), en.person(self.target.name)

    @property
    def truth(self) -> str:
        a, b = self.names
        return f"{en.capital(a)} is {en.possessive(b)} {self.label}."


def _ties(ctx: Context) -> Iterator[_Tie]:
    """Every relation between two characters in view, from the act both are known in."""
    chars = ctx.characters
    whole = {c.id: c for c in ctx.whole.characters}
    visible_ids = {c.id for c in ctx.visible_characters()}
    for character in ctx.dataset.characters:
        for relation in character.relations:
            target = chars.get(relation.target)
            if target is None or character.id not in visible_ids or relation.target not in visible_ids:
                continue
            act = latest(ctx.character_act(character.id), ctx.character_act(target.id), relation.since_act)
            if not ctx.visible(act):
                continue
            between = frozenset(
                loose(r.label)
                for x, y in ((whole[character.id], target), (whole[target.id], character))
                for r in x.relations
                if r.target == y.id
            )
            yield _Tie(character, target, relation.kind, relation.label, act, between)


def relations(ctx: Context) -> Iterator[Question | None]:
    # Wrong answers are checked against the whole film (Mark is never offered as Veronika's
    # sweetheart, even before the marriage), and leave out labels that come later.
    hidden_labels = {loose(r.label) for c in ctx.whole.characters for r in c.relations} - {
        loose(r.label) for c in ctx.characters.values() for r in c.relations
    }
    count = 0
    for tie in _ties(ctx):
        gender = tie.character.gender or _KIN_GENDER.get(loose(tie.label))
        difficulty = rate(
            1,
            obscure=tie.character.id in ctx.obscure or tie.target.id in ctx.obscure,
            prominent=tie.character.id in ctx.prominent and tie.target.id in ctx.prominent,
        )
        falsehood: str | None = None
        if loose(tie.label) in _KIN_WORDS:
            if gender is None:
                continue
            question, falsehood = _kin_question(tie, gender, hidden_labels, difficulty)
            yield question
        elif gender is not None and tie.kind != "family":
            question, falsehood = _partner_question(ctx, tie, gender, difficulty)
            yield question
        yield tf(
            id=f"relation-tf:{tie.character.id}-{tie.target.id}",
            topic="characters",
            difficulty=rate(1, tf=True),
            truth=tie.truth,
            falsehood=falsehood,
            false=count % 2 == 1,
            asks=tie.asks,
            act=tie.act,
        )
        count += 1


def _kin_question(
    tie: _Tie, gender: str, hidden_labels: set[str], difficulty: Difficulty
) -> tuple[Question | None, str | None]:
    """'What is A to B?' answered by a family word, and the statement with another word."""
    a, b = tie.names
    spouses = set() if tie.kind == "marriage" else _SPOUSES
    words = [w for w in KIN[gender] if loose(w) not in tie.between | hidden_labels | spouses]
    # "What is Boris to Grandmother?": a character named by a family word answers
    # the question by that name, so the fact is only asked as true/false.
    named_by_kin = {loose(tie.character.name), loose(tie.target.name)} & _KIN_WORDS
    wrong = None if named_by_kin else draw(tie.id, tie.label, words)
    question = mc(
        id=tie.id,
        topic="characters",
        difficulty=difficulty,
        prompt=f"What is {a} to {b}?",
        answer=tie.label,
        wrong=wrong,
        explanation=tie.truth,
        asks=tie.asks,
        act=tie.act,
    )
    swap = draw(f"relation-tf:{tie.id}", tie.label, words, count=1)
    return question, f"{en.capital(a)} is {en.possessive(b)} {swap[0]}." if swap else None


def _partner_question(
    ctx: Context, tie: _Tie, gender: str, difficulty: Difficulty
) -> tuple[Question | None, str | None]:
    """'Who is B's friend?' answered by a character, and the statement with another one."""
    a, b = tie.names
    kinds = _LOVE if tie.kind in _LOVE else {tie.kind}
    same_kind = {
        end
        for x in ctx.whole.characters
        for r in x.relations
        if r.kind in kinds and tie.target.id in (x.id, r.target)
        for end in (x.id, r.target)
    }
    others = ctx.character_names.get(gender, [])

    def unfit(shown: str) -> bool:
        other = ctx.character_by_name[shown]
        return other.id in same_kind or any(shares_name(shown, c.name) for c in (tie.character, tie.target))

    question = mc(
        id=tie.id,
        topic="characters",
        difficulty=difficulty,
        prompt=f"Who is {en.possessive(b)} {tie.label}?",
        answer=en.capital(a),
        wrong=draw(tie.id, a, others, reject=unfit, apart=shares_name),
        explanation=tie.truth,
        asks=tie.asks,
        act=tie.act,
    )
    swap = draw(f"relation-tf:{tie.id}", a, others, count=1, reject=unfit)
    return question, f"{swap[0]} is {en.possessive(b)} {tie.label}." if swap else None


def nicknames(ctx: Context) -> Iterator[Question | None]:
    for character in ctx.visible_characters():
        name = en.capital(en.person(character.name))
        for nickname in character.nicknames:
            id = f"nickname-of:{character.id}-{slug(nickname.name)}"
            shown = f"'{nickname.name}'" + (f" ({nickname.cyrillic})" if nickname.cyrillic else "")
            others = ctx.character_names.get(character.gender or "", [])

            def namesake(shown: str, character: Character = character) -> bool:
                return shares_name(shown, character.name)

            meaning = f": {nickname.meaning}" if nickname.meaning else "."
            explanation = f"{name} is nicknamed {shown}{meaning}"
            asks = {f"nick:{character.id}"}
            act = ctx.character_act(character.id)
            wrong = draw(id, name, others, reject=namesake, apart=shares_name)
            if wrong is not None:
                yield mc(
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
                yield tf(
                    id=id,
                    topic="characters",
                    difficulty=rate(2, tf=True),
                    truth=f"{name} is nicknamed {shown}.",
                    falsehood=f"{swap[0]} is nicknamed {shown}." if swap else None,
                    false=True,
                    asks=asks,
                    act=act,
                )
