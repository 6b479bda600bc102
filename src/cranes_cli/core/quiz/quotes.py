"""Questions about what people remember of the film: who says a line ("Who says this?"),
which scene a moment opens ("Which scene…") and how a scene was shot ("How was this shot?").

Every question is multiple choice, made from the whole film so that it is the same under every
guard: its wrong answers are of the answer's kind and were already known when the line is said
or the scene comes (characters of the speaker's gender, none named in the line; scenes of the
story so far), and a guard that hides any of them keeps the question out. A line with too few
such characters is not asked: a true/false "X says …" would be a coin toss told by its form.
No line shorter than three words (one word is no clue), and no line that names its speaker."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context, draw, is_child, rate
from cranes_cli.core.quiz.forms import shares_name
from cranes_cli.core.quiz.question import Question
from cranes_cli.core.spoilers import first_acts
from cranes_cli.core.text import loose, query_keys
from cranes_cli.film.model import Character, Dataset, Quote, Scene

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

MIN_WORDS = 3  # a shorter line ("Help!") gives a player nothing to go on
_STEM = 3  # a word that starts like a name calls that person ("Боря" for Борис)


def quote_questions(ctx: Context) -> Iterator[Question | None]:
    """Every question of the three kinds the film file's quotes and scenes make."""
    whole = ctx.whole
    known = known_acts(whole)
    scenes = {scene.id: scene for scene in whole.scenes}
    in_view = {quote.id for quote in ctx.dataset.quotes}
    for quote in whole.quotes:
        if quote.id in in_view:
            yield _who_says(ctx, quote, scenes.get(quote.scene or ""), known)
    film_scenes = [scene for scene in whole.scenes if scene.source_text == "film"]
    # The titles a which-scene question may offer: those of the story up to its scene's act.
    titles_by_act = {
        act: [scene.title for scene in film_scenes if scene.act <= act]
        for act in {s.act for s in film_scenes}
    }
    act_of_title = {scene.title: scene.act for scene in film_scenes}
    shots = {scene.technique: scene for scene in film_scenes if scene.technique}
    shot_list = list(shots)  # made once: a wrong answer is drawn from it
    for scene in film_scenes:
        if ctx.visible(scene.act):
            yield _which_scene(ctx, scene, titles_by_act[scene.act], act_of_title)
            yield _how_shot(ctx, scene, shots, shot_list)


def known_acts(whole: Dataset) -> dict[str, int]:
    """The act by which the story has shown each character: the first beat they are in, else
    (a character of the play alone) the first scene or line that has them."""
    known = first_acts(whole)
    unplaced: dict[str, int] = {}
    records = [(scene.act, scene.characters) for scene in whole.scenes]
    records += [(quote.act, (quote.speaker,)) for quote in whole.quotes]
    for act, ids in records:
        for character_id in ids:
            if character_id not in known:
                unplaced[character_id] = min(act, unplaced.get(character_id, act))
    return known | unplaced


def _question(
    id: str,
    topic: str,
    difficulty: Difficulty,
    prompt: str,
    answer: str,
    wrong: list[str],
    explanation: str,
    act: int,
    fact: str,
    asks: Iterable[str] = (),
    reveals: Iterable[str] = (),
) -> Question:
    """A multiple-choice question about one ``fact``; ``asks`` and ``reveals`` add what keeps
    it apart from another question of the same quiz (two lines of one speaker in one scene; a
    scene named in one and asked by another)."""
    asked = frozenset({fact, *asks})
    return Question(
        id, topic, difficulty, prompt, answer, (answer, *wrong), explanation, act, asked,
        asked | set(reveals), None, ((), (prompt, answer, explanation)), (fact,),
    )  # fmt: skip


def _called(character: Character) -> set[str]:
    """The folded words a character is called by, each cut to a stem."""
    names = [character.name, character.cyrillic or "", *character.aliases]
    names += [n for nickname in character.nicknames for n in (nickname.name, nickname.cyrillic or "")]
    return {key[:_STEM] for name in names for key in query_keys(name) if len(key) >= _STEM + 1}


def _names(text: str, character: Character) -> bool:
    """Whether ``text`` calls ``character`` by a name or a form of one."""
    return not _called(character).isdisjoint(key[:_STEM] for key in query_keys(text) if len(key) >= _STEM)


def _shown(ctx: Context, character: Character) -> str | None:
    """The character's name as an option shows it, or None when the guard hides the character
    or has not yet given the name the whole film uses."""
    seen = ctx.characters.get(character.id)
    if seen is None or seen.name != character.name:
        return None
    return en.capital(en.person(character.name))


def _speakers(ctx: Context, quote: Quote, speaker: Character, known: dict[str, int]) -> list[Character]:
    """The characters who could have said the line: the speaker's gender, a child for a child,
    known by the time it is said, not named in it; a character of the play alone only for a
    line of the play."""
    play = quote.source_text == "play"
    return [
        character
        for character in ctx.whole.characters
        if character.id != speaker.id
        and character.gender == speaker.gender
        and is_child(character.name) == is_child(speaker.name)
        and known.get(character.id, quote.act + 1) <= quote.act
        and (play or character.id not in ctx.obscure)
        and not _names(f"{quote.text} {quote.translation}", character)
    ]


