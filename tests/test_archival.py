"""Every PDF the build and the merge write is fit for archives (PDF/A-3a) and for screen readers (PDF/UA-1).

Checked with tools made for it, not with shuchi's own code: the PDF/UA-1 checker ``pdfua`` (its
machine-checkable rules), pikepdf (qpdf) for the PDF/A identification, and poppler's
``pdfinfo -struct-text`` for what a screen reader is given to read.
"""

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pikepdf
import pytest
from helpers import ROOT, archival_failures, copy_project, pdfua_failures, run_build, structure_text
from pypdf import PdfReader
from test_leaflets import printed_urls

from shuchi.content import load_content
from shuchi.typeset.letter import notice_letter

LONG_NAME = ("一般社団法人とても長い名前の住宅産業協会連合会地域支部協議会事務局総務課", "事務局長兼総務課長兼広報担当")


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    """One small merge (全住協, whose letter encloses the ministry's circular): a recipient with an e-mail address
    and one whose 宛名 is too long for the blank (laid out whole); its e-mails' enclosures laid out by the merge."""
    root = copy_project(tmp_path_factory.mktemp("merged"))
    listing = root / "list.csv"
    listing.write_text(f"団体名,役職,氏名,敬称,メールアドレス\n株式会社さくら住建,代表取締役,山田 太郎,様,sakura@example.jp\n"
                       f"{LONG_NAME[0]},{LONG_NAME[1]},,殿,\n", encoding="utf-8")
    result = run_build(root, "merge", "--org", "zenjukyo", "--recipients", str(listing), "--out", str(root / "out"))
    assert result.returncode == 0 and "1 letter(s) laid out on their own" in result.stderr, result.stderr
    return root / "out"


def written_pdfs(site: Path, merged: Path, tmp: Path) -> dict[str, Path]:
    """Every PDF a build and a merge write, by where it is: the site's, the merge's (letters and all-letters.pdf)
    and the ones its e-mails carry (each distinct file once)."""
    found = {f"site/{path.relative_to(site).as_posix()}": path for path in sorted(site.rglob("*.pdf"))}
    found |= {f"merge/{path.relative_to(merged).as_posix()}": path for path in sorted(merged.rglob("*.pdf"))}
    carried = {}
    for mail in sorted(merged.glob("mail/*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(mail.read_bytes())
        for part in message.iter_attachments():
            if part.get_content_type() == "application/pdf":
                carried.setdefault(part.get_content(), f"merge/{mail.name}/{part.get_filename()}")
    for number, (data, name) in enumerate(carried.items()):
        found[name] = tmp / f"attached-{number}.pdf"
        found[name].write_bytes(data)
    return found


def test_every_pdf_a_build_and_a_merge_write_passes_the_pdfua_checker_and_is_declared_pdfa_and_pdfua(
        built_site, merged, tmp_path):
    pdfs = written_pdfs(built_site, merged, tmp_path)
    kinds = {name.split("/")[2] if name.startswith("site/") else name.split("/")[1] for name in pdfs}
    assert {"letters", "circulars", "leaflets", "all-letters.pdf"} <= kinds, kinds
    assert sum(1 for name in pdfs if ".eml/" in name) >= 3  # the letter, the circular, the 資料
    assert sum(1 for name in pdfs if name.startswith("site/")) >= 25  # 3 organisations' notices, circulars, leaflets
    failures = {name: pdfua_failures(path) + archival_failures(path) for name, path in pdfs.items()}
    assert {name: found for name, found in failures.items() if found} == {}


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
