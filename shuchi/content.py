"""Stage 2b: load every content file into the model and check what refers to what.

Every problem in every file is collected before anything is rendered, so one run
of ``build.py check`` tells a secretariat everything that needs fixing.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .load import Location, Source, dotted, load_yaml
from .model import Attachment, Circular, Document, Hinagata, Notice, Organisation, Recipient, RecipientList, Register, Topic
from .problems import ContentError, Problem
from .recipients import SUFFIXES, duplicate_problems, read_recipients, relabel

M = TypeVar("M", bound=BaseModel)

KINDS: dict[str, type[BaseModel]] = {
    "organisations": Organisation,
    "topics": Topic,
    "hinagata": Hinagata,
    "circulars": Circular,
    "attachments": Attachment,
    "notices": Notice,
}
"""Each folder of content/ and the kind of content its YAML files hold."""


@dataclass
class Content:
    """Everything in ``content/``, validated and cross-checked."""

    root: Path
    organisations: dict[str, Organisation] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    hinagata: dict[str, Hinagata] = field(default_factory=dict)
    circulars: dict[str, Circular] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    recipients: dict[str, list[Recipient]] = field(default_factory=dict)
    registers: dict[str, Register] = field(default_factory=dict)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    failed: set[tuple[str, str]] = field(default_factory=set)

    def notices_of(self, slug: str) -> list[Notice]:
        """An organisation's notices, newest first."""
        mine = [n for n in self.notices.values() if n.organisation == slug]
        return sorted(mine, key=lambda n: (n.date, n.id), reverse=True)

    def attachments_of(self, notice: Notice) -> list[Attachment]:
        """The 資料 a notice encloses, in order."""
        ids = notice.attachments if notice.attachments is not None else self.circulars[notice.circular].attachments
        return [self.attachments[i] for i in ids]


def load_content(root: Path, display_root: Path | None = None) -> Content:
    """Load and validate ``root`` (the content/ folder); raise :class:`ContentError` listing every problem."""
    display_root = display_root or root.parent
    content = Content(root=root)
    problems: list[Problem] = []
    for folder, model in KINDS.items():
        for path in sorted((root / folder).glob("*.yaml")):
            item = _load_one(path, model, display_root, content, folder, problems)
            if item is not None:
                _register(content, folder, item, path, display_root, problems)
    for path in sorted(root.glob("documents/*/document.yaml")):
        item = _load_one(path, Document, display_root, content, "documents", problems)
        if item is not None:
            _register(content, "documents", item, path, display_root, problems)
    for path in sorted(p for p in (root / "recipients").glob("*") if p.suffix.lower() in SUFFIXES):
        recipients, found = _load_recipients(path, _shown(path, display_root))
        problems.extend(found)
        if path.stem in content.recipients:
            problems.append(Problem(_shown(path, display_root), 0, "", f"is a second recipient list named "
                                    f"'{path.stem}' (expected one file per name, .csv or .yaml)"))
        elif recipients is not None:
            content.recipients[path.stem] = recipients
    for path in sorted((root / "registers").glob("*.yaml")):
        register = _load_one(path, Register, display_root, content, "registers", problems)
        if register is not None:
            content.registers[path.stem] = register
    problems.extend(_check_references(content))
    problems.extend(_check_registers(content))
    content.warnings = _check_dates(content)
    if problems:
        raise ContentError(problems)
    return content


def load_recipient_file(path: Path, display_root: Path) -> list[Recipient]:
    """A recipient list (宛先一覧, CSV or YAML) outside content/, validated like content; raises ContentError."""
    recipients, problems = _load_recipients(path, _shown(path.resolve(), display_root))
    if problems:
        raise ContentError(problems)
    return recipients


