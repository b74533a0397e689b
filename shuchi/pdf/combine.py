"""Stage 4b: the merge's combined print file (一括印刷用PDF), every letter in it tagged, its body's pages stored once.

Every letter of a merge is the same body with its own head (:mod:`.mergetags`). The combined file
keeps the body's content streams, fonts and images once and gives each letter its own pages (page
dictionaries pointing at them), its own structure elements and its own bookmarks:

* the structure tree is a ``Document`` of one ``Part`` per letter, titled with its recipient, holding
  that letter's pages' parts as a letter written alone has them (letterhead, head, 件名, body), so a screen reader
  reads one letter after the other;
* the outline has one bookmark per recipient, the letter's own bookmarks (its 件名 and headings) under it.

Copying the 650-odd structure elements of a letter one by one in Python would cost more than laying the
letter's head out; qpdf copies them. A *template* — the blank body with its pages' content and resources
left out — is opened afresh for each letter, and its pages, structure, parent-tree arrays and bookmarks
are copied in one go (qpdf maps the template's page references to the letter's copies); then the pages
are pointed at the shared content and the recipient's head is drawn on the first (:func:`.stamp_head`).
A letter laid out whole (its 宛名 too long for the blank) is copied with its own content.
"""

import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf, String

from . import archival
from .mergetags import SAVE, stamp_head

TEMPLATE = Name("/ShuchiLetter")
"""Where the template's catalog keeps what is copied per letter (it never reaches the combined file)."""


class CombinedLetters:
    """The combined file being put together, one letter after another."""

    def __init__(self, body: Path):
        self.out = Pdf.new()
        self.parts = Array()
        self.tree_values: list[Object] = []
        """The parent tree's values; the combined file numbers their keys from 0, so each one's key is its index."""
        self.outline: list[Object] = []
        with pikepdf.open(body) as source:
            archival.declare_combined(self.out, source)
            self.shared = [(self.out.copy_foreign(page.Contents), self.out.copy_foreign(page.Resources))
                           for page in source.pages]
            for page in source.pages:
                del page.Contents, page.Resources
            self.template = _template_bytes(source)

    def add_stamped(self, heads: Pdf, page_number: int, shift: float, label: str) -> int:
        """Append the body with the head on ``heads``' page ``page_number`` (drawn ``shift`` CSS px lower), labelled
        ``label``; returns its pages."""
        with pikepdf.open(io.BytesIO(self.template)) as template:
            pages, part, keys = self._copy_letter(template, label)
        for page, (contents, resources) in zip(pages, self.shared, strict=True):
            page.Contents, page.Resources = contents, resources
        stamp_head(self.out, pages[0], part.K[0], keys[int(pages[0].StructParents)], heads, page_number, shift)
        return len(pages)

    def add_whole(self, letter: Path, label: str) -> int:
        """Append a letter laid out on its own (content, fonts and all), labelled ``label``; returns its pages."""
        with pikepdf.open(letter) as source:
            _mark(source)
            return len(self._copy_letter(source, label)[0])

    def save(self, target: Path, title: str) -> int:
        """Write the file, titled ``title``; returns its pages."""
        root = self.out.Root
        document = self.out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=self.parts))
        tree = self.out.make_indirect(Dictionary(
            Type=Name.StructTreeRoot, K=Array([document]), ParentTree=Dictionary(Nums=Array(
                [item for key, value in enumerate(self.tree_values) for item in (key, value)])),
            ParentTreeNextKey=len(self.tree_values)))
        document.P = tree
        for part in self.parts:
            part.P = document
        root.StructTreeRoot = tree
        outlines = self.out.make_indirect(Dictionary(Type=Name.Outlines))
        _chain(outlines, self.outline)
        outlines.Count = len(self.outline)
        root.Outlines = outlines
        archival.retitle_combined(self.out, title)
        self.out.save(target, force_version=archival.PDF_VERSION, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      **SAVE)
        return len(self.out.pages)

    def _copy_letter(self, source: Pdf, label: str) -> tuple[list[pikepdf.Page], Object, dict[int, Object]]:
        """Copy ``source``'s pages and what :func:`_mark` marked in it; returns the new pages, the letter's part and
        its pages' parent-tree arrays by their new keys."""
        first = len(self.out.pages)
        self.out.pages.extend(source.pages)
        pages = list(self.out.pages[first:])
        marked = self.out.copy_foreign(source.Root[TEMPLATE])
        part = marked.Part
        part.T = String(label)
        self.parts.append(part)
        new = {int(old): self._key(value) for old, value in zip(marked.Keys, marked.Values, strict=True)}
        arrays = {}
        for page in pages:
            page.obj.StructParents = new[int(page.StructParents)]
            arrays[int(page.obj.StructParents)] = self.tree_values[int(page.obj.StructParents)]
            for annotation in page.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = new[int(annotation.StructParent)]
                if "/P" in annotation:
                    annotation.P = page.obj
        item = self.out.make_indirect(Dictionary(Title=String(label), Dest=Array([pages[0].obj, Name.Fit])))
        if "/First" in marked.Outline:
            items = _siblings(marked.Outline.First)
            _chain(item, items)
            item.Count = -_visible(items)  # closed: the recipients are what a secretary looks for
        self.outline.append(item)
        return pages, part, arrays

    def _key(self, value: Object) -> int:
        """Enter ``value`` in the parent tree under the next key; return the key."""
        self.tree_values.append(value)
        return len(self.tree_values) - 1


