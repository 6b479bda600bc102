"""Writing values the way a person reads them: dates in words, countries with their article,
names in running text, prizes with theirs, counts with plurals."""

from __future__ import annotations

import datetime

from cranes_cli.core.wording import country as country
from cranes_cli.core.wording import prize as prize
from cranes_cli.film.model import FAMILY_WORDS

# A character named by a family word ("Grandmother") is "the grandmother" in running text.
_FAMILY = {word for words in FAMILY_WORDS.values() for word in words}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# How the texts write a year, and a date in words (as date_words does): day, month, year.
YEAR = r"\b(1[6-9]\d\d|20\d\d)\b"
WORD_DATE = r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b"


def date_words(date: datetime.date) -> str:
    """12 October 1957."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def in_country(name: str) -> str:
    return f"in {country(name)}"


def person(name: str) -> str:
    """A character's name as running text reads it: 'Boris, the boy' becomes 'the boy Boris',
    'Grandmother' 'the grandmother'."""
    if name.lower() in _FAMILY:
        return f"the {name.lower()}"
    base, comma, rest = name.partition(", ")
    if comma and rest.lower().startswith("the "):
        return f"{rest} {base}"
    return name


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    return f"{name}'s"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def event(name: str, year: int) -> str:
    """'the 1958 Cannes Film Festival'."""
    return f"the {year} {name}"


def recipient(text: str) -> str:
    """An award's recipient without the bracketed remark: 'The Cranes Are Flying (Mikhail
    Kalatozov)' is 'The Cranes Are Flying'."""
    return text.split(" (")[0].strip() or text


def tickets(count: int) -> str:
    """Round figures as a person says them: '28.3 million', '950,000'."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} million".replace(".0 ", " ")
    digits = len(str(count))
    rounded = round(count, -max(digits - 2, 0))
    return f"{rounded:,}"


def in_cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter."""
    return any("\u0400" <= char <= "\u04ff" for char in text)


def quoted(title: str) -> str:
    """A title or a word as the house style quotes it: «Russian», “any other”."""
    return f"«{title}»" if in_cyrillic(title) else f"“{title}”"


# Words that start a setting or an event and are written small inside a sentence ("act 4:
# later in the war"); a name such as "Moscow" or "November 1961" keeps its capital.
_SMALL = {"a", "an", "the", "after", "before", "later", "early", "during", "dawn", "dusk", "midwinter"}
_SMALL |= {"spring", "summer", "autumn", "winter", "night", "morning", "evening", "back", "at", "in", "on"}


def inside(text: str) -> str:
    """``text`` as the middle of a sentence: 'Later in the war' becomes 'later in the war'."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _SMALL and first[:1].isupper() else text


def lower_first(text: str) -> str:
    """A sentence as the second half of another: 'Born Kalatozishvili' becomes 'born
    Kalatozishvili'; a name or an acronym keeps its capital."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in _OPENERS else text


# Words that open a note and are written small after a colon or a semicolon.
_OPENERS = {"Born", "Adapted", "A", "An", "The", "He", "She", "His", "Her", "They", "Also", "Later", "Known"}
_OPENERS |= {"What", "Who", "When", "Where", "It", "This", "That", "One", "Some"}
