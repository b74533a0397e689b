"""Stage 3, typesetting (組版): the Jinja environment (autoescape on) with the Japanese filters.

The templates ship inside the package (``shuchi/templates``), found through :mod:`importlib.resources`,
so an installed shuchi works from any folder.
"""

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..model.attachment import item_label
from .markdown import markdown, phrases
from .qr import qr_data_uri
from .wareki import wareki

TEMPLATES = Path(str(files("shuchi") / "templates"))
"""shuchi's own templates and stylesheets (package data)."""


FILTERS = {"markdown": markdown, "wareki": wareki, "phrases": phrases, "qr": qr_data_uri, "item_label": item_label}
"""The Japanese filters every template may use."""

OPTIONS: dict[str, Any] = dict(autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def environment(templates: Path = TEMPLATES) -> Environment:
    """The Jinja environment: HTML autoescaped, undefined names are errors, Japanese filters."""
    env = Environment(loader=FileSystemLoader(templates), **OPTIONS)
    env.filters.update(FILTERS)
    # tojson writes 𠮷 as itself: as a \\ud842\\udfb7 pair, the YAML of mkdocs.yml would read two lone surrogates
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "cls": YamlSafeJson}
    return env


class YamlSafeJson(json.JSONEncoder):
    """JSON that is also YAML read back the same: the characters YAML takes for a line break (NEL, U+2028,
    U+2029), which JSON leaves as they are, escaped — else a 件名 holding one breaks mkdocs.yml."""

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        return text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
