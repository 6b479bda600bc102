"""What a player's reply means."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cranes_cli.core.quiz.question import TRUE_FALSE, Question
from cranes_cli.core.text import loose

if TYPE_CHECKING:
    from dataclasses import dataclass
else:
    from cranes_cli.frozen import dataclass

MAX_REPLY = 1000  # characters; a longer reply is no answer to any option

_TRUE_WORDS = {"t", "true", "y", "yes"}
_FALSE_WORDS = {"f", "false", "n", "no"}


@dataclass(frozen=True)
class Verdict:
    option: str  # the option the answer was taken to mean
    correct: bool
    corrected_from: str | None = None  # set when a misspelling was accepted


def judge(question: Question, reply: str) -> Verdict | None:
    """What a reply means: a letter, a number, the option's text (case, accents, spelling
    variants and small typos forgiven), or for true/false also yes/no. None when it means
    nothing, so the question is asked again."""
    if len(reply) > MAX_REPLY:
        return None
    text = loose(reply)
    if not text:
        return None
    options = question.options
    chosen: str | None = None
    corrected: str | None = None
    if len(text) == 1 and "a" <= text <= chr(ord("a") + len(options) - 1):
        chosen = options[ord(text) - ord("a")]
    elif text.isdigit() and len(text) <= 2 and 1 <= int(text) <= len(options):
        chosen = options[int(text) - 1]
    elif question.is_true_false and text in _TRUE_WORDS | _FALSE_WORDS:
        chosen = TRUE_FALSE[0] if text in _TRUE_WORDS else TRUE_FALSE[1]
    else:
        exact = [option for option in options if loose(option) == text]
        if exact:
            chosen = exact[0]
        else:
            chosen = _near_miss(text, options)
            corrected = reply.strip() if chosen is not None else None
    if chosen is None:
        return None
    return Verdict(chosen, chosen == question.answer, corrected)


def _near_miss(text: str, options: tuple[str, ...]) -> str | None:
    """The one option a reply is a small typo of, if exactly one is close enough."""
    import difflib

    close = []
    for option in options:
        key = loose(option)
        if len(text) <= 2 * len(key) + 10 and difflib.SequenceMatcher(None, text, key).ratio() >= 0.8:
            close.append(option)
    return close[0] if len(close) == 1 else None
