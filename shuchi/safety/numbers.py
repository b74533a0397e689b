"""The personal-number guard's last line (最終確認): the text of everything about to be published — pages,
the text of PDFs, manifest.csv, e-mails, file names — scanned once more after it is written, whatever put
a number there (content, a recipient list, a template, a bug)."""

import email
import html
import io
import re
import zipfile
from collections.abc import Iterable
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..content.guard import LONGEST_GAP, find_individual_numbers

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


def pdf_text(path: Path | bytes) -> str:
    """The text a reader can copy out of a PDF (a file, or its bytes)."""
    return "\n".join(pdf_pages(path))


def pdf_pages(path: Path | bytes) -> list[str]:
    """The text of each page of a PDF."""
    try:
        return [page.extract_text() for page in PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path).pages]
    except PdfReadError:
        return []


def docx_text(path: Path | bytes) -> str:
    """The text of a Word file's body, headers and footers (its XML parts, tags taken out, paragraphs as lines)."""
    try:
        with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path) as package:
            parts = [package.read(name).decode("utf-8", errors="replace") for name in package.namelist()
                     if name.startswith("word/") and name.endswith(".xml")]
    except (zipfile.BadZipFile, OSError):
        return ""
    return "\n".join(html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"</w:p>", "\n", part))) for part in parts)


def mail_text(path: Path) -> str:
    """An e-mail's headers, text parts and attachment names, decoded as a mail program shows them."""
    return message_text(email.message_from_bytes(path.read_bytes(), policy=policy.default))


def message_text(message: EmailMessage) -> str:
    """The same for a message before it is written (a merge's worker checks each e-mail it writes), with the text
    of each Word file it carries: the recipient's own letter as Word, found in no other file with ``mail_docx``.
    (Its PDFs are the letter, read as letters/ holds it, and enclosures: see :func:`check_merge`.)"""
    parts = [f"{name}: {message[name]}" for name in READ_HEADERS if message[name]]
    for part in message.walk():
        filename = part.get_filename()
        if filename:
            parts.append(filename)
            if filename.endswith(".docx"):
                parts.append(docx_text(part.get_content()))
        elif part.get_content_type().startswith("text/"):
            parts.append(part.get_content())
    return "\n".join(parts)


class MergedLetter(Protocol):
    """How a merge wrote one recipient's letter (shuchi.merge.workers.LetterWritten)."""

    @property
    def letter(self) -> str: ...  # its file name in letters/

    @property
    def heads(self) -> Path | None: ...  # the PDF its head was drawn from; None: laid out whole

    @property
    def head_page(self) -> int: ...


REACH = 12 + 11 * LONGEST_GAP
"""Characters at most that one number the guard reads spans (12 digits, a gap between each two)."""

HEAD_LINES = 20
"""Lines of the body's first page among which a head may be read: the letterhead's, and the 件名's first."""


def head_among(head: str, first_page: str) -> list[str]:
    """``head`` put between the lines of ``first_page`` at each place it may be read, each time with
    :data:`REACH` characters of the body before and after it (blanks run together first, as the guard reads
    them, so that :data:`REACH` holds)."""
    head, lines = folded(head), folded(first_page).split("\n")
    places = []
    for place in range(min(HEAD_LINES, len(lines)) + 1):
        before, after = "\n".join(lines[:place]), "\n".join(lines[place:])
        places.append(f"{before[-REACH:]}\n{head}\n{after[:REACH]}")
    return places


def folded(text: str) -> str:
    """``text`` with each run of blanks as one: a line break where the run holds one, else a space."""
    return re.sub(r"\s+", lambda run: "\n" if "\n" in run.group() else " ", text)


def check_merge(stage: Path, work: Path, letters: Iterable[MergedLetter]) -> list[str]:
    """The last line of a merge, before its folder is swapped in: file names, manifest.csv, Word files, each
    recipient's letter as published and the enclosures laid out for the e-mails (each e-mail's own text and
    Word letter are checked by the workers as they write them; enclosures taken from site/ were checked by the
    build that wrote them, whose digest matches the content's). Returns each problem as the file and the masked number.

    A stamped letter is the body with one head drawn on its first page, in the blank between the letterhead and
    the 件名 (shuchi.pdf.mergetags.stamped_letter), and nothing else. So the body is read once, and each letter
    as its head read between the body's first lines, at each of :data:`HEAD_LINES` places (where a reader may
    meet it), with :data:`REACH` characters on either side — any number longer than that would lie wholly in
    the body or the head — instead of reading every letter's PDF again (a fifth of a second a letter). A
    letter laid out whole is read whole."""
    found = []
    for path in sorted(p for p in stage.rglob("*") if p.is_file()):
        found += [f"{path.relative_to(stage)}: {masked}" for masked in numbers_in_name(path, stage)]
        if path.suffix in (".csv", ".docx"):
            found += [f"{path.relative_to(stage)}: {masked}" for masked in numbers_in_file(path)]
    body = pdf_pages(work / "body.pdf")
    found += [f"the letters (body.pdf): {masked}" for masked in numbers_in_text("\n".join(body))]
    first_page = body[0] if body else ""
    heads: dict[Path, list[str]] = {}
    for letter in letters:
        if letter.heads is None:
            texts = [pdf_text(stage / "letters" / letter.letter)]
        else:
            if letter.heads not in heads:
                heads[letter.heads] = pdf_pages(letter.heads)
            texts = head_among(heads[letter.heads][letter.head_page], first_page)
        numbers = [masked for text in texts for masked in numbers_in_text(text)]
        found += [f"letters/{letter.letter}: {masked}" for masked in dict.fromkeys(numbers)]
    for path in sorted(work.glob("*/*.pdf")):  # enclosures laid out for this merge, not taken from a checked site
        found += [f"the e-mails' attachment {path.name}: {masked}" for masked in numbers_in_file(path)]
    return found
