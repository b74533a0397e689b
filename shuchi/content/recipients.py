"""Stage 1b: recipient lists (宛先一覧) as a secretariat keeps them: CSV exported from Excel, or YAML.

A CSV file is read into the same :class:`Source` a YAML file gives — ``{"recipients": [row, …]}``
with the line of every cell — so both are validated by one model and every mistake is reported
as ``file:line: column: what is wrong (expected …)``.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..model import Recipient
from .source import CONTROL, Source, load_yaml, read_bytes

COLUMNS = {
    "organisation": "organisation", "団体名": "organisation", "会社名": "organisation", "宛先": "organisation",
    "title": "title", "役職": "title",
    "name": "name", "氏名": "name",
    "honorific": "honorific", "敬称": "honorific",
    "email": "email", "e-mail": "email", "mail": "email", "メールアドレス": "email", "メール": "email",
}
"""Column headings a recipient CSV may use (English or as a Japanese Excel sheet has them) → field."""

EXPECTED_COLUMNS = "団体名, 役職, 氏名, 敬称, メールアドレス (or organisation, title, name, honorific, email)"

SUFFIXES = (".csv", ".yaml", ".yml")


@dataclass
class RecipientSource(Source):
    """A recipient list's data and lines, and for CSV the heading each field had in the file."""

    columns: dict[str, str] = field(default_factory=dict)


def read_recipients(path: Path, shown: Path) -> tuple[RecipientSource | None, list[Problem]]:
    """Read a CSV or YAML recipient list without validating it; problems instead of exceptions."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, shown)
    if path.suffix.lower() in (".yaml", ".yml"):
        source, problems = load_yaml(path, shown)
        if source is None:
            return None, problems
        return RecipientSource(source.path, source.data, source.lines, source.written), problems
    return None, [Problem(shown, 0, "", "is not a recipient list (expected a .csv or .yaml file)")]


def _decode(raw: bytes, shown: Path) -> tuple[str | None, list[Problem]]:
    """CSV text in UTF-8 (with or without BOM, Excel's 「CSV UTF-8」) or Shift_JIS (Excel's plain 「CSV」)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown, 1, "", "is UTF-16 text (Excel's 「Unicode テキスト」); save it from Excel "
                                            "as 「CSV UTF-8 (コンマ区切り)」 instead")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "", "is neither UTF-8 nor Shift_JIS text (expected a CSV saved by Excel, "
                                               "as 「CSV UTF-8」 or 「CSV」)")]


def _read_csv(path: Path, shown: Path) -> tuple[RecipientSource | None, list[Problem]]:
    raw, unreadable = read_bytes(path, shown)
    if raw is None:
        return None, unreadable
    text, problems = _decode(raw, shown)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _rows(reader, shown)
    except csv.Error as error:
        return None, [Problem(shown, reader.line_num, "", f"is not valid CSV ({error})")]


def _heading(text: str) -> str:
    """A column heading as compared: full-width letters folded, case and spaces ignored."""
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")


