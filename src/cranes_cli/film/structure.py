"""A film file's keys and types, checked and built from the model's own annotations: every
record's keys, every value's type, format, bounds and characters; then the checked document
made into the model's records. ``film.load`` runs this, then the checks across records."""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
from collections.abc import Callable, Iterable
from typing import Any, Literal, Union, get_args, get_origin

from cranes_cli.film.reading import Problem
from cranes_cli.unsafe import first_unsafe

_fields_cache: dict[type, dict[str, dataclasses.Field[Any]]] = {}


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """A record's fields by name (worked out once per class)."""
    if cls not in _fields_cache:
        _fields_cache[cls] = {field.name: field for field in dataclasses.fields(cls)}
    return _fields_cache[cls]


def _required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def join(path: str, key: str) -> str:
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


def check_value(tp: Any, value: Any, path: str, problems: list[Problem]) -> None:
    kind, inner = _kind(tp)
    if kind == "optional":
        check_value(inner, value, path, problems)
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
                check_value(inner, item, f"{path}[{index}]", problems)
    elif kind == "choice":
        if value not in inner or isinstance(value, bool):
            problems.append(Problem(path, f"expected {describe_type(tp)}, found {describe_value(value)}"))
    elif not _type_matches(tp, value):
        problems.append(Problem(path, f"expected {describe_type(tp)}, found {describe_value(value)}"))
    elif isinstance(value, str):
        _check_characters(value, path, problems)


_kinds: dict[Any, tuple[str, Any]] = {}


def _kind(tp: Any) -> tuple[str, Any]:
    """What sort of field type ``tp`` is, and what it holds, worked out once per type: a film
    file has tens of thousands of values and few types."""
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
    number = integer(value)
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


_field_names: dict[type, Near] = {}


def _check_record(cls: type, table: dict[str, Any], path: str, problems: list[Problem]) -> None:
    fields = _fields(cls)
    for name, field in fields.items():
        if name in table:
            where = join(path, name)
            check_value(field.type, table[name], where, problems)
            _check_format(field, table[name], where, problems)
            _check_bounds(field, table[name], where, problems)
        elif _required(field):
            problems.append(Problem(join(path, name), f"missing key: expected {describe_type(field.type)}"))
    names = _field_names.get(cls) or _field_names.setdefault(cls, Near(fields))
    for key in table:
        if key not in fields:
            message = "unknown key"
            near = names.nearest(key)
            if near:
                message += f" (did you mean {near!r}?)"
            problems.append(Problem(join(path, key), message))


_builders: dict[Any, Callable[[Any], Any]] = {}


def builder(tp: Any) -> Callable[[Any], Any]:
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
        build = builder(inner)
    elif dataclasses.is_dataclass(tp):
        fields: dict[str, Callable[[Any], Any]] = {}

        def build(value: Any) -> Any:
            if not fields:  # filled on first use, so a type may contain itself
                fields.update((name, builder(f.type)) for name, f in _fields(tp).items())  # type: ignore[arg-type]
            return tp(**{key: fields[key](item) for key, item in value.items()})  # type: ignore[operator]

    elif origin is tuple:
        item = builder(get_args(tp)[0])
        build = tuple if item is _same else lambda value: tuple(map(item, value))
    else:
        build = _same
    _builders[tp] = build
    return build


def _same(value: Any) -> Any:
    return value


def integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Near:
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
