"""Stage 4b: the letters of a mail merge (差し込み印刷) as PDF, their shared body laid out once.

The letters of a merge differ only in their head on the first page: letterhead, 文書番号, date,
宛名 and 発信者. Laying the same pages out again for every recipient is what makes a merge slow
(about 0.3 s of WeasyPrint layout per five-page letter here), so:

* the **body** — the whole letter with its head left blank — is laid out once;
* the recipients' **heads** are laid out in batches, one page each, as one document;
* each letter is the body's pages, its first page drawing the recipient's head underneath the
  body's text and the head's structure elements put before the 件名 (:mod:`.mergetags`): the
  letter is tagged as one laid out whole is, and reads in order: head, 件名, body.

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
    """The letter laid out once with its head blank (and out of its structure tree): its PDF and where its
    件名 starts."""

    pdf: bytes
    title_at: float


@dataclass(frozen=True)
class Heads:
    """A batch of recipients' heads: their PDF, and for each head its page and where its 件名 would start."""

    pdf: bytes
    pages: list[int]
    title_at: list[float | None]


def lay_out_body(writer: Typesetter, env: Environment, letter: Letter, logo: Path) -> Body:
    """Lay the letter out once, its head left blank for the recipients' heads."""
    html = merge_body_html(env, letter, logo=logo.resolve().as_uri())
    document = writer.document(html, logo.parent, letter.slug)
    return Body(blank_body(archival.pdf_bytes(document)), document.pages[0].anchors["letter-title"][1])


def lay_out_heads(writer: Typesetter, env: Environment, letters: list[Letter], logo: Path, name: str) -> Heads:
    """Lay out the heads of ``letters`` as one document, one page each; ``name`` says which in an error."""
    html = merge_heads_html(env, letters, logo=logo.resolve().as_uri())
    document = writer.document(html, logo.parent, name)
    found: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(document.pages):
        for name, (_, top, _, _) in page.anchors.items():
            found.setdefault(name, (number, top))
    pages, title_at = [], []
    for index in range(len(letters)):
        head_page = found[f"head-{index}"][0]
        title_page, title_y = found.get(f"title-{index}", (None, None))
        pages.append(head_page)
        title_at.append(title_y if title_page == head_page else None)
    return Heads(archival.pdf_bytes(document), pages, title_at)


def fits(body_title_at: float, head_title_at: float | None) -> bool:
    """Whether a head leaves the 件名 exactly where the body has it (to a hundredth of a pixel)."""
    return head_title_at is not None and abs(head_title_at - body_title_at) < 0.01