def _who_says(ctx: Context, quote: Quote, scene: Scene | None, known: dict[str, int]) -> Question | None:
    speaker = next((c for c in ctx.whole.characters if c.id == quote.speaker), None)
    if speaker is None or speaker.gender is None or len(query_keys(quote.text)) < MIN_WORDS:
        return None
    if _names(quote.text, speaker):
        return None  # `cranes validate` reports a line that names its own speaker
    name = _shown(ctx, speaker)
    others = [_shown(ctx, character) for character in _speakers(ctx, quote, speaker, known)]
    if name is None or None in others:
        return None  # the guard hides one of them, or a name the film gives later
    id = f"who-says:{quote.id}"
    wrong = draw(id, name, [other for other in others if other is not None], apart=shares_name)
    if wrong is None:
        return None
    play = quote.source_text == "play"
    source = ctx.whole.film.play
    play_name = f"{source.author}'s play «{source.original_title}»" if source else "the play the film adapts"
    where = f"In {play_name}, who" if play else "Who"
    prompt = f"{where} says this? {en.quoted(quote.text)} ({quote.translation})"
    about = ctx.about(ctx.characters.get(speaker.id, speaker))
    explanation = (
        " ".join(part for part in (f"{name}, {about.rstrip('.')}." if about else "", _setting(scene)) if part)
        or f"{name}."
    )
    if ctx.names_hidden(prompt, explanation):
        return None
    scene_id = scene.id if scene is not None else quote.id
    obscure = play or speaker.id in ctx.obscure  # a line the film does not have, or a minor speaker
    return _question(
        id, "characters", rate(2, prominent=speaker.id in ctx.prominent, obscure=obscure),
        prompt, name, wrong, explanation, quote.act, f"quote:{quote.id}",
        asks={f"lines:{scene_id}:{speaker.id}"}, reveals={f"scene:{scene_id}"} if scene else (),
    )  # fmt: skip


def _setting(scene: Scene | None) -> str:
    """Where the line comes: the scene and its place, one more thing a player learns."""
    if scene is None:
        return ""
    place = en.inside(scene.place.rstrip(".")) if scene.place else ""
    if place and loose(scene.title) in loose(place):
        return f"The line comes in {place}."  # "Veronika's room, in the first days of the war"
    return f"The line comes in “{scene.title}”" + (f" ({place})." if place else ".")


def _stems(text: str) -> set[str]:
    return {key[:5] for key in query_keys(text) if len(key) >= 4}


def _echoes(clue: str, answer: str, wrong: list[str]) -> bool:
    """Whether the right answer is the only option sharing a word with the clue: it would
    answer by its form."""
    words = _stems(clue)
    return not words.isdisjoint(_stems(answer)) and all(words.isdisjoint(_stems(w)) for w in wrong)


def _which_scene(
    ctx: Context, scene: Scene, titles: list[str], act_of_title: dict[str, int]
) -> Question | None:
    """``titles``: the film's scenes up to this one's act, its own among them (draw leaves it
    out), so the wrong answers give nothing later away and are the same under every guard."""
    if not scene.teaser:
        return None
    id = f"which-scene:{scene.id}"
    wrong = draw(id, scene.title, titles)
    if wrong is None or _echoes(scene.teaser, scene.title, wrong):
        return None
    prompt = f"Which scene of the film opens like this? {scene.teaser}"
    place = f" ({en.inside(scene.place.rstrip('.'))})" if scene.place else ""
    explanation = f"“{scene.title}”{place}: {scene.description}"
    if ctx.names_hidden(prompt, explanation, *wrong):
        return None
    difficulty = rate(2, close=any(act_of_title[title] == scene.act for title in wrong))
    # It tells who is in the scene, and so who could say a line of it.
    present = {f"lines:{scene.id}:{character}" for character in scene.characters}
    return _question(
        id, "plot", difficulty, prompt, scene.title, wrong, explanation, scene.act, f"scene:{scene.id}",
        reveals=present,
    )  # fmt: skip


def _how_shot(ctx: Context, scene: Scene, shot: dict[str, Scene], shot_list: list[str]) -> Question | None:
    """``shot``: the film's scenes by their camera work, the answer's among them; the question
    comes once the guard shows every scene it offers."""
    if not scene.technique or not scene.made:
        return None
    id = f"how-shot:{scene.id}"
    wrong = draw(id, scene.technique, shot_list)
    if wrong is None or _echoes(f"How was {scene.title} shot?", scene.technique, wrong):
        return None
    act = max(scene.act, *(shot[technique].act for technique in wrong))
    prompt = f"How was “{scene.title}” shot?"
    if not ctx.visible(act) or ctx.names_hidden(prompt, scene.made, *wrong):
        return None
    return _question(
        id, "crew", rate(3), prompt, scene.technique, wrong, scene.made, act, f"shot:{scene.id}",
        reveals={f"scene:{scene.id}"},
    )  # fmt: skip
