"""What a merge writes besides the letters: all-letters.pdf for printing and manifest.csv (送付一覧)."""

import csv
from pathlib import Path

import pikepdf

from ..pdf.combine import CombinedLetters
from .plan import Plan
from .workers import LetterWritten

MANIFEST_COLUMNS = ["recipient", "address line", "e-mail", "document number", "file", "pages", "mail"]


class CombinedPrint:
    """all-letters.pdf: every letter in list order for printing, put together while later letters are still
    being written; tagged, one part and one bookmark per recipient, the body's pages stored once
    (:mod:`shuchi.pdf.combine`)."""

    def __init__(self, stage: Path, body: Path, plan: Plan):
        self.stage = stage
        self.plan = plan
        self.out = CombinedLetters(body)
        # a batch's letters come one after another: one heads file open at a time
        self.heads: tuple[Path, pikepdf.Pdf] | None = None
        self.waiting: dict[int, LetterWritten] = {}
        self.following = 0

    def add(self, written: list[LetterWritten]) -> None:
        """Take a batch's letters; append every letter whose predecessors are all in."""
        self.waiting.update((item.index, item) for item in written)
        while self.following in self.waiting:
            self._append(self.waiting.pop(self.following))
            self.following += 1

    def _append(self, item: LetterWritten) -> None:
        label = bookmark(self.plan, item.index)
        if item.heads is None:
            self.out.add_whole(self.stage / "letters" / item.letter, label)
            return
        if self.heads is None or self.heads[0] != item.heads:
            self._close_heads()
            self.heads = (item.heads, pikepdf.open(item.heads))
        self.out.add_stamped(self.heads[1], item.head_page, item.head_shift, label)

    def _close_heads(self) -> None:
        if self.heads is not None:
            self.heads[1].close()
            self.heads = None

    def write(self, target: Path) -> int:
        """Write the PDF; returns its pages."""
        self._close_heads()
        return self.out.save(target, f"{self.plan.letter(0).title}（{self.following}通）")


def bookmark(plan: Plan, index: int) -> str:
    """The bookmark (and structure title) of a recipient's letter in the combined file: its place, 宛名 and
    文書番号, as a secretary looks for it."""
    number = plan.number_line(index)
    return f"{index + 1:03d} {plan.recipients[index].line}" + (f"（{number}）" if number else "")


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
