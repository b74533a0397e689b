"""Stage 5a: a letter (a notice or a ministry's circular) as HTML and PDF, as the build plan lists it."""

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from weasyprint import Document

from ..pdf import archival
from ..pdf.typesetter import Typesetter
from ..typeset.letter import Letter
from ..typeset.pages import letter_html


@dataclass(frozen=True)
class BackLink:
    """The way from a stand-alone web page (a letter to print, a leaflet for phones) back to its page on the site."""

    href: str
    text: str


@dataclass(frozen=True)
class DocumentWritten:
    """One document written: where its HTML and PDF are and how many pages the PDF has."""

    html: Path
    pdf: Path
    pages: int


def letter_document(writer: Typesetter, env: Environment, letter: Letter, logo: Path) -> Document:
    """A letter laid out for print."""
    html = letter_html(env, letter, logo=logo.resolve().as_uri(), media="print")
    return writer.document(html, logo.parent, letter.slug)


def letter_pdf(writer: Typesetter, env: Environment, letter: Letter, logo: Path) -> tuple[bytes, int]:
    """A letter as PDF bytes (tagged, PDF/A and PDF/UA) and its page count."""
    document = letter_document(writer, env, letter, logo)
    return archival.pdf_bytes(document), len(document.pages)


def write_letter(writer: Typesetter, env: Environment, letter: Letter, folder: Path, logo: Path,
                 web_logo: str, enclosures: tuple[Document, ...] = (), back: BackLink | None = None) -> DocumentWritten:
    """Write ``letter`` as ``<slug>.html`` and ``<slug>.pdf``, the pages of the laid-out ``enclosures`` after
    the letter's; the web page links ``back`` to the site. Letter and enclosures are written as one WeasyPrint
    document, so that the PDF has one structure tree and the letter's title: joining finished PDFs would drop
    their tags."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = folder / f"{letter.slug}.html", folder / f"{letter.slug}.pdf"
    html_path.write_text(letter_html(env, letter, logo=web_logo, media="screen", back=back), encoding="utf-8")
    document = letter_document(writer, env, letter, logo)
    whole = document.copy([*document.pages, *(page for enclosure in enclosures for page in enclosure.pages)])
    archival.write_pdf(whole, pdf_path)
    return DocumentWritten(html_path, pdf_path, len(whole.pages))
