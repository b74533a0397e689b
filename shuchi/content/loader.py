"""Reading content/: every YAML file, document and recipient list into the model, every problem collected.

Every problem in every file is collected before anything is rendered, so one run
of ``build.py check`` tells a secretariat everything that needs fixing.
"""

import difflib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, Problem
from ..model import Document, Organisation, Recipient, RecipientList, Register
from . import guard
from .authoring import authoring_problems
from .files import check_files, check_personal_numbers
from .glyphs import check_glyphs
from .messages import problems_from
from .recipients import SUFFIXES, duplicate_problems, read_recipients, relabel
from .references import check_dates, check_duplicates, check_references, check_registers
from .source import load_yaml, shown_path
from .store import FOLDERS, KINDS, Content

M = TypeVar("M", bound=BaseModel)


def load_content(root: Path, display_root: Path | None = None) -> Content:
    """Load and validate ``root`` (the content/ folder); raise :class:`ContentError` listing every problem."""
    display_root = display_root or root.parent
    content = Content(root=root)
    problems: list[Problem] = []
    for folder, model in KINDS.items():
        for path in sorted((root / folder).glob("*.yaml")):
            item = _load_one(path, model, display_root, content, folder, problems)
            if item is not None:
                _add(content, folder, item, path, display_root, problems)
    for path in sorted(root.glob("documents/*/document.yaml")):
        item = _load_one(path, Document, display_root, content, "documents", problems)
        if item is not None:
            _add(content, "documents", item, path, display_root, problems)
    for path in sorted(p for p in (root / "recipients").glob("*") if p.suffix.lower() in SUFFIXES):
        recipients, found = _load_recipients(path, shown_path(path, display_root))
        problems.extend(found)
        if path.stem in content.recipients:
            problems.append(Problem(shown_path(path, display_root), 0, "", f"is a second recipient list named "
                                    f"'{path.stem}' (expected one file per name, .csv or .yaml)"))
        elif recipients is not None:
            content.recipients[path.stem] = recipients
    for path in sorted((root / "registers").glob("*.yaml")):
        register = _load_one(path, Register, display_root, content, "registers", problems)
        if register is not None:
            content.registers[path.stem] = register
    problems.extend(check_file_names(root, display_root))
    problems.extend(check_references(content))
    problems.extend(check_duplicates(content))
    problems.extend(check_files(content, display_root))
    problems.extend(check_personal_numbers(content, display_root))
    problems.extend(check_registers(content))
    problems.extend(authoring_problems(content))
    problems.extend(check_glyphs(content))
    content.warnings = check_dates(content)
    if problems:
        raise ContentError(problems)
    return content

def check_file_names(root: Path, display_root: Path) -> list[Problem]:
    """Files shuchi would silently skip: ``.yml`` instead of ``.yaml``, a folder name with a typo."""
    problems = []
    for folder in (*KINDS, "registers"):
        for path in sorted((root / folder).glob("*")):
            if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
                problems.append(Problem(shown_path(path, display_root), 0, "",
                                        f"is not read (expected the extension .yaml, e.g. {path.stem}.yaml)"))
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        close = difflib.get_close_matches(path.name, FOLDERS, n=1, cutoff=0.75)
        if path.is_dir() and path.name not in FOLDERS and close:
            problems.append(Problem(shown_path(path, display_root), 0, "",
                                    f"is not a folder shuchi reads; did you mean '{close[0]}'? "
                                    f"(expected one of: {', '.join(FOLDERS)})"))
    return problems

def load_recipient_file(path: Path, display_root: Path) -> list[Recipient]:
    """A recipient list (宛先一覧, CSV or YAML) outside content/, validated like content; raises ContentError."""
    shown = shown_path(path.resolve(), display_root)
    recipients, problems = _load_recipients(path, shown)
    # a list kept outside content/ is still printed into letters, file names and manifest.csv
    problems += [guard.problem(shown, finding) for finding in guard.scan_file(path)]
    if problems or recipients is None:
        raise ContentError(problems)
    return recipients

def _load_recipients(path: Path, shown: Path) -> tuple[list[Recipient] | None, list[Problem]]:
    source, problems = read_recipients(path, shown)
    if source is None:
        return None, problems
    if not isinstance(source.data, dict):
        start = Problem(shown, 1, "", "must start with 'recipients:' and list one recipient per entry")
        return None, [*problems, start]
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
    shown = shown_path(path, display_root)
    key = _file_key(folder, path)
    source, found = load_yaml(path, shown)
    problems.extend(found)
    if source is None or found:
        content.failed.add((folder, key))
        return None
    content.sources[(folder, key)] = source
    if not isinstance(source.data, dict):
        what = type(source.data).__name__
        problems.append(Problem(shown, 1, "", f"must be a set of fields (name: value), not a {what}"))
        content.failed.add((folder, key))
        return None
    try:
        item = model.model_validate(source.data)
    except ValidationError as error:
        found = problems_from(error, source, model)
        said = {problem.field for problem in found}
        problems.extend(found + [problem for problem in source.misread.values() if problem.field not in said])
        content.failed.add((folder, key))
        return None
    if source.misread:
        problems.extend(source.misread.values())
        content.failed.add((folder, key))
        return None
    return item

def _add(content: Content, folder: str, item: BaseModel, path: Path, display_root: Path,
              problems: list[Problem]) -> None:
    key = item.slug if isinstance(item, Organisation) else item.id  # type: ignore[attr-defined]
    name = _file_key(folder, path)
    shown = shown_path(path, display_root)
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
