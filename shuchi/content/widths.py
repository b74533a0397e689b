"""Full-width characters where YAML needs half-width ones: 「：」 after a field name, 「　」 in indentation.

A Japanese input method types them without anyone noticing, and PyYAML reports the line after,
in words about mappings and scanners. These say which character, on which line, to retype.
"""

import re

FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*：")
"""``short_name：全住協``: a field name followed by a full-width colon."""

FULL_WIDTH_INDENT = re.compile(r"^[ \u3000]*\u3000[ \u3000]*(?:-\s*)?[A-Za-z_][A-Za-z0-9_-]*\s*[:：]")
"""``　department: 事務局``: a field indented with a full-width space."""

COLON = ("a full-width colon 「：」 (U+FF1A) after the field name '{}' "
         "(expected a half-width ':' and a space, e.g. {}: …)")
SPACE = "a full-width space 「　」 (U+3000) in the indentation (expected half-width spaces only)"


def full_width_mistake(text: str, last_line: int) -> tuple[int, str] | None:
    """The last line up to ``last_line`` (1-based) that holds a full-width colon or indentation, and what is wrong."""
    found = None
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        colon = FULL_WIDTH_COLON.match(line)
        if FULL_WIDTH_INDENT.match(line):
            found = (number, SPACE)
        elif colon:
            found = (number, COLON.format(colon.group(1), colon.group(1)))
    return found


def full_width_in_key(key: str) -> str | None:
    """What is wrong with a field name that YAML read with a full-width space or colon in it."""
    if "\u3000" in key:
        return f"the field name '{key.strip()}' contains {SPACE}"
    if "：" in key:
        return f"the field name '{key}' contains a full-width colon 「：」 (U+FF1A) (expected a half-width ':')"
    return None
