"""Pydantic's validation errors in a secretariat's words: ``file:line: field: what is wrong (expected …)``."""

import datetime
import difflib

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .source import Location, Source, dotted


def problems_from(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into plain-language problems with file, line and field."""
    problems = []
    for detail in error.errors(include_url=False):
        location = _data_location(source.data, detail["loc"])
        plain: dict = dict(detail)
        if location in source.written:
            plain["written"] = source.written[location]  # as typed, not as YAML read it
        message = _plain(plain, sorted(_fields_at(model, detail["loc"][:-1])))
        problems.append(Problem(source.path, source.line_of(location), dotted(location), message))
    return problems

def _data_location(data: object, loc: tuple) -> Location:
    """Pydantic's location with union tags dropped, so it matches a path in the YAML."""
    path: list[str | int] = []
    here = data
    for part in loc:
        if isinstance(here, dict) and part in here:  # noqa: SIM114 (the two kinds of container narrow apart)
            path.append(part)
            here = here[part]
        elif isinstance(here, list) and isinstance(part, int) and part < len(here):
            path.append(part)
            here = here[part]
        elif isinstance(part, str) and not isinstance(here, dict | list):
            continue
        elif isinstance(here, dict) and part == here.get("kind"):
            continue  # the tag pydantic adds for a part of a leaflet, not a field
        elif isinstance(here, dict) and isinstance(part, str) and part not in here and loc[-1] == part:
            path.append(part)
    return tuple(path)

TYPE_NAMES = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
              "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
              "list_type": "a list (lines starting with '- ')", "dict_type": "a set of fields (name: value)",
              "model_type": "a set of fields (name: value)", "model_attributes_type": "a set of fields (name: value)"}
"""Pydantic's type errors → what to write instead."""

def _described(value: object, written: str | None = None) -> str:
    """What a secretariat wrote, in their words: 「a list」, 「the number 0335110611」."""
    if isinstance(value, bool):
        return f"{written or str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {written or value}"
    if isinstance(value, datetime.date):
        return f"the date {written or value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    text = str(value)
    return f"'{text if len(text) <= 40 else text[:39] + '…'}'"

def _plain(detail: dict, known: list[str]) -> str:
    """One pydantic error as ``what is wrong (expected …)``."""
    kind = detail["type"]
    field_name = str(detail["loc"][-1]) if detail["loc"] else ""
    given = detail.get("input")
    written = detail.get("written")
    ctx = detail.get("ctx", {})
    if kind == "missing":
        return "is missing (expected this field to be filled in)"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.6)
        if close:
            return f"is not a known field; did you mean '{close[0]}'?"
        return f"is not a known field (expected one of: {', '.join(known)})"
    if given is None and kind in TYPE_NAMES | {"date_type": "", "enum": ""}:
        return ("is empty (expected a value after the colon; a value starting with # or containing ': ' "
                "must be in quotes)")
    if kind in ("string_too_short", "too_short"):
        return f"is empty (expected at least {ctx.get('min_length', 1)} entry or character)"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
                 "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"{_described(given)} is out of range (expected {bound} {limit})"
    if kind == "literal_error":
        return f"{_described(given)} is not allowed (expected {ctx.get('expected', '')})"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return "is not a valid date (expected YYYY-MM-DD, e.g. 2024-08-08)"
    if kind == "union_tag_invalid":
        return f"kind '{ctx.get('tag')}' is unknown (expected one of {ctx.get('expected_tags', '')})"
    if kind == "union_tag_not_found":
        return "needs a kind (expected e.g. kind: text)"
    if kind == "enum":
        return f"{_described(given)} is not allowed (expected {ctx.get('expected', '')})"
    if kind == "string_type" and not isinstance(given, list | dict):
        return (f"is read as {_described(given, written)}, not as text (expected text: put it in quotes, "
                f"e.g. \"{written or given}\")")
    if kind in TYPE_NAMES:
        return f"is {_described(given, written)} (expected {TYPE_NAMES[kind]})"
    message = detail["msg"]
    if "email address" in message:
        reason = str(ctx.get("reason") or message.split(":", 1)[-1]).strip().rstrip(".")
        return f"{_described(given)} is not an e-mail address ({reason}; expected e.g. soumu@example.jp)"
    if kind == "value_error":
        return str(ctx.get("error", message))
    return message[0].lower() + message[1:]

def _fields_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """The field names allowed at pydantic location ``loc`` inside ``model``, for 'did you mean' hints."""
    here: list[type[BaseModel]] = [model]
    for part in loc:
        inner: list[type[BaseModel]] = []
        for current in here:
            info = current.model_fields.get(part) if isinstance(part, str) else None
            if info is not None:
                inner.extend(_models_in(info.annotation))
            elif isinstance(part, str) and _kind_of(current) == part:
                inner.append(current)  # a union member named by its ``kind`` tag
        if inner:  # otherwise ``part`` is a list index or a dict key: the models stay the same
            here = inner
    return {name for current in here for name in current.model_fields}

def _kind_of(model: type[BaseModel]) -> str | None:
    info = model.model_fields.get("kind")
    args = getattr(info.annotation, "__args__", ()) if info else ()
    return args[0] if args else None

def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    if getattr(annotation, "__metadata__", ()):  # Annotated[X, …]: look inside X
        found.extend(_models_in(getattr(annotation, "__origin__", None)))
    return found
