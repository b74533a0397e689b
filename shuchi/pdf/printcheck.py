"""The print check (印刷点検): what a person would see wrong on a laid-out page, found in WeasyPrint's boxes.

After layout, every page of a document is read line by line from the boxes WeasyPrint
placed (``document.pages[i]._page_box``: line boxes, text boxes, images with their
positions), never guessed from the HTML. A page is wrong when

* a heading (h1–h6, a 【…】 sub-heading, 記) is its last line and the text it heads is
  on the next page;
* it is the last page and holds almost nothing (a break that left a 記 item, 以上 or a
  問合せ先 box alone on a sheet);
* a line starts with a character that may not begin a line (、。）」 …) or ends with one
  that may not end it (（「 …);
* a line break falls inside something that must stay whole: a number with its unit
  (「6月4／日」), a phone number, an e-mail address, or an element marked as one word
  (a phrase or a name, ``class="phrase"``/``"name"``);
* text or an image lies outside the page's margins;
* a character was drawn as a missing glyph (tofu).

It is one module of about 350 lines on purpose: every rule reads the same walk over the page's line
boxes, and split apart they would each walk the tree again.
"""

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from weasyprint.formatting_structure import boxes
from weasyprint.text.ffi import ffi, pango

from ..typeset.markdown import phrase_split
from ..typeset.wholewords import WHOLE_TOKEN

LINE_START_FORBIDDEN = ("、。，．）〕］｝〉》」』】〙〗”’ヽヾゝゞ々"
                        "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？：；,.)]}!?")
"""Characters a line may not start with (行頭禁則), as JIS X 4051 lists them."""

LINE_END_FORBIDDEN = "（〔［｛〈《「『【〘〖“‘(["
"""Characters a line may not end with (行末禁則)."""

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
HEADING_CLASSES = {"subhead", "ki", "contact-title", "lead", "part-title", "step-title", "merit-title"}
"""Classes of the paragraphs that head what follows them (【…】, 記, 【問合せ先】 …)."""

WHOLE_CLASSES = {"phrase", "name", "keep"}
"""Inline elements that are one word: a BudouX phrase, a person's name, a token kept whole."""

PHRASE_BLOCKS = {"contact", "distributor", "enclosures", "label", "addressee", "sender", "heading-block", "org"}
"""Classes of the short texts (問合せ先 boxes, 記's enclosures, 宛名, 発信者 …) whose lines may break only
between phrases (文節, as BudouX finds them), like headings."""

PROSE = {"md", "text"}
"""Classes of running prose (Markdown of content), which may break between any two characters."""

ZWSP = "\u200b"

URL = re.compile(r"https?://\S+|www\.\S+")

LAST_PAGE_FILL = 0.25
"""A last page whose content reaches less than this share of the page's height is nearly blank."""

TOLERANCE = 0.5
"""CSS pixels a box may stray over a margin before it counts as outside (rounding)."""


@dataclass(frozen=True)
class Defect:
    """One thing wrong on one printed page (pages count from 1)."""

    page: int
    kind: str
    message: str


@dataclass
class Line:
    """A line of text as laid out: its text, where it sits, and what it belongs to."""

    text: str
    flow: str
    """The text without that of inline blocks (a badge 「!」, a step number 「①」), for kinsoku."""
    top: float
    bottom: float
    block: boxes.Box
    ancestors: tuple[boxes.Box, ...]
    wholes: frozenset[int]
    """ids of the one-word elements (``WHOLE_CLASSES``) with text on this line."""

    @property
    def is_heading(self) -> bool:
        return any(is_heading(box) for box in self.ancestors)

    @property
    def phrased(self) -> bool:
        """Whether the line may break only between phrases (a heading or a short text in a box)."""
        if self.is_heading:
            return True
        boxed = any(_classes(box) & PHRASE_BLOCKS for box in self.ancestors)
        return boxed and not any(_classes(box) & PROSE for box in self.ancestors)