def _load_recipients(path: Path, shown: Path) -> tuple[list[Recipient] | None, list[Problem]]:
    source, problems = read_recipients(path, shown)
    if source is None:
        return None, problems
    if not isinstance(source.data, dict):
        return None, problems + [Problem(shown, 1, "", "must start with 'recipients:' and list one recipient per entry")]
    recipients = None
    try:
        recipients = RecipientList.model_validate(source.data).recipients
        listed = list(enumerate(recipients))
    except ValidationError as error:
        problems.extend(problems_from(error, source, RecipientList))
        listed = _valid_rows(source.data.get("recipients"))
    problems.extend(duplicate_problems(source, listed))
    return (None if problems else recipients), relabel(problems, source)


def _valid_rows(rows: object) -> list[tuple[int, Recipient]]:
    """The rows of a list with mistakes that are right on their own, so duplicates among them are reported too."""
    valid = []
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        try:
            valid.append((index, Recipient.model_validate(row)))
        except ValidationError:
            continue
    return valid


def _file_key(folder: str, path: Path) -> str:
    """The id a file should hold: its name, or its folder's name for a document."""
    return path.parent.name if folder == "documents" else path.stem


def _load_one(path: Path, model: type[M], display_root: Path, content: Content, folder: str,
              problems: list[Problem]) -> M | None:
    shown = _shown(path, display_root)
    key = _file_key(folder, path)
    source, found = load_yaml(path, shown)
    problems.extend(found)
    if source is None or found:
        content.failed.add((folder, key))
        return None
    content.sources[(folder, key)] = source
    if not isinstance(source.data, dict):
        problems.append(Problem(shown, 1, "", f"must be a set of fields (name: value), not a {type(source.data).__name__}"))
        content.failed.add((folder, key))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(problems_from(error, source, model))
        content.failed.add((folder, key))
        return None


def _register(content: Content, folder: str, item: BaseModel, path: Path, display_root: Path,
              problems: list[Problem]) -> None:
    key = item.slug if isinstance(item, Organisation) else item.id
    name = _file_key(folder, path)
    shown = _shown(path, display_root)
    line = content.sources[(folder, name)].line_of(("slug" if isinstance(item, Organisation) else "id",))
    if key != name:
        problems.append(Problem(shown, line, "slug" if isinstance(item, Organisation) else "id",
                                f"'{key}' differs from the file name '{name}' (expected them to be the same)"))
        return
    table = getattr(content, folder)
    if key in table:
        problems.append(Problem(shown, line, "id", f"'{key}' is used twice (expected each id once)"))
        return
    table[key] = item


def _shown(path: Path, display_root: Path) -> Path:
    try:
        return path.relative_to(display_root)
    except ValueError:
        return path


