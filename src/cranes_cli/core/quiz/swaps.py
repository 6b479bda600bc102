"""False statements: a fact's text with one value exchanged for another of the same kind."""

from __future__ import annotations

import datetime
import random
import re

from cranes_cli.core.quiz import english as en
from cranes_cli.core.quiz.context import Context
from cranes_cli.core.text import loose
from cranes_cli.film.model import Fact

# A statement with one of these words can turn true when a value is swapped ("X did not win").
_NEGATIONS = {"not", "never", "no", "nor", "only", "without", "instead", "neither", "none"}


def negated(text: str) -> bool:
    return bool(_NEGATIONS & set(re.findall(r"[a-z]+", text.lower()))) or "n't" in text.replace("’", "'")


def _near_figures(text: str, value: str) -> bool:
    """Whether the text holds another figure close to ``value`` (95 minutes 'from 91 to 98'):
    changing one would leave the sentence at odds with itself."""
    try:
        number = float(value.replace(",", "").split()[0])
    except ValueError:
        return False
    others = [float(f.replace(",", "")) for f in re.findall(r"\d[\d,]*(?:\.\d+)?", text.replace(value, " "))]
    return any(abs(other - number) <= 0.2 * number for other in others)


# An age or a span worked out from a date or year in the same sentence ("born on 4 May 1934,
# so she turned 24 during the 1958 festival"): moving the date would leave the sentence at odds
# with itself, so such a date or year is not swapped.
_DERIVED = re.compile(r"\b(?:turned|aged|age of|at the age of)\s+\d{1,3}\b|\b\d{1,3} years\b", re.IGNORECASE)


def _derives(text: str) -> bool:
    return _DERIVED.search(text) is not None


def swapped(ctx: Context, text: str, seed: str) -> str | None:
    """``text`` with one value exchanged for another of the same kind (a date, a figure, a
    year), so it becomes false; None when no value can be swapped safely."""
    if negated(text):
        return None
    rng = random.Random(seed)
    film = ctx.dataset.film
    dated = not _derives(text)
    dates = re.findall(en.WORD_DATE, text) if dated else []
    for day, month, year in dates:
        found = f"{day} {month} {year}"
        moved = datetime.date(int(year), en.MONTHS.index(month) + 1, min(int(day), 28))
        moved += datetime.timedelta(days=rng.choice((-1, 1)) * rng.randrange(40, 300))
        return text.replace(found, en.date_words(moved), 1)
    for figure in re.findall(r"\b\d+(?:\.\d+)? million\b", text):
        value = int(float(figure.split()[0]) * 1_000_000)
        choices = [en.tickets(e.admissions) for e in film.admissions if en.tickets(e.admissions) != figure]
        figures = [c for c in choices if loose(c) != loose(en.tickets(value))]
        if figures:
            return text.replace(figure, rng.choice(figures), 1)
    for year in re.findall(en.YEAR, text) if dated else []:
        return re.sub(rf"\b{year}\b", str(int(year) + rng.choice((-3, -2, 2, 3))), text, count=1)
    return None


_NUMBER_WORDS = [
    *[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
    ],
    *[
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
    ],
    *["eighty", "ninety"],
]
_DAY_MONTH = r"^(\d{1,2}) (" + "|".join(en.MONTHS) + r")(?: (\d{4}))?$"


# The kinds of value a false statement may change by itself: a year, a date, a figure, a place
# of the same sort. Another person or title of the file is seldom of the same class (a film
# of 1976 for a film of 1930, a director as an actor's father), so those are left to the
# falsehoods written by hand in the file's quiz questions.
SWAPPABLE = ("year", "date", "number", "place")


def alternatives(ctx: Context, fact: Fact, seed: str, count: int = 3) -> list[str] | None:
    """``count`` other values of the fact's kind, each of which would make its text false (the
    wrong options of a fill-the-gap question); None when there are not that many."""
    value = fact.value
    if value is None or value.kind not in SWAPPABLE:
        return None
    found: list[str] = []
    for attempt in range(24):
        text = swapped_value(ctx, fact, f"{seed}:{attempt}")
        if text is None:
            continue
        new = _new_value(fact.text, text, value.text)
        if new and new not in found and new not in fact.text:
            found.append(new)
        if len(found) == count:
            return found
    return None


