"""How a question is written down: a multiple-choice question or a true/false statement, and the
small helpers every family of questions shares (an id's slug, a name in Cyrillic, names that
contain one another)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cranes_cli.core.quiz.question import TRUE_FALSE, TRUE_OR_FALSE, Question
from cranes_cli.core.text import fold, loose, query_keys

if TYPE_CHECKING:
    from cranes_cli.core.choices import Difficulty


def slug(text: str) -> str:
    return "-".join(re.findall(r"[^\W_]+", text.lower())) or "x"


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
) -> Question | None:
    if wrong is None:
        return None
    asks = frozenset(asks)
    unread = ((), (prompt, answer, explanation, *shown))
    return Question(
        id, topic, difficulty, prompt, answer, (answer, *wrong), explanation, act, asks, asks, None, unread
    )


def tf(
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
    return a.isascii() == b.isascii() and loose(a) != loose(b)
