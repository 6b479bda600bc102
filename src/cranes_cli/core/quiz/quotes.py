"""Questions about what people remember of the film: who says a line ("Who says this?"),
which scene a moment opens ("Which scene…") and how a scene was shot ("How was this shot?").

The quiz rules hold here too: three wrong answers of the same kind (characters of the
speaker's gender, other scenes' titles, other scenes' camera work), or true/false when there
are too few; no line shorter than three words (one word is no clue); no line that names its
own speaker, and no wrong answer the line names; nothing after the guard's act, and a question
counts as late as the latest scene any of its options names."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, latest, rate
from cranes_cli.core.quiz.question import TRUE_FALSE, TRUE_OR_FALSE, Question
from cranes_cli.core.text import query_keys
from cranes_cli.film.model import Character, Quote, Scene

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

MIN_WORDS = 3  # a shorter line ("Help!") gives a player nothing to go on
_STEM = 3  # a word that starts like a name calls that person ("Боря" for Борис)


def quote_questions(ctx: Context) -> Iterator[Question | None]:
    """Every question of the three kinds the film file's quotes and scenes make."""
    scenes = {scene.id: scene for scene in ctx.dataset.scenes}
    for quote in ctx.dataset.quotes:
        yield _who_says(ctx, quote, scenes.get(quote.scene or ""))
    film_scenes = [scene for scene in ctx.dataset.scenes if scene.source_text == "film"]
    titles = {scene.title: scene for scene in film_scenes}
    shots = {scene.technique: scene for scene in film_scenes if scene.technique}
    title_list, shot_list = list(titles), list(shots)  # made once: a wrong answer is drawn from each
    for scene in film_scenes:
        yield _which_scene(ctx, scene, titles, title_list)
        yield _how_shot(ctx, scene, shots, shot_list)


def _question(
    id: str,
    topic: str,
    difficulty: Difficulty,
    prompt: str,
    answer: str,
    options: tuple[str, ...],
    explanation: str,
    act: int | None,
    asks: frozenset[str],
    truth: str | None = None,
) -> Question:
    return Question(
        id=id,
        topic=topic,
        difficulty=difficulty,
        prompt=prompt,
        answer=answer,
        options=options,
        explanation=explanation,
        act=act,
        asks=asks,
        reveals=asks,
        truth=truth,
        unread=((), (prompt, answer, explanation)),
        facts=tuple(sorted(asks)),
    )


def _called(character: Character) -> set[str]:
    """The folded words a character is called by, each cut to a stem."""
    names = [character.name, character.cyrillic or "", *character.aliases]
    names += [n for nickname in character.nicknames for n in (nickname.name, nickname.cyrillic or "")]
    return {key[:_STEM] for name in names for key in query_keys(name) if len(key) >= _STEM + 1}


def _names(text: str, character: Character) -> bool:
    """Whether ``text`` calls ``character`` by a name or a form of one."""
    return not _called(character).isdisjoint(key[:_STEM] for key in query_keys(text) if len(key) >= _STEM)


