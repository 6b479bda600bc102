"""The rules of sources and their evidence, checked on a parsed film file.

A record's ``sources`` name [[bibliography]] entries; its ``evidence`` quotes, for each of them,
the words that support it. An entry may name the entry it copies or derives from
(``derives_from``); the root of that chain is its *family*, and two sources of one family are
one source, not two. So:

- ``derives_from`` names another entry, never going round in a circle (that an address is an
  http:// or https:// one is the model's format for ``url``);
- a quote belongs to one of its record's sources, is not empty, stays short, and comes with an
  English gloss when its source is not in English;
- every source a fact cites is quoted;
- a record rated ``firm`` quotes sources of at least two families.

Works on the parsed document, like the other checks of meaning in ``load``: a value of the
wrong type is skipped here (the structural check reports it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from cranes_cli.film.reading import Problem, tables

# Quotes are "at most about 40 words"; past this many, a quote is a passage, not a citation.
MAX_QUOTE_WORDS = 50


def families(parents: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Each entry's family: the root of its ``derives_from`` chain (itself when it has none).
    A chain that breaks off (an unknown key) or goes round ends at the last entry reached.
    Each entry is walked once: a chain reaching an entry whose family is known takes it."""
    parent = dict(parents)
    found: dict[str, str] = {}
    for key in parent:
        chain: dict[str, None] = {key: None}
        last = key
        while last not in found:
            above = parent.get(last)
            if above is None or above not in parent or above in chain:
                break
            chain[above] = None
            last = above
        root = found.get(last, last)
        for member in chain:
            found.setdefault(member, root)
    return found


def check_evidence(document: dict[str, Any]) -> list[Problem]:
    """Every problem with the file's addresses, families, quotes and firm ratings."""
    problems: list[Problem] = []
    entries = tables(document.get("bibliography"))
    languages: dict[str, Any] = {}
    parents: dict[str, str | None] = {}
    for _, entry in entries:
        key = entry.get("key")
        if isinstance(key, str):
            languages[key] = entry.get("language")
            above = entry.get("derives_from")
            parents[key] = above if isinstance(above, str) else None
    for index, entry in entries:
        _check_entry(entry, f"bibliography[{index}]", parents, problems)
    problems += _check_circles(entries, {key: above for key, above in parents.items() if above != key})
    family = families(parents.items())
    for path, record in _records(document, ""):
        _check_record(record, path, languages, family, problems)
    return problems


def _check_entry(
    entry: dict[str, Any], path: str, parents: dict[str, str | None], problems: list[Problem]
) -> None:
    key, above = entry.get("key"), entry.get("derives_from")
    if not isinstance(above, str) or not isinstance(key, str):
        return
    if above == key:
        problems.append(Problem(f"{path}.derives_from", "an entry cannot derive from itself"))
    elif above not in parents:
        problems.append(Problem(f"{path}.derives_from", f"no bibliography key {above!r}"))


def _check_circles(
    entries: list[tuple[int, dict[str, Any]]], parents: dict[str, str | None]
) -> list[Problem]:
    """One problem per circle of ``derives_from``, at the entry of the circle that comes first
    in the file: each entry is walked once, so a long chain costs no more than its length."""
    index_of = {entry["key"]: index for index, entry in entries if isinstance(entry.get("key"), str)}
    state: dict[str, int] = {}  # 1: on the walk now; 2: done
    problems: list[Problem] = []
    for start in parents:
        walk: list[str] = []
        key: str | None = start
        while key is not None and key in parents and key not in state:
            state[key] = 1
            walk.append(key)
            key = parents[key]
        if key is not None and state.get(key) == 1:  # came back onto this walk: a circle
            circle = walk[walk.index(key) :]
            first = min(circle, key=lambda member: index_of.get(member, 0))
            turned = circle[circle.index(first) :] + circle[: circle.index(first)]
            where = f"bibliography[{index_of.get(first, 0)}].derives_from"
            problems.append(Problem(where, f"goes round in a circle: {' → '.join([*turned, first])}"))
        for member in walk:
            state[member] = 2
    return problems


def _records(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every table in the document that cites sources or quotes them, with its key path."""
    if isinstance(value, dict):
        if "sources" in value or "evidence" in value:
            yield path, value
        for key, item in value.items():
            if key not in ("sources", "evidence", "bibliography"):
                yield from _records(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _records(item, f"{path}[{index}]")


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _check_record(
    record: dict[str, Any],
    path: str,
    languages: dict[str, Any],
    family: dict[str, str],
    problems: list[Problem],
) -> None:
    sources = set(_strings(record.get("sources")))
    quoted: dict[str, None] = {}
    for index, evidence in tables(record.get("evidence")):
        where = f"{path}.evidence[{index}]"
        source = evidence.get("source")
        if isinstance(source, str) and source not in sources:
            problems.append(
                Problem(
                    f"{where}.source",
                    f"{source!r} is not one of this record's sources: quote a source it cites",
                )
            )
        elif isinstance(source, str) and _check_quote(evidence, where, languages.get(source), problems):
            quoted[source] = None
    if path.startswith("facts["):
        with_quotes = {e.get("source") for _, e in tables(record.get("evidence"))}
        for index, source in enumerate(record.get("sources") or []):
            known = source in languages  # an unknown key is reported once, as unknown
            if isinstance(source, str) and known and source not in with_quotes:
                problems.append(
                    Problem(
                        f"{path}.sources[{index}]",
                        f"{source!r} has no quote: a fact needs evidence from every source it cites "
                        "(the words of that source that support it)",
                    )
                )
    if record.get("confidence") == "firm":
        _check_firm(path, list(quoted), family, problems)


def _check_quote(evidence: dict[str, Any], where: str, language: Any, problems: list[Problem]) -> bool:
    """Whether the quote is one a reader can check; reports what is wrong with it."""
    quote = evidence.get("quote")
    if not isinstance(quote, str):
        return False
    words = len(quote.split())
    if words == 0:
        problems.append(Problem(f"{where}.quote", "is empty: give the words of the source"))
        return False
    ok = True
    if words > MAX_QUOTE_WORDS:
        problems.append(
            Problem(
                f"{where}.quote",
                f"is {words} words long: quote at most about 40 words (the passage that says it)",
            )
        )
        ok = False
    gloss = evidence.get("gloss")
    if isinstance(language, str) and language.strip().lower() != "english" and gloss is None:
        problems.append(
            Problem(
                f"{where}.gloss",
                f"missing: the source is in {language}, so give an English gloss of the quote",
            )
        )
        ok = False
    return ok


def _check_firm(path: str, quoted: list[str], family: dict[str, str], problems: list[Problem]) -> None:
    groups: dict[str, list[str]] = {}
    for source in quoted:
        groups.setdefault(family.get(source, source), []).append(source)
    if len(groups) >= 2:
        return
    if not groups:
        found = "it quotes none"
    else:
        ((root, members),) = groups.items()
        found = f"it quotes only {', '.join(members)}, all of {root}'s family"
    problems.append(
        Problem(
            f"{path}.confidence",
            f"'firm' needs evidence from sources of two families; {found} (quote a second, "
            "independent source, or rate it 'single')",
        )
    )
