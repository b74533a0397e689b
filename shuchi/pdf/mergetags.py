"""Stage 4b: a mail merge's letter put together from its body and its head, tags and all.

The body (laid out once) and each recipient's head (laid out in batches) are tagged PDFs
(:mod:`shuchi.pdf.archival`). A letter is the body with the head drawn on its first page; for it
to stay tagged, the head's content joins the page's own content, inside its marked-content
sequences, and the head's structure element (文書番号, date, 宛名, 発信者) takes the place of the
blank head in the body's structure tree, after the letterhead and before the 件名. (A form XObject
would draw the head but leave it out of what a screen reader reads.) The head has no link: the
only part of it an organisation may bring, its letterhead, is the body's.

pikepdf (qpdf) copies the body and writes each letter: the structure tree has hundreds of objects,
and pypdf's pure-Python copy of them took 27 ms of CPU per letter (12 ms untagged); qpdf takes 5.

Both PDFs are WeasyPrint's, so their content streams have one known form: a marked-content
sequence opens as ``/Tag <</MCID n>> BDC``, and a resource is used as ``/Name size Tf``,
``/Name gs``, ``/Name Do``, ``/Name sh`` or ``/Name scn``.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf

PT_PER_PX = 0.75
"""PDF points in a CSS pixel (WeasyPrint lays out in CSS px: 96 a inch, 72 points)."""
RESOURCE_KINDS = ("/Font", "/XObject", "/ExtGState", "/Pattern", "/Shading")
PREFIX = "h"
"""Put before the name of each of the head's resources, so that it never meets one of the body's."""

SAVE = {"stream_decode_level": pikepdf.StreamDecodeLevel.none, "fix_metadata_version": False}
"""How qpdf writes a letter: its streams as they are (by default it decompresses and compresses each again, a
third of a letter's cost) and its XMP as WeasyPrint wrote it (it names PDF 1.7 already)."""

_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_USE = re.compile(rb"/([\w.]+)(\s+(?:[-\d.]+\s+Tf|gs|Do|sh|scn|SCN)\b)")


@dataclass(frozen=True)
class Head:
    """The head on a tagged page: the structure element just before its 件名 (the first ``/H1``), which holds
    文書番号, date, 宛名 and 発信者 (the letterhead before it is the body's), and the content it marks."""

    part: Object
    element: Object
    mcids: list[int]


def head_of(pdf: Pdf, page_number: int) -> Head:
    """The head on page ``page_number``: the structure element before the first ``/H1`` of the part on that page."""
    page = pdf.pages[page_number].obj.objgen
    document = pdf.Root.StructTreeRoot.K[0]
    part = next(kid for kid in _kids(document) if kid.Pg.objgen == page)
    kids = list(_kids(part))
    element = kids[next(index for index, kid in enumerate(kids) if kid.S == Name.H1) - 1]
    return Head(part, element, sorted(_mcids(element)))


def retag(content: bytes, mcids: dict[int, int]) -> bytes:
    """``content`` with each marked-content sequence renumbered by ``mcids``; one not in it becomes an artifact."""
    def mark(match: re.Match) -> bytes:
        new = mcids.get(int(match[2]))
        return b"/Artifact BMC" if new is None else b"/%s <</MCID %d>> BDC" % (match[1], new)
    return _MARKED.sub(mark, content)


def blank_body(data: bytes) -> bytes:
    """The body ``data`` without its blank head: the head's elements leave the structure tree and their (empty)
    marked-content sequences become artifacts, so that each letter's own head can take their place."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        blank = head_of(pdf, 0)
        page = pdf.pages[0]
        content = page.Contents.read_bytes()
        kept = {mcid: mcid for mcid in _marked(content) if mcid not in blank.mcids}
        page.Contents = pdf.make_stream(retag(content, kept))
        blank.part.K = Array([kid for kid in blank.part.K if not (isinstance(kid, Dictionary)
                                                                  and kid.objgen == blank.element.objgen)])
        numbers = _page_numbers(pdf, page)
        for mcid in blank.mcids:
            numbers[mcid] = None
        return _saved(pdf)


def stamped_letter(body: Path, heads: Pdf, page_number: int, shift: float) -> tuple[bytes, int]:
    """A letter: ``body`` (a PDF made by :func:`blank_body`) with the head on ``heads``' page ``page_number``
    drawn on its first page ``shift`` CSS px lower and its structure element just before the 件名; and its page
    count."""
    with pikepdf.open(body) as pdf:
        page = pdf.pages[0]
        stamp_head(pdf, page, pdf.Root.StructTreeRoot.K[0].K[0], _page_numbers(pdf, page), heads, page_number,
                   shift)
        return _saved(pdf), len(pdf.pages)


def stamp_head(pdf: Pdf, page: pikepdf.Page, part: Object, numbers: Object, heads: Pdf, page_number: int,
               shift: float) -> None:
    """Draw the head on ``heads``' page ``page_number`` onto ``page`` (a first page of the blank body, in ``pdf``),
    ``shift`` CSS px lower, and put its structure element before the 件名 in ``part``; ``numbers`` is the page's
    parent-tree array."""
    head = head_of(heads, page_number)
    source = heads.pages[page_number]
    renumbered = {mcid: len(numbers) + index for index, mcid in enumerate(head.mcids)}
    drawing = _USE.sub(rb"/" + PREFIX.encode() + rb"\1\2", source.Contents.read_bytes())
    down = b"1 0 0 1 0 %.4f cm\n" % (-shift * PT_PER_PX)
    page.Contents = Array([pdf.make_stream(b"q\n" + down + retag(drawing, renumbered) + b"\nQ\n"), page.Contents])
    page.Resources = _resources(pdf, page.Resources, pdf.copy_foreign(source.obj.Resources))
    holders: dict[int, Object] = {}
    copy = _copy(pdf, head.element, part, page, renumbered, holders)
    kids = list(part.K)
    title = next(index for index, kid in enumerate(kids) if isinstance(kid, Dictionary) and kid.get("/S") == Name.H1)
    part.K = Array([*kids[:title], copy, *kids[title:]])
    numbers.extend(holders[new] for new in sorted(holders))


def _saved(pdf: Pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, **SAVE)
    return buffer.getvalue()


def _kids(element: Object) -> Iterator[Object]:
    """The structure elements among ``element``'s children."""
    for kid in element.K:
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
            yield kid


def _mcids(element: Object) -> Iterator[int]:
    yield from (int(kid) for kid in element.K if isinstance(kid, int))
    for kid in _kids(element):
        yield from _mcids(kid)


def _marked(content: bytes) -> list[int]:
    return [int(match[2]) for match in _MARKED.finditer(content)]


def _page_numbers(pdf: Pdf, page: pikepdf.Page) -> Object:
    """The parent tree's array for ``page``: the structure element of each of its MCIDs."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return next(nums[index + 1] for index in range(0, len(nums), 2) if nums[index] == page.StructParents)


def _resources(pdf: Pdf, own: Object, head: Object) -> Object:
    """The body page's resources and the head's (already copied into ``pdf``), the head's named with PREFIX."""
    merged = Dictionary(dict(own.items()))
    for kind in RESOURCE_KINDS:
        entries = Dictionary(dict(own[kind].items()) if kind in own else {})
        for name, value in (head[kind].items() if kind in head else []):
            entries[f"/{PREFIX}{name[1:]}"] = value
        merged[kind] = entries
    return pdf.make_indirect(merged)


def _copy(pdf: Pdf, element: Object, parent: Object, page: pikepdf.Page, mcids: dict[int, int],
          holders: dict[int, Object]) -> Object:
    """A copy of the structure element ``element`` in ``pdf``, on ``page``, its MCIDs renumbered by ``mcids``;
    ``holders`` learns which copy holds each new MCID (for the parent tree)."""
    copy = pdf.make_indirect(Dictionary({key: _foreign(pdf, value) for key, value in element.items()
                                         if key not in ("/K", "/P", "/Pg")}))
    copy.P, copy.Pg = parent, page.obj
    kids: list[Object | int] = []
    for kid in element.K:
        if isinstance(kid, int):
            kids.append(mcids[int(kid)])
            holders[mcids[int(kid)]] = copy
        else:
            kids.append(_copy(pdf, kid, copy, page, mcids, holders))
    copy.K = Array(kids)
    return copy


def _foreign(pdf: Pdf, value: Object) -> Object:
    """``value``, from another PDF, as an object of ``pdf`` (qpdf copies indirect objects only)."""
    if not isinstance(value, Object):  # a number: pikepdf gives it as a Python one
        return value
    if value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Dictionary):
        return Dictionary({key: _foreign(pdf, item) for key, item in value.items()})
    if isinstance(value, Array):
        return Array([_foreign(pdf, item) for item in value])
    return value
