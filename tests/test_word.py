"""The Word letters as a secretariat uses them: opened in a real word processor (LibreOffice, headless),
printed to PDF, and read back against the PDF WeasyPrint lays out from the same letter."""

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from helpers import ROOT, pdf_fonts

from shuchi.build.letters import letter_pdf
from shuchi.content import load_content
from shuchi.docx import letter_docx
from shuchi.pdf.typesetter import Typesetter
from shuchi.typeset.environment import environment
from shuchi.typeset.letter import notice_letter
from shuchi.typeset.pages import letter_html

pytestmark = pytest.mark.xdist_group("word-letters")
"""One worker runs this module (pytest -n with --dist loadgroup), so LibreOffice converts the letters once."""

PAGE_NUMBER = re.compile(r"\s*\d+ / \d+\s*")


def to_pdf(files: list[Path], out: Path) -> None:
    """Convert ``files`` with LibreOffice in one run (starting it is the slow part), with a profile of its own
    so that tests running side by side do not share one."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   capture_output=True, check=True, timeout=300)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as pdftotext reads it."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def letter_text(pdf: Path) -> str:
    """A letter's words, for comparing two layouts of it: NFKC, no white space, no page numbers (which
    fall on other lines when the pages break elsewhere)."""
    pages = []
    for page in page_texts(pdf):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and PAGE_NUMBER.fullmatch(lines[-1]):
            lines.pop()
        pages.append("".join(lines))
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(pages)))


@pytest.fixture(scope="module")
def letters(built_site, tmp_path_factory) -> dict[str, tuple[Path, Path, Path]]:
    """Every notice of the build: its .docx, that .docx printed by LibreOffice, and WeasyPrint's PDF of the letter
    (without the enclosures the built PDF carries after it)."""
    content = load_content(ROOT / "content")
    work = tmp_path_factory.mktemp("word")
    writer, env = Typesetter(ROOT), environment()
    found = {}
    for notice in content.notices.values():
        org = content.organisations[notice.organisation]
        data, _ = letter_pdf(writer, env, notice_letter(content, notice), content.logo_of(org))
        (work / f"{notice.id}.weasyprint.pdf").write_bytes(data)
        found[notice.id] = (built_site / org.slug / "letters" / f"{notice.id}.docx",
                            work / "libreoffice" / f"{notice.id}.pdf", work / f"{notice.id}.weasyprint.pdf")
    to_pdf([word for word, _, _ in found.values()], work / "libreoffice")
    return found


def test_every_notice_letter_is_built_as_word_beside_its_pdf_and_linked_on_its_page(built_site):
    content = load_content(ROOT / "content")
    for notice in content.notices.values():
        folder = built_site / notice.organisation / "letters"
        assert (folder / f"{notice.id}.docx").is_file() and (folder / f"{notice.id}.pdf").is_file()
        pages = [p.read_text(encoding="utf-8") for p in (built_site / notice.organisation / "notices").rglob("*.html")]
        linked = [page for page in pages if f'href="../../letters/{notice.id}.docx"' in page
                  or f'href="../letters/{notice.id}.docx"' in page]
        assert linked and f"letters/{notice.id}.pdf" in linked[0]
    assert not list((built_site / "itea" / "circulars").glob("*.docx"))


def test_word_prints_the_same_words_as_the_pdf(letters):
    for notice, (_, printed, weasyprint) in letters.items():
        assert letter_text(printed) == letter_text(weasyprint), notice


def test_word_prints_on_about_as_many_pages_with_page_numbers(letters):
    for notice, (_, printed, weasyprint) in letters.items():
        word_pages, pdf_pages = page_texts(printed), page_texts(weasyprint)
        assert abs(len(word_pages) - len(pdf_pages)) <= 1, notice
        for number, page in enumerate(word_pages, start=1):
            assert page.strip().splitlines()[-1].strip() == f"{number} / {len(word_pages)}", notice


def line_pages(pdf: Path, words: str) -> list[int]:
    """The pages (from 0) with a line that is just ``words``."""
    return [number for number, page in enumerate(page_texts(pdf))
            if any(line.strip() == words for line in page.splitlines())]


def test_a_short_ki_stays_on_one_page_with_ijo_as_in_the_pdf(letters):
    together = 0
    for notice, (_, printed, weasyprint) in letters.items():
        if line_pages(weasyprint, "記") and line_pages(weasyprint, "記") == line_pages(weasyprint, "以上"):
            assert line_pages(printed, "記") == line_pages(printed, "以上"), notice
            together += 1
    assert together >= 2


def test_word_prints_in_the_japanese_fonts_of_the_pdf(letters):
    for notice, (_, printed, _) in letters.items():
        fonts = pdf_fonts(printed)
        assert "BIZUDMincho" in fonts and "BIZUDGothic" in fonts, notice
        assert "DejaVu" not in fonts and "Liberation" not in fonts, notice


def test_a_letter_in_word_has_named_styles_a4_letterhead_and_page_fields(letters):
    word, _, _ = letters["nichiyaku-2024-08-08"]
    document = docx.Document(word)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.left_margin, section.right_margin)] == [25, 22, 22]
    used = [(p.style.name, p.text) for p in document.paragraphs]
    assert used[:4] == [("文書番号", "事務連絡"), ("発信日", "令和6年8月8日"), ("宛名", "都道府県薬剤師会 事務（局）長 殿"),
                        ("発信者", "公益社団法人 日本薬剤師会")]
    assert ("件名", "マイナンバーカード活用等に向けた積極的な周知の御協力のお願いについて（依頼）") in used
    assert ("見出し1", "1．マイナンバーカードの機能等について") in used
    assert ("見出し2", "（1）マイナンバーカードの健康保険証利用を基本とする仕組みに移行します。") in used
    assert ("小見出し", "【本年12月2日から健康保険証の新規発行は終了します】") in used
    assert used[-2:] == [("以上", "以上"), ("問合せ先（一行）", "【問合せ先】公益社団法人 日本薬剤師会 総務部総務課")]
    assert ("記", "記") in [(p.style.name, p.text) for p in docx.Document(letters["zenjukyo-2024-08-02"][0]).paragraphs]
    styles = document.styles
    for name, alignment in [("文書番号", WD_ALIGN_PARAGRAPH.RIGHT), ("発信日", WD_ALIGN_PARAGRAPH.RIGHT),
                            ("発信者", WD_ALIGN_PARAGRAPH.RIGHT), ("件名", WD_ALIGN_PARAGRAPH.CENTER),
                            ("記", WD_ALIGN_PARAGRAPH.CENTER), ("以上", WD_ALIGN_PARAGRAPH.RIGHT)]:
        assert styles[name].paragraph_format.alignment == alignment, name
    fonts = styles["本文"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "BIZ UD明朝" and fonts.get(qn("w:ascii")) == "BIZ UD明朝"
    assert styles["件名"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "BIZ UDゴシック"
    table = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")).blob
    assert '<w:font w:name="BIZ UD明朝"><w:altName w:val="ＭＳ 明朝"/>' in table.decode()
    assert '<w:font w:name="BIZ UDゴシック"><w:altName w:val="ＭＳ ゴシック"/>' in table.decode()
    header = section.first_page_header._element.xml
    assert "<pic:pic" in header and "公益社団法人 日本薬剤師会" in header
    for footer in (section.footer, section.first_page_footer):
        assert 'w:instr=" PAGE "' in footer._element.xml and 'w:instr=" NUMPAGES "' in footer._element.xml
    assert document.core_properties.author == "公益社団法人 日本薬剤師会"


def test_seal_omitted_prints_koin_shoryaku_under_the_sender_in_pdf_web_page_and_word(project, tmp_path):
    organisation = project / "content" / "organisations" / "zenjukyo.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + "seal: omitted\n", encoding="utf-8")
    members = project / "content" / "notices" / "zenjukyo-members-2024-08-02.yaml"
    members.write_text(members.read_text(encoding="utf-8") + "seal: stamped\n", encoding="utf-8")
    content = load_content(project / "content")
    writer, env = Typesetter(project), environment()
    logo = project / "content" / "organisations" / "logos" / "zenjukyo.svg"
    cover, member = (notice_letter(content, content.notices[n]) for n in ("zenjukyo-2024-08-02",
                                                                           "zenjukyo-members-2024-08-02"))
    pdf = tmp_path / "cover.pdf"
    pdf.write_bytes(letter_pdf(writer, env, cover, logo)[0])
    text = re.sub(r"\s+", "", page_texts(pdf)[0])
    assert "会員各位一般社団法人全国住宅産業協会（公印省略）マイナンバーカード活用等" in text
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    words = [(float(top), float(right), float(bottom), word) for top, right, bottom, word
             in re.findall(r'yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', boxes)]
    seal = next(i for i, word in enumerate(words) if word[3] == "（公印省略）")
    sender = words[seal - 1]
    assert sender[3] == "全国住宅産業協会"
    assert words[seal][0] >= sender[2] and abs(words[seal][1] - sender[1]) < 1  # under it, right-aligned with it
    assert '<p class="seal">（公印省略）</p>' in letter_html(env, cover, logo="logo.svg", media="screen")
    paragraphs = [(p.style.name, p.text) for p in docx.Document(io.BytesIO(letter_docx(cover, logo))).paragraphs]
    at = paragraphs.index(("公印省略", "（公印省略）"))
    assert paragraphs[at - 1] == ("発信者", "一般社団法人 全国住宅産業協会") and paragraphs[at + 1][0] == "件名"
    member_pdf = tmp_path / "member.pdf"
    member_pdf.write_bytes(letter_pdf(writer, env, member, logo)[0])
    assert "公印省略" not in page_texts(member_pdf)[0]
    assert "公印省略" not in "".join(p.text for p in docx.Document(io.BytesIO(letter_docx(member, logo))).paragraphs)
