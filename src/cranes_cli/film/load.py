"""TOML film file → model, validating as it builds.

Every problem is collected (not just the first) with the key path where it sits, e.g.
``cast[3].character`` (indexes count from 0, as in jq), and what was expected there.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import Any

from cranes_cli.film import reading
from cranes_cli.film.evidence import check_evidence
from cranes_cli.film.model import ACT_RANGE, FAMILY_WORD_GENDER, PARTIAL_DATE_FORMAT, SCHEMA_VERSION, Dataset
from cranes_cli.film.reading import DataFileError, Problem, parse_toml, read_film_file, tables
from cranes_cli.film.structure import Near, builder, check_value, integer, join, shown_integer


def load_path(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, parse and validate a film file (the bundled one by default)."""
    label = os.fspath(path) if path is not None else reading.bundled_path()
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
    check_value(Dataset, document, "", problems)
    problems += _check_meaning(document)
    problems += _check_quiz_needs(document)
    problems += check_evidence(document)
    if problems:
        return None, problems
    return builder(Dataset)(document), []


# ---------------------------------------------------------------------------------------
# Meaning: ids, references and numbering across records.


def _strings(value: Any) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]


def _check_meaning(document: dict[str, Any]) -> list[Problem]:
    """Ids, references and numbering across records. Works on the parsed document, so it
    runs even when some records are malformed, and skips values of the wrong type (the
    structural pass has reported those)."""
    problems: list[Problem] = []
    version = integer(document.get("schema_version"))
    if version is not None and version < 1:
        problems.append(
            Problem("schema_version", f"expected {SCHEMA_VERSION}, found {shown_integer(version)}")
        )

    def ids(section: str, key: str) -> Near:
        values = [(index, table.get(key)) for index, table in tables(document.get(section))]
        return Near(_unique(values, section, key, problems))

    source_keys = ids("bibliography", "key")
    character_ids = ids("characters", "id")
    fact_ids = ids("facts", "id")
    ids("quiz", "id")
    acts = tables(document.get("acts"))

    _check_quiz_references(document, fact_ids, len(acts), problems)
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
        document, len(acts), character_ids, Near, _unique, _reference, _check_act_number, problems
    )
    _check_marks(document, problems)
    _check_award_people(document, problems)
    for path, keys in _sources(document, ""):
        for index, key in _strings(keys):
            _reference(key, source_keys, f"{path}.sources[{index}]".lstrip("."), "bibliography key", problems)
    return problems


def _check_quiz_references(
    document: dict[str, Any], fact_ids: Near, act_count: int, problems: list[Problem]
) -> None:
    """Hand-written questions, and the facts the quiz asks or leaves out, name facts that exist."""
    for index, question in tables(document.get("quiz")):
        _check_question(question, f"quiz[{index}]", act_count, problems)
        for position, asked in _strings(question.get("asks")):
            _reference(asked, fact_ids, f"quiz[{index}].asks[{position}]", "fact", problems)
    for index, not_asked in tables(document.get("quiz_skip")):
        if isinstance(not_asked.get("fact"), str):
            _reference(not_asked["fact"], fact_ids, f"quiz_skip[{index}].fact", "fact", problems)


def _check_award_people(document: dict[str, Any], problems: list[Problem]) -> None:
    """An award's person is someone in the cast or crew."""
    people = Near(
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
    number = integer(value)
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


def _check_acts(acts: list[tuple[int, dict[str, Any]]], character_ids: Near, problems: list[Problem]) -> None:
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


def _reference(value: str, known: Near, path: str, what: str, problems: list[Problem]) -> None:
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
                found.extend(_sources(item, join(path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_sources(item, f"{path}[{index}]"))
    return found


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
