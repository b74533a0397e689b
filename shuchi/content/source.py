"""Stage 1: read content files safely and remember the line of every value.

YAML is composed with PyYAML's safe loader into nodes, so that each value keeps the
line it came from; validation errors can then name ``file:line``. Content is plain
data: YAML tags (``!!python/…``, ``!!binary``), aliases (``*name``) and control
characters are refused with a message, never turned into objects or expanded.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem
from .widths import full_width_in_key, full_width_mistake

Location = tuple[str | int, ...]

PLAIN_WHOLE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
"""A whole number as people read it: YAML 1.1 also reads ``0152`` as octal 106, ``0x98``, ``1_52`` and ``2:32``
(sexagesimal) as numbers nobody meant — a 文書番号 written ``0152`` would be counted as 106."""

PLAIN_TAGS = {f"tag:yaml.org,2002:{name}"
              for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
"""The YAML types content may use; any other tag is refused, not constructed."""

MAX_DEPTH = 40
"""Deeper nesting than this is a mistake (the deepest content, sections in sections, needs about 10)."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Characters no letter can print: control codes, the line and paragraph separators U+2028 and U+2029 (WeasyPrint
draws the first as a box and fails on the second in some line breaks) and broken surrogates, typically pasted in
from other programs."""


@dataclass
class Source:
    """The data of one content file and where each value stands in it."""

    path: Path
    data: object
    lines: dict[Location, int] = field(default_factory=dict)
    written: dict[Location, str] = field(default_factory=dict)
    """Values YAML turned into something else (``0335110611`` → an octal number), as they were typed."""
    misread: dict[Location, Problem] = field(default_factory=dict)
    """Whole numbers YAML read otherwise than written (``0152`` → 106): a problem where a number is expected
    (where text is expected, the model's own message says so)."""
    literal: set[Location] = field(default_factory=set)
    """Text written as a literal block (``body: |``), whose lines are the file's lines after the field's."""

    def line_of(self, location: Location) -> int:
        """The line of ``location``, or of its nearest parent that has one."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def line_in(self, location: Location, text_line: int) -> int:
        """The file line of line ``text_line`` (0-based) of the text at ``location``: inside a literal block,
        the line itself; otherwise the field's line."""
        start = self.line_of(location)
        return start + 1 + text_line if location in self.literal else start

    def location_at(self, line: int) -> Location:
        """The value that ``line`` belongs to: the deepest one starting on it or last before it."""
        before = [(at, len(loc), loc) for loc, at in self.lines.items() if at <= line]
        return max(before, key=lambda item: item[:2], default=(0, 0, ()))[2]


def read_plain_bytes(path: Path) -> bytes:
    """The bytes of a plain file. A FIFO, a device or a socket would block or never end, so it is refused
    (opened without waiting, then looked at) with an :class:`OSError` saying what it is."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(0, "it is not a plain file but a FIFO, a device or a socket")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(descriptor)


def read_bytes(path: Path, shown: Path) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a content file, or a problem saying why it cannot be read."""
    try:
        return read_plain_bytes(path), []
    except OSError as error:
        return None, [Problem(shown, 0, "", f"cannot be read ({error.strerror}); "
                                            f"check the file exists and is readable")]


def read_text(path: Path, shown: Path) -> tuple[str | None, list[Problem]]:
    """The text of a content file, or a problem saying why it cannot be read."""
    raw, unreadable = read_bytes(path, shown)
    if raw is None:
        return None, unreadable
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "", "is not UTF-8 text "
                                               "(expected a file saved as UTF-8, e.g. VS Code's default)")]
    return text, []


def load_yaml(path: Path, shown: Path | None = None) -> tuple[Source | None, list[Problem]]:
    """Parse one YAML file into a :class:`Source`; problems instead of exceptions."""
    shown = shown or path
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "", "is empty (expected the fields of this kind of content)")]
    try:
        node = yaml.compose(text, Loader=ContentLoader)
    except AliasRefused as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        return None, [Problem(shown, line, "", error.problem or "uses an alias")]
    except yaml.MarkedYAMLError as error:
        problem = _syntax_problem(error, shown)
        mistake = full_width_mistake(text, problem.line or len(text.splitlines()))
        if mistake:  # PyYAML trips over it a line later, in its own words
            problem = Problem(shown, mistake[0], "", f"YAML syntax error: {mistake[1]}")
        return None, [problem]
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return None, [Problem(shown, line, "", f"contains the control character U+{error.character:04X} (expected "
                                                "printable text; it was probably pasted from another program)")]
    except RecursionError:
        return None, [Problem(shown, 1, "", f"is nested too deeply "
                                            f"(expected at most {MAX_DEPTH} levels of fields and lists)")]
    if node is None:
        return None, [Problem(shown, 1, "", "is empty (expected the fields of this kind of content)")]
    source = Source(path=shown, data=None)
    source.data = _to_python(node, (), source, problems)
    return source, problems


INDENT_FIELDS = "the indentation does not line up (expected fields of one level to start in the same column)"
INDENT_ITEMS = "the indentation does not line up (expected list items to start in the same column)"

