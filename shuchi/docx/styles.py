"""The page (A4, the letter's margins) and the named paragraph styles of a Word letter (スタイル).

Every part of a letter has a style of its own with a Japanese name (本文, 件名, 記, 見出し1 …), so a
secretariat restyles all headings or the whole body in one place in Word's style pane, as with its
own letters. Sizes, spacing and indents follow ``templates/css/letter.css``, so the Word letter prints
like the PDF. Headings carry an outline level: Word's navigation pane lists them, and a PDF saved from
Word gets bookmarks.
"""

import functools
import io
from dataclasses import dataclass

import docx
from docx.blkcntnr import BlockItemContainer
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .fonts import GOTHIC, MINCHO, JapaneseFont, declare_fallbacks, set_fonts

BODY_SIZE = Pt(10.5)
EM = BODY_SIZE
NONE = Length(0)
"""One full-width character of body text: the unit of Japanese indents (1字下げ)."""


def ems(count: float) -> Length:
    """``count`` full-width characters of body text as a length."""
    return Length(round(EM * count))


PAGE = (Mm(210), Mm(297))
MARGINS = (Mm(25), Mm(22), Mm(22), Mm(22))
"""top, right, bottom, left: as the PDF's ``@page``."""

TEXT_WIDTH = Length(PAGE[0] - MARGINS[1] - MARGINS[3])
CONTACT_WIDTH = Mm(80)

PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
             "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
             "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
             "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
             "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
"""The order Word requires of paragraph properties; python-docx knows only some of them."""


@dataclass(frozen=True)
class Style:
    """One paragraph style: its Japanese name and how it looks."""

    name: str
    font: JapaneseFont = MINCHO
    size: Length = BODY_SIZE
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT
    left: Length = NONE
    right: Length = NONE
    first_line: Length = NONE
    before: Length = NONE
    after: Length = NONE
    line_height: float | None = 1.7
    """Lines of the paragraph as a multiple of its type size, exactly; None for single spacing (a picture's line)."""
    keep_with_next: bool = False
    outline: int | None = None
    brand: bool = False
    grey: bool = False
    boxed: bool = False
    rule_below: bool = False
    tabs: tuple[Length, ...] = ()


STYLES = (
    Style("本文", first_line=EM, after=Pt(2)),
    Style("本文（字下げなし）", after=Pt(2)),
    Style("箇条書き", left=ems(2), first_line=ems(-1)),
    Style("小見出し", font=GOTHIC, bold=True, before=Pt(6.3)),
    Style("見出し1", font=GOTHIC, size=Pt(11), bold=True, before=Pt(9.9), after=Pt(3.3), line_height=1.6,
          keep_with_next=True, outline=0),
    Style("見出し2", font=GOTHIC, bold=True, left=ems(0.5), before=Pt(9.5), after=Pt(3.2), line_height=1.6,
          keep_with_next=True, outline=1),
    Style("見出し3", font=GOTHIC, left=EM, before=Pt(9.5), after=Pt(3.2), line_height=1.6, keep_with_next=True,
          outline=2),
    Style("文書番号", font=GOTHIC, align=WD_ALIGN_PARAGRAPH.RIGHT),
    Style("発信日", align=WD_ALIGN_PARAGRAPH.RIGHT),
    Style("宛名", size=Pt(11), before=Mm(5), after=Mm(4)),
    Style("発信者", align=WD_ALIGN_PARAGRAPH.RIGHT),
    Style("公印省略", align=WD_ALIGN_PARAGRAPH.RIGHT),
    Style("件名", font=GOTHIC, size=Pt(12.5), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, left=Mm(8), right=Mm(8),
          before=Mm(6), after=Mm(6), line_height=1.6, keep_with_next=True),
    Style("記", font=GOTHIC, size=Pt(11), align=WD_ALIGN_PARAGRAPH.CENTER, before=Mm(6), after=Mm(3),
          keep_with_next=True),
    Style("記書き", left=ems(9), first_line=ems(-9), tabs=(ems(2), ems(9))),
    Style("記の項目", left=ems(1.8), first_line=ems(-1.8), after=Mm(2), tabs=(ems(1.8),)),
    Style("記書き本文", left=ems(9)),
    Style("以上", align=WD_ALIGN_PARAGRAPH.RIGHT, before=Mm(4)),
    Style("問合せ先", size=Pt(9.5), left=Length(TEXT_WIDTH - CONTACT_WIDTH), keep_with_next=True, boxed=True,
          brand=True),
    Style("問合せ先（一行）", size=Pt(9.5), align=WD_ALIGN_PARAGRAPH.RIGHT),
    Style("レターヘッド団体名", font=GOTHIC, size=Pt(12), bold=True, line_height=1.3, brand=True),
    Style("レターヘッド所在地", size=Pt(8.5), line_height=1.3),
    Style("レターヘッドロゴ", line_height=None),
    Style("レターヘッド罫線", size=Pt(2), line_height=None, after=Mm(6), rule_below=True),
    Style("ページ番号", font=GOTHIC, size=Pt(9), align=WD_ALIGN_PARAGRAPH.CENTER, line_height=1.2, grey=True),
)
"""Every paragraph style of a letter. 問合せ先 and the letterhead's rule take the organisation's colour."""


