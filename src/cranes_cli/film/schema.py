"""The film-file format as a JSON Schema, generated from the model's dataclasses: their
field types, defaults, documentation and formats. ``data/film.schema.json`` is this
module's output (a test keeps the two the same); TOML editors that read ``#:schema``
(Taplo, Even Better TOML) use it to check a film file as it is typed."""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import json
import types
from typing import Any, Literal, Union, get_args, get_origin

from cranes_cli.film.model import SCHEMA_VERSION, Dataset

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    # A TOML local date (1958-05-18, no quotes); editors treat it as an RFC 3339 full-date.
    datetime.date: {"type": "string", "format": "date"},
}


def json_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    root = _record(Dataset, definitions)
    root["properties"]["schema_version"].update({"minimum": 1, "maximum": SCHEMA_VERSION})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cranes film file",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def dumps() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _record(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in dataclasses.fields(cls):
        schema = {"description": field.metadata["doc"], **_type(field.type, definitions)}
        form = field.metadata.get("format")
        if form is not None:
            schema["pattern"] = f"^{form[0]}$"
        bounds = field.metadata.get("bounds")
        if bounds is not None:
            schema.update({"minimum": bounds[0], "maximum": bounds[1]})
        properties[field.name] = schema
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.append(field.name)
    return {
        # cleandoc: Python 3.13 strips docstrings' indentation itself, older ones do not.
        "description": inspect.cleandoc(cls.__doc__ or ""),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):  # X | None: TOML has no null, the key is left out
        (inner,) = [arg for arg in get_args(tp) if arg is not type(None)]
        return _type(inner, definitions)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp.__name__ not in definitions:
            definitions[tp.__name__] = {}  # placeholder: records may refer to each other
            definitions[tp.__name__] = _record(tp, definitions)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(tp)[0], definitions)}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    return dict(_SCALARS[tp])