SYNTAX_HINTS = {
    "found character '\\t' that cannot start any token": "indents with a tab (expected spaces: YAML does not allow "
                                                        "tabs)",
    "found unexpected end of stream": "a quote is opened here but never closed (expected a closing \" or ')",
    "mapping values are not allowed here": "a ':' where no field can start (expected 'field: value' with the "
                                           "field in line with the ones above; put text containing ': ' in quotes)",
    "could not find expected ':'": "a line is neither 'field: value' nor a list item (expected 'field: value' or "
                                   "'- item')",
    "did not find expected key": INDENT_FIELDS,
    "did not find expected '-' indicator": INDENT_ITEMS,
    "expected <block end>, but found '<block sequence start>'": INDENT_ITEMS,
    "expected <block end>, but found": INDENT_FIELDS,
    "but found another document": "has a second document after '---' (expected one document per file)",
    "found undefined alias": "refers to a value with '*' (expected no YAML aliases; write the value out)",
}
"""PyYAML's wording of common mistakes → what a secretariat can act on."""


def _syntax_problem(error: yaml.MarkedYAMLError, shown: Path) -> Problem:
    """A YAML syntax error as one line: where it is and what to change."""
    what = error.problem or "is not valid YAML"
    # an unclosed quote is found at the end of the file; its opening line is what to fix
    opened = error.context and "quoted scalar" in error.context and "end of stream" in what
    mark = (error.context_mark if opened else error.problem_mark) or error.context_mark
    line = mark.line + 1 if mark else 0
    hint = next((plain for said, plain in SYNTAX_HINTS.items() if said in what), None)
    expected = "(expected correct indentation, colons and quotes)"
    message = f"YAML syntax error: {hint}" if hint else f"YAML syntax error: {what} {expected}"
    return Problem(shown, line, "", message)


class AliasRefused(yaml.MarkedYAMLError):
    """A YAML alias (``*name``) in content: refused, so no file can expand into millions of values."""


class ContentLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases: content spells every value out."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasRefused(None, None, f"'*{event.anchor}' refers to another value (a YAML alias); write the "
                                           "value out instead (expected no aliases)", event.start_mark)
        return super().compose_node(parent, index)


def _to_python(node: yaml.Node, location: Location, source: Source, problems: list[Problem]) -> object:
    """Turn a YAML node into plain data, recording each value's line under its location."""
    source.lines[location] = node.start_mark.line + 1
    if node.tag not in PLAIN_TAGS:
        problems.append(Problem(source.path, node.start_mark.line + 1, dotted(location),
                                f"uses the YAML tag '{_shortened(node.tag.replace('tag:yaml.org,2002:', '!!'))}', "
                                "which content may not use (expected plain text, numbers, dates, lists and fields)"))
        return None
    if len(location) > MAX_DEPTH:
        problems.append(Problem(source.path, node.start_mark.line + 1, dotted(location),
                                f"is nested too deeply (expected at most {MAX_DEPTH} levels of fields and lists)"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(source.path, key_node.start_mark.line + 1, dotted(location),
                                        "a field name must be plain text"))
                continue
            key = str(key_node.value)
            if full_width_in_key(key):
                problems.append(Problem(source.path, key_node.start_mark.line + 1, dotted(location),
                                        str(full_width_in_key(key))))
                continue
            if CONTROL.search(key):
                problems.append(Problem(source.path, key_node.start_mark.line + 1, dotted(location),
                                        f"the field name '{_shortened(key)}' contains a control character "
                                        "(expected a plain field name)"))
                continue
            if key in result:
                problems.append(Problem(source.path, key_node.start_mark.line + 1, dotted(location + (key,)),
                                        "is written twice (expected each field once)"))
                continue
            result[key] = _to_python(value_node, location + (key,), source, problems)
            source.lines[location + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, location + (index,), source, problems) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode), "YAML composes mappings, sequences and scalars only"
    return _scalar(node, location, source, problems)


def _scalar(node: yaml.ScalarNode, location: Location, source: Source, problems: list[Problem]) -> object:
    """A scalar's value as the safe loader reads it (dates become ``datetime.date``)."""
    bad = CONTROL.search(node.value)
    if bad:
        problems.append(Problem(source.path, node.start_mark.line + 1, dotted(location),
                                f"contains the control character U+{ord(bad.group()):04X} "
                                "(expected printable text; it was probably pasted from another program)"))
        return node.value
    if node.style == "|":
        source.literal.add(location)
    loader = yaml.SafeLoader("")
    try:
        value = loader.construct_object(node, deep=True)
        if not isinstance(value, str):
            source.written[location] = node.value
        if isinstance(value, int) and not isinstance(value, bool) and not PLAIN_WHOLE.fullmatch(node.value):
            meant = int(node.value) if node.value.isdigit() else value
            source.misread[location] = Problem(source.path, node.start_mark.line + 1, dotted(location),
                                               f"'{_shortened(node.value)}' is read by YAML as {value}, not as "
                                               f"written (expected a plain whole number without leading zeros, "
                                               f"e.g. {meant})")
        return value
    except (yaml.constructor.ConstructorError, ValueError) as error:
        if node.tag == "tag:yaml.org,2002:timestamp":
            message = f"'{node.value}' is not a real date ({error}; expected YYYY-MM-DD, e.g. 2024-08-08)"
        else:
            message = (f"'{_shortened(node.value)}' cannot be read ({_shortened(str(error), 60)}); "
                       f"put it in quotes to keep it as text")
        problems.append(Problem(source.path, node.start_mark.line + 1, dotted(location), message))
        return node.value
    finally:
        loader.dispose()


def _shortened(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: long pastes are cut, so the message stays one readable line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dotted(location: Location) -> str:
    """``('sections', 0, 'heading')`` → ``sections[0].heading`` as users see it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def shown_path(path: Path, display_root: Path) -> Path:
    """``path`` as a secretariat sees it: relative to the project folder where it is inside it."""
    try:
        return path.relative_to(display_root)
    except ValueError:
        return path