def _classes(box: boxes.Box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def is_heading(box: boxes.Box) -> bool:
    """A box that heads what follows it (its element is h1–h6 or a heading paragraph)."""
    if isinstance(box, (boxes.InlineLevelBox, boxes.LineBox)):
        return False
    return getattr(box, "element_tag", None) in HEADING_TAGS or bool(_classes(box) & HEADING_CLASSES)


def _texts(box: boxes.Box, atomic: bool = True) -> Iterator[boxes.TextBox]:
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        if atomic or not isinstance(child, boxes.AtomicInlineLevelBox):
            yield from _texts(child, atomic)


def _wholes(box: boxes.Box, found: set[int]) -> None:
    if isinstance(box, boxes.InlineBox) and _classes(box) & WHOLE_CLASSES and "long" not in _classes(box):
        found.add(id(box.element))
    for child in getattr(box, "children", ()):
        if not isinstance(child, boxes.AtomicInlineLevelBox):
            _wholes(child, found)


def lines_of(page_box: boxes.PageBox) -> list[Line]:
    """The lines of a page in the order they are laid out, without the page's margin boxes."""
    found: list[Line] = []

    def walk(box: boxes.Box, ancestors: tuple[boxes.Box, ...]) -> None:
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, boxes.LineBox):
            text = "".join(t.text for t in _texts(box))
            if text.strip():
                wholes: set[int] = set()
                _wholes(box, wholes)
                flow = "".join(t.text for t in _texts(box, atomic=False))
                found.append(Line(text, flow, box.position_y, box.position_y + box.height, ancestors[-1],
                                  ancestors, frozenset(wholes)))
            return
        for child in getattr(box, "children", ()):
            walk(child, (*ancestors, box))

    walk(page_box, ())
    return found


def _content_area(page_box: boxes.PageBox) -> tuple[float, float, float, float]:
    """left, top, right, bottom of the page's content area (inside its margins)."""
    left, top = page_box.content_box_x(), page_box.content_box_y()
    return left, top, left + page_box.width, top + page_box.height


def _in_flow(box: boxes.Box) -> Iterator[boxes.Box]:
    if isinstance(box, boxes.MarginBox):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from _in_flow(child)


def heading_at_foot(lines: list[Line], page: int, last: bool) -> list[Defect]:
    """A heading is the page's lowest line while more of the document follows."""
    if last or not lines:
        return []
    lowest = max(lines, key=lambda line: (line.bottom, line.top))
    if not lowest.is_heading:
        return []
    return [Defect(page, "heading", f"heading 「{_shown(lowest.text)}」 is the last line of the page")]


def nearly_blank(page_box: boxes.PageBox, lines: list[Line], page: int) -> list[Defect]:
    """The last page of a document of several pages holds almost nothing."""
    _, top, _, bottom = _content_area(page_box)
    ends = [line.bottom for line in lines]
    ends += [b.position_y + b.height for b in _in_flow(page_box) if isinstance(b, boxes.ReplacedBox)]
    filled = (max(ends, default=top) - top) / (bottom - top)
    if filled >= LAST_PAGE_FILL:
        return []
    return [Defect(page, "blank", f"the last page is nearly blank: its {len(lines)} line(s) fill "
                                  f"{filled:.0%} of the page; keep them with the page before")]


def kinsoku(lines: list[Line], page: int) -> list[Defect]:
    """Lines that start or end with a character that may not stand there."""
    defects = []
    for line in lines:
        text = line.flow.replace(ZWSP, "").strip()
        if not text:
            continue
        if text[0] in LINE_START_FORBIDDEN:
            defects.append(Defect(page, "kinsoku", f"line 「{_shown(text)}」 starts with 「{text[0]}」"))
        if text[-1] in LINE_END_FORBIDDEN:
            defects.append(Defect(page, "kinsoku", f"line 「{_shown(text, tail=True)}」 ends with 「{text[-1]}」"))
    return defects


def split_words(lines: list[Line], page: int) -> list[Defect]:
    """Line breaks inside a word: in a token that must stay whole (「4日」), in an element marked as
    one word (a phrase, a name), or inside a phrase of a heading or a box (「事務／局」)."""
    defects = []
    for before, after in itertools.pairwise(lines):
        if before.block is not after.block:
            continue
        head, tail = before.text.rstrip(), after.text.lstrip()
        shown = f"「{_shown(head, 12, tail=True)}／{_shown(tail, 12)}」"
        if before.wholes & after.wholes:
            defects.append(Defect(page, "split", f"{shown}: a word or name is split across lines"))
            continue
        token = "" if _breaks_at_space(before, head, tail) else _cut_token(head, tail)
        if token:
            defects.append(Defect(page, "split", f"{shown}: 「{token}」 is split across lines"))
        elif (before.phrased and head + tail == before.text + after.text and not _at_wbr(head, tail)
              and not _between_phrases(head.replace(ZWSP, ""), tail.replace(ZWSP, ""))):
            defects.append(Defect(page, "split", f"{shown}: a word is split across lines"))
    return defects


def _breaks_at_space(line: Line, head: str, tail: str) -> bool:
    """Whether the break stands where the text has a space (「Canal Street」), which WeasyPrint drops from
    the end of a line: Latin words break there, and no token is cut."""
    element = getattr(line.block, "element", None)
    if element is None:
        return False
    source = re.sub(r"[ \t]+", " ", "".join(element.itertext()))
    return f"{head[-12:]} {tail[:12]}" in source