STYLE_NAMED = {style.name: style for style in STYLES}


@functools.lru_cache(maxsize=8)
def blank(colour: str) -> bytes:
    """An empty letter with the page and every style set up, as .docx bytes: made once per colour and opened
    for each letter, since setting up the styles is most of the work of a short letter."""
    document = docx.Document()
    set_up(document, colour)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraph(container: Document | _Cell | BlockItemContainer, style: str, text: str = "") -> Paragraph:
    """A new paragraph of ``style`` (one of :data:`STYLES`) at the end of ``container``."""
    made = container.add_paragraph(text)
    restyle(made, style)
    return made


def restyle(made: Paragraph, style: str) -> None:
    """Give ``made`` the style ``style`` by its id, which is its name: python-docx would look the name up
    among all styles, for every paragraph."""
    made._p.get_or_add_pPr().style = style


def set_up(document: Document, colour: str) -> None:
    """A4 with the letter's margins, Japanese defaults, and every style of :data:`STYLES`."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = MARGINS
    # the letterhead (the first page's header) starts where the PDF's does, at the top margin
    section.header_distance, section.footer_distance = MARGINS[0], Mm(10)
    declare_fallbacks(document)
    japanese_defaults(document)
    for style in STYLES:
        add_style(document, style, colour)


def japanese_defaults(document: Document) -> None:
    """Text is Japanese (Word then breaks lines by 禁則), in BIZ UD明朝, with no space after paragraphs and none
    added between Japanese and Latin text."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(r_pr, MINCHO)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), "ja-JP")
    lang.set(qn("w:eastAsia"), "ja-JP")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    set_fonts(normal.element.get_or_add_rPr(), MINCHO)
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for spacing in ("w:autoSpaceDE", "w:autoSpaceDN"):
        # no extra space between Japanese and Latin letters or digits: the PDF has none (「令和6年」, not 「令和 6 年」)
        insert_property(p_pr, element(spacing, val="0"))


def add_style(document: Document, spec: Style, colour: str) -> None:
    """Add paragraph style ``spec``, shown in Word's style gallery."""
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = spec.size
    style.font.bold = spec.bold
    set_fonts(style.element.get_or_add_rPr(), spec.font)
    if spec.brand and not spec.boxed:
        style.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    if spec.grey:
        style.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    layout = style.paragraph_format
    layout.alignment = spec.align
    layout.left_indent, layout.right_indent, layout.first_line_indent = spec.left, spec.right, spec.first_line
    layout.space_before, layout.space_after = spec.before, spec.after
    if spec.line_height is None:
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(round(spec.size.pt * spec.line_height, 2))
    layout.keep_with_next = spec.keep_with_next
    layout.widow_control = True
    for position in spec.tabs:
        layout.tab_stops.add_tab_stop(position)
    p_pr = style.element.get_or_add_pPr()
    if spec.outline is not None:
        insert_property(p_pr, element("w:outlineLvl", val=str(spec.outline)))
    if spec.boxed:
        insert_property(p_pr, borders(colour, ("top", "left", "bottom", "right"), size=9, space=4))
    if spec.rule_below:
        insert_property(p_pr, borders(colour, ("bottom",), size=24, space=0))


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A WordprocessingML element ``<w:tag w:name="value" …>``."""
    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


def insert_property(p_pr: BaseOxmlElement, child: BaseOxmlElement) -> None:
    """Put ``child`` into paragraph properties ``p_pr`` in the place Word expects it, replacing one of its kind."""
    tag = child.tag
    for old in p_pr.findall(tag):
        p_pr.remove(old)
    later = [qn(name) for name in PPR_ORDER[PPR_ORDER.index(_prefixed(tag)) + 1:]]
    following = next((existing for existing in p_pr if existing.tag in later), None)
    if following is None:
        p_pr.append(child)
    else:
        following.addprevious(child)


def borders(colour: str, sides: tuple[str, ...], size: int, space: int) -> BaseOxmlElement:
    """A paragraph border on ``sides`` in ``colour``; ``size`` in eighths of a point, ``space`` in points."""
    box = element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            box.append(element(f"w:{side}", val="single", sz=str(size), space=str(space),
                               color=colour.lstrip("#").upper()))
    return box


def _prefixed(tag: str) -> str:
    """``{namespace}name`` as ``w:name``."""
    return "w:" + tag.split("}", 1)[1]
