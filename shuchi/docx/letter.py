"""A notice letter as a Word document, top to bottom as conventions-ja.md lays a letter out.

The letterhead (logo, 団体名, 所在地, the rule in the organisation's colour) is the first page's
header; every page's footer numbers the pages 「1 / 3」 with Word's PAGE and NUMPAGES fields, so the
numbers stay right after an edit. The rest is text in named styles (:mod:`.styles`): 文書番号 and 発信日
right, 宛名, 発信者 right (and 「（公印省略）」 when the letter says so), 件名 centred, 本文 with its
numbered sections 1． → （1） → ① written as text, 記 centred with its items, 以上 right, and the
問合せ先 in a box.
"""

import datetime
import io
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.section import Section as PageSection
from docx.shared import Length, Mm
from docx.text.paragraph import Paragraph

from ..model import Contact, Organisation
from ..typeset.letter import KiEntry, Letter, NumberedSection
from .blocks import add_markdown
from .fonts import GOTHIC, set_fonts
from .logo import logo_png
from .styles import TEXT_WIDTH, blank, element, ems, paragraph, restyle

SEAL_OMITTED = "（公印省略）"
SHORT_KI = 8
"""A 記 of up to this many items stays on one page with 以上, as in the PDF."""
SECTION_INDENT = {1: ems(0), 2: ems(0.5)}
"""How far a section's text stands in, by depth, as in the PDF; deeper sections 1.5字."""


def letter_docx(letter: Letter, logo: Path) -> bytes:
    """``letter`` as the bytes of a .docx file; ``logo`` is the organisation's SVG."""
    document = Document(io.BytesIO(blank(letter.organisation.colour if letter.organisation else "#333333")))
    describe(document, letter)
    section = document.sections[0]
    if letter.organisation:
        letterhead(section, letter.organisation, logo)
    page_numbers(section)
    head(document, letter)
    body(document, letter)
    particulars(document, letter)
    closing = paragraph(document, "以上", "以上")
    if contact_box(document, letter):
        closing.paragraph_format.space_after = Mm(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_letter_docx(letter: Letter, logo: Path, folder: Path, stem: str | None = None) -> Path:
    """Write ``letter`` as ``<folder>/<stem>.docx`` (``stem`` defaults to the letter's slug)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem or letter.slug}.docx"
    path.write_bytes(letter_docx(letter, logo))
    return path


def describe(document: WordDocument, letter: Letter) -> None:
    """The file's properties (Word's 「プロパティ」): title, author and language, nothing of python-docx's."""
    properties = document.core_properties
    properties.title = property_text(letter.title)
    properties.author = properties.last_modified_by = property_text(letter.author)
    properties.language = "ja-JP"
    properties.comments = properties.subject = properties.keywords = ""
    properties.revision = 1
    if letter.issued:
        properties.created = properties.modified = datetime.datetime.combine(letter.issued, datetime.time())


PROPERTY_LIMIT = 255
"""Characters a text property of a Word file may hold (python-docx refuses more; Word shows far fewer)."""


def property_text(text: str) -> str:
    """``text`` cut to :data:`PROPERTY_LIMIT` characters, with 「…」 where it was cut: a long 件名 stays whole in
    the letter, only its file property is shortened."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def letterhead(section: PageSection, org: Organisation, logo: Path) -> None:
    """The first page's header: logo beside 団体名 and 所在地, over a rule in the organisation's colour."""
    section.different_first_page_header_footer = True
    header = section.first_page_header
    rule = header.paragraphs[0]
    restyle(rule, "レターヘッド罫線")
    table = header.add_table(rows=1, cols=2, width=TEXT_WIDTH)
    table.autofit = False
    picture, names = table.rows[0].cells
    for column, width in zip(table.columns, (Mm(18), TEXT_WIDTH - Mm(18))):
        column.width = width
        column.cells[0].width = width
    for cell in (picture, names):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    restyle(picture.paragraphs[0], "レターヘッドロゴ")
    picture.paragraphs[0].add_run().add_picture(logo_png(logo), width=Mm(14))
    restyle(names.paragraphs[0], "レターヘッド団体名")
    names.paragraphs[0].add_run(org.full_name)
    if org.address:
        postcode = f"〒{org.postcode} " if org.postcode else ""
        paragraph(names, "レターヘッド所在地", f"{postcode}{org.address}")
    if org.phone:  # as the PDF's letterhead prints it
        paragraph(names, "レターヘッド所在地", f"TEL {org.phone}")
    rule._p.addprevious(table._tbl)


def page_numbers(section: PageSection) -> None:
    """「1 / 3」 centred in the footer of every page, from Word's fields."""
    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        line = footer.paragraphs[0]
        restyle(line, "ページ番号")
        line._p.append(field("PAGE", "1"))
        line.add_run(" / ")
        line._p.append(field("NUMPAGES", "1"))


