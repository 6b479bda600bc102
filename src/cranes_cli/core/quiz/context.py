"""What every question generator needs to know about a film, worked out once: who appears
when, genders, prominence, the fact scanner, and how to draw wrong answers."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from cranes_cli.core.people import RelationIndex
from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.reveals import Scanner
from cranes_cli.core.spoilers import first_acts
from cranes_cli.core.text import loose as _loose
from cranes_cli.core.text import query_keys
from cranes_cli.film.model import CastMember, Character, Dataset

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty

# Words in character names that are not names ('the boy Boris', 'Grandmother').
_COMMON = ("the", "a", "an", "boy", "girl", "old", "young", "man", "woman", "of")

WRONG = 3  # wrong answers in every multiple-choice question
_MOST_LOOKED_AT = 20  # candidates per wrong answer a draw from many looks at, at most

# The same names are compared over and over while wrong answers are drawn.
loose = functools.lru_cache(maxsize=8192)(_loose)


def latest(*acts: int | None) -> int | None:
    known = [act for act in acts if act is not None]
    return max(known) if known else None


def rate(
    base: int, *, prominent: bool = False, obscure: bool = False, close: bool = False, tf: bool = False
) -> Difficulty:
    """Difficulty from evidence: the kind of question sets ``base`` (recalling a name 2, a date 3);
    a record the story centres on is easier, one it never shows harder; wrong answers close to
    the right one are harder; true/false (a coin toss away) is easier and never hard."""
    score = base - prominent + obscure + close - tf
    if tf:
        score = min(score, 2)
    return "easy" if score <= 1 else "medium" if score == 2 else "hard"


class Context:
    def __init__(self, dataset: Dataset, up_to_act: int | None, whole: Dataset | None = None) -> None:
        self.dataset = dataset  # as the film stands after ``up_to_act``
        self.whole = whole or dataset  # the whole film, to check that a wrong answer is wrong
        self.limit = up_to_act
        self.first = first_acts(dataset)
        self.characters = {character.id: character for character in dataset.characters}
        self.scanner = Scanner(dataset)
        # Prominence is the whole film's (its synopsis tells the ending, so a guarded view has
        # none): a question is as hard under every guard.
        synopsis = set(query_keys(self.whole.film.synopsis or ""))
        leads = {member.character for member in self.whole.cast[:2]}
        self.prominent = {
            c.id for c in self.whole.characters if c.id in leads or set(query_keys(c.name)) & synopsis
        }
        whole_first = first_acts(self.whole)
        self.obscure = {
            c.id for c in self.whole.characters if c.id not in whole_first and c.id not in self.prominent
        }
        self.family: dict[str, set[str]] = {}
        for character in self.whole.characters:
            for relation in character.relations:
                if relation.kind in ("family", "marriage"):
                    self.family.setdefault(character.id, set()).add(relation.target)
                    self.family.setdefault(relation.target, set()).add(character.id)
        self.names_known = {entry.name: entry.known_as for entry in self.whole.quiz_names}
        self.played_by: dict[str, list[CastMember]] = {}
        for member in dataset.cast:
            self.played_by.setdefault(member.character, []).append(member)
        self._visible_characters = [c for c in dataset.characters if self.visible(self.character_act(c.id))]
        self.characters_by_gender: dict[str, list[Character]] = {}
        for character in self._visible_characters:
            if character.gender is not None:
                self.characters_by_gender.setdefault(character.gender, []).append(character)
        # Wrong answers are drawn from these lists, made once (not once per question).
        self.actor_names: dict[str, list[str]] = {}
        for member in dataset.cast:
            if member.gender is not None:
                self.actor_names.setdefault(member.gender, []).append(member.name)
        self.character_names: dict[str, list[str]] = {}
        self.character_by_name: dict[str, Character] = {}
        for g, characters in self.characters_by_gender.items():
            for character in characters:
                shown = en.capital(en.person(character.name))
                self.character_names.setdefault(g, []).append(shown)
                self.character_by_name[shown] = character

    def known_as(self, name: str, cyrillic: str | None = None) -> str:
        """'Moisey Vaynberg (Моисей Вайнберг, known in English as Mieczysław Weinberg)': the
        file's form, its Cyrillic, and the form English readers know when the file names one."""
        shown = [cyrillic] if cyrillic and cyrillic != name else []
        known = self.names_known.get(name)
        if known:
            shown.append(f"known in English as {known}")
        return f"{name} ({', '.join(shown)})" if shown else name

    def about(self, character: Character) -> str:
        """Who the character is, as the film has shown by now, written to follow a colon; empty
        when the description is a note about the sources rather than about the character."""
        from cranes_cli.core.quiz.forms import curation_note

        text = (character.description or "").strip()
        if not text or curation_note(text):
            return ""
        return en.lower_first(text) if text.endswith(".") else f"{en.lower_first(text)}."

    def names_for_part(self, character: Character) -> list[str]:
        """The names of characters of ``character``'s gender who could be offered for its
        part (:meth:`fits_part`), listed once per gender and age: many questions ask it."""
        key = (character.gender or "", is_child(character.name))
        cache: dict[tuple[str, bool], list[str]] = self.__dict__.setdefault("_names_for_part", {})
        if key not in cache:
            cache[key] = [n for n in self.character_names.get(key[0], []) if self.fits_part(n, character)]
        return cache[key]

    def fits_part(self, shown: str, character: Character) -> bool:
        """Whether the character called ``shown`` could be offered for ``character``'s part: a
        child for a child, a grown-up for a grown-up."""
        other = self.character_by_name.get(shown)
        return other is None or is_child(other.name) == is_child(character.name)

    @functools.cached_property
    def relation_index(self) -> RelationIndex:
        """The whole film's relations by the characters at their ends (built once: each
        relation question looks up its own pair instead of reading every relation)."""
        return RelationIndex(self.whole.characters)

    @functools.cached_property
    def surnames(self) -> list[tuple[str, str, str]]:
        """Cast and crew with a gender: name, gender and the folded last word of the name
        (worked out once: every fact's false statement looks for them)."""
        people = [(m.name, m.gender) for m in self.dataset.cast] + [
            (m.name, m.gender) for m in self.dataset.crew
        ]
        named = [(name, gender, query_keys(name)) for name, gender in people if gender]
        return [(name, gender, keys[-1]) for name, gender, keys in named if keys]

    @functools.cached_property
    def hidden_words(self) -> frozenset[str]:
        """Words that name only characters the guard hides, or their actors ('Chernov',
        'Kokovkin'), not anyone still in view."""
        shown_ids = {c.id for c in self._visible_characters}
        hidden = [c for c in self.whole.characters if c.id not in shown_ids]
        if not hidden:
            return frozenset()
        ids = {c.id for c in hidden}

        def words(names: Iterable[str]) -> set[str]:
            return {word for name in names for word in query_keys(name)}

        hidden_names = [n for c in hidden for n in (c.name, *c.aliases)]
        hidden_names += [n for m in self.whole.cast if m.character in ids for n in (m.name, *m.aliases)]
        seen = [n for c in self.whole.characters if c.id in shown_ids for n in (c.name, *c.aliases)]
        seen += [c.name for c in self._visible_characters]
        seen += [n for m in self.whole.cast if m.character not in ids for n in (m.name, *m.aliases)]
        seen += [n for m in self.whole.crew for n in (m.name, *m.aliases)]
        return frozenset(words(hidden_names) - words(seen) - words(_COMMON))

    def names_hidden(self, *texts: str) -> bool:
        """Whether the texts name a character the guard hides, or the actor who plays one."""
        hidden = self.hidden_words
        return bool(hidden) and any(not hidden.isdisjoint(query_keys(text)) for text in texts)

    def visible(self, act: int | None) -> bool:
        return act is None or self.limit is None or act <= self.limit

    def character_act(self, character_id: str) -> int | None:
        return self.first.get(character_id)

    def visible_characters(self) -> list[Character]:
        return self._visible_characters

    def visible_cast(self) -> list[tuple[CastMember, Character, int | None]]:
        found = []
        for member in self.dataset.cast:
            character = self.characters[member.character]
            act = self.character_act(character.id)
            if self.visible(act):
                found.append((member, character, act))
        return found

    def keys(self, *texts: str) -> frozenset[str]:
        return frozenset(self.scanner.keys(" \n ".join(texts)))


