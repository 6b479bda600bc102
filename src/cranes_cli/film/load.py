"""TOML film file → model, validating as it builds.

Every problem is collected (not just the first) with the key path where it sits, e.g.
``cast[3].character`` (indexes count from 0, as in jq), and what was expected there.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import types
from collections.abc import Callable, Iterable
from typing import Any, Literal, Union, get_args, get_origin

from cranes_cli.film.evidence import check_evidence
from cranes_cli.film.model import ACT_RANGE, FAMILY_WORD_GENDER, PARTIAL_DATE_FORMAT, SCHEMA_VERSION, Dataset

# Re-exported from film_file: the names load's callers have always used.
from cranes_cli.film.reading import MAX_FILE_BYTES as MAX_FILE_BYTES
from cranes_cli.film.reading import DataFileError as DataFileError
from cranes_cli.film.reading import Problem as Problem
from cranes_cli.film.reading import bundled_path as bundled_path
from cranes_cli.film.reading import parse_toml as parse_toml
from cranes_cli.film.reading import read_document as read_document
from cranes_cli.film.reading import read_film_file as read_film_file
from cranes_cli.film.reading import tables as tables
from cranes_cli.unsafe import first_unsafe


def load_path(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, parse and validate a film file (the bundled one by default)."""
    label = os.fspath(path) if path is not None else bundled_path()
    return load_bytes(read_film_file(label), label)


def problems_in(path: str) -> list[Problem]:
    """Everything wrong with a film file, each placed at its line where it can be; an empty
    list means it loads."""
    try:
        load_path(path)
    except DataFileError as error:
        return error.located()
    return []


def load_bytes(raw: bytes, label: str = "<film file>") -> Dataset:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = Problem("", f"is not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start})")
        raise DataFileError(label, [problem]) from None
    return load_text(text.removeprefix("\ufeff"), label)


def load_text(text: str, label: str = "<film file>") -> Dataset:
    document = parse_toml(text, label)
    try:
        dataset, problems = check(document)
    except RecursionError:
        raise DataFileError(label, [Problem("", "TOML nesting is too deep")]) from None
    if dataset is None or problems:
        raise DataFileError(label, problems, text)
    return dataset


def validate(document: dict[str, Any]) -> list[Problem]:
    """Every problem with a parsed document; an empty list means it builds."""
    return check(document)[1]


def check(document: dict[str, Any]) -> tuple[Dataset | None, list[Problem]]:
    """The dataset built from a parsed document, if it could be built, and every problem."""
    version = document.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return None, [
            Problem(
                "schema_version",
                f"this file uses schema version {shown_integer(version)}, newer than this program reads "
                f"({SCHEMA_VERSION}): upgrade cranes",
            )
        ]
    problems: list[Problem] = []
    _check_value(Dataset, document, "", problems)
    problems += _check_meaning(document)
    problems += _check_quiz_needs(document)
    problems += check_evidence(document)
    if problems:
        return None, problems
    return _builder(Dataset)(document), []


# ---------------------------------------------------------------------------------------
# Structure: keys and types, driven by the dataclasses' own annotations.

_fields_cache: dict[type, dict[str, dataclasses.Field[Any]]] = {}


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """A record's fields by name (worked out once per class)."""
    if cls not in _fields_cache:
        _fields_cache[cls] = {field.name: field for field in dataclasses.fields(cls)}
    return _fields_cache[cls]


def _required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_TYPE_NAMES: dict[Any, tuple[str, str]] = {
    str: ("a string", "strings"),
    int: ("an integer", "integers"),
    bool: ("true or false", "booleans"),
    datetime.date: ("a date (YYYY-MM-DD)", "dates (YYYY-MM-DD)"),
}


def describe_type(tp: Any, plural: bool = False) -> str:
    """A reader's name for a field type, as used in error messages."""
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return "tables" if plural else "a table"
    if origin in (Union, types.UnionType):
        return " or ".join(describe_type(arg, plural) for arg in get_args(tp) if arg is not type(None))
    if origin is tuple:
        return ("arrays" if plural else "an array") + " of " + describe_type(get_args(tp)[0], plural=True)
    if origin is Literal:
        return ("values from " if plural else "one of ") + ", ".join(repr(arg) for arg in get_args(tp))
    singular, many = _TYPE_NAMES.get(tp, (str(tp), str(tp)))
    return many if plural else singular


def describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, int):
        return f"an integer ({shown_integer(value)})"
    if isinstance(value, float):
        return f"a float ({value})"
    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, datetime.time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def shown_integer(value: int) -> str:
    """An integer for a message: in full if short, else its sign and number of digits."""
    if -(10**15) < value < 10**15:
        return str(value)
    return f"{'-' if value < 0 else ''}{value.bit_length() * 0.30103:,.0f}-digit number"


def _type_matches(tp: Any, value: Any) -> bool:
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is datetime.date:
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    return isinstance(value, tp)


def _check_value(tp: Any, value: Any, path: str, problems: list[Problem]) -> None:
    kind, inner = _kind(tp)
    if kind == "optional":
        _check_value(inner, value, path, problems)
    elif kind == "record":
        if not isinstance(value, dict):
            problems.append(Problem(path, f"expected a table, found {describe_value(value)}"))
        else:
            _check_record(tp, value, path, problems)
    elif kind == "array":
        if not isinstance(value, list):
            problems.append(Problem(path, f"expected {describe_type(tp)}, found {describe_value(value)}"))
        else:
            for index, item in enumerate(value):
                _check_value(inner, item, f"{path}[{index}]", problems)
    elif kind == "choice":
        if value not in inner or isinstance(value, bool):
            problems.append(Problem(path, f"expected {describe_type(tp)}, found {describe_value(value)}"))
    elif not _type_matches(tp, value):
        problems.append(Problem(path, f"expected {describe_type(tp)}, found {describe_value(value)}"))
    elif isinstance(value, str):
        _check_characters(value, path, problems)


_kinds: dict[Any, tuple[str, Any]] = {}


def _kind(tp: Any) -> tuple[str, Any]:
    """What sort of field type ``tp`` is, and what it holds, worked out once per type (it was
    worked out for each of tens of thousands of values)."""
    found = _kinds.get(tp)
    if found is None:
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            (inner,) = [arg for arg in get_args(tp) if arg is not type(None)]
            found = ("optional", inner)
        elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
            found = ("record", None)
        elif origin is tuple:
            found = ("array", get_args(tp)[0])
        elif origin is Literal:
            found = ("choice", get_args(tp))
        else:
            found = ("plain", None)
        _kinds[tp] = found
    return found


def _check_format(field: dataclasses.Field[Any], value: Any, path: str, problems: list[Problem]) -> None:
    form = field.metadata.get("format")
    if form is not None and isinstance(value, str) and not re.fullmatch(form[0], value):
        problems.append(Problem(path, f"expected {form[1]}, found {value!r}"))


def _check_bounds(field: dataclasses.Field[Any], value: Any, path: str, problems: list[Problem]) -> None:
    bounds = field.metadata.get("bounds")
    number = _integer(value)
    if bounds is not None and number is not None and not bounds[0] <= number <= bounds[1]:
        low, high = bounds
        problems.append(
            Problem(path, f"expected a number from {low} to {high}, found {shown_integer(number)}")
        )


def _check_characters(text: str, path: str, problems: list[Problem]) -> None:
    """Text is printed to terminals: refuse control characters (an escape sequence could
    rewrite the screen) and invisible characters that reorder, hide or break text."""
    position = first_unsafe(text, allowed="\t\n")
    if position is None:
        return
    import unicodedata

    char = text[position]
    name = unicodedata.name(char, "a control character")
    problems.append(
        Problem(
            path,
            f"contains U+{ord(char):04X} ({name}) at character {position + 1}: "
            "expected printable text (tabs and newlines are fine)",
        )
    )


_field_names: dict[type, _Near] = {}


def _check_record(cls: type, table: dict[str, Any], path: str, problems: list[Problem]) -> None:
    fields = _fields(cls)
    for name, field in fields.items():
        if name in table:
            where = _join(path, name)
            _check_value(field.type, table[name], where, problems)
            _check_format(field, table[name], where, problems)
            _check_bounds(field, table[name], where, problems)
        elif _required(field):
            problems.append(Problem(_join(path, name), f"missing key: expected {describe_type(field.type)}"))
    names = _field_names.get(cls) or _field_names.setdefault(cls, _Near(fields))
    for key in table:
        if key not in fields:
            message = "unknown key"
            near = names.nearest(key)
            if near:
                message += f" (did you mean {near!r}?)"
            problems.append(Problem(_join(path, key), message))


