"""Stage 5a: every organisation's letters as HTML and PDF (and its notices as Word) under ``<out>/<org>/letters/``."""

import io
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment
from pypdf import PdfWriter

from ..content import Content
from ..docx import write_letter_docx
from ..model import Organisation
from ..pdf.assemble import finish
from ..pdf.typesetter import Typesetter
from ..typeset.letter import Letter, circular_letter, notice_letter
from ..typeset.pages import letter_html


@dataclass(frozen=True)
class DocumentWritten:
    """One document written: where its HTML and PDF are and how many pages the PDF has."""

    html: Path
    pdf: Path
    pages: int
    docx: Path | None = None
    """The letter as Word, for a notice (the ministries' circulars are not for editing)."""


def letter_pdf(writer: Typesetter, env: Environment, letter: Letter, logo: Path) -> tuple[bytes, int]:
    """A letter as PDF bytes and its page count."""
    html = letter_html(env, letter, logo=logo.resolve().as_uri(), media="print")
    document = writer.document(html, logo.parent, letter.slug)
    return document.write_pdf(), len(document.pages)


def write_letter(writer: Typesetter, env: Environment, letter: Letter, folder: Path, logo: Path,
                 web_logo: str, enclosures: tuple[bytes, ...] = ()) -> DocumentWritten:
    """Write ``letter`` as ``<slug>.html`` and ``<slug>.pdf``; PDF ``enclosures`` follow the letter's pages."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = folder / f"{letter.slug}.html", folder / f"{letter.slug}.pdf"
    html_path.write_text(letter_html(env, letter, logo=web_logo, media="screen"), encoding="utf-8")
    data, pages = letter_pdf(writer, env, letter, logo)
    if enclosures:
        merged = PdfWriter()
        for part in (data, *enclosures):
            merged.append(io.BytesIO(part))
        finish(merged, letter.title, letter.author)
        buffer = io.BytesIO()
        merged.write(buffer)
        data, pages = buffer.getvalue(), len(merged.pages)
    pdf_path.write_bytes(data)
    return DocumentWritten(html_path, pdf_path, pages)


def write_organisation_letters(writer: Typesetter, env: Environment, content: Content,
                               org: Organisation, out: Path, own_env: Environment | None = None) -> dict[str, DocumentWritten]:
    """All of an organisation's notices, and the circulars they relay, under ``out``.

    The ministries' circulars use the project's templates (``env``); the organisation's own
    notices use ``own_env``, which holds its own templates if it brought any.
    """
    logo_source = content.logo_of(org)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(logo_source, out / "logo.svg")
    written: dict[str, DocumentWritten] = {}
    circular_pdfs: dict[str, bytes] = {}
    for notice in content.notices_of(org.slug):
        circular = content.circulars[notice.circular]
        # only the ministry's own letter is offered as one; a relay's quotation is a page of the site
        if circular.holds_letter and circular.id not in circular_pdfs:
            ministry = circular_letter(content, circular, notice)
            written[circular.id] = write_letter(writer, env, ministry, out / "circulars", logo_source, "../logo.svg")
            circular_pdfs[circular.id] = written[circular.id].pdf.read_bytes()
        enclosures = (circular_pdfs[circular.id],) if notice.enclose_circular else ()
        letter = notice_letter(content, notice)
        written[notice.id] = replace(write_letter(writer, own_env or env, letter, out / "letters", logo_source,
                                                  "../logo.svg", enclosures),
                                     docx=write_letter_docx(letter, logo_source, out / "letters"))
    return written


