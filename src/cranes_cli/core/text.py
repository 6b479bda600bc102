"""Matching words the way people type them: case, accents, Cyrillic and the usual
romanisations of Russian names fold to one spelling, and small typos are forgiven."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

MAX_TERM_LENGTH = 200

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i",
}  # fmt: skip
# Letters NFKD does not take apart.
_LATIN = {"ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ı": "i"}
# Romanisation variants of the same Russian sound, applied in order: Yevgeny/Evgeny,
# Fyodor/Fedor, Tatyana/Tatiana, Alexei/Aleksey, Kharitonova/Haritonova, Weinberg/Veinberg,
# Samojlova/Samoilova, Ouroussevski/Urusevsky.
_VARIANTS = (("ye", "e"), ("je", "e"), ("yo", "e"), ("x", "ks"), ("kh", "h"), ("w", "v"),
             ("y", "i"), ("j", "i"), ("ou", "u"))  # fmt: skip
_WORD = r"\w+"
_COMBINING_MARKS = range(0x300, 0x370)
_TABLE = str.maketrans({**_CYRILLIC, **_LATIN, **{chr(mark): None for mark in _COMBINING_MARKS}})
_DOUBLED = r"(.)\1+"


_folded: dict[str, str] = {}


def fold(word: str) -> str:
    """The spelling-independent key of one word: ``Samoylova``, ``Samoilova`` and
    ``Самойлова`` all fold to ``samoilova``."""
    known = _folded.get(word)
    if known is None:
        known = _folded[word] = _fold(word)
    return known


def _fold(word: str) -> str:
    folded = word.casefold()
    if not folded.isascii():
        # NFKD splits é into e + accent, й into и + breve and ё into its plain letter + diaeresis; the
        # table drops the marks and spells Cyrillic in Latin letters.
        folded = unicodedata.normalize("NFKD", folded).translate(_TABLE)
    for variant, usual in _VARIANTS:
        folded = folded.replace(variant, usual)
    return re.sub(_DOUBLED, r"\1", folded)


class Word(NamedTuple):
    """A word in a text: where it sits and its folded key."""

    start: int
    end: int
    key: str


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), fold(m.group())) for m in re.finditer(_WORD, text)]


def query_keys(term: str) -> list[str]:
    """The folded words of a search term (control characters and punctuation separate words)."""
    return [word.key for word in words(term) if word.key]


def allowed_typos(key: str) -> int:
    if len(key) <= 3:
        return 0
    return 1 if len(key) <= 6 else 2


def within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance between ``a`` and ``b`` is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


EXACT, PREFIX, NEAR = 3, 2, 1


def closeness(query: str, key: str) -> int:
    """How well a query word matches a text word: EXACT, PREFIX, NEAR (a small typo) or 0."""
    if query == key:
        return EXACT
    if len(query) >= 3 and key.startswith(query):
        return PREFIX
    if within(query, key, allowed_typos(query)):
        return NEAR
    return 0


def shown(term: str, limit: int = 40) -> str:
    """A user's term, safe to quote in a one-line message: control characters become '?'."""
    cleaned = "".join(char if char.isprintable() else "?" for char in term)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return repr(cleaned)


def did_you_mean(suggestions: list[str]) -> str:
    """' (did you mean A, B?)' to end a not-found message, or nothing without suggestions."""
    return f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