_builders: dict[Any, Callable[[Any], Any]] = {}


def _builder(tp: Any) -> Callable[[Any], Any]:
    """The function that makes a checked value of type ``tp`` into model objects, worked out
    once per type: looking at the type for each of tens of thousands of values cost more than
    building them."""
    found = _builders.get(tp)
    if found is not None:
        return found
    origin = get_origin(tp)
    build: Callable[[Any], Any]
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(tp) if arg is not type(None)]
        build = _builder(inner)
    elif dataclasses.is_dataclass(tp):
        fields: dict[str, Callable[[Any], Any]] = {}

        def build(value: Any) -> Any:
            if not fields:  # filled on first use, so a type may contain itself
                fields.update((name, _builder(f.type)) for name, f in _fields(tp).items())  # type: ignore[arg-type]
            return tp(**{key: fields[key](item) for key, item in value.items()})  # type: ignore[operator]

    elif origin is tuple:
        item = _builder(get_args(tp)[0])
        build = tuple if item is _same else lambda value: tuple(map(item, value))
    else:
        build = _same
    _builders[tp] = build
    return build


def _same(value: Any) -> Any:
    return value


# ---------------------------------------------------------------------------------------
# Meaning: ids, references and numbering across records.


def _strings(value: Any) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_meaning(document: dict[str, Any]) -> list[Problem]:
    """Ids, references and numbering across records. Works on the parsed document, so it
    runs even when some records are malformed, and skips values of the wrong type (the
    structural pass has reported those)."""
    problems: list[Problem] = []
    version = _integer(document.get("schema_version"))
    if version is not None and version < 1:
        problems.append(
            Problem("schema_version", f"expected {SCHEMA_VERSION}, found {shown_integer(version)}")
        )

    def ids(section: str, key: str) -> _Near:
        values = [(index, table.get(key)) for index, table in tables(document.get(section))]
        return _Near(_unique(values, section, key, problems))

    source_keys = ids("bibliography", "key")
    character_ids = ids("characters", "id")
    fact_ids = ids("facts", "id")
    ids("quiz", "id")
    acts = tables(document.get("acts"))

    for index, question in tables(document.get("quiz")):
        _check_question(question, f"quiz[{index}]", len(acts), problems)
        for position, asked in _strings(question.get("asks")):
            _reference(asked, fact_ids, f"quiz[{index}].asks[{position}]", "fact", problems)
    for index, not_asked in tables(document.get("quiz_skip")):
        if isinstance(not_asked.get("fact"), str):
            _reference(not_asked["fact"], fact_ids, f"quiz_skip[{index}].fact", "fact", problems)
    for index, member in tables(document.get("cast")):
        character = member.get("character")
        if isinstance(character, str):
            _reference(character, character_ids, f"cast[{index}].character", "character", problems)
    for index, character in tables(document.get("characters")):
        for rel_index, relation in tables(character.get("relations")):
            path = f"characters[{index}].relations[{rel_index}]"
            target = relation.get("target")
            if isinstance(target, str):
                _reference(target, character_ids, f"{path}.target", "character", problems)
                if target == character.get("id"):
                    problems.append(Problem(f"{path}.target", "a character cannot be related to itself"))
            _check_act_number(relation.get("since_act"), f"{path}.since_act", len(acts), problems)
        _check_spoiler_free(character, f"characters[{index}]", len(acts), problems)
    for index, fact in tables(document.get("facts")):
        _check_act_number(fact.get("act"), f"facts[{index}].act", len(acts), problems)
    _check_acts(acts, character_ids, problems)
    from cranes_cli.film import scenes_check

    scenes_check.check(
        document, len(acts), character_ids, _Near, _unique, _reference, _check_act_number, problems
    )
    _check_marks(document, problems)
    people = _Near(
        {
            member["name"]
            for section in ("cast", "crew")
            for _, member in tables(document.get(section))
            if isinstance(member.get("name"), str)
        }
    )
    for index, award in tables(document.get("awards")):
        person = award.get("person")
        if isinstance(person, str):
            _reference(person, people, f"awards[{index}].person", "cast or crew name", problems)
    for path, keys in _sources(document, ""):
        for index, key in _strings(keys):
            _reference(key, source_keys, f"{path}.sources[{index}]".lstrip("."), "bibliography key", problems)
    return problems