def field(instruction: str, shown: str):
    """A simple field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice update when they lay the pages out."""
    simple = element("w:fldSimple", instr=f" {instruction} ")
    run = element("w:r")
    text = element("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    return simple


def head(document: WordDocument, letter: Letter) -> None:
    """文書番号 and 発信日, 宛名, 発信者 (with 「（公印省略）」), 件名."""
    if letter.number_line:
        paragraph(document, "文書番号", letter.number_line)
    if letter.date_line:
        paragraph(document, "発信日", letter.date_line)
    paragraph(document, "宛名", letter.addressee)
    for line in letter.sender:
        paragraph(document, "発信者", line)
    if letter.seal_omitted:
        paragraph(document, "公印省略", SEAL_OMITTED)
    paragraph(document, "件名", letter.title)


def body(document: WordDocument, letter: Letter) -> None:
    """The greeting, the letter's own words, and its numbered sections."""
    if letter.greeting:
        paragraph(document, "本文", letter.greeting)
    add_markdown(document, letter.intro, letter.issued)
    for section in letter.sections:
        numbered(document, section, letter.issued)


def numbered(document: WordDocument, section: NumberedSection, issued: datetime.date | None) -> None:
    """A section's heading 「1．…」, 「（1）…」 or 「①…」, its text, then its own sections."""
    paragraph(document, f"見出し{min(section.level, 3)}", f"{section.number}{section.heading}")
    if section.body:
        add_markdown(document, section.body, issued, indent=SECTION_INDENT.get(section.level, ems(1.5)))
    for child in section.children:
        numbered(document, child, issued)


def particulars(document: WordDocument, letter: Letter) -> None:
    """記 and its numbered items (or the enclosures, numbered), each item's text beside its label; a short 記
    stays on one page with 以上."""
    if not (letter.ki or letter.enclosures):
        return
    start = len(document.paragraphs)
    paragraph(document, "記", "記")
    if letter.ki:
        column = fit_ki_columns(document, letter.ki)
        for entry in letter.ki:
            ki_entry(document, letter, entry, column)
    else:
        for number, enclosure in enumerate(letter.enclosures, start=1):
            paragraph(document, "記の項目", f"{number}．\t{enclosure}")
    if len(letter.ki) + len(letter.enclosures) <= SHORT_KI:
        for line in document.paragraphs[start:]:
            line.paragraph_format.keep_with_next = line.paragraph_format.keep_together = True


def em_width(text: str) -> float:
    """How wide ``text`` prints in full-width characters: half for ASCII (the BIZ UD fonts' digits and letters)."""
    return sum(0.5 if ord(character) < 0x80 else 1.0 for character in text)


def fit_ki_columns(document: WordDocument, entries: list[KiEntry]) -> Length:
    """Set the 記書き styles' tab stops and indents to this 記's columns, as the PDF's table sizes them: the
    number, the widest label, then the items' text; returns where the text starts."""
    label_at = ems(max(em_width(entry.number) for entry in entries) + 0.3)
    column = ems(max(em_width(entry.number) + 0.3 + em_width(entry.label) + 1 for entry in entries))
    for name in ("記書き", "記書き本文"):
        layout = document.styles[name].paragraph_format
        layout.left_indent = column
        if name == "記書き":
            layout.first_line_indent = Length(-column)
            layout.tab_stops.clear_all()
            layout.tab_stops.add_tab_stop(label_at)
            layout.tab_stops.add_tab_stop(column)
    return column


def ki_entry(document: WordDocument, letter: Letter, entry: KiEntry, column: Length) -> None:
    """「1．通知等資料　（1）…」: number and label, then the item's lines in the column beside the label."""
    item = paragraph(document, "記書き", f"{entry.number}\t")
    set_fonts(item.add_run(entry.label)._r.get_or_add_rPr(), GOTHIC)
    item.add_run("\t")
    start = len(document.paragraphs)
    for enclosure in entry.enclosures:
        listed = paragraph(document, "記書き本文", enclosure)
        number, close, _ = enclosure.partition("）")
        if close and number.startswith("（"):  # 「（2）（資料1）…」 wraps under its text, not under （2）
            hang = ems(em_width(number + close) + 0.2)
            listed.paragraph_format.left_indent = Length(column + hang)
            listed.paragraph_format.first_line_indent = Length(-hang)
    if entry.text:
        add_markdown(document, entry.text, letter.issued, style="記書き本文")
    if entry.contact and letter.contact:
        for line in ki_contact_lines(letter, letter.contact):
            paragraph(document, "記書き本文", line)
    lines = document.paragraphs[start:]
    if lines:
        indent = lines[0].paragraph_format.left_indent
        if indent is not None:  # the first line hangs: so does the item's paragraph it joins
            item.paragraph_format.left_indent = indent
            item.paragraph_format.first_line_indent = Length(-indent)
        join(item, lines[0])
    last = lines[-1] if len(lines) > 1 else item
    last.paragraph_format.space_after = Mm(2)


def join(item: Paragraph, first_line: Paragraph) -> None:
    """Move the item's first line up beside its label, as the PDF prints it."""
    for child in list(first_line._p):
        if child is not first_line._p.pPr:
            item._p.append(child)
    first_line._p.getparent().remove(first_line._p)


def contact_box(document: WordDocument, letter: Letter) -> bool:
    """【問合せ先】 in a box at the end, unless a 記 item already gives it; whether there is one. A 問合せ先
    with nobody to ask and no number is one line, right-aligned, not an empty-looking box (as in the PDF)."""
    contact = letter.contact
    if not contact or any(entry.contact for entry in letter.ki):
        return False
    lines = box_contact_lines(letter, contact)
    reachable = contact.person or contact.phone or contact.fax or contact.email
    title = paragraph(document, "問合せ先" if reachable else "問合せ先（一行）")
    run = title.add_run("【問合せ先】")
    run.bold = True
    set_fonts(run._r.get_or_add_rPr(), GOTHIC)
    if not reachable:
        title.add_run(lines[0])
        return True
    paragraphs = [paragraph(document, "問合せ先", line) for line in lines]
    paragraphs[-1].paragraph_format.keep_with_next = False
    return True


def ki_contact_lines(letter: Letter, contact: Contact) -> list[str]:
    """The 問合せ先 as a 記 item gives it: 「団体名 部署 担当 氏名」, then TEL, FAX and E-mail."""
    person = f"担当 {contact.person}" if contact.person else ""
    lines = [" ".join(part for part in (letter.contact_org, contact.department, person) if part)]
    for label, value in (("TEL", contact.phone), ("FAX", contact.fax), ("E-mail", contact.email)):
        lines += [f"{label} {value}"] if value else []
    return lines


def box_contact_lines(letter: Letter, contact: Contact) -> list[str]:
    """The 問合せ先 box's lines under its title: 団体名 and 部署, 担当, TEL, FAX, E-mail."""
    lines = [" ".join(part for part in (letter.contact_org, contact.department) if part)]
    for label, value in (("担当", contact.person), ("TEL", contact.phone), ("FAX", contact.fax),
                         ("E-mail", contact.email)):
        lines += [f"{label}：{value}"] if value else []
    return lines
