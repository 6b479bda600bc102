"""Search every text in a film file, ranked, tolerant of spelling; and the name matching
that ``who`` uses."""

from __future__ import annotations

import dataclasses
import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from cranes_cli.core import text as words_
from cranes_cli.core.text import MAX_TERM_LENGTH
from cranes_cli.errors import UsageProblem
from cranes_cli.film.model import Dataset

# Fields that hold ids, references, source keys or ratings rather than text for people.
_NOT_TEXT = frozenset(
    {"id", "sources", "character", "characters", "target", "kind", "confidence", "result", "speaker",
     "scene", "source_text"}
)  # fmt: skip
NAME_FIELDS = frozenset(
    {"name", "cyrillic", "aliases", "full_name", "full_name_cyrillic", "title", "original_title",
     "transliteration", "transliteration_variants", "english_titles", "category", "event", "role",
     "country", "language", "studio", "family"}
)  # fmt: skip
_NAME_WEIGHT = 3
_WHOLE_PRIMARY_NAME = 6  # the query is the record's own name, e.g. "Boris" for Boris
_WHOLE_FIELD = 4  # the query is all of some other name field, e.g. "Борис"
_IN_ORDER = 2  # the query's words stand side by side in the text, in order


@dataclass(frozen=True)
class Entry:
    """One searchable text: its key path in the film file and where a reader would say it is."""

    path: str
    where: str
    field: str
    text: str
    # The folded key of each word, in order (a title of 6 MB has a million words: no offsets
    # or records per word are kept, only these keys, which the fold cache shares).
    keys: tuple[str, ...]
    # How sure the text is, where the file says: "firm", "single" or "derived" (a character's
    # name basis, else the record's confidence); None where it says nothing.
    basis: str | None = None

    @property
    def record(self) -> str:
        """The path of the record holding this text (``cast[0].aliases[1]`` → ``cast[0]``)."""
        path = self.path
        if path.endswith("]"):
            path = path[: path.rindex("[")]
        return path.rpartition(".")[0] or path


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: int
    matched: Sequence[int]  # which words match, as indexes into entry.keys, in order

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The matching words, as (start, end) in entry.text (found again only for the hits
        that are shown)."""
        return words_.word_spans(self.entry.text, self.matched)


def check_term(term: str) -> list[str]:
    """The folded words of a search term, or a usage problem if there are none."""
    if len(term) > MAX_TERM_LENGTH:
        raise UsageProblem(f"the search term is {len(term):,} characters long; the most is {MAX_TERM_LENGTH}")
    keys = words_.query_keys(term)
    if not keys:
        raise UsageProblem("give a word to search for")
    return keys


def index(dataset: Dataset) -> list[Entry]:
    """Every text in the film file, in file order, except ids, references and the quiz
    (whose answers would spoil it)."""
    film = dataset.film
    records: list[tuple[str, str, object]] = [("film", "film", film)]
    records += [
        (f"film.other_titles[{i}]", f"film · {t.language} title", t) for i, t in enumerate(film.other_titles)
    ]
    records += [
        (f"film.releases[{i}]", f"release · {r.country} {r.date.isoformat()}", r)
        for i, r in enumerate(film.releases)
    ]
    records += [
        (f"film.admissions[{i}]", f"box office · {a.country}", a) for i, a in enumerate(film.admissions)
    ]
    if film.play is not None:
        records.append(("film.play", "source play", film.play))
    records += [(f"crew[{i}]", f"crew · {m.role} · {m.name}", m) for i, m in enumerate(dataset.crew)]
    names = {c.id: c.name for c in dataset.characters}  # ids are unique: the checks refuse a repeat
    for i, member in enumerate(dataset.cast):
        played = names.get(member.character, member.character)
        records.append((f"cast[{i}]", f"cast · {member.name} as {played}", member))
    for i, character in enumerate(dataset.characters):
        records.append((f"characters[{i}]", f"character · {character.name}", character))
        records += [
            (f"characters[{i}].nicknames[{j}]", f"character · {character.name} · nickname", nickname)
            for j, nickname in enumerate(character.nicknames)
        ]
        records += [
            (
                f"characters[{i}].relations[{j}]",
                f"character · {character.name} · {names.get(r.target, r.target)}",
                r,
            )
            for j, r in enumerate(character.relations)
        ]
    for i, act in enumerate(dataset.acts):
        records.append((f"acts[{i}]", f"plot · act {act.number}", act))
        records += [
            (f"acts[{i}].beats[{j}]", f"plot · act {act.number} · beat {j + 1}", beat)
            for j, beat in enumerate(act.beats)
        ]
    # An award's place names the award itself: a hit on its recipient says which prize it is.
    records += [
        (f"awards[{i}]", f"award · {award.event} {award.year} · {award.category}", award)
        for i, award in enumerate(dataset.awards)
    ]
    records += [(f"facts[{i}]", f"fact · {f.topic}", f) for i, f in enumerate(dataset.facts)]
    records += [
        (f"scenes[{i}]", f"scene · act {scene.act} · {scene.title}", scene)
        for i, scene in enumerate(dataset.scenes)
    ]
    records += [
        (f"quotes[{i}]", f"quote · act {quote.act} · {names.get(quote.speaker, quote.speaker)}", quote)
        for i, quote in enumerate(dataset.quotes)
    ]
    return [entry for path, where, record in records for entry in _texts(path, where, record)]


def _basis(record: object, field: str) -> str | None:
    """How sure one text of a record is: a character's name basis for that name, else the
    record's own confidence."""
    names = getattr(record, "basis", None)
    how = getattr(names, field, None) if names is not None and field != "note" else None
    confidence = getattr(record, "confidence", None)
    return how if isinstance(how, str) else confidence if isinstance(confidence, str) else None


