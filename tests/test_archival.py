"""Every PDF the build writes is fit for archives (PDF/A-3a) and for screen readers (PDF/UA-1).

Checked with tools made for it, not with shuchi's own code: the PDF/UA-1 checker ``pdfua`` (its
machine-checkable rules), pikepdf (qpdf) for the PDF/A identification, and poppler's
``pdfinfo -struct-text`` for what a screen reader is given to read.
"""

import re
from pathlib import Path

import pikepdf
import pytest
from helpers import ROOT, pdfua_failures, structure_text
from pypdf import PdfReader
from test_leaflets import printed_urls

from shuchi.content import load_content
from shuchi.typeset.letter import notice_letter


def built_pdfs(site: Path) -> list[Path]:
    return sorted(site.glob("*/*/*.pdf"))


def headings(path: Path) -> list[tuple[str, str]]:
    """(role, text) of each heading of the structure tree, in reading order, as a screen reader reads it."""
    found, current, depth = [], None, 0
    for line in structure_text(path).splitlines():
        indent = len(line) - len(line.lstrip())
        word = line.strip()
        if current is not None and indent <= depth:
            current = None
        if re.fullmatch(r"H[1-6]", word):
            current, depth = [word[:2], ""], indent
            found.append(current)
        elif current is not None and word.startswith('"'):
            current[1] += word.strip('"')
    return [(role, text) for role, text in found]


def outline_titles(path: Path) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title
    return list(walk(PdfReader(path).outline))


def figures(pdf: pikepdf.Pdf) -> list[str]:
    """The alternative text of every figure in the structure tree."""
    found = []

    def walk(element):
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else []:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)
    walk(pdf.Root.StructTreeRoot)
    return found


def test_every_pdf_the_build_writes_passes_the_pdfua_checker(built_site):
    pdfs = built_pdfs(built_site)
    assert len(pdfs) >= 25  # 3 organisations' notices and circulars, and their leaflets
    failures = {path.relative_to(built_site).as_posix(): pdfua_failures(path) for path in pdfs}
    assert {name: found for name, found in failures.items() if found} == {}


def test_every_pdf_the_build_writes_is_declared_pdfa_2a_and_pdfua_1(built_site):
    for path in built_pdfs(built_site):
        with pikepdf.open(path) as pdf:
            xmp = pdf.open_metadata()
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("3", "A", "1"), path
            assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in pdf.Root.Metadata.read_bytes()
            assert pdf.pdf_version == "1.7"
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1"
            assert intent.DestOutputProfile.N == 3 and intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"
            assert xmp["dc:title"] == str(pdf.docinfo.Title) != ""
            assert pdf.Root.Lang == "ja"
            assert pdf.Root.MarkInfo.Marked is True and pdf.Root.ViewerPreferences.DisplayDocTitle is True
            for font in {font.objgen: font for page in pdf.pages for font in page.Resources.Font.values()}.values():
                descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{path}: {font.BaseFont} not embedded"


@pytest.mark.parametrize("name", ["itea/letters/itea-members-2024-06-14.pdf", "itea/circulars/soumu-2024-06-04.pdf",
                                  "itea/leaflets/shiryo3.pdf"])
def test_bookmarks_are_the_headings(built_site, name):
    path = built_site / name
    found = headings(path)
    assert found and found[0][0] == "H1"
    squeezed = [re.sub(r"\s+", "", title) for title in outline_titles(path)]
    assert [re.sub(r"\s+", "", text) for _, text in found] == squeezed


def test_the_letter_with_the_circular_enclosed_is_one_tagged_document_titled_as_the_letter(built_site):
    path = built_site / "zenjukyo/letters/zenjukyo-2024-08-02.pdf"
    circular = built_site / "zenjukyo/circulars/mlit-2024-07-29.pdf"
    letter_pages = len(PdfReader(path).pages) - len(PdfReader(circular).pages)
    content = load_content(ROOT / "content")
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo.Title) == pdf.open_metadata()["dc:title"] == notice_letter(content, content.notices["zenjukyo-2024-08-02"]).title
        assert str(pdf.docinfo.Author) == content.organisations["zenjukyo"].full_name
        parts = [kid for kid in pdf.Root.StructTreeRoot.K[0].K if isinstance(kid, pikepdf.Dictionary)]
        pages_of_parts = {pdf.pages.index(pikepdf.Page(part.Pg)) for part in parts}
        assert max(pages_of_parts) >= letter_pages, "the circular's pages are not in the structure tree"
    assert [role for role, _ in headings(path)].count("H1") == 2  # the letter's 件名 and the circular's


def test_the_logo_and_every_qr_code_have_alternative_text_naming_what_they_show(built_site):
    content = load_content(ROOT / "content")
    for slug in ("itea", "nichiyaku", "zenjukyo"):
        name = content.organisations[slug].full_name
        with pikepdf.open(next((built_site / slug / "letters").glob("*.pdf"))) as pdf:
            assert f"{name} ロゴ" in figures(pdf)
    for leaflet in ("shiryo3", "shiryo5"):
        with pikepdf.open(built_site / "itea" / "leaflets" / f"{leaflet}.pdf") as pdf:
            codes = [alt for alt in figures(pdf) if "QRコード" in alt]
        urls = [re.search(r"（(https?://[^）]+)）", alt)[1] for alt in codes]
        assert sorted(urls) == sorted(printed_urls(content.attachments[leaflet]))


def test_a_table_heads_its_columns(built_site):
    with pikepdf.open(built_site / "itea" / "leaflets" / "shiryo6.pdf") as pdf:
        cells = []

        def walk(element):
            if element.get("/S") in ("/TH", "/TD"):
                cells.append(element)
            for kid in element.get("/K") if isinstance(element.get("/K"), pikepdf.Array) else []:
                if isinstance(kid, pikepdf.Dictionary):
                    walk(kid)
        walk(pdf.Root.StructTreeRoot)
        header_ids = {str(cell.ID) for cell in cells if cell.S == "/TH"}
        assert header_ids and all(cell.A.Scope == "/Column" for cell in cells if cell.S == "/TH")
        assert all({str(ref) for ref in cell.A.Headers} <= header_ids and len(cell.A.Headers) == 1
                   for cell in cells if cell.S == "/TD")