def _template_bytes(source: Pdf) -> bytes:
    """``source`` (the blank body, its pages stripped of content) with what a letter copies marked, saved."""
    _mark(source)
    for key in ("/StructTreeRoot", "/Outlines", "/Names", "/Metadata", "/OutputIntents"):
        if key in source.Root:
            del source.Root[key]
    buffer = io.BytesIO()
    source.save(buffer, **SAVE)
    return buffer.getvalue()


def _mark(source: Pdf) -> None:
    """Put under the catalog's ``TEMPLATE`` what a letter copies: a part holding its pages' parts (their way up to
    the document cut), its parent-tree keys and values, and its outline."""
    tree = source.Root.StructTreeRoot
    part = source.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Part, K=Array(tree.K[0].K)))
    reached = _own_parents(part, {part.objgen})
    nums = tree.ParentTree.Nums
    values = [nums[index] for index in range(1, len(nums), 2)]
    for value in values:
        for element in value if isinstance(value, Array) else [value]:
            if isinstance(element, Dictionary):
                _cut_loose(element, part, reached)
    outline = source.Root.get("/Outlines", Dictionary())
    source.Root[TEMPLATE] = source.make_indirect(Dictionary(
        Part=part, Keys=Array([nums[index] for index in range(0, len(nums), 2)]), Values=Array(values),
        Outline=outline))


def _own_parents(element: Object, reached: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Make each structure element under ``element`` name its parent as /P; returns ``reached`` with all of them."""
    for kid in element.K:
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
            kid.P = element
            reached.add(kid.objgen)
            _own_parents(kid, reached)
    return reached


def _cut_loose(element: Object, part: Object, reached: set[tuple[int, int]]) -> None:
    """Hang under ``part`` an element of the parent tree that is outside the letter's tree: WeasyPrint gives each
    page's footer a ``NonStruct`` whose parent is the document but which the document does not list. Left as it
    is, copying it would copy the template's whole tree with it."""
    while element.objgen not in reached:
        parent = element.get("/P")
        if parent is None or parent.get("/Type") != Name.StructElem or str(parent.S) == "/Document":
            element.P = part
            return
        element = parent


def _siblings(first: Object) -> list[Object]:
    found = [first]
    while "/Next" in found[-1]:
        found.append(found[-1].Next)
    return found


def _visible(items: list[Object]) -> int:
    """How many outline items show when ``items``' parent is open (an open item shows its own)."""
    return sum(1 + max(int(item.get("/Count", 0)), 0) for item in items)


def _chain(parent: Object, items: list[Object]) -> None:
    """Make ``items`` the children of the outline item (or outline) ``parent``, in order."""
    if not items:
        return
    parent.First, parent.Last = items[0], items[-1]
    for before, item, after in zip([None, *items], items, [*items[1:], None]):
        item.Parent = parent
        if before is None:
            if "/Prev" in item:
                del item.Prev
        else:
            item.Prev = before
        if after is None:
            if "/Next" in item:
                del item.Next
        else:
            item.Next = after
