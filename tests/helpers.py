"""Helpers the tests share: the project, copies of it to break, running the command as a user would,
and reading PDFs the way a reader does."""

import contextlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pdfua
import pikepdf
from pypdf import PdfReader

from shuchi.cli import main

ROOT = Path(__file__).resolve().parent.parent


def addresses(html: str) -> list[tuple[str, str, str]]:
    """Every address a page holds, as (element, attribute, address): each ``href`` and ``src``."""
    found: list[tuple[str, str, str]] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name, value) for name, value in attrs if value and name in ("href", "src"))

    Reader().feed(html)
    return found


def copy_project(dest: Path) -> Path:
    """A copy of the project's content that a test may edit (without the registers' lock files)."""
    shutil.copytree(ROOT / "content", dest / "content", ignore=shutil.ignore_patterns(".*.lock"))
    return dest


@dataclass
class Result:
    """What a command printed and its exit code, as :class:`subprocess.CompletedProcess` has them."""

    returncode: int
    stdout: str
    stderr: str


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run shuchi's command on the project at ``root`` as a secretariat would: in this process (as
    sqlite-utils' CliRunner does), or in a new Python when ``env`` sets variables it must start with."""
    argv = ["--root", str(root), *args]
    if env:
        done = subprocess.run([sys.executable, "-m", "shuchi", *argv], capture_output=True, text=True,
                              timeout=600, env={**os.environ, **env})
        return Result(done.returncode, done.stdout, done.stderr)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return Result(code, out.getvalue(), err.getvalue())


def pdf_text(path: Path) -> str:
    """The text a reader can copy out of a PDF (poppler's pdftotext, reading order)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> str:
    """The fonts a PDF embeds, as poppler's pdffonts lists them."""
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def same_site(one: Path, other: Path) -> None:
    """Two built sites hold the same files, byte for byte; PDFs compared as a reader does (text and pages)."""

    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for name in files:
        if name.suffix == ".pdf":
            assert pdf_text(one / name) == pdf_text(other / name), name
            assert len(PdfReader(one / name).pages) == len(PdfReader(other / name).pages), name
        elif name.suffix == ".docx":  # python-docx stamps the zip entries with the time: compare what they hold
            with zipfile.ZipFile(one / name) as first, zipfile.ZipFile(other / name) as second:
                assert first.namelist() == second.namelist(), name
                assert all(first.read(part) == second.read(part) for part in first.namelist()), name
        else:
            assert (one / name).read_bytes() == (other / name).read_bytes(), name


def structure_text(path: Path) -> str:
    """The structure tree as a screen reader is given it: each element's role on a line, indented by its depth,
    and under it, in quotes, the text of the content it marks, in reading order.

    The tree is read with pikepdf, the marked text with pypdf's text extraction (its characters mapped back to
    their marked-content ids). Poppler's ``pdfinfo -struct-text`` gives the same text (compared on the built
    letters, circulars and leaflets) but takes 25 times as long.
    """
    texts = _marked_text(path)
    lines: list[str] = []

    def walk(element, depth: int, page: int | None) -> None:
        if isinstance(element, int):
            text = texts.get((page, element), "").replace("\n", "")
            if text.strip():
                lines.append("  " * depth + f'"{text}"')
            return
        if "/Pg" in element:
            page = pages[element.Pg.objgen]
        if element.get("/Type") == "/MCR":
            walk(int(element.MCID), depth, page)
        elif element.get("/Type") != "/OBJR":
            lines.append("  " * depth + str(element.get("/S", "/?"))[1:])
            for kid in _kids(element):
                walk(int(kid) if isinstance(kid, int) else kid, depth + 1, page)

    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        for top in _kids(pdf.Root.StructTreeRoot):
            walk(top, 0, None)
    return "\n".join(lines)


def _kids(element) -> list:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []


def _marked_text(path: Path) -> dict[tuple[int, int], str]:
    """The text of each marked-content sequence, keyed by (page index, MCID)."""
    return {(index, mcid): text for index, page in enumerate(PdfReader(path).pages)
            for mcid, text in _page_marked_text(page).items()}