def _texts(path: str, label: str, record: object) -> Iterator[Entry]:
    where = label
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        if field.name in _NOT_TEXT:
            continue
        value = getattr(record, field.name)
        if path in ("film", "film.play"):  # one record, many kinds of text: say which
            where = f"{label} · {field.name.replace('_', ' ')}"
        basis = _basis(record, field.name)
        if isinstance(value, str):
            yield Entry(f"{path}.{field.name}", where, field.name, value, words_.word_keys(value), basis)
        elif isinstance(value, tuple) and value and all(isinstance(item, str) for item in value):
            for n, item in enumerate(value):
                keys = words_.word_keys(item)
                yield Entry(f"{path}.{field.name}[{n}]", where, field.name, item, keys, basis)


def _vocabulary_keys(entries: Iterable[Entry]) -> dict[str, None]:
    """The folded words of the file, in order of first use (as vocabulary's keys, cheaper)."""
    return dict.fromkeys(itertools.chain.from_iterable(entry.keys for entry in entries))


def _matching_keys(query: str, vocab: Iterable[str]) -> dict[str, int]:
    """Which words of the file a query word matches, and how closely. Typos are only
    considered when the word matches nothing exactly or as a prefix: a query spelt right
    should not drag in every word one letter away from it."""
    keys = list(vocab)
    found = {key: words_.PREFIX for key in keys if len(query) >= 3 and key.startswith(query)}
    # A Russian surname's masculine form names the whole family, so it finds the feminine form
    # as well as its own (Borozdin: Irina Borozdina too); the feminine form prefers its own.
    male = words_.masculine(query)
    for key in keys:
        if key != query and key.endswith(words_.FEMININE_ENDINGS) and words_.masculine(key) == query:
            found[key] = words_.EXACT
        elif male != query and key == male:
            found[key] = max(found.get(key, 0), words_.NEAR)
    if query in found or query in keys:
        found[query] = words_.EXACT
    if found:
        return found
    limit = words_.allowed_typos(query)
    return {key: words_.NEAR for key in keys if limit and words_.within(query, key, limit)}


def _score(entry: Entry, matches: list[dict[str, int]]) -> Hit | None:
    keys = entry.keys
    total = 0
    positions: list[int] = []
    matched: list[int] = []
    for matching in matches:
        found = [position for position, key in enumerate(keys) if key in matching]
        if not found:
            return None
        best = max(matching[keys[position]] for position in found)
        total += best
        positions.append(next(position for position in found if matching[keys[position]] == best))
        matched = sorted(set(matched).union(found)) if matched else found
    weight = _NAME_WEIGHT if entry.field in NAME_FIELDS else 1
    score = total * weight
    if len(matches) > 1 and positions == list(range(positions[0], positions[0] + len(positions))):
        score += _IN_ORDER
    if entry.field in NAME_FIELDS and len(matched) == len(keys):
        score += _WHOLE_PRIMARY_NAME if entry.field in ("name", "title") else _WHOLE_FIELD
    return Hit(entry, score, array("q", matched))


def rank(entries: list[Entry], keys: list[str]) -> list[Hit]:
    """Entries matching every query word, best first, one per record (its best text);
    equal scores keep file order."""
    vocab = _vocabulary_keys(entries)
    matches = [_matching_keys(key, vocab) for key in keys]
    best: dict[str, Hit] = {}
    for entry in entries:
        hit = _score(entry, matches)
        if hit is None:
            continue
        held = best.get(entry.record)
        if held is None or hit.score > held.score:
            best[entry.record] = hit
    order = {record: n for n, record in enumerate(best)}
    return sorted(best.values(), key=lambda hit: (-hit.score, order[hit.entry.record]))


def search(dataset: Dataset, term: str) -> list[Hit]:
    return rank(index(dataset), check_term(term))


SUGGESTION_WORDS = 20_000  # "did you mean" looks at this many words of the file at most
# When no word is close, the nearest are still suggested: found among fewer words (every one is
# compared in full), for the first few words typed, each cut to a word's length.
NEAREST_WORDS, NEAREST_KEYS, MAX_KEY = 2_000, 3, 40


def suggestions(entries: list[Entry], term: str, count: int = 3) -> list[str]:
    """Words of the file close to the words of ``term``, as the file spells them. Only the
    first SUGGESTION_WORDS different words of the file (its names and titles come first) are
    compared, so a huge file costs no more than a large one; the bundled film has under 1,000."""
    import difflib

    vocab = list(itertools.islice(_vocabulary_keys(entries), SUGGESTION_WORDS))
    keys = words_.query_keys(term)
    near = [found for key in keys for found in difflib.get_close_matches(key, vocab, count)]
    if not near:  # nothing close: the nearest words all the same, of the names and titles first
        near = [
            found
            for key in keys[:NEAREST_KEYS]
            for found in difflib.get_close_matches(key[:MAX_KEY], vocab[:NEAREST_WORDS], count, 0.0)
        ]
    spellings = _spellings(entries, set(near))
    return list(dict.fromkeys(spellings[key] for key in near))[:count]


def _spellings(entries: Iterable[Entry], keys: set[str]) -> dict[str, str]:
    """The first spelling in the file of each of ``keys`` (folded words of it)."""
    found: dict[str, str] = {}
    for entry in entries:
        if len(found) == len(keys):
            break
        wanted = keys.intersection(entry.keys).difference(found)
        if wanted:
            for key, spelling in zip(entry.keys, words_.word_spellings(entry.text), strict=True):
                if key in wanted:
                    found.setdefault(key, spelling)
    return found
