"""JSON Schemas of the content kinds, so an editor (VS Code's YAML extension) can
autocomplete fields and underline mistakes while a secretariat types.

Each content file's first line points to its schema::

    # yaml-language-server: $schema=../../schema/notice.schema.json
"""

import json
from pathlib import Path

from .model import (
    Attachment,
    Circular,
    Document,
    Hinagata,
    Notice,
    Organisation,
    Recipient,
    RecipientList,
    Register,
    Topic,
)

SCHEMAS = {
    "organisation": Organisation,
    "topic": Topic,
    "hinagata": Hinagata,
    "circular": Circular,
    "attachment": Attachment,
    "notice": Notice,
    "document": Document,
    "recipient": Recipient,
    "recipients": RecipientList,
    "register": Register,
}


def schema_text(name: str) -> str:
    """The JSON Schema of one content kind, as written to ``schema/<name>.schema.json``."""
    schema = SCHEMAS[name].model_json_schema()  # type: ignore[attr-defined]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
