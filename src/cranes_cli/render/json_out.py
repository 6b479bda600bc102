"""JSON for scripts: one object per command, with ``schema_version``, ISO dates and Cyrillic
kept as it is. Written as bytes, never through Rich, so it is never wrapped or coloured."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import TYPE_CHECKING, Any

from cranes_cli.film.model import SCHEMA_VERSION
from cranes_cli.unsafe import for_json

if TYPE_CHECKING:
    from cranes_cli.environment import Environment


def jsonable(value: Any) -> Any:
    """Dataclasses to objects, tuples to arrays, dates to ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def dumps(data: dict[str, Any], pretty: bool) -> str:
    document = {"schema_version": SCHEMA_VERSION, **jsonable(data)}
    if pretty:
        return for_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    return for_json(json.dumps(document, ensure_ascii=False, separators=(",", ":"))) + "\n"


def emit(env: Environment, data: dict[str, Any]) -> None:
    """Print one JSON document: indented on a terminal, one compact line in a pipe."""
    env.stdout.write_bytes(dumps(data, pretty=env.stdout_is_terminal).encode("utf-8"))
