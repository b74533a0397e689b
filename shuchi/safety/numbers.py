"""The personal-number guard's last line (最終確認): the text of everything about to be published — pages,
the text of PDFs, manifest.csv, e-mails, file names — scanned once more after it is written, whatever put
a number there (content, a recipient list, a template, a bug)."""

import email
import html
import re
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..content.guard import find_individual_numbers

TEXT_SUFFIXES = {".csv", ".txt", ".xml", ".json", ".svg", ".css", ".js", ".md", ".yml", ".yaml"}
"""Files read as text; pages are read by :mod:`.reader` and passed in as their text."""


READ_HEADERS = ("Subject", "From", "To", "Cc", "Reply-To")
"""The headers a person reads (Message-ID, Date and MIME boundaries are machine-made digits)."""


def numbers_in_name(path: Path, folder: Path) -> list[str]:
    """The masked numbers in a file's name (relative to ``folder``)."""
    return [finding.masked for finding in find_individual_numbers(path.relative_to(folder).as_posix())]


def numbers_in_file(path: Path) -> list[str]:
    """The masked numbers in the text of a PDF, an e-mail or a text file (pages: see :func:`numbers_in_text`)."""
    if path.suffix == ".pdf":
        return numbers_in_text(pdf_text(path))
    if path.suffix == ".eml":
        return numbers_in_text(mail_text(path))
    if path.suffix == ".docx":
        return numbers_in_text(docx_text(path))
    if path.suffix in TEXT_SUFFIXES:
        return numbers_in_text(path.read_bytes().decode("utf-8", errors="replace"))
    return []


def numbers_in_text(text: str) -> list[str]:
    return [finding.masked for finding in find_individual_numbers(text)]


def pdf_text(path: Path) -> str:
    """The text a reader can copy out of a PDF."""
    try:
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    except PdfReadError:
        return ""


def docx_text(path: Path) -> str:
    """The text of a Word file's body, headers and footers (its XML parts, tags taken out, paragraphs as lines)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = [package.read(name).decode("utf-8", errors="replace") for name in package.namelist()
                     if name.startswith("word/") and name.endswith(".xml")]
    except (zipfile.BadZipFile, OSError):
        return ""
    return "\n".join(html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"</w:p>", "\n", part))) for part in parts)


def mail_text(path: Path) -> str:
    """An e-mail's headers, text parts and attachment names, decoded as a mail program shows them."""
    return message_text(email.message_from_bytes(path.read_bytes(), policy=policy.default))


def message_text(message: EmailMessage) -> str:
    """The same for a message before it is written (a merge's worker checks each e-mail it writes)."""
    parts = [f"{name}: {message[name]}" for name in READ_HEADERS if message[name]]
    for part in message.walk():
        filename = part.get_filename()
        if filename:
            parts.append(filename)
        elif part.get_content_type().startswith("text/"):
            parts.append(part.get_content())
    return "\n".join(parts)


def check_merge(stage: Path, work: Path) -> list[str]:
    """The last line of a merge, before its folder is swapped in: file names, manifest.csv, the body every
    letter shares and each recipient's head (the e-mails are checked by the workers as they write them).
    Returns each problem as the file and the masked number."""
    found = []
    for path in sorted(p for p in stage.rglob("*") if p.is_file()):
        found += [f"{path.relative_to(stage)}: {masked}" for masked in numbers_in_name(path, stage)]
        if path.suffix in (".csv", ".docx"):
            found += [f"{path.relative_to(stage)}: {masked}" for masked in numbers_in_file(path)]
    for path in sorted(work.glob("*.pdf")):  # body.pdf and heads-*.pdf: every letter is made of them
        found += [f"the letters ({path.name}): {masked}" for masked in numbers_in_file(path)]
    return found
