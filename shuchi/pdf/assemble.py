"""Stage 4b: the letters of a mail merge (差し込み印刷) as PDF, their shared body laid out once.

The letters of a merge differ only in their head on the first page: 文書番号, date, 宛名 and 発信者.
Laying the same pages out again for every recipient is what makes a merge slow (about 0.3 s of
WeasyPrint layout per five-page letter here), so:

* the **body** — the whole letter with its letterhead, the rest of its head left blank — is laid out once;
* the recipients' **heads** (that rest) are laid out in batches, one page each, as one document;
* each letter is the body's pages, its first page drawing the recipient's head (moved down into the blank)
  underneath the body's text and the head's structure elements put before the 件名 (:mod:`.mergetags`):
  the letter is tagged as one laid out whole is, and reads in order: letterhead, head, 件名, body.

A head taller than the blank the body leaves for it (a 宛名 on two lines) would run into the 件名;
:func:`fits` tells, and that letter is laid out whole on its own instead.
"""

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from ..typeset.letter import Letter
from ..typeset.pages import merge_body_html, merge_heads_html
from . import archival
from .mergetags import blank_body
from .typesetter import Typesetter


@dataclass(frozen=True)
class Body:
    """The letter laid out once with its letterhead and the rest of its head blank (and out of its structure
    tree): its PDF, where that blank starts and how far below it the 件名 starts (CSS px)."""

    pdf: bytes
    head_at: float
    title_at: float | None


@dataclass(frozen=True)
class Heads:
    """A batch of recipients' heads: their PDF, and for each head its page, where it starts and how far below that
    its 件名 would start (None: not on the same page)."""

    pdf: bytes
    pages: list[int]
    head_at: list[float]
    title_at: list[float | None]


def lay_out_body(writer: Typesetter, env: Environment, letter: Letter, logo: Path) -> Body:
    """Lay the letter out once, its head but for the letterhead left blank for the recipients' heads."""
    html = merge_body_html(env, letter, logo=logo.resolve().as_uri())
    document = writer.document(html, logo.parent, letter.slug)
    anchors = document.pages[0].anchors
    head_at = anchors["letter-head"][1]
    title = anchors.get("letter-title")
    if title is None:  # a very long head pushed the 件名 off the first page: no head is drawn on it, each letter
        return Body(archival.pdf_bytes(document), head_at, None)  # is laid out whole
    return Body(blank_body(archival.pdf_bytes(document)), head_at, title[1] - head_at)


def lay_out_heads(writer: Typesetter, env: Environment, letters: list[Letter], logo: Path, name: str) -> Heads:
    """Lay out the heads of ``letters`` as one document, one page each; ``name`` says which in an error.
    The letterhead is the body's: a head is the rest, which costs WeasyPrint a third less to lay out."""
    html = merge_heads_html(env, letters, logo=logo.resolve().as_uri())
    document = writer.document(html, logo.parent, name)
    found: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(document.pages):
        for name, (_, top, _, _) in page.anchors.items():
            found.setdefault(name, (number, top))
    pages, head_at, title_at = [], [], []
    for index in range(len(letters)):
        head_page, head_y = found[f"head-{index}"]
        title_page, title_y = found.get(f"title-{index}", (None, None))
        pages.append(head_page)
        head_at.append(head_y)
        title_at.append(title_y - head_y if title_page == head_page and title_y is not None else None)
    return Heads(archival.pdf_bytes(document), pages, head_at, title_at)


def fits(body_title_at: float | None, head_title_at: float | None) -> bool:
    """Whether a head is exactly as tall as the blank the body leaves for it (to a hundredth of a pixel); never
    when the body's 件名 is not on its first page."""
    if body_title_at is None or head_title_at is None:
        return False
    return abs(head_title_at - body_title_at) < 0.01
