"""Stage 4, PDF: HTML to PDF with WeasyPrint, sandboxed, with Japanese fonts checked.

Every HTML and CSS object gets :class:`ProjectFetcher`, which serves only files from
the project's own folders: content can never make a PDF embed a file from elsewhere
on the machine or fetch anything from the network.
"""

import ctypes.util
import functools
import logging
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..errors import BuildError
from ..typeset.environment import TEMPLATES
from . import archival
from .printcheck import Defect, check_document

FONT_PACKAGES = {
    "BIZ UDMincho": "fonts-morisawa-bizud-mincho",
    "BIZ UDGothic": "fonts-morisawa-bizud-gothic",
}
"""The letter fonts and the Debian package that installs each."""

FALLBACK_FONTS = ("Noto Serif CJK JP", "Noto Sans CJK JP")


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


def font_families() -> set[str]:
    """Font families fontconfig knows, by every name it gives them."""
    try:
        listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise BuildError(f"fontconfig's fc-list could not run ({error}); install the package fontconfig") from error
    return {name.strip() for line in listing.splitlines() for name in line.split(",")}


def check_fonts() -> None:
    """Stop with the package to install when a letter font is missing."""
    families = font_families()
    missing = [package for family, package in FONT_PACKAGES.items() if family not in families]
    if missing:
        raise BuildError(f"the Japanese letter fonts are missing; install them with: "
                         f"apt-get install {' '.join(missing)} (or run `make site` as root)")


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz (six times faster than fontTools)."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


@functools.cache
def _covered() -> frozenset[int]:
    """Code points the letter fonts and their fallbacks can draw, from fontconfig's charsets."""
    covered: set[int] = set()
    for family in (*FONT_PACKAGES, *FALLBACK_FONTS):
        found = subprocess.run(["fc-match", "-f", "%{charset}", f"{family}:lang=ja"], capture_output=True, text=True)
        for span in found.stdout.split():
            first, _, last = span.partition("-")
            covered.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(covered)


def load_glyph_coverage() -> None:
    """Read once which characters the fonts can print; processes forked afterwards share it instead of reading again."""
    _covered()


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
    covered = _covered()
    return sorted(c for c in parser.chars if not c.isspace() and ord(c) not in covered)


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
