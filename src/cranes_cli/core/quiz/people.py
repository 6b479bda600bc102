"""Questions about the cast (who played whom) and the crew (who did what)."""

from __future__ import annotations

from collections.abc import Iterator

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, rate
from cranes_cli.core.quiz.forms import mc, shares_name, slug, tf
from cranes_cli.core.quiz.question import Question
from cranes_cli.core.text import loose
from cranes_cli.film.model import Character


def cast(ctx: Context) -> Iterator[Question | None]:
    """One question per part: who played it (or, for an actor of unknown gender, whom they
    played). The explanation adds who the character is."""
    for member, character, act in ctx.visible_cast():
        name = en.person(character.name)
        prominent, obscure = character.id in ctx.prominent, character.id in ctx.obscure
        asks = {f"cast:{character.id}"}
        about = ctx.about(character)
        played = f"{ctx.known_as(member.name, member.cyrillic)} played {name}"
        explanation = f"{played}: {about}" if about else f"{played}."
        if member.gender is not None:
            same_part = [m.name for m in ctx.played_by[character.id]]
            question = mc(
                id=f"who-played:{character.id}",
                topic="cast",
                difficulty=rate(2, prominent=prominent, obscure=obscure),
                prompt=f"Who played {name}?",
                answer=member.name,
                wrong=draw(
                    f"who-played:{character.id}", member.name, ctx.actor_names[member.gender], same_part
                ),
                explanation=explanation,
                asks=asks,
                act=act,
            )
            if question is not None:
                yield question
                continue
        others = ctx.names_for_part(character)

        def namesake(shown: str, character: Character = character) -> bool:
            return shares_name(shown, character.name)

        yield mc(
            id=f"whom-played:{character.id}",
            topic="cast",
            difficulty=rate(2, prominent=prominent, obscure=obscure),
            prompt=f"Whom did {member.name} play?",
            answer=en.capital(name),
            wrong=draw(f"whom-played:{character.id}", name, others, reject=namesake, apart=shares_name),
            explanation=explanation,
            asks=asks,
            act=act,
        )


# --- crew --------------------------------------------------------------------------------

ROLES = {
    "director": ("Who directed the film?", "{} directed the film."),
    "screenplay": ("Who wrote the screenplay?", "{} wrote the screenplay."),
    "writer": ("Who wrote the film?", "{} wrote the film."),
    "cinematography": ("Who was the film's cinematographer?", "{} was the film's cinematographer."),
    "music": ("Who composed the music?", "{} composed the music."),
    "editing": ("Who edited the film?", "{} edited the film."),
    "art direction": ("Who was the film's art director?", "{} was the film's art director."),
    "producer": ("Who produced the film?", "{} produced the film."),
}
MAIN_ROLES = {"director", "screenplay", "writer", "cinematography", "music"}


def crew(ctx: Context) -> Iterator[Question | None]:
    """One question per role held by one person: who held it, or, when there are not three
    others of the same gender to offer, a true/false statement naming another member of the
    crew. The explanation adds the member's note, when it is not a note about the sources."""
    crew = ctx.dataset.crew
    roles = [member.role for member in crew]
    for member in crew:
        if roles.count(member.role) != 1:
            continue
        ask, tell = ROLES.get(
            member.role.lower(), (f"Who was the film's {member.role}?", f"{{}} was the film's {member.role}.")
        )
        key = slug(member.role)
        asks = {f"crew:{loose(member.role)}"}
        difficulty = rate(
            2, prominent=member.role == "director", obscure=member.role.lower() not in MAIN_ROLES
        )
        others = [m.name for m in crew if m is not member and m.gender == member.gender]
        explanation = tell.format(ctx.known_as(member.name, member.cyrillic))
        question = None
        if member.gender is not None:
            question = mc(
                id=f"crew-role:{key}",
                topic="crew",
                difficulty=difficulty,
                prompt=ask,
                answer=member.name,
                wrong=draw(f"crew-role:{key}", member.name, others),
                explanation=explanation,
                asks=asks,
            )
        if question is not None:
            yield question
            continue
        swapped = draw(f"crew-tf:{key}", member.name, others, count=1) if member.gender else None
        yield tf(
            id=f"crew-tf:{key}",
            topic="crew",
            difficulty=rate(2, prominent=member.role == "director", tf=True),
            truth=tell.format(member.name),
            falsehood=tell.format(swapped[0]) if swapped else None,
            asks=asks,
            true_note=ctx.known_as(member.name, member.cyrillic).removeprefix(member.name).strip(" ()"),
        )
