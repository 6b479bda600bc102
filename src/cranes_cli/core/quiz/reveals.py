"""Which facts a text states, so the quiz never asks what an earlier question has told.

A fact has a key: ``cast:<character>`` (who played whom), ``crew:<role>``, ``rel:<a>+<b>``
(how two characters are related), ``nick:<character>``, ``award:<n>:year|category|result``,
``play:author``, and the values ``year:1958``, ``date:1957-10-12``, ``number:28300000``,
``title:<folded title>``, ``category:<folded prize>``. A text states a fact when it holds the
words that tell it: an actor's surname with the character's name, a relation's label with one
of the two names, a year, a date in words or as ISO, a figure such as "28.3 million", a title.

Scanning costs the length of the text: rules are looked up by the text's own words.
"""

from __future__ import annotations

import re

from cranes_cli.core.quiz.english import MONTHS, WORD_DATE, YEAR
from cranes_cli.core.text import fold, loose, query_keys
from cranes_cli.film.model import Dataset

_ISO_DATE = r"\b(\d{4})-(\d{2})-(\d{2})\b"
_MILLIONS = r"\b(\d+(?:\.\d+)?) million\b"
_DIGITS = r"\b\d{1,3}(?:,\d{3})+\b|\b\d{5,}\b"
# Words are compared folded (``fold``: 'play' is 'plai'), so every word list here is folded too.
_STOP = {fold(word) for word in ("the", "a", "an", "and", "of", "to", "in", "for", "from", "any")}
_WROTE = frozenset(fold(word) for word in ("play", "plays", "wrote", "written", "writes"))
_TITLE_WORDS = frozenset(fold(word) for word in ("boy", "girl"))
_NAMED_KINDS = ("person", "title", "organisation", "place", "name")
_BY_NAMES = ("romance", "marriage", "comrades")


def _stems(words: list[str]) -> set[str]:
    return {word[:4] for word in words if word not in _STOP}


class Scanner:
    """Rules built once per film; ``keys`` of a text is then linear in its length."""

    def __init__(self, dataset: Dataset) -> None:
        # trigger word -> [(fact key, groups: each group needs one of its words in the text)]
        self._rules: dict[str, list[tuple[str, tuple[frozenset[str], ...]]]] = {}
        self._phrases: dict[str, str] = {}  # folded phrase -> fact key
        # A fact's own value (a person, a title, a body, a place) in any text tells that fact
        # ("Bound for Glory" in an explanation answers a question about Wexler's borrowing).
        self._named: dict[str, set[str]] = {}
        prizes = {loose(award.category) for award in dataset.awards}
        for fact in dataset.facts:
            value = fact.value
            if value is not None and value.kind in _NAMED_KINDS and loose(value.text) not in prizes:
                self._named.setdefault(loose(value.text), set()).add(f"fact:{fact.id}")
        characters = {character.id: character for character in dataset.characters}
        names = {
            cid: self._name_words(character.name, character.aliases) for cid, character in characters.items()
        }
        for member in dataset.cast:
            surnames = {query_keys(name)[-1] for name in (member.name, *member.aliases) if query_keys(name)}
            for surname in surnames:
                self._add(surname, f"cast:{member.character}", names.get(member.character, frozenset()))
        for crew in dataset.crew:
            role = _stems(query_keys(crew.role))
            for name in (crew.name, *crew.aliases):
                keys = query_keys(name)
                if keys and role:
                    self._add(keys[-1], f"crew:{loose(crew.role)}", frozenset(role))
        for character in dataset.characters:
            for relation in character.relations:
                label = [word for word in query_keys(relation.label) if word not in _STOP]
                pair = "+".join(sorted((character.id, relation.target)))
                people = names[character.id] | names.get(relation.target, frozenset())
                if label:
                    self._add(label[0], f"rel:{pair}", people, *(frozenset({word}) for word in label[1:]))
                if relation.kind in _BY_NAMES and relation.target in names:
                    # A couple, or two comrades, named together tell the tie without its word
                    # ("Boris's pet name for her" beside Veronika; "Boris saves Volodya").
                    for word in names[character.id]:
                        self._add(word, f"rel:{pair}", names[relation.target])
            for nickname in character.nicknames:
                for word in query_keys(nickname.name)[-1:]:
                    self._add(word, f"nick:{character.id}", names[character.id])
        for index, award in enumerate(dataset.awards):
            self._phrases[loose(award.category)] = f"award:{index}:category"
            event_words = [word for word in query_keys(award.event) if word not in _STOP][:1]
            for word in event_words:
                self._add(word, f"award:{index}:year", frozenset({str(award.year)}))
        film = dataset.film
        titles = [film.original_title, film.transliteration, *(t.title for t in film.other_titles)]
        if film.play is not None:
            play = film.play
            titles += [play.original_title, play.transliteration, play.title, *play.english_titles]
            author = query_keys(play.author)
            if author:
                self._add(author[-1], "play:author", _WROTE)
        for title in titles:
            if title:
                self._phrases[loose(title)] = f"title:{loose(title)}"

    @staticmethod
    def _name_words(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
        words = {word for text in (name, *aliases) for word in query_keys(text) if word not in _STOP}
        return frozenset(words - _TITLE_WORDS)

    def _add(self, trigger: str, key: str, *groups: frozenset[str]) -> None:
        self._rules.setdefault(trigger, []).append((key, groups))

    def keys(self, text: str) -> set[str]:
        """The facts a text states."""
        folded = query_keys(text)
        present = set(folded) | _stems(folded)
        found: set[str] = set()
        for word in set(folded):
            for key, groups in self._rules.get(word, ()):
                if all(group & present for group in groups):
                    found.add(key)
        found |= values(text)
        if self._phrases:
            padded = f" {' '.join(folded)} "
            # Titles and prizes are few (they belong to the film, not to its cast).
            found |= {key for phrase, key in self._phrases.items() if phrase and f" {phrase} " in padded}
        padded = f" {' '.join(folded)} "
        for phrase, keys in self._named.items():
            if phrase and f" {phrase} " in padded:
                found |= keys
        return found


def values(text: str) -> set[str]:
    """Years, dates and figures in a text, as fact keys."""
    found = {f"year:{match}" for match in re.findall(YEAR, text)}
    for year, month, day in re.findall(_ISO_DATE, text):
        found.add(f"date:{year}-{month}-{day}")
    for day, month, year in re.findall(WORD_DATE, text):
        found.add(f"date:{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}")
    for figure in re.findall(_MILLIONS, text):
        found.add(f"number:{round(float(figure) * 10) * 100_000}")
    for figure in re.findall(_DIGITS, text):
        found.add(f"number:{round(int(figure.replace(',', '')), -5)}")
    return found