def _who_says(ctx: Context, quote: Quote, scene: Scene | None) -> Question | None:
    speaker = ctx.characters.get(quote.speaker)
    if speaker is None or speaker.gender is None or len(query_keys(quote.text)) < MIN_WORDS:
        return None
    if _names(quote.text, speaker):
        return None  # `cranes validate` reports a line that names its own speaker
    id = f"who-says:{quote.id}"
    name = en.capital(en.person(speaker.name))
    play = quote.source_text == "play"
    source = ctx.dataset.film.play
    play_name = f"{source.author}'s play «{source.original_title}»" if source else "the play the film adapts"
    where = f"In {play_name}, who" if play else "Who"
    prompt = f"{where} says this? «{quote.text}» ({quote.translation})"
    said = f" in “{scene.title}”" if scene is not None else ""
    explanation = f"{name} says it{said}, in act {quote.act}" + (
        " of the story, as the play has it." if play else "."
    )
    if ctx.names_hidden(prompt, explanation):
        return None

    def named(candidate: str) -> bool:
        character = ctx.character_by_name.get(candidate)
        return character is not None and _names(quote.text, character)

    others = ctx.character_names.get(speaker.gender, [])
    difficulty = rate(2, prominent=speaker.id in ctx.prominent, obscure=play)
    asks = frozenset({f"quote:{quote.id}"})
    wrong = draw(id, name, others, reject=named, apart=_same_name)
    if wrong is not None and not _echoes(prompt, name, wrong):
        return _question(
            id, "characters", difficulty, prompt, name, (name, *wrong), explanation, quote.act, asks
        )
    swap = draw(id, name, others, count=1, reject=named, apart=_same_name)
    if not swap:
        return None
    false = random.Random(id).random() < 0.5
    truth = f"{name} says «{quote.text}» ({quote.translation})" + (f" in {play_name}." if play else ".")
    shown = truth.replace(name, swap[0], 1) if false else truth
    return _question(
        id, "characters", rate(2, tf=True), f"{TRUE_OR_FALSE}{shown}", TRUE_FALSE[int(false)], TRUE_FALSE,
        f"{TRUE_FALSE[int(false)]}. {truth} It comes{said} in act {quote.act}.", quote.act, asks,
        truth if false else None,
    )  # fmt: skip


def _same_name(a: str, b: str) -> bool:
    """'Boris' beside 'The boy Boris' reads as one answer twice."""
    one, other = (set(query_keys(name)) - {"the", "boy", "girl", "old", "young"} for name in (a, b))
    return bool(one and other) and (one <= other or other <= one)


def _stems(text: str) -> set[str]:
    return {key[:5] for key in query_keys(text) if len(key) >= 4}


def _echoes(clue: str, answer: str, wrong: list[str]) -> bool:
    """Whether the right answer is the only option sharing a word with the clue: it would
    answer by its form."""
    words = _stems(clue)
    return not words.isdisjoint(_stems(answer)) and all(words.isdisjoint(_stems(w)) for w in wrong)


def _which_scene(
    ctx: Context, scene: Scene, titles: dict[str, Scene], title_list: list[str]
) -> Question | None:
    """``titles``: the film's scenes by title, the answer's among them (draw leaves it out)."""
    if not scene.teaser:
        return None
    id = f"which-scene:{scene.id}"
    wrong = draw(id, scene.title, title_list)
    if wrong is None or _echoes(scene.teaser, scene.title, wrong):
        return None
    act = latest(scene.act, *(titles[title].act for title in wrong))
    prompt = f"Which scene of the film opens like this? {scene.teaser}"
    explanation = f"“{scene.title}”, in act {scene.act}: {scene.description}"
    if ctx.names_hidden(prompt, explanation, *wrong):
        return None
    difficulty = rate(2, close=any(titles[title].act == scene.act for title in wrong))
    asks = frozenset({f"scene:{scene.id}"})
    return _question(
        id, "plot", difficulty, prompt, scene.title, (scene.title, *wrong), explanation, act, asks
    )


def _how_shot(ctx: Context, scene: Scene, shot: dict[str, Scene], shot_list: list[str]) -> Question | None:
    """``shot``: the film's scenes by their camera work, the answer's among them."""
    if not scene.technique or not scene.made:
        return None
    id = f"how-shot:{scene.id}"
    wrong = draw(id, scene.technique, shot_list)
    if wrong is None or _echoes(f"How was {scene.title} shot?", scene.technique, wrong):
        return None
    act = latest(scene.act, *(shot[technique].act for technique in wrong))
    prompt = f"How was “{scene.title}” shot?"
    if ctx.names_hidden(prompt, scene.made, *wrong):
        return None
    asks = frozenset({f"shot:{scene.id}"})
    options = (scene.technique, *wrong)
    return _question(id, "crew", rate(3), prompt, scene.technique, options, scene.made, act, asks)
