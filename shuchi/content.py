"""Stage 2b: load every content file into the model and check what refers to what.

Every problem in every file is collected before anything is rendered, so one run
of ``build.py check`` tells a secretariat everything that needs fixing.
"""

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import guard
from .active import active_content
from .load import Location, Source, dotted, load_yaml, read_text
from .model import (Attachment, Circular, Document, Hinagata, Notice, Organisation, Recipient, RecipientList, Register,
                    Topic)
from .problems import ContentError, Problem
from .recipients import SUFFIXES, duplicate_problems, read_recipients, relabel
from .text import html_problems, link_problems

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

FOLDERS = (*KINDS, "documents", "recipients")
"""The folders of content/ that shuchi reads; a folder named almost like one is a typo."""


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
    problems.extend(_check_file_names(root, display_root))
    problems.extend(_check_references(content))
    problems.extend(_check_duplicates(content))
    problems.extend(_check_files(content, display_root))
    problems.extend(_check_personal_numbers(content, display_root))
    problems.extend(_check_registers(content))
    content.warnings = _check_dates(content)
    if problems:
        raise ContentError(problems)
    return content


def _check_file_names(root: Path, display_root: Path) -> list[Problem]:
    """Files shuchi would silently skip: ``.yml`` instead of ``.yaml``, a folder name with a typo."""
    problems = []
    for folder in KINDS:
        for path in sorted((root / folder).glob("*")):
            if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
                problems.append(Problem(_shown(path, display_root), 0, "",
                                        f"is not read (expected the extension .yaml, e.g. {path.stem}.yaml)"))
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        close = difflib.get_close_matches(path.name, FOLDERS, n=1, cutoff=0.75)
        if path.is_dir() and path.name not in FOLDERS and close:
            problems.append(Problem(_shown(path, display_root), 0, "",
                                    f"is not a folder shuchi reads; did you mean '{close[0]}'? "
                                    f"(expected one of: {', '.join(FOLDERS)})"))
    return problems


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
        where = "folder" if folder == "documents" else "file"
        problems.append(Problem(shown, line, "slug" if isinstance(item, Organisation) else "id",
                                f"'{key}' differs from the {where} name '{name}' (expected them to be the same)"))
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
    for detail in error.errors(include_url=False):
        location = _data_location(source.data, detail["loc"])
        if location in source.written:
            detail = {**detail, "written": source.written[location]}  # as typed, not as YAML read it
        message = _plain(detail, sorted(_fields_at(model, detail["loc"][:-1])))
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
    numbered_notices = {(n.organisation, n.number): n.id for n in content.notices.values() if n.number}
    for key, notice in content.notices.items():
        register = content.registers.get(notice.organisation)
        if register is None or not notice.number:
            continue
        for entry in register.issued:
            # a number another notice carries is reported by _check_duplicates already
            if entry.number == notice.number and entry.notice != notice.id \
                    and numbered_notices.get((notice.organisation, entry.number)) == notice.id:
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


def _check_duplicates(content: Content) -> list[Problem]:
    """Things that must be unique: an organisation's 文書番号, the entries of one list of 資料."""
    problems = []
    numbered: dict[tuple[str, int], str] = {}
    for key, notice in sorted(content.notices.items(), key=lambda item: (item[1].date, item[0])):
        source = content.sources[("notices", key)]
        if notice.number:
            first = numbered.setdefault((notice.organisation, notice.number), key)
            if first != key:
                problems.append(Problem(source.path, source.line_of(("number",)), "number",
                                        f"{notice.number} is already the 文書番号 of notice {first} "
                                        f"(expected a new number for each notice of {notice.organisation})"))
    for folder in ("notices", "circulars"):
        for key, item in getattr(content, folder).items():
            source = content.sources[(folder, key)]
            for index, attachment in enumerate(item.attachments or []):
                if attachment in item.attachments[:index]:
                    problems.append(Problem(source.path, source.line_of(("attachments", index)), f"attachments[{index}]",
                                            f"'{attachment}' is listed twice (expected each 資料 once)"))
    return problems


def _check_files(content: Content, display_root: Path) -> list[Problem]:
    """Files content names must be inside content/, readable, and safe to publish."""
    problems = []
    for key, org in content.organisations.items():
        source = content.sources[("organisations", key)]
        folder = content.root / "organisations"
        logo = folder / org.logo
        if not logo.is_file():
            problems.append(Problem(source.path, source.line_of(("logo",)), "logo",
                                    f"file content/organisations/{org.logo} does not exist (expected an SVG file there)"))
        elif not logo.resolve().is_relative_to(content.root.resolve()):
            problems.append(Problem(source.path, source.line_of(("logo",)), "logo",
                                    f"content/organisations/{org.logo} leads outside content/ (a link to another "
                                    f"place; expected the SVG file itself in content/organisations/logos/)"))
        else:
            problems.extend(_check_svg(logo, _shown(logo, display_root)))
    for key, document in content.documents.items():
        source = content.sources[("documents", key)]
        folder = content.root / "documents" / key
        chapters = [chapter.file for chapter in document.chapters]
        for index, name in enumerate(chapters):
            location = ("chapters", index, "file")
            path = folder / name
            if not path.is_file():
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"file content/documents/{key}/{name} does not exist "
                                        f"(expected a Markdown file beside document.yaml)"))
            elif not path.resolve().is_relative_to(content.root.resolve()):
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"content/documents/{key}/{name} leads outside content/ "
                                        f"(expected the Markdown file itself beside document.yaml)"))
            else:
                problems.extend(_check_chapter(path, _shown(path, display_root)))
        for page, target in document.page_map.items():
            location = ("page_map", page, "file")
            if target.file not in chapters:
                close = difflib.get_close_matches(target.file, chapters, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"'{target.file}' is not one of the chapters{hint} (expected a file listed "
                                        f"under chapters)"))
    return problems


def _check_chapter(path: Path, shown: Path) -> list[Problem]:
    """A chapter of a document is Markdown like the text in YAML: UTF-8, links that work, no HTML."""
    text, problems = read_text(path, shown)
    if text is None:
        return problems
    found = sorted(link_problems(text) + html_problems(text))
    return problems + [Problem(shown, line, "", message) for line, message in found]


def _check_svg(path: Path, shown: Path) -> list[Problem]:
    """A logo is published as a file of its own: opened alone, a script in it would run."""
    text, problems = read_text(path, shown)
    if text is None:
        return problems
    return [Problem(shown, line, "", f"contains {what} (expected a plain drawing with nothing that runs or loads "
                                     f"from elsewhere; export the logo again as plain SVG)")
            for line, what in active_content(text)]


def _check_personal_numbers(content: Content, display_root: Path) -> list[Problem]:
    """The personal-number guard over every file in content/ (see shuchi.guard)."""
    by_path = {source.path: source for source in content.sources.values()}
    problems = []
    for path in guard.content_files(content.root):
        shown = _shown(path, display_root)
        source = by_path.get(shown)
        for finding in guard.scan_file(path):
            field_name = dotted(source.location_at(finding.line)) if source else ""
            problems.append(guard.problem(shown, finding, field_name))
    return problems
