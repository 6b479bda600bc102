"""Articles for running text outside the quiz: 'Released in the Soviet Union', 'wins the Palme
d'Or'. The quiz has its own copy in core/quiz/english.py; this one does not import the quiz."""

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