def _check_spoiler_free(
    character: dict[str, Any], path: str, act_count: int, problems: list[Problem]
) -> None:
    """Spoiler-free descriptions name real acts, in act order, each act once."""
    previous = 0
    for index, entry in tables(character.get("spoiler_free")):
        act = _act_number(entry.get("up_to_act"))
        if act is None:
            continue
        where = f"{path}.spoiler_free[{index}].up_to_act"
        if not 1 <= act <= act_count:
            _check_act_number(act, where, act_count, problems)
        elif act <= previous:
            problems.append(Problem(where, f"expected an act after {previous} (entries go in act order)"))
        else:
            previous = act


def _act_number(value: Any) -> int | None:
    """An act number to check against the acts, if it is one (a number out of any act's range
    has been reported by the structural pass)."""
    number = _integer(value)
    return number if number is not None and ACT_RANGE[0] <= number <= ACT_RANGE[1] else None


def _check_act_number(value: Any, path: str, count: int, problems: list[Problem]) -> None:
    """An act a record refers to (since_act, a question's act) must be one the file has."""
    number = _act_number(value)
    if number is None or 1 <= number <= count:
        return
    if count == 0:
        problems.append(Problem(path, f"there are no acts for act {shown_integer(number)} to refer to"))
    else:
        problems.append(
            Problem(path, f"expected an act number from 1 to {count}, found {shown_integer(number)}")
        )


def _normal(text: str) -> str:
    """Text as a player compares answers: case and runs of spaces aside."""
    return " ".join(text.split()).casefold()


def _check_question(question: dict[str, Any], path: str, acts: int, problems: list[Problem]) -> None:
    """A hand-written question: one to three wrong options, each different from the answer
    and from each other (case and spacing aside, as a player's reply is compared), and an
    act the file has."""
    wrong = question.get("wrong")
    if isinstance(wrong, list) and not 1 <= len(wrong) <= 3:
        problems.append(Problem(f"{path}.wrong", f"expected one to three wrong options, found {len(wrong)}"))
    answer = question.get("answer")
    seen = {_normal(answer): "the answer"} if isinstance(answer, str) else {}
    for position, option in _strings(wrong):
        same = seen.setdefault(_normal(option), f"wrong option {position + 1}")
        if same != f"wrong option {position + 1}":
            problems.append(
                Problem(
                    f"{path}.wrong[{position}]", f"{option!r} is the same as {same} (case and spacing aside)"
                )
            )
    _check_act_number(question.get("act"), f"{path}.act", acts, problems)


def _check_acts(
    acts: list[tuple[int, dict[str, Any]]], character_ids: _Near, problems: list[Problem]
) -> None:
    """Acts numbered 1, 2, 3 ... in order; dates real and never going back; beats naming
    characters that exist."""
    latest: tuple[str, int] | None = None
    for index, act in acts:
        number = _act_number(act.get("number"))
        if number is not None and number != index + 1:
            problems.append(
                Problem(
                    f"acts[{index}].number",
                    f"expected {index + 1} (acts are numbered 1, 2, 3 ... in order), "
                    f"found {shown_integer(number)}",
                )
            )
        date = act.get("date")
        if isinstance(date, str) and re.fullmatch(PARTIAL_DATE_FORMAT[0], date):
            if not _is_real_date(date):
                problems.append(Problem(f"acts[{index}].date", f"{date} is not a date in the calendar"))
            elif latest is not None and date < latest[0][: len(date)]:
                problems.append(
                    Problem(
                        f"acts[{index}].date",
                        f"{date} is before act {latest[1] + 1}'s {latest[0]}: acts are in story order",
                    )
                )
            else:
                latest = (date, index)
        for beat_index, beat in tables(act.get("beats")):
            for char_index, character_id in _strings(beat.get("characters")):
                path = f"acts[{index}].beats[{beat_index}].characters[{char_index}]"
                _reference(character_id, character_ids, path, "character", problems)


