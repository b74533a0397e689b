"""Stage 4b: a mail merge's letter put together from its body and its head, tags and all.

The body (laid out once) and each recipient's head (laid out in batches) are tagged PDFs
(:mod:`shuchi.pdf.archival`). A letter is the body with the head drawn on its first page; for it
to stay tagged, the head's content joins the page's own content, inside its marked-content
sequences, and the head's structure elements (letterhead and logo, 文書番号, date, 宛名, 発信者) take
the place of the blank head in the body's structure tree, before the 件名. (A form XObject would
draw the head but leave it out of what a screen reader reads.)

pikepdf (qpdf) copies the body and writes each letter: the structure tree has hundreds of objects,
and pypdf's pure-Python copy of them took 27 ms of CPU per letter (12 ms untagged); qpdf takes 5.

Both PDFs are WeasyPrint's, so their content streams have one known form: a marked-content
sequence opens as ``/Tag <</MCID n>> BDC``, and a resource is used as ``/Name size Tf``,
``/Name gs``, ``/Name Do``, ``/Name sh`` or ``/Name scn``.
"""

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf

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
    """The part of a tagged page before its 件名 (the first ``/H1``): its structure elements, their content."""

    part: Object
    elements: list[Object]
    mcids: list[int]


def head_of(pdf: Pdf, page_number: int) -> Head:
    """The head on page ``page_number``: the structure elements before the first ``/H1`` of the part on that page."""
    page = pdf.pages[page_number].obj.objgen
    document = pdf.Root.StructTreeRoot.K[0]
    part = next(kid for kid in _kids(document) if kid.Pg.objgen == page)
    elements = []
    for element in _kids(part):
        if element.S == Name.H1:
            break
        elements.append(element)
    return Head(part, elements, sorted(mcid for element in elements for mcid in _mcids(element)))


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
        blank.part.K = Array(list(blank.part.K)[len(blank.elements):])
        numbers = _page_numbers(pdf, page)
        for mcid in blank.mcids:
            numbers[mcid] = None
        return _saved(pdf)


def stamped_letter(body: Path, heads: Pdf, page_number: int) -> tuple[bytes, int]:
    """A letter: ``body`` (a PDF made by :func:`blank_body`) with the head on ``heads``' page ``page_number``
    drawn on its first page and its structure elements first in the part the 件名 is in; and its page count."""
    with pikepdf.open(body) as pdf:
        page = pdf.pages[0]
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(nums[index]) for index in range(0, len(nums), 2)]

        def link_key(holder: Object) -> int:
            keys.append(max(keys) + 1)
            nums.append(keys[-1])
            nums.append(holder)
            return keys[-1]
        stamp_head(pdf, page, pdf.Root.StructTreeRoot.K[0].K[0], _page_numbers(pdf, page), heads, page_number,
                   link_key)
        return _saved(pdf), len(pdf.pages)


def stamp_head(pdf: Pdf, page: pikepdf.Page, part: Object, numbers: Object, heads: Pdf, page_number: int,
               link_key: Callable[[Object], int]) -> None:
    """Draw the head on ``heads``' page ``page_number`` onto ``page`` (a first page of the blank body, in ``pdf``)
    and put its structure elements first in ``part``; ``numbers`` is the page's parent-tree array, and
    ``link_key`` enters a link's holder in the parent tree and returns its key."""
    head = head_of(heads, page_number)
    source = heads.pages[page_number]
    renumbered = {mcid: len(numbers) + index for index, mcid in enumerate(head.mcids)}
    drawing = _USE.sub(rb"/" + PREFIX.encode() + rb"\1\2", source.Contents.read_bytes())
    page.Contents = Array([pdf.make_stream(b"q\n" + retag(drawing, renumbered) + b"\nQ\n"), page.Contents])
    page.Resources = _resources(pdf, page.Resources, pdf.copy_foreign(source.obj.Resources))
    holders: dict[int, Object] = {}
    copies = [_copy(pdf, element, part, page, renumbered, holders, link_key) for element in head.elements]
    part.K = Array([*copies, *part.K])
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
          holders: dict[int, Object], link_key: Callable[[Object], int]) -> Object:
    """A copy of the structure element ``element`` in ``pdf``, on ``page``, its MCIDs renumbered by ``mcids``;
    ``holders`` learns which copy holds each new MCID (for the parent tree). A link (an annotation, which an
    organisation's own letterhead may have) is copied onto the page with it."""
    copy = pdf.make_indirect(Dictionary({key: _foreign(pdf, value) for key, value in element.items()
                                         if key not in ("/K", "/P", "/Pg")}))
    copy.P, copy.Pg = parent, page.obj
    kids: list[Object | int] = []
    for kid in element.K:
        if isinstance(kid, int):
            kids.append(mcids[int(kid)])
            holders[mcids[int(kid)]] = copy
        elif kid.get("/Type") == Name.OBJR:
            kids.append(_copy_link(pdf, kid, copy, page, link_key))
        else:
            kids.append(_copy(pdf, kid, copy, page, mcids, holders, link_key))
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


def _copy_link(pdf: Pdf, objr: Object, holder: Object, page: pikepdf.Page,
               link_key: Callable[[Object], int]) -> Object:
    """The head's link on the letter's page: its annotation, the reference to it, and its parent-tree entry."""
    annotation = pdf.copy_foreign(objr.Obj)
    annotation.StructParent = link_key(holder)
    if "/P" in annotation:
        annotation.P = page.obj
    page.Annots = Array([*page.get("/Annots", Array()), annotation])
    return pdf.make_indirect(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))
