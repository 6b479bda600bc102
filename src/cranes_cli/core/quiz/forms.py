"""How a question is written down: a multiple-choice question or a true/false statement, and the
small helpers every family of questions shares (an id's slug, a name in Cyrillic, names that
contain one another)."""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cranes_cli.core.quiz.english import in_cyrillic
from cranes_cli.core.quiz.question import TRUE_FALSE, TRUE_OR_FALSE, Question
from cranes_cli.core.text import fold, loose, query_keys

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty


def slug(text: str) -> str:
    return "-".join(re.findall(r"[^\W_]+", text.lower())) or "x"


def declared(asks: Iterable[str]) -> tuple[str, ...]:
    """The facts a question is about: its keys but a bare year, which many facts share."""
    return tuple(sorted(key for key in asks if not key.startswith("year:")))


def mc(
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
    reveals: Iterable[str] = (),
) -> Question | None:
    """A multiple-choice question, or None when there are no wrong answers to offer.
    ``reveals``: facts it gives away that its words alone do not show (the events it lists)."""
    if wrong is None:
        return None
    asks = frozenset(asks)
    unread = ((), (prompt, answer, explanation, *shown))
    return Question(
        id, topic, difficulty, prompt, answer, (answer, *wrong), explanation, act, asks, asks | set(reveals),
        None, unread, declared(asks),
    )  # fmt: skip


def tf(
    *,
    id: str,
    topic: str,
    difficulty: Difficulty,
    truth: str,
    falsehood: str | None,
    asks: Iterable[str],
    act: int | None = None,
    true_note: str,
    false_note: str = "",
) -> Question | None:
    """A true/false question, or None when there is no honest false statement to pair the truth
    with (a fact that can only ever be true is not a question). Whether the statement shown is
    the true or the false one is fixed by the question's id, so it is the same in every quiz and
    under every guard, and about half the statements are true. The explanation never repeats
    the statement: a true one is followed by ``true_note`` (one more detail), a false one by the
    truth and ``false_note``."""
    if falsehood is None or falsehood == truth or not true_note:
        return None
    asks = frozenset(asks)
    if zlib.crc32(id.encode()) % 2:
        statement, answer = falsehood, TRUE_FALSE[1]
        explanation = truth + (f" {false_note}" if false_note else "")
    else:
        statement, answer, explanation = truth, TRUE_FALSE[0], true_note
    prompt = f"{TRUE_OR_FALSE}{statement}"
    # The truth is what the question asks; all that is shown (read together, so a name in the
    # statement and one in a cited title are seen side by side) is what it reveals.
    return Question(
        id, topic, difficulty, prompt, answer, TRUE_FALSE, explanation, act, asks, asks,
        truth if answer == TRUE_FALSE[1] else None, ((truth,), (prompt, explanation)), declared(asks),
    )  # fmt: skip


def cyrillic(name: str, cyrillic: str | None) -> str:
    """' (Татьяна Самойлова)' when the file gives the name in Cyrillic, else nothing."""
    return f" ({cyrillic})" if cyrillic and cyrillic != name else ""


def lower_the(name: str) -> str:
    return "the" + name[3:] if name.startswith("The ") else name


def shares_name(a: str, b: str) -> bool:
    """Whether one name is contained in the other ('Boris' and 'the boy Boris'), so offering
    both would be confusing."""
    ours, theirs = _name_words(a), _name_words(b)
    return bool(ours) and bool(theirs) and (ours <= theirs or theirs <= ours)


@functools.lru_cache(maxsize=8192)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(query_keys(name)) - _TITLE_WORDS


_TITLE_WORDS = {fold(word) for word in ("the", "boy", "girl", "old", "young", "man", "woman")}


def same_script(a: str, b: str) -> bool:
    """Two different titles in the same alphabet (an accent does not make another one)."""
    return in_cyrillic(a) == in_cyrillic(b) and loose(a) != loose(b)


# Words of a note about the file's own sources or certainty, which is for `--cite`, not for a
# player ("the review this project started from", "so the day is marked single").
CURATION_WORDS = re.compile(
    r"\b(?:sources?|this project|this file|the review|marked|confidence|firm|credited|credits?|"
    r"databases?|transliteration|mis-transliteration|spelled|spelling|pages?|wording|articles?|"
    r"rests on|copies|catalogue)\b|^Sources?\b",
)


def curation_note(text: str) -> bool:
    return CURATION_WORDS.search(text) is not None


def teaching(note: str | None) -> str:
    """The sentences of a note that tell a player something about the film, without those about
    the file's sources or certainty."""
    if not note:
        return ""
    sentences = re.split(r"(?<=[.!?])\s+", note.strip())
    return " ".join(sentence for sentence in sentences if sentence and not curation_note(sentence))