def swapped_value(ctx: Context, fact: Fact, seed: str) -> str | None:
    """The fact's text with its marked value (``value``) exchanged for another of the same
    kind: a year or a date moved, a figure changed, a name, place or title taken from another
    fact of that kind. None when the statement could turn true by the swap (it has a negation
    or 'only') or there is nothing to swap with."""
    value = fact.value
    if value is None:
        return swapped(ctx, fact.text, seed)
    if value.kind not in SWAPPABLE:
        return None  # a person, a title or a body is swapped only by a falsehood written by hand
    if negated(fact.text) or value.text not in fact.text or _near_figures(fact.text, value.text):
        return None
    if value.kind in ("date", "year") and _derives(fact.text):
        return None
    rng = random.Random(seed)
    old = value.text
    new: str | None = None
    if value.kind == "year" and old.isdigit():
        new = str(int(old) + rng.choice((-3, -2, 2, 3)))
    elif value.kind == "date" and (match := re.match(_DAY_MONTH, old)):
        day, month, year = int(match[1]), en.MONTHS.index(match[2]), match[3]
        month = (month + rng.choice((-3, -2, -1, 1, 2, 3))) % 12
        new = f"{min(day, 28)} {en.MONTHS[month]}" + (f" {year}" if year else "")
    elif value.kind == "number":
        new = _other_number(old, rng)
    elif value.kind != "organisation":  # a studio, a magazine and a theatre are not one kind
        same = sorted(
            {
                other.value.text
                for other in ctx.dataset.facts
                if other.value is not None and other.value.kind == value.kind
                and other.value.text not in fact.text
                and not negated(other.value.text)
            }
        )  # fmt: skip
        same = _same_sort(ctx, value.kind, old, same, fact.text)
        new = rng.choice(same) if same else None
    if new is None or new == old:
        return None
    if value.kind == "place":
        # Keep the article right: "in the United States", "in Vladimir".
        old = f"the {old}" if f"the {old}" in fact.text else old
        new = en.country(new)
    return fact.text.replace(old, new, 1)


def _same_sort(ctx: Context, kind: str, old: str, same: list[str], text: str) -> list[str]:
    """Of the values of one kind, those of the same sort as ``old``, so the false statement
    does not give itself away: a country for a country and a town for a town (not "a Soviet
    cultural attaché in Vladimir"), a prize for a prize and a work for a work, in the same
    alphabet (not a film's title in place of a Russian rhyme)."""
    if kind == "place":
        film = ctx.dataset.film
        known = {r.country for r in film.releases} | {a.country for a in film.admissions}
        countries = {loose(name) for name in known | ({film.country} if film.country else set())}
        if loose(old) not in countries:
            return [place for place in same if loose(place) not in countries]
        # Another country the film knows of, but not its own (a Soviet attaché serves abroad).
        others = {name for name in known if name != film.country and name not in text}
        return sorted({place for place in same if loose(place) in countries} | others - {old})
    if kind == "title":
        prizes = {loose(award.category) for award in ctx.dataset.awards}
        return [
            title
            for title in same
            if en.in_cyrillic(title) == en.in_cyrillic(old)
            and (loose(title) in prizes) == (loose(old) in prizes)
        ]
    return same


def _other_number(text: str, rng: random.Random) -> str | None:
    if text in _NUMBER_WORDS:
        index = _NUMBER_WORDS.index(text)
        other = index + rng.choice((-2, -1, 1, 2, 3))
        return _NUMBER_WORDS[other] if 1 <= other < len(_NUMBER_WORDS) and index > 1 else None
    match = re.fullmatch(r"([\d,]+(?:\.\d+)?)( million)?", text)
    if match is None:
        return None
    number = float(match[1].replace(",", ""))
    if match[2]:
        return f"{number * rng.choice((0.4, 0.6, 1.5, 2.2)):.1f}".removesuffix(".0") + " million"
    if number < 1000:
        return str(int(number) + rng.choice((-6, -4, 4, 6)))
    changed = int(number * rng.choice((0.5, 0.7, 1.4, 1.8)))
    return f"{changed:,}" if "," in match[1] else str(changed)


def _new_value(old: str, new: str, value: str) -> str:
    """What stands in ``new`` where ``value`` stood in ``old`` (the rest of the text unchanged),
    else the words that differ."""
    start = old.find(value)
    before, after = old[:start], old[start + len(value) :]
    if start >= 0 and new.startswith(before) and new.endswith(after) and len(new) > len(before) + len(after):
        return new[len(before) : len(new) - len(after)]
    return _changed_words(old, new)


def _changed_words(old: str, new: str) -> str:
    """The words of ``new`` that differ from ``old``, which differs from it in one place."""
    before, after = old.split(" "), new.split(" ")
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return " ".join(after[start : len(after) - end]).strip(",.;:")