def problems_from(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into plain-language problems with file, line and field."""
    problems = []
    known = sorted(_field_names(model))
    for detail in error.errors(include_url=False):
        location = _data_location(source.data, detail["loc"])
        message = _plain(detail, known)
        problems.append(Problem(source.path, source.line_of(location), dotted(location), message))
    return problems


def _data_location(data: object, loc: tuple) -> Location:
    """Pydantic's location with union tags dropped, so it matches a path in the YAML."""
    path: list[str | int] = []
    here = data
    for part in loc:
        if isinstance(here, dict) and part in here:
            path.append(part)
            here = here[part]
        elif isinstance(here, list) and isinstance(part, int) and part < len(here):
            path.append(part)
            here = here[part]
        elif isinstance(part, str) and not isinstance(here, dict | list):
            continue
        elif isinstance(here, dict) and isinstance(part, str) and part not in here and loc[-1] == part:
            path.append(part)
    return tuple(path)


def _plain(detail: dict, known: list[str]) -> str:
    kind = detail["type"]
    field_name = str(detail["loc"][-1]) if detail["loc"] else ""
    if kind == "missing":
        return "is missing (expected this field to be filled in)"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field_name, known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"is not a known field{hint}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return "is not a valid date (expected YYYY-MM-DD, e.g. 2024-08-08)"
    if kind == "union_tag_invalid":
        tags = detail.get("ctx", {}).get("expected_tags", "")
        return f"kind '{detail.get('input')}' is unknown (expected one of {tags})"
    if kind == "union_tag_not_found":
        return "needs a kind (expected e.g. kind: text)"
    if kind == "enum":
        return f"'{detail.get('input')}' is not allowed (expected {detail.get('ctx', {}).get('expected', '')})"
    if kind in ("string_type", "int_type", "int_parsing", "bool_type", "bool_parsing", "list_type",
                "dict_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
                    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list (lines starting with '- ')",
                    "dict_type": "a set of fields", "model_type": "a set of fields",
                    "model_attributes_type": "a set of fields"}[kind]
        return f"has the wrong type (expected {expected})"
    if kind == "value_error":
        message = str(detail.get("ctx", {}).get("error", detail["msg"]))
        if message.startswith("value is not a valid email address"):
            reason = message.split(":", 1)[-1].strip().rstrip(".")
            return f"is not a valid e-mail address ({reason}; expected e.g. soumu@example.jp)"
        return message
    message = detail["msg"]
    if "email" in message.lower():
        return f"is not a valid e-mail address ({message.split(':', 1)[-1].strip()}; expected e.g. soumu@example.jp)"
    return message[0].lower() + message[1:]


def _field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every field name in ``model`` and the models it contains, for 'did you mean' hints."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for inner in _models_in(info.annotation):
            names |= _field_names(inner, seen)
    return names


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    metadata = getattr(annotation, "__metadata__", ())
    if metadata:
        found.extend(_models_in(annotation.__origin__))
    return found


REFERENCES: dict[str, dict[str, str]] = {
    "notices": {"organisation": "organisations", "circular": "circulars", "attachments": "attachments"},
    "circulars": {"hinagata": "hinagata", "attachments": "attachments"},
}
"""For each kind, the fields that name content of another kind (checked even in files with other mistakes)."""

WHAT = {"organisations": "an organisation", "circulars": "a circular", "attachments": "an attachment",
        "hinagata": "a ひな形", "topics": "a topic"}


def _check_references(content: Content) -> list[Problem]:
    """Every id a file names must exist: organisations, circulars, ひな形, attachments, topics."""
    problems: list[Problem] = []

    def exists(folder: str, value: object) -> bool:
        # a file that exists but is broken is already reported; do not echo it in its users
        return str(value) in getattr(content, folder) or (folder, str(value)) in content.failed

    def missing(source: Source, location: Location, folder: str, value: object) -> None:
        available = getattr(content, folder)
        close = difflib.get_close_matches(str(value), list(available), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (expected one of: {', '.join(sorted(available)) or 'none yet'})"
        problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                f"names {WHAT[folder]} '{value}' that does not exist{hint}"))

    def sections(source: Source, items: object, prefix: Location) -> None:
        for index, section in enumerate(items if isinstance(items, list) else []):
            if not isinstance(section, dict):
                continue
            here = prefix + (index,)
            if isinstance(section.get("topic"), str) and not exists("topics", section["topic"]):
                missing(source, here + ("topic",), "topics", section["topic"])
            sections(source, section.get("sections"), here + ("sections",))

    for (folder, key), source in content.sources.items():
        if not isinstance(source.data, dict):
            continue
        for field_name, target in REFERENCES.get(folder, {}).items():
            value = source.data.get(field_name)
            values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, item in values:
                if isinstance(item, str) and not exists(target, item):
                    missing(source, (field_name,) if index is None else (field_name, index), target, item)
        sections(source, source.data.get("sections"), ("sections",))

    for key, org in content.organisations.items():
        if not (content.root / "organisations" / org.logo).is_file():
            source = content.sources[("organisations", key)]
            problems.append(Problem(source.path, source.line_of(("logo",)), "logo",
                                    f"file content/organisations/{org.logo} does not exist (expected an SVG file there)"))
    for key, notice in content.notices.items():
        source = content.sources[("notices", key)]
        org = content.organisations.get(notice.organisation)
        if org is not None and notice.audience not in org.audiences:
            problems.append(Problem(source.path, source.line_of(("audience",)), "audience",
                                    f"'{notice.audience}' is not an audience of {org.slug} "
                                    f"(expected one of: {', '.join(sorted(org.audiences))})"))
        if org is not None and notice.number and not org.document_number:
            problems.append(Problem(source.path, source.line_of(("number",)), "number",
                                    f"is set but organisation {org.slug} has no document_number pattern "
                                    f"(expected e.g. 日薬業発第{{n}}号 there)"))
        circular = content.circulars.get(notice.circular)
        if circular is not None and notice.from_hinagata and not circular.hinagata:
            problems.append(Problem(source.path, source.line_of(("from_hinagata",)), "from_hinagata",
                                    f"circular {circular.id} supplies no ひな形 (expected hinagata: in the circular)"))
    return problems