_MARKED_NAMES = ("cyrillic", "full_name", "full_name_cyrillic")


def _check_marks(document: dict[str, Any], problems: list[Problem]) -> None:
    """Every name a character has says how it is known (a reader must be able to tell a
    sourced spelling from a worked-out one), and a fact's key value stands in its text."""
    for index, character in tables(document.get("characters")):
        basis = character.get("basis")
        marks = basis if isinstance(basis, dict) else {}
        for name in _MARKED_NAMES:
            if isinstance(character.get(name), str) and name not in marks:
                problems.append(
                    Problem(
                        f"characters[{index}].basis.{name}",
                        f"missing: say how the character's {name} is known ('firm', 'single' or 'derived')",
                    )
                )
    for index, fact in tables(document.get("facts")):
        value, text = fact.get("value"), fact.get("text")
        key = value.get("text") if isinstance(value, dict) else None
        if isinstance(key, str) and isinstance(text, str) and key not in text:
            problems.append(Problem(f"facts[{index}].value.text", f"{key!r} is not in the fact's text"))


def _unique(values: list[tuple[int, Any]], section: str, key: str, problems: list[Problem]) -> set[str]:
    seen: set[str] = set()
    for index, value in values:
        if not isinstance(value, str):
            continue
        if value in seen:
            problems.append(Problem(f"{section}[{index}].{key}", f"duplicate {key} {value!r}"))
        seen.add(value)
    return seen


def _reference(value: str, known: _Near, path: str, what: str, problems: list[Problem]) -> None:
    if value in known.words:
        return
    message = f"no {what} {value!r}"
    near = known.nearest(value)
    if near:
        message += f" (did you mean {near!r}?)"
    problems.append(Problem(path, message))


def _sources(value: Any, path: str) -> list[tuple[str, Any]]:
    """Every ``sources`` array in the document, with the key path of its record."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        if "sources" in value:
            found.append((path, value["sources"]))
        for key, item in value.items():
            if key != "sources":
                found.extend(_sources(item, _join(path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_sources(item, f"{path}[{index}]"))
    return found


class _Near:
    """Known words (ids, keys, names), and for a word not among them the nearest one, for
    "did you mean". Thousands of misses must not each be compared with every known word, so
    on the first miss the words are indexed by what is left with one character deleted
    (a typo, a missing or extra letter or two swapped ones leave a deletion in common); only
    the few words sharing one are compared."""

    _LONGEST = 40  # longer words are not indexed (the index grows with the square of length)

    def __init__(self, words: Iterable[str]) -> None:
        self.words = set(words)
        self._index: dict[str, set[str]] | None = None

    def nearest(self, word: str) -> str | None:
        import difflib  # only when something is wrong

        if self._index is None:
            self._index = {}
            for known in self.words:
                if len(known) <= self._LONGEST:
                    for variant in _deletions(known):
                        self._index.setdefault(variant, set()).add(known)
        if len(word) > self._LONGEST:
            return None
        candidates = sorted({near for variant in _deletions(word) for near in self._index.get(variant, ())})
        found = difflib.get_close_matches(word, candidates, n=1)
        return found[0] if found else None


def _deletions(word: str) -> set[str]:
    """The word itself and every word one deletion away from it."""
    return {word, *(word[:position] + word[position + 1 :] for position in range(len(word)))}


def _is_real_date(text: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD string names a real year, month or day."""
    year, month, day = ([int(part) for part in text.split("-")] + [1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _check_quiz_needs(document: dict[str, Any]) -> list[Problem]:
    """What the quiz relies on: a character's gender agrees with the family words that label
    its relations (a "son" is male)."""
    problems: list[Problem] = []
    for index, character in tables(document.get("characters")):
        gender = character.get("gender")
        for rel_index, relation in tables(character.get("relations")):
            label = relation.get("label")
            implied = FAMILY_WORD_GENDER.get(label.strip().lower()) if isinstance(label, str) else None
            if isinstance(gender, str) and implied is not None and implied != gender:
                problems.append(
                    Problem(
                        f"characters[{index}].relations[{rel_index}].label",
                        f"'{label}' is a {implied} family word, but the character's gender is {gender}",
                    )
                )
    return problems
