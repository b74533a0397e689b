"""Content Markdown as Word paragraphs: the body text of a letter, read by the rules of its HTML.

The Markdown is parsed by :func:`shuchi.text.tokens`, the parser of the HTML letters, so a Word letter
says what the PDF says: 【…】 paragraphs become 小見出し, lists keep their printed marker (「①」,
「・」) as text, links are clickable only where the HTML's are, images from elsewhere are their alt text.
"""

import datetime
import re
from dataclasses import dataclass, field
from html import unescape

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.token import Token

from ..typeset.markdown import is_safe_link, tokens
from .styles import EM, NONE, STYLE_NAMED, element, paragraph, restyle

SVG_TITLE = re.compile(r"<title>.*?</title>", re.S)
"""A QR code's alternative text (for the tagged PDF): not words the page prints."""
TAG = re.compile(r"<[^<>]*>")
LIST_STYLE = "箇条書き"
SUBHEAD_STYLE = "小見出し"
PLAIN_STYLE = "本文（字下げなし）"


@dataclass
class Writer:
    """Walks the tokens of one Markdown text, adding paragraphs to ``container`` (the document or a cell)."""

    container: WordDocument | _Cell
    style: str
    indent: Length
    lists: int = 0
    quoted: int = 0
    paragraph: Paragraph | None = None
    marks: dict[str, bool] = field(default_factory=dict)
    link: str | None = None

    def block(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists -= 1
        elif kind == "blockquote_open":
            self.quoted += 1
        elif kind == "blockquote_close":
            self.quoted -= 1
        elif kind == "paragraph_open":
            if self.lists:
                style = LIST_STYLE
            elif token.attrGet("class") == "subhead":
                style = SUBHEAD_STYLE
            else:
                style = self.style
            self.paragraph = self.new_paragraph(style)
        elif kind == "heading_open":
            self.paragraph = self.new_paragraph(SUBHEAD_STYLE)
        elif kind == "inline":
            if self.paragraph is None:  # a tight list's item has no paragraph of its own
                self.paragraph = self.new_paragraph(LIST_STYLE if self.lists else self.style)
            self.inline(token.children or [])
        elif kind in ("paragraph_close", "heading_close", "list_item_close"):
            self.paragraph = None
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                self.new_paragraph(PLAIN_STYLE).add_run(line)
        elif kind == "hr":
            self.new_paragraph(PLAIN_STYLE)

    def new_paragraph(self, style: str) -> Paragraph:
        made = paragraph(self.container, style)
        extra = self.indent + EM * (max(self.lists - 1, 0) + self.quoted)
        if extra:
            made.paragraph_format.left_indent = Length(STYLE_NAMED[style].left + extra)
        return made

    def inline(self, children: list[Token]) -> None:
        for child in children:
            kind = child.type
            if kind in ("strong_open", "em_open", "s_open"):
                self.marks[kind[:-5]] = True
            elif kind in ("strong_close", "em_close", "s_close"):
                self.marks[kind[:-6]] = False
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                self.link = href if is_safe_link(href) else None
            elif kind == "link_close":
                self.link = None
            elif kind in ("text", "code_inline"):
                self.text(child.content)
            elif kind == "html_inline":
                self.marked(child.content)
            elif kind == "image":
                self.text("".join(part.content for part in child.children or []))
            elif kind == "softbreak":
                self.text(" ")  # as the HTML shows a line break inside a paragraph
            elif kind == "hardbreak":
                self.current.add_run().add_break()

    @property
    def current(self) -> Paragraph:
        """The paragraph inline text goes into (a cell's first, or the one a block token began)."""
        if self.paragraph is None:
            self.paragraph = self.new_paragraph(self.style)
        return self.paragraph

    def marked(self, html: str) -> None:
        """Words the Markdown rules wrapped in HTML (raw HTML of content is text, never such a token):
        a note mark 「※1、2」 in ``<sup>`` as a superscript, a word kept whole in ``<span>`` as it is."""
        run = self.text(unescape(TAG.sub("", SVG_TITLE.sub("", html))))
        if html.startswith("<sup"):
            run.font.superscript = True

    def text(self, words: str) -> Run:
        paragraph = self.current
        run = paragraph.add_run(words)
        run.bold = self.marks.get("strong") or None
        run.italic = self.marks.get("em") or None
        run.font.strike = self.marks.get("s") or None
        if self.link:
            # a link stays text in the body's colour (as in print), but Word opens it on Ctrl+click
            target = paragraph.part.relate_to(self.link, RT.HYPERLINK, is_external=True)
            hyperlink = element("w:hyperlink")
            hyperlink.set(qn("r:id"), target)
            run._r.addprevious(hyperlink)
            hyperlink.append(run._r)
        return run


def add_markdown(container: WordDocument | _Cell, text: str, issued: datetime.date | None, style: str = "本文",
                 indent: Length = NONE) -> None:
    """Append content Markdown ``text`` to ``container`` (the document or a table cell) as paragraphs of ``style``,
    ``indent`` further in than the style; tables become Word tables."""
    writer = Writer(container, style, indent)
    items = tokens(text, issued)
    position = 0
    while position < len(items):
        token = items[position]
        if token.type == "table_open":
            end = next(i for i in range(position, len(items)) if items[i].type == "table_close")
            add_table(container, items[position:end + 1])
            position = end + 1
            continue
        writer.block(token)
        position += 1


def add_table(container: WordDocument | _Cell, items: list[Token]) -> None:
    """A Markdown table as a Word table with lines, its header row in bold."""
    rows: list[list[tuple[list[Token], bool]]] = []
    for token in items:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append((token.children or [], bool(rows) and len(rows) == 1))
    table = container.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows):
        for cell, (children, header) in zip(row.cells, cells):
            _fill(cell, children, header)


def _fill(cell: _Cell, children: list[Token], header: bool) -> None:
    first = cell.paragraphs[0]
    restyle(first, PLAIN_STYLE)
    writer = Writer(cell, PLAIN_STYLE, NONE, paragraph=first, marks={"strong": header})
    writer.inline(children)