def _check_registers(content: Content) -> list[Problem]:
    """A 文書番号台帳 belongs to an organisation with a number pattern and gives each number once."""
    problems: list[Problem] = []
    for slug, register in content.registers.items():
        source = content.sources[("registers", slug)]
        org = content.organisations.get(register.organisation)
        if register.organisation != slug:
            problems.append(Problem(source.path, source.line_of(("organisation",)), "organisation",
                                    f"'{register.organisation}' differs from the file name '{slug}' (expected them to be the same)"))
        elif org is None:
            problems.append(Problem(source.path, source.line_of(("organisation",)), "organisation",
                                    f"names an organisation '{slug}' that does not exist (expected one of: "
                                    f"{', '.join(sorted(content.organisations))})"))
        elif not org.document_number:
            problems.append(Problem(source.path, source.line_of(("organisation",)), "organisation",
                                    f"{slug} has no document_number pattern, so it issues no numbers "
                                    f"(expected e.g. 日薬業発第{{n}}号 in content/organisations/{slug}.yaml)"))
        first: dict[int, int] = {}
        for index, entry in enumerate(register.issued):
            line = source.line_of(("issued", index, "number"))
            if entry.number in first:
                problems.append(Problem(source.path, line, f"issued[{index}].number",
                                        f"{entry.number} is already issued on line {first[entry.number]} "
                                        f"(expected each number once)"))
            first.setdefault(entry.number, line)
    for key, notice in content.notices.items():
        register = content.registers.get(notice.organisation)
        if register is None or not notice.number:
            continue
        for entry in register.issued:
            if entry.number == notice.number and entry.notice != notice.id:
                source = content.sources[("notices", key)]
                problems.append(Problem(source.path, source.line_of(("number",)), "number",
                                        f"{notice.number} is already issued to notice {entry.notice} "
                                        f"(「{entry.recipient}」) in content/registers/{notice.organisation}.yaml "
                                        f"(expected a number not yet issued)"))
    return problems


def _check_dates(content: Content) -> list[Problem]:
    """Warn when a notice is issued after a fact it carries stopped being true."""
    warnings = []
    for key, notice in content.notices.items():
        circular = content.circulars.get(notice.circular)
        if circular is None:
            continue
        topic_ids = _topics_in(notice.sections) | _topics_in(circular.sections)
        if notice.from_hinagata and circular.hinagata in content.hinagata:
            topic_ids |= _topics_in(content.hinagata[circular.hinagata].sections)
        for topic_id in sorted(topic_ids):
            topic = content.topics.get(topic_id)
            if topic and topic.valid_until and topic.valid_until < notice.date:
                source = content.sources[("topics", topic_id)]
                warnings.append(Problem(source.path, source.line_of(("valid_until",)), "valid_until",
                                        f"ends {topic.valid_until}, before notice {key} is issued on {notice.date}; "
                                        f"update the topic or the notice date", warning=True))
    return warnings


def _topics_in(sections) -> set[str]:
    found = set()
    for section in sections:
        if section.topic:
            found.add(section.topic)
        found |= _topics_in(section.sections)
    return found
