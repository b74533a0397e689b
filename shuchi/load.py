"""Stage 1: read content files safely and remember the line of every value.

YAML is composed with PyYAML's safe loader into nodes, so that each value keeps the
line it came from; validation errors can then name ``file:line``.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

Location = tuple[str | int, ...]


@dataclass
class Source:
    """The data of one content file and where each value stands in it."""

    path: Path
    data: object
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of ``location``, or of its nearest parent that has one."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_text(path: Path, shown: Path) -> tuple[str | None, list[Problem]]:
    """The text of a content file, or a problem saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 0, "", f"cannot be read ({error.strerror}); check the file exists and is readable")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "", "is not UTF-8 text (expected a file saved as UTF-8, e.g. VS Code's default)")]
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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        what = error.problem or "is not valid YAML"
        return None, [Problem(shown, line, "", f"YAML syntax error: {what} (check indentation, colons and quotes)")]
    except yaml.YAMLError as error:
        return None, [Problem(shown, 0, "", f"YAML syntax error: {error}")]
    if node is None:
        return None, [Problem(shown, 1, "", "is empty (expected the fields of this kind of content)")]
    source = Source(path=shown, data=None)
    source.data = _to_python(node, (), source, problems)
    return source, problems


def _to_python(node: yaml.Node, location: Location, source: Source, problems: list[Problem]) -> object:
    """Turn a YAML node into plain data, recording each value's line under its location."""
    source.lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(source.path, key_node.start_mark.line + 1, dotted(location),
                                        "a field name must be plain text"))
                continue
            key = str(key_node.value)
            if key in result:
                problems.append(Problem(source.path, key_node.start_mark.line + 1, dotted(location + (key,)),
                                        "is written twice (expected each field once)"))
                continue
            result[key] = _to_python(value_node, location + (key,), source, problems)
            source.lines[location + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, location + (index,), source, problems) for index, item in enumerate(node.value)]
    return _scalar(node, location, source, problems)


def _scalar(node: yaml.ScalarNode, location: Location, source: Source, problems: list[Problem]) -> object:
    """A scalar's value as the safe loader reads it (dates become ``datetime.date``)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError) as error:
        if node.tag == "tag:yaml.org,2002:timestamp":
            message = f"'{node.value}' is not a real date ({error}; expected YYYY-MM-DD, e.g. 2024-08-08)"
        else:
            message = f"'{node.value}' cannot be read ({error}); put it in quotes to keep it as text"
        problems.append(Problem(source.path, node.start_mark.line + 1, dotted(location), message))
        return node.value
    finally:
        loader.dispose()


def dotted(location: Location) -> str:
    """``('sections', 0, 'heading')`` → ``sections[0].heading`` as users see it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


