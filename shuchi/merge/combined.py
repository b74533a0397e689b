"""What a merge writes besides the letters: all-letters.pdf for printing and manifest.csv (送付一覧)."""

import csv
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ..pdf import archival
from ..pdf.assemble import add_letter
from .plan import Plan
from .workers import LetterWritten

MANIFEST_COLUMNS = ["recipient", "address line", "e-mail", "document number", "file", "pages", "mail"]


class CombinedPrint:
    """all-letters.pdf: every letter in list order for printing, put together while later letters are still
    being written. The body's pages are stored once, not once per letter; so the file has no structure tree
    (each letter would need its own) and is declared PDF/A-3b, not 3a and PDF/UA: the recipients' own
    letters are the accessible ones."""

    def __init__(self, stage: Path, body: PdfReader):
        self.stage = stage
        self.body = body
        self.out = PdfWriter()
        # a batch's letters come one after another: one reader at a time
        self.heads: tuple[Path, PdfReader] | None = None
        self.waiting: dict[int, LetterWritten] = {}
        self.following = 0

    def add(self, written: list[LetterWritten]) -> None:
        """Take a batch's letters; append every letter whose predecessors are all in."""
        self.waiting.update((item.index, item) for item in written)
        while self.following in self.waiting:
            self._append(self.waiting.pop(self.following))
            self.following += 1

    def _append(self, item: LetterWritten) -> None:
        if item.heads is None:
            self.out.append(PdfReader(self.stage / "letters" / item.letter))
            return
        if self.heads is None or self.heads[0] != item.heads:
            self.heads = (item.heads, PdfReader(item.heads))
        add_letter(self.out, self.body, self.heads[1], item.head_page)

    def write(self, target: Path, plan: Plan) -> int:
        """Write the PDF; returns its pages."""
        archival.declare_print_copy(self.out, self.body, f"{plan.notice.id}: {self.following} letters")
        with open(target, "wb") as file:
            self.out.write(file)
        return len(self.out.pages)


def write_manifest(plan: Plan, written: list[LetterWritten], target: Path) -> None:
    """manifest.csv: one row per recipient, UTF-8 with BOM so that Excel shows the Japanese as it is."""
    with open(target, "w", encoding="utf-8-sig", newline="") as file:
        rows = csv.writer(file)
        rows.writerow(MANIFEST_COLUMNS)
        for item in written:
            recipient = plan.recipients[item.index]
            number = plan.numbers[item.index]
            rows.writerow([inert(cell) for cell in (
                recipient.label, recipient.line, recipient.email or "",
                plan.organisation.document_number_for(number) if number else "",
                f"letters/{item.letter}", item.pages, f"mail/{item.mail}" if item.mail else "")])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice read a CSV cell as a formula (=HYPERLINK(…), +cmd|…, @SUM(…))."""


def inert(cell: object) -> object:
    """A manifest cell that a spreadsheet shows as text: one that would start a formula gets a leading '."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
