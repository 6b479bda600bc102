"""Articles for running text outside the quiz: 'Released in the Soviet Union', 'wins the Palme
d'Or'. The quiz's English (core/quiz/english.py) uses these too; this module imports nothing,
so the timeline does not load the quiz for them."""

from __future__ import annotations

# Country names that take "the" in running text.
_THE_WORDS = {"union", "states", "kingdom", "republic", "netherlands", "philippines", "emirates", "islands"}


def country(name: str) -> str:
    """'the Soviet Union', 'France'."""
    if name.lower().startswith("the ") or not _THE_WORDS & set(name.lower().split()):
        return name
    return f"the {name}"


def prize(category: str) -> str:
    """'the Palme d'Or', 'a Special Mention', 'the award for Best Foreign Actress'."""
    lowered = category.lower()
    if lowered.startswith(("best ", "most ")):
        return f"the award for {category}"
    if lowered.endswith(("mention", "diploma", "commendation")):
        return f"a {category}"
    return f"the {category}"
