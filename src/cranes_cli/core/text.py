"""Matching words the way people type them: case, accents, Cyrillic and the usual
romanisations of Russian names fold to one spelling, and small typos are forgiven."""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable
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
# A word may hold apostrophes (d'Or, Boris's): it is one word, its key without them.
_WORD = r"\w+(?:['’]\w+)*"
_APOSTROPHES = str.maketrans("", "", "'’")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# One-letter elisions a reader may type apart from the next word: "palme d or" for Palme d'Or.
_ELISIONS = frozenset({"d", "l"})
# Russian surnames take a feminine ending (as folded): Borozdina, Samoilova, Timofeeva, Urusevskaia.
_FEMININE = (("skaia", "ski"), ("ova", "ov"), ("eva", "ev"), ("ina", "in"))
FEMININE_ENDINGS = tuple(feminine for feminine, _ in _FEMININE)
_COMBINING_MARKS = range(0x300, 0x370)
_TABLE = str.maketrans({**_CYRILLIC, **_LATIN, **{chr(mark): None for mark in _COMBINING_MARKS}})
_DOUBLED = re.compile(r"(.)\1+")
_FIRST = operator.itemgetter(1)  # the letter a run of it becomes (in C, unlike r"\1")


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
    # Most words have no doubled letter: looking costs less than substituting nothing.
    return _DOUBLED.sub(_FIRST, folded) if _DOUBLED.search(folded) else folded


def _fold_many(words: list[str]) -> list[str]:
    """``[_fold(word) for word in words]``, done on all the words at once: each step of _fold
    works character by character or within a word, and the newline that joins them is no
    word character, so nothing crosses from one word to the next. A million different words
    (a 6 MB title) fold in a second instead of five."""
    if not words:
        return []
    joined = "\n".join(words).casefold()
    if not joined.isascii():
        joined = unicodedata.normalize("NFKD", joined).translate(_TABLE)
    for variant, usual in _VARIANTS:
        joined = joined.replace(variant, usual)
    return _DOUBLED.sub(_FIRST, joined).split("\n")


class Word(NamedTuple):
    """A word in a text: where it sits and its folded key."""

    start: int
    end: int
    key: str


def word_key(word: str) -> str:
    """The key of a word as ``words`` finds them: folded, a possessive 's dropped, apostrophes
    taken out (``Boris's`` → ``boris``, ``d'Or`` → ``dor``)."""
    if "'" in word or "’" in word:
        word = _POSSESSIVE.sub("", word).translate(_APOSTROPHES)
    return fold(word)


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), word_key(m.group())) for m in re.finditer(_WORD, text)]


def word_keys(text: str) -> tuple[str, ...]:
    """The key of each word of ``text``, in order: ``words`` without the offsets, a few bytes
    a word, for texts of a million words."""
    spelled: list[str] = re.findall(_WORD, text)
    if len(spelled) < 1000:
        return tuple(map(word_key, spelled))
    # A long text: each distinct word folded once, all at once, and not kept in the fold
    # cache (a million words would stay there); words with apostrophes one by one.
    distinct = list(dict.fromkeys(spelled))
    if "'" in text or "’" in text:
        plain = [word for word in distinct if "'" not in word and "’" not in word]
        key_of = dict(zip(plain, _fold_many(plain), strict=True))
        key_of.update((word, word_key(word)) for word in distinct if word not in key_of)
    elif len(distinct) == len(spelled):  # no word repeats: the keys are the folds, in order
        return tuple(_fold_many(distinct))
    else:
        key_of = dict(zip(distinct, _fold_many(distinct), strict=True))
    return tuple(map(key_of.__getitem__, spelled))


def word_spellings(text: str) -> list[str]:
    """Each word of ``text`` as it is written, in order (as ``word_keys`` keys them)."""
    return re.findall(_WORD, text)


def word_spans(text: str, indexes: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """(start, end) in ``text`` of the words at ``indexes`` (in increasing order)."""
    wanted = iter(indexes)
    next_index = next(wanted, None)
    spans: list[tuple[int, int]] = []
    if next_index is None:
        return ()
    for position, match in enumerate(re.finditer(_WORD, text)):
        if position == next_index:
            spans.append(match.span())
            next_index = next(wanted, None)
            if next_index is None:
                break
    return tuple(spans)


def query_keys(term: str) -> list[str]:
    """The folded words of a search term (control characters and punctuation separate words);
    a lone ``d`` or ``l`` joins the next word, as in "palme d or"."""
    keys: list[str] = []
    pending = ""
    for match in re.finditer(_WORD, term):
        key = word_key(match.group())
        if not key:
            continue
        if match.group().casefold() in _ELISIONS:
            pending += key
            continue
        keys.append(pending + key)
        pending = ""
    return keys + ([pending] if pending else [])


def masculine(key: str) -> str:
    """The masculine form of a folded Russian surname (``borozdina`` → ``borozdin``); any other
    key as it is. A short word is left alone (``ina`` is no surname)."""
    for feminine, male in _FEMININE:
        if key.endswith(feminine) and len(key) > len(feminine) + 2:
            return key[: -len(feminine)] + male
    return key


def allowed_typos(key: str) -> int:
    if len(key) <= 3:
        return 0
    return 1 if len(key) <= 6 else 2


def within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance between ``a`` and ``b`` is at most ``limit``, where two
    letters swapped side by side count as one edit ("mrak" for Mark), as a typist makes them
    (the optimal string alignment form of Damerau-Levenshtein distance)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        # A swap reaches back two rows, but only from a cell within the limit minus one, which
        # leaves a cell within the limit on the row between: so a row all above it ends the search.
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


EXACT, PREFIX, NEAR = 3, 2, 1  # how well a query word matches a text word (search ranks by it)


def shown(term: str, limit: int = 40) -> str:
    """A user's term, safe to quote in a one-line message: control characters become '?'."""
    cleaned = "".join(char if char.isprintable() else "?" for char in term)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return repr(cleaned)


def did_you_mean(suggestions: list[str]) -> str:
    """' (did you mean A, B?)' to end a not-found message, or nothing without suggestions."""
    return f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""


def loose(text: str) -> str:
    """A whole phrase compared loosely: its folded words joined by single spaces, so case,
    accents, punctuation, spacing, Cyrillic and romanisation variants are all ignored."""
    return " ".join(key for key in query_keys(text))
