"""Japanese fonts in a Word file: set in every slot Word reads, with the fallback a Windows PC has.

python-docx sets only the Latin slots (``w:ascii``, ``w:hAnsi``); Word takes the font of Japanese text
from ``w:eastAsia``, so the slots are written here directly. The letters use BIZ UD明朝 (本文) and
BIZ UDゴシック (見出し), as the PDF does. A PC without them (Windows before 10 1809, or without the
Japanese supplemental fonts, or a Mac) falls back to ＭＳ 明朝 / ＭＳ ゴシック: the font table names
those as ``w:altName``, with the Japanese character set and the panose class, which Word uses to pick
a substitute.
"""

from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


@dataclass(frozen=True)
class JapaneseFont:
    """A font of the letters, as Word names it, with the font a Windows PC uses when it is missing."""

    name: str
    fallback: str
    family: str
    panose: str


MINCHO = JapaneseFont("BIZ UD明朝", "ＭＳ 明朝", "roman", "02020609040205080304")
"""明朝体 for the body text."""

GOTHIC = JapaneseFont("BIZ UDゴシック", "ＭＳ ゴシック", "modern", "020B0609070205080204")
"""ゴシック体 for headings, 件名, 記 and the letterhead."""

SHIFT_JIS = "80"
"""The font table's character set for Japanese (SHIFTJIS_CHARSET), which Word matches a substitute by."""


def set_fonts(r_pr: BaseOxmlElement, font: JapaneseFont) -> None:
    """Put ``font`` in every slot of run properties ``r_pr`` (Latin, Japanese and complex script)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml('<w:rFonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        r_pr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font.name)
    fonts.set(qn("w:hint"), "eastAsia")


def declare_fallbacks(document: Document, fonts: tuple[JapaneseFont, ...] = (MINCHO, GOTHIC)) -> None:
    """Describe ``fonts`` in the font table: Japanese, their panose class, and the Windows font to use instead."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for font in fonts:
        for old in table.findall(qn("w:font")):
            if old.get(qn("w:name")) == font.name:
                table.remove(old)
        table.append(parse_xml(
            f'<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:name="{font.name}">'
            f'<w:altName w:val="{font.fallback}"/><w:panose1 w:val="{font.panose}"/>'
            f'<w:charset w:val="{SHIFT_JIS}"/><w:family w:val="{font.family}"/><w:pitch w:val="fixed"/></w:font>'))
    # python-docx keeps the font table as a plain part, with no API to change it: its bytes are replaced
    part._blob = serialize_part_xml(table)
