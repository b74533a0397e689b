"""Stage 4, PDF: HTML to PDF with WeasyPrint, sandboxed, with Japanese fonts checked.

Every HTML and CSS object gets :class:`ProjectFetcher`, which serves only files from
the project's own folders: content can never make a PDF embed a file from elsewhere
on the machine or fetch anything from the network.
"""

import logging
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..errors import BuildError
from ..typeset.environment import TEMPLATES
from . import archival
from .fonts import unprintable
from .printcheck import Defect, check_document


class RefusedURL(ValueError):
    """A document asked for something outside the project; it is not embedded."""


class ProjectFetcher(URLFetcher):
    """Serves ``file:`` URLs inside the allowed folders and ``data:`` URLs; refuses everything else.

    Refused: ``file:`` anywhere else (also through ``..`` or a symlink leading out),
    ``http(s):``, ``ftp:`` and every other scheme. Each refusal is remembered with
    the document that asked, so the build can say what was left out.
    """

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[tuple[str, str]] = []
        self.document = ""

    def allows(self, url: str) -> bool:
        """Whether ``url`` is a ``data:`` URL or a file inside one of the project's folders."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return True
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_file() and any(path.is_relative_to(root) for root in self.roots)

    def fetch(self, url, headers=None):
        if self.allows(url):
            return super().fetch(url, headers)
        self.refused.append((self.document, url))
        raise RefusedURL(f"{url} is outside the project's folders and is not embedded")



class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chars: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.chars.update(data)


def missing_glyphs(html: str) -> list[str]:
    """Characters of ``html``'s text that no installed Japanese font can draw (they would print as tofu)."""
    parser = _TextOf()
    parser.feed(html)
    return unprintable(parser.chars)


class Typesetter:
    """Lays out HTML and writes PDFs with one shared font configuration (its subsetting cache is what makes
    batches fast), reading only files of the project's content and of shuchi's own templates."""

    def __init__(self, project: Path, check_print: bool = False):
        self.fetcher = ProjectFetcher([project / "content", TEMPLATES])
        self.font_config = FontConfiguration()
        self.printed: list[tuple[str, list[Defect]]] | None = [] if check_print else None
        """With ``check_print``: each document laid out, by name, with what the print check found on its pages."""
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def document(self, html: str, base_url: Path, name: str = "document", check: bool = True):
        """Lay out ``html``; refuse when a character has no glyph. ``check=False``: a trial layout, which the
        print check does not read."""
        missing = missing_glyphs(html)
        if missing:
            shown = " ".join(f"「{c}」(U+{ord(c):04X})" for c in missing[:10])
            raise BuildError(f"{name}: no Japanese font can print {shown}; replace the character in the content "
                             f"or install a font that has it")
        self.fetcher.document = name
        document = HTML(string=html, base_url=str(base_url), url_fetcher=self.fetcher).render(
            font_config=self.font_config)
        if check and self.printed is not None:
            self.printed.append((name, check_document(document)))
        return document

    def write(self, html: str, base_url: Path, target: Path, name: str = "document") -> int:
        """Write one tagged PDF/A and PDF/UA file (see :mod:`shuchi.pdf.archival`); returns its page count."""
        document = self.document(html, base_url, name)
        archival.write_pdf(document, target)
        return len(document.pages)
