"""Where facts come from: the source keys records cite, resolved to bibliography entries."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from cranes_cli.film.evidence import families
from cranes_cli.film.model import BibliographyEntry, Dataset, Evidence


def cited(value: Any) -> list[str]:
    """Every source key cited anywhere in ``value`` (records, tuples, lists, dicts), in the
    order first met, without repeats."""
    return list(dict.fromkeys(key for keys in _source_lists(value) for key in keys if isinstance(key, str)))


def use_counts(dataset: Dataset) -> dict[str, int]:
    """How many records cite each source key."""
    counts: dict[str, int] = {}
    for keys in _source_lists(dataset):
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _source_lists(value: Any) -> Iterator[tuple[Any, ...] | list[Any]]:
    """Each record's ``sources`` in ``value``, walking records, tuples, lists and dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        items: Iterable[tuple[str, Any]] = ((field.name, getattr(value, field.name)) for field in fields)
    elif isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (tuple, list)):  # named tuples too: their fields are their items
        items = (("", item) for item in value)
    else:
        return
    for name, item in items:
        if name == "sources" and isinstance(item, (tuple, list)):
            yield item
        else:
            yield from _source_lists(item)


def family_of(dataset: Dataset) -> dict[str, str]:
    """Each source key's family: the entry at the root of its ``derives_from`` chain (a copy
    and its original are one family, and ``firm`` needs two)."""
    return families((entry.key, entry.derives_from) for entry in dataset.bibliography)


def entries(dataset: Dataset, keys: Iterable[str]) -> list[BibliographyEntry]:
    """The bibliography entries for ``keys``, in their order; a key the bibliography lacks
    is skipped (a loaded film file has none: validation refuses them)."""
    by_key = {entry.key: entry for entry in dataset.bibliography}
    return [by_key[key] for key in keys if key in by_key]


def describe(entry: BibliographyEntry, address: bool = True) -> str:
    """A reader's one-line citation: title, site and language, then the address."""
    parts = [entry.title]
    if entry.site:
        parts.append(entry.site)
    line = ", ".join(parts)
    if entry.language:
        line += f" ({entry.language})"
    if entry.url and address:
        line += f". {entry.url}"
    return line


class Footnotes:
    """Numbers sources in the order a view first cites them, as footnotes do, and keeps the
    quotes the cited records give from each (their evidence), once each, in order."""

    def __init__(self, dataset: Dataset) -> None:
        self._by_key = {entry.key: entry for entry in dataset.bibliography}
        self._numbers: dict[str, int] = {}
        self._quotes: dict[str, dict[tuple[str, str | None], None]] = {}

    def number(self, keys: Iterable[str], evidence: Iterable[Evidence] = ()) -> list[int]:
        numbers = []
        for key in keys:
            if key not in self._by_key:
                continue
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
            numbers.append(self._numbers[key])
        for item in evidence:
            if item.source in self._numbers:
                self._quotes.setdefault(item.source, {})[(item.quote, item.gloss)] = None
        return numbers

    def listed(self) -> list[tuple[int, BibliographyEntry]]:
        return [(number, self._by_key[key]) for key, number in self._numbers.items()]

    def quotes(self, key: str) -> list[tuple[str, str | None]]:
        """The quotes (and their glosses) the cited records give from ``key``."""
        return list(self._quotes.get(key, {}))