def _page_marked_text(page) -> dict[int, str]:
    found: dict[int, str] = {}
    open_marks: list[int | None] = []

    def operator(name, operands, *_):
        if name == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            open_marks.append(None if mcid is None else int(mcid))
        elif name == b"BMC":
            open_marks.append(None)
        elif name == b"EMC" and open_marks:
            open_marks.pop()

    def text(chars, *_):
        mcid = next((mark for mark in reversed(open_marks) if mark is not None), None)
        if mcid is not None:
            found[mcid] = found.get(mcid, "") + chars

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return found


PDFUA_RULE_THAT_CRASHES = "UA-14-001"
"""pdfua 0.1.3's "heading elements are not empty" rule raises on every heading whose /K is an array (it asks a
pikepdf Array for an attribute, and pikepdf 10 answers ValueError, not AttributeError), so pdfua skips it:
:func:`pdfua_failures` checks what it would have checked itself."""


def pdfua_failures(path: Path) -> list[str]:
    """What the PDF/UA-1 checker ``pdfua`` finds wrong with a PDF (every finding, warnings too), and any rule it
    could not run besides :data:`PDFUA_RULE_THAT_CRASHES`, whose check is done here instead."""
    report = pdfua.validate(str(path))
    failures = [f"{finding.rule_id} ({finding.severity.name}) page {finding.location.page}: {finding.message}"
                for finding in report.findings]
    for outcome in report.outcomes:
        if outcome.skipped and outcome.rule_id != PDFUA_RULE_THAT_CRASHES:
            failures.append(f"{outcome.rule_id} not run: {outcome.skipped_reason}")
    with pikepdf.open(path) as pdf:
        failures += [f"empty heading {role}" for role, has_content in _headings(pdf.Root.StructTreeRoot)
                     if not has_content]
    return failures


def _headings(element):
    """(role, whether it marks any content) of each heading under ``element``, as UA-14-001 asks."""
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    role = str(element.get("/S", ""))
    if len(role) == 3 and role.startswith("/H") and role[2].isdigit():
        yield role, _marks_content(element)
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            yield from _headings(kid)


def _marks_content(element) -> bool:
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return any(isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and _marks_content(kid))
               for kid in kids)


def archival_failures(path: Path) -> list[str]:
    """What pikepdf finds missing of a PDF's PDF/A-3a and PDF/UA-1 identification: XMP (with the extension schema
    of ``pdfuaid``), version, sRGB output intent, title in /Info and XMP alike, language, marked and titled
    display, every font embedded."""
    failures = []

    def expect(holds: bool, what: str) -> None:
        if not holds:
            failures.append(what)
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()
        found = (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance"), xmp.get("pdfuaid:part"))
        expect(found == ("3", "A", "1"), f"identified as {found}")
        expect(b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in pdf.Root.Metadata.read_bytes(),
               "no extension schema for pdfuaid")
        expect(pdf.pdf_version == "1.7", f"PDF {pdf.pdf_version}")
        intents = list(pdf.Root.get("/OutputIntents", []))
        expect(len(intents) == 1 and intents[0].S == "/GTS_PDFA1" and intents[0].DestOutputProfile.N == 3
               and intents[0].DestOutputProfile.read_bytes()[36:40] == b"acsp", "no sRGB output intent")
        expect(xmp.get("dc:title") == str(pdf.docinfo.get("/Title", "")) != "", "titles differ or are empty")
        expect(pdf.Root.get("/Lang") == "ja", "no /Lang ja")
        expect(pdf.Root.MarkInfo.Marked is True and pdf.Root.ViewerPreferences.DisplayDocTitle is True,
               "not marked or not showing its title")
        fonts = {font.objgen: font for page in pdf.pages for font in page.Resources.get("/Font", {}).values()}
        for font in fonts.values():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            expect("/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{font.BaseFont} not embedded")
    return failures

