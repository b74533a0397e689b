"""Stage 5a: a letter (a notice or a ministry's circular) as HTML and PDF, as the build plan lists it."""

import io
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from pypdf import PdfWriter

from ..pdf.assemble import finish
from ..pdf.typesetter import Typesetter
from ..typeset.letter import Letter
from ..typeset.pages import letter_html


@dataclass(frozen=True)
class DocumentWritten:
    """One document written: where its HTML and PDF are and how many pages the PDF has."""

    html: Path
    pdf: Path
    pages: int


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
