"""A mail merge's Word letters (差し込み): one .docx per recipient, made from one written letter.

The letters of a merge differ only in their 文書番号 and 宛名 (see :mod:`shuchi.merge`). Writing each
letter afresh would cost as much as the letter itself again per recipient; instead the first
recipient's .docx is written once, and each recipient's is that file with the words of its 文書番号
and 宛名 paragraphs replaced in ``word/document.xml``, every other part copied byte for byte.
"""

import io
import zipfile

from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ..typeset.letter import Letter

DOCUMENT = "word/document.xml"
HEAD_STYLES = ("文書番号", "宛名")
"""The paragraphs that differ from one recipient to the next, by their style."""


class MergedWordLetters:
    """Every recipient's Word letter, from the Word letter of the first."""

    def __init__(self, first: bytes):
        with zipfile.ZipFile(io.BytesIO(first)) as archive:
            self.parts = [(info, archive.read(info)) for info in archive.infolist()]
        self.document = next(data for info, data in self.parts if info.filename == DOCUMENT)

    def letter(self, letter: Letter) -> bytes:
        """The .docx of ``letter``, a recipient's letter of the same notice."""
        words = {"文書番号": letter.number_line, "宛名": letter.addressee}
        tree = parse_xml(self.document)
        for paragraph in tree.iter(qn("w:p")):
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is None or style.get(qn("w:val")) not in HEAD_STYLES:
                continue
            texts = list(paragraph.iter(qn("w:t")))
            texts[0].text = words[style.get(qn("w:val"))]
            for extra in texts[1:]:
                extra.getparent().remove(extra)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for info, data in self.parts:
                archive.writestr(info, serialize_part_xml(tree) if info.filename == DOCUMENT else data)
        return buffer.getvalue()