def _rows(reader, shown: Path) -> tuple[RecipientSource | None, list[Problem]]:
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        return None, [Problem(shown, 1, "", f"is empty (expected a heading row: {EXPECTED_COLUMNS})")]
    if not any(COLUMNS.get(_heading(cell)) for cell in header):
        first = ",".join(cell.strip() for cell in header)
        first = first if len(first) <= 40 else first[:39] + "…"
        return None, [Problem(shown, 1, "", f"has no heading row: its first line 「{first}」 names no column "
                                            f"(expected a first row naming the columns: {EXPECTED_COLUMNS})")]
    problems: list[Problem] = []
    fields: list[str | None] = []
    columns: dict[str, str] = {}
    for heading in header:
        key = COLUMNS.get(_heading(heading))
        if heading.strip() and key is None:
            problems.append(Problem(shown, 1, heading.strip(), f"is not a known column (expected {EXPECTED_COLUMNS})"))
        elif key in columns:
            problems.append(Problem(shown, 1, heading.strip(), f"is the same column as '{columns[key]}' "
                                                               f"(expected each column once)"))
            key = None
        elif key:
            columns[key] = heading.strip()
        fields.append(key)
    if "honorific" not in columns:
        # everyone would silently be addressed 殿: a company's president, a whole branch (各位) alike
        problems.append(Problem(shown, 1, "", "has no 敬称 column (expected a column 敬称 saying 殿, 様, 御中 or 各位 "
                                              "for each recipient; a cell left empty there means 殿)"))
    rows: list[dict[str, str]] = []
    source = RecipientSource(shown, {"recipients": rows}, {(): 1}, columns=columns)
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            index = len(rows)
            source.lines[("recipients", index)] = start
            row = {}
            for column, cell in enumerate(cells):
                key = fields[column] if column < len(fields) else None
                if column >= len(fields) and cell.strip():
                    problems.append(Problem(shown, start, "", f"has {len(cells)} cells but the heading row has "
                                                              f"{len(fields)} (expected one cell per column)"))
                    break
                bad = CONTROL.search(cell)
                if key and bad:  # as in YAML: pasted in, printed as a box or not at all
                    problems.append(Problem(shown, start, header[column].strip(),
                                            f"contains the control character U+{ord(bad.group()):04X} (expected "
                                            "printable text; it was probably pasted from another program)"))
                if key and cell.strip():
                    row[key] = cell.strip()
                    source.lines[("recipients", index, key)] = start
            rows.append(row)
        start = reader.line_num + 1
    return source, problems


def relabel(problems: list[Problem], source: RecipientSource) -> list[Problem]:
    """Name a CSV cell's problem by its column heading (「メールアドレス」), not by the model's field path."""
    if not source.columns:
        return problems
    relabelled = []
    row_heading = source.columns.get("organisation") or source.columns.get("name", "")
    rows = source.data.get("recipients", []) if isinstance(source.data, dict) else []
    for problem in problems:
        if not problem.field.startswith("recipients["):
            heading = problem.field
        elif "." in problem.field:
            heading = source.columns.get(problem.field.rsplit(".", 1)[-1], problem.field)
        else:  # a problem with the whole row: at the column holding the value it quotes, or that names the recipient
            heading = _column_quoted(problem, rows, source.columns) or row_heading
        message = problem.message.replace("only in 'honorific'", f"only in the column {source.columns['honorific']}") \
            if "honorific" in source.columns else problem.message
        relabelled.append(Problem(problem.file, problem.line, heading, message, problem.warning))
    return relabelled


def _column_quoted(problem: Problem, rows: list, columns: dict[str, str]) -> str | None:
    """The heading of the cell whose value a row's problem quotes (「'山田 太郎様' already ends with …」)."""
    index = re.match(r"recipients\[(\d+)\]", problem.field)
    quoted = re.search(r"'([^']+)'", problem.message)
    if not index or not quoted or int(index.group(1)) >= len(rows):
        return None
    row = rows[int(index.group(1))]
    return next((columns[key] for key, value in row.items() if value == quoted.group(1) and key in columns), None)


def duplicate_problems(source: Source, recipients: list[tuple[int, Recipient]]) -> list[Problem]:
    """A recipient listed twice (same 宛名 or same e-mail address) would get two letters: report the second."""
    problems = []
    seen_lines: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for index, recipient in recipients:
        line = source.line_of(("recipients", index))
        if recipient.line in seen_lines:
            problems.append(Problem(source.path, line, f"recipients[{index}]",
                                    f"「{recipient.line}」 is already listed on line {seen_lines[recipient.line]} "
                                    f"(expected each recipient once)"))
        seen_lines.setdefault(recipient.line, line)
        if recipient.email:
            address = recipient.email.casefold()
            if address in seen_emails:
                problems.append(Problem(source.path, source.line_of(("recipients", index, "email")),
                                        f"recipients[{index}].email",
                                        f"{recipient.email} is already the address on line {seen_emails[address]} "
                                        f"(expected each recipient's own address once)"))
            seen_emails.setdefault(address, line)
    return problems