def _at_wbr(head: str, tail: str) -> bool:
    """A break at a ``<wbr>`` (which WeasyPrint lays out as U+200B) is where the template allowed one."""
    return head.endswith(ZWSP) or tail.startswith(ZWSP)


def _cut_token(head: str, tail: str) -> str:
    """The token of :data:`WHOLE_TOKEN` that a break between ``head`` and ``tail`` cuts, if any."""
    head, tail = head.replace(ZWSP, ""), tail.replace(ZWSP, "")
    joined = head + tail
    if any(m.start() < len(head) < m.end() for m in URL.finditer(joined)):
        return ""
    for match in WHOLE_TOKEN.finditer(joined):
        if match.start() < len(head) < match.end():
            return match.group()
    return ""


def _between_phrases(head: str, tail: str) -> bool:
    """Whether a break between ``head`` and ``tail`` falls between two phrases (or in a web address)."""
    joined = head[-30:] + tail[:30]
    if any(m.start() < len(head[-30:]) < m.end() for m in URL.finditer(joined)):
        return True
    ends, position = set(), 0
    for phrase in phrase_split(joined):
        position += len(phrase)
        ends.add(position)
    return len(head[-30:]) in ends


def outside_margins(page_box: boxes.PageBox, page: int) -> list[Defect]:
    """Text or images that reach past the page's margins."""
    left, top, right, bottom = _content_area(page_box)
    defects = []
    for box in _in_flow(page_box):
        if not isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
            continue
        x, y = box.border_box_x(), box.border_box_y()
        width, height = box.border_width(), box.border_height()
        if (x < left - TOLERANCE or y < top - TOLERANCE or x + width > right + TOLERANCE
                or y + height > bottom + TOLERANCE):
            what = f"text 「{_shown(box.text)}」" if isinstance(box, boxes.TextBox) else "an image"
            defects.append(Defect(page, "margin", f"{what} lies outside the margins"))
    return defects


def missing_glyphs(page_box: boxes.PageBox, page: int) -> list[Defect]:
    """Characters no font could draw: Pango marks their glyphs as unknown, and they print as tofu."""
    missing: dict[str, None] = {}
    for box in _in_flow(page_box):
        if not isinstance(box, boxes.TextBox) or box.pango_layout is None:
            continue
        box.pango_layout.reactivate(box.style)
        line, _ = box.pango_layout.get_first_line()
        if line.runs == ffi.NULL:
            box.pango_layout.deactivate()
            continue
        run = line.runs[0]
        while run != ffi.NULL:
            glyphs = run.data.glyphs
            for index in range(glyphs.num_glyphs):
                glyph = glyphs.glyphs[index].glyph
                if glyph != pango.PANGO_GLYPH_EMPTY and glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    missing[chr(glyph - pango.PANGO_GLYPH_UNKNOWN_FLAG)] = None
            run = run.next
        box.pango_layout.deactivate()
    return [Defect(page, "glyph", f"「{c}」 (U+{ord(c):04X}) has no glyph in any font and prints as a box")
            for c in missing]


def check_document(document) -> list[Defect]:
    """Every defect on every page of a laid-out WeasyPrint document."""
    defects: list[Defect] = []
    count = len(document.pages)
    for index, page in enumerate(document.pages):
        number, page_box = index + 1, page._page_box
        lines = lines_of(page_box)
        defects += heading_at_foot(lines, number, number == count)
        if number == count and count > 1:
            defects += nearly_blank(page_box, lines, number)
        defects += kinsoku(lines, number)
        defects += split_words(lines, number)
        defects += outside_margins(page_box, number)
        defects += missing_glyphs(page_box, number)
    return defects


def _shown(text: str, limit: int = 24, tail: bool = False) -> str:
    text = " ".join(text.replace(ZWSP, "").split())
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if tail else text[:limit] + "…"


def defects_by_file(printed: list[tuple[str, list[Defect]]], files: list[tuple[str, str]]) -> list[tuple[str, Defect]]:
    """Each defect with the file its document was written to.

    ``printed`` holds the documents in the order they were laid out, by name; ``files`` the
    files written, (name, path), in the same order. A name laid out twice is matched in order.
    """
    paths: dict[str, list[str]] = {}
    for name, path in files:
        paths.setdefault(name, []).append(path)
    found: list[tuple[str, Defect]] = []
    for name, defects in printed:
        path = paths[name].pop(0) if paths.get(name) else name
        found.extend((path, defect) for defect in defects)
    return found


def print_warning(path: str, defect: Defect) -> str:
    """``warning: site/<org>/letters/<id>.pdf p3: heading 「…」 is the last line of the page``."""
    return f"warning: {path} p{defect.page}: {defect.message}"