def is_child(name: str) -> bool:
    """Whether a character's name says it is a child ('Boris, the boy')."""
    return bool({"boy", "girl", "child"} & set(name.lower().replace(",", " ").split()))


def draw(
    seed: str,
    answer: str,
    candidates: Sequence[str],
    avoid: Iterable[str] = (),
    count: int = WRONG,
    reject: Callable[[str], bool] | None = None,
    apart: Callable[[str, str], bool] | None = None,
) -> list[str] | None:
    """``count`` wrong answers from ``candidates``, distinct from each other and from the answer
    (and ``avoid``, and any ``reject`` refuses) however they are written, and none that
    ``apart`` finds too like the answer or one already chosen ('Boris' beside 'the boy
    Boris'); None when there are not enough. Drawn at random
    with a generator seeded by the question, so a question is the same in every quiz; the cost
    does not grow with the number of candidates."""
    rng = random.Random(seed)
    taken = {loose(answer), *(loose(text) for text in avoid)}
    kept = [answer]

    def fits(candidate: str) -> bool:
        key = loose(candidate)
        if not key or key in taken or (reject is not None and reject(candidate)):
            return False
        if apart is not None and any(apart(candidate, other) for other in kept):
            return False
        taken.add(key)
        kept.append(candidate)
        return True

    if len(candidates) > 4 * (count + len(taken)):
        # Many candidates: walk them from a random place and stop as soon as there are enough,
        # so the cost is the few looked at, not the whole list; and give up after a bounded
        # walk, or a question whose right answers are most of the list (a character with
        # thousands of sweethearts) would read it all.
        start = rng.randrange(len(candidates))
        chosen = []
        for offset in range(min(len(candidates), _MOST_LOOKED_AT * count)):
            candidate = candidates[(start + offset) % len(candidates)]
            if fits(candidate):
                chosen.append(candidate)
                if len(chosen) == count:
                    return chosen
        return None
    rest = [candidate for candidate in candidates if fits(candidate)]
    return rng.sample(rest, count) if len(rest) >= count else None
